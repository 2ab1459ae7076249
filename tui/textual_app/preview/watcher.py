"""Watch a course folder for changes to its files, in a thread of its own, and say when they settle.

watchfiles does the watching and the debouncing: changes are grouped until none has come for
``step_ms`` (at most ``debounce_ms``), so an editor's save (a temporary file, a rename) is one
change. Only course files count (``.toml`` and ``.md``, and folders): a progress database kept
inside the folder does not make the preview reload itself.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path

from watchfiles import Change, DefaultFilter, watch

COURSE_SUFFIXES = (".toml", ".md")
STEP_MS, DEBOUNCE_MS = 100, 1_000
WAKE_MS = 250  # how often the thread wakes with nothing changed (the first wake-up says it is watching)
THREAD_NAME = "course-preview-watcher"


class CourseFiles(DefaultFilter):
    """watchfiles' default filter (no editor swap files, no ``.git``), and course files only."""

    def __call__(self, change: Change, path: str) -> bool:
        if not super().__call__(change, path):
            return False
        name = os.path.basename(path)
        if name.endswith(COURSE_SUFFIXES):
            return True
        return os.path.isdir(path) or (change == Change.deleted and "." not in name)  # a module folder


class CourseWatcher:
    """Calls ``on_change(paths)`` on its own thread after files of the folder changed, and ``on_error``
    when that fails (watching goes on) or watching fails (the folder was removed, say: it stops).
    :meth:`stop` ends the thread."""

    def __init__(
        self,
        root: Path,
        on_change: Callable[[set[Path]], None],
        on_error: Callable[[BaseException], None],
        *,
        step_ms: int = STEP_MS,
        debounce_ms: int = DEBOUNCE_MS,
    ) -> None:
        self.root = root
        self._on_change, self._on_error = on_change, on_error
        self._step_ms, self._debounce_ms = step_ms, debounce_ms
        self._stop = threading.Event()
        self.watching = threading.Event()  # set once changes are being recorded
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        """Start watching (once)."""
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name=THREAD_NAME, daemon=True)
            self._thread.start()

    @property
    def stopping(self) -> bool:
        return self._stop.is_set()

    @property
    def alive(self) -> bool:
        """Whether the watching thread is still running."""
        return self._thread is not None and self._thread.is_alive()

    def stop(self, timeout: float = 5.0) -> bool:
        """Stop watching and wait (up to ``timeout`` seconds) for the thread to end; ``True`` once it has."""
        self._stop.set()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout)
        return not self.alive

    def _run(self) -> None:
        try:
            for changes in watch(
                self.root,
                watch_filter=CourseFiles(),
                debounce=self._debounce_ms,
                step=self._step_ms,
                stop_event=self._stop,
                rust_timeout=WAKE_MS,
                yield_on_timeout=True,
                raise_interrupt=False,
            ):
                self.watching.set()
                if changes and not self._stop.is_set():
                    self._changed({Path(path) for _, path in changes})
        except Exception as error:  # the folder went away, or the system refused a watch: say so, stop
            if not self._stop.is_set():
                self._on_error(error)
        finally:
            self.watching.clear()

    def _changed(self, paths: set[Path]) -> None:
        try:
            self._on_change(paths)
        except Exception as error:  # reloading failed: report it and keep watching
            self._on_error(error)

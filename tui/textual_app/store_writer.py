"""Write to the progress store off the UI thread, in order, retrying until the write succeeds.

Every write the app makes goes through one queue served by one thread worker, so writes keep their
order (an answer is saved before the attempt that holds it is finished) and the UI never waits on
disk. A write that fails (the database is locked by another program, say) is kept and retried, and
the learner is told; nothing the app has shown as recorded is dropped.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from progress_store import StoreError

RETRY_SECONDS = 1.0


@dataclass
class _Job:
    write: Callable[[], Any]
    done: Callable[[Any], None] | None


class StoreWriter:
    """A FIFO of store writes, served by :meth:`run` on a worker thread."""

    def __init__(self, call_on_ui: Callable[..., Any], warn: Callable[[str], None]) -> None:
        self._jobs: queue.Queue[_Job | None] = queue.Queue()
        self._call_on_ui = call_on_ui
        self._warn = warn
        self._idle = threading.Event()
        self._idle.set()
        self._stopping = threading.Event()

    def submit(self, write: Callable[[], Any], done: Callable[[Any], None] | None = None) -> None:
        """Queue ``write``; ``done(result)`` then runs on the UI thread."""
        self._idle.clear()
        self._jobs.put(_Job(write, done))

    def run(self) -> None:
        """Serve the queue until :meth:`stop`; runs on a thread worker."""
        while True:
            job = self._jobs.get()
            if job is None:
                self._idle.set()
                return
            result = self._perform(job)
            if job.done is not None:
                self._call_on_ui(job.done, result)
            if self._jobs.empty():
                self._idle.set()

    def _perform(self, job: _Job) -> Any:
        warned = False
        while True:
            try:
                return job.write()
            except StoreError as error:
                if self._stopping.is_set():
                    raise
                if not warned:
                    self._call_on_ui(self._warn, f"Progress not saved yet: {error}. Retrying…")
                    warned = True
                time.sleep(RETRY_SECONDS)

    def wait_idle(self, timeout: float | None = None) -> bool:
        """Block until every queued write is done; ``False`` on timeout."""
        return self._idle.wait(timeout)

    @property
    def pending(self) -> int:
        """How many writes are queued and not yet done."""
        return self._jobs.qsize() + (0 if self._idle.is_set() else 1)

    def stop(self) -> None:
        """Finish the queued writes, then end :meth:`run`."""
        self._stopping.set()
        self._jobs.put(None)

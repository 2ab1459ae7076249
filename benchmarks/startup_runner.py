"""Start an app headless, let it paint its first screen, and exit: the process the start-up benchmark times.

    python -m benchmarks.startup_runner course [course options...]   # the real `course` command
    python -m benchmarks.startup_runner course-uncached [options...] # the same, the course cache never hit
    python -m benchmarks.startup_runner bare                         # Header, Static and Footer only

Both run through Textual's own ``App.run``, made headless at 80x24 with an auto-pilot that waits
until a screen of the app's own (not Textual's default screen) is mounted and the app is idle
(laid out and painted), then exits. ``course`` goes through ``course.cli.main``: the composition
root's code path, imports included.
"""

from __future__ import annotations

import atexit
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

PEAK_FILE = "STARTUP_PEAK_FILE"  # where the process writes its peak RSS (kB) at exit, when set


def _write_peak() -> None:
    """This process's own peak RSS (VmHWM) into ``$STARTUP_PEAK_FILE``. Not ``ru_maxrss`` from the parent:
    Linux carries the forking parent's high-water mark over ``exec`` into it."""
    status = Path("/proc/self/status")
    peak = next((line.split()[1] for line in status.read_text().splitlines() if line.startswith("VmHWM:")), "")
    Path(os.environ[PEAK_FILE]).write_text(peak)


async def _first_screen(pilot: Any) -> None:
    """Wait for the app's first own screen to be painted, then quit."""
    app = pilot.app
    for _ in range(2000):
        await pilot.pause()
        screen = app.screen
        if screen.id != "_default" and screen.is_mounted:
            break
    await pilot.pause()
    app.exit()


def _headless_run() -> None:
    """Make every ``App.run`` headless at 80x24 with the first-screen auto-pilot."""
    from textual.app import App

    original = App.run

    def run(self: Any, **options: Any) -> Any:
        options.update(headless=True, size=(80, 24), auto_pilot=_first_screen)
        return original(self, **options)

    App.run = run  # type: ignore[method-assign]


def bare() -> int:
    """The floor: a Textual app with a header, one line of text and a footer."""
    from textual.app import App, ComposeResult
    from textual.screen import Screen
    from textual.widgets import Footer, Header, Static

    class Bare(Screen[None]):
        def compose(self) -> ComposeResult:
            yield Header()
            yield Static("One line of text.")
            yield Footer()

    class BareApp(App[None]):
        def on_mount(self) -> None:
            self.push_screen(Bare())

    BareApp().run()
    return 0


def main(argv: Sequence[str]) -> int:
    if not argv or argv[0] not in ("course", "course-uncached", "bare"):
        print("usage: python -m benchmarks.startup_runner course|course-uncached|bare [options]", file=sys.stderr)
        return 2
    if os.environ.get(PEAK_FILE) and Path("/proc/self/status").exists():
        atexit.register(_write_peak)
    _headless_run()
    if argv[0] == "bare":
        return bare()
    if argv[0] == "course-uncached":  # what starting cost before the cache: every file read and checked
        from course.loading import course_cache

        course_cache.cache_key = lambda root: None
    from course.cli import main as course_main

    return course_main(list(argv[1:]))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

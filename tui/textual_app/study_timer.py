"""Count the time a learner spends on a screen and save it as study time."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui.textual_app.app import CourseApp


class StudyTimer:
    """Started when a lesson or quiz is shown, flushed when it is left; the store caps each flush."""

    def __init__(self, object_type: str, object_id: str) -> None:
        self.object_type = object_type
        self.object_id = object_id
        self.started: float | None = None

    def start(self) -> None:
        """Start (or restart) counting."""
        self.started = time.monotonic()

    def flush(self, app: "CourseApp") -> None:
        """Save the time since :meth:`start` and stop counting."""
        if self.started is None:
            return
        seconds = time.monotonic() - self.started
        self.started = None
        progress, now = app.progress, app.clock()
        kind, ident = self.object_type, self.object_id
        app.write(lambda: progress.add_study_time(kind, ident, seconds, now), app.progress_changed)

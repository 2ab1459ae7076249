"""Count the time a learner spends on a screen and save it as study time (off the UI thread)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from course.engine.study_time import StudyTimer as Stopwatch

if TYPE_CHECKING:
    from tui.textual_app.app import CourseApp


class StudyTimer:
    """Started when a lesson or quiz is shown, flushed when it is left."""

    def __init__(self, object_type: str, object_id: str) -> None:
        self.stopwatch = Stopwatch(object_type, object_id)

    def start(self) -> None:
        """Start (or restart) counting."""
        self.stopwatch.start()

    def flush(self, app: CourseApp) -> None:
        """Save the time since :meth:`start` and stop counting."""
        if not self.stopwatch.running:
            return
        seconds = self.stopwatch.stop()
        kind, ident, progress = self.stopwatch.object_type, self.stopwatch.object_id, app.study.progress
        app.write(lambda: progress.add_study_time(kind, ident, seconds), app.progress_changed)

"""Engaged time on a lesson or quiz screen: the screen starts and stops the engine's engagement meter.

The meter (``study.ce.engagement``) counts only while the terminal is visible and the learner has
touched a key or the mouse within the idle allowance; the app feeds it every input, focus change and
suspension (see ``CourseApp``) and sends every span it flushes to the store writer. There is no cap
per visit any more: idle time is simply not counted.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui.textual_app.app import CourseApp


class StudyTimer:
    """Started when a lesson or quiz is shown (mount, resume), flushed and stopped when it is left."""

    def __init__(self, object_type: str, object_id: str) -> None:
        self.object_type = object_type
        self.object_id = object_id
        self.running = False

    def start(self, app: CourseApp) -> None:
        """Meter this object from now on (the screen calls it on mount and resume)."""
        app.study.ce.engagement.start(self.object_type, self.object_id, app.clock())
        self.running = True

    def flush(self, app: CourseApp) -> None:
        """The screen is left, covered or the app quits: write what was engaged and stop metering."""
        if not self.running:
            return
        self.running = False
        meter = app.study.ce.engagement
        if meter.current == (self.object_type, self.object_id):
            meter.stop(app.clock())

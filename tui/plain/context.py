"""What the plain-mode views share: the console, the study engine and the time spent per place."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from course.domain.models import Course
from course.engine import Study
from course.engine.study_time import StudyTimer
from progress_store import StoreError
from tui.plain.console import Console


@dataclass
class Plain:
    """One learner taking one course in plain text."""

    console: Console
    study: Study

    @property
    def course(self) -> Course:
        return self.study.course

    @contextmanager
    def timed(self, object_type: str, object_id: str) -> Iterator[None]:
        """Count the time spent in the block as study time of a lesson or quiz (as the app does)."""
        timer = StudyTimer(object_type, object_id)
        timer.start()
        try:
            yield
        finally:
            seconds = timer.stop()
            try:
                self.study.progress.add_study_time(object_type, object_id, seconds)
            except StoreError as error:
                self.console.tell(f"Study time not saved: {error}")

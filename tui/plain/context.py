"""What the plain-mode views share: the console, the study engine and the engaged time per place."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from course.domain.models import Course
from course.engine import Study
from progress_store import StoreError
from tui.plain.console import Console

FLUSH_SECONDS = 60.0  # write engaged time at the first line typed after a minute has accrued


@dataclass
class Plain:
    """One learner taking one course in plain text; ``certificates`` is where certificate PDFs go
    (``None``: the current folder, or the data folder when that cannot be written)."""

    console: Console
    study: Study
    certificates: Path | None = None

    def __post_init__(self) -> None:
        self.console.heard = self.heard

    @property
    def course(self) -> Course:
        return self.study.course

    def now(self) -> datetime:
        return self.study.learner.clock()

    def heard(self) -> None:
        """A line was typed: the learner is here (the meter's input); write what a minute or more has accrued."""
        meter, now = self.study.ce.engagement, self.now()
        meter.activity(now)
        if meter.current is not None and meter.pending_seconds(now) >= FLUSH_SECONDS:
            self._saving(lambda: meter.flush(now))

    @contextmanager
    def timed(self, object_type: str, object_id: str) -> Iterator[None]:
        """Meter the block as engaged time on a lesson or quiz (``study.ce.engagement``, written as it
        is flushed: study time and engaged time at once, idle time left out)."""
        meter = self.study.ce.engagement
        meter.start(object_type, object_id, self.now())
        try:
            yield
        finally:
            self._saving(lambda: meter.stop(self.now()))

    def _saving(self, write: Callable[[], object]) -> None:
        try:
            write()
        except StoreError as error:
            self.console.tell(f"Engaged time not saved: {error}")

"""What every use case of the engine shares: the course, one learner's records, a clock and a seed source."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone

from course.domain.models import Course
from progress_store import LearnerProgress
from quizzes.review import ReviewScheduler, clamp_retention

Clock = Callable[[], datetime]
SeedSource = Callable[[], int]

RETENTION_KEY = "desired_retention"


def utc_now() -> datetime:
    """The current time, aware, in UTC."""
    return datetime.now(timezone.utc)


def random_seed() -> int:
    """A fresh seed for an attempt's question plan."""
    return random.SystemRandom().randrange(1, 2**31)


@dataclass(frozen=True)
class Learner:
    """One learner taking one course: the state a use case reads and writes."""

    course: Course
    records: LearnerProgress
    clock: Clock = utc_now
    new_seed: SeedSource = random_seed
    fuzz_reviews: bool = True
    last_opened_key: str = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "last_opened_key", f"last-opened:{self.course.info.id}")

    def desired_retention(self) -> float:
        """The learner's desired retention (the default unless they changed it), within the bounds."""
        return clamp_retention(self.records.setting(RETENTION_KEY, None))

    def scheduler(self) -> ReviewScheduler:
        """An FSRS scheduler at the learner's desired retention."""
        return ReviewScheduler(self.desired_retention(), fuzz=self.fuzz_reviews)

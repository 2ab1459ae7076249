"""The study engine's front door: one learner taking one course, as the use cases front ends call."""

from __future__ import annotations

from collections.abc import Callable

from course.domain.models import Course
from course.engine.ce import CeTrack
from course.engine.ce_results import new_certificate_id as fresh_certificate_id
from course.engine.context import Clock, Learner, SeedSource, random_seed, utc_now
from course.engine.progress import Progress
from course.engine.quiz_session import QuizSession
from course.engine.review import ReviewSession
from progress_store import LearnerProgress


class Study:
    """Everything a front end needs to let one learner take one course, and nothing to present it.

    ``quizzes`` opens, answers and submits attempts; ``progress`` knows the map, Continue, resume and
    next/previous and records lessons and study time; ``reviews`` runs spaced review; ``ce`` is the
    clinician track (the activity page, engaged time, evaluation, attestation, certificate).
    ``records`` is the learner's store for what has no rule (notes, bookmarks, settings).
    """

    def __init__(
        self,
        course: Course,
        records: LearnerProgress,
        *,
        clock: Clock | None = None,
        new_seed: SeedSource | None = None,
        fuzz_reviews: bool = True,
        new_certificate_id: Callable[[], str] = fresh_certificate_id,
    ) -> None:
        self.learner = Learner(course, records, clock or utc_now, new_seed or random_seed, fuzz_reviews)
        self.course = course
        self.records = records
        self.quizzes = QuizSession(self.learner)
        self.progress = Progress(self.learner)
        self.reviews = ReviewSession(self.learner)
        self.ce = CeTrack(self.learner, new_certificate_id)

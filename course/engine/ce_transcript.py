"""A learner's transcript: every completed module with its best score and engaged time, and the certificates."""

from __future__ import annotations

import math
from datetime import datetime, timezone

from course.domain.certificate import CertificatePayload, Transcript, TranscriptModule
from course.domain.models import Course, Module
from course.engine.progress import module_status
from progress_store import Attempt, LearnerProgress
from quizzes.scoring import reaches_pass_mark


def utc_stamp(moment: datetime) -> str:
    """``YYYY-MM-DDTHH:MM:SSZ`` of an aware ``moment``."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"expected an aware datetime, got {moment!r}")
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def floor_minutes(seconds: float) -> int:
    return math.floor(seconds / 60 + 1e-9)


def build_transcript(
    course: Course, records: LearnerProgress, now: datetime, certificates: list[CertificatePayload]
) -> Transcript:
    """The transcript as of ``now``: the modules whose lessons are all done, in course order; a module's
    date is its last lesson's (or its first passing quiz's, when later), its score the best full attempt."""
    statuses = records.lesson_statuses()
    completions = records.lesson_completions()
    scores = records.best_scores()
    engaged = records.engaged_seconds()
    full = [a for a in records.attempts(kind="full") if a.finished]
    rows = []
    for module in course.modules:
        if module_status(module, statuses, scores) not in ("done", "passed"):
            continue
        rows.append(_row(module, completions, scores, engaged, [a for a in full if module.quiz and a.quiz_id == module.quiz.id]))
    return Transcript(
        learner=records.learner,
        course_id=course.info.id,
        course_title=course.info.title,
        generated_at=utc_stamp(now),
        modules=tuple(rows),
        engaged_minutes=floor_minutes(sum(engaged.values())),
        certificates=tuple(certificates),
    )


def _row(
    module: Module,
    completions: dict[str, str],
    scores: dict[str, float],
    engaged: dict[tuple[str, str], float],
    attempts: list[Attempt],
) -> TranscriptModule:
    times = [completions[lesson.id] for lesson in module.lessons if lesson.id in completions]
    seconds = sum(engaged.get(("lesson", lesson.id), 0.0) for lesson in module.lessons)
    best: float | None = None
    passed: bool | None = None
    if module.quiz is not None:
        quiz = module.quiz
        seconds += engaged.get(("quiz", quiz.id), 0.0)
        best = scores.get(quiz.id)
        passed = best is not None and reaches_pass_mark(best, quiz.pass_mark)
        passing = [a for a in attempts if a.scaled is not None and reaches_pass_mark(a.scaled, quiz.pass_mark)]
        if passing:
            times.append(passing[0].finished_at or "")
        elif not times and attempts:
            times.append(attempts[-1].finished_at or "")
    completed_on = max(times)[:10] if times else ""
    return TranscriptModule(
        module_id=module.id,
        module_title=module.title,
        completed_on=completed_on,
        best_score=best,
        passed=passed,
        engaged_minutes=floor_minutes(seconds),
    )

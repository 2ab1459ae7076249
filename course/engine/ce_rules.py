"""The rules of the clinician track, as pure functions over what the store holds.

:func:`read_state` takes one snapshot of the learner's records; :func:`requirements` turns it into the
checklist; :func:`check_answers` and :func:`check_claim` judge an evaluation and a claim of credit.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime

from course.domain.ce import CREDIT_STEP, CeActivity, LikertItem, TextItem, YesNoItem
from course.domain.models import Course
from course.domain.text_safety import strip_controls
from course.engine.ce_results import Answer, Problem, Requirement
from progress_store import Attempt, LearnerProgress
from progress_store.ce import Acknowledgment, AttestationRecord, CertificateRecord, EvaluationRecord
from quizzes.scoring import reaches_pass_mark

TOLERANCE = 1e-9
SMALLEST_CLAIM_MINUTES = CREDIT_STEP * 60


@dataclass(frozen=True)
class CeState:
    """One read of everything the checklist judges."""

    acknowledgment: Acknowledgment | None
    lesson_status: dict[str, str]
    lesson_completions: dict[str, str]
    engaged_seconds: float
    post_test_attempts: list[Attempt]  # finished full attempts, oldest first
    evaluation: EvaluationRecord | None
    attestation: AttestationRecord | None
    certificates: list[CertificateRecord]


def read_state(records: LearnerProgress, activity: CeActivity) -> CeState:
    """The learner's records the checklist needs, read now (nothing is cached between calls)."""
    attempts = [a for a in records.attempts(activity.post_test, kind="full") if a.finished]
    return CeState(
        acknowledgment=records.activity_acknowledgment(),
        lesson_status=records.lesson_statuses(),
        lesson_completions=records.lesson_completions(),
        engaged_seconds=sum(records.engaged_seconds().values()),
        post_test_attempts=attempts,
        evaluation=records.evaluation(),
        attestation=records.attestation(),
        certificates=records.certificates(),
    )


def quarter_hours_down(hours: float) -> float:
    """``hours`` rounded down to a multiple of 0.25 (with a tolerance for float sums)."""
    return math.floor(hours / CREDIT_STEP + TOLERANCE) * CREDIT_STEP


def claimable_hours(activity: CeActivity, engaged_seconds: float) -> float:
    """The most credit the learner may claim: the engaged time rounded down to the quarter hour, at most the maximum."""
    return min(quarter_hours_down(activity.max_credit), quarter_hours_down(engaged_seconds / 3600))


def best_score(attempts: list[Attempt]) -> float | None:
    scores = [a.scaled for a in attempts if a.scaled is not None]
    return max(scores) if scores else None


def hours_text(hours: float) -> str:
    """``1.25 hours``, ``1 hour``, ``0.5 hours``."""
    shown = f"{hours:.2f}".rstrip("0").rstrip(".")
    return f"{shown} hour" if shown == "1" else f"{shown} hours"


def percent(fraction: float) -> str:
    return f"{round(fraction * 100)}%"


def requirements(course: Course, activity: CeActivity, state: CeState, today: date) -> list[Requirement]:
    """The checklist, in order: dates, acknowledgment, lessons, engaged time, post-test, evaluation, attestation."""
    return [
        _dates(activity, today),
        _acknowledgment(state),
        _lessons(course, state),
        _engaged(activity, state),
        _post_test(course, activity, state),
        _evaluation(state),
        _attestation(activity, state),
    ]


def _dates(activity: CeActivity, today: date) -> Requirement:
    label = "Take the activity while it is offered"
    release, expiry = activity.release_date, activity.expiry_date
    if today < release:
        return Requirement("dates", label, False, f"not offered until {release.isoformat()}")
    if today > expiry:
        return Requirement("dates", label, False, f"expired on {expiry.isoformat()}: credit can no longer be claimed")
    return Requirement("dates", label, True, f"offered from {release.isoformat()} to {expiry.isoformat()}")


def _acknowledgment(state: CeState) -> Requirement:
    label = "Read the activity information and disclosures, and acknowledge them"
    ack = state.acknowledgment
    if ack is None:
        return Requirement("acknowledgment", label, False, "not acknowledged yet")
    return Requirement("acknowledgment", label, True, f"acknowledged on {ack.acknowledged_at[:10]}")


def _lessons(course: Course, state: CeState) -> Requirement:
    ids = [lesson.id for module in course.modules for lesson in module.lessons]
    done = sum(state.lesson_status.get(ident) == "done" for ident in ids)
    return Requirement("lessons", "Read every lesson", done == len(ids), f"{done} of {len(ids)} lessons read")


def _engaged(activity: CeActivity, state: CeState) -> Requirement:
    label = f"Spend at least {SMALLEST_CLAIM_MINUTES:.0f} minutes engaged with the lessons and quizzes"
    minutes = math.floor(state.engaged_seconds / 60 + TOLERANCE)
    claimable = claimable_hours(activity, state.engaged_seconds)
    if claimable < CREDIT_STEP:
        detail = f"{minutes} minutes engaged; {SMALLEST_CLAIM_MINUTES:.0f} are needed for the smallest claim ({hours_text(CREDIT_STEP)})"
        return Requirement("engaged_time", label, False, detail)
    return Requirement("engaged_time", label, True, f"{minutes} minutes engaged; up to {hours_text(claimable)} can be claimed")


def _post_test(course: Course, activity: CeActivity, state: CeState) -> Requirement:
    quiz = course.quiz(activity.post_test)
    title = quiz.title if quiz is not None else activity.post_test
    label = f"Pass the post-test ({title}) with at least {percent(activity.pass_mark)}"
    best = best_score(state.post_test_attempts)
    if best is not None and reaches_pass_mark(best, activity.pass_mark):
        return Requirement(
            "post_test", label, True, f"post-test passed (best {percent(best)}, pass {percent(activity.pass_mark)})"
        )
    limit = quiz.max_attempts if quiz is not None else 0
    used = len(state.post_test_attempts)
    left = f"{max(limit - used, 0)} of {limit} attempts left" if limit else "unlimited attempts"
    if best is None:
        return Requirement("post_test", label, False, f"post-test not taken yet (pass {percent(activity.pass_mark)}; {left})")
    if limit and used >= limit:
        detail = f"post-test not passed, and no attempts are left (best {percent(best)}, pass {percent(activity.pass_mark)})"
        return Requirement("post_test", label, False, detail)
    detail = f"post-test not passed yet (best {percent(best)}, pass {percent(activity.pass_mark)}; {left})"
    return Requirement("post_test", label, False, detail)


def _evaluation(state: CeState) -> Requirement:
    label = "Complete the evaluation of the activity"
    if state.evaluation is None:
        return Requirement("evaluation", label, False, "not submitted yet")
    return Requirement("evaluation", label, True, f"submitted on {state.evaluation.submitted_at[:10]}")


def _attestation(activity: CeActivity, state: CeState) -> Requirement:
    label = "Claim your credit and affirm that the time was your own"
    claim = state.attestation
    claimable = claimable_hours(activity, state.engaged_seconds)
    if claim is None:
        detail = f"not claimed yet (up to {hours_text(claimable)})" if claimable >= CREDIT_STEP else "not claimed yet"
        return Requirement("attestation", label, False, detail)
    if claim.hours > claimable + TOLERANCE:
        detail = f"{hours_text(claim.hours)} claimed, more than the {hours_text(claimable)} that can be claimed: claim again"
        return Requirement("attestation", label, False, detail)
    return Requirement("attestation", label, True, f"{hours_text(claim.hours)} claimed")


def completed_at(course: Course, activity: CeActivity, state: CeState) -> datetime | None:
    """When the last requirement was met (``None`` while one is not): the latest of the acknowledgment,
    the last lesson completed, the first passing post-test, the evaluation and the attestation."""
    times: list[str] = []
    if state.acknowledgment is not None:
        times.append(state.acknowledgment.acknowledged_at)
    for module in course.modules:
        times += [state.lesson_completions[lesson.id] for lesson in module.lessons if lesson.id in state.lesson_completions]
    passing = [a for a in state.post_test_attempts if a.scaled is not None and reaches_pass_mark(a.scaled, activity.pass_mark)]
    if passing and passing[0].finished_at is not None:
        times.append(passing[0].finished_at)
    if state.evaluation is not None:
        times.append(state.evaluation.submitted_at)
    if state.attestation is not None:
        times.append(state.attestation.attested_at)
    return max(datetime.fromisoformat(t) for t in times) if times else None


def check_answers(activity: CeActivity, answers: Mapping[str, object]) -> tuple[dict[str, Answer], list[Problem]]:
    """The answers to store (blank optional ones left out) and every problem with them."""
    problems: list[Problem] = []
    if not isinstance(answers, Mapping):
        return {}, [Problem("answers", "the answers must map item ids to answers")]
    items = activity.evaluation.items
    known = {item.id for item in items}
    problems += [Problem(str(key), f"'{str(key)[:80]}' is not an item of the evaluation") for key in answers if key not in known]
    kept: dict[str, Answer] = {}
    for item in items:
        value = answers.get(item.id)
        if isinstance(value, str):
            value = strip_controls(value).strip() or None
        if value is None:
            if item.required:
                problems.append(Problem(item.id, f"'{item.prompt[:60]}' needs an answer"))
            continue
        answer, problem = _judge(item, value)
        if answer is None:
            problems.append(Problem(item.id, problem))
        else:
            kept[item.id] = answer
    return kept, problems


def _judge(item: LikertItem | YesNoItem | TextItem, value: object) -> tuple[Answer | None, str]:
    """The answer as stored, or ``None`` and why it cannot be."""
    if isinstance(item, LikertItem):
        if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 5:
            return value, ""
        return None, f"'{item.prompt[:60]}' takes a rating from 1 (strongly disagree) to 5 (strongly agree)"
    if isinstance(item, YesNoItem):
        return (value, "") if isinstance(value, bool) else (None, f"'{item.prompt[:60]}' takes yes or no")
    if not isinstance(value, str):
        return None, f"'{item.prompt[:60]}' takes text"
    if len(value) > item.max_length:
        return None, f"'{item.prompt[:60]}' takes at most {item.max_length:,} characters (the answer has {len(value):,})"
    return value, ""


def check_claim(activity: CeActivity, state: CeState, hours: object, own_time: object) -> list[Problem]:
    """Every reason a claim of ``hours`` of credit cannot be recorded (none: it can)."""
    problems: list[Problem] = []
    if state.certificates:
        problems.append(Problem("certificate", "a certificate has already been issued: the claim can no longer change"))
    if own_time is not True:
        problems.append(Problem("own_time", "affirm that the time you claim was your own engagement with the activity"))
    if isinstance(hours, bool) or not isinstance(hours, (int, float)) or not math.isfinite(hours) or hours <= 0:
        problems.append(Problem("hours", f"claim a number of hours above 0, in steps of {CREDIT_STEP}"))
        return problems
    steps = hours / CREDIT_STEP
    if abs(steps - round(steps)) > TOLERANCE:
        problems.append(Problem("hours", f"credit is claimed in quarter hours (0.25, 0.5, 0.75 ...), not {hours:g}"))
    claimable = claimable_hours(activity, state.engaged_seconds)
    if hours > quarter_hours_down(activity.max_credit) + TOLERANCE:
        problems.append(Problem("hours", f"at most {hours_text(activity.max_credit)} can be claimed for this activity"))
    elif hours > claimable + TOLERANCE:
        minutes = math.floor(state.engaged_seconds / 60 + TOLERANCE)
        problems.append(
            Problem(
                "hours",
                f"{hours_text(float(hours))} is more than your engaged time allows ({minutes} minutes: up to {hours_text(claimable)})",
            )
        )
    return problems

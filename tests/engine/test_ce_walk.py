"""The whole clinician track on the bundled course, through the engine: acknowledge, read every lesson
while engaged, fail the post-test, pass it, evaluate, attest, receive the certificate."""

from __future__ import annotations

import pytest

from course.domain.certificate import CertificatePayload
from course.domain.models import Course
from course.engine import Study
from course.engine.ce_results import Attestation, EvaluationSaved
from course.engine.quiz_session import Opened, Submitted
from course.loading.loader import bundled_course_path, load_course
from progress_store import Store
from quizzes.types import Response, question_type
from tests.engine.conftest import make_study
from tests.helpers.clock import FakeClock


@pytest.fixture(scope="module")
def bundled() -> Course:
    return load_course(bundled_course_path())


def post_test(study: Study, clock: FakeClock, right: float) -> Submitted:
    """One attempt at the post-test answering the first ``right`` share of its questions right."""
    meter = study.ce.engagement
    opened = study.quizzes.open("m10-post-test")
    assert isinstance(opened, Opened)
    attempt = opened.attempt
    meter.start("quiz", "m10-post-test", clock.now)
    quiz = study.quizzes.quiz("m10-post-test")
    questions = {q.id: q for q in quiz.questions}
    wanted = round(len(attempt.question_ids) * right)
    for n, qid in enumerate(attempt.question_ids):
        question = questions[qid]
        key = question_type(question).correct_response(question)
        response = key if n < wanted else _wrong(key)
        clock.advance(60)
        meter.activity(clock.now)
        study.quizzes.answer(attempt, qid, response)
    meter.stop(clock.now)
    submitted = study.quizzes.submit(attempt, force=True)
    assert isinstance(submitted, Submitted)
    return submitted


def _wrong(key: Response) -> Response:
    """A response that cannot be right for a question whose key is ``key``."""
    if isinstance(key, bool):
        return not key
    if isinstance(key, (int, float)):
        return float(key) + 1e6
    if isinstance(key, list):
        return []
    return "zzz-not-an-answer"


def test_the_bundled_track_from_acknowledgment_to_certificate(bundled: Course, store: Store, clock: FakeClock) -> None:
    study = make_study(bundled, store, clock, learner="dr-lee")
    ce = study.ce
    assert ce.activity is not None and ce.activity.sample and ce.notice
    assert [r.name for r in ce.checklist() if not r.met] == [
        "acknowledgment",
        "lessons",
        "engaged_time",
        "post_test",
        "evaluation",
        "attestation",
    ]
    ce.acknowledge()

    lessons = [lesson.id for module in bundled.modules for lesson in module.lessons]
    for lesson in lessons:
        study.progress.open_lesson(lesson)
        ce.engagement.start("lesson", lesson, clock.now)
        for _ in range(8):  # a key press every minute for eight minutes
            clock.advance(60)
            ce.engagement.activity(clock.now)
        clock.advance(20 * 60)  # then the learner walks away before moving on
        ce.engagement.stop(clock.now)
        study.progress.move_on(lesson)
    assert ce.checklist()[2].detail == f"{len(lessons)} of {len(lessons)} lessons read"
    assert ce.engaged_minutes() == len(lessons) * (8 + 5), "idle time beyond the 5-minute allowance is not counted"

    failed = post_test(study, clock, 0.5)
    assert not failed.results.passed
    assert ce.checklist()[4].detail.startswith("post-test not passed yet (best ")
    assert ce.checklist()[4].detail.endswith("pass 80%; 2 of 3 attempts left)")
    clock.advance(3600)
    passed = post_test(study, clock, 1.0)
    assert passed.results.passed and ce.checklist()[4].met

    questions = ce.evaluation_questions()
    answers: dict[str, object] = {q.id: 4 for q in questions if q.kind == "likert"}
    answers |= {q.id: True for q in questions if q.kind == "yes_no"}
    answers["comments"] = "More on integration sessions, please."
    assert isinstance(ce.submit_evaluation(answers), EvaluationSaved)

    hours = ce.claimable_hours()
    assert hours == 8.0, "about 8 engaged hours: the maximum credit"
    assert isinstance(ce.attest(hours, own_time=True), Attestation)
    assert all(r.met for r in ce.checklist())

    clock.advance(300)
    certificate = ce.issue(clock.now)
    assert isinstance(certificate, CertificatePayload)
    assert certificate.learner == "dr-lee" and certificate.credit_claimed == 8.0
    assert certificate.activity_title == bundled.info.title
    assert certificate.sample_notice.startswith("This is a sample activity: plasticity-course is not an accredited provider")
    assert (
        "not an accredited" in certificate.accreditation_statement or "no accrediting body" in certificate.accreditation_statement
    )
    assert certificate.post_test_score == 1.0
    verbs = [e["verb"] for e in study.records.events()]
    for verb in ("acknowledged", "engaged", "evaluated", "attested", "issued"):
        assert verb in verbs
    transcript = ce.transcript(clock.now)
    assert len(transcript.modules) == len(bundled.modules) and transcript.certificates == (certificate,)

"""A small course with a ``[ce]`` section, written to disk, for the clinician track's tests, and the
steps of the track as one-line helpers.

``write_ce_course(root, ce=...)`` writes the minimal course of ``course_factory`` with a second lesson,
the quiz turned into a four-question post-test (exam, 2 attempts, pass mark 0.75) and the [ce]
section below; ``ce`` replaces the section's text, ``quiz`` the post-test's. It validates with no
findings at all.
"""

from __future__ import annotations

from pathlib import Path

from course.domain.models import Course
from course.engine import Study
from course.engine.ce_results import Attestation, EvaluationSaved
from course.engine.quiz_session import Opened, Submitted
from course.loading.loader import load_course
from progress_store import Store
from quizzes.types import Response, question_type
from tests.helpers.clock import FakeClock
from tests.helpers.course_factory import COURSE_TOML, MODULE_DIR, FileText, write_course

LESSONS = ["m1-agonists", "m1-receptors"]
GOOD = {"useful": 4, "bias-free": True}  # answers to every required evaluation item

CE_TOML = """
[ce]
purpose = "Help clinicians explain agonists."
audience = "Clinicians."
objectives = ["Explain what an agonist does."]
mitigation = "No relevant financial relationships, so none to mitigate."
estimated_minutes = 60
max_credit = 1.0
credit_type = "test credit hours"
accreditation_statement = "This test activity is not accredited."
designation_statement = "It designates no credit."
sample = true
pass_mark = 0.75
post_test = "m1-quiz"
release = "2025-01-01"
expiry = "2027-06-30"
contact = "tests@example.org"
idle_minutes = 5

[[ce.faculty]]
name = "Test Author"
role = "Author"
disclosure = "No relevant financial relationships."

[ce.evaluation]
intro = "Tell us what you thought."

[[ce.evaluation.item]]
type = "likert"
id = "useful"
prompt = "The activity was useful."

[[ce.evaluation.item]]
type = "yes_no"
id = "bias-free"
prompt = "Was the activity free of commercial bias?"

[[ce.evaluation.item]]
type = "text"
id = "comments"
prompt = "Any comments?"
"""

LESSON2_TOML = '''\
id = "m1-receptors"
title = "Receptors"
summary = "What a receptor is."
estimated_minutes = 5
objectives = ["m1-o1"]
references = ["smith-2020"]
key_points = ["A receptor responds to a signal."]
body = """
A [receptor](glossary:receptor) responds to a signal, as [Smith](ref:smith-2020) shows.
"""
'''


QUESTIONS = [
    ("What does an agonist do at its receptor?", "Blocks it from a signal", "Activates it"),
    ("Which protein responds to a chemical signal?", "A receptor", "A ribosome"),
    ("Where does an antagonist act?", "In the liver, after a meal is digested", "At an agonist's receptor"),
    ("What is a partial agonist?", "A weaker activator than a full agonist", "A blocker of several receptor types"),
]
KEYS = "baba"


def _question(n: int, prompt: str, a: str, b: str, answer: str) -> str:
    wrong = "b" if answer == "a" else "a"
    return f"""
[[question]]
id = "m1-q{n}"
type = "single"
objective = "m1-o1"
prompt = "{prompt}"
answer = "{answer}"
explanation = "The right option follows from what the lesson says about receptors in case {n}."

[[question.choices]]
id = "a"
text = "{a}"
{'feedback = "The lesson says otherwise."' if wrong == "a" else ""}

[[question.choices]]
id = "b"
text = "{b}"
{'feedback = "The lesson says otherwise."' if wrong == "b" else ""}
"""


POST_TEST_TOML = 'id = "m1-quiz"\ntitle = "Post-test"\nmode = "exam"\npass_mark = 0.75\nmax_attempts = 2\n' + "".join(
    _question(n, *QUESTIONS[n - 1], KEYS[n - 1]) for n in range(1, 5)
)


def write_ce_course(root: Path, ce: str = CE_TOML, quiz: FileText = POST_TEST_TOML, **files: FileText) -> Path:
    """Write the CE course to ``root``; ``files`` maps more relative paths to their text (``None`` removes)."""
    extra = {f"{MODULE_DIR}/02-receptors.toml": LESSON2_TOML, **files}
    return write_course(root, files=extra, course=COURSE_TOML + ce, quiz=quiz)


def load_ce_course(root: Path, ce: str = CE_TOML, quiz: FileText = POST_TEST_TOML) -> Course:
    return load_course(write_ce_course(root, ce, quiz))


def right_answers(course: Course, quiz_id: str) -> dict[str, Response]:
    """question id -> the response that scores full marks."""
    quiz = course.quiz(quiz_id)
    assert quiz is not None
    return {q.id: question_type(q).correct_response(q) for q in quiz.questions}


def ce_study(course: Course, store: Store, clock: FakeClock, learner: str = "ann") -> Study:
    """A study of ``course`` whose certificate ids are CE-TEST-0000-0001, -0002 ..."""
    ids = (f"CE-TEST-0000-{n:04d}" for n in range(1, 10_000))
    return Study(
        course, store.learner(learner, course.info.id), clock=clock, new_seed=lambda: 7, new_certificate_id=lambda: next(ids)
    )


def take_post_test(study: Study, right: int) -> Submitted:
    """Answer the post-test with ``right`` questions right (the first ones asked) and submit."""
    opened = study.quizzes.open("m1-quiz")
    assert isinstance(opened, Opened)
    attempt = opened.attempt
    keys = right_answers(study.course, "m1-quiz")
    for n, qid in enumerate(attempt.question_ids):
        study.quizzes.answer(attempt, qid, keys[qid] if n < right else ("a" if keys[qid] == "b" else "b"))
    submitted = study.quizzes.submit(attempt)
    assert isinstance(submitted, Submitted)
    return submitted


def engage(study: Study, clock: FakeClock, minutes: int, lesson: str = "m1-agonists") -> None:
    """``minutes`` of reading with a key press every minute, on the study clock."""
    meter = study.ce.engagement
    meter.start("lesson", lesson, clock.now)
    for _ in range(minutes):
        clock.advance(60)
        meter.activity(clock.now)
    meter.stop(clock.now)


def read_all(study: Study) -> None:
    for lesson in LESSONS:
        study.progress.open_lesson(lesson)
        study.progress.complete_lesson(lesson)


def complete(study: Study, clock: FakeClock, hours: float = 0.75) -> None:
    """Every requirement met: acknowledge, read, 47 minutes engaged, pass, evaluate, attest."""
    study.ce.acknowledge()
    read_all(study)
    engage(study, clock, 47)
    take_post_test(study, 4)
    assert isinstance(study.ce.submit_evaluation(GOOD), EvaluationSaved)
    assert isinstance(study.ce.attest(hours, own_time=True), Attestation)

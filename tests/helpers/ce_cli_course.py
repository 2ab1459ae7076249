"""A small CE course open around today, and a learner walked through its whole track with the engine,
for the tests of `course certificate` and `course transcript` (which run on the real clock)."""

from __future__ import annotations

from datetime import datetime, time, timedelta, timezone
from pathlib import Path

from course.engine import Study
from course.engine.quiz_session import Opened
from course.loading.loader import load_course
from progress_store import Store
from quizzes.grading import correct_response
from tests.helpers.clock import FakeClock
from tests.helpers.course_factory import COURSE_TOML, QUIZ_TOML, write_course

CE_TEMPLATE = """
[ce]
title = "Agonists for clinicians"
purpose = "Clinicians are asked about receptor agonists and need an accurate account."
audience = "Physicians, nurses and pharmacists."
mitigation = "No one in control of the content has a relevant financial relationship, so there was nothing to mitigate."
estimated_minutes = 30
max_credit = 0.5
credit_type = "AMA PRA Category 1 Credit™"
accreditation_statement = "This is a sample activity; no accrediting body has accredited it."
designation_statement = "Were it accredited, it would be designated for a maximum of 0.5 AMA PRA Category 1 Credits™."
sample = true
sample_notice = "SAMPLE ACTIVITY, NOT ACCREDITED: no credit is awarded."
pass_mark = 0.75
post_test = "m1-quiz"
release = "{release}"
expiry = "{expiry}"
contact = "The course maintainers."

[[ce.faculty]]
name = "Test Author"
role = "Author"
disclosure = "No relevant financial relationships with ineligible companies."

[[ce.evaluation.item]]
type = "likert"
id = "objectives-met"
prompt = "The activity met its objectives."

[[ce.evaluation.item]]
type = "yes_no"
id = "bias-free"
prompt = "Was the activity free of commercial bias?"
"""

# The activity is open from 200 days ago to 200 days ahead, and the learner walks it two days ago, so
# that `course certificate issue` (on the real clock) finds it open whenever the tests run.
TODAY = datetime.now(timezone.utc).date()
WALK_START = datetime.combine(TODAY - timedelta(days=2), time(9, 30), tzinfo=timezone.utc)
COMPLETED_ON = WALK_START.date().isoformat()
CE_TOML = CE_TEMPLATE.replace("{release}", str(TODAY - timedelta(days=200))).replace("{expiry}", str(TODAY + timedelta(days=200)))

POST_TEST_TOML = QUIZ_TOML.replace(
    'title = "Basics quiz"\n', 'title = "Basics post-test"\nmode = "exam"\npass_mark = 0.75\nmax_attempts = 3\n'
)


def ce_course(root: Path) -> Path:
    """A one-module course with a [ce] activity whose post-test is the module's exam (open around today)."""
    return write_course(root, course=COURSE_TOML + CE_TOML, quiz=POST_TEST_TOML)


def walk_track(course_root: Path, db: Path, learner: str = "ana", *, claim: float = 0.25, finish: bool = True) -> None:
    """Take ``learner`` through the CE track with the engine on a fixed clock (20 engaged minutes);
    with ``finish`` false, stop after acknowledging (so requirements are left unmet)."""
    clock = FakeClock(WALK_START)
    course = load_course(course_root)
    store = Store.open(db, clock=clock)
    try:
        study = Study(course, store.learner(learner, course.info.id), clock=clock)
        study.ce.acknowledge()
        if not finish:
            return
        for module in course.modules:
            for lesson in module.lessons:
                study.progress.open_lesson(lesson.id)
                study.ce.engagement.start("lesson", lesson.id, clock.now)
                for _minute in range(20):
                    clock.advance(60)
                    study.ce.engagement.activity(clock.now)
                study.ce.engagement.stop(clock.now)
                study.progress.complete_lesson(lesson.id)
        opened = study.quizzes.open("m1-quiz")
        assert isinstance(opened, Opened)
        state = opened.attempt
        for question in state.quiz.questions:
            study.quizzes.answer(state, question.id, correct_response(question))
        study.quizzes.submit(state)
        study.ce.submit_evaluation({"objectives-met": 4, "bias-free": True})
        attested = study.ce.attest(claim, own_time=True)
        assert type(attested).__name__ == "Attestation", attested
    finally:
        store.close()

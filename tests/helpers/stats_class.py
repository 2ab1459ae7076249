"""A class that took the mini course's basics quiz with known answers, for item-analysis tests.

ann and ben answer every question right, cat and dan every one wrong, ann tries again and gets all
wrong, and eve starts the quiz and never submits. Taken through the engine on a real store.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from course.engine import Study
from course.engine.quiz_session import Opened, Submitted
from course.loading.loader import load_course
from progress_store import Store
from tests.helpers.clock import FakeClock

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini-course"
LEARNERS = ("ann", "ben", "cat", "dan", "eve")
RIGHT: dict[str, object] = {"bq1": "b", "bq2": ["a", "b"], "bq3": False, "bq4": ["a"]}
WRONG: dict[str, object] = {"bq1": "a", "bq2": ["c"], "bq3": True, "bq4": ["b"]}


def take(study: Study, clock: FakeClock, quiz_id: str, responses: Mapping[str, object]) -> None:
    """Open the quiz, answer what ``responses`` names, submit (with gaps if any)."""
    opened = study.quizzes.open(quiz_id)
    assert isinstance(opened, Opened)
    for qid in opened.attempt.question_ids:
        if qid in responses:
            study.quizzes.answer(opened.attempt, qid, responses[qid])  # type: ignore[arg-type]
            clock.advance(20)
    assert isinstance(study.quizzes.submit(opened.attempt, force=True), Submitted)
    clock.advance(600)


def take_class(db: Path) -> None:
    """Record the class's attempts in the store at ``db``."""
    course, clock = load_course(MINI), FakeClock()
    store = Store.open(db, clock=clock)
    try:
        for learner, responses in (("ann", RIGHT), ("ben", RIGHT), ("cat", WRONG), ("dan", WRONG), ("ann", WRONG)):
            study = Study(course, store.learner(learner, "mini"), clock=clock, new_seed=lambda: 11, fuzz_reviews=False)
            take(study, clock, "basics-quiz", responses)
        eve = Study(course, store.learner("eve", "mini"), clock=clock, new_seed=lambda: 11, fuzz_reviews=False)
        opened = eve.quizzes.open("basics-quiz")
        assert isinstance(opened, Opened)
        eve.quizzes.answer(opened.attempt, "bq1", "b")
    finally:
        store.close()

"""Spaced review through the engine: the due queue, the rating policy, retention, term cards."""

from __future__ import annotations

from course.engine import Study
from course.engine.quiz_session import Opened
from quizzes.review import MAX_RETENTION, MIN_RETENTION, Rating
from tests.helpers.clock import FakeClock


def test_due_cards_resolve_to_their_questions_and_terms(study: Study, clock: FakeClock) -> None:
    opened = study.quizzes.open("basics-quiz")
    assert isinstance(opened, Opened)
    study.quizzes.answer(opened.attempt, "bq1", "a")  # wrong: Again, due soon
    term = study.course.glossary[0]
    assert study.reviews.add_term(term.id) and not study.reviews.add_term(term.id)
    clock.advance(3600)
    due = study.reviews.due()
    assert {d.card.card_id for d in due} == {"q:bq1", f"t:{term.id}"}
    question_card = next(d for d in due if d.is_question)
    assert question_card.subject.id == "bq1" and sorted(question_card.option_order()) == ["a", "b"]
    assert study.progress.overview().reviews_due == 2


def test_the_rating_policy_is_one_rule(study: Study, clock: FakeClock) -> None:
    opened = study.quizzes.open("basics-quiz")
    assert isinstance(opened, Opened)
    study.quizzes.answer(opened.attempt, "bq1", "a")
    study.reviews.add_term(study.course.glossary[0].id)
    clock.advance(3600)
    question_card, term_card = sorted(study.reviews.due(), key=lambda d: not d.is_question)
    assert study.reviews.ratings_after(question_card, correct=False) == (Rating.Again,)
    assert study.reviews.ratings_after(question_card, correct=True) == (Rating.Hard, Rating.Good, Rating.Easy)
    assert study.reviews.ratings_after(term_card) == (Rating.Again, Rating.Hard, Rating.Good, Rating.Easy)
    assert study.reviews.check(question_card, "b").correct
    due = study.reviews.rate(question_card, Rating.Good)
    assert due > clock() and len(study.reviews.due()) == 1
    assert [e.source for e in study.records.review_log()] == ["quiz", "review"]


def test_retention_moves_in_steps_within_its_bounds(study: Study) -> None:
    assert study.reviews.retention() == 0.9
    assert study.reviews.change_retention(+1) == 0.91
    for _ in range(20):
        study.reviews.change_retention(+1)
    assert study.reviews.retention() == MAX_RETENTION
    for _ in range(40):
        study.reviews.change_retention(-1)
    assert study.reviews.retention() == MIN_RETENTION

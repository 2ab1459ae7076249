"""Quiz rules through the engine, on a real store: no Pilot, no prompt."""

from __future__ import annotations

from datetime import timedelta

import pytest

from course.domain.models import Course
from course.engine import Study
from course.engine.quiz_session import Incomplete, LimitReached, Opened, Submitted
from progress_store import Store, StoreError
from tests.engine.conftest import make_study, with_quiz
from tests.helpers.clock import FakeClock

RIGHT = {"bq1": "b", "bq2": ["a", "b"], "bq3": False, "bq4": ["a"]}


def opened(study: Study, quiz_id: str = "basics-quiz") -> Opened:
    result = study.quizzes.open(quiz_id)
    assert isinstance(result, Opened)
    return result


def test_open_starts_an_attempt_and_remembers_the_place(study: Study) -> None:
    attempt = opened(study).attempt
    assert attempt.question_ids == ["bq1", "bq2", "bq3", "bq4"] and attempt.answers == {}
    position = study.records.position()
    assert position is not None and (position.screen, position.target_id) == ("quiz", "basics-quiz")
    assert study.records.setting("last-opened:mini") == {"screen": "quiz", "id": "basics-quiz"}


def test_open_again_resumes_the_same_attempt_with_its_answers(study: Study) -> None:
    first = opened(study).attempt
    study.quizzes.answer(first, "bq1", "b")
    again = opened(study)
    assert again.resumed and again.attempt.attempt_id == first.attempt_id
    assert set(again.attempt.answers) == {"bq1"} and again.attempt.resume_index() == 1


def test_an_answer_its_review_rating_and_events_are_one_transaction(study: Study, monkeypatch: pytest.MonkeyPatch) -> None:
    attempt = opened(study).attempt

    def fail(*_args: object, **_kwargs: object) -> None:
        raise StoreError("disk full")

    monkeypatch.setattr(study.records, "record_review", fail)
    with pytest.raises(StoreError):
        study.quizzes.answer(attempt, "bq1", "b")
    assert study.records.answers(attempt.attempt_id) == {}
    assert study.records.cards() == []
    assert [e["verb"] for e in study.records.events()] == ["attempted"]
    assert attempt.answers == {}


def test_a_saved_answer_rates_its_review_card(study: Study) -> None:
    attempt = opened(study).attempt
    graded = study.quizzes.answer(attempt, "bq1", "a")
    assert not graded.grade.correct and graded.record.correct is False
    assert [(e.card_id, e.rating, e.source) for e in study.records.review_log()] == [("q:bq1", 1, "quiz")]


def test_submit_refuses_gaps_then_scores_and_sets_the_resume_place(study: Study) -> None:
    attempt = opened(study).attempt
    study.quizzes.answer(attempt, "bq1", "b")
    refused = study.quizzes.submit(attempt)
    assert isinstance(refused, Incomplete) and refused.missing == [1, 2, 3]
    for qid in ("bq2", "bq3", "bq4"):
        study.quizzes.answer(attempt, qid, RIGHT[qid])
    done = study.quizzes.submit(attempt)
    assert isinstance(done, Submitted) and done.results.verdict == "passed" and done.results.missed == []
    position = study.records.position()
    assert position is not None and position.screen == "results"


def test_the_deadline_submits_what_was_answered(mini: Course, store: Store, clock: FakeClock) -> None:
    study = make_study(with_quiz(mini, "basics-quiz", time_limit_minutes=10), store, clock)
    attempt = opened(study).attempt
    study.quizzes.answer(attempt, "bq1", "b")
    clock.advance(9 * 60)
    assert study.quizzes.remaining(attempt) == timedelta(minutes=1)
    clock.advance(61)
    assert study.quizzes.time_is_up(attempt)
    done = study.quizzes.submit(attempt)
    assert isinstance(done, Submitted) and done.results.score.score == 1.0 and done.results.missed == ["bq2", "bq3", "bq4"]


def test_the_attempt_limit_leads_to_the_last_results_but_retries_are_free(study: Study) -> None:
    for _ in range(2):
        attempt = opened(study, "more-quiz").attempt
        assert isinstance(study.quizzes.submit(attempt, force=True), Submitted)
    limited = study.quizzes.open("more-quiz")
    assert isinstance(limited, LimitReached) and limited.limit == 2
    results = study.quizzes.results(limited.last_attempt_id)
    assert results is not None and results.verdict == "not_passed"
    retry = study.quizzes.open("more-quiz", retry=results.missed)
    assert isinstance(retry, Opened) and retry.attempt.retry and retry.attempt.question_ids == results.missed


def test_each_attempt_knows_its_number_and_how_many_are_left(study: Study) -> None:
    first = opened(study, "more-quiz").attempt
    assert (first.number, first.limit, first.attempts_left) == (1, 2, 1)
    assert opened(study, "more-quiz").attempt.number == 1  # resuming the open attempt is not a new one
    assert isinstance(study.quizzes.submit(first, force=True), Submitted)
    second = opened(study, "more-quiz").attempt
    assert (second.number, second.attempts_left) == (2, 0)
    results = study.quizzes.submit(second, force=True)
    assert isinstance(results, Submitted)
    retry = study.quizzes.open("more-quiz", retry=results.results.missed)
    assert isinstance(retry, Opened) and retry.attempt.attempts_left is None  # a retry is not an attempt
    unlimited = opened(study).attempt
    assert unlimited.attempts_left is None


def test_a_retry_never_changes_the_best_score(study: Study) -> None:
    attempt = opened(study).attempt
    study.quizzes.answer(attempt, "bq1", "b")
    first = study.quizzes.submit(attempt, force=True)
    assert isinstance(first, Submitted)
    retry = study.quizzes.open("basics-quiz", retry=first.results.missed)
    assert isinstance(retry, Opened)
    for qid in retry.attempt.question_ids:
        study.quizzes.answer(retry.attempt, qid, RIGHT[qid])
    done = study.quizzes.submit(retry.attempt)
    assert isinstance(done, Submitted) and done.results.verdict == "retry_done"
    assert study.records.best_scores() == {"basics-quiz": 0.25}


def test_results_name_objectives_by_their_text(study: Study) -> None:
    attempt = opened(study).attempt
    for qid, response in RIGHT.items():
        study.quizzes.answer(attempt, qid, response)
    done = study.quizzes.submit(attempt)
    assert isinstance(done, Submitted)
    texts = {row.objective_id: row.text for row in done.results.objectives}
    assert texts and all(text != ident for ident, text in texts.items())
    assert [item.number for item in done.results.items] == [1, 2, 3, 4]


def test_a_practice_answer_is_final_while_an_exam_answer_can_change_until_submission(study: Study) -> None:
    practice = opened(study).attempt
    study.quizzes.answer(practice, "bq1", "a")
    assert practice.immediate_feedback and not practice.can_answer("bq1")
    with pytest.raises(ValueError, match="already answered"):
        study.quizzes.answer(practice, "bq1", "b")
    exam = opened(study, "more-quiz").attempt
    first = exam.question_ids[0]
    study.quizzes.answer(exam, first, "x")
    assert not exam.immediate_feedback and exam.can_answer(first)
    study.quizzes.answer(exam, first, "y")
    assert study.records.answers(exam.attempt_id)[first].response == "y"

"""Progress store: quiz attempts, answers, scores, and their events."""

from __future__ import annotations

import pytest

from progress_store import AnswerRecord, Attempt, LearnerProgress, Store, StoreError
from tests.helpers.clock import FakeClock


def test_start_attempt_returns_and_stores_it(ann: LearnerProgress) -> None:
    attempt = ann.start_attempt("q1", 1234, ["a", "b", "c"])
    expected = Attempt(
        id=attempt.id,
        quiz_id="q1",
        seed=1234,
        question_ids=["a", "b", "c"],
        started_at="2025-03-01T09:30:00+00:00",
        finished_at=None,
        score=None,
        max_score=None,
        passed=None,
    )
    assert attempt == expected
    assert attempt.finished is False
    assert ann.attempt(attempt.id) == expected
    assert ann.open_attempt("q1") == expected
    event = ann.events()[-1]
    assert (event["verb"], event["object_type"], event["object_id"], event["attempt_id"]) == (
        "attempted",
        "quiz",
        "q1",
        attempt.id,
    )
    assert event["result"] == {"seed": 1234, "question_ids": ["a", "b", "c"], "kind": "full"}


@pytest.mark.parametrize(
    "response",
    ["b", True, False, 0.75, 3, ["x", "y"], {"left": ["1", "2"], "n": 2.5, "ok": None}, "ünïcode ✓"],
)
def test_response_json_round_trip(ann: LearnerProgress, response: object) -> None:
    attempt = ann.start_attempt("q1", 1, ["a"])
    record = ann.record_answer(attempt.id, "a", response, 1.0, 2.0, False)
    assert record == AnswerRecord("a", response, 1.0, 2.0, False, "2025-03-01T09:30:00+00:00")
    stored = ann.answers(attempt.id)["a"]
    assert stored.response == response
    assert type(stored.response) is type(response)
    assert ann.events()[-1]["result"] == {"score": 1.0, "max_score": 2.0, "correct": False, "response": response}


def test_reanswering_replaces_the_answer_and_logs_again(ann: LearnerProgress, clock: FakeClock) -> None:
    attempt = ann.start_attempt("q1", 1, ["a", "b"])
    ann.record_answer(attempt.id, "a", "wrong", 0.0, 1.0, False)
    clock.advance(10)
    ann.record_answer(attempt.id, "a", "right", 1.0, 1.0, True)
    ann.record_answer(attempt.id, "b", ["p", "q"], 0.5, 1.0, False)
    answers = ann.answers(attempt.id)
    assert answers == {
        "a": AnswerRecord("a", "right", 1.0, 1.0, True, "2025-03-01T09:30:10+00:00"),
        "b": AnswerRecord("b", ["p", "q"], 0.5, 1.0, False, "2025-03-01T09:30:10+00:00"),
    }
    answered = [e for e in ann.events() if e["verb"] == "answered"]
    assert [(e["object_id"], e["result"]["response"]) for e in answered] == [  # type: ignore[index]
        ("a", "wrong"),
        ("a", "right"),
        ("b", ["p", "q"]),
    ]


def test_open_attempt_finds_the_newest_unfinished(ann: LearnerProgress) -> None:
    assert ann.open_attempt("q1") is None
    first = ann.start_attempt("q1", 1, ["a"])
    second = ann.start_attempt("q1", 2, ["a"])
    other_quiz = ann.start_attempt("q2", 3, ["z"])
    assert ann.open_attempt("q1") == second
    ann.finish_attempt(second.id, 1.0, 1.0, True)
    assert ann.open_attempt("q1") == first
    ann.finish_attempt(first.id, 0.0, 1.0, False)
    assert ann.open_attempt("q1") is None
    assert ann.open_attempt("q2") == other_quiz


def test_finish_attempt_scores_it_and_logs_completed(ann: LearnerProgress, clock: FakeClock) -> None:
    attempt = ann.start_attempt("q1", 7, ["a", "b"])
    ann.record_answer(attempt.id, "a", "x", 1.0, 1.0, True)
    clock.advance(90)
    done = ann.finish_attempt(attempt.id, 3.0, 4.0, True)
    assert done == Attempt(
        attempt.id,
        "q1",
        7,
        ["a", "b"],
        "2025-03-01T09:30:00+00:00",
        "2025-03-01T09:31:30+00:00",
        3.0,
        4.0,
        True,
        "full",
        2,  # one answer and finishing each bump the version
    )
    assert done.finished is True
    assert done.scaled == 0.75
    assert ann.attempt(attempt.id) == done
    event = ann.events()[-1]
    assert (event["verb"], event["object_type"], event["object_id"], event["attempt_id"], event["at"]) == (
        "completed",
        "quiz",
        "q1",
        attempt.id,
        "2025-03-01T09:31:30+00:00",
    )
    assert event["result"] == {"score": 3.0, "max_score": 4.0, "passed": True, "scaled": 0.75}


def test_record_answer_on_a_finished_attempt_raises(ann: LearnerProgress) -> None:
    attempt = ann.start_attempt("q1", 1, ["a"])
    ann.record_answer(attempt.id, "a", "x", 1.0, 1.0, True)
    ann.finish_attempt(attempt.id, 1.0, 1.0, True)
    events_before = ann.events()
    with pytest.raises(StoreError, match=f"quiz attempt {attempt.id} \\(q1\\) is already finished"):
        ann.record_answer(attempt.id, "a", "y", 0.0, 1.0, False)
    assert ann.answers(attempt.id)["a"].response == "x"
    assert ann.events() == events_before


def test_finishing_twice_raises(ann: LearnerProgress) -> None:
    attempt = ann.start_attempt("q1", 1, ["a"])
    ann.finish_attempt(attempt.id, 1.0, 1.0, True)
    with pytest.raises(StoreError, match="already finished"):
        ann.finish_attempt(attempt.id, 0.0, 1.0, False)
    assert ann.attempt(attempt.id).score == 1.0  # type: ignore[union-attr]
    assert [e["verb"] for e in ann.events()].count("completed") == 1


def test_record_answer_on_unknown_or_foreign_attempt_raises(store: Store, ann: LearnerProgress) -> None:
    with pytest.raises(StoreError, match="quiz attempt 999 does not exist for ann in c1"):
        ann.record_answer(999, "a", "x", 1.0, 1.0, True)
    bobs = store.learner("bob", "c1").start_attempt("q1", 1, ["a"])
    with pytest.raises(StoreError, match="does not exist for ann"):
        ann.record_answer(bobs.id, "a", "x", 1.0, 1.0, True)
    with pytest.raises(StoreError, match="does not exist for ann"):
        ann.finish_attempt(bobs.id, 1.0, 1.0, True)
    assert store.learner("bob", "c1").answers(bobs.id) == {}


def test_answer_to_a_question_outside_the_attempt_raises(ann: LearnerProgress) -> None:
    attempt = ann.start_attempt("q1", 1, ["a"])
    with pytest.raises(StoreError, match="question zz is not part of quiz attempt"):
        ann.record_answer(attempt.id, "zz", "x", 1.0, 1.0, True)
    assert ann.answers(attempt.id) == {}


def test_unserialisable_response_writes_nothing(ann: LearnerProgress) -> None:
    attempt = ann.start_attempt("q1", 1, ["a"])
    with pytest.raises(TypeError):
        ann.record_answer(attempt.id, "a", object(), 1.0, 1.0, True)
    with pytest.raises(ValueError):
        ann.record_answer(attempt.id, "a", float("nan"), 1.0, 1.0, True)
    assert ann.answers(attempt.id) == {}
    assert [e["verb"] for e in ann.events()] == ["attempted"]


def test_attempts_are_listed_oldest_first(ann: LearnerProgress) -> None:
    a1 = ann.start_attempt("q1", 1, ["a"])
    b1 = ann.start_attempt("q2", 2, ["b"])
    a2 = ann.start_attempt("q1", 3, ["a"])
    assert [a.id for a in ann.attempts()] == [a1.id, b1.id, a2.id]
    assert [a.seed for a in ann.attempts("q1")] == [1, 3]
    assert ann.attempts("nope") == []


def test_best_scores_use_finished_attempts_only(ann: LearnerProgress) -> None:
    assert ann.best_scores() == {}
    a = ann.start_attempt("q1", 1, ["a"])
    ann.finish_attempt(a.id, 2.0, 4.0, False)
    b = ann.start_attempt("q1", 2, ["a"])
    ann.finish_attempt(b.id, 9.0, 10.0, True)
    c = ann.start_attempt("q1", 3, ["a"])
    ann.finish_attempt(c.id, 1.0, 10.0, False)
    ann.start_attempt("q2", 4, ["x"])  # unfinished: no score yet
    empty = ann.start_attempt("q3", 5, [])
    ann.finish_attempt(empty.id, 0.0, 0.0, False)
    assert ann.best_scores() == {"q1": 0.9, "q3": 0.0}


def test_seed_must_fit_sqlite_integer(ann: LearnerProgress) -> None:
    big = ann.start_attempt("q1", 2**63 - 1, ["a"])
    assert ann.attempt(big.id).seed == 2**63 - 1  # type: ignore[union-attr]
    with pytest.raises(ValueError, match="64-bit"):
        ann.start_attempt("q1", 2**64, ["a"])
    assert len(ann.attempts()) == 1

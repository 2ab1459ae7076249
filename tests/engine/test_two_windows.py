"""The same learner in two windows: two engines on two connections to one database file.

Each write carries the attempt's version the window last saw; a stale window writes nothing, is told
``Moved`` (or ``FinishedElsewhere``) and carries on from what is stored.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from course.domain.models import Course
from course.engine import Study
from course.engine.quiz_session import AttemptState, FinishedElsewhere, Graded, Moved, Opened, Submitted
from progress_store import Store
from progress_store.connection import open_database
from progress_store.errors import AttemptMoved
from progress_store.migrations import migrations
from tests.engine.conftest import make_study
from tests.helpers.clock import FakeClock

RIGHT = {"bq1": "b", "bq2": ["a", "b"], "bq3": False, "bq4": ["a"]}
WRONG = {"bq1": "a", "bq2": ["a"], "bq3": True, "bq4": ["b"]}


@pytest.fixture
def second(tmp_path: Path, clock: FakeClock) -> Iterator[Store]:
    """Another connection to the engine fixtures' database file: the second window."""
    opened = Store.open(tmp_path / "progress.db", clock=clock)
    yield opened
    opened.close()


@pytest.fixture
def other(mini: Course, second: Store, clock: FakeClock) -> Study:
    return make_study(mini, second, clock)


def attempt_of(study: Study, quiz_id: str = "basics-quiz") -> AttemptState:
    result = study.quizzes.open(quiz_id)
    assert isinstance(result, Opened)
    return result.attempt


def stored(study: Study, attempt: AttemptState) -> dict[str, object]:
    return {qid: a.response for qid, a in study.records.answers(attempt.attempt_id).items()}


def test_both_windows_resume_one_attempt_at_one_version(study: Study, other: Study) -> None:
    mine = attempt_of(study)
    theirs = attempt_of(other)
    assert theirs.attempt_id == mine.attempt_id and theirs.version == mine.version == 0


def test_a_stale_answer_is_refused_and_the_window_reloads(study: Study, other: Study) -> None:
    mine, theirs = attempt_of(study), attempt_of(other)
    assert isinstance(study.quizzes.answer(mine, "bq1", RIGHT["bq1"]), Graded)
    assert mine.version == 1
    events, reviews = len(study.records.events()), len(study.records.review_log())

    moved = other.quizzes.answer(theirs, "bq1", WRONG["bq1"])

    assert isinstance(moved, Moved) and moved.attempt is theirs and moved.answered == 1
    assert stored(study, mine) == {"bq1": "b"}, "the acknowledged answer stays"
    assert len(study.records.events()) == events and len(study.records.review_log()) == reviews, "nothing written"
    assert theirs.version == 1 and theirs.answers["bq1"].response == "b" and not theirs.can_answer("bq1")
    assert theirs.unanswered() == [1, 2, 3]


def test_after_reloading_a_window_saves_and_the_other_one_moves(study: Study, other: Study) -> None:
    mine, theirs = attempt_of(study), attempt_of(other)
    study.quizzes.answer(mine, "bq1", RIGHT["bq1"])
    assert isinstance(other.quizzes.answer(theirs, "bq1", WRONG["bq1"]), Moved)
    assert isinstance(other.quizzes.answer(theirs, "bq2", WRONG["bq2"]), Graded)
    moved = study.quizzes.answer(mine, "bq3", RIGHT["bq3"])
    assert isinstance(moved, Moved) and set(mine.answers) == {"bq1", "bq2"} and mine.version == 2
    assert isinstance(study.quizzes.answer(mine, "bq3", RIGHT["bq3"]), Graded)
    assert stored(study, mine) == {"bq1": "b", "bq2": ["a"], "bq3": False}


def test_an_exam_answer_changes_only_after_the_window_has_seen_it(study: Study, other: Study) -> None:
    mine, theirs = attempt_of(study, "more-quiz"), attempt_of(other, "more-quiz")
    study.quizzes.answer(mine, "mq3", "synapse")
    assert isinstance(other.quizzes.answer(theirs, "mq3", "neuron"), Moved)
    assert stored(study, mine) == {"mq3": "synapse"} and theirs.answers["mq3"].response == "synapse"
    assert isinstance(other.quizzes.answer(theirs, "mq3", "neuron"), Graded), "exam answers change until submission"
    assert stored(study, mine) == {"mq3": "neuron"}


def test_submitting_in_one_window_finishes_it_in_the_other(study: Study, other: Study) -> None:
    mine, theirs = attempt_of(study), attempt_of(other)
    study.quizzes.answer(mine, "bq1", RIGHT["bq1"])
    done = study.quizzes.submit(mine, force=True)
    assert isinstance(done, Submitted)

    elsewhere = other.quizzes.submit(theirs, force=True)

    assert isinstance(elsewhere, FinishedElsewhere)
    assert elsewhere.results.attempt_id == mine.attempt_id and elsewhere.results.score == done.results.score
    assert set(theirs.answers) == {"bq1"}
    completed = [e for e in study.records.events() if e["verb"] == "completed"]
    assert len(completed) == 1, "finished once"


def test_an_answer_to_an_attempt_submitted_elsewhere_is_refused(study: Study, other: Study) -> None:
    mine, theirs = attempt_of(study), attempt_of(other)
    study.quizzes.submit(mine, force=True)
    refused = other.quizzes.answer(theirs, "bq1", WRONG["bq1"])
    assert isinstance(refused, FinishedElsewhere) and refused.results.attempt_id == mine.attempt_id
    assert stored(study, mine) == {} and study.records.review_log() == []


def test_a_stale_submit_reloads_then_submits_what_is_stored(study: Study, other: Study) -> None:
    mine, theirs = attempt_of(study), attempt_of(other)
    for qid in ("bq1", "bq2", "bq3"):
        study.quizzes.answer(mine, qid, RIGHT[qid])
    moved = other.quizzes.submit(theirs, force=True)
    assert isinstance(moved, Moved) and moved.answered == 3
    still_open = study.records.attempt(mine.attempt_id)
    assert still_open is not None and not still_open.finished
    done = other.quizzes.submit(theirs, force=True)
    assert isinstance(done, Submitted) and done.results.score.score == 3.0


def test_the_store_refuses_a_stale_version_and_writes_nothing(study: Study, other: Study) -> None:
    mine = attempt_of(study)
    records, stale = study.records, other.records
    records.record_answer(mine.attempt_id, "bq1", "b", 1.0, 1.0, True, version=0)
    events = len(records.events())
    with pytest.raises(AttemptMoved) as moved:
        stale.record_answer(mine.attempt_id, "bq1", "a", 0.0, 1.0, False, version=0)
    assert (moved.value.expected, moved.value.current, moved.value.finished) == (0, 1, False)
    with pytest.raises(AttemptMoved):
        stale.finish_attempt(mine.attempt_id, 0.0, 4.0, False, version=0)
    assert len(records.events()) == events and stored(study, mine) == {"bq1": "b"}
    attempt = records.attempt(mine.attempt_id)
    assert attempt is not None and attempt.version == 1 and not attempt.finished


def test_writes_without_a_version_still_bump_it(study: Study) -> None:
    mine = attempt_of(study)
    study.records.record_answer(mine.attempt_id, "bq1", "b", 1.0, 1.0, True)
    finished = study.records.finish_attempt(mine.attempt_id, 1.0, 4.0, False)
    assert finished.version == 2
    assert isinstance(study.quizzes.answer(mine, "bq2", RIGHT["bq2"]), FinishedElsewhere)


def test_an_m003_database_with_an_open_attempt_upgrades_and_takes_versions(
    tmp_path: Path, mini: Course, clock: FakeClock
) -> None:
    path = tmp_path / "m003.db"
    db = open_database(path)
    migrations.apply(db, stop_before="m004_attempt_versions")
    db.conn.execute("INSERT INTO learners (name, created_at) VALUES ('ann', '2025-01-01T00:00:00+00:00')")
    db.conn.execute(
        "INSERT INTO attempts (learner_id, course_id, quiz_id, seed, question_ids, started_at, kind)"
        " VALUES (1, 'mini', 'basics-quiz', 7, ?, '2025-01-01T00:00:00+00:00', 'full')",
        [json.dumps(["bq1", "bq2", "bq3", "bq4"])],
    )
    db.conn.execute(
        "INSERT INTO answers (attempt_id, question_id, response, score, max_score, correct, answered_at)"
        " VALUES (1, 'bq1', '\"b\"', 1.0, 1.0, 1, '2025-01-01T00:00:01+00:00')"
    )
    db.conn.commit()
    db.close()
    with Store.open(path, clock=clock) as one, Store.open(path, clock=clock) as two:
        assert "m004_attempt_versions" in one.schema_version()
        first, second = make_study(mini, one, clock), make_study(mini, two, clock)
        mine, theirs = attempt_of(first), attempt_of(second)
        assert mine.attempt_id == theirs.attempt_id == 1 and mine.version == theirs.version == 0
        assert set(mine.answers) == {"bq1"}
        assert isinstance(first.quizzes.answer(mine, "bq2", RIGHT["bq2"]), Graded)
        assert isinstance(second.quizzes.answer(theirs, "bq2", WRONG["bq2"]), Moved)
        assert stored(first, mine) == {"bq1": "b", "bq2": ["a", "b"]}

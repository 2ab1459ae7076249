"""Progress store, the dashboard's queries (m008): indexes, the same figures as before, old databases upgrade."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import timedelta
from pathlib import Path

import pytest

from progress_store import LearnerProgress, Store
from progress_store.migrations import MIGRATION_NAMES
from tests.helpers.clock import T0, FakeClock

INDEXES = {"attempts_best", "attempts_finished", "study_time_by_object"}


def indexes(path: Path) -> set[str]:
    with sqlite3.connect(path) as conn:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}


def take(learner: LearnerProgress, clock: FakeClock, quiz_id: str, score: float, kind: str = "full", finish: bool = True) -> None:
    """One attempt of two questions scored ``score`` of 2."""
    attempt = learner.start_attempt(quiz_id, 1, ["q1", "q2"], kind=kind)
    clock.advance(60)
    if finish:
        learner.finish_attempt(attempt.id, score, 2.0, score >= 1.0)


def test_m008_is_the_eighth_step_and_adds_the_indexes(store: Store, db_path: Path) -> None:
    assert MIGRATION_NAMES[7] == "m008_dashboard_indexes" and store.schema_version() == MIGRATION_NAMES
    assert indexes(db_path) >= INDEXES


def test_best_scores_count_only_finished_full_attempts(ann: LearnerProgress, clock: FakeClock) -> None:
    take(ann, clock, "quiz-a", 1.0)
    take(ann, clock, "quiz-a", 2.0, kind="retry")  # a retry never counts
    take(ann, clock, "quiz-a", 1.5)
    take(ann, clock, "quiz-b", 0.0)
    take(ann, clock, "quiz-c", 2.0, finish=False)  # unfinished
    assert ann.best_scores() == {"quiz-a": 0.75, "quiz-b": 0.0}


def test_recent_scores_are_the_last_finished_full_attempts_oldest_first(ann: LearnerProgress, clock: FakeClock) -> None:
    for score in (0.0, 1.0, 2.0, 0.5):
        take(ann, clock, "quiz-a", score)
    take(ann, clock, "quiz-a", 2.0, kind="retry")
    assert ann.recent_scores(10) == (4, [0.0, 0.5, 1.0, 0.25])
    assert ann.recent_scores(2) == (4, [1.0, 0.25]), "the count is of every attempt, the scores only the last"
    assert ann.recent_scores(4) == (4, [0.0, 0.5, 1.0, 0.25])


def test_recent_minutes_total_everything_and_list_the_days_asked(ann: LearnerProgress) -> None:
    ann.add_study_time("lesson", "intro", 600.0, T0)
    ann.add_study_time("quiz", "quiz-a", 300.0, T0)
    ann.add_study_time("lesson", "intro", 1200.0, T0 + timedelta(days=20))
    first = (T0 + timedelta(days=10)).date().isoformat()
    total, days = ann.recent_minutes(first)
    assert total == 35.0
    assert days == {(T0 + timedelta(days=20)).date().isoformat(): 20.0}
    assert sum(ann.minutes_by_day().values()) == total


@pytest.mark.parametrize(
    ("sql", "index"),
    [
        ("best", "attempts_best"),
        ("recent", "attempts_finished"),
        ("by_object", "study_time_by_object"),
    ],
)
def test_the_dashboard_queries_use_the_indexes(store: Store, db_path: Path, sql: str, index: str) -> None:
    from progress_store import attempts

    queries = {
        "best": (attempts._BEST, [1, "c1"] * 3),
        "recent": (
            "SELECT score, max_score FROM attempts WHERE learner_id = ? AND course_id = ? AND finished_at IS NOT NULL"
            " AND kind = 'full' ORDER BY finished_at DESC, id DESC LIMIT ?",
            [1, "c1", 10],
        ),
        "by_object": (
            "SELECT object_id AS key, SUM(seconds) AS total FROM study_time"
            " WHERE learner_id = ? AND course_id = ? AND object_type = ? GROUP BY object_id ORDER BY object_id",
            [1, "c1", "lesson"],
        ),
    }
    query, params = queries[sql]
    with sqlite3.connect(db_path) as conn:
        plan = " ".join(str(row[3]) for row in conn.execute("EXPLAIN QUERY PLAN " + query, params))
    assert index in plan


def test_a_version_7_database_upgrades_with_the_same_figures(
    tmp_path: Path, clock: FakeClock, old_db: Callable[[str], AbstractContextManager[sqlite3.Connection]]
) -> None:
    path = tmp_path / "progress.db"
    with old_db("m008_dashboard_indexes") as conn:
        for n, (quiz, score, kind) in enumerate(
            [("qa", 1.0, "full"), ("qa", 2.0, "retry"), ("qb", 2.0, "full"), ("qa", 1.5, "full")]
        ):
            conn.execute(
                "INSERT INTO attempts (learner_id, course_id, quiz_id, seed, question_ids, started_at, finished_at,"
                " score, max_score, passed, kind) VALUES (1, 'c1', ?, 1, '[\"q1\", \"q2\"]', ?, ?, ?, 2.0, 1, ?)",
                [quiz, f"2025-01-0{n + 1}T00:00:00+00:00", f"2025-01-0{n + 1}T00:10:00+00:00", score, kind],
            )
        conn.execute(
            "INSERT INTO study_time (learner_id, course_id, day, object_type, object_id, seconds)"
            " VALUES (1, 'c1', '2025-01-01', 'lesson', 'intro', 600.0)"
        )
    assert not indexes(path) & INDEXES
    with Store.open(path, clock=clock) as store:
        assert store.schema_version() == MIGRATION_NAMES
        ann = store.learner("ann", "c1")
        assert ann.best_scores() == {"qa": 0.75, "qb": 1.0}
        assert ann.recent_scores(10) == (3, [0.5, 1.0, 0.75])
        assert ann.seconds_by_object("lesson") == {"intro": 600.0}
        assert ann.recent_minutes("2025-01-01") == (10.0, {"2025-01-01": 10.0})
    assert indexes(path) >= INDEXES
    backups = sorted(tmp_path.glob("progress-before-*.db"))
    assert [p.name.split("-before-")[1][:7] for p in backups] == ["m008_da"]


@pytest.mark.parametrize("name", ["m001", "m002", "m003"])
def test_every_released_fixture_upgrades_to_m008(name: str, released_db: Callable[[str], Path]) -> None:
    path = released_db(name)
    with Store.open(path) as store:
        assert store.schema_version() == MIGRATION_NAMES
        learner = store.learner("default", "plasticity")
        assert learner.lesson_statuses() == {"neurons": "done", "synapses": "started"}
        assert learner.recent_scores(5)[0] == len([a for a in learner.attempts(kind="full") if a.finished])
    assert indexes(path) >= INDEXES

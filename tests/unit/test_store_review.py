"""Progress store: migration m002 (review cards, review log, settings, attempt kinds) and its API."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlite_utils import Database

from progress_store import (
    Attempt,
    LearnerProgress,
    ReviewCard,
    ReviewLogEntry,
    Store,
    StoreError,
)
from progress_store.migrations import MIGRATION_NAMES, migrations
from quizzes.review import ReviewScheduler, rating_for
from quizzes.review_cards import card_id_for_question, card_id_for_term
from tests.helpers.clock import T0, FakeClock
from tests.helpers.schema_history import EXPECTED_MIGRATIONS

T0_TEXT = "2025-03-01T09:30:00+00:00"
CARD_JSON = (
    '{"card_id": 1, "state": 1, "step": 0, "stability": null, "difficulty": null,'
    ' "due": "2025-03-01T09:30:00+00:00", "last_review": null}'
)


def conn_of(store: Store) -> sqlite3.Connection:
    assert store._db is not None
    return store._db.conn


def columns(path: Path, table: str) -> dict[str, tuple[str, int, object]]:
    with sqlite3.connect(path) as conn:
        return {r[1]: (r[2], r[3], r[4]) for r in conn.execute(f"PRAGMA table_info({table})")}


def build_m001_database(path: Path) -> None:
    """A database as the released m001 left it, with a learner, two attempts, an answer and events."""
    db = Database(path)
    migrations.apply(db, stop_before="m002_review")
    conn = db.conn
    with conn:
        conn.execute("INSERT INTO learners (id, name, created_at) VALUES (1, 'ann', '2025-01-01T00:00:00+00:00')")
        conn.execute(
            "INSERT INTO attempts (learner_id, course_id, quiz_id, seed, question_ids, started_at, finished_at,"
            " score, max_score, passed) VALUES (1, 'c1', 'q1', 7, '[\"a\", \"b\"]', '2025-01-01T00:01:00+00:00',"
            " '2025-01-01T00:05:00+00:00', 3.0, 4.0, 1)"
        )
        conn.execute(
            "INSERT INTO attempts (learner_id, course_id, quiz_id, seed, question_ids, started_at)"
            " VALUES (1, 'c1', 'q2', 8, '[\"z\"]', '2025-01-01T00:06:00+00:00')"
        )
        conn.execute(
            "INSERT INTO answers (attempt_id, question_id, response, score, max_score, correct, answered_at)"
            " VALUES (1, 'a', '\"x\"', 1.0, 1.0, 1, '2025-01-01T00:02:00+00:00')"
        )
        conn.execute(
            "INSERT INTO events (learner_id, course_id, verb, object_type, object_id, attempt_id, result, at)"
            " VALUES (1, 'c1', 'completed', 'quiz', 'q1', 1, NULL, '2025-01-01T00:05:00+00:00')"
        )
    db.close()


# migration


def test_fresh_database_has_the_review_schema(store: Store, db_path: Path) -> None:
    assert store.schema_version() == EXPECTED_MIGRATIONS == MIGRATION_NAMES
    cards = columns(db_path, "review_cards")
    assert list(cards) == [
        "learner_id",
        "course_id",
        "card_id",
        "kind",
        "card_json",
        "due",
        "created_at",
        "last_review_at",
        "reps",
    ]
    assert list(columns(db_path, "review_log")) == [
        "id",
        "learner_id",
        "course_id",
        "card_id",
        "rating",
        "source",
        "log_json",
        "reviewed_at",
    ]
    assert list(columns(db_path, "settings")) == ["learner_id", "key", "value", "updated_at"]
    assert columns(db_path, "attempts")["kind"] == ("TEXT", 1, "'full'")
    with sqlite3.connect(db_path) as conn:
        index = conn.execute("PRAGMA index_info(review_cards_by_due)").fetchall()
    assert [r[2] for r in index] == ["learner_id", "course_id", "due"]


def test_m002_upgrades_a_database_made_at_m001(db_path: Path, clock: FakeClock) -> None:
    build_m001_database(db_path)
    assert "kind" not in columns(db_path, "attempts")
    with Store.open(db_path, clock=clock) as s:
        assert s.schema_version() == EXPECTED_MIGRATIONS
        ann = s.learner("ann", "c1")
        finished, unfinished = ann.attempts()
        assert finished == Attempt(
            1,
            "q1",
            7,
            ["a", "b"],
            "2025-01-01T00:01:00+00:00",
            "2025-01-01T00:05:00+00:00",
            3.0,
            4.0,
            True,
            "full",
        )
        assert unfinished.kind == "full" and not unfinished.finished
        assert ann.open_attempt("q2") == unfinished
        assert ann.best_scores() == {"q1": 0.75}
        assert ann.answers(1)["a"].response == "x"
        assert [e["verb"] for e in ann.events()] == ["completed"]
        # and the new tables work on the upgraded file
        assert ann.add_card("q:a", "question", CARD_JSON, T0)
        retry = ann.start_attempt("q1", 9, ["b"], kind="retry")
        assert ann.attempts(kind="retry") == [retry]
    with Store.open(db_path, clock=clock) as s:
        assert s.schema_version() == EXPECTED_MIGRATIONS
        assert [c.card_id for c in s.learner("ann", "c1").cards()] == ["q:a"]


def test_check_constraints(store: Store, ann: LearnerProgress) -> None:
    ann.add_card("q:a", "question", CARD_JSON, T0)
    ann.start_attempt("q1", 1, ["a"])
    conn = conn_of(store)
    with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
        conn.execute("UPDATE review_cards SET kind = 'lesson'")
    with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
        conn.execute("UPDATE attempts SET kind = 'partial'")
    with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
        conn.execute(
            "INSERT INTO review_log (learner_id, course_id, card_id, rating, source, log_json, reviewed_at)"
            " VALUES (1, 'c1', 'q:a', 5, 'quiz', '{}', 'now')"
        )
    with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
        conn.execute(
            "INSERT INTO review_log (learner_id, course_id, card_id, rating, source, log_json, reviewed_at)"
            " VALUES (1, 'c1', 'q:nope', 3, 'quiz', '{}', 'now')"
        )


def test_review_log_is_append_only(store: Store, ann: LearnerProgress) -> None:
    ann.add_card("q:a", "question", CARD_JSON, T0)
    ann.record_review("q:a", CARD_JSON, T0, 3, "{}", "quiz")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn_of(store).execute("UPDATE review_log SET rating = 4")


# cards


def test_add_card_is_idempotent(ann: LearnerProgress, clock: FakeClock) -> None:
    assert ann.card("q:a") is None
    assert ann.add_card("q:a", "question", CARD_JSON, T0 + timedelta(hours=1)) is True
    clock.advance(60)
    assert ann.add_card("q:a", "question", '{"other": 1}', T0) is False
    card = ann.card("q:a")
    assert card == ReviewCard("q:a", "question", CARD_JSON, T0 + timedelta(hours=1), T0_TEXT, None, 0)
    assert card.due.tzinfo == timezone.utc  # type: ignore[union-attr]
    events = ann.events()
    assert [(e["verb"], e["object_type"], e["object_id"], e["at"]) for e in events] == [
        ("added", "card", "q:a", T0_TEXT),
    ]
    assert events[0]["result"] == {"kind": "question", "due": "2025-03-01T10:30:00+00:00"}


def test_add_card_validates_its_input(ann: LearnerProgress) -> None:
    with pytest.raises(ValueError, match="unknown card kind 'lesson'"):
        ann.add_card("l:a", "lesson", CARD_JSON, T0)
    with pytest.raises(ValueError, match="card_id must be a non-empty string"):
        ann.add_card("", "question", CARD_JSON, T0)
    with pytest.raises(ValueError, match="card_json must be the JSON text of an object"):
        ann.add_card("q:a", "question", "not json", T0)
    with pytest.raises(ValueError, match="aware"):
        ann.add_card("q:a", "question", CARD_JSON, datetime(2025, 3, 1))
    assert ann.cards() == []
    assert ann.events() == []


def test_cards_are_listed_by_due_and_kind(ann: LearnerProgress) -> None:
    ann.add_card("t:synapse", "term", CARD_JSON, T0 + timedelta(days=2))
    ann.add_card("q:b", "question", CARD_JSON, T0 + timedelta(days=1))
    ann.add_card("q:a", "question", CARD_JSON, T0 + timedelta(days=1))
    assert [c.card_id for c in ann.cards()] == ["q:a", "q:b", "t:synapse"]
    assert [c.card_id for c in ann.cards("term")] == ["t:synapse"]
    assert [c.card_id for c in ann.cards("question")] == ["q:a", "q:b"]


def test_due_cards_and_count_with_a_fixed_clock(ann: LearnerProgress) -> None:
    ann.add_card("q:later", "question", CARD_JSON, T0 + timedelta(days=3))
    ann.add_card("q:now", "question", CARD_JSON, T0)
    ann.add_card("q:past", "question", CARD_JSON, T0 - timedelta(hours=5))
    ann.add_card("t:micro", "term", CARD_JSON, T0 + timedelta(microseconds=1))
    assert ann.count_due(T0 - timedelta(days=1)) == 0
    assert ann.due_cards(T0 - timedelta(days=1)) == []
    assert [c.card_id for c in ann.due_cards(T0)] == ["q:past", "q:now"]
    assert ann.count_due(T0) == 2
    # a microsecond later the next card is due: text order is time order, fractions or not
    assert [c.card_id for c in ann.due_cards(T0 + timedelta(microseconds=1))] == ["q:past", "q:now", "t:micro"]
    assert [c.card_id for c in ann.due_cards(T0 + timedelta(days=3))] == ["q:past", "q:now", "t:micro", "q:later"]
    assert [c.card_id for c in ann.due_cards(T0 + timedelta(days=3), limit=2)] == ["q:past", "q:now"]
    assert ann.due_cards(T0, limit=0) == []
    assert ann.count_due(T0 + timedelta(days=30)) == 4


def test_due_times_in_other_zones_compare_as_times(ann: LearnerProgress) -> None:
    minus5 = timezone(timedelta(hours=-5))
    ann.add_card("q:a", "question", CARD_JSON, datetime(2025, 3, 1, 6, 0, tzinfo=minus5))  # 11:00 UTC
    assert ann.card("q:a").due == datetime(2025, 3, 1, 11, 0, tzinfo=timezone.utc)  # type: ignore[union-attr]
    assert ann.count_due(datetime(2025, 3, 1, 12, 0, tzinfo=timezone(timedelta(hours=2)))) == 0  # 10:00 UTC
    assert ann.count_due(datetime(2025, 3, 1, 5, 59, tzinfo=minus5)) == 0
    assert ann.count_due(datetime(2025, 3, 1, 6, 0, tzinfo=minus5)) == 1


def test_due_queries_reject_naive_times_and_bad_limits(ann: LearnerProgress) -> None:
    with pytest.raises(ValueError, match="aware"):
        ann.due_cards(datetime(2025, 3, 1))
    with pytest.raises(ValueError, match="aware"):
        ann.count_due(datetime(2025, 3, 1))
    with pytest.raises(ValueError, match="limit"):
        ann.due_cards(T0, limit=-1)


# reviews


def test_record_review_updates_card_log_and_events(ann: LearnerProgress, clock: FakeClock) -> None:
    ann.add_card("q:a", "question", CARD_JSON, T0)
    clock.advance(30)
    new_json = '{"card_id": 1, "state": 1, "step": 1}'
    ann.record_review("q:a", new_json, T0 + timedelta(minutes=10), 3, '{"rating": 3}', "quiz")
    clock.advance(600)
    ann.record_review("q:a", '{"state": 2}', T0 + timedelta(days=2), 4, '{"rating": 4}', "review")
    card = ann.card("q:a")
    assert card == ReviewCard(
        "q:a",
        "question",
        '{"state": 2}',
        T0 + timedelta(days=2),
        T0_TEXT,
        "2025-03-01T09:40:30+00:00",
        2,
    )
    assert ann.review_log() == [
        ReviewLogEntry("q:a", 3, "quiz", '{"rating": 3}', "2025-03-01T09:30:30+00:00"),
        ReviewLogEntry("q:a", 4, "review", '{"rating": 4}', "2025-03-01T09:40:30+00:00"),
    ]
    reviewed = [e for e in ann.events() if e["verb"] == "reviewed"]
    assert [(e["object_type"], e["object_id"], e["attempt_id"], e["at"], e["result"]) for e in reviewed] == [
        ("card", "q:a", None, "2025-03-01T09:30:30+00:00", {"rating": 3, "source": "quiz", "due": "2025-03-01T09:40:00+00:00"}),
        ("card", "q:a", None, "2025-03-01T09:40:30+00:00", {"rating": 4, "source": "review", "due": "2025-03-03T09:30:00+00:00"}),
    ]
    assert ann.count_due(clock.now) == 0


def test_review_log_per_card(ann: LearnerProgress) -> None:
    for card_id in ("q:a", "q:b"):
        ann.add_card(card_id, "question", CARD_JSON, T0)
    ann.record_review("q:a", CARD_JSON, T0, 1, "{}", "quiz")
    ann.record_review("q:b", CARD_JSON, T0, 3, "{}", "review")
    ann.record_review("q:a", CARD_JSON, T0, 2, "{}", "review")
    assert [e.rating for e in ann.review_log("q:a")] == [1, 2]
    assert [e.card_id for e in ann.review_log()] == ["q:a", "q:b", "q:a"]
    assert ann.review_log("q:zzz") == []


def test_record_review_of_a_missing_card_raises_and_writes_nothing(store: Store, ann: LearnerProgress) -> None:
    store.learner("bob", "c1").add_card("q:a", "question", CARD_JSON, T0)
    with pytest.raises(StoreError, match="review card q:a does not exist for ann in c1"):
        ann.record_review("q:a", CARD_JSON, T0, 3, "{}", "quiz")
    assert ann.review_log() == []
    assert ann.events() == []
    assert store.learner("bob", "c1").card("q:a").reps == 0  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("rating", "source", "log_json", "message"),
    [
        (0, "quiz", "{}", "rating must be an int from 1"),
        (5, "quiz", "{}", "rating must be an int from 1"),
        (True, "quiz", "{}", "rating must be an int from 1"),
        (3, "lesson", "{}", "unknown review source 'lesson'"),
        (3, "quiz", "[]", "log_json must be the JSON text of an object"),
    ],
)
def test_record_review_validates(ann: LearnerProgress, rating: object, source: str, log_json: str, message: str) -> None:
    ann.add_card("q:a", "question", CARD_JSON, T0)
    with pytest.raises(ValueError, match=message):
        ann.record_review("q:a", CARD_JSON, T0, rating, log_json, source)  # type: ignore[arg-type]
    assert ann.card("q:a").reps == 0  # type: ignore[union-attr]
    assert ann.review_log() == []


def test_scheduler_and_store_together(store: Store, ann: LearnerProgress, clock: FakeClock) -> None:
    scheduler = ReviewScheduler(fuzz=False)
    card_id = card_id_for_question("q-ssri-1")
    fresh = scheduler.new_card(store.now())
    assert ann.add_card(card_id, "question", fresh.card_json, fresh.due)
    assert ann.add_card(card_id_for_term("synapse"), "term", scheduler.new_card(store.now()).card_json, T0)
    assert ann.count_due(store.now()) == 2
    clock.advance(5)
    scheduled, log_json = scheduler.review(fresh.card_json, rating_for(True), store.now())
    ann.record_review(card_id, scheduled.card_json, scheduled.due, int(rating_for(True)), log_json, "quiz")
    assert ann.card(card_id).due == T0 + timedelta(minutes=10, seconds=5)  # type: ignore[union-attr]
    assert json.loads(ann.review_log(card_id)[0].log_json)["rating"] == 3
    assert [c.card_id for c in ann.due_cards(store.now())] == ["t:synapse"]
    clock.advance(600)
    assert [c.card_id for c in ann.due_cards(store.now())] == ["t:synapse", card_id]


def test_cards_are_per_learner_and_course(store: Store, ann: LearnerProgress) -> None:
    ann.add_card("q:a", "question", CARD_JSON, T0)
    bob, ann_c2 = store.learner("bob", "c1"), store.learner("ann", "c2")
    assert bob.cards() == [] and ann_c2.cards() == []
    assert bob.count_due(T0) == 0 and ann_c2.due_cards(T0) == []
    assert bob.add_card("q:a", "question", CARD_JSON, T0) is True
    assert ann_c2.add_card("q:a", "term", CARD_JSON, T0) is True
    ann.record_review("q:a", CARD_JSON, T0, 3, "{}", "quiz")
    assert bob.review_log() == [] and ann_c2.review_log() == []
    assert ann_c2.card("q:a").kind == "term"  # type: ignore[union-attr]


# settings


def test_settings_round_trip_per_learner(store: Store, ann: LearnerProgress) -> None:
    bob = store.learner("bob", "c1")
    assert ann.setting("desired_retention") is None
    assert ann.setting("desired_retention", 0.9) == 0.9
    ann.set_setting("desired_retention", 0.85)
    ann.set_setting("theme", {"name": "high-contrast", "sizes": [1, 2], "on": True})
    assert ann.setting("desired_retention", 0.9) == 0.85
    assert ann.setting("theme") == {"name": "high-contrast", "sizes": [1, 2], "on": True}
    assert bob.setting("desired_retention", 0.9) == 0.9
    bob.set_setting("desired_retention", 0.95)
    ann.set_setting("desired_retention", 0.8)
    assert (ann.setting("desired_retention"), bob.setting("desired_retention")) == (0.8, 0.95)
    # per learner, not per course
    assert store.learner("ann", "another-course").setting("desired_retention") == 0.8
    assert ann.events() == [] and bob.events() == []


def test_bad_settings_write_nothing(ann: LearnerProgress) -> None:
    with pytest.raises(TypeError):
        ann.set_setting("x", object())
    with pytest.raises(ValueError):
        ann.set_setting("x", float("nan"))
    with pytest.raises(ValueError, match="setting key"):
        ann.set_setting("", 1)
    assert ann.setting("x", "unset") == "unset"


# attempt kinds


def test_retry_attempts_do_not_count_towards_best_scores(ann: LearnerProgress) -> None:
    full = ann.start_attempt("q1", 1, ["a", "b", "c", "d"])
    assert full.kind == "full"
    ann.finish_attempt(full.id, 2.0, 4.0, False)
    retry = ann.start_attempt("q1", 2, ["c", "d"], kind="retry")
    assert retry.kind == "retry"
    assert ann.open_attempt("q1") == retry
    done = ann.finish_attempt(retry.id, 2.0, 2.0, True)
    assert done.kind == "retry" and done.scaled == 1.0
    only_retry = ann.start_attempt("q2", 3, ["z"], kind="retry")
    ann.finish_attempt(only_retry.id, 1.0, 1.0, True)
    assert ann.best_scores() == {"q1": 0.5}
    assert [a.id for a in ann.attempts("q1")] == [full.id, retry.id]
    assert [a.id for a in ann.attempts("q1", kind="full")] == [full.id]
    assert [a.id for a in ann.attempts(kind="retry")] == [retry.id, only_retry.id]
    attempted = [e for e in ann.events() if e["verb"] == "attempted"]
    assert [e["result"]["kind"] for e in attempted] == ["full", "retry", "retry"]  # type: ignore[index]


def test_unknown_attempt_kind_is_rejected(ann: LearnerProgress) -> None:
    with pytest.raises(ValueError, match="unknown attempt kind 'partial'"):
        ann.start_attempt("q1", 1, ["a"], kind="partial")
    with pytest.raises(ValueError, match="unknown attempt kind"):
        ann.attempts(kind="partial")
    assert ann.attempts() == [] and ann.events() == []


# persistence


def test_reopening_keeps_cards_log_settings_and_kinds(db_path: Path, clock: FakeClock) -> None:
    with Store.open(db_path, clock=clock) as s:
        ann = s.learner("ann", "c1")
        ann.add_card("q:a", "question", CARD_JSON, T0)
        ann.add_card("t:b", "term", CARD_JSON, T0 + timedelta(days=1))
        clock.advance(1)
        ann.record_review("q:a", '{"state": 2}', T0 + timedelta(days=2), 3, '{"x": 1}', "review")
        ann.set_setting("desired_retention", 0.93)
        retry = ann.start_attempt("q1", 5, ["a"], kind="retry")
        cards, log, events = ann.cards(), ann.review_log(), ann.events()
    with Store.open(db_path, clock=clock) as s:
        ann = s.learner("ann", "c1")
        assert ann.cards() == cards
        assert [c.card_id for c in cards] == ["t:b", "q:a"]
        assert ann.review_log() == log
        assert ann.events() == events
        assert ann.setting("desired_retention") == 0.93
        assert ann.attempt(retry.id) == retry
        assert ann.count_due(T0 + timedelta(days=1)) == 1


def test_store_now_is_the_clock_in_utc(db_path: Path) -> None:
    plus2 = timezone(timedelta(hours=2))
    with Store.open(db_path, clock=lambda: datetime(2025, 3, 1, 11, 30, tzinfo=plus2)) as s:
        assert s.now() == T0
        assert s.now().utcoffset() == timedelta(0)

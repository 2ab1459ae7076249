"""Progress store: notes, bookmarks, study time (migration m003) and the learner export."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from progress_store import Bookmark, LearnerProgress, Note, Store
from progress_store.connection import open_database
from progress_store.export import export_learner
from progress_store.migrations import migrations
from progress_store.notes import MAX_NOTE_CHARS
from tests.helpers.clock import T0, FakeClock
from tests.helpers.schema_history import EXPECTED_MIGRATIONS


@pytest.fixture
def ann(store: Store) -> LearnerProgress:
    return store.learner("ann", "course-a")


def tables(path: Path) -> set[str]:
    with sqlite3.connect(path) as conn:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def make_m002_database(path: Path) -> None:
    """A database as the previous release left it: m001 and m002 applied, with some progress."""
    db = open_database(path)
    migrations.apply(db, stop_before="m003_notes")
    db.conn.execute("INSERT INTO learners (name, created_at) VALUES ('ann', '2025-01-01T00:00:00+00:00')")
    db.conn.execute(
        "INSERT INTO lesson_progress (learner_id, course_id, lesson_id, status, first_opened_at)"
        " VALUES (1, 'course-a', 'neurons', 'started', '2025-01-01T00:00:00+00:00')"
    )
    db.close()


# migration m003


def test_m003_applies_on_a_fresh_database(store: Store, tmp_path: Path) -> None:
    assert store.schema_version() == EXPECTED_MIGRATIONS
    assert {"notes", "bookmarks", "study_time"} <= tables(tmp_path / "progress.db")


def test_m003_upgrades_an_m002_database_and_keeps_its_data(tmp_path: Path, clock: FakeClock) -> None:
    path = tmp_path / "old.db"
    make_m002_database(path)
    assert "notes" not in tables(path)
    with Store.open(path, clock=clock) as s:
        assert s.schema_version() == EXPECTED_MIGRATIONS
        ann = s.learner("ann", "course-a")
        assert ann.lesson_statuses() == {"neurons": "started"}
        ann.save_note("neurons", "kept")
        assert ann.note("neurons") == "kept"
    with Store.open(path, clock=clock) as again:  # reopening applies nothing twice
        assert again.schema_version() == EXPECTED_MIGRATIONS
        assert again.learner("ann", "course-a").note("neurons") == "kept"


def test_m003_tables_have_the_agreed_keys(store: Store, tmp_path: Path) -> None:
    with sqlite3.connect(tmp_path / "progress.db") as conn:

        def pk(table: str) -> list[str]:
            rows = conn.execute(f"PRAGMA table_info({table})").fetchall()
            return [r[1] for r in sorted((r for r in rows if r[5]), key=lambda r: r[5])]

        assert pk("notes") == ["learner_id", "course_id", "lesson_id"]
        assert pk("bookmarks") == ["learner_id", "course_id", "lesson_id"]
        assert pk("study_time") == ["learner_id", "course_id", "day", "object_type", "object_id"]


# notes


def test_note_is_empty_when_none(ann: LearnerProgress) -> None:
    assert ann.note("neurons") == ""
    assert ann.notes() == []


def test_save_note_upserts_and_logs_only_the_length(ann: LearnerProgress, clock: FakeClock) -> None:
    ann.save_note("neurons", "Neurons fire.")
    clock.advance(60)
    ann.save_note("neurons", "Neurons fire. Secret thought.")
    assert ann.note("neurons") == "Neurons fire. Secret thought."
    assert ann.notes() == [Note("neurons", "Neurons fire. Secret thought.", "2025-03-01T09:31:00+00:00")]
    noted = [e for e in ann.events() if e["verb"] == "noted"]
    assert [(e["object_type"], e["object_id"], e["result"]) for e in noted] == [
        ("lesson", "neurons", {"length": 13}),
        ("lesson", "neurons", {"length": 29}),
    ]
    assert "Secret" not in json.dumps(ann.events())


def test_saving_the_same_text_changes_nothing(ann: LearnerProgress, clock: FakeClock) -> None:
    ann.save_note("neurons", "same")
    clock.advance(60)
    ann.save_note("neurons", "same")
    assert ann.notes()[0].updated_at == "2025-03-01T09:30:00+00:00"
    assert len([e for e in ann.events() if e["verb"] == "noted"]) == 1


def test_empty_text_deletes_the_note(ann: LearnerProgress) -> None:
    ann.save_note("neurons", "something")
    ann.save_note("neurons", "   \n")
    assert ann.note("neurons") == ""
    assert ann.notes() == []
    assert [e["result"] for e in ann.events() if e["verb"] == "noted"] == [{"length": 9}, {"length": 0}]
    ann.save_note("neurons", "")  # deleting nothing logs nothing
    assert len([e for e in ann.events() if e["verb"] == "noted"]) == 2


def test_notes_are_newest_first(ann: LearnerProgress, clock: FakeClock) -> None:
    ann.save_note("a", "first")
    clock.advance(1)
    ann.save_note("b", "second")
    clock.advance(1)
    ann.save_note("a", "first, edited")
    assert [n.lesson_id for n in ann.notes()] == ["a", "b"]


def test_note_text_is_kept_exactly(ann: LearnerProgress) -> None:
    text = "  line one\n\n[b]not markup[/b] ünïcode ✓\n"
    ann.save_note("neurons", text)
    assert ann.note("neurons") == text


def test_note_length_is_capped_and_bad_input_rejected(ann: LearnerProgress) -> None:
    ann.save_note("neurons", "x" * MAX_NOTE_CHARS)
    with pytest.raises(ValueError, match="at most"):
        ann.save_note("neurons", "x" * (MAX_NOTE_CHARS + 1))
    with pytest.raises(ValueError):
        ann.save_note("", "text")
    with pytest.raises(ValueError):
        ann.save_note("neurons", None)  # type: ignore[arg-type]
    assert ann.note("neurons") == "x" * MAX_NOTE_CHARS


# bookmarks


def test_toggle_bookmark_adds_and_removes_with_events(ann: LearnerProgress) -> None:
    assert not ann.is_bookmarked("neurons")
    assert ann.toggle_bookmark("neurons") is True
    assert ann.is_bookmarked("neurons")
    assert ann.bookmarks() == [Bookmark("neurons", "2025-03-01T09:30:00+00:00")]
    assert ann.toggle_bookmark("neurons") is False
    assert not ann.is_bookmarked("neurons")
    assert ann.bookmarks() == []
    verbs = [(e["verb"], e["object_type"], e["object_id"]) for e in ann.events()]
    assert verbs == [("bookmarked", "lesson", "neurons"), ("unbookmarked", "lesson", "neurons")]


def test_bookmarks_are_newest_first(ann: LearnerProgress, clock: FakeClock) -> None:
    ann.toggle_bookmark("a")
    clock.advance(5)
    ann.toggle_bookmark("b")
    ann.toggle_bookmark("c")  # same second as b: the later one still comes first
    assert [b.lesson_id for b in ann.bookmarks()] == ["c", "b", "a"]


# study time


def test_study_time_adds_up_per_day_and_object(ann: LearnerProgress) -> None:
    ann.add_study_time("lesson", "neurons", 30, T0)
    ann.add_study_time("lesson", "neurons", 90, T0 + timedelta(minutes=5))
    ann.add_study_time("quiz", "basics-quiz", 60, T0)
    ann.add_study_time("lesson", "neurons", 120, T0 + timedelta(days=1))
    assert ann.minutes_by_day() == {"2025-03-01": 3.0, "2025-03-02": 2.0}
    assert ann.seconds_by_object("lesson") == {"neurons": 240.0}
    assert ann.seconds_by_object("quiz") == {"basics-quiz": 60.0}
    assert ann.seconds_by_object() == {"lesson:neurons": 240.0, "quiz:basics-quiz": 60.0}
    assert ann.events() == []  # study time logs no events


def test_study_time_days_are_utc(ann: LearnerProgress) -> None:
    tokyo = timezone(timedelta(hours=9))
    ann.add_study_time("lesson", "a", 60, datetime(2025, 3, 2, 8, 0, tzinfo=tokyo))  # 2025-03-01 23:00 UTC
    ann.add_study_time("lesson", "a", 60, datetime(2025, 3, 1, 23, 59, 59, tzinfo=timezone.utc))
    ann.add_study_time("lesson", "a", 60, datetime(2025, 3, 2, 0, 0, 0, tzinfo=timezone.utc))
    assert ann.minutes_by_day() == {"2025-03-01": 2.0, "2025-03-02": 1.0}


def test_study_time_uses_at_not_the_store_clock(ann: LearnerProgress, clock: FakeClock) -> None:
    clock.advance(10 * 86400)
    ann.add_study_time("lesson", "a", 60, T0)
    assert list(ann.minutes_by_day()) == ["2025-03-01"]


def test_study_time_ignores_nothing_and_caps_one_call(ann: LearnerProgress) -> None:
    ann.add_study_time("lesson", "a", 0, T0)
    ann.add_study_time("lesson", "a", -5, T0)
    assert ann.minutes_by_day() == {}
    ann.add_study_time("lesson", "a", 3 * 3600, T0)  # left the app open: counts 30 minutes
    assert ann.seconds_by_object("lesson") == {"a": 1800.0}
    ann.add_study_time("lesson", "a", 0.5, T0)
    assert ann.seconds_by_object("lesson") == {"a": 1800.5}


def test_study_time_rejects_bad_input(ann: LearnerProgress) -> None:
    with pytest.raises(ValueError):
        ann.add_study_time("lesson", "a", 10, datetime(2025, 3, 1))
    with pytest.raises(ValueError):
        ann.add_study_time("lesson", "a", float("nan"), T0)
    with pytest.raises(ValueError):
        ann.add_study_time("", "a", 10, T0)
    with pytest.raises(ValueError):
        ann.add_study_time("lesson", "", 10, T0)
    assert ann.minutes_by_day() == {}


# isolation


def test_learners_and_courses_are_isolated(store: Store) -> None:
    ann, bob = store.learner("ann", "course-a"), store.learner("bob", "course-a")
    ann_b = store.learner("ann", "course-b")
    ann.save_note("neurons", "ann's")
    ann.toggle_bookmark("neurons")
    ann.add_study_time("lesson", "neurons", 60, T0)
    for other in (bob, ann_b):
        assert other.note("neurons") == ""
        assert other.notes() == []
        assert other.bookmarks() == [] and not other.is_bookmarked("neurons")
        assert other.minutes_by_day() == {} and other.seconds_by_object() == {}
        assert export_learner(other)["notes"] == []
    bob.save_note("neurons", "bob's")
    assert bob.toggle_bookmark("neurons") is True  # bob's toggle does not see ann's bookmark
    assert ann.note("neurons") == "ann's" and ann.is_bookmarked("neurons")


# export


def fill(ann: LearnerProgress, clock: FakeClock) -> None:
    ann.open_lesson("neurons")
    ann.complete_lesson("neurons")
    attempt = ann.start_attempt("basics-quiz", 7, ["q1", "q2"])
    ann.record_answer(attempt.id, "q1", {"choice": "b"}, 1.0, 1.0, True)
    ann.finish_attempt(attempt.id, 1.0, 2.0, False)
    ann.add_card("q:q1", "question", '{"card_id": 1}', T0 + timedelta(days=1))
    ann.record_review("q:q1", '{"card_id": 1, "step": 1}', T0 + timedelta(days=3), 3, '{"rating": 3}', "quiz")
    ann.set_setting("desired_retention", 0.9)
    clock.advance(30)
    ann.save_note("neurons", "My private note")
    ann.toggle_bookmark("synapses")
    ann.add_study_time("lesson", "neurons", 150, T0)


def test_export_contains_everything_and_is_json(ann: LearnerProgress, clock: FakeClock) -> None:
    fill(ann, clock)
    data = export_learner(ann)
    assert list(data) == [
        "format",
        "version",
        "learner",
        "course_id",
        "exported_at",
        "lessons",
        "attempts",
        "review_cards",
        "review_log",
        "notes",
        "bookmarks",
        "study_time",
        "ce",
        "settings",
        "events",
    ]
    assert data["learner"] == "ann" and data["course_id"] == "course-a"
    assert data["exported_at"] == "2025-03-01T09:30:30+00:00"
    assert data["lessons"] == [
        {
            "lesson_id": "neurons",
            "status": "done",
            "first_opened_at": "2025-03-01T09:30:00+00:00",
            "completed_at": "2025-03-01T09:30:00+00:00",
        }
    ]
    [attempt] = data["attempts"]
    assert attempt["quiz_id"] == "basics-quiz" and attempt["scaled"] == 0.5 and attempt["passed"] is False
    assert attempt["answers"][0]["question_id"] == "q1" and attempt["answers"][0]["response"] == {"choice": "b"}
    assert data["review_cards"][0]["card_id"] == "q:q1" and data["review_cards"][0]["card"] == {"card_id": 1, "step": 1}
    assert data["review_log"][0]["rating"] == 3 and data["review_log"][0]["log"] == {"rating": 3}
    assert data["notes"] == [
        {
            "lesson_id": "neurons",
            "text": "My private note",
            "created_at": "2025-03-01T09:30:30+00:00",
            "updated_at": "2025-03-01T09:30:30+00:00",
        }
    ]
    assert data["bookmarks"] == [{"lesson_id": "synapses", "created_at": "2025-03-01T09:30:30+00:00"}]
    assert data["study_time"] == {
        "minutes_by_day": {"2025-03-01": 2.5},
        "rows": [{"day": "2025-03-01", "object_type": "lesson", "object_id": "neurons", "seconds": 150.0}],
    }
    assert data["settings"] == {"desired_retention": 0.9}
    verbs = [e["verb"] for e in data["events"]]
    assert verbs == ["opened", "completed", "attempted", "answered", "completed", "added", "reviewed", "noted", "bookmarked"]
    text = json.dumps(data, allow_nan=False)
    assert json.loads(text) == data


def test_export_is_deterministic(ann: LearnerProgress, clock: FakeClock) -> None:
    fill(ann, clock)
    assert json.dumps(export_learner(ann)) == json.dumps(export_learner(ann))


def test_export_of_a_new_learner_is_empty(ann: LearnerProgress) -> None:
    data = export_learner(ann)
    for key in ("lessons", "attempts", "review_cards", "review_log", "notes", "bookmarks", "events"):
        assert data[key] == []
    assert data["study_time"] == {"minutes_by_day": {}, "rows": []}
    assert data["settings"] == {}
    json.dumps(data, allow_nan=False)


def test_export_leaves_no_transaction_open(store: Store, ann: LearnerProgress) -> None:
    export_learner(ann)
    assert store._db is not None and not store._db.conn.in_transaction
    ann.save_note("neurons", "still writable")
    assert ann.note("neurons") == "still writable"

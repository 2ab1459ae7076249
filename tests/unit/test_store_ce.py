"""Progress store, clinician track (m006): acknowledgment, engaged time, evaluation, attestation and
certificates, each write with its event; old databases upgrade to it."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest

from progress_store import LearnerProgress, Store, StoreError
from progress_store.connection import open_database
from progress_store.export import export_learner
from progress_store.migrations import MIGRATION_NAMES, migrations
from tests.helpers.clock import T0, FakeClock

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "databases"
CE_TABLES = {"ce_acknowledgments", "ce_evaluations", "ce_attestations", "ce_certificates"}


def tables(path: Path) -> set[str]:
    with sqlite3.connect(path) as conn:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def columns(path: Path, table: str) -> list[str]:
    with sqlite3.connect(path) as conn:
        return [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]


def verbs(learner: LearnerProgress) -> list[tuple[str, str, str]]:
    return [(str(e["verb"]), str(e["object_type"]), str(e["object_id"])) for e in learner.events()]


# the schema


def test_m006_is_the_sixth_step_and_adds_the_ce_tables(store: Store, db_path: Path) -> None:
    assert MIGRATION_NAMES[5] == "m006_ce" and store.schema_version() == MIGRATION_NAMES
    assert tables(db_path) >= CE_TABLES
    assert columns(db_path, "study_time")[-1] == "engaged_seconds"


@pytest.mark.parametrize("name", ["m001", "m002", "m003"])
def test_every_released_fixture_upgrades_to_m006_with_its_study_time_not_engaged(name: str, tmp_path: Path) -> None:
    path = tmp_path / "progress.db"
    shutil.copyfile(FIXTURES / f"{name}.db", path)
    with Store.open(path) as store:
        assert store.schema_version() == MIGRATION_NAMES
        learner = store.learner("default", "plasticity")
        assert learner.lesson_statuses() == {"neurons": "done", "synapses": "started"}
        assert learner.engaged_seconds() == {}, "time counted before m006 had no idle detection"
        assert learner.activity_acknowledgment() is None and learner.certificates() == []
        if name == "m003":
            assert learner.seconds_by_object("lesson") == {"neurons": 1140.0}
    assert tables(path) >= CE_TABLES
    backups = sorted(tmp_path.glob("progress-before-*.db"))
    assert len(backups) == 1 and not CE_TABLES & tables(backups[0])


def test_a_version_5_database_upgrades_keeping_its_study_time(tmp_path: Path, clock: FakeClock) -> None:
    path = tmp_path / "progress.db"
    db = open_database(path)
    migrations.apply(db, stop_before="m006_ce")
    db.conn.execute("INSERT INTO learners (name, created_at) VALUES ('ann', '2025-01-01T00:00:00+00:00')")
    db.conn.execute(
        "INSERT INTO study_time (learner_id, course_id, day, object_type, object_id, seconds)"
        " VALUES (1, 'c1', '2025-01-01', 'lesson', 'intro', 600.0)"
    )
    db.conn.commit()
    db.close()
    with Store.open(path, clock=clock) as store:
        ann = store.learner("ann", "c1")
        assert ann.seconds_by_object("lesson") == {"intro": 600.0} and ann.engaged_seconds() == {}
        ann.add_engaged_time("lesson", "intro", 30.0, T0)
        assert ann.engaged_seconds() == {("lesson", "intro"): 30.0}
    assert sorted(p.name.split("-before-")[1][:7] for p in tmp_path.glob("progress-before-*.db")) == ["m006_ce"]


# acknowledgment


def test_the_acknowledgment_is_recorded_once_with_its_time_and_event(ann: LearnerProgress, clock: FakeClock) -> None:
    first = ann.acknowledge_activity("1.0")
    assert first.acknowledged_at == T0.isoformat() and first.course_version == "1.0"
    clock.advance(60)
    assert ann.acknowledge_activity("1.1") == first, "a repeat keeps the first"
    assert ann.activity_acknowledgment() == first
    assert verbs(ann) == [("acknowledged", "activity", "c1")]
    assert ann.events()[0]["result"] == {"course_version": "1.0"}


# engaged time


def test_engaged_time_adds_to_study_time_and_engaged_time_with_an_event_uncapped(ann: LearnerProgress) -> None:
    ann.add_engaged_time("lesson", "intro", 45 * 60.0, T0)
    ann.add_engaged_time("lesson", "intro", 15.5, T0 + timedelta(minutes=50))
    ann.add_engaged_time("quiz", "q1", 60.0, T0 + timedelta(days=1))
    assert ann.engaged_seconds() == {("lesson", "intro"): 2715.5, ("quiz", "q1"): 60.0}
    assert ann.seconds_by_object("lesson") == {"intro": 2715.5}, "no 30-minute cap: the engine measured it"
    assert ann.minutes_by_day() == {"2025-03-01": 2715.5 / 60, "2025-03-02": 1.0}
    assert verbs(ann) == [("engaged", "lesson", "intro"), ("engaged", "lesson", "intro"), ("engaged", "quiz", "q1")]
    assert [e["result"] for e in ann.events()] == [{"seconds": 2700.0}, {"seconds": 15.5}, {"seconds": 60.0}]


def test_capped_study_time_is_not_engaged_time(ann: LearnerProgress) -> None:
    ann.add_study_time("lesson", "intro", 600, T0)
    ann.add_engaged_time("lesson", "intro", 60, T0)
    assert ann.seconds_by_object("lesson") == {"intro": 660.0}
    assert ann.engaged_seconds() == {("lesson", "intro"): 60.0}


@pytest.mark.parametrize("seconds", [0, -5.0])
def test_no_engaged_time_writes_nothing(ann: LearnerProgress, seconds: float) -> None:
    ann.add_engaged_time("lesson", "intro", seconds, T0)
    assert ann.engaged_seconds() == {} and ann.events() == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("lesson", "intro", float("nan"), T0), "finite"),
        (("lesson", "intro", True, T0), "finite"),
        (("", "intro", 1.0, T0), "object_type"),
        (("lesson", "intro", 1.0, T0.replace(tzinfo=None)), "aware"),
    ],
)
def test_bad_engaged_time_is_refused(ann: LearnerProgress, args: tuple[object, ...], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        ann.add_engaged_time(*args)  # type: ignore[arg-type]


# evaluation


def test_evaluation_answers_replace_earlier_ones_and_the_event_carries_them(ann: LearnerProgress, clock: FakeClock) -> None:
    assert ann.evaluation() is None
    ann.save_evaluation({"useful": 4, "bias-free": True})
    clock.advance(30)
    saved = ann.save_evaluation({"useful": 5, "bias-free": False, "comments": "Shorter, please — ça va."})
    assert ann.evaluation() == saved
    assert saved.answers == {"useful": 5, "bias-free": False, "comments": "Shorter, please — ça va."}
    assert saved.submitted_at == (T0 + timedelta(seconds=30)).isoformat()
    assert verbs(ann) == [("evaluated", "activity", "c1")] * 2
    assert ann.events()[1]["result"] == {"answers": saved.answers}
    assert ann.best_scores() == {} and ann.attempts() == [], "the evaluation never touches scores"


def test_evaluation_answers_are_in_the_export(ann: LearnerProgress) -> None:
    ann.save_evaluation({"useful": 3})
    exported = export_learner(ann)
    assert any(e["verb"] == "evaluated" and e["result"] == {"answers": {"useful": 3}} for e in exported["events"])


def test_the_export_carries_every_ce_step(ann: LearnerProgress, clock: FakeClock) -> None:
    assert export_learner(ann)["ce"] == {
        "acknowledgment": None,
        "engaged_time": [],
        "evaluation": None,
        "attestation": None,
        "certificates": [],
    }
    ann.acknowledge_activity("2.0")
    ann.add_engaged_time("lesson", "l1", 90.5, T0)
    ann.add_engaged_time("lesson", "l1", 30.0, T0 + timedelta(days=1))
    ann.add_engaged_time("quiz", "post-test", 600.0, T0)
    ann.save_evaluation({"useful": 5})
    ann.attest(1.5)
    ann.issue_certificate("CE-1111-1111-1111", {"certificate_id": "CE-1111-1111-1111"}, "2025-03-01T09:30:00Z")
    now = T0.isoformat()
    assert export_learner(ann)["ce"] == {
        "acknowledgment": {"acknowledged_at": now, "course_version": "2.0"},
        "engaged_time": [
            {"object_type": "lesson", "object_id": "l1", "engaged_seconds": 120.5},
            {"object_type": "quiz", "object_id": "post-test", "engaged_seconds": 600.0},
        ],
        "evaluation": {"answers": {"useful": 5}, "submitted_at": now},
        "attestation": {"hours": 1.5, "own_time": True, "attested_at": now},
        "certificates": [
            {
                "certificate_id": "CE-1111-1111-1111",
                "issued_at": "2025-03-01T09:30:00Z",
                "payload": {"certificate_id": "CE-1111-1111-1111"},
            }
        ],
    }


# attestation and certificates


def test_an_attestation_is_stored_and_can_be_changed_until_a_certificate_is_issued(
    ann: LearnerProgress, clock: FakeClock
) -> None:
    ann.attest(0.5)
    clock.advance(10)
    claim = ann.attest(1.25)
    assert ann.attestation() == claim and (claim.hours, claim.own_time) == (1.25, True)
    ann.issue_certificate(
        "CE-AAAA-BBBB-CCCC", {"certificate_id": "CE-AAAA-BBBB-CCCC", "credit_claimed": 1.25}, "2025-03-01T09:30:10Z"
    )
    with pytest.raises(StoreError, match="already been issued"):
        ann.attest(0.25)
    assert ann.attestation() == claim
    assert verbs(ann) == [
        ("attested", "activity", "c1"),
        ("attested", "activity", "c1"),
        ("issued", "certificate", "CE-AAAA-BBBB-CCCC"),
    ]
    assert ann.events()[2]["result"] == {"credit": 1.25}


@pytest.mark.parametrize("hours", [0, -1.0, float("inf"), True])
def test_an_attestation_of_no_hours_is_refused(ann: LearnerProgress, hours: float) -> None:
    with pytest.raises(ValueError):
        ann.attest(hours)
    assert ann.attestation() is None


def test_a_certificate_is_issued_once_per_learner_and_course(store: Store, ann: LearnerProgress) -> None:
    first = ann.issue_certificate("CE-1111-1111-1111", {"certificate_id": "CE-1111-1111-1111"}, "2025-03-01T09:30:00Z")
    again = ann.issue_certificate("CE-2222-2222-2222", {"certificate_id": "CE-2222-2222-2222"}, "2025-03-02T09:30:00Z")
    assert again == first and ann.certificates() == [first]
    assert [v for v, _, _ in verbs(ann)] == ["issued"]
    other = store.learner("ann", "c2").issue_certificate("CE-3333-3333-3333", {"x": 1}, "2025-03-02T09:30:00Z")
    assert other.certificate_id == "CE-3333-3333-3333" and ann.certificates() == [first]


def test_an_issued_certificate_never_changes(ann: LearnerProgress, db_path: Path) -> None:
    ann.issue_certificate("CE-1111-1111-1111", {"credit_claimed": 1.0}, "2025-03-01T09:30:00Z")
    with sqlite3.connect(db_path) as conn, pytest.raises(sqlite3.IntegrityError, match="never changes"):
        conn.execute("UPDATE ce_certificates SET payload = '{\"credit_claimed\": 9.0}'")
    assert ann.certificates()[0].payload == {"credit_claimed": 1.0}


def test_a_step_that_fails_writes_neither_its_row_nor_its_event(ann: LearnerProgress) -> None:
    with pytest.raises(ValueError):
        ann.save_evaluation({"useful": float("nan")})
    assert ann.evaluation() is None and ann.events() == []


def test_lesson_completions_give_each_done_lesson_its_time(ann: LearnerProgress, clock: FakeClock) -> None:
    ann.open_lesson("a")
    ann.complete_lesson("a")
    clock.advance(60)
    ann.open_lesson("b")
    assert ann.lesson_completions() == {"a": T0.isoformat()}

"""The lesson's reading place as a block anchor (m005): stored beside the old row offset, which stays
the fallback for rows written before, and a version-4 database upgraded keeps its data."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from course.loading.loader import load_course
from progress_store import LearnerProgress, Store
from progress_store.connection import open_database
from progress_store.lessons import Place
from progress_store.migrations import MIGRATION_NAMES, migrations
from tests.engine.conftest import MINI, make_study
from tests.helpers.clock import FakeClock

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "databases"


def _columns(path: Path) -> list[str]:
    with sqlite3.connect(path) as conn:
        return [row[1] for row in conn.execute("PRAGMA table_info(lesson_progress)")]


def test_a_place_is_saved_as_a_block_and_a_fraction_with_its_rows(ann: LearnerProgress) -> None:
    assert ann.place("intro") is None
    ann.save_place("intro", 12, 0.35, rows=48.0)
    assert ann.place("intro") == Place(block=12, within=0.35, rows=48.0)
    assert ann.scroll("intro") == 48.0, "the row offset is kept beside the anchor"
    ann.save_place("intro", 3, 0.0, rows=9.0)
    assert ann.place("intro") == Place(3, 0.0, 9.0)
    assert ann.lesson_statuses() == {}, "saving a place does not open the lesson"
    assert [e["verb"] for e in ann.events()] == [], "and logs nothing"


@pytest.mark.parametrize(("block", "within"), [(-1, 0.5), (2, -0.1), (2, 1.5), (2, float("nan"))])
def test_a_place_out_of_range_is_refused(ann: LearnerProgress, block: int, within: float) -> None:
    with pytest.raises(ValueError):
        ann.save_place("intro", block, within)
    assert ann.place("intro") is None


def test_a_row_offset_saved_without_an_anchor_is_the_fallback(ann: LearnerProgress) -> None:
    ann.save_scroll("old", 30.0)
    assert ann.place("old") == Place(block=None, within=0.0, rows=30.0)
    ann.save_scroll("top", 0.0)
    assert ann.place("top") is None, "the top of the lesson is no place to restore"


def test_a_damaged_anchor_falls_back_to_the_rows(store: Store, ann: LearnerProgress, db_path: Path) -> None:
    ann.save_place("intro", 4, 0.5, rows=20.0)
    with sqlite3.connect(db_path) as conn:
        conn.execute('UPDATE lesson_progress SET scroll_anchor = \'{"block": "x"}\'')
    assert ann.place("intro") == Place(None, 0.0, 20.0)


def test_a_version_4_database_is_upgraded_keeping_its_scroll_rows(tmp_path: Path, clock: FakeClock) -> None:
    path = tmp_path / "progress.db"
    db = open_database(path)
    migrations.apply(db, stop_before="m005_scroll_anchor")
    db.conn.execute("INSERT INTO learners (name, created_at) VALUES ('ann', '2025-01-01T00:00:00+00:00')")
    db.conn.execute(
        "INSERT INTO lesson_progress (learner_id, course_id, lesson_id, status, first_opened_at, scroll_y)"
        " VALUES (1, 'c1', 'intro', 'started', '2025-01-01T00:00:00+00:00', 37.0)"
    )
    db.conn.commit()
    db.close()
    assert "scroll_anchor" not in _columns(path)
    with Store.open(path, clock=clock) as store:
        assert store.schema_version() == MIGRATION_NAMES
        assert MIGRATION_NAMES[4] == "m005_scroll_anchor"
        ann = store.learner("ann", "c1")
        assert ann.lesson_statuses() == {"intro": "started"}
        assert ann.scroll("intro") == 37.0
        assert ann.place("intro") == Place(None, 0.0, 37.0), "rows from the old version are the fallback"
        ann.save_place("intro", 5, 0.25, rows=40.0)
        assert ann.place("intro") == Place(5, 0.25, 40.0)
    assert "scroll_anchor" in _columns(path)
    backups = sorted(tmp_path.glob("progress-before-m005_scroll_anchor-*.db"))
    assert len(backups) == 1 and "scroll_anchor" not in _columns(backups[0]), "the backup is the version-4 file"


@pytest.mark.parametrize("name", ["m001", "m002", "m003"])
def test_every_released_fixture_reaches_m005_with_no_anchor(name: str, tmp_path: Path) -> None:
    path = tmp_path / "progress.db"
    shutil.copyfile(FIXTURES / f"{name}.db", path)
    with Store.open(path) as store:
        assert store.schema_version() == MIGRATION_NAMES
        learner = store.learner("default", "plasticity")
        assert learner.lesson_statuses() == {"neurons": "done", "synapses": "started"}
        with sqlite3.connect(path) as conn:
            anchors = conn.execute("SELECT count(*) FROM lesson_progress WHERE scroll_anchor IS NOT NULL").fetchone()
        assert anchors == (0,)


# the engine's side


def test_the_engine_saves_and_reads_the_place_clamping_the_fraction(store: Store, clock: FakeClock) -> None:
    study = make_study(load_course(MINI), store, clock)
    progress = study.progress
    assert progress.place("neurons") is None
    progress.save_place("neurons", 2, 1.0000001, rows=11.0)  # a float from layout arithmetic just past 1
    assert progress.place("neurons") == Place(2, 1.0, 11.0)
    progress.save_place("synapses", 0, 0.5)
    assert progress.place("synapses") == Place(0, 0.5, 0.0)
    assert progress.lesson_status() == {}, "remembering a place is not opening or finishing a lesson"

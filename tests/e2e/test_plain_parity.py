"""Both front ends run on one engine: the same learner's actions leave the same records in every table.

One scripted learner goes through the Textual app (driven by Pilot) and through plain mode (typed
lines); then every table of the two SQLite files is compared row by row, with only wall-clock
times and the seconds of study time normalised, so no future difference between them can hide.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from course.domain.models import Course
from progress_store import Store
from quizzes.attempt_plan import option_order
from tests.e2e.test_plain_mode import FIXED_SEED, Clock, mini, play, question

__all__ = ["mini"]  # the fixture

Rows = dict[str, list[tuple[object, ...]]]


def every_table(db_path: Path) -> Rows:
    """Every row of every table, times and study seconds normalised."""
    conn = sqlite3.connect(db_path)
    try:
        tables = [
            row[0]
            for row in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        ]
        dump: Rows = {}
        for table in tables:
            cursor = conn.execute(f'SELECT * FROM "{table}" ORDER BY rowid')
            columns = [c[0] for c in cursor.description]
            dump[table] = [tuple(_normalise(column, value) for column, value in zip(columns, row, strict=True)) for row in cursor]
        return dump
    finally:
        conn.close()


def _normalise(column: str, value: object) -> object:
    if column.endswith("_at") or column == "at":
        return "<time>" if value is not None else None
    if column == "seconds":
        return "<positive>" if isinstance(value, (int, float)) and value > 0 else value
    return value


async def run_in_the_app(course: Course, db_path: Path, clock: Clock) -> None:
    from tests.tui.helpers import dismiss_disclaimer, settle
    from tui.textual_app.app import make_app

    app = make_app(
        course, Store.open(db_path, clock=clock), "default", new_seed=lambda: FIXED_SEED, clock=clock, fuzz_reviews=False
    )
    async with app.run_test(size=(100, 30)) as pilot:
        await dismiss_disclaimer(pilot, app)
        app.screen.open_item("lesson", "neurons")  # type: ignore[attr-defined]
        await settle(pilot, app)
        await pilot.press("d")
        await settle(pilot, app)
        await pilot.press("escape")
        await settle(pilot, app)
        app.screen.open_item("quiz", "basics-quiz")  # type: ignore[attr-defined]
        await settle(pilot, app)
        shown = [ident for ident, _ in app.screen.query_one("#answer").options]  # type: ignore[attr-defined]
        await pilot.press(*["down"] * shown.index("b"), "enter", "enter")  # pick b, check it
        await settle(pilot, app)
        await pilot.press("escape")
        await settle(pilot, app)
        await pilot.press("c")  # Continue: back into the quiz left open
        await settle(pilot, app)
        await pilot.press("escape")
        await settle(pilot, app)
    app.store.close()


async def test_both_front_ends_leave_identical_records_in_every_table(tmp_path: Path, mini: Course) -> None:
    clock = Clock()
    await run_in_the_app(mini, tmp_path / "app.db", clock)
    b = str(option_order(question(mini, "basics-quiz", "bq1"), FIXED_SEED, False).index("b") + 1)
    play(mini, tmp_path / "plain.db", ["", "1", "1", "d", "m", "1", "t", b, "", "m", "c", "m", "q"], clock=clock)

    app, plain = every_table(tmp_path / "app.db"), every_table(tmp_path / "plain.db")
    assert set(app) == set(plain)
    for table in app:
        assert plain[table] == app[table], table
    # Engaged time (now the only study time) is measured on the study clock, which stands still here, so
    # neither front end counts any; each counts it on a moving clock in its own tests (test_plain_ce.py,
    # test_plain_mode.py's time test, tests/tui). Their flushes differ in timing, so a moving clock here
    # could not give identical rows.
    assert app["study_time"] == [] == plain["study_time"]
    assert any("last-opened:mini" in str(row) for row in app["settings"])

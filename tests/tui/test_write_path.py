"""The write path as a learner meets it: a slow or locked database never freezes, kills or loses anything.

Another program is played by a second SQLite connection holding the write lock (BEGIN IMMEDIATE).
"""

from __future__ import annotations

import asyncio
import shutil
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from course.engine import Study
from course.engine.quiz_session import Opened
from progress_store import Store
from tests.tui.helpers import FIXED_SEED, dismiss_disclaimer, settle
from tests.tui.test_quiz_rules import app_for
from tui.textual_app.dialogs.saving import SavingDialog
from tui.textual_app.screens.course_map import CourseMapScreen


@contextmanager
def another_program_holds_the_lock(db_path: Path, seconds: float) -> Iterator[threading.Thread]:
    """Hold the database's write lock from another connection for ``seconds`` (from a thread)."""
    held = threading.Event()

    def hold() -> None:
        conn = sqlite3.connect(db_path, timeout=10, isolation_level=None)
        conn.execute("BEGIN IMMEDIATE")
        held.set()
        time.sleep(seconds)
        conn.execute("ROLLBACK")
        conn.close()

    thread = threading.Thread(target=hold, daemon=True)
    thread.start()
    assert held.wait(5)
    try:
        yield thread
    finally:
        thread.join(seconds + 5)


async def wait_until_exited(app: object, timeout: float) -> float:
    started = time.monotonic()
    while getattr(app, "is_running", False):
        if time.monotonic() - started > timeout:
            raise AssertionError(f"the app did not quit within {timeout} s")
        await asyncio.sleep(0.05)
    return time.monotonic() - started


async def test_quitting_while_the_database_is_locked_waits_saving_then_keeps_the_note_and_place(
    tmp_path: Path, mini_course_path: Path
) -> None:
    """Regression: Ctrl+Q during a slow write froze for 10 s, then exited without the queued note and scroll."""
    db_path = tmp_path / "p.db"
    course = tmp_path / "course"
    shutil.copytree(mini_course_path, course)
    lesson = course / "modules" / "01-basics" / "01-neurons.toml"
    long_body = "\n\n".join(f"Paragraph {n} about how neurons signal to one another." for n in range(60))
    lesson.write_text(lesson.read_text(encoding="utf-8").replace("## What a neuron is", long_body), encoding="utf-8")
    app = app_for(course, db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await dismiss_disclaimer(pilot, app)
        app.screen.open_item("lesson", "neurons")  # type: ignore[attr-defined]
        await settle(pilot, app)
        await pilot.press("pagedown")
        await pilot.press("o")
        await settle(pilot, app)
        await pilot.press(*"my note")
        with another_program_holds_the_lock(db_path, 2.5):
            await pilot.press("ctrl+q")
            await pilot.pause()
            assert isinstance(app.screen, SavingDialog) and app.is_running
            took = await wait_until_exited(app, 10)
    assert took < 6
    with Store.open(db_path) as store:
        progress = store.learner("default", "mini")
        assert progress.note("neurons") == "my note"
        assert progress.scroll("neurons") > 0


async def test_a_write_finished_after_its_screen_has_gone_does_not_kill_the_app(tmp_path: Path, mini_course_path: Path) -> None:
    """Regression: + on the review screen while the database was locked, then Esc: the follow-up step
    raised NoMatches, the writer died, the app exited and the queued writes were lost."""
    db_path = tmp_path / "p.db"
    app = app_for(mini_course_path, db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await dismiss_disclaimer(pilot, app)
        await pilot.press("r")
        await settle(pilot, app)
        with another_program_holds_the_lock(db_path, 1.0):
            await pilot.press("plus", "escape")
            await pilot.pause()
        await settle(pilot, app)
        assert app.is_running and isinstance(app.screen, CourseMapScreen)
        assert app.progress.setting("desired_retention") == 0.91


async def test_leaving_while_a_quiz_is_being_submitted_keeps_the_learner_on_the_map(
    tmp_path: Path, mini_course_path: Path
) -> None:
    """Regression: Esc while the finish was being saved replaced the map with the results; the next Esc
    left a blank app."""
    db_path = tmp_path / "p.db"
    with Store.open(db_path) as store:
        study = Study(app_course(mini_course_path), store.learner("default", "mini"), new_seed=lambda: FIXED_SEED)
        study.progress.accept_disclaimer()
        opened = study.quizzes.open("basics-quiz")
        assert isinstance(opened, Opened)
        for qid, response in {"bq1": "b", "bq2": ["a", "b"], "bq3": False, "bq4": ["a"]}.items():
            study.quizzes.answer(opened.attempt, qid, response)
        study.progress.enter_map()
    app = app_for(mini_course_path, db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.screen.open_item("quiz", "basics-quiz")  # type: ignore[attr-defined]
        await settle(pilot, app)
        with another_program_holds_the_lock(db_path, 1.0):
            await pilot.press("pagedown")  # on the last question: see results (the submit waits for the lock)
            await pilot.press("escape")
            await pilot.pause()
        await settle(pilot, app)
        assert isinstance(app.screen, CourseMapScreen) and len(app.screen_stack) == 2  # the default screen and the map
        assert [a.finished for a in app.progress.attempts("basics-quiz")] == [True]


async def test_a_failed_search_index_says_search_is_unavailable(
    tmp_path: Path, mini_course_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Regression: a failed index build crashed the app instead of showing "Search is unavailable"."""
    from course.search import SearchIndex

    def broken(_course: object) -> SearchIndex:
        raise ValueError("index exploded")

    monkeypatch.setattr(SearchIndex, "build", staticmethod(broken))
    app = app_for(mini_course_path, tmp_path / "p.db")
    async with app.run_test(size=(80, 24)) as pilot:
        await dismiss_disclaimer(pilot, app)
        await pilot.press("slash")
        await settle(pilot, app)
        await pilot.pause()
        assert app.is_running
        assert "Search is unavailable" in str(app.screen.query_one("#info-title").content)


def app_course(path: Path):  # type: ignore[no-untyped-def]
    from course.loading.loader import load_course

    return load_course(path)


async def test_a_follow_up_step_that_fails_is_reported_and_the_app_and_its_writes_go_on(
    tmp_path: Path, mini_course_path: Path
) -> None:
    """Regression: an exception in a write's follow-up (NoMatches from a screen that had gone) failed the
    writer worker, Textual exited the app and every queued write was dropped."""
    from textual.css.query import NoMatches

    app = app_for(mini_course_path, tmp_path / "p.db")
    async with app.run_test(size=(80, 24)) as pilot:
        await dismiss_disclaimer(pilot, app)

        def gone(_result: object) -> None:
            raise NoMatches("No nodes match '#review-status'")

        app.write(lambda: app.progress.set_setting("first", 1), gone)
        app.write(lambda: app.progress.set_setting("second", 2))
        await settle(pilot, app)
        assert app.is_running
        assert any("No nodes match" in str(n.message) for n in app._notifications)
        assert (app.progress.setting("first"), app.progress.setting("second")) == (1, 2)


async def test_the_map_redraws_at_once_while_a_write_waits_for_the_lock(tmp_path: Path, mini_course_path: Path) -> None:
    """Regression: UI-thread reads waited on the store's lock behind a writer sitting in busy_timeout,
    so the UI froze for about 5 s of every 6 while another program held the write lock."""
    db_path = tmp_path / "p.db"
    app = app_for(mini_course_path, db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await dismiss_disclaimer(pilot, app)
        with another_program_holds_the_lock(db_path, 3.0):
            app.write(lambda: app.progress.set_setting("queued", True))
            await asyncio.sleep(0.3)  # the writer is now waiting for the lock
            assert app.writer.pending == 1
            started = time.monotonic()
            app.screen.refresh_progress()  # type: ignore[attr-defined]  # reads statuses, scores, study time, due cards
            took = time.monotonic() - started
        await settle(pilot, app)
        assert took < 0.5, f"a redraw took {took:.2f} s"
        assert app.progress.setting("queued") is True

"""A lesson reopens on the block the learner was reading, whatever the terminal's size, and the place
survives leaving by any way while the store is busy."""

from __future__ import annotations

import threading
from pathlib import Path

from textual.containers import VerticalScroll
from textual.pilot import Pilot

from course.loading.loader import bundled_course_path
from tests.tui.helpers import build_app, dismiss_disclaimer, settle
from tui.textual_app import reading_place
from tui.textual_app.app import CourseApp
from tui.textual_app.screens.lesson import LessonScreen

LONG = "m2-default-mode-network"


def scroll_of(app: CourseApp) -> VerticalScroll:
    assert isinstance(app.screen, LessonScreen)
    return app.screen.query_one("#lesson-scroll", VerticalScroll)


def top_block(app: CourseApp) -> tuple[int, str]:
    """Index and text of the block at the top of the view."""
    scroll = scroll_of(app)
    found = reading_place.anchor(scroll)
    assert found is not None
    block = reading_place.blocks(scroll)[found[0]]
    return found[0], type(block).__name__ + ":" + str(getattr(block, "_content", ""))[:40]


def block_at(scroll: VerticalScroll, y: float) -> int:
    """The index of the block whose span holds row ``y`` of the content at the current width."""
    column = reading_place.blocks(scroll)
    origin = scroll.content_region.y - scroll.scroll_y
    tops = [block.region.y - origin for block in column]
    return max(n for n, top in enumerate(tops) if top <= y)


async def open_long_lesson(pilot: Pilot, app: CourseApp) -> None:
    app.screen.open_item("lesson", LONG)  # type: ignore[attr-defined]
    await settle(pilot, app)


async def test_a_lesson_read_at_80x24_reopens_on_the_same_block_at_120x30(tmp_path: Path) -> None:
    db_path = tmp_path / "p.db"
    app = build_app(bundled_course_path(), db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await dismiss_disclaimer(pilot, app)
        await open_long_lesson(pilot, app)
        scroll_of(app).scroll_to(y=scroll_of(app).max_scroll_y // 2, animate=False, immediate=True)
        await settle(pilot, app)
        rows_at_80 = scroll_of(app).scroll_y
        reading = top_block(app)
        assert rows_at_80 > 20 and reading[0] > 3, "the middle of a long lesson"
        await pilot.press("escape")
        await settle(pilot, app)
        await pilot.resize_terminal(120, 30)
        await settle(pilot, app)
        await open_long_lesson(pilot, app)
        assert top_block(app) == reading, "the same block is at the top at 120x30"
        assert scroll_of(app).scroll_y != rows_at_80
        assert block_at(scroll_of(app), rows_at_80) != reading[0], "the old row offset would land elsewhere"


async def test_quitting_at_120x30_and_starting_at_80x24_reopens_on_the_same_block(tmp_path: Path) -> None:
    db_path = tmp_path / "p.db"
    app = build_app(bundled_course_path(), db_path)
    async with app.run_test(size=(120, 30)) as pilot:
        await dismiss_disclaimer(pilot, app)
        await open_long_lesson(pilot, app)
        scroll_of(app).scroll_to(y=scroll_of(app).max_scroll_y * 2 // 3, animate=False, immediate=True)
        await settle(pilot, app)
        reading = top_block(app)
        await pilot.press("q")
        await settle(pilot, app)
    app = build_app(bundled_course_path(), db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        assert isinstance(app.screen, LessonScreen) and app.screen.lesson_id == LONG
        assert top_block(app) == reading


async def test_leaving_and_reopening_at_once_while_the_store_is_busy_keeps_the_place(tmp_path: Path) -> None:
    """Regression ("lost under load"): the place was read on the UI thread, before the save queued on
    leaving had committed, so a quick return opened at the top (and leaving again saved the top)."""
    app = build_app(bundled_course_path(), tmp_path / "p.db")
    async with app.run_test(size=(80, 24)) as pilot:
        await dismiss_disclaimer(pilot, app)
        await open_long_lesson(pilot, app)
        scroll_of(app).scroll_to(y=40, animate=False, immediate=True)
        await settle(pilot, app)
        reading = top_block(app)
        busy = threading.Event()
        app.write(lambda: busy.wait(5))  # the writer is held up: every write below waits its turn
        await pilot.press("escape")  # the place is saved: queued
        app.screen.open_item("lesson", LONG)  # type: ignore[attr-defined]
        await pilot.pause()
        busy.set()
        await settle(pilot, app)
        assert app.screen.lesson_id == LONG
        assert top_block(app) == reading
        await pilot.press("escape")
        await settle(pilot, app)
    assert app.study.progress.place(LONG) is not None

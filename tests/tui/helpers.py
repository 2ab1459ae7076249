"""Helpers for driving the app with Pilot."""

from __future__ import annotations

import asyncio
from pathlib import Path

from textual.containers import ScrollableContainer
from textual.geometry import Offset, Region
from textual.pilot import Pilot
from textual.screen import Screen

from course.loading.loader import load_course
from progress_store import Store
from tui.textual_app.app import CourseApp, make_app
from tui.textual_app.widgets.lesson_text import LessonBlock, LinkClicked

FIXED_SEED = 12345


def build_app(course_path: Path, db_path: Path, learner: str | None = "default") -> CourseApp:
    """The real app on a real course folder and a real SQLite file, with a fixed seed."""
    course = load_course(course_path)
    store = Store.open(db_path)
    return make_app(course, store, learner, new_seed=lambda: FIXED_SEED)


async def settle(pilot: Pilot, app: CourseApp) -> None:
    """Wait until every queued store write is committed and the screen has caught up."""
    for _ in range(200):
        await pilot.pause()
        if app.writer.pending == 0:
            break
        await asyncio.sleep(0.01)
    await pilot.pause()
    await pilot.pause()


async def dismiss_disclaimer(pilot: Pilot, app: CourseApp) -> None:
    """Accept the first-start disclaimer (and acknowledge the CE activity page a course with [ce] shows next)."""
    await pilot.pause()
    await pilot.press("enter")
    await settle(pilot, app)
    if type(app.screen).__name__ == "ActivityScreen":
        await pilot.press("a")
        await settle(pilot, app)


def link_clicked(screen: Screen[object], href: str) -> None:
    """As if the learner clicked a link to ``href`` in the lesson text (for targets the text may not
    hold, such as hostile ones); :func:`click_link` clicks real words."""
    block = screen.query_one("#lesson-body").query(LessonBlock).first()
    block.post_message(LinkClicked(block, href))


def link_position(block: LessonBlock, href: str) -> Offset | None:
    """Where, inside ``block``, the first character of a link to ``href`` is drawn; ``None`` if nowhere."""
    action = f"link({href!r})"
    for y, strip in enumerate(block.render_lines(Region(0, 0, block.size.width, block.size.height))):
        x = 0
        for segment in strip:
            if segment.style is not None and segment.style.meta.get("@click") == action:
                return Offset(x, y)
            x += segment.cell_length
    return None


async def click_link(pilot: Pilot, screen: Screen[object], href: str) -> None:
    """Scroll the first link to ``href`` into view and click its words with the mouse."""
    for block in screen.query(LessonBlock):
        offset = link_position(block, href)
        if offset is not None:
            screen.query_one("#lesson-scroll", ScrollableContainer).scroll_to_widget(block, top=True, animate=False)
            await pilot.pause()
            await pilot.click(block, offset=offset)
            return
    raise AssertionError(f"no link to {href} in the lesson text")

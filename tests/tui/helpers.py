"""Helpers for driving the app with Pilot."""

from __future__ import annotations

import asyncio
from pathlib import Path

from textual.pilot import Pilot

from course.loading.loader import load_course
from progress_store import Store
from tui.textual_app.app import CourseApp, make_app

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
    """Accept the first-start disclaimer."""
    await pilot.pause()
    await pilot.press("enter")
    await settle(pilot, app)

"""Snapshots of ``course preview`` at 80x24: the errors screen and the map saying it is a preview.
Review every changed SVG before accepting it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from progress_store import Store
from tests.helpers.course_factory import LESSON_TOML, QUIZ_TOML, write_course
from tests.tui.helpers import FIXED_SEED, settle
from tui.textual_app.app import CourseApp, make_app
from tui.textual_app.preview.errors_screen import CourseErrorsScreen
from tui.textual_app.preview.session import open_preview

BROKEN_LESSON = LESSON_TOML.replace("estimated_minutes = 5", "estimated_minutes = = 5")
BROKEN_QUIZ = QUIZ_TOML.replace('answer = "b"', 'answer = "z"').replace(
    'title = "Basics quiz"', 'title = "Basics quiz"\ncolour = "red"'
)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = Store.open(tmp_path / "progress.db")
    yield opened
    opened.close()


def preview_app(root: Path, store: Store) -> CourseApp:
    course, session = open_preview(root)
    return make_app(course, store, "default", new_seed=lambda: FIXED_SEED, preview=session)


async def errors_shown(pilot: Pilot[None]) -> None:
    for _ in range(500):
        if isinstance(pilot.app.screen, CourseErrorsScreen) and pilot.app.screen.is_mounted:
            break
        await pilot.pause(0.02)
    await pilot.pause()


def test_errors_screen(snap_compare: Any, tmp_path: Path, store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # paths are shown relative to the working folder, as `course validate` shows them
    root = write_course(tmp_path / "course", lesson=BROKEN_LESSON, quiz=BROKEN_QUIZ)
    assert snap_compare(preview_app(root, store), run_before=errors_shown, terminal_size=(80, 24))


def test_course_map_in_preview(snap_compare: Any, tmp_path: Path, store: Store) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await pilot.pause()
        await pilot.press("enter")  # the first-start disclaimer
        await settle(pilot, pilot.app)  # type: ignore[arg-type]

    assert snap_compare(preview_app(write_course(tmp_path / "course"), store), run_before=run_before, terminal_size=(80, 24))

"""Notes and bookmarks from inside a lesson, and the notes screen from the map."""

from __future__ import annotations

from pathlib import Path

from tests.tui.helpers import build_app, dismiss_disclaimer, settle
from tui.textual_app.screens.lesson import LessonScreen
from tui.textual_app.screens.notes import NotesScreen


async def test_notes_and_bookmarks_from_a_lesson(mini_course_path: Path, db_path: Path) -> None:
    app = build_app(mini_course_path, db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await dismiss_disclaimer(pilot, app)
        await pilot.press("enter")
        await settle(pilot, app)
        lesson = app.screen
        assert isinstance(lesson, LessonScreen)
        await pilot.press("b")
        await settle(pilot, app)
        assert app.progress.is_bookmarked("neurons")
        assert "★ bookmarked" in str(lesson.query_one("#lesson-status").content)
        await pilot.press("o")
        await pilot.press(*"Ask about [bold]spines[/]")
        await pilot.press("escape")  # leave the text area: back to the map saves the note
        await settle(pilot, app)
        await pilot.press("escape")
        await settle(pilot, app)
        assert app.progress.note("neurons") == "Ask about [bold]spines[/]"
        await pilot.press("n")
        await settle(pilot, app)
        assert isinstance(app.screen, NotesScreen)
        await pilot.press(*"spines")
        await settle(pilot, app)
        await pilot.press("enter")
        await settle(pilot, app)
        assert isinstance(app.screen, LessonScreen) and app.screen.lesson_id == "neurons"

"""F1 names every key a keyboard learner needs; the palette reaches quizzes and the three themes only."""

from __future__ import annotations

import contextlib
from pathlib import Path

from textual.app import InvalidThemeError

from tests.tui.helpers import build_app, dismiss_disclaimer, settle
from tests.tui.test_search import pick_from_palette
from tui.textual_app.screens.help import HelpScreen


async def test_help_names_the_palette_space_enter_the_arrows_and_q(mini_course_path: Path, db_path: Path) -> None:
    app = build_app(mini_course_path, db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await dismiss_disclaimer(pilot, app)
        await pilot.press("f1")
        await settle(pilot, app)
        assert isinstance(app.screen, HelpScreen)
        text = "\n".join(str(s.content) for s in app.screen.query("Static"))
        for expected in ("^p", "space", "enter", "↑", "↓", "tab", "(else ^q)", "^ means Ctrl"):
            assert expected.casefold() in text.casefold(), expected
        assert "Command palette" in text and "Fold or unfold a module" in text
        assert "q                Quit" in text


async def test_palette_opens_a_quiz(mini_course_path: Path, db_path: Path) -> None:
    app = build_app(mini_course_path, db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await dismiss_disclaimer(pilot, app)
        await pick_from_palette(pilot, app, "basics quiz", "Quiz: Basics quiz")
        assert type(app.screen).__name__ == "QuizScreen"
        assert app.screen.quiz_id == "basics-quiz"  # type: ignore[attr-defined]


async def test_a_theme_picked_in_the_palette_is_one_of_three_and_is_restored(mini_course_path: Path, db_path: Path) -> None:
    app = build_app(mini_course_path, db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await dismiss_disclaimer(pilot, app)
        assert set(app.available_themes) == {"textual-dark", "textual-light", "high-contrast"}
        await pick_from_palette(pilot, app, "theme light", "Theme: light")
        assert app.theme == "textual-light"
        await settle(pilot, app)
        assert app.progress.setting("theme") == "light"
    app = build_app(mini_course_path, db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        assert app.theme == "textual-light", "the theme picked in the palette was not restored"


async def test_a_theme_outside_the_three_is_never_saved(mini_course_path: Path, db_path: Path) -> None:
    """Before: the palette offered nord, gruvbox... which were saved under their own names and not restored."""
    app = build_app(mini_course_path, db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await dismiss_disclaimer(pilot, app)
        with contextlib.suppress(InvalidThemeError):  # refused: not one of the three
            app.theme = "nord"
        await settle(pilot, app)
        assert app.theme in {"textual-dark", "textual-light", "high-contrast"}
        assert app.progress.setting("theme", "dark") in {"dark", "light", "high-contrast"}

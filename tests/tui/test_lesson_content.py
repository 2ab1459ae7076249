"""Lesson text is inert: markup shows literally, links open only when the learner asks."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.tui.helpers import build_app, click_link, dismiss_disclaimer, link_clicked, settle
from tui.textual_app.dialogs.info_dialog import InfoDialog
from tui.textual_app.screens.lesson import LessonScreen


async def open_lesson(pilot, app, lesson_id: str) -> LessonScreen:
    await dismiss_disclaimer(pilot, app)
    app.screen.open_item("lesson", lesson_id)
    await settle(pilot, app)
    assert isinstance(app.screen, LessonScreen)
    return app.screen


async def test_markup_in_lesson_text_is_shown_literally_and_does_nothing(mini_course_path: Path, db_path: Path) -> None:
    app = build_app(mini_course_path, db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_lesson(pilot, app, "neurons")
        svg = app.export_screenshot()
        assert "[@click=app.quit]do&#160;not&#160;quit[/]" in svg or "[@click=app.quit]do not quit[/]" in svg
        # Click on the words that would quit if they were parsed as markup.
        body = app.screen.query_one("#lesson-body")
        for y in range(body.region.y, body.region.bottom):
            await pilot.click(offset=(body.region.x + 30, y))
        await settle(pilot, app)
        assert app.is_running
        while not isinstance(app.screen, LessonScreen):
            await pilot.press("escape")
            await settle(pilot, app)


async def test_glossary_link_shows_the_definition(mini_course_path: Path, db_path: Path) -> None:
    app = build_app(mini_course_path, db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_lesson(pilot, app, "neurons")
        await click_link(pilot, screen, "glossary:neuron")
        await settle(pilot, app)
        assert isinstance(app.screen, InfoDialog)
        assert app.screen.title_text == "neuron"
        assert "nerve cell" in app.screen.body and "See also: synapse" in app.screen.body
        await pilot.press("escape")
        await settle(pilot, app)
        assert isinstance(app.screen, LessonScreen)


async def follow(pilot, screen: LessonScreen, href: str) -> None:
    """Click the link's words when the lesson has it (the reference), else act as if it had (a web link)."""
    if href.startswith("ref:"):
        await click_link(pilot, screen, href)
    else:
        link_clicked(screen, href)


@pytest.mark.parametrize("href", ["ref:textbook", "https://example.org/page"])
async def test_links_open_only_when_the_learner_asks(mini_course_path: Path, db_path: Path, href: str) -> None:
    app = build_app(mini_course_path, db_path)
    opened: list[str] = []
    app.open_url = lambda url, **_: opened.append(url)  # type: ignore[method-assign]
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_lesson(pilot, app, "neurons")
        await follow(pilot, screen, href)
        await settle(pilot, app)
        assert isinstance(app.screen, InfoDialog)
        assert opened == []
        await pilot.press("escape")
        await settle(pilot, app)
        assert opened == []
        await follow(pilot, screen, href)
        await settle(pilot, app)
        await pilot.click("#open")
        await settle(pilot, app)
        assert opened == ["https://example.org/textbook" if href.startswith("ref:") else href]


async def test_non_https_links_are_never_opened(mini_course_path: Path, db_path: Path) -> None:
    app = build_app(mini_course_path, db_path)
    opened: list[str] = []
    app.open_url = lambda url, **_: opened.append(url)  # type: ignore[method-assign]
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_lesson(pilot, app, "neurons")
        for href in ("javascript:alert(1)", "file:///etc/passwd", "http://plain.example"):
            link_clicked(screen, href)
            await settle(pilot, app)
            assert isinstance(app.screen, LessonScreen)
        assert opened == []


async def test_mouse_only_lesson_and_single_choice_answer(mini_course_path: Path, db_path: Path) -> None:
    app = build_app(mini_course_path, db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.click("#accept")
        await settle(pilot, app)
        app.screen.open_item("lesson", "synapses")
        await settle(pilot, app)
        await pilot.click("#done")
        await settle(pilot, app)
        await pilot.click("#next")
        await settle(pilot, app)
        quiz = app.screen
        options = quiz.query_one("#answer OptionList")
        order = [ident for ident, _ in quiz.query_one("#answer").options]
        await pilot.click(options, offset=(4, 1 + order.index("b")))
        await settle(pilot, app)
        assert quiz.query_one("#answer").response() == "b"
        await pilot.click("#check")
        await settle(pilot, app)
        assert quiz.answers["bq1"].correct
        await pilot.click("#back")
        await settle(pilot, app)
    assert app.progress.lesson_statuses()["synapses"] == "done"


async def test_contents_jump_and_callouts(db_path: Path) -> None:
    from course.loading.loader import bundled_course_path
    from tui.textual_app.dialogs.contents_dialog import ContentsDialog

    app = build_app(bundled_course_path(), db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_lesson(pilot, app, "m3-molecules-to-spines")
        quotes = list(screen.query("LessonBlock.lesson-blockquote"))
        assert any(q.has_class("callout-evidence") for q in quotes)
        await pilot.press("t")
        await settle(pilot, app)
        assert isinstance(app.screen, ContentsDialog)
        assert len(app.screen.headings) >= 2
        await pilot.press("end", "enter")
        await settle(pilot, app)
        assert isinstance(app.screen, LessonScreen)
        assert screen.query_one("#lesson-scroll").scroll_y > 0

"""A lesson at 80x24 by keyboard alone: compact controls, the keys that matter in the footer, links
reachable with ``l``, one rule for moving on, Esc in a note, and the text as rendered (issue #11)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.geometry import Region
from textual.widgets import Button, Static, TextArea

from course.loading.loader import bundled_course_path
from tests.tui.helpers import build_app, dismiss_disclaimer, settle
from tui.textual_app.app import CourseApp
from tui.textual_app.dialogs.info_dialog import InfoDialog
from tui.textual_app.dialogs.links_dialog import LinksDialog
from tui.textual_app.screens.help import HelpScreen
from tui.textual_app.screens.lesson import LessonScreen
from tui.textual_app.widgets.lesson_text import LessonBlock


async def open_lesson(pilot, app: CourseApp, lesson_id: str) -> LessonScreen:  # type: ignore[no-untyped-def]
    await dismiss_disclaimer(pilot, app)
    app.screen.open_item("lesson", lesson_id)  # type: ignore[attr-defined]
    await settle(pilot, app)
    assert isinstance(app.screen, LessonScreen)
    return app.screen


def screen_lines(app: CourseApp) -> list[str]:
    """The text of every row of the screen, as the terminal gets it."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


def rendered_text(screen: LessonScreen) -> str:
    """Every block of the lesson's text as rendered at its width, lines joined, spaces collapsed."""
    lines: list[str] = []
    for block in screen.query(LessonBlock):
        lines += [strip.text for strip in block.render_lines(Region(0, 0, block.size.width, block.size.height))]
    return " ".join(" ".join(lines).split())


# Point 13: one rule for moving on.


async def test_next_key_marks_the_lesson_done_as_the_button_does(mini_course_path: Path, db_path: Path) -> None:
    app = build_app(mini_course_path, db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_lesson(pilot, app, "neurons")
        await pilot.press("n")
        await settle(pilot, app)
        assert isinstance(app.screen, LessonScreen) and app.screen.lesson_id == "synapses"
        assert app.study.progress.lesson_done("neurons")
        await pilot.press("p")  # going back marks nothing
        await settle(pilot, app)
        assert isinstance(app.screen, LessonScreen) and app.screen.lesson_id == "neurons"
        assert not app.study.progress.lesson_done("synapses")
        await pilot.click("#next")
        await settle(pilot, app)
        assert isinstance(app.screen, LessonScreen) and app.screen.lesson_id == "synapses"
        assert app.study.progress.lesson_done("neurons")


async def test_help_states_that_next_marks_the_lesson_done(mini_course_path: Path, db_path: Path) -> None:
    app = build_app(mini_course_path, db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_lesson(pilot, app, "neurons")
        await pilot.press("f1")
        await settle(pilot, app)
        assert isinstance(app.screen, HelpScreen)
        help_text = "\n".join(str(static.content) for static in app.screen.query(Static))
        assert "Done, next  [lesson.next]" in help_text
        assert "Mark done  [lesson.done]" in help_text and "Links  [lesson.links]" in help_text


def test_moving_on_is_an_engine_rule(mini_course_path: Path, db_path: Path) -> None:
    app = build_app(mini_course_path, db_path)
    progress = app.study.progress
    target = progress.move_on("neurons")
    assert target is not None and (target.kind, target.id) == ("lesson", "synapses")
    assert progress.lesson_done("neurons") and not progress.lesson_done("synapses")
    app.store.close()


# Point 11 (first half): Esc in the note.


async def test_escape_in_the_note_closes_the_note_not_the_lesson(mini_course_path: Path, db_path: Path) -> None:
    app = build_app(mini_course_path, db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        lesson = await open_lesson(pilot, app, "neurons")
        await pilot.press("o")
        await settle(pilot, app)
        assert isinstance(app.focused, TextArea)
        await pilot.press(*"remember")
        await pilot.press("escape")
        await settle(pilot, app)
        assert app.screen is lesson
        assert not lesson.query_one("#lesson-notes").display
        assert app.focused is lesson.query_one("#lesson-scroll")
        assert app.progress.note("neurons") == "remember"
        await pilot.press("escape")  # now Esc leaves the lesson
        await settle(pilot, app)
        assert not isinstance(app.screen, LessonScreen)


# Point 6: compact controls, the keys that matter in the footer.


async def test_lesson_controls_take_one_line_and_show_whole_labels(db_path: Path) -> None:
    app = build_app(bundled_course_path(), db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        lesson = await open_lesson(pilot, app, "m2-5ht2a-receptor")
        for button in lesson.query(Button):
            assert button.region.height == 1, button.id
        assert lesson.query_one("#lesson-scroll").region.height >= 20
        lines = screen_lines(app)
        assert "Mark done" in lines[-2] and "Done, next lesson →" in lines[-2] and "Back to map" in lines[-2]
        footer = lines[-1]
        for key in ("esc Back", "n Done, next", "p Prev", "l Links", "o Notes", "f1 Help", "/ Search", "^p palette"):
            assert key in footer, (key, footer)


# Point 3: links and terms by keyboard, reference URLs shown, opening says what happened.


async def test_l_lists_the_lessons_links_and_opens_the_one_picked(mini_course_path: Path, db_path: Path) -> None:
    app = build_app(mini_course_path, db_path)
    opened: list[str] = []
    app.open_url = lambda url, **_: opened.append(url)  # type: ignore[method-assign]
    async with app.run_test(size=(80, 24)) as pilot:
        await open_lesson(pilot, app, "neurons")
        await pilot.press("l")
        await settle(pilot, app)
        assert isinstance(app.screen, LinksDialog)
        assert [(e.kind, e.words, e.href) for e in app.screen.entries] == [
            ("Glossary", "neuron", "glossary:neuron"),
            ("Reference", "Example A. A Textbook of Examples. 2020.", "ref:textbook"),
            ("Web", "https://evil.example", "https://evil.example"),  # linkified in the text, as the app shows it
        ]
        assert "https://example.org/textbook" in "\n".join(screen_lines(app))
        await pilot.press("enter")  # the glossary term
        await settle(pilot, app)
        assert isinstance(app.screen, InfoDialog) and app.screen.title_text == "neuron"
        await pilot.press("escape")
        await settle(pilot, app)
        await pilot.press("l", "down", "enter")  # the reference
        await settle(pilot, app)
        assert isinstance(app.screen, InfoDialog) and app.screen.url == "https://example.org/textbook"
        assert opened == []


async def test_reference_urls_are_shown_in_the_lesson(mini_course_path: Path, db_path: Path) -> None:
    app = build_app(mini_course_path, db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        lesson = await open_lesson(pilot, app, "neurons")
        assert "https://example.org/textbook" in rendered_text(lesson)


@pytest.mark.parametrize(
    ("available", "says"), [(False, "No web browser is available here"), (True, "Opening in your web browser")]
)
async def test_open_in_browser_says_what_happened(
    mini_course_path: Path, db_path: Path, monkeypatch: pytest.MonkeyPatch, available: bool, says: str
) -> None:
    monkeypatch.setattr("tui.textual_app.screens.lesson.browser_available", lambda: available)
    app = build_app(mini_course_path, db_path)
    opened: list[str] = []
    app.open_url = lambda url, **_: opened.append(url)  # type: ignore[method-assign]
    async with app.run_test(size=(80, 24)) as pilot:
        lesson = await open_lesson(pilot, app, "neurons")
        lesson.follow("ref:textbook")
        await settle(pilot, app)
        await pilot.click("#open")
        await app.workers.wait_for_complete()
        await settle(pilot, app)
        assert opened == ["https://example.org/textbook"]
        messages = [n.message for n in app._notifications]
        assert any(says in m and "https://example.org/textbook" in m for m in messages), messages


# Point 7: the spaces after links and emphasis, in the text as rendered.


@pytest.mark.parametrize("width", [80, 70, 100])
async def test_rendered_lesson_text_keeps_the_spaces_around_links_and_emphasis(db_path: Path, width: int) -> None:
    app = build_app(bundled_course_path(), db_path)
    async with app.run_test(size=(width, 24)) as pilot:
        lesson = await open_lesson(pilot, app, "m1-hiatus-and-return")
        text = rendered_text(lesson)
        assert "The source article attributes this hiatus" in text  # a link, then a word
        assert "what the article does not say." in text  # emphasis, then a word
        if width == 80:
            assert any("The source article attributes this hiatus" in line for line in screen_lines(app))

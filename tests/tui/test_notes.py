"""Notes: the panel saves what the learner types; the notes screen lists, filters and opens lessons."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from textual.app import ComposeResult
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Input, OptionList, Static, TextArea

from tests.tui.helpers import build_app, dismiss_disclaimer, settle
from tui.textual_app.app import CourseApp
from tui.textual_app.screens.lesson import LessonScreen
from tui.textual_app.screens.notes import NotesScreen
from tui.textual_app.widgets.notes_panel import NotesPanel


class NotesHost(Screen[None]):
    """A bare screen holding one notes panel, as the lesson screen will."""

    BINDINGS = [("escape", "app.pop_screen", "Back")]

    def __init__(self, lesson_id: str) -> None:
        super().__init__()
        self.lesson_id = lesson_id
        self.saved: list[tuple[str, str]] = []

    def compose(self) -> ComposeResult:
        yield NotesPanel(self.lesson_id, id="notes")

    def on_notes_panel_saved(self, event: NotesPanel.Saved) -> None:
        self.saved.append((event.lesson_id, event.text))


async def host_panel(pilot: Pilot, app: CourseApp, lesson_id: str = "neurons") -> NotesHost:
    await dismiss_disclaimer(pilot, app)
    host = NotesHost(lesson_id)
    await app.push_screen(host)
    await settle(pilot, app)
    area = host.query_one(TextArea)
    for _ in range(100):  # the note is read off the UI thread; until it is shown the area takes no typing
        if not area.read_only:
            break
        await pilot.pause(0.05)
    assert not area.read_only, "the note never finished loading"
    area.focus()
    await pilot.pause()
    return host


async def wait_for_note(pilot: Pilot, app: CourseApp, lesson_id: str, expected: str, seconds: float = 5.0) -> None:
    """Wait (in short pauses, as helpers.settle does) until the store holds ``expected``."""
    for _ in range(int(seconds / 0.05)):
        await pilot.pause()
        if app.writer.pending == 0 and app.progress.note(lesson_id) == expected:
            break
        await asyncio.sleep(0.05)
    await settle(pilot, app)
    assert app.progress.note(lesson_id) == expected


def status_of(host: Screen[None]) -> str:
    return str(host.query_one(".notes-status", Static).content)


async def test_typing_is_saved_a_second_after_it_stops(mini_course_path: Path, db_path: Path) -> None:
    app = build_app(mini_course_path, db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        host = await host_panel(pilot, app)
        await pilot.press(*"Spikes", "space", *"matter")
        await pilot.pause()
        assert status_of(host) == "Saving…"
        assert app.progress.note("neurons") == ""  # not before the pause in typing
        await wait_for_note(pilot, app, "neurons", "Spikes matter")
        assert status_of(host) == "Saved"
        assert host.saved == [("neurons", "Spikes matter")]
        noted = [e for e in app.progress.events() if e["verb"] == "noted"]
        assert [e["result"] for e in noted] == [{"length": 13}]


async def test_the_panel_shows_the_saved_note_and_deleting_the_text_deletes_it(mini_course_path: Path, db_path: Path) -> None:
    app = build_app(mini_course_path, db_path)
    app.progress.save_note("neurons", "Earlier thought")
    async with app.run_test(size=(80, 24)) as pilot:
        host = await host_panel(pilot, app)
        area = host.query_one(TextArea)
        assert area.text == "Earlier thought" and not area.read_only
        area.select_all()
        await pilot.press("backspace")
        await wait_for_note(pilot, app, "neurons", "")
        assert app.progress.notes() == []


async def test_leaving_the_panel_saves_at_once(mini_course_path: Path, db_path: Path) -> None:
    app = build_app(mini_course_path, db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await host_panel(pilot, app, "synapses")
        await pilot.press(*"quick")
        await pilot.press("escape")  # well within the autosave second
        await settle(pilot, app)
        assert app.progress.note("synapses") == "quick"
        # and it is there again when the lesson's panel comes back
        host = NotesHost("synapses")
        await app.push_screen(host)
        await settle(pilot, app)
        assert host.query_one(TextArea).text == "quick"


async def test_hiding_the_panel_saves(mini_course_path: Path, db_path: Path) -> None:
    app = build_app(mini_course_path, db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        host = await host_panel(pilot, app)
        await pilot.press(*"hidden")
        host.query_one(NotesPanel).display = False
        await settle(pilot, app)
        assert app.progress.note("neurons") == "hidden"


async def test_a_note_too_long_is_not_saved_and_says_so(
    mini_course_path: Path, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("tui.textual_app.widgets.notes_panel.MAX_NOTE_CHARS", 5)
    app = build_app(mini_course_path, db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        host = await host_panel(pilot, app)
        await pilot.press(*"toolong")
        host.query_one(NotesPanel).save()
        await settle(pilot, app)
        assert status_of(host).startswith("Too long to save")
        assert host.query_one(".notes-status").has_class("-problem")
        assert app.progress.note("neurons") == ""
        await pilot.press("backspace", "backspace")
        host.query_one(NotesPanel).save()
        await settle(pilot, app)
        assert app.progress.note("neurons") == "toolo"
        assert status_of(host) == "Saved" and not host.query_one(".notes-status").has_class("-problem")


async def test_quitting_while_typing_keeps_the_note(mini_course_path: Path, db_path: Path) -> None:
    """In the lesson's own notes panel: Ctrl+Q queues the typed note before the writes drain."""
    app = build_app(mini_course_path, db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await dismiss_disclaimer(pilot, app)
        app.router.open_lesson("neurons")
        await settle(pilot, app)
        await pilot.press("o")
        await settle(pilot, app)
        area = app.screen.query_one("#lesson-notes TextArea", TextArea)
        for _ in range(100):  # the note is read off the UI thread; until it is shown the area takes no typing
            if not area.read_only:
                break
            await pilot.pause(0.05)
        assert area.has_focus and not area.read_only
        await pilot.press(*"last", "space", *"words")
        await pilot.press("ctrl+q")
    assert app.progress.note("neurons") == "last words"


async def test_notes_screen_lists_filters_and_opens_lessons(mini_course_path: Path, db_path: Path) -> None:
    app = build_app(mini_course_path, db_path)
    app.progress.toggle_bookmark("synapses")
    app.progress.save_note("neurons", "Dendrites receive\nsecond line")
    app.progress.save_note("types", "Remember the [b]ordering[/b] question")
    async with app.run_test(size=(80, 24)) as pilot:
        await dismiss_disclaimer(pilot, app)
        await app.push_screen(NotesScreen())
        await settle(pilot, app)
        screen = app.screen
        assert isinstance(screen, NotesScreen)
        options = screen.query_one(OptionList)
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert prompts == [
            "★ Synapses",
            "✎ Every question type — Remember the [b]ordering[/b] question",
            "✎ Neurons — Dendrites receive",
        ]
        assert screen.query_one(Input).has_focus

        # filter by note text, case-insensitively (the second line counts too)
        await pilot.press(*"SECOND")
        await pilot.pause()
        shown = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert shown == ["✎ Neurons — Dendrites receive"]

        # by lesson title
        screen.query_one(Input).value = "syn"
        await pilot.pause()
        shown = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert shown == ["★ Synapses"]

        # nothing matches
        screen.query_one(Input).value = "zzz"
        await pilot.pause()
        assert not options.display
        assert "Nothing matches" in str(screen.query_one("#notes-empty", Static).content)

        # Enter in the filter opens the highlighted lesson; Escape comes back
        screen.query_one(Input).value = "neur"
        await pilot.pause()
        await pilot.press("enter")
        await settle(pilot, app)
        assert isinstance(app.screen, LessonScreen) and app.screen.lesson_id == "neurons"
        await pilot.press("escape")
        await settle(pilot, app)
        assert app.screen is screen

        # Down into the list, then Enter on the bookmark
        screen.query_one(Input).value = ""
        await pilot.pause()
        await pilot.press("down")
        assert options.has_focus
        options.highlighted = 0
        await pilot.press("enter")
        await settle(pilot, app)
        assert isinstance(app.screen, LessonScreen) and app.screen.lesson_id == "synapses"
        await pilot.press("escape")
        await settle(pilot, app)
        await pilot.press("escape")
        await settle(pilot, app)
        assert not isinstance(app.screen, NotesScreen)


async def test_notes_screen_shows_markup_literally_and_handles_missing_lessons(mini_course_path: Path, db_path: Path) -> None:
    app = build_app(mini_course_path, db_path)
    app.progress.save_note("gone-lesson", "[@click=app.quit]quit[/]")
    async with app.run_test(size=(80, 24)) as pilot:
        await dismiss_disclaimer(pilot, app)
        await app.push_screen(NotesScreen())
        await settle(pilot, app)
        options = app.screen.query_one(OptionList)
        assert str(options.get_option_at_index(0).prompt).startswith("✎ gone-lesson — [@click=app.quit]quit[/]")
        await pilot.click(OptionList, offset=(5, 1))
        await settle(pilot, app)
        assert app.is_running and isinstance(app.screen, NotesScreen)  # a warning, not a crash


async def test_notes_screen_is_empty_at_first_and_refreshes_on_return(mini_course_path: Path, db_path: Path) -> None:
    app = build_app(mini_course_path, db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await dismiss_disclaimer(pilot, app)
        await app.push_screen(NotesScreen())
        await settle(pilot, app)
        screen = app.screen
        assert "No notes or bookmarks yet" in str(screen.query_one("#notes-empty", Static).content)
        # a note written elsewhere (queued, not yet committed) shows when the screen is back
        host = NotesHost("types")
        await app.push_screen(host)
        await settle(pilot, app)
        host.query_one(TextArea).focus()
        await pilot.press(*"fresh")
        await pilot.press("escape")
        await settle(pilot, app)
        assert app.screen is screen
        options = screen.query_one(OptionList)
        assert options.display
        assert [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)] == [
            "✎ Every question type — fresh"
        ]

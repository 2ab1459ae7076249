"""Search screen and command palette, driven with Pilot on the mini course."""

from __future__ import annotations

from pathlib import Path

from textual.command import CommandList, CommandPalette
from textual.widgets import Input, OptionList

from tests.tui.helpers import build_app, dismiss_disclaimer, settle
from tui.textual_app.app import CourseApp
from tui.textual_app.commands import CourseCommands
from tui.textual_app.dialogs.info_dialog import InfoDialog
from tui.textual_app.screens.course_map import CourseMapScreen
from tui.textual_app.screens.lesson import LessonScreen
from tui.textual_app.screens.search import SearchScreen, cached_search_index


def make_app(mini_course_path: Path, db_path: Path) -> CourseApp:
    app = build_app(mini_course_path, db_path)
    if CourseCommands not in app.COMMANDS:  # until the app lists the provider itself
        app.COMMANDS = app.COMMANDS | {CourseCommands}
    return app


async def open_search(pilot, app: CourseApp) -> SearchScreen:
    await dismiss_disclaimer(pilot, app)
    app.push_screen(SearchScreen())
    await settle(pilot, app)
    screen = app.screen
    assert isinstance(screen, SearchScreen)
    for _ in range(100):  # the index is built in a thread the first time
        if screen.index is not None:
            break
        await pilot.pause(0.05)
    assert screen.index is not None
    return screen


async def search_for(pilot, screen: SearchScreen, text: str) -> list[str]:
    """Type ``text`` and wait until its results are shown; the plain text of each result."""
    await pilot.press(*text) if text else None
    for _ in range(100):
        await pilot.pause(0.05)
        if screen.shown_query == text:
            break
    assert screen.shown_query == text
    results = screen.query_one("#search-results", OptionList)
    return [str(results.get_option_at_index(i).prompt) for i in range(results.option_count)]


async def test_results_appear_as_the_learner_types(mini_course_path: Path, db_path: Path) -> None:
    app = make_app(mini_course_path, db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_search(pilot, app)
        assert screen.query_one(Input).placeholder == "Search lessons, glossary and explanations"
        assert screen.focused is screen.query_one(Input)
        results = await search_for(pilot, screen, "synap")
        assert results
        assert any(r.startswith("Lesson") and "Synapses" in r for r in results)
        assert any(r.startswith("Glossary") and "synapse" in r for r in results)
        assert any(r.startswith("Explanation") for r in results)
        assert cached_search_index(app) is screen.index  # built once, kept on the app
        await pilot.press("escape")
        await settle(pilot, app)
        assert isinstance(app.screen, CourseMapScreen)


async def test_enter_on_a_lesson_hit_opens_the_lesson_at_the_match(mini_course_path: Path, db_path: Path) -> None:
    app = make_app(mini_course_path, db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_search(pilot, app)
        results = await search_for(pilot, screen, "inert")
        assert len(results) == 1 and results[0].startswith("Lesson")
        await pilot.press("enter")
        await settle(pilot, app)
        assert isinstance(app.screen, LessonScreen)
        assert app.screen.lesson_id == "neurons"
        assert app.screen.find == "inert"
        await pilot.press("escape")
        await settle(pilot, app)
        assert app.screen is screen  # back to the results


async def test_arrows_and_enter_in_the_results_list(mini_course_path: Path, db_path: Path) -> None:
    app = make_app(mini_course_path, db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_search(pilot, app)
        await search_for(pilot, screen, "junctions")
        await pilot.press("down")
        assert screen.focused is screen.query_one("#search-results")
        await pilot.press("enter")
        await settle(pilot, app)
        assert isinstance(app.screen, LessonScreen) and app.screen.lesson_id == "synapses"
        assert app.screen.find == "Junctions"


async def test_a_term_hit_opens_its_definition(mini_course_path: Path, db_path: Path) -> None:
    app = make_app(mini_course_path, db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_search(pilot, app)
        results = await search_for(pilot, screen, "nerve cell")
        assert results[0].startswith("Glossary")
        await pilot.press("enter")
        await settle(pilot, app)
        assert isinstance(app.screen, InfoDialog)
        assert app.screen.title_text == "neuron" and "nerve cell" in app.screen.body
        await pilot.press("escape")
        await settle(pilot, app)
        assert app.screen is screen


async def test_a_question_hit_opens_its_explanation(mini_course_path: Path, db_path: Path) -> None:
    app = make_app(mini_course_path, db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_search(pilot, app)
        results = await search_for(pilot, screen, "nucleus")
        assert len(results) == 1 and results[0].startswith("Explanation")
        await pilot.click("#search-results", offset=(5, 1))  # row 0 is the border
        await settle(pilot, app)
        assert isinstance(app.screen, InfoDialog)
        assert app.screen.title_text == "Which parts does a synapse have?"
        assert "nucleus belongs to the cell body" in app.screen.body


async def test_markup_typed_or_found_is_shown_literally(mini_course_path: Path, db_path: Path) -> None:
    app = make_app(mini_course_path, db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_search(pilot, app)
        results = await search_for(pilot, screen, "[@click=app.quit]")
        assert app.is_running
        assert any("[@click=app.quit]do not quit[/]" in r for r in results)
        await pilot.press(*"[b]zz")
        for _ in range(40):
            await pilot.pause(0.05)
            if screen.shown_query and screen.shown_query.endswith("zz"):
                break
        status = str(screen.query_one("#search-status").content)
        assert "[b]zz" in status
        assert app.is_running


async def test_palette_finds_a_lesson_by_name_and_opens_it(mini_course_path: Path, db_path: Path) -> None:
    app = make_app(mini_course_path, db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await dismiss_disclaimer(pilot, app)
        await pick_from_palette(pilot, app, "synapses", "Lesson: Synapses")
        assert isinstance(app.screen, LessonScreen)
        assert app.screen.lesson_id == "synapses"


async def test_palette_opens_a_glossary_term_and_the_search(mini_course_path: Path, db_path: Path) -> None:
    app = make_app(mini_course_path, db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await dismiss_disclaimer(pilot, app)
        await pick_from_palette(pilot, app, "glossary neuron", "Glossary: neuron")
        assert isinstance(app.screen, InfoDialog) and app.screen.title_text == "neuron"
        await pilot.press("escape")
        await settle(pilot, app)
        await pick_from_palette(pilot, app, "search the course", "Search the course")
        assert isinstance(app.screen, SearchScreen)


async def pick_from_palette(pilot, app: CourseApp, typed: str, wanted: str) -> None:
    """Open the palette, type, move the highlight to the command whose text is ``wanted``, run it."""
    await pilot.press("ctrl+p")
    await pilot.pause()
    assert CommandPalette.is_open(app)
    await pilot.press(*typed)
    palette = app.screen
    commands = palette.query_one(CommandList)
    texts: list[str] = []
    for _ in range(100):
        await pilot.pause(0.05)
        texts = [str(commands.get_option_at_index(i).hit.text) for i in range(commands.option_count)]
        if wanted in texts:
            break
    assert wanted in texts, texts
    current = -1 if commands.highlighted is None else commands.highlighted
    for _ in range(texts.index(wanted) - current):
        await pilot.press("down")
    assert commands.highlighted == texts.index(wanted)
    await pilot.press("enter")
    await settle(pilot, app)


async def test_slash_on_the_map_opens_search(mini_course_path, db_path) -> None:
    from tests.tui.helpers import build_app, dismiss_disclaimer, settle
    from tui.textual_app.screens.search import SearchScreen

    app = build_app(mini_course_path, db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await dismiss_disclaimer(pilot, app)
        await pilot.press("slash")
        await settle(pilot, app)
        assert isinstance(app.screen, SearchScreen)

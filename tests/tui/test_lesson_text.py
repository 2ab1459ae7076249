"""The lesson text widget: one light widget per top-level block, laid out for its width (issue #11,
point 22: a lesson used to be a tree of ~115 Markdown widgets, which made opening it slow)."""

from __future__ import annotations

from pathlib import Path

from textual.app import App, ComposeResult
from textual.geometry import Region

from course.loading.loader import bundled_course_path, load_course
from lessons.markdown import blocks
from tests.tui.helpers import build_app, dismiss_disclaimer, settle
from tui.textual_app.screens.lesson import LessonScreen
from tui.textual_app.widgets.lesson_text import LessonBlock, LessonText
from tui.textual_app.widgets.lesson_text.layout import block_lines, column_widths


def lines(markdown: str, width: int) -> list[str]:
    """The lines of every block of ``markdown`` at ``width``, a blank line between blocks."""
    out: list[str] = []
    for block in blocks(markdown):
        shown = [line.plain for line in block_lines(block, width)]
        out += ([""] if out and shown else []) + shown
    return out


def test_list_items_wrap_under_their_first_word() -> None:
    shown = lines("- one two three four five six\n- seven\n", 16)
    assert shown == ["• one two three", "  four five six", "• seven"]


def test_numbered_lists_keep_their_start_and_align_their_numbers() -> None:
    shown = lines("9. nine\n10. ten and more words\n", 14)
    assert shown == [" 9. nine", "10. ten and", "    more words"]


def test_nested_lists_indent_and_change_bullet() -> None:
    shown = lines("- outer\n  - inner words here\n", 14)
    assert shown == ["• outer", "  ◦ inner", "    words here"]


def test_a_table_fits_its_width_with_a_rule_under_the_header() -> None:
    shown = lines("| Claim | Evidence |\n|---|---|\n| short | a much longer cell that must wrap |\n", 30)
    assert all(len(line) <= 30 for line in shown)
    assert shown[0].startswith("Claim") and "│ Evidence" in shown[0]
    assert set(shown[1]) <= {"─", "┼"}
    assert shown[2].startswith("short") and len(shown) > 3  # the long cell wrapped onto more rows
    assert " ".join(line.split("│")[1].strip() for line in shown[2:]) == "a much longer cell that must wrap"


def test_column_widths_keep_narrow_columns_and_share_the_rest() -> None:
    assert column_widths([5, 10], 40) == [5, 10]
    assert column_widths([5, 100, 100], 45) == [5, 20, 20]
    assert sum(column_widths([50, 50, 50], 30)) == 30


def test_quotes_code_and_rules_and_html_is_not_shown() -> None:
    shown = lines("> first\n>\n> second\n\n```\ncode  line\n```\n\n---\n\n<div>hidden</div>\n", 12)
    assert shown == ["first", "", "second", "", "code  line", "", "─" * 12]


def test_markup_and_control_characters_are_inert() -> None:
    shown = lines("[@click=app.quit]no[/] \x1b[31mred\x07 [b]x[/b]\n", 80)
    assert shown == ["[@click=app.quit]no[/] [31mred [b]x[/b]"]


def test_links_carry_a_click_action_and_keep_the_spaces_around_them() -> None:
    (block,) = blocks("see the [source article](ref:src) attributes")
    (line,) = block_lines(block, 80)
    assert line.plain == "see the source article attributes"
    linked = [span for span in line.spans if getattr(span.style, "meta", {}).get("@click")]
    assert [(line.plain[s.start : s.end], s.style.meta["@click"]) for s in linked] == [  # type: ignore[union-attr]
        ("source article", "link('ref:src')")
    ]


async def test_one_widget_per_top_level_block_and_heights_match_the_lines() -> None:
    course = load_course(bundled_course_path())
    _, lesson = course.lesson("m1-hiatus-and-return") or (None, None)
    assert lesson is not None

    class Viewer(App[None]):
        def compose(self) -> ComposeResult:
            yield LessonText(lesson.body)

    async with Viewer().run_test(size=(80, 40)) as pilot:
        await pilot.pause()
        text = pilot.app.query_one(LessonText)
        shown = list(text.query(LessonBlock))
        assert len(shown) == len(blocks(lesson.body)) == len(list(text.query("*")))  # nothing nested
        for block in shown:
            assert block.size.height == len(block_lines(block.block, block.size.width))
            rows = [strip.text.rstrip() for strip in block.render_lines(Region(0, 0, block.size.width, block.size.height))]
            assert all(len(row) <= block.size.width for row in rows)


async def test_every_bundled_lesson_is_a_few_dozen_widgets(db_path: Path) -> None:
    app = build_app(bundled_course_path(), db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await dismiss_disclaimer(pilot, app)
        most = 0
        for module in app.course.modules:
            for lesson in module.lessons:
                app.router.open_lesson(lesson.id)
                await settle(pilot, app)
                assert isinstance(app.screen, LessonScreen) and app.screen.lesson_id == lesson.id
                most = max(most, len(list(app.screen.query("#lesson-scroll *"))))
                app.pop_screen()
                await settle(pilot, app)
        print(f"most widgets in a lesson's scrolled column: {most}")
        assert most <= 60, most  # Textual's Markdown tree was 86 on average, 164 for the longest

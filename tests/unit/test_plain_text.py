"""Markdown to plain text for the plain mode: readable lines, no markup, nothing a terminal obeys."""

from __future__ import annotations

from pathlib import Path

from course.loading.loader import load_course
from tui.plain.text import WIDTH, clean, render_inline, render_markdown, underline, wrap


def test_headings_become_lines_with_underlines() -> None:
    text = render_markdown("# Course title\n\n## A section ##\n\nBody.")
    assert text.split("\n") == ["Course title", "============", "", "A section", "---------", "", "Body."]


def test_lists_use_dashes_and_keep_numbers_and_nesting() -> None:
    text = render_markdown("* one\n+ two\n  continued\n  - nested\n1. first\n2) second")
    assert text.split("\n") == ["- one", "- two continued", "  - nested", "1. first", "2. second"]


def test_glossary_and_reference_links_become_their_words() -> None:
    body = "A [neuron](glossary:neuron) signals, see [the book](ref:textbook) and [this](ref:other)."
    assert render_markdown(body) == "A neuron signals, see the book and this."
    noted = render_markdown(body, glossary={"neuron": "neuron"}, references={"textbook": "reference 1"})
    assert noted.replace("\n", " ") == "A neuron (see glossary: neuron) signals, see the book (see reference 1) and this."


def test_web_links_show_their_address_and_images_their_text() -> None:
    assert render_inline("[the trial](https://example.org/t) and <https://a.example/b>") == (
        "the trial (https://example.org/t) and https://a.example/b"
    )
    assert render_inline("![a diagram](https://example.org/d.png)") == "a diagram"
    assert render_inline("[https://x.example](https://x.example)") == "https://x.example"


def test_tables_are_rows_of_cells_joined_by_bars() -> None:
    table = "| Part | Role |\n|---|:---:|\n| Pre | sends |\n| Post | re\\|ceives |"
    assert render_markdown(table).split("\n") == ["Part | Role", "Pre | sends", "Post | re|ceives"]


def test_block_quotes_are_prefixed_lines_wrapped_inside_the_width() -> None:
    body = "> **Evidence note:** " + "this finding comes from rodents, not from human trials. " * 3 + "\n>\n> - a point"
    lines = render_markdown(body).split("\n")
    assert lines[0].startswith("> Evidence note: this finding")
    assert all(line.startswith(">") for line in lines)
    assert all(len(line) <= WIDTH for line in lines)
    assert lines[-2:] == [">", "> - a point"]


def test_emphasis_markers_go_but_plain_asterisks_and_snake_case_stay() -> None:
    text = render_inline("**bold**, *it*, __strong__, _em_, ~~old~~, snake_case_name, 2 * 3 * 4 and `a *b*`")
    assert text == "bold, it, strong, em, old, snake_case_name, 2 * 3 * 4 and a *b*"
    # CommonMark (markdown-it, and so the app) reads 2*3*4 as "2", an emphasised "3" and "4"; the
    # old regex kept the stars. Plain mode now prints what the app shows.
    assert render_inline("2*3*4") == "234"
    assert render_inline(r"\*not emphasis\* and \[not a link\](glossary:x)") == "*not emphasis* and [not a link](glossary:x)"


def test_textual_and_rich_markup_stays_literal() -> None:
    body = "Markup stays inert: [@click=app.quit]do not quit[/] and [link=https://evil.example]no link[/link] [bold]x[/bold]."
    assert render_markdown(body) == (
        "Markup stays inert: [@click=app.quit]do not quit[/] and\n[link=https://evil.example]no link[/link] [bold]x[/bold]."
    )


def test_escape_sequences_and_control_characters_are_stripped() -> None:
    hostile = "Red \x1b[31mtext\x1b[0m, a title \x1b]0;pwned\x07, a bell\x07, a C1 \x9b2J csi, a null\x00."
    text = render_markdown("# Head\x1b[2J\n\n" + hostile)
    assert "\x1b" not in text and "\x07" not in text and "\x9b" not in text and "\x00" not in text
    assert "[31m" not in text and "pwned" not in text
    assert text.split("\n")[0] == "Head"
    # Runs of spaces in a paragraph collapse to one, as in the app's Markdown widget (the old
    # regex renderer kept the two spaces left where the C1 sequence was).
    assert "Red text, a title , a bell, a C1 csi, a null." in text
    assert clean("tab\there\r\n") == "tab here\n"
    assert "\x1b" not in wrap("x\x1b[1mbold") and "\x1b" not in underline("\x1b[1mT")


def test_paragraphs_wrap_at_78_columns_without_breaking_words_or_hyphens() -> None:
    body = ("The 5-HT2A receptor " * 12).strip() + " https://example.org/" + "a" * 90
    lines = render_markdown(body).split("\n")
    assert len(lines) > 2
    assert all(len(line) <= WIDTH for line in lines[:-1])
    assert lines[-1] == "https://example.org/" + "a" * 90, "a long address is never split"
    assert all(not line.endswith("5-") for line in lines)


def test_fenced_code_is_indented_and_not_wrapped() -> None:
    text = render_markdown("Before.\n\n```\nkeep   spacing *here*\n```\nAfter.")
    assert text.split("\n") == ["Before.", "", "    keep   spacing *here*", "", "After."]


def test_wrap_keeps_paragraphs_and_indents() -> None:
    assert wrap("one\ntwo\n\nthree", indent="- ", subsequent_indent="  ") == "- one two\n\n- three"
    long = wrap("word " * 40, indent="   ", subsequent_indent="   ")
    assert all(line.startswith("   ") and len(line) <= WIDTH for line in long.split("\n"))


def test_every_lesson_of_the_fixture_and_the_bundled_course_renders_cleanly(mini_course_path: Path) -> None:
    from course.loading.loader import bundled_course_path

    for root in (mini_course_path, bundled_course_path()):
        course = load_course(root)
        glossary = {t.id: t.id for t in course.glossary}
        for module in course.modules:
            for lesson in module.lessons:
                text = render_markdown(lesson.body, glossary=glossary)
                assert text.strip(), lesson.id
                assert "](glossary:" not in text and "](ref:" not in text, lesson.id
                assert "**" not in text, lesson.id
                assert not any(0 < ord(ch) < 32 and ch != "\n" for ch in text), lesson.id
                too_long = [line for line in text.split("\n") if len(line) > WIDTH and " " in line.strip()]
                assert not too_long, (lesson.id, too_long)


def test_each_term_and_reference_is_noted_at_its_first_link_only() -> None:
    body = "[A](glossary:a) and [a again](glossary:a), [B](glossary:b).\n\n> [A](glossary:a) [r](ref:r) [r](ref:r)"
    text = render_markdown(body, glossary={"a": "a", "b": "b"}, references={"r": "reference 1"})
    assert " ".join(text.split()) == "A (see glossary: a) and a again, B (see glossary: b). > A r (see reference 1) r"

"""The one Markdown pipeline (lessons.markdown): the text search indexes is the text the plain mode
prints and the text the app's lesson text widget shows; links of every form are found where they are
written; headings cut sections."""

from __future__ import annotations

import re

import pytest
from textual.app import App, ComposeResult
from textual.geometry import Region

from course.search import markdown_to_plain, split_sections
from lessons.links import internal_links
from lessons.markdown import (
    PRESET,
    inline_plain,
    links,
    parse,
    plain_text,
    sections,
    word_count,
)
from tui.plain.text import render_markdown
from tui.textual_app.widgets.lesson_text import LessonBlock, LessonText

BODY = """\
Intro: see the [source article](ref:x) attributes, a [*term*](glossary:t)'s sense, **strong**`code`.

# The *first* heading

A paragraph that runs
over two lines with _emphasis_ and ~~strike~~ and <https://auto.example/a> too.

## A list

- item [one](ref:r) here
- item two
  1. nested **bold** item

> quoted **bold** words
>
> and a second quoted paragraph

| Column | Other |
|---|---|
| [cell](glossary:c) | plain `x` |

```
code   keeps its [not a link](glossary:no)
```

Closing line.
"""


async def _shown_words(body: str) -> str:
    """The words the app's lesson text shows for ``body`` (drawn wide enough that nothing wraps),
    without its layout: list markers, a quote's bar, column bars and the rule under a table's header."""

    class Viewer(App[None]):
        def compose(self) -> ComposeResult:
            yield LessonText(body)

    lines: list[str] = []
    async with Viewer().run_test(size=(400, 120)) as pilot:
        await pilot.pause()
        for block in pilot.app.query(LessonBlock):  # document order
            region = Region(0, 0, block.size.width, block.size.height)
            for strip in block.render_lines(region):
                line = re.sub(r"^\s*(?:[•◦▪▌]|\d+\.)(?:\s|$)", "", strip.text.rstrip())
                if not re.fullmatch(r"[─┼]+", line):
                    lines.append(line.replace(" │ ", " "))
    return " ".join(" ".join(lines).split())


def _printed_words(printed: str) -> str:
    """Plain-mode output without its layout: underlines, quote bars, list markers, cell bars."""
    lines = []
    for line in printed.split("\n"):
        if re.fullmatch(r"[=-]{3,}", line):
            continue
        line = re.sub(r"^(?:>\s?)+", "", line)
        line = re.sub(r"^\s*(?:-|\d+\.)\s", "", line)
        lines.append(line.replace(" | ", " "))
    return " ".join(" ".join(lines).split())


def test_the_parser_is_the_one_textual_uses() -> None:
    assert PRESET == "gfm-like"
    from markdown_it import MarkdownIt

    plain = [(t.type, t.content) for t in MarkdownIt("gfm-like").parse(BODY)]
    assert [(t.type, t.content) for t in parse(BODY)] == plain


async def test_searched_text_is_printed_text_is_text_the_app_shows() -> None:
    searched = " ".join(part for s in split_sections(BODY) for part in (s.heading, s.text) if part)
    assert searched == markdown_to_plain(BODY) == plain_text(BODY)
    printed = _printed_words(render_markdown(BODY))
    shown = await _shown_words(BODY)
    assert searched == printed == shown
    assert "source article attributes" in searched and "term's sense" in searched
    assert "[not a link](glossary:no)" in searched  # code is text, not a link
    assert "*" not in searched and "~~" not in searched and "ref:" not in searched


@pytest.mark.parametrize(
    ("markdown", "plain"),
    [
        ("see the [source article](ref:x) attributes", "see the source article attributes"),
        ("a *b* c **d** e `f` g ~~h~~ i", "a b c d e f g h i"),
        ("x [**bold** link](glossary:y), then", "x bold link, then"),
        ("word<span>tag</span>word", "wordtagword"),  # inline HTML tags are not shown
        ("snake_case_name and 2 * 3", "snake_case_name and 2 * 3"),
        (r"\*not emphasis\* \[not a link\](ref:x)", "*not emphasis* [not a link](ref:x)"),
        ("![alt *text*](img.png) after", "alt text after"),
    ],
)
def test_plain_text_keeps_words_and_spaces(markdown: str, plain: str) -> None:
    assert plain_text(markdown) == plain
    assert inline_plain(markdown) == plain


def test_inline_fragments_are_never_blocks() -> None:
    assert inline_plain("# Not a heading") == "# Not a heading"
    assert inline_plain("1. Not a list") == "1. Not a list"
    assert plain_text("# A heading") == "A heading"


def test_links_of_every_form_with_line_and_column() -> None:
    body = (
        "Start [inline](glossary:a) and ![img](https://i.example/p.png).\n"  # 1
        "> quoted <https://auto.example> and https://bare.example/x, www.fuzzy.org\n"  # 2
        '  and [ref text][r1] or [r1] and <a href="https://h.example">html</a>\n'  # 3
        "\n"
        "- item [nested **words**](ref:b)\n"  # 5
        "\n"
        "| [c1](glossary:c) | [c1](glossary:c) |\n"  # 7
        "|---|---|\n"
        "\n"
        "`[code](glossary:no)` and \\[escaped](glossary:no)\n"  # 10
        "\n"
        "[r1]: http://plain.example/ref\n"
    )
    found = [(link.form, link.href, link.text, link.line, link.col, link.target_col) for link in links(body)]
    assert found == [
        ("inline", "glossary:a", "inline", 1, 7, 15),
        ("image", "https://i.example/p.png", "img", 1, 32, 38),
        ("autolink", "https://auto.example", "https://auto.example", 2, 10, 10),
        ("linkify", "https://bare.example/x", "https://bare.example/x", 2, 37, 37),
        ("linkify", "http://www.fuzzy.org", "www.fuzzy.org", 2, 61, 61),
        ("reference", "http://plain.example/ref", "ref text", 3, 7, 7),
        ("reference", "http://plain.example/ref", "r1", 3, 25, 25),
        ("html", "https://h.example", "html", 3, 34, 34),
        ("inline", "ref:b", "nested words", 5, 8, 26),
        ("inline", "glossary:c", "c1", 7, 3, 7),
        ("inline", "glossary:c", "c1", 7, 22, 26),
    ]
    lines = body.split("\n")
    for form, _, _, line, col, target_col in found:
        assert lines[line - 1][col - 1] in "[!<hw"
        assert lines[line - 1][target_col - 1] == ("(" if form in ("inline", "image") else lines[line - 1][col - 1])


def test_internal_links_keep_their_fields_and_skip_code() -> None:
    body = "A [x](glossary:one)\n\n```\n[y](glossary:two)\n```\n\n    [z](ref:indented-code)\n\n[w](ref:three)\n"
    assert [(k.scheme, k.target, k.line, k.col) for k in internal_links(body)] == [
        ("glossary", "one", 1, 6),
        ("ref", "three", 9, 4),
    ]


def test_headings_split_sections() -> None:
    body = (
        "intro\n\n## First\n\ntext [a](ref:a)\n\n```\n# not a heading\n```\n\n### Second ###\n\nmore\n\nSetext\n------\n\nlast\n"
    )
    found = sections(body)
    assert [(s.heading, s.level) for s in found] == [("", 0), ("First", 2), ("Second", 3), ("Setext", 2)]
    assert [s.text for s in found] == ["intro", "text a # not a heading", "more", "last"]
    assert "# not a heading" in found[1].markdown and "[a](ref:a)" in found[1].markdown
    assert sections("") == [] and [(s.heading, s.text) for s in sections("## Only\n")] == [("Only", "")]


def test_word_count_counts_what_a_reader_reads() -> None:
    assert word_count("A [linked phrase](glossary:long-target-id) — and **bold** `code`.") == 6
    assert word_count("") == 0

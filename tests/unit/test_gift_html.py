"""HTML in GIFT files: a safe subset becomes Markdown (stdlib html.parser); anything else is rejected
with a message and its place in the GIFT file (G116), never passed through."""

from __future__ import annotations

import pytest

from course.authoring.gift.convert import convert
from course.authoring.gift.html import HtmlRejected, html_to_markdown
from course.authoring.gift.parse import parse_gift


@pytest.mark.parametrize(
    ("html", "markdown"),
    [
        ("<p>One</p><p>Two</p>", "One\n\nTwo"),
        ("a<br>b<br/>c", "a\nb\nc"),
        ("<b>bold</b> <strong>strong</strong>", "**bold** **strong**"),
        ("<i>it</i> and <em>em</em>", "*it* and *em*"),
        ("use <code>x = 1</code>", "use `x = 1`"),
        ('<a href="https://example.org/a">the page</a>', "[the page](https://example.org/a)"),
        ("<ul><li>one</li><li>two</li></ul>", "- one\n- two"),
        ("<ol><li>first</li><li>second</li></ol>", "1. first\n2. second"),
        ("<ul><li>outer<ul><li>inner</li></ul></li></ul>", "- outer\n    - inner"),
        ("fish &amp; chips &lt;3 &#233;", "fish & chips <3 é"),
        ("<p dir='ltr' style='text-align: left;' class='x'>kept text</p>", "kept text"),
        ("  lots   of \n\n  space ", "lots of space"),
        ("<b> padded </b>x", "**padded** x"),
        ("<!-- a comment -->visible", "visible"),
    ],
)
def test_the_safe_subset_becomes_markdown(html: str, markdown: str) -> None:
    assert html_to_markdown(html) == markdown


def test_moodle_auto_format_keeps_line_ends() -> None:
    assert html_to_markdown("a <b>b</b>\nnext line", newlines_break=True) == "a **b**\nnext line"


@pytest.mark.parametrize(
    ("html", "words"),
    [
        ("<script>alert(1)</script>", "<script>"),
        ("<style>p{}</style>", "<style>"),
        ('<img src="https://example.org/x.png">', "<img>"),
        ("<table><tr><td>x</td></tr></table>", "<table>"),
        ('<iframe src="https://example.org"></iframe>', "<iframe>"),
        ("<p onclick='x()'>tap</p>", "'onclick'"),
        ("<b onmouseover=x>b</b>", "'onmouseover'"),
        ('<a href="http://example.org">x</a>', "https://"),
        ('<a href="javascript:alert(1)">x</a>', "https://"),
        ("<a>no address</a>", "https://"),
        ('<p data-x="1">x</p>', "'data-x'"),
        ("<span>x</span>", "<span>"),
        ("<!DOCTYPE html>x", "declaration"),
    ],
)
def test_everything_else_is_rejected(html: str, words: str) -> None:
    with pytest.raises(HtmlRejected) as rejected:
        html_to_markdown("text " + html)
    assert words in rejected.value.message
    assert rejected.value.offset == 5


def problems(text: str) -> list[tuple[str, int, int, str]]:
    parsed = parse_gift(text)
    return [(p.code, p.line, p.col, p.message) for p in (*parsed.problems, *convert(parsed.blocks).problems) if p.code != "G213"]


def test_a_rejected_tag_is_located_in_the_gift_file() -> None:
    text = "// c\n::Q::[html]<p>Pick one.</p>\n<p>Then \\{ <script>x</script></p>{=a ~b}"
    assert problems(text) == [
        ("G116", 3, 12, "HTML <script> is not imported (only text formatting is: p, br, b, strong, i, em, code, a, ul, ol, li)")
    ]


def test_html_in_answers_and_feedback_is_checked_too() -> None:
    found = problems("::Q::[html]Pick. {\n=<b>ok</b>\n~<img src\\=x> #<b>fine</b>\n}")
    assert [(code, line, col) for code, line, col, _ in found] == [("G116", 3, 2)]


def test_markdown_with_raw_html_is_rejected_but_code_spans_are_fine() -> None:
    assert [p[0] for p in problems("[markdown]Is <b>x</b> bold? {T}")] == ["G116"]
    assert problems("[markdown]Write `<b>` for bold. {T}") == []


def test_plain_text_is_kept_as_written() -> None:
    parsed = parse_gift("[plain]Is <script> shown? {T}")
    assert convert(parsed.blocks).drafts[0].data["prompt"] == "Is <script> shown?"


def test_moodle_default_format_is_read_as_html_only_when_it_holds_tags_or_entities() -> None:
    parsed = parse_gift("Is 3 < 4 & 5 > 4? {T}\n\nIs <em>this</em> &amp; that? {T}")
    assert [d.data["prompt"] for d in convert(parsed.blocks).drafts] == ["Is 3 < 4 & 5 > 4?", "Is *this* & that?"]

"""A paragraph's inline Markdown as Textual content: words, emphasis, code and clickable links.

The text is the one search indexes and the plain mode prints (``lessons.markdown.inline_text``):
runs with their whitespace collapsed, soft breaks as spaces, link and image words kept, inline HTML
dropped. It is never parsed as markup; control characters are removed. Links carry a click action,
``link(href)``, that the block widget turns into a :class:`LessonText.LinkClicked` message.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from markdown_it.token import Token
from textual.content import Content, Span
from textual.style import Style

from course.domain.text_safety import strip_controls

_SPACE = re.compile(r"\s+")

# Inline tokens that open a style, and the component class (see LessonBlock) that styles them.
_OPENERS = {"em_open": ".em", "strong_open": ".strong", "s_open": ".s"}


def link_style(href: str) -> Style:
    """The style of a link's words: a click action naming its target (never opened directly)."""
    return Style.from_meta({"@click": f"link({href!r})"})


def inline_content(children: Sequence[Token] | None) -> Content:
    """The content of an inline token's children (a heading's, paragraph's or table cell's)."""
    parts: list[str] = []
    spans: list[Span] = []
    opened: list[tuple[str | Style, int]] = []
    position = 0

    def add(text: str) -> None:
        nonlocal position
        parts.append(text)
        position += len(text)

    def close() -> None:
        if opened:
            style, start = opened.pop()
            if position > start:
                spans.append(Span(start, position, style))

    for token in children or ():
        kind = token.type
        if kind == "text":
            add(_SPACE.sub(" ", strip_controls(token.content)))
        elif kind == "softbreak":
            add(" ")
        elif kind == "hardbreak":
            add("\n")
        elif kind == "code_inline":
            start = position
            add(strip_controls(token.content))
            spans.append(Span(start, position, ".code"))
        elif kind in _OPENERS:
            opened.append((_OPENERS[kind], position))
        elif kind == "link_open":
            opened.append((link_style(str(token.attrs.get("href", ""))), position))
        elif kind == "image":
            add(strip_controls("".join(child.content for child in token.children or ())))
        elif kind in ("em_close", "strong_close", "s_close", "link_close"):
            close()
    while opened:
        close()
    return Content("".join(parts), spans=spans)

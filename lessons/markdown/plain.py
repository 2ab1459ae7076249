"""Plain text of Markdown: what search indexes, what the plain mode prints, what the app shows.

Inline text follows Textual's Markdown widget: text runs with their whitespace collapsed (never
dropped, so the spaces around a link or emphasis stay), soft breaks as spaces, code as its text, link
and image words kept, targets, emphasis markers and inline HTML tags dropped.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from markdown_it.token import Token

from lessons.markdown.parser import parse_inline
from lessons.markdown.tree import CODE, Block, blocks, walk

_SPACE = re.compile(r"\s+")

# What a link shows: given its ``link_open`` token and its words as plain text.
LinkText = Callable[[Token, str], str]


def inline_text(children: Sequence[Token], link: LinkText | None = None) -> str:
    """The text of inline tokens (see the module docstring); ``link`` can rewrite each link."""
    out: list[str] = []
    i, n = 0, len(children)
    while i < n:
        token = children[i]
        kind = token.type
        if kind == "text":
            out.append(_SPACE.sub(" ", token.content))
        elif kind == "softbreak":
            out.append(" ")
        elif kind == "hardbreak":
            out.append("\n")
        elif kind == "code_inline":
            out.append(token.content)
        elif kind == "image":
            out.append(inline_text(token.children or ()))
        elif kind == "link_open" and link is not None:
            end = _closing(children, i)
            out.append(link(token, inline_text(children[i + 1 : end])))
            i = end
        i += 1
    return "".join(out)


def _closing(children: Sequence[Token], start: int) -> int:
    """The index of the ``link_close`` matching ``children[start]``."""
    depth = 0
    for i in range(start, len(children)):
        if children[i].type == "link_open":
            depth += 1
        elif children[i].type == "link_close":
            depth -= 1
            if not depth:
                return i
    return len(children) - 1


def inline_plain(text: str) -> str:
    """A one-line fragment (a title, a term) as plain text, whitespace collapsed."""
    if _already_plain(text):
        return " ".join(text.split())
    return " ".join(inline_text(parse_inline(text)).split())


def block_text(block: Block) -> str:
    """The text of a leaf block: a heading, paragraph or cell's inline text, code as written; ""
    for containers and for blocks that show no text (rules, HTML blocks)."""
    if block.inline is not None:
        return inline_text(block.inline.children or ())
    if block.kind in CODE:
        return block.token.content.rstrip()
    return ""


def texts(tree: Sequence[Block]) -> Iterator[tuple[Block, str]]:
    """Each leaf block with text, in document order, and its text."""
    for block in walk(list(tree)):
        text = block_text(block)
        if text:
            yield block, text


# Characters that can start Markdown syntax anywhere in a line (plus line breaks, which can make
# setext headings and tables); text without them, and not starting like a block, is plain already.
_SYNTAX = frozenset("\\`*_[]<>!#~|&%\n\r\t\x00")


def _already_plain(text: str) -> bool:
    """Whether ``text`` parses to itself, whitespace collapsed (a cheap test that saves a parse
    for the many one-line prompts, definitions and key points)."""
    return _SYNTAX.isdisjoint(text) and text[:1] not in " -+=0123456789"


def plain_text(markdown: str) -> str:
    """A Markdown document as one line of plain text (whitespace collapsed)."""
    if _already_plain(markdown):
        return " ".join(markdown.split())
    return " ".join(" ".join(text for _, text in texts(blocks(markdown))).split())


def word_count(markdown: str) -> int:
    """The words of ``markdown`` as a reader sees them (link targets and markup not counted)."""
    return sum(1 for word in plain_text(markdown).split() if any(ch.isalnum() for ch in word))


@dataclass(frozen=True)
class Section:
    """A part of a document: the heading that opens it ("" and level 0 before the first heading),
    its plain ``text`` and its ``markdown`` source (the lines after the heading)."""

    heading: str
    level: int
    text: str
    markdown: str


def sections(markdown: str) -> list[Section]:
    """``markdown`` cut at its headings (ATX or setext; never inside code)."""
    source = re.sub(r"\r\n?", "\n", markdown).split("\n")
    found: list[Section] = []
    heading, level, start = "", 0, 0
    parts: list[str] = []

    def close(end: int) -> None:
        text = " ".join(" ".join(parts).split())
        if heading or text:
            found.append(Section(heading, level, text, "\n".join(source[start:end])))

    for block, text in texts(blocks(markdown)):
        lines = block.lines
        if block.kind == "heading" and lines is not None:
            close(lines[0])
            heading, level, start, parts = " ".join(text.split()), int(block.token.tag[1:]), lines[1], []
        else:
            parts.append(text)
    close(len(source))
    return found

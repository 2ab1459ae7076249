"""Every link of a Markdown document, with where it is written.

Found in the token stream, so only real links count: not ``[x](y)`` inside code, not escaped
brackets. :func:`broken_links` finds the text written like a link that is not one. Forms: ``inline`` ``[text](href)``, ``reference`` ``[text][id]`` / ``[id]`` (the href
comes from the ``[id]: href`` definition), ``autolink`` ``<https://...>``, ``linkify`` (a bare
``https://...`` or ``www....`` address), ``image`` ``![alt](src)`` and ``html`` ``<a href="...">``.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from markdown_it.token import Token

from lessons.markdown.parser import parse
from lessons.markdown.plain import inline_text

LinkForm = Literal["inline", "reference", "autolink", "linkify", "image", "html"]

# markdown-it hands inline HTML over as the raw tag; only ``<a href=...>`` is a link.
_A_HREF = re.compile(r"""<a\s(?:[^>]*?\s)?href\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""", re.IGNORECASE)


@dataclass(frozen=True)
class Link:
    """A link: its ``href`` (as markdown-it normalised it), its words as plain text, its form, and
    where it is written: ``line``/``col`` (1-based) of its first character (``[``, ``!``, ``<`` or the
    address itself) and ``target_col``, the column of the ``(`` before an inline link's target
    (``col`` for the other forms)."""

    href: str
    text: str
    form: LinkForm
    line: int
    col: int
    target_col: int


@dataclass(frozen=True)
class BrokenLink:
    """Text written like an inline link, ``[words](address)``, that is not one (markdown-it shows it
    as written): ``source`` as written, ``address`` between the parentheses, where its ``[`` stands."""

    source: str
    address: str
    line: int
    col: int


# ``[words](address)`` with no brackets or parentheses inside, as it stands in the source; and the
# tail ``](address)`` of one whose ``[`` went missing.
_LINK_LIKE = re.compile(r"\[([^\[\]\n]*)\]\(([^()\n]*)\)")
_LINK_TAIL = re.compile(r"\S*\]\(([^()\s]*)\)")
_ESCAPE = re.compile(r"\\.", re.DOTALL)
# A code span: a run of backticks, then text, then a run of exactly as many (CommonMark's rule).
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`).*?(?<!`)\1(?!`)", re.DOTALL)


def broken_links(markdown: str) -> list[BrokenLink]:
    """Every ``[words](address)`` of ``markdown`` that markdown-it does not read as a link (an
    address with a space, say), outside code spans and not escaped, in document order."""
    source = re.sub(r"\r\n?", "\n", markdown).split("\n")
    found: list[BrokenLink] = []
    cursors: dict[int, int] = {}
    for token in parse(markdown):
        if token.type != "inline" or not token.map or not token.children:
            continue
        starts = _line_starts(token, source, cursors)
        content = token.content
        if "](" not in content:
            continue
        real = {child.meta.get("offset") for child in token.children if child.type in ("link_open", "image")}
        masked = _mask_code(content)
        # Where the "](" of every real inline link stands, so that its tail is not taken for a broken one.
        ends = {_label_end(masked, o + (2 if masked[o : o + 1] == "!" else 1)) for o in real if isinstance(o, int)}
        for match in _LINK_LIKE.finditer(masked):
            offset = match.start()
            ends.add(match.start(2) - 2)
            if offset in real or (offset > 0 and offset - 1 in real and masked[offset - 1] == "!"):
                continue
            line, col = _where(content, offset, starts)
            found.append(BrokenLink(content[match.start() : match.end()], content[match.start(2) : match.end(2)], line, col))
        for match in _LINK_TAIL.finditer(masked):
            if match.start(1) - 2 in ends:
                continue
            line, col = _where(content, match.start(), starts)
            found.append(BrokenLink(content[match.start() : match.end()], content[match.start(1) : match.end(1)], line, col))
    found.sort(key=lambda b: (b.line, b.col))
    return found


def _mask_code(content: str) -> str:
    """``content`` with code spans and backslash escapes blanked (same length), so only text is searched."""
    if "`" not in content and "\\" not in content:
        return content
    blank = lambda match: " " * len(match[0])  # noqa: E731
    return _CODE_SPAN.sub(blank, _ESCAPE.sub(blank, content))


def links(markdown: str) -> list[Link]:
    """Every link and image of ``markdown``, in document order."""
    source = re.sub(r"\r\n?", "\n", markdown).split("\n")
    found: list[Link] = []
    cursors: dict[int, int] = {}  # per source line, where the last inline token (table cell) ended
    for token in parse(markdown):
        if token.type == "inline" and token.map and token.children:
            _inline_links(token, _line_starts(token, source, cursors), found)
    return found


def _inline_links(inline: Token, starts: list[tuple[int, int]], found: list[Link]) -> None:
    content = inline.content
    cursor = 0
    children = inline.children or []
    for i, token in enumerate(children):
        if token.type == "link_open":
            href, form = str(token.attrs.get("href", "")), _form(token)
            words = inline_text(children[i + 1 : _close(children, i, "link_close")])
        elif token.type == "image":
            href, form, words = str(token.attrs.get("src", "")), "image", inline_text(token.children or ())
        elif token.type == "html_inline" and (match := _A_HREF.match(token.content)):
            href, form = html.unescape(next(g for g in match.groups() if g is not None)), "html"
            words = inline_text(children[i + 1 : _close(children, i, "html_inline", "</a")])
        else:
            continue
        offset = token.meta.get("offset")
        if not isinstance(offset, int):  # linkify's fuzzy links (www..., emails): find the words
            offset = content.find(words, cursor) if words else -1
            offset = cursor if offset < 0 else offset
        cursor = offset + 1
        line, col = _where(content, offset, starts)
        target_col = col
        if form in ("inline", "image"):
            target = _label_end(content, offset + (2 if form == "image" else 1)) + 1
            if form == "inline" and content[target : target + 1] != "(":
                form = "reference"
            elif content[target : target + 1] == "(":
                target_col = _where(content, target, starts)[1]
        found.append(Link(href, " ".join(words.split()), form, line, col, target_col))


def _form(token: Token) -> LinkForm:
    if token.markup == "autolink":
        return "autolink"
    if token.markup == "linkify":
        return "linkify"
    return "inline"  # or "reference": told apart by what follows the label


def _close(children: Sequence[Token], start: int, kind: str, prefix: str = "") -> int:
    for i in range(start + 1, len(children)):
        if children[i].type == kind and children[i].content.lower().startswith(prefix):
            return i
    return len(children)


def _label_end(content: str, start: int) -> int:
    """The index of the ``]`` closing the link label that starts at ``start`` (just after ``[``):
    brackets nest, backslash escapes and code spans do not count."""
    depth, i = 1, start
    while i < len(content):
        ch = content[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "`":
            run = len(content[i:]) - len(content[i:].lstrip("`"))
            close = content.find("`" * run, i + run)
            i = close + run if close >= 0 else i + run
            continue
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth -= 1
            if not depth:
                return i
        i += 1
    return start - 1


def _line_starts(inline: Token, source: list[str], cursors: dict[int, int]) -> list[tuple[int, int]]:
    """For each line of the inline token's content: its 0-based source line and the 0-based column
    where that content line begins (markdown-it drops indents, quote and list markers)."""
    assert inline.map is not None
    first = inline.map[0]
    starts: list[tuple[int, int]] = []
    for k, text in enumerate(inline.content.split("\n")):
        number = min(first + k, len(source) - 1)
        line = source[number]
        text = text.strip()
        col = line.find(text, cursors.get(number, 0)) if text else -1
        if col < 0:
            col = len(line) - len(line.lstrip())
        cursors[number] = col + len(text)
        starts.append((number, col))
    return starts


def _where(content: str, offset: int, starts: list[tuple[int, int]]) -> tuple[int, int]:
    """1-based source (line, column) of ``offset`` in an inline token's content."""
    before = content[:offset]
    k = before.count("\n")
    line, col = starts[min(k, len(starts) - 1)]
    in_line = offset - (before.rfind("\n") + 1)
    # The content line was stripped on the left; map its own leading spaces back too.
    lead = len(content.split("\n")[k]) - len(content.split("\n")[k].lstrip()) if k < len(starts) else 0
    return line + 1, col + in_line - lead + 1

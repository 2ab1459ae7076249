"""Course text as plain, wrapped lines for the plain mode: no markup, no colour, no control characters.

Lesson bodies are Markdown. Here they become text a screen reader can read and a dumb terminal can
print: headings are lines underlined with ``=`` or ``-``, list items start with ``- `` (or their
number), table rows are cells joined by `` | ``, block quotes are ``> `` lines, and links become their
words (a glossary link can add "(see glossary: ID)", a web link shows its address, which is printed
and never opened). Emphasis markers are dropped. Nothing is ever parsed as Textual or Rich markup:
``[@click=app.quit]`` stays exactly as written. Pure Python: never imports Textual.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Mapping, Sequence

from markdown_it.token import Token

from course.domain.text_safety import strip_controls
from lessons.markdown import Block, block_text, blocks, inline_text, parse_inline

WIDTH = 78

# ANSI escape sequences: CSI (ESC [ ... final byte), OSC (ESC ] ... BEL or ST), and two-byte ESC x.
_ESCAPE_SEQUENCE = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x9b[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-Z\\-_]")


def clean(text: str) -> str:
    """``text`` without control characters (whole escape sequences included); tabs become spaces."""
    return strip_controls(_ESCAPE_SEQUENCE.sub("", text)).expandtabs(4)


def wrap(text: str, width: int = WIDTH, indent: str = "", subsequent_indent: str | None = None) -> str:
    """Untrusted text wrapped to ``width`` columns; blank lines between paragraphs are kept.

    Words are never broken (a long web address stays whole) and hyphens are not break points, so
    terms such as "5-HT2A" stay on one line.
    """
    rest = indent if subsequent_indent is None else subsequent_indent
    paragraphs = re.split(r"\n\s*\n", clean(text).strip())
    wrapped = [_fill(" ".join(p.split()), width, indent, rest) for p in paragraphs if p.strip()]
    return "\n\n".join(wrapped)


def underline(title: str, char: str = "=") -> str:
    """A heading: the (single-line) title and a line of ``char`` as long as it."""
    text = " ".join(clean(title).split())
    return f"{text}\n{char * max(3, min(len(text), WIDTH))}"


class _Links:
    """How links print: glossary and reference notes (each term or reference noted once)."""

    def __init__(self, glossary: Mapping[str, str] | None, references: Mapping[str, str] | None, noted: set[str]) -> None:
        self.glossary = glossary
        self.references = references
        self.noted = noted

    def text(self, children: Sequence[Token]) -> str:
        return inline_text(children, self.link)

    def link(self, token: Token, words: str) -> str:
        words = words.strip()
        href = str(token.attrs.get("href", ""))
        if token.markup in ("autolink", "linkify"):
            return words  # the address as written is the link's words
        scheme, _, target = href.partition(":")
        if scheme in ("glossary", "ref"):
            names = self.glossary if scheme == "glossary" else self.references
            note = names.get(target) if names and href not in self.noted else None
            if not note:
                return words
            self.noted.add(href)
            return f"{words} (see glossary: {note})" if scheme == "glossary" else f"{words} (see {note})"
        if scheme in ("https", "http", "mailto") and target:
            return href if not words or words == href else f"{words} ({href})"
        return words


def render_inline(
    text: str,
    glossary: Mapping[str, str] | None = None,
    references: Mapping[str, str] | None = None,
    noted: set[str] | None = None,
) -> str:
    """One run of Markdown text as plain text: links become their words, emphasis markers go.

    ``glossary`` maps term ids to what a note should name ("(see glossary: NAME)" after the
    link's words); without it a glossary link is just its words. ``references`` maps reference ids to
    a label such as "reference 1" ("(see reference 1)"). A web link keeps its address in
    parentheses. Markup such as ``[bold]`` or ``[@click=...]`` is left exactly as written.
    ``noted`` collects the links already given a note, so each term or reference is noted once.
    """
    links = _Links(glossary, references, set() if noted is None else noted)
    return links.text(parse_inline(clean(text)))


def render_markdown(
    markdown: str,
    width: int = WIDTH,
    *,
    glossary: Mapping[str, str] | None = None,
    references: Mapping[str, str] | None = None,
) -> str:
    """A Markdown body as plain text wrapped to ``width`` columns (see the module docstring).

    The blocks are those of :func:`lessons.markdown.blocks` (the parse Textual's Markdown widget
    makes); their words are the text search indexes. Each glossary term and reference gets its note
    at its first link only. A blank line in the source between two blocks stays a blank line.
    """
    text = clean(markdown)
    renderer = _Renderer(text.split("\n"), _Links(glossary, references, set()))
    return "\n".join(_tidy(renderer.blocks(blocks(text), max(20, width))))


def _tidy(lines: list[str]) -> list[str]:
    """No trailing spaces, no runs of blank lines, no blank lines at either end."""
    result: list[str] = []
    for line in "\n".join(lines).split("\n"):
        line = line.rstrip()
        if not line and (not result or not result[-1]):
            continue
        result.append(line)
    while result and not result[-1]:
        result.pop()
    return result


class _Renderer:
    def __init__(self, source: list[str], links: _Links) -> None:
        self.source = source
        self.links = links

    def blank_before(self, block: Block) -> bool:
        """Whether the source has a blank line (inside quotes: a bare ``>``) just before ``block``."""
        where = block.lines
        if where is None or where[0] == 0 or where[0] > len(self.source):
            return False
        return not self.source[where[0] - 1].replace(">", "").strip()

    def blocks(self, tree: Sequence[Block], width: int) -> list[str]:
        out: list[str] = []
        for n, block in enumerate(tree):
            if n and self.blank_before(block):
                out.append("")
            out += self.block(block, width)
        return out

    def block(self, block: Block, width: int) -> list[str]:
        kind = block.kind
        if kind == "heading":
            title = self.inline(block)
            return ["", *_heading_lines(title, "=" if block.token.tag == "h1" else "-", width), ""]
        if kind == "paragraph":
            return [_fill(self.inline(block), width, "", "")]
        if kind in ("fence", "code_block"):
            return ["", *["    " + line for line in block_text(block).split("\n")], ""]
        if kind == "blockquote":
            inner = _tidy(self.blocks(block.children, width - 2))
            return ["", *[("> " + line) if line else ">" for line in inner], ""]
        if kind in ("bullet_list", "ordered_list"):
            return self.items(block, width)
        if kind == "table":
            rows = [row for part in block.children for row in part.children]
            cells = [" | ".join(self.inline(cell).strip() for cell in row.children) for row in rows]
            return ["", *[_fill(line, width, "", "  ") for line in cells], ""]
        return [""] if kind == "hr" else []  # HTML blocks are not shown (nor are they in the app)

    def items(self, block: Block, width: int) -> list[str]:
        out: list[str] = []
        for n, item in enumerate(block.children):
            if n and self.blank_before(item):
                out.append("")
            marker = "-" if block.kind == "bullet_list" else (item.token.info or "1") + "."
            pad = " " * (len(marker) + 1)
            lines = _tidy(self.blocks(item.children, width - len(pad)))
            out += [(marker + " " + lines[0]) if lines else marker]
            out += [(pad + line) if line else "" for line in lines[1:]]
        return out

    def inline(self, block: Block) -> str:
        return self.links.text(block.inline.children or ()) if block.inline is not None else ""


def _heading_lines(title: str, char: str, width: int) -> list[str]:
    wrapped = _fill(title, width, "", "").split("\n")
    return [*wrapped, char * max(3, min(width, max(len(w) for w in wrapped)))]


def _fill(text: str, width: int, indent: str, subsequent_indent: str) -> str:
    if not text.strip():
        return indent.rstrip()
    return textwrap.fill(
        text,
        width=width,
        initial_indent=indent,
        subsequent_indent=subsequent_indent,
        break_long_words=False,
        break_on_hyphens=False,
    )

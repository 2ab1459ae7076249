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
from collections.abc import Mapping

from course.domain.text_safety import strip_controls

WIDTH = 78

_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_HEADING = re.compile(r"^\s{0,3}(#{1,6})(?:\s+(.*?))?\s*$")
_CLOSING_HASHES = re.compile(r"\s+#+$")
_RULE = re.compile(r"^\s{0,3}([-*_])(?:\s*\1){2,}\s*$")
_QUOTE = re.compile(r"^\s{0,3}>\s?(.*)$")
_ITEM = re.compile(r"^(\s*)([-*+]|\d{1,9}[.)])(?:\s+(.*))?$")
_TABLE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$")

_CODE_SPAN = re.compile(r"(`+)(.+?)\1", re.DOTALL)
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_IMAGE = re.compile(r"!\[([^\]]*)\]\(\s*<?([^)\s>]*)>?(?:\s+\"[^\"]*\")?\s*\)")
_LINK = re.compile(r"\[([^\]]*)\]\(\s*<?([^)\s>]*)>?(?:\s+\"[^\"]*\")?\s*\)")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EMPHASIS_STAR = re.compile(r"(?<![\w*])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![\w*])")
_EMPHASIS_UNDERSCORE = re.compile(r"(?<![\w_])_(?=[^\s_])(.+?)(?<=[^\s_])_(?![\w_])")
_STRIKE = re.compile(r"~~(?=\S)(.+?)(?<=\S)~~")
_PLACEHOLDER = re.compile("\x00(\\d+)\x00")
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
    noted = set() if noted is None else noted
    saved: list[str] = []

    def keep(value: str) -> str:
        saved.append(value)
        return f"\x00{len(saved) - 1}\x00"

    text = clean(text)
    text = _CODE_SPAN.sub(lambda m: keep(m.group(2).strip() or m.group(2)), text)
    text = _ESCAPE.sub(lambda m: keep(m.group(1)), text)
    text = _IMAGE.sub(lambda m: m.group(1), text)
    text = _LINK.sub(lambda m: _link(m.group(1), m.group(2), glossary, references, noted), text)
    text = _AUTOLINK.sub(lambda m: keep(m.group(1)), text)
    for _ in range(3):  # nested emphasis such as ***both***
        before = text
        text = _STRONG.sub(r"\2", text)
        text = _EMPHASIS_STAR.sub(r"\1", text)
        text = _EMPHASIS_UNDERSCORE.sub(r"\1", text)
        text = _STRIKE.sub(r"\1", text)
        if text == before:
            break
    while _PLACEHOLDER.search(text):
        text = _PLACEHOLDER.sub(lambda m: saved[int(m.group(1))], text)
    return text


def _link(
    words: str, href: str, glossary: Mapping[str, str] | None, references: Mapping[str, str] | None, noted: set[str]
) -> str:
    words = words.strip()
    scheme, _, target = href.partition(":")
    if scheme in ("glossary", "ref"):
        names = glossary if scheme == "glossary" else references
        note = names.get(target) if names and href not in noted else None
        if not note:
            return words
        noted.add(href)
        return f"{words} (see glossary: {note})" if scheme == "glossary" else f"{words} (see {note})"
    if scheme in ("https", "http", "mailto") and target:
        return href if not words or words == href else f"{words} ({href})"
    return words


def render_markdown(
    markdown: str,
    width: int = WIDTH,
    *,
    glossary: Mapping[str, str] | None = None,
    references: Mapping[str, str] | None = None,
) -> str:
    """A Markdown body as plain text wrapped to ``width`` columns (see the module docstring).

    Each glossary term and reference gets its note at its first link only.
    """
    lines = clean(markdown).split("\n")
    out = _render_blocks(lines, max(20, width), glossary, references, set())
    return "\n".join(_tidy(out))


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


def _render_blocks(
    lines: list[str],
    width: int,
    glossary: Mapping[str, str] | None,
    references: Mapping[str, str] | None,
    noted: set[str],
) -> list[str]:
    out: list[str] = []
    inline = lambda text: render_inline(text, glossary, references, noted)  # noqa: E731
    list_indents: list[int] = []
    i, n = 0, len(lines)
    while i < n:
        line = lines[i]
        if not line.strip():
            out.append("")
            i += 1
            continue
        fence = _FENCE.match(line)
        if fence:
            marker = fence.group(1)
            i += 1
            out.append("")
            while i < n and not lines[i].strip().startswith(marker):
                out.append("    " + lines[i])
                i += 1
            i += 1  # the closing fence
            out.append("")
            list_indents = []
            continue
        heading = _HEADING.match(line)
        if heading:
            level = len(heading.group(1))
            title = inline(_CLOSING_HASHES.sub("", heading.group(2) or "").strip())
            out += ["", *_heading_lines(title, "=" if level == 1 else "-", width), ""]
            i += 1
            list_indents = []
            continue
        if _RULE.match(line):
            out.append("")
            i += 1
            list_indents = []
            continue
        if _QUOTE.match(line):
            quoted: list[str] = []
            while i < n and (match := _QUOTE.match(lines[i])):
                quoted.append(match.group(1))
                i += 1
            inner = _tidy(_render_blocks(quoted, width - 2, glossary, references, noted))
            out += ["", *[("> " + q) if q else ">" for q in inner], ""]
            list_indents = []
            continue
        if "|" in line and i + 1 < n and "-" in lines[i + 1] and _TABLE_SEPARATOR.match(lines[i + 1]):
            rows = [line]
            i += 2
            while i < n and lines[i].strip() and "|" in lines[i]:
                rows.append(lines[i])
                i += 1
            out.append("")
            for row in rows:
                cells = [inline(cell.strip()) for cell in _cells(row)]
                out.append(_fill(" | ".join(cells), width, "", "  "))
            out.append("")
            list_indents = []
            continue
        item = _ITEM.match(line)
        if item:
            indent = len(item.group(1))
            while list_indents and list_indents[-1] > indent:
                list_indents.pop()
            if not list_indents or list_indents[-1] < indent:
                list_indents.append(indent)
            depth = len(list_indents) - 1
            marker = "-" if item.group(2) in "-*+" else item.group(2)[:-1] + "."
            parts = [item.group(3)] if item.group(3) else []
            i += 1
            while i < n and lines[i].strip() and not _starts_block(lines, i):
                parts.append(lines[i].strip())
                i += 1
            prefix = "  " * depth + marker + " "
            out.append(_fill(inline(" ".join(parts)), width, prefix, " " * len(prefix)))
            continue
        # a paragraph: every line up to a blank line or the start of another block
        parts = [line.strip()]
        i += 1
        while i < n and lines[i].strip() and not _starts_block(lines, i):
            parts.append(lines[i].strip())
            i += 1
        if list_indents and len(line) - len(line.lstrip()) > 0:
            pad = " " * (2 * len(list_indents))  # an indented paragraph inside a list item
        else:
            pad, list_indents = "", []
        out.append(_fill(inline(" ".join(parts)), width, pad, pad))
    return out


def _starts_block(lines: list[str], i: int) -> bool:
    """Whether ``lines[i]`` starts a heading, fence, rule, quote, list item or table."""
    line = lines[i]
    if _FENCE.match(line) or _HEADING.match(line) or _RULE.match(line) or _QUOTE.match(line):
        return True
    if _ITEM.match(line):
        return True
    return "|" in line and i + 1 < len(lines) and "-" in lines[i + 1] and bool(_TABLE_SEPARATOR.match(lines[i + 1]))


def _cells(row: str) -> list[str]:
    """The cells of a table row (``\\|`` is a literal bar inside a cell)."""
    row = row.strip()
    if row.startswith("|"):
        row = row[1:]
    if row.endswith("|") and not row.endswith("\\|"):
        row = row[:-1]
    return [cell.replace("\\|", "|") for cell in re.split(r"(?<!\\)\|", row)]


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

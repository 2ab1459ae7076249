"""Cut TOML text that may be broken into its statements (``key = value`` and ``[table]`` headers).

``tomllib`` stops at the first syntax error and says little about where the mistake began. This
tolerant scanner finds each statement's lines, its key, and the string or bracket it leaves open, so
that a syntax error can be explained at its cause (the opening ``\"\"\"`` of a string never closed) and
the statement can be set aside while the rest of the file is read (:mod:`course.loading.toml_syntax`).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

_KEY_PART = r"""(?:[A-Za-z0-9_-]+|"[^"\n]*"|'[^'\n]*')"""
_KEY = rf"{_KEY_PART}(?:\s*\.\s*{_KEY_PART})*"
# A line that starts a new statement: ``key = ...`` or a ``[table]`` / ``[[array]]`` header.
_STARTS_STATEMENT = re.compile(rf"""[ \t]*(?:{_KEY}[ \t]*=|\[\[?[ \t]*{_KEY}[ \t]*\]\]?[ \t]*(?:#.*)?$)""", re.MULTILINE)
_KEY_AT = re.compile(rf"[ \t]*({_KEY})[ \t]*=")


@dataclass(frozen=True)
class Statement:
    """One statement: ``start``/``end`` offsets (``end`` before its newline), whether it is a header,
    its dotted key as written (quotes kept), and what it leaves open: ``(opener, offset)``."""

    start: int
    end: int
    header: bool
    key: str
    unclosed: tuple[str, int] | None = None


class Text:
    """A text with line lookups (1-based lines and columns)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.line_starts = [0] + [match.end() for match in re.finditer("\n", text)]

    def where(self, offset: int) -> tuple[int, int]:
        """The line and column of ``offset``."""
        line = bisect_right(self.line_starts, offset)
        return line, offset - self.line_starts[line - 1] + 1

    def offset(self, line: int, col: int) -> int:
        """The offset of ``line``, ``col`` (clamped to the text)."""
        line = max(1, min(line, len(self.line_starts)))
        return min(self.line_starts[line - 1] + col - 1, len(self.text))

    def line_of(self, offset: int) -> int:
        """The line of ``offset``."""
        return self.where(offset)[0]


def key_parts(key: str) -> list[str]:
    """The segments of a dotted key as written, quotes removed (``a."b.c"`` -> ``a``, ``b.c``)."""
    return [part.strip().strip("\"'") for part in re.findall(_KEY_PART, key)]


def statements(text: str) -> list[Statement]:
    """Every statement of ``text`` in order; never raises, whatever the text."""
    found: list[Statement] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch in " \t\r\n":
            i += 1
        elif ch == "#":
            i = _line_end(text, i)
        elif ch == "[":
            end = _line_end(text, i)
            head = text[i:end].split("#", 1)[0].strip()
            found.append(Statement(i, end, True, head.strip("[] \t")))
            i = end
        else:
            match = _KEY_AT.match(text, i)
            if match is None:  # not even a key: the rest of the line
                end = _line_end(text, i)
                found.append(Statement(i, end, False, text[i:end].strip()))
                i = end
                continue
            end, unclosed = _value_end(text, match.end())
            found.append(Statement(i, end, False, match[1], unclosed))
            i = max(end, i + 1)
    return found


def _line_end(text: str, i: int) -> int:
    end = text.find("\n", i)
    return len(text) if end < 0 else end


def _value_end(text: str, i: int) -> tuple[int, tuple[str, int] | None]:
    """Where the statement whose value starts at ``i`` ends, and what it leaves open.

    As in TOML, a value is one string, list, inline table or bare word; whatever follows it on its
    line is not read as a value (a stray quote there opens nothing).
    """
    while text[i : i + 1] in (" ", "\t"):
        i += 1
    if text.startswith(('"""', "'''"), i):
        close = _close_multi(text, i + 3, text[i : i + 3])
        return (len(text), (text[i : i + 3], i)) if close < 0 else (_line_end(text, close), None)
    if text[i : i + 1] in ('"', "'"):
        close = _close_single(text, i + 1, text[i])
        return (_line_end(text, i), (text[i], i)) if close < 0 else (_line_end(text, close), None)
    if text[i : i + 1] in ("[", "{"):
        return _brackets_end(text, i)
    return _line_end(text, i), None


def _brackets_end(text: str, i: int) -> tuple[int, tuple[str, int] | None]:
    """The end of the statement whose value is the list or inline table opening at ``i``."""
    opened: list[tuple[str, int]] = []
    n = len(text)
    while i < n:
        ch = text[i]
        if ch == "\n":
            if _STARTS_STATEMENT.match(text, i + 1):
                return i, opened[0]
            i += 1
        elif ch == "#":
            i = _line_end(text, i)
        elif text.startswith(('"""', "'''"), i):
            close = _close_multi(text, i + 3, text[i : i + 3])
            if close < 0:
                return n, (text[i : i + 3], i)
            i = close
        elif ch in "\"'":
            close = _close_single(text, i + 1, ch)
            if close < 0:
                return _line_end(text, i), (ch, i)
            i = close
        else:
            if ch in "[{":
                opened.append((ch, i))
            elif ch in "]}" and opened:
                opened.pop()
                if not opened:
                    return _line_end(text, i), None
            i += 1
    return n, (opened[0] if opened else None)


def _close_multi(text: str, i: int, quote: str) -> int:
    """The offset just past the ``quote`` (three quotes) that closes a multi-line string, or -1."""
    while True:
        end = text.find(quote, i)
        if end < 0:
            return -1
        if quote == '"""' and _escaped(text, end):
            i = end + 1
            continue
        end += 3
        for _ in range(2):  # up to two more quotes belong to the string
            if text[end : end + 1] == quote[0]:
                end += 1
        return end


def _close_single(text: str, i: int, quote: str) -> int:
    """The offset just past the quote closing a one-line string, or -1 when the line ends first."""
    end = _line_end(text, i)
    while True:
        close = text.find(quote, i, end)
        if close < 0:
            return -1
        if not (quote == '"' and _escaped(text, close)):
            return close + 1
        i = close + 1


def _escaped(text: str, index: int) -> bool:
    backslashes = 0
    while index - 1 - backslashes >= 0 and text[index - 1 - backslashes] == "\\":
        backslashes += 1
    return backslashes % 2 == 1


_HEADER_AT = re.compile(rf"[ \t]*\[\[?[ \t]*({_KEY})")
# An id written in TOML text, however broken the text around it (``id = "m1-o1"``, ``{id = 'a'``).
ID_IN_TEXT = re.compile(r"""(?<![\w-])id[ \t]*[=:][^\n"'A-Za-z0-9#,}]*["']*([A-Za-z0-9][A-Za-z0-9_-]*)""")


def line_keys(line: str) -> set[str]:
    """The key a line sets or the table it opens, last segment only (``a.b = 1`` -> ``b``), read
    leniently too, so a broken line still names its key (``ex"planation = ...`` -> ``explanation``)."""
    keys: set[str] = set()
    match = _KEY_AT.match(line) or _HEADER_AT.match(line)
    if match:
        keys.add(key_parts(match[1])[-1])
    before_value = re.split(r"[\"']", line, maxsplit=1)[0]
    heads = [line.split("=", 1)[0], before_value.rsplit("=", 1)[0]] if "=" in line else [line]
    first = re.match(r"[ \t]*([A-Za-z0-9_-]+)", line)
    heads += [first[1]] if first else []
    for head in heads:
        loose = re.sub(r"[^A-Za-z0-9_.-]", "", head).split(".")[-1]
        if loose:
            keys.add(loose)
    if line.lstrip().startswith("["):
        keys.add(loose_name(line).split(".")[-1])
    return keys - {""}


def ids_in(text: str, quoted: bool = False) -> set[str]:
    """Every id written in TOML ``text``, however broken (``id = "jo"nes"``, ``id = "ago`` / ``nist"``);
    with ``quoted``, every quoted word that could be an id too (for lines too broken to tell)."""
    unquoted = re.sub(r"[\"'\\]", "", text)
    variants = (text, unquoted, unquoted.replace("\n", ""), re.sub(r"[^\w\s=\"'-]", "", text))
    found = {match[1] for variant in variants for match in ID_IN_TEXT.finditer(variant)}
    if quoted:
        found |= set(re.findall(r"[\"']([a-z0-9][a-z0-9_-]*)[\"']", text))
    return found


def loose_name(line: str) -> str:
    """The dotted name a broken ``[table]`` header line means (``[[que,stion]]`` -> ``question``)."""
    return re.sub(r"[^A-Za-z0-9_.-]", "", line.split("#", 1)[0])


def looks_like_header(line: str) -> bool:
    """Whether a line that is not a statement was meant as a ``[table]`` header."""
    code = re.sub(r"^[^\[\w\"']*", "", line.split("#", 1)[0].strip())
    return code.startswith("[") and code.endswith("]") and "=" not in code

"""How deeply a TOML text nests, found by one linear pass before any parser sees it.

``tomllib`` parses arrays and inline tables recursively, and so do the walks over the parsed data, so
a kilobyte of ``[[[[...`` ends in a ``RecursionError``. :func:`too_deep` scans the text once (strings
and comments skipped, as TOML reads them) and counts the levels a value sits at: the segments of its
``[table]`` header, of its dotted key, and the open ``[`` and ``{`` around it. A text deeper than
:data:`MAX_NESTING` is refused with a finding at the place it goes too deep; it is never parsed.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from course.loading.findings import Finding
from course.loading.toml_statements import key_parts

MAX_NESTING = 32
# What can change the depth: a multi-line string's opening quotes (skipped to their end), a one-line
# string (to its closing quote, or the end of its line when unterminated) and a comment, which count
# for nothing, and the characters of the structure.
_TOKEN = re.compile(r'"""|\'\'\'|"(?:[^"\\\n]|\\.)*"?|\'[^\'\n]*\'?|#[^\n]*|[\n\[\]{},.=]')


def too_deep(path: Path, text: str, limit: int = MAX_NESTING) -> Finding | None:
    """An E005 finding where ``text`` first nests deeper than ``limit`` levels, or ``None``."""
    at = _first_too_deep(text, limit)
    if at is None:
        return None
    line = text.count("\n", 0, at) + 1
    col = at - (text.rfind("\n", 0, at) + 1) + 1
    message = f"values are nested more than {limit} levels deep (tables, lists and dotted keys); the file is not read"
    return Finding(path, line, col, "error", "E005", message)


def _first_too_deep(text: str, limit: int) -> int | None:
    """The offset where nesting first exceeds ``limit``, or ``None``."""
    n, size = 0, len(text)
    stack: list[tuple[str, int]] = []  # each open '[' or '{' with the key segments counted when it opened
    lists = 0  # how many of them are lists (an inline table's levels are its keys)
    base = 0  # segments of the current [table] header
    segments = 0  # segments of the keys that lead to the cursor within this statement
    in_key, in_header = True, False
    arrays: set[tuple[str, ...]] = set()  # the arrays of tables declared so far ([[a.b]])
    header_start, array = 0, False
    while n < size:
        found = _TOKEN.search(text, n)
        if found is None:
            return None
        n, token = found.start(), found[0]
        if token in ('"""', "'''"):
            n = _skip_multiline(text, n)
            continue
        ch = token[0]
        if ch in "\"'#":  # a one-line string or a comment: nothing in it counts
            n = found.end()
            continue
        if in_header:
            if ch == ".":
                base += 1  # a bound for now: the header's depth is known at its ']'
            elif ch == "]":
                in_header, in_key = False, False
                base = _header_depth(text[header_start:n], array, arrays)
                n += 1 if array else 0
        elif ch == "\n" and not stack:
            in_key, segments = True, 0
        elif ch == "[" and in_key and not stack:
            array = text.startswith("[[", n)
            in_header, base = True, 1 + array
            n += array
            header_start = n + 1
        elif ch in "[{" and not in_key:
            stack.append((ch, segments))
            lists += ch == "["
            in_key = ch == "{"
        elif ch in "]}" and stack:
            opened, segments = stack.pop()
            lists -= opened == "["
            in_key = False
        elif ch == "," and stack and stack[-1][0] == "{":
            segments, in_key = stack[-1][1], True
        elif in_key and ch in ".=":
            segments += 1
            in_key = ch == "."
        if base + segments + lists > limit:
            return n
        n += 1
    return None


def _header_depth(key: str, array: bool, arrays: set[tuple[str, ...]]) -> int:
    """The levels a ``[key]`` (``[[key]]`` when ``array``) header opens: one per segment, and one more
    for each segment that names an array of tables (its last element is the table meant)."""
    parts = tuple(key_parts(key))
    if array:
        arrays.add(parts)
    return len(parts) + sum(parts[:n] in arrays for n in range(1, len(parts) + 1))


def _skip_multiline(text: str, n: int) -> int:
    """The offset just past the multi-line string opening at ``n`` (the end of the text, if never closed)."""
    quote = text[n] * 3
    end = n + 3
    while True:
        end = text.find(quote, end)
        if end < 0:
            return len(text)
        if quote[0] == '"' and _escaped(text, end):
            end += 1
            continue
        while text.startswith(quote[0], end + 3):
            end += 1
        return end + 3


def _escaped(text: str, index: int) -> bool:
    count = 0
    while index - 1 - count >= 0 and text[index - 1 - count] == "\\":
        count += 1
    return count % 2 == 1


def data_depth(data: Any) -> int:
    """How many levels of tables and lists ``data`` has (computed without recursion)."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(data, 0)]
    while stack:
        node, depth = stack.pop()
        values = node.values() if isinstance(node, dict) else node
        if values and depth + 1 > deepest:  # its values are one level down (only tables and lists are pushed)
            deepest = depth + 1
        elif depth > deepest:
            deepest = depth
        stack.extend((value, depth + 1) for value in values if isinstance(value, (dict, list)))
    return deepest

"""TOML syntax errors in plain words, at the place to look, and every one of them in one run.

``tomllib`` stops at the first error. Here the statement holding it is blanked (its lines kept, empty,
so every other line and column stays where it was) and the text is parsed again, so later syntax
errors are found too and what parsed can still be validated and cross-checked. The keys and ids the
blanked statements held are remembered: their absence is a consequence, not another problem.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from course.loading.findings import Finding
from course.loading.toml_statements import (
    Statement,
    Text,
    ids_in,
    key_parts,
    line_keys,
    looks_like_header,
    loose_name,
    statements,
)

MAX_ROUNDS = 20
LARGE = 100_000  # characters: beyond this, recovery tries one way only and fewer times
SCAN_BUDGET = 1_000_000  # characters the rounds of a large file's recovery may rescan in all


def rounds_for(size: int) -> int:
    """How many syntax errors of a text of ``size`` characters are explained: :data:`MAX_ROUNDS`; in a
    large text a quarter of that, and fewer still when each round's rescan of the whole text would go
    over :data:`SCAN_BUDGET` (down to 1 beyond 500,000 characters), so a huge broken file answers at once."""
    if size <= LARGE:
        return MAX_ROUNDS
    return max(1, min(MAX_ROUNDS // 4, SCAN_BUDGET // size))


SYNTAX_AT = re.compile(r"\(at line (\d+), column (\d+)\)")
SYNTAX_AT_END = re.compile(r"\(at end of document\)")

# tomllib's reasons, in our words.
REASONS = {
    "Invalid value": "invalid value",
    "Unclosed array": "unclosed list",
    "Unclosed inline table": "unclosed inline table",
    "Unterminated string": "unterminated string",
    "Unescaped '\\' in a string": "unescaped '\\' in a string: write '\\\\', or use a literal string in single quotes",
    "Invalid hex value": "invalid \\u or \\U escape in a string",
    "Escaped character is not a Unicode scalar value": "invalid \\u or \\U escape in a string",
    "Expected '=' after a key in a key/value pair": "expected '=' after the key",
    "Invalid initial character for a key part": "a key is a word of letters, digits, '-' and '_', or text in quotes",
    "Invalid statement": "invalid statement: expected key = value or a [table] header",
    "Expected ']' at the end of a table declaration": "expected ']' to close the [table] header",
    "Expected ']]' at the end of an array declaration": "expected ']]' to close the [[table]] header",
    "Invalid date or datetime": "invalid date or time",
    "Illegal character '\\n'": "unexpected end of line",
}


@dataclass
class Recovery:
    """What could be read of a file with syntax errors: ``data`` once the broken statements were
    blanked (``None`` when it never parsed), the ``text`` that parsed, a finding per error, and the
    keys and ids the blanked statements held."""

    data: dict[str, Any] | None
    text: str
    findings: list[Finding]
    dropped_keys: set[str] = field(default_factory=set)
    dropped_ids: set[str] = field(default_factory=set)
    dropped_lines: set[int] = field(default_factory=set)


def parse(path: Path, text: str) -> tuple[dict[str, Any] | None, Recovery | None]:
    """The parsed document, or ``None`` and what :func:`recover` made of it."""
    try:
        return tomllib.loads(text), None
    except tomllib.TOMLDecodeError as error:
        return None, recover(path, text, error)


def recover(path: Path, text: str, error: Exception) -> Recovery:
    """Explain ``error``, blank its statement and parse again, until the text parses (or gives up).

    Which lines to blank is tried a few ways (the statement; with the next line, for a line broken
    in two; through the next triple quote, for a string opened by mistake): the one that lets the
    parser read furthest wins, so one mistake gives one finding rather than a trail of them.
    """
    recovery = Recovery(None, text, [])
    done: set[tuple[int, int]] = set()
    large = len(text) > LARGE
    for _ in range(rounds_for(len(text))):
        found = statements(recovery.text)
        finding, base = explain(path, error, recovery.text, found)
        if base in done:
            break
        done.add(base)
        recovery.findings.append(finding)
        lines = recovery.text.split("\n")
        spans = [base] if large else _candidates(base, lines, found)
        # The parser reaching furthest wins; on a tie, the first in the order of preference.
        tries = [_attempt(path, lines, span) + (-order,) for order, span in enumerate(spans)]
        _, span, attempt, outcome, _ = max(tries, key=lambda t: (t[0], t[4]))
        region = lines[span[0] - 1 : span[1]]
        recovery.dropped_keys |= {key for line in region + ["".join(region[:2])] for key in line_keys(line)}
        recovery.dropped_ids |= ids_in("\n".join(region), quoted=True)
        recovery.dropped_lines |= set(range(span[0], span[1] + 1))
        recovery.text = attempt
        if isinstance(outcome, dict):
            recovery.data = outcome
            return recovery
        error = outcome
    recovery.dropped_ids |= ids_in(text)
    return recovery


def _candidates(base: tuple[int, int], lines: list[str], found: list[Statement]) -> list[tuple[int, int]]:
    """Spans of lines to blank for an error in the statement at ``base``, the likeliest first."""
    spans = [base]
    if base[0] == base[1] < len(lines) and not any(looks_like_header(lines[n]) for n in (base[0] - 1, base[0])):
        last = lines[base[1] - 1].split("#", 1)[0].rstrip()
        text = "\n".join(lines)
        doc = Text(text)
        after = next((s for s in found if doc.line_of(s.start) > base[1]), None)
        end = doc.line_of(after.end) if after is not None else base[1] + 1
        # A bare key, or an '=' with no value: the statement goes on on the next line.
        spans.insert(0 if re.fullmatch(r"\s*[\w.\"'-]+", last) or last.endswith("=") else 1, (base[0], max(end, base[1] + 1)))
    for quote in ('"""', "'''"):  # a string's opening or closing quotes broken: its text goes too
        closes = [n for n in range(base[1] + 1, len(lines) + 1) if quote in lines[n - 1]][:2]
        spans += [(base[0], close) for close in closes]
    return list(dict.fromkeys(spans))


def _attempt(path: Path, lines: list[str], span: tuple[int, int]) -> tuple[int, tuple[int, int], str, Any]:
    """Blank ``span`` and parse: how far the parser got (the next finding's line), the span, the
    text, and the data or the next error."""
    text = "\n".join(lines[: span[0] - 1] + [""] * (span[1] - span[0] + 1) + lines[span[1] :])
    try:
        return len(lines) + 1, span, text, tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        # Something left open to the end of the file is the worst outcome, whatever line it is on.
        match = SYNTAX_AT.search(str(error))
        return int(match[1]) if match else 0, span, text, error


def explain(path: Path, error: Exception, text: str, found: list[Statement] | None = None) -> tuple[Finding, tuple[int, int]]:
    """A finding for a ``TOMLDecodeError`` at the place to look, and the lines of its statement
    (``found``: the statements of ``text``, when they are known already)."""
    doc = Text(text)
    message = str(error)
    match = SYNTAX_AT.search(message)
    offset = doc.offset(int(match[1]), int(match[2])) if match else len(text)
    reason = SYNTAX_AT_END.sub("", SYNTAX_AT.sub("", message)).strip()
    found = statements(text) if found is None else found
    last_line = doc.line_of(len(text))
    cause = next((s for s in found if s.unclosed and s.start <= offset), None)
    if cause is not None and cause.unclosed is not None:
        opener, at = cause.unclosed
        end_line = last_line if len(opener) == 3 else doc.line_of(cause.end)
        return _finding(path, doc, at, _unclosed(opener)), (doc.line_of(cause.start), end_line)
    statement = next((s for s in reversed(found) if s.start <= offset), found[0] if found else None)
    if statement is None:
        line = doc.line_of(offset)
        return _finding(path, doc, offset, _reason(reason, None, found)), (line, line)
    span = (doc.line_of(statement.start), doc.line_of(statement.end))
    if statement.header or looks_like_header(text[statement.start : statement.end]):
        # A broken header takes its whole table along, sub-tables ([[question.choices]]) included.
        name = loose_name(text[statement.start : statement.end]).strip(".")
        following = next(
            (s for s in found if s.header and s.start > statement.start and not loose_name(s.key).startswith(name + ".")),
            None,
        )
        span = (span[0], doc.line_of(following.start) - 1 if following else last_line)
    at = statement.start if reason.startswith("Cannot") else offset
    return _finding(path, doc, at, _reason(reason, (statement, doc), found)), span


def _finding(path: Path, doc: Text, offset: int, reason: str) -> Finding:
    line, col = doc.where(offset)
    return Finding(path, line, col, "error", "E001", f"TOML syntax error: {reason}")


def _unclosed(opener: str) -> str:
    if len(opener) == 3:
        return f"unterminated string: the {opener} opened here is never closed"
    if opener in "\"'":
        return f"unterminated string: a {opener}...{opener} string ends on its line (use {opener * 3} for text on several lines)"
    if opener == "[":
        return "unclosed list: the '[' opened here is never closed"
    return "unclosed inline table: the '{' opened here is never closed (an inline table ends on its line)"


def _reason(reason: str, at: tuple[Statement, Text] | None, found: list[Statement]) -> str:
    names = ".".join(re.findall(r"'([^']*)'", reason))
    if reason == "Cannot overwrite a value" and at is not None:
        return _overwrite(at[0], at[1], found)
    if reason.startswith("Cannot declare") and at is not None:
        first = next((s for s in found if s.header and s.key == at[0].key and s.start < at[0].start), None)
        where = f" (first on line {at[1].line_of(first.start)})" if first else ""
        return f"table [{at[0].key}] is declared twice{where}"
    if reason.startswith(("Cannot mutate immutable namespace", "Cannot redefine namespace")):
        return f"cannot add to '{names}': it was written whole (as {{...}} or [...]) and cannot be extended later"
    if reason.startswith("Duplicate inline table key"):
        return f"key '{names}' is given twice in this inline table"
    if reason in REASONS:
        return REASONS[reason]
    return reason[:1].lower() + reason[1:]


def _overwrite(statement: Statement, doc: Text, found: list[Statement]) -> str:
    """ "cannot overwrite a value", naming the key and the line that set it first."""
    table: list[str] = []
    full: dict[int, str] = {}
    for s in found:
        if s.header:
            table = key_parts(s.key)
            full[s.start] = ".".join(table)
        else:
            full[s.start] = ".".join(table + key_parts(s.key))
    name = full.get(statement.start, statement.key)
    if statement.header:
        earlier = [s for s in found if s.start < statement.start and not s.header]
    else:  # the same table: after the header the statement belongs to
        head = max((s.start for s in found if s.header and s.start < statement.start), default=-1)
        earlier = [s for s in found if head < s.start < statement.start and not s.header]
    first = next((s for s in earlier if full[s.start] == name or full[s.start].startswith(name + ".")), None)
    where = f" on line {doc.line_of(first.start)}" if first else ""
    return f"cannot overwrite a value: '{name}' is already set{where}"

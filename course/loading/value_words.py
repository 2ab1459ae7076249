"""What a validation error means, in words an author reads: no regular expressions, no library wording.

Findings name what the author wrote (``question 'm1-q4'``, ``choice 'b'``, ``'key_points' entry 2``)
and what is wrong with it, from pydantic's error ``type`` and ``ctx``, never from its message text.
"""

from __future__ import annotations

import datetime
import difflib
import re
from collections.abc import Mapping
from typing import Any

from course.domain.text_safety import strip_controls

ID_PATTERN = "^[a-z0-9][a-z0-9_-]*$"
ID_RULE = "use lowercase letters, digits, '-' and '_', starting with a letter or digit"
# The singular of an array of tables, for naming one of its entries.
SINGULAR = {"choices": "choice", "items": "item", "pairs": "pair"}
EXPECTED = {
    "string_type": "text in quotes",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "list_type": "a list in brackets",
    "tuple_type": "a list in brackets",
    "set_type": "a list in brackets",
    "dict_type": "a table",
    "model_type": "a table",
    "model_attributes_type": "a table",
}
# Hints for keys whose limits are easy to misread.
LIMIT_HINTS = {"pass_mark": " (a fraction of the points: 0.7 is 70%)"}


def value_at(data: Any, loc: tuple[Any, ...]) -> Any:
    """The value at ``loc`` in ``data`` (``None`` when the path leads nowhere)."""
    node = data
    for part in loc:
        in_table = isinstance(node, dict) and part in node
        in_list = isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        if not (in_table or in_list):
            return None
        node = node[part]
    return node


def show(value: Any, limit: int = 60) -> str:
    """A value as text for a message: control characters stripped, cut to ``limit`` characters."""
    text = " ".join(strip_controls(str(value)).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def element(data: Any, loc: tuple[Any, ...]) -> str:
    """How to name the entry at ``loc`` (ending in an index): by its id, else by its position."""
    parent = next((p for p in reversed(loc[:-1]) if not isinstance(p, int)), "")
    entry = value_at(data, loc)
    name = SINGULAR.get(str(parent), str(parent))
    if isinstance(entry, dict) and isinstance(entry.get("id"), str) and entry["id"]:
        return f"{show(name)} '{show(entry['id'])}'"
    if isinstance(entry, dict):
        return f"{show(name)} #{loc[-1] + 1}"
    return f"'{show(parent)}' entry {loc[-1] + 1}"


def label(data: Any, loc: tuple[Any, ...]) -> str:
    """The key or entry ``loc`` ends at: ``'title'``, ``question 'm1-q4'``, ``'key_points' entry 2``."""
    if not loc:
        return "the file"
    if isinstance(loc[-1], int):
        return element(data, loc)
    return f"'{show(loc[-1])}'"


def within(data: Any, loc: tuple[Any, ...]) -> str:
    """`` (in question 'm1-q1', choice 'b')`` for the table at ``loc``; ``""`` at the top of the file."""
    parts: list[str] = []
    for n, part in enumerate(loc):
        if isinstance(part, int):
            parts[-1:] = [element(data, loc[: n + 1])]
        else:
            parts.append(show(part))
    return " (in " + ", ".join(parts) + ")" if parts else ""


def describe(value: Any) -> str:
    """What kind of TOML value ``value`` is."""
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, int):
        return "a whole number"
    if isinstance(value, float):
        return "a decimal number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, (datetime.date, datetime.time)):
        return "a date or time"
    return "nothing"


def wrong_type(kind: str, value: Any) -> str:
    """``expected X, found Y`` (with a hint when quotes are the trouble)."""
    expected = EXPECTED.get(kind, "another kind of value")
    found = describe(value)
    hint = ": write it without quotes" if found == "text" and expected in ("a whole number", "a number", "true or false") else ""
    return f"expected {expected}, found {found}{hint}"


def invalid(kind: str, ctx: Mapping[str, Any], value: Any, key: Any, fallback: str) -> str:
    """Why a value of the right type is not allowed."""
    limit = LIMIT_HINTS.get(str(key), "")
    if kind == "string_too_short":
        least = ctx.get("min_length", 1)
        return "must not be empty" if least == 1 else f"must be at least {least} characters long"
    if kind == "string_too_long":
        length = len(value) if isinstance(value, str) else "too many"
        return f"is {length:,} characters long; at most {ctx.get('max_length', 0):,} are allowed"
    if kind == "string_pattern_mismatch":
        if ctx.get("pattern") == ID_PATTERN:
            return f"'{show(value, 40)}' is not a valid id ({ID_RULE})"
        if key == "url":
            return "a reference's url must be an https:// address without spaces, or empty"
        return f"'{show(value, 40)}' is not written the way this key needs"
    if kind in ("too_short", "too_long"):
        bound = ctx.get("min_length" if kind == "too_short" else "max_length", 0)
        has = ctx.get("actual_length")
        entries = "entry" if bound == 1 else "entries"
        told = f", has {has}" if has is not None else ""
        return f"needs at least {bound} {entries}{told}" if kind == "too_short" else f"may hold at most {bound} {entries}{told}"
    bounds = {"greater_than": ("gt", "greater than"), "greater_than_equal": ("ge", "at least")}
    bounds |= {"less_than": ("lt", "less than"), "less_than_equal": ("le", "at most")}
    if kind in bounds:
        name, words = bounds[kind]
        return f"must be {words} {_number(ctx.get(name))}{limit}"
    if kind == "literal_error":
        expected = str(ctx.get("expected", ""))
        options = re.findall(r"'([^']*)'", expected)
        hint = difflib.get_close_matches(str(value), options, n=1) if isinstance(value, str) else []
        return f"must be {expected}" + (f"; did you mean '{hint[0]}'?" if hint else "")
    if kind in ("finite_number", "float_finite_number"):
        return "must be a finite number"
    return fallback


def _number(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def answer_advice(data: Any, loc: tuple[Any, ...], value: Any) -> str | None:
    """For an ``answer``/``answers`` entry that is not an id: point at the choice id to use."""
    if not isinstance(value, str) or len(loc) < 3 or loc[0] != "question" or not isinstance(loc[1], int):
        return None
    if loc[2:] != ("answer",) and not (len(loc) == 4 and loc[2] == "answers" and isinstance(loc[3], int)):
        return None
    question = value_at(data, loc[:2])
    choices = question.get("choices") if isinstance(question, dict) else None
    if not isinstance(choices, list):
        return None
    ids = [c["id"] for c in choices if isinstance(c, dict) and isinstance(c.get("id"), str)]
    wanted = " ".join(value.casefold().split())
    for choice in choices:
        text = choice.get("text") if isinstance(choice, dict) else None
        if isinstance(text, str) and " ".join(text.casefold().split()) == wanted and isinstance(choice.get("id"), str):
            cid = show(choice["id"])
            return f"answer '{show(value)}' is the text of choice '{cid}'; answers name choice ids: use '{cid}'"
    known = ", ".join(show(i) for i in sorted(set(ids)))
    return f"answer '{show(value)}' is not a choice id (choices: {known}); answers name choice ids, not their text"

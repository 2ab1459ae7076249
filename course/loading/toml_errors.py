"""Turn TOML syntax errors and pydantic validation errors into located findings."""

from __future__ import annotations

import difflib
import types
import typing
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from course.domain.text_safety import strip_controls
from course.loading.findings import Finding
from course.loading.toml_positions import Positions
from course.loading.toml_syntax import explain
from course.loading.value_words import answer_advice, invalid, label, value_at, within, wrong_type

# pydantic error types that mean "the TOML value has the wrong type" beyond the ``*_type`` and
# ``*_parsing`` families (a string where a number is expected is a ``*_parsing`` error).
WRONG_TYPE = {"int_from_float"}


def syntax_finding(path: Path, error: Exception, text: str) -> Finding:
    """A finding for a ``TOMLDecodeError``, at the place to look (see :func:`course.loading.toml_syntax.explain`)."""
    return explain(path, error, text)[0]


def validation_findings(
    path: Path,
    error: ValidationError,
    data: Any,
    positions: Positions,
    model: type[BaseModel],
    *,
    dropped: Iterable[str] = (),
    dropped_lines: Iterable[int] = (),
) -> list[Finding]:
    """One finding per pydantic error, located through the data's key paths.

    ``dropped`` are keys that syntax recovery had to leave out (on ``dropped_lines``): their absence,
    a list short of the entries left out, or a rule of a table that lost a line, is not reported again.
    """
    vocabulary = sorted(field_names(model))
    dropped, lost = set(dropped), sorted(set(dropped_lines))
    findings = []
    for item in error.errors(include_input=False, include_url=False):
        loc = clean_loc(item["loc"], data)
        kind = item["type"]
        ctx: Mapping[str, Any] = item.get("ctx") or {}
        value = value_at(data, loc)
        where = positions.locate(loc)
        if kind == "too_short" and loc and loc[-1] in dropped:
            continue  # entries recovery had to leave out
        if kind == "value_error" and isinstance(value, dict) and lost and _lost_a_line(positions, loc, lost):
            continue
        if kind == "extra_forbidden":
            # Suggest only keys that are allowed where the unknown key stands (never the key itself).
            local = keys_at(model, loc[:-1], data)
            candidates = [k for k in (sorted(local) if local is not None else vocabulary) if k != _show(loc[-1])]
            hint = difflib.get_close_matches(_show(loc[-1]), candidates, n=1)
            suggestion = f"; did you mean '{hint[0]}'?" if hint else ""
            code, message = "E101", f"unknown key '{_label(loc)}'{suggestion}"
        elif kind == "missing":
            if loc[-1] in dropped:
                continue
            where = positions.locate(loc[:-1])
            code, message = "E102", f"missing required key '{_show(loc[-1])}'" + within(data, loc[:-1])
        elif kind == "union_tag_invalid":
            where = positions.locate(loc + ("type",))
            tag = _show(ctx.get("tag", ""))
            expected = ctx.get("expected_tags", "")
            hint = difflib.get_close_matches(tag, [t.strip(" '") for t in str(expected).split(",")], n=1)
            suggestion = f"; did you mean '{hint[0]}'?" if hint else ""
            code, message = "E105", f"unknown question type '{tag}' (expected one of {expected}){suggestion}"
        elif kind == "union_tag_not_found":
            if "type" in dropped:
                continue
            code, message = "E102", "missing required key 'type'" + within(data, loc)
        elif kind == "string_pattern_mismatch" and (advice := answer_advice(data, loc, value)) is not None:
            code, message = "E203", advice
        elif kind.endswith(("_type", "_parsing")) or kind in WRONG_TYPE:
            code, message = "E103", f"wrong type for {label(data, loc)}: {wrong_type(kind, value)}"
        else:
            reason = invalid(kind, ctx, value, loc[-1] if loc else None, _message(item))
            at = label(data, loc)
            prefix = f"invalid value in {at}" if isinstance(value, dict) else f"invalid value for {at}"
            code, message = "E104", f"{prefix}: {reason}"
        findings.append(Finding(path, where[0], where[1], "error", code, message))
    return findings


def _lost_a_line(positions: Positions, loc: tuple[Any, ...], lost: list[int]) -> bool:
    """Whether the table at ``loc`` (up to the next entry of its array) held one of the ``lost`` lines."""
    start = positions.locate(loc)[0]
    after = positions.keys.get(loc[:-1] + (loc[-1] + 1,)) if loc and isinstance(loc[-1], int) else None
    end = after[0] if after else max(lost) + 1
    return any(start <= line < end for line in lost)


def clean_loc(loc: Iterable[Any], data: Any) -> tuple[Any, ...]:
    """Drop union tags and function-validator labels from a pydantic ``loc`` by walking the data."""
    cleaned: list[Any] = []
    node = data
    for part in loc:
        if isinstance(node, dict):
            if part in node:
                cleaned.append(part)
                node = node[part]
            elif (isinstance(part, str) and node.get("type") == part) or (isinstance(part, str) and part.startswith("function-")):
                continue
            else:
                cleaned.append(part)
                node = None
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            cleaned.append(part)
            node = node[part]
        elif isinstance(part, str) and (
            part.startswith("function-") or (node is not None and part in ("str", "int", "float", "bool"))
        ):
            continue
        else:
            cleaned.append(part)
            node = None
    return tuple(cleaned)


def field_names(model: type[BaseModel]) -> set[str]:
    """Every key (alias or name) a model tree accepts, for "did you mean" hints."""
    names: set[str] = set()
    seen: set[type] = set()

    def walk(tp: Any) -> None:
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            if tp in seen:
                return
            seen.add(tp)
            for name, info in tp.model_fields.items():
                names.add(info.alias or name)
                walk(info.annotation)
        for arg in getattr(tp, "__args__", ()) or ():
            walk(arg)
        for meta in getattr(tp, "__metadata__", ()) or ():
            walk(meta)
        origin = getattr(tp, "__origin__", None)
        if origin is not None and origin is not tp:
            walk(origin)

    walk(model)
    return names


def keys_at(model: type[BaseModel], loc: tuple[Any, ...], data: Any) -> set[str] | None:
    """The keys the table at ``loc`` accepts (walking the model tree along the data), or ``None``."""
    tp: Any = model
    node = data
    for part in loc:
        tp = _concrete(tp, node)
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            info = next((i for n, i in tp.model_fields.items() if (i.alias or n) == part), None)
            if info is None:
                return None
            tp = info.annotation
        elif typing.get_origin(tp) in (list, tuple) and isinstance(part, int) and typing.get_args(tp):
            tp = typing.get_args(tp)[0]
        else:
            return None
        if isinstance(node, dict):
            node = node.get(part)
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
        else:
            node = None
    tp = _concrete(tp, node)
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return {info.alias or name for name, info in tp.model_fields.items()}
    return None


def _concrete(tp: Any, node: Any) -> Any:
    """``tp`` without ``Annotated`` and ``Optional``; for a tagged union, the member ``node``'s ``type`` picks."""
    while True:
        origin = typing.get_origin(tp)
        if origin is typing.Annotated:
            tp = typing.get_args(tp)[0]
            continue
        if origin in (typing.Union, types.UnionType):
            members = [a for a in typing.get_args(tp) if a is not type(None)]
            tag = node.get("type") if isinstance(node, dict) else None
            tagged = [m for m in members if _has_tag(m, tag)]
            if len(tagged) == 1:
                tp = tagged[0]
                continue
            if len(members) == 1:
                tp = members[0]
                continue
            return None
        return tp


def _has_tag(member: Any, tag: Any) -> bool:
    if tag is None or not (isinstance(member, type) and issubclass(member, BaseModel)):
        return False
    info = member.model_fields.get("type")
    return info is not None and tag in typing.get_args(info.annotation)


def _message(item: Mapping[str, Any]) -> str:
    msg = str(item["msg"])
    msg = msg.removeprefix("Value error, ")
    return strip_controls(msg[:1].lower() + msg[1:])


def _label(loc: tuple[Any, ...]) -> str:
    """How to name the last step of ``loc``: ``key``, or ``key #n`` for the n-th element of a list."""
    if not loc:
        return ""
    last = loc[-1]
    if isinstance(last, int):
        parent = next((p for p in reversed(loc[:-1]) if not isinstance(p, int)), None)
        return f"{_show(parent)} #{last + 1}" if parent is not None else f"#{last + 1}"
    return _show(last)


def _show(part: Any) -> str:
    return strip_controls(str(part))[:80]

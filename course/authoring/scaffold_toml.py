"""TOML text for new course files, with a comment above each key: what it is, and whether it is
required or what its default is. The words come from the models (``course.authoring.schema.field_doc``)
so they say what ``course validate`` checks."""

from __future__ import annotations

import textwrap
import typing
from typing import Any

import tomli_w
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from course.authoring.schema import field_doc

WIDTH = 100


def toml_value(value: Any) -> str:
    """One TOML value as written after ``key = ``: strings with newlines as ``\"\"\"`` blocks, a short
    list on one line, a list of tables as one inline table a line."""
    if isinstance(value, list):
        parts = [toml_value(v) for v in value]
        one_line = "[" + ", ".join(parts) + "]"
        if all(not isinstance(v, (dict, list)) for v in value) and len(one_line) <= WIDTH - 20:
            return one_line
        return "[\n" + "".join(f"    {part},\n" for part in parts) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{key} = {toml_value(v)}" for key, v in value.items()) + " }"
    return tomli_w.dumps({"v": value}, multiline_strings=True)[len("v = ") :].rstrip("\n")


def requirement(field: FieldInfo) -> str:
    """Whether the key must be written ("Required.") or what it is when left out ("Optional; default 30.")."""
    if field.is_required():
        return "Required."
    default = field.get_default(call_default_factory=True)
    if default is None:
        return "Optional."
    if default in ("", []):
        return "Optional; empty when left out."
    return f"Optional; default {toml_value(default)}."


def short_requirement(field: FieldInfo) -> str:
    """The same in a few words: "required", "optional" or "default 1.0"."""
    text = requirement(field)
    if text.startswith("Optional; default "):
        return text.removeprefix("Optional; ").rstrip(".")
    return "optional" if text.startswith("Optional") else "required"


def _owner(model: type[BaseModel], name: str) -> type[BaseModel]:
    """The class of ``model``'s hierarchy that declares field ``name`` (so shared keys are explained once)."""
    bases = [c for c in reversed(model.__mro__) if isinstance(c, type) and issubclass(c, BaseModel)]
    return next(c for c in bases if name in c.model_fields)


def _entry_model(field: FieldInfo) -> type[BaseModel] | None:
    """The model of the entries of a list-of-tables field (``items: list[Item]`` gives ``Item``)."""
    for arg in typing.get_args(field.annotation):
        if isinstance(arg, type) and issubclass(arg, BaseModel):
            return arg
    return None


def _example(field: FieldInfo) -> Any:
    """A value to show, commented out, for an optional key that is left out ("" for none)."""
    default = field.get_default(call_default_factory=True)
    if default is not None:
        return default
    args = typing.get_args(field.annotation)
    return True if bool in args else 0.0 if float in args else ""


class TomlDocument:
    """A TOML file being written: comments, tables and keys. Each key of each model is explained the
    first time the document writes it (or lists it as a commented-out optional key)."""

    def __init__(self, *heading: str, explained: set[tuple[type[BaseModel], str]] | None = None) -> None:
        self.lines: list[str] = []
        self._explained = set(explained or ())
        self._said: set[tuple[str, str]] = set()  # (key, comment) already written: not repeated for another model
        for paragraph in heading:
            self.comment(paragraph)

    def comment(self, text: str) -> None:
        """A comment, wrapped to the page width."""
        self.lines.extend("# " + line for line in textwrap.wrap(text, WIDTH - 2, break_on_hyphens=False))

    def blank(self) -> None:
        """An empty line (never two in a row, never at the top)."""
        if self.lines and self.lines[-1] != "":
            self.lines.append("")

    def _explain(self, model: type[BaseModel], name: str, entries: bool = True) -> bool:
        key = (_owner(model, name), name)
        if key in self._explained:
            return False
        self._explained.add(key)
        field = model.model_fields[name]
        text = f"{field_doc(model, name)} {requirement(field)}"
        if (name, text) not in self._said:
            self._said.add((name, text))
            self.comment(text)
        entry = _entry_model(field)
        if entries and entry is not None and (entry, "*") not in self._explained:
            self._describe_entries(entry)
        return True

    def _describe_entries(self, entry: type[BaseModel]) -> None:
        """One comment listing the keys of a list's entries (written inline, or as tables below)."""
        self._explained.add((entry, "*"))
        parts = [
            f"{f.alias or n} ({short_requirement(f)}): {field_doc(entry, n).rstrip('.')}" for n, f in entry.model_fields.items()
        ]
        self.comment("Keys of each entry: " + "; ".join(parts) + ".")

    def table(self, header: str, parent: type[BaseModel], name: str, *, array: bool = False) -> None:
        """A ``[header]`` (or ``[[header]]``) line for field ``name`` of ``parent``, explained once."""
        self.blank()
        self._explain(parent, name, entries=False)
        self.lines.append(f"[[{header}]]" if array else f"[{header}]")

    def keys(self, model: type[BaseModel], values: dict[str, Any]) -> None:
        """``values`` (TOML key -> value) as keys of ``model``; then the optional keys of ``model`` left
        out, commented out; each explained once. A key ``model`` lacks is a bug: ``KeyError``."""
        names = {field.alias or name: name for name, field in model.model_fields.items()}
        for key, value in values.items():
            self._explain(model, names[key])
            self.lines.append(f"{key} = {toml_value(value)}")
        for key, name in names.items():
            field = model.model_fields[name]
            if key in values or field.is_required() or _entry_model(field) is not None:
                continue
            if self._explain(model, name):
                self.lines.append(f"# {key} = {toml_value(_example(field))}")

    def text(self) -> str:
        """The document, ending with one newline."""
        while self.lines and self.lines[-1] == "":
            self.lines.pop()
        return "\n".join(self.lines) + "\n"

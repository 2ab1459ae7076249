"""The ids a course declares, read from what each file holds, valid or not.

A file that fails validation still declares its ids: a reference with a bad url is still a reference,
a module with a misspelt key still has its objectives. So nothing that names them fails because of
it. Ids a syntax error hid are read from the broken text; a file that is not text at all makes its
kinds *unknowable*, and nothing is reported as unknown in them.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from course.domain.models import GlossaryFile, ModuleFile, ReferencesFile
from course.loading.loaded import Loaded
from course.loading.toml_statements import ids_in
from lessons.model import Lesson
from quizzes.quiz import Quiz

Key = tuple[Any, ...]

# For each kind of file: the kinds of id it declares, each as (kind, array key or None for the file's own id).
DECLARES: dict[type[BaseModel], tuple[tuple[str, str | None], ...]] = {
    ModuleFile: (("module", None), ("objective", "objective")),
    Lesson: (("lesson", None),),
    Quiz: (("quiz", None), ("question", "question")),
    GlossaryFile: (("glossary term", "term"),),
    ReferencesFile: (("reference", "reference"),),
}
SIMILAR = 0.75  # how alike a misspelt id must be to a known one to be suggested


def tables(data: Any, key: str) -> Iterator[tuple[int, dict[str, Any]]]:
    """The entries of the array of tables ``key`` in ``data`` that are tables, with their index."""
    entries = data.get(key) if isinstance(data, dict) else None
    if isinstance(entries, list):
        for n, entry in enumerate(entries):
            if isinstance(entry, dict):
                yield n, entry


def strings(data: Any, key: str) -> Iterator[tuple[int, str]]:
    """The text entries of the list ``key`` in ``data``, with their index."""
    entries = data.get(key) if isinstance(data, dict) else None
    if isinstance(entries, list):
        for n, entry in enumerate(entries):
            if isinstance(entry, str):
                yield n, entry


@dataclass
class Declared:
    """Every id by kind: where each is written (in load order), the ids known, the kinds unknowable."""

    places: dict[str, list[tuple[str, Path, Key]]] = field(default_factory=dict)
    known: dict[str, set[str]] = field(default_factory=dict)
    unknowable: set[str] = field(default_factory=set)

    def add(self, kind: str, ident: str, path: Path, key: Key) -> None:
        self.places.setdefault(kind, []).append((ident, path, key))
        self.known.setdefault(kind, set()).add(ident)

    def unknown(self, kind: str, ident: str) -> bool:
        """Whether ``ident`` is surely not an id of ``kind``."""
        return kind not in self.unknowable and ident not in self.known.get(kind, set())

    def hint(self, kind: str, ident: str, prefix: str = "") -> str:
        """``; did you mean 'x'?`` for a misspelt id of ``kind``, or ``""``."""
        close = difflib.get_close_matches(ident, sorted(self.known.get(kind, set())), n=1, cutoff=SIMILAR)
        return f"; did you mean '{prefix}{close[0]}'?" if close else ""


def declared(loaded: Loaded) -> Declared:
    """The ids every file of ``loaded`` declares."""
    ids = Declared()
    for path, model in loaded.kinds.items():
        file = loaded.files[path]
        content = file.content
        kinds = DECLARES.get(model, ())
        for kind, array in kinds:
            if array is None:
                ident = content.get("id") if isinstance(content, dict) else None
                if isinstance(ident, str):
                    ids.add(kind, ident, path, ("id",))
            else:
                for n, entry in tables(content, array):
                    if isinstance(entry.get("id"), str):
                        ids.add(kind, entry["id"], path, (array, n, "id"))
                # A misspelt [[table]] name ([[trem]]) still declares what its entries are.
                for name in difflib.get_close_matches(array, [k for k in content or {} if k != array], cutoff=SIMILAR):
                    ids.known.setdefault(kind, set()).update(
                        entry["id"] for _, entry in tables(content, name) if isinstance(entry.get("id"), str)
                    )
        salvaged = set(file.dropped_ids)
        if content is None and file.text:
            salvaged |= ids_in(file.text)
        for kind, _ in kinds:
            ids.known.setdefault(kind, set()).update(salvaged)
            if content is None and not file.text:
                ids.unknowable.add(kind)
    return ids

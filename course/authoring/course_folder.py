"""A course folder as the authoring commands read it: its course, module folders and lesson files, the
ids it already uses by kind, and new ids made from titles.

Files are read leniently (an unreadable one adds nothing), so a course with mistakes elsewhere does not
stop an author from adding to it; ``course validate`` is what reports those mistakes.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from course.loading.loader import find_course_root
from course.loading.toml_file import MAX_FILE_BYTES

SPECIAL = ("module.toml", "quiz.toml")
ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9_-]*")  # as quizzes.questions.Id
ID_MAX, SLUG_MAX = 80, 60


class AuthoringError(Exception):
    """A request an authoring command refuses; the message says why and what to do instead."""


@dataclass
class CourseIds:
    """Every id the course's files use, by kind (read leniently: unreadable files add none)."""

    modules: set[str] = field(default_factory=set)
    objectives: set[str] = field(default_factory=set)
    lessons: set[str] = field(default_factory=set)
    quizzes: set[str] = field(default_factory=set)
    questions: set[str] = field(default_factory=set)
    terms: set[str] = field(default_factory=set)
    references: set[str] = field(default_factory=set)

    def add_module(self, folder: Path) -> None:
        """Add the ids of the module folder ``folder``: its own, its objectives', lessons', quiz's and questions'."""
        module = table_of(folder / "module.toml")
        self.modules |= _id(module)
        self.objectives |= set(id_list(module, "objective"))
        quiz = table_of(folder / "quiz.toml")
        self.quizzes |= _id(quiz)
        self.questions |= set(id_list(quiz, "question"))
        for lesson in lesson_files(folder):
            self.lessons |= _id(table_of(lesson))


def scan_ids(root: Path) -> CourseIds:
    """The ids used by the course at ``root``."""
    ids = CourseIds(terms=set(id_list(table_of(root / "glossary.toml"), "term")))
    ids.references = set(id_list(table_of(root / "references.toml"), "reference"))
    for folder in module_folders(root):
        ids.add_module(folder)
    return ids


def read_table(path: Path) -> dict[str, Any] | None:
    """The TOML table of a course file (of a Markdown lesson, its front matter); ``None`` when the file
    is missing, larger than a course file may be, not UTF-8 or not valid TOML."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            return None
        text = path.read_text(encoding="utf-8-sig")
        table: dict[str, Any] = tomllib.loads(_front_matter(text) if path.suffix == ".md" else text)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None
    return table


def table_of(path: Path) -> dict[str, Any]:
    """:func:`read_table`, with ``{}`` for a file that cannot be read."""
    return read_table(path) or {}


def quiz_to_extend(path: Path) -> str:
    """The text of the quiz.toml at ``path`` exactly as it is (byte order mark and line endings kept), to
    add questions after; :class:`AuthoringError` when it cannot be read as TOML."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise AuthoringError(f"{path} is larger than a course file may be; split it first")
        text = path.read_bytes().decode("utf-8")
        tomllib.loads(text.removeprefix("\ufeff"))
    except OSError as failure:
        raise AuthoringError(f"cannot read {path}: {failure.strerror or failure}") from None
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as bad:
        raise AuthoringError(
            f"{path} is not valid TOML ({bad}), so nothing can be added to it: fix it first (see `course validate`)"
        ) from None
    return text


def question_count(text: str) -> int | None:
    """How many ``[[question]]`` tables a quiz's text holds; ``None`` when it is not valid TOML or holds
    its questions in another form."""
    try:
        questions = tomllib.loads(text.removeprefix("\ufeff")).get("question", [])
    except tomllib.TOMLDecodeError:
        return None
    return len(questions) if isinstance(questions, list) else None


def appended(text: str, block: str) -> str:
    """What to write after a file's ``text`` so that ``block`` follows it after a blank line (at once in an
    empty file), in the file's line endings."""
    addition = ("" if text.endswith("\n") else "\n") + "\n" + block if text.strip("\ufeff") else block
    return addition.replace("\n", "\r\n") if "\r\n" in text else addition


def _front_matter(text: str) -> str:
    """The TOML between the ``+++`` lines that open a Markdown lesson ("" if there are none)."""
    lines = text.splitlines()
    if not lines or lines[0].strip() != "+++":
        return ""
    end = next((n for n, line in enumerate(lines[1:], start=1) if line.strip() == "+++"), None)
    return "\n".join(lines[1:end]) if end else ""


def id_list(table: dict[str, Any], key: str) -> list[str]:
    """The ids of the tables in the array ``key`` of ``table``, in order."""
    entries = table.get(key)
    if not isinstance(entries, list):
        return []
    return [e["id"] for e in entries if isinstance(e, dict) and isinstance(e.get("id"), str)]


def _id(table: dict[str, Any]) -> set[str]:
    return {table["id"]} if isinstance(table.get("id"), str) else set()


def module_id(folder: Path) -> str:
    """The id in a module folder's module.toml ("" when it has none)."""
    value = table_of(folder / "module.toml").get("id")
    return value if isinstance(value, str) else ""


def module_folders(root: Path) -> list[Path]:
    """The module folders of the course at ``root``, in course order."""
    modules = root / "modules"
    return sorted(p for p in modules.iterdir() if p.is_dir() and not p.name.startswith(".")) if modules.is_dir() else []


def lesson_files(folder: Path) -> list[Path]:
    """The lesson files of a module folder (TOML, and Markdown with front matter), in order."""
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix in (".toml", ".md") and p.name not in SPECIAL)


def find_course(course: Path | None, module: str | None = None) -> Path:
    """The course to work on: ``course`` (``--course DIR``) if given, else the one the module path
    ``module`` is in, else the one the working folder is in; :class:`AuthoringError` when there is none."""
    if course is not None:
        root = find_course_root(course) if course.exists() else None
        if root is None:
            raise AuthoringError(f"{course} is not a course folder (no course.toml in it or above it)")
        return root
    root = find_course_root(Path(module)) if module is not None and Path(module).exists() else None
    root = root or find_course_root(Path.cwd())
    if root is None:
        raise AuthoringError(
            "not inside a course folder (no course.toml here or above); run this inside one, or give --course DIR"
        )
    return root


def resolve_module(root: Path, given: str) -> Path:
    """The module folder ``given`` names: a path, a folder name in ``modules/``, or a module id."""
    modules = (root / "modules").resolve()
    candidates = [Path(given), modules / given]
    candidates += [f for f in module_folders(root) if given and module_id(f) == given]
    for candidate in candidates:
        folder = candidate.resolve()
        if folder.is_dir() and folder.parent == modules:
            if not (folder / "module.toml").is_file():
                raise AuthoringError(f"{folder} has no module.toml; add one with `course new module TITLE`")
            return folder
    names = ", ".join(f.name for f in module_folders(root)) or "none yet"
    raise AuthoringError(f"no module folder '{given}' in {modules} (its modules: {names})")


def is_id(text: str) -> bool:
    """Whether ``text`` is a valid id: lowercase letters, digits, ``-`` and ``_``, at most 80 characters."""
    return len(text) <= ID_MAX and ID_PATTERN.fullmatch(text) is not None


def slugify(text: str, fallback: str = "") -> str:
    """An id made from ``text``: lowercase ASCII letters, digits and ``_`` joined by ``-``, at most 60
    characters (``fallback`` when nothing is left)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    slug = re.sub(r"[^a-z0-9_]+", "-", ascii_text).strip("-_")
    return slug[:SLUG_MAX].rstrip("-_") or fallback


def id_from_title(title: str, fallback: str = "") -> str:
    """A title that is already a valid id stays as it is (``course export-gift`` writes ids as titles);
    any other is slugified."""
    return title if is_id(title) else slugify(title, fallback)


def unique_id(base: str, taken: set[str]) -> str:
    """``base``, or ``base-2``, ``base-3`` … (shortened to stay a valid id): the first not in ``taken``,
    which it joins."""
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        suffix = f"-{number}"
        candidate = base[: ID_MAX - len(suffix)].rstrip("-_") + suffix
    taken.add(candidate)
    return candidate

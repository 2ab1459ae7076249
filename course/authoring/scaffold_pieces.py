"""``course new module|lesson|quiz|question``: add one piece to an existing course.

Each piece goes where the loader looks for it, with the next numeric prefix (``03-`` after ``02-``)
and an id made from its title, unique among the course's ids of that kind. Files are only ever
created, or (a question) appended to; the TOML that is read to find ids is parsed leniently, so a
file with mistakes elsewhere in the course does not stop an author from adding a piece.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from course.authoring import scaffold_content as content
from course.authoring.scaffold import Change, ScaffoldError, check_title, create_file, slugify, unique
from course.loading.toml_file import MAX_FILE_BYTES

SPECIAL = ("module.toml", "quiz.toml")
QUESTION_TYPES = tuple(content.QUESTION_MODELS)
_PREFIX = re.compile(r"^(\d+)-")
_NUMBERED = re.compile(r"^(.*?)(\d+)$")


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


def _read(path: Path) -> dict[str, Any]:
    """The TOML table of ``path`` ({} when it is missing, too large for a course file, or not valid TOML)."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            return {}
        text = path.read_text(encoding="utf-8-sig")
        if path.suffix == ".md":
            text = _front_matter(text)
        table: dict[str, Any] = tomllib.loads(text)
        return table
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return {}


def _front_matter(text: str) -> str:
    """The TOML between the ``+++`` lines that open a Markdown lesson ("" if there are none)."""
    lines = text.splitlines()
    if not lines or lines[0].strip() != "+++":
        return ""
    end = next((n for n, line in enumerate(lines[1:], start=1) if line.strip() == "+++"), None)
    return "\n".join(lines[1:end]) if end else ""


def _id_list(table: dict[str, Any], key: str) -> list[str]:
    """The ids of the tables in the array ``key`` of ``table``, in order."""
    entries = table.get(key)
    if not isinstance(entries, list):
        return []
    return [e["id"] for e in entries if isinstance(e, dict) and isinstance(e.get("id"), str)]


def _ids(table: dict[str, Any], key: str) -> set[str]:
    return set(_id_list(table, key))


def _id(table: dict[str, Any]) -> set[str]:
    return {table["id"]} if isinstance(table.get("id"), str) else set()


def module_folders(root: Path) -> list[Path]:
    """The module folders of the course at ``root``, in course order."""
    modules = root / "modules"
    return sorted(p for p in modules.iterdir() if p.is_dir() and not p.name.startswith(".")) if modules.is_dir() else []


def lesson_files(folder: Path) -> list[Path]:
    """The lesson files of a module folder (TOML, and Markdown with front matter), in order."""
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix in (".toml", ".md") and p.name not in SPECIAL)


def scan_ids(root: Path) -> CourseIds:
    """The ids used by the course at ``root``."""
    ids = CourseIds(terms=_ids(_read(root / "glossary.toml"), "term"))
    ids.references = _ids(_read(root / "references.toml"), "reference")
    for folder in module_folders(root):
        module = _read(folder / "module.toml")
        ids.modules |= _id(module)
        ids.objectives |= _ids(module, "objective")
        quiz = _read(folder / "quiz.toml")
        ids.quizzes |= _id(quiz)
        ids.questions |= _ids(quiz, "question")
        for lesson in lesson_files(folder):
            ids.lessons |= _id(_read(lesson))
    return ids


def next_prefix(names: list[str]) -> str:
    """The numeric prefix after the highest of ``names`` ("01" when none has one), as wide as theirs."""
    numbers = [(int(m.group(1)), len(m.group(1))) for m in map(_PREFIX.match, names) if m]
    if not numbers:
        return "01"
    width = max(2, *(w for _, w in numbers))
    return str(max(n for n, _ in numbers) + 1).zfill(width)


def resolve_module(root: Path, given: str) -> Path:
    """The module folder ``given`` names: a path, a folder name in ``modules/``, or a module id."""
    modules = (root / "modules").resolve()
    candidates = [Path(given), modules / given]
    candidates += [f for f in module_folders(root) if _id(_read(f / "module.toml")) == {given}]
    for candidate in candidates:
        folder = candidate.resolve()
        if folder.is_dir() and folder.parent == modules:
            if not (folder / "module.toml").is_file():
                raise ScaffoldError(f"{folder} has no module.toml; add one with `course new module TITLE`")
            return folder
    names = ", ".join(f.name for f in module_folders(root)) or "none yet"
    raise ScaffoldError(f"no module folder '{given}' in {modules} (its modules: {names})")


def _module(folder: Path) -> tuple[str, str, list[str]]:
    """The id, title and objective ids of the module in ``folder``; ``ScaffoldError`` if unreadable."""
    table = _read(folder / "module.toml")
    ident, title = table.get("id"), table.get("title")
    if not isinstance(ident, str) or not isinstance(title, str):
        raise ScaffoldError(f"{folder / 'module.toml'} cannot be read (see `course validate`); fix it first")
    return ident, title, _id_list(table, "objective")


def new_module(root: Path, title: str) -> list[Change]:
    """A new module folder after the last one, with a module.toml holding one objective to rewrite."""
    title = check_title(title)
    ids = scan_ids(root)
    module_id = unique(slugify(title, "module"), ids.modules)
    folder = root / "modules" / f"{next_prefix([f.name for f in module_folders(root)])}-{slugify(title, 'module')}"
    objective = unique(f"{module_id}-o1", ids.objectives)
    text = "Describe what a learner can do after this module, starting with a verb such as explain, identify or compare."
    summary = "What this module covers, in a sentence or two."
    folder.mkdir(parents=True)
    path = folder / "module.toml"
    create_file(path, content.module_toml(module_id, title, summary, 30, {objective: text}))
    return [Change("created", path, f"module '{module_id}' with objective '{objective}'")]


def new_lesson(root: Path, folder: Path, title: str) -> list[Change]:
    """A new lesson file after the module's last one, teaching the module's objectives."""
    title = check_title(title)
    _, _, objectives = _module(folder)
    lesson_id = unique(slugify(title, "lesson"), scan_ids(root).lessons)
    path = folder / f"{next_prefix([p.name for p in lesson_files(folder)])}-{slugify(title, 'lesson')}.toml"
    body = (
        f"## {title}\n\nWrite the lesson here, in Markdown. Link a glossary term with `[words](glossary:TERM-ID)`\n"
        "and cite a reference with `[words](ref:REFERENCE-ID)`; `course validate` checks both.\n"
    )
    values: dict[str, Any] = {"id": lesson_id, "title": title, "summary": "One sentence about this lesson, for the course map."}
    values |= {"estimated_minutes": 5, "objectives": objectives, "references": [], "key_points": [], "body": body}
    create_file(path, content.lesson_toml(values))
    return [Change("created", path, f"lesson '{lesson_id}'")]


def _next_question_id(root: Path, folder: Path, module_id: str) -> str:
    """A fresh question id following the quiz's own numbering (``m2-q07`` after ``m2-q06``)."""
    taken = scan_ids(root).questions
    numbered = [m for m in map(_NUMBERED.match, _id_list(_read(folder / "quiz.toml"), "question")) if m]
    prefix, width = (numbered[-1].group(1), len(numbered[-1].group(2))) if numbered else (f"{module_id}-q", 1)
    n = max((int(m.group(2)) for m in numbered if m.group(1) == prefix), default=0)
    while True:
        n += 1
        candidate = f"{prefix}{str(n).zfill(width)}"
        if candidate not in taken:
            return candidate


def _least_assessed(folder: Path, objectives: list[str]) -> str:
    """The module objective its quiz assesses least (the first of those on a tie)."""
    if not objectives:
        raise ScaffoldError(f"{folder / 'module.toml'} has no [[objective]]; a question must assess one, so add it first")
    questions = _read(folder / "quiz.toml").get("question", [])
    counts = Counter(q.get("objective") for q in questions if isinstance(q, dict))
    return min(objectives, key=lambda o: counts[o])


def new_quiz(root: Path, folder: Path, title: str | None = None) -> list[Change]:
    """The module's quiz.toml, with one single-choice question to rewrite; refused if it has one."""
    path = folder / "quiz.toml"
    if path.exists():
        raise ScaffoldError(f"{path} already exists; add questions to it with `course new question TYPE --module {folder.name}`")
    module_id, module_title, objectives = _module(folder)
    objective = _least_assessed(folder, objectives)
    quiz_id = unique(f"{module_id}-quiz", scan_ids(root).quizzes)
    qid = _next_question_id(root, folder, module_id)
    quiz_title = check_title(title) if title is not None else f"{module_title}: check your understanding"
    question = {"type": "single", "objective": objective, **content.placeholder_question("single")}
    create_file(path, content.quiz_toml(quiz_id, quiz_title, [(qid, question)]))
    return [Change("created", path, f"quiz '{quiz_id}' with question '{qid}' (single)")]


def new_question(root: Path, folder: Path, qtype: str) -> list[Change]:
    """A question of ``qtype`` appended to the module's quiz.toml (the quiz is created if missing)."""
    if qtype not in QUESTION_TYPES:
        raise ScaffoldError(f"unknown question type '{qtype}'; the types are: {', '.join(QUESTION_TYPES)}")
    path = folder / "quiz.toml"
    module_id, module_title, objectives = _module(folder)
    objective = _least_assessed(folder, objectives)
    qid = _next_question_id(root, folder, module_id)
    question = {"type": qtype, "objective": objective, **content.placeholder_question(qtype)}
    if not path.exists():
        quiz_id = unique(f"{module_id}-quiz", scan_ids(root).quizzes)
        create_file(path, content.quiz_toml(quiz_id, f"{module_title}: check your understanding", [(qid, question)]))
        return [Change("created", path, f"quiz '{quiz_id}' with question '{qid}' ({qtype})")]
    _append(path, content.appended_question(qid, question))
    return [Change("added to", path, f"question '{qid}' ({qtype}), assessing '{objective}'")]


def _append(path: Path, block: str) -> None:
    """Append ``block`` to the quiz file, after checking that the quiz then still reads as TOML with one
    more question (so a quiz that writes its questions another way is left alone). The file's line
    endings are kept."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise ScaffoldError(f"{path} is larger than a course file may be; split it first")
        text = path.read_bytes().decode("utf-8-sig")
        before = tomllib.loads(text)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ScaffoldError(f"{path} cannot be read as TOML ({error}); fix it first (see `course validate`)") from None
    addition = ("" if text.endswith("\n") or not text else "\n") + "\n" + block
    if "\r\n" in text:
        addition = addition.replace("\n", "\r\n")
    try:
        after = tomllib.loads(text + addition)
    except tomllib.TOMLDecodeError:
        after = {}
    count = len(before.get("question", [])) if isinstance(before.get("question"), list) else 0
    if not isinstance(after.get("question"), list) or len(after["question"]) != count + 1:
        raise ScaffoldError(f"{path} lists its questions in a form a new [[question]] table cannot follow; add it by hand")
    with path.open("a", encoding="utf-8", newline="") as handle:
        handle.write(addition)

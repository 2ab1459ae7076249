"""``course new module|lesson|quiz|question``: add one piece to an existing course.

Each piece goes where the loader looks for it, with the next numeric prefix (``03-`` after ``02-``)
and an id made from its title, unique among the course's ids of that kind. Files are only ever
created, or (a question) appended to; the TOML that is read to find ids is parsed leniently, so a
file with mistakes elsewhere in the course does not stop an author from adding a piece.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

from course.authoring import course_folder
from course.authoring import scaffold_content as content
from course.authoring.course_folder import id_list, lesson_files, module_folders, scan_ids, slugify, table_of, unique_id
from course.authoring.scaffold import Change, ScaffoldError, check_title, create_file

QUESTION_TYPES = tuple(content.QUESTION_MODELS)
_PREFIX = re.compile(r"^(\d+)-")
_NUMBERED = re.compile(r"^(.*?)(\d+)$")


def next_prefix(names: list[str]) -> str:
    """The numeric prefix after the highest of ``names`` ("01" when none has one), as wide as theirs."""
    numbers = [(int(m.group(1)), len(m.group(1))) for m in map(_PREFIX.match, names) if m]
    if not numbers:
        return "01"
    width = max(2, *(w for _, w in numbers))
    return str(max(n for n, _ in numbers) + 1).zfill(width)


def _module(folder: Path) -> tuple[str, str, list[str]]:
    """The id, title and objective ids of the module in ``folder``; ``ScaffoldError`` if unreadable."""
    table = table_of(folder / "module.toml")
    ident, title = table.get("id"), table.get("title")
    if not isinstance(ident, str) or not isinstance(title, str):
        raise ScaffoldError(f"{folder / 'module.toml'} cannot be read (see `course validate`); fix it first")
    return ident, title, id_list(table, "objective")


def new_module(root: Path, title: str) -> list[Change]:
    """A new module folder after the last one, with a module.toml holding one objective to rewrite."""
    title = check_title(title)
    ids = scan_ids(root)
    module_id = unique_id(slugify(title, "module"), ids.modules)
    folder = root / "modules" / f"{next_prefix([f.name for f in module_folders(root)])}-{slugify(title, 'module')}"
    objective = unique_id(f"{module_id}-o1", ids.objectives)
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
    lesson_id = unique_id(slugify(title, "lesson"), scan_ids(root).lessons)
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
    numbered = [m for m in map(_NUMBERED.match, id_list(table_of(folder / "quiz.toml"), "question")) if m]
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
    questions = table_of(folder / "quiz.toml").get("question", [])
    counts = Counter(q.get("objective") for q in questions if isinstance(q, dict))
    return min(objectives, key=lambda o: counts[o])


def new_quiz(root: Path, folder: Path, title: str | None = None) -> list[Change]:
    """The module's quiz.toml, with one single-choice question to rewrite; refused if it has one."""
    path = folder / "quiz.toml"
    if path.exists():
        raise ScaffoldError(f"{path} already exists; add questions to it with `course new question TYPE --module {folder.name}`")
    module_id, module_title, objectives = _module(folder)
    objective = _least_assessed(folder, objectives)
    quiz_id = unique_id(f"{module_id}-quiz", scan_ids(root).quizzes)
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
        quiz_id = unique_id(f"{module_id}-quiz", scan_ids(root).quizzes)
        create_file(path, content.quiz_toml(quiz_id, f"{module_title}: check your understanding", [(qid, question)]))
        return [Change("created", path, f"quiz '{quiz_id}' with question '{qid}' ({qtype})")]
    _append(path, content.appended_question(qid, question))
    return [Change("added to", path, f"question '{qid}' ({qtype}), assessing '{objective}'")]


def _append(path: Path, block: str) -> None:
    """Append ``block`` to the quiz file, after checking that the quiz then still reads as TOML with one
    more question (so a quiz that writes its questions another way is left alone). The file's line
    endings are kept."""
    text = course_folder.quiz_to_extend(path)
    addition = course_folder.appended(text, block)
    before, after = course_folder.question_count(text), course_folder.question_count(text + addition)
    if before is None or after != before + 1:
        raise ScaffoldError(f"{path} lists its questions in a form a new [[question]] table cannot follow; add it by hand")
    with path.open("a", encoding="utf-8", newline="") as handle:
        handle.write(addition)

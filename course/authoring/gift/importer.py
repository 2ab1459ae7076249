"""``course import-gift``: read a GIFT file, convert it, and add the questions to a module's quiz.toml.

Nothing is written when the file has an error. An existing quiz.toml keeps every byte it had: the new
``[[question]]`` tables are added after it (the whole file is written to a temporary file, checked,
then moved into place, so an interrupted import leaves the old file as it was).
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError

from course.authoring import course_folder
from course.authoring.course_folder import AuthoringError, CourseIds
from course.authoring.gift.convert import Draft, convert
from course.authoring.gift.parse import Problem, normalise, parse_gift
from course.authoring.gift.texts import stem_slug
from course.authoring.gift.toml_out import question_toml, quiz_header
from course.loading.findings import Finding
from course.loading.loader import find_course_root
from course.loading.toml_file import MAX_FILE_BYTES as MAX_BYTES  # the quiz.toml it becomes may be no bigger
from quizzes.questions import Question

MAX_QUESTIONS = 2_000  # as quizzes.quiz.Quiz allows
QUESTION = TypeAdapter(Question)


class UsageError(AuthoringError):
    """The command cannot run as asked (not a module folder, unknown objective...): exit 2."""


@dataclass
class Plan:
    """An import worked out but not yet written."""

    gift: Path
    target: Path
    creates: bool
    findings: list[Finding]
    questions: list[dict[str, Any]] = field(default_factory=list)
    objective: str = ""
    objective_given: bool = False
    tagged: int = 0
    categories: list[str] = field(default_factory=list)
    text: str = ""  # the whole new quiz.toml
    added: str = ""  # what the import adds to it
    course_root: Path | None = None

    @property
    def errors(self) -> list[Finding]:
        """The findings that stop the import."""
        return [f for f in self.findings if f.severity == "error"]


def plan_import(gift: Path, module_dir: Path, objective: str | None = None) -> Plan:
    """Work out the import of ``gift`` into ``module_dir`` (raises :class:`UsageError`, or its base
    :class:`AuthoringError` for a quiz.toml that cannot be added to)."""
    module = course_folder.read_table(module_dir / "module.toml")
    if module is None:
        raise UsageError(f"{module_dir} is not a module folder (it has no readable module.toml)")
    root = find_course_root(module_dir)
    ids = course_folder.scan_ids(root) if root is not None else CourseIds()
    if root is None:  # a module folder in no course: its own ids are all there are
        ids.add_module(module_dir)
    first = [o.get("id") for o in module.get("objective", []) if isinstance(o, dict)]
    chosen = objective or (first[0] if first and isinstance(first[0], str) else None)
    if chosen is None:
        raise UsageError(f"{module_dir / 'module.toml'} lists no objective: add one, or name one with --objective ID")
    if chosen not in ids.objectives:
        known = ", ".join(sorted(ids.objectives)) or "none"
        raise UsageError(f"unknown objective '{chosen}' (objectives of this course: {known})")
    target = module_dir / "quiz.toml"
    existing = course_folder.quiz_to_extend(target) if target.is_file() else None
    plan = Plan(gift, target, existing is None, [], objective=chosen, objective_given=objective is not None, course_root=root)
    text, problems = read_gift(gift)
    if text is not None:
        parsed = parse_gift(text)
        conversion = convert(parsed.blocks)
        problems += list(parsed.problems) + conversion.problems
        plan.categories = conversion.categories
        plan.findings = [_finding(gift, p) for p in problems]
        if not plan.errors:
            _build(plan, conversion.drafts, ids, chosen)
    else:
        plan.findings = [_finding(gift, p) for p in problems]
    plan.findings.sort(key=lambda f: (f.line, f.col))
    if not plan.errors and plan.questions:
        header = quiz_header(_quiz_id(module, ids), _quiz_title(module)) if existing is None else ""
        section = "".join(question_toml(q["data"], q["comments"]) for q in plan.questions)
        intro = f"# Imported from {gift.name} by course import-gift.\n\n"
        base = existing if existing is not None else header
        plan.added = (intro + section).rstrip("\n") + "\n"
        plan.text = base + course_folder.appended(base, plan.added)
        count = course_folder.question_count(plan.text)
        if count is None:  # what is there holds its questions as an inline array, say
            raise UsageError(f"{target} lists its questions in a form new [[question]] tables cannot follow; add them by hand")
        size = len(plan.text.encode("utf-8"))
        if size > MAX_BYTES or count > MAX_QUESTIONS:
            message = (
                f"{target.name} would hold {count:,} questions in {size:,} bytes; a quiz may hold at most {MAX_QUESTIONS:,} "
                f"questions and a course file at most {MAX_BYTES:,} bytes: import into several modules"
            )
            plan.findings.append(_finding(gift, Problem(1, 1, "G107", message)))
            plan.text = plan.added = ""
    return plan


def write_plan(plan: Plan) -> None:
    """Write the planned quiz.toml: to a temporary file beside it, then moved into place."""
    mode = plan.target.stat().st_mode & 0o777 if plan.target.exists() else None
    handle, temporary = tempfile.mkstemp(prefix=".quiz-", suffix=".toml", dir=plan.target.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(plan.text)
            out.flush()
            os.fsync(out.fileno())
        if mode is not None:
            os.chmod(temporary, mode)
        else:
            os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, plan.target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def read_gift(path: Path) -> tuple[str | None, list[Problem]]:
    """The text of a GIFT file (normalised), or the problem that stops it being read."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return None, [Problem(1, 1, "G106", f"the file is {size:,} bytes; a GIFT file may be at most {MAX_BYTES:,} bytes")]
        data = path.read_bytes()
    except OSError as failure:
        return None, [Problem(1, 1, "G106", f"cannot read the file: {failure.strerror or failure}")]
    try:
        return normalise(data.decode("utf-8")), []
    except UnicodeDecodeError as bad:
        line = data.count(b"\n", 0, bad.start) + 1
        col = bad.start - (data.rfind(b"\n", 0, bad.start) + 1) + 1
        return None, [Problem(line, col, "G106", "the file is not UTF-8 text (save it as UTF-8; Moodle exports are)")]


def _build(plan: Plan, drafts: list[Draft], ids: CourseIds, chosen: str) -> None:
    for draft in drafts:
        tagged = next((tag for tag in draft.tags if tag in ids.objectives), None)
        objective = tagged or chosen
        base = course_folder.id_from_title(draft.slug_source) if draft.title else stem_slug(draft.slug_source)
        qid = course_folder.unique_id(base or stem_slug(str(draft.data.get("prompt", ""))) or "question", ids.questions)
        data = {"id": qid, "type": draft.data["type"], "objective": objective}
        data.update({k: v for k, v in draft.data.items() if k != "type"})
        try:
            QUESTION.validate_python(data, strict=True)
        except ValidationError as invalid:
            ids.questions.discard(qid)
            plan.findings.append(
                _finding(plan.gift, Problem(draft.line, draft.col, "G204", _invalid(draft.name, invalid), "warning"))
            )
            continue
        plan.tagged += tagged is not None
        comments = [c for c in draft.comments if c != f"GIFT comment: [tag:{objective}]"]
        plan.questions.append({"data": data, "comments": comments, "name": draft.name, "line": draft.line})


def _invalid(name: str, invalid: ValidationError) -> str:
    """Why a question does not fit the project's model, from pydantic's loc/msg (never the input)."""
    first = invalid.errors()[0]
    where = ".".join(str(part) for part in first["loc"][1:] if not isinstance(part, int)) or "question"
    return f"question '{name}' is not imported: {where}: {first['msg'][:1].lower()}{first['msg'][1:]}"


def _quiz_id(module: dict[str, Any], ids: CourseIds) -> str:
    module_id = module.get("id") if isinstance(module.get("id"), str) else "module"
    return course_folder.unique_id(course_folder.id_from_title(f"{module_id}-quiz", "quiz"), set(ids.quizzes))


def _quiz_title(module: dict[str, Any]) -> str:
    title = module.get("title")
    return f"{title}: quiz" if isinstance(title, str) and title.strip() else "Quiz"


def _finding(path: Path, problem: Problem) -> Finding:
    if problem.severity == "error":
        return Finding(path, problem.line, problem.col, "error", problem.code, problem.message)
    return Finding(path, problem.line, problem.col, "warning", problem.code, problem.message)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current

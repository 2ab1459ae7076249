"""Checks across files: duplicate ids, dangling references, answer keys, objective coverage, item writing.

Each finding points at the exact key that is wrong. Errors stop a course from running; warnings
(codes starting with W) are advice an author should act on before publishing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from course.domain.models import GlossaryFile, ModuleFile, ReferencesFile
from course.loading.findings import Finding, Severity
from course.loading.item_checks import item_findings
from course.loading.loaded import Loaded
from lessons.links import INTERNAL_SCHEMES, internal_links
from lessons.markdown import links
from lessons.model import Lesson
from quizzes.quiz import Quiz
from quizzes.types import question_type

# What each kind of answer-key problem a question type reports is called in findings.
KEY_ISSUE_CODES = {"dangling": "E203", "duplicate": "E204", "bad_pattern": "E206"}


class _Linter:
    def __init__(self, loaded: Loaded, item_writing: bool) -> None:
        self.loaded = loaded
        self.item_writing = item_writing
        self.findings: list[Finding] = []
        self.first_seen: dict[tuple[str, str], tuple[Path, int]] = {}

    def at(self, path: Path, key: tuple[Any, ...], severity: Severity, code: str, message: str) -> None:
        line, col = self.loaded.files[path].positions.locate(key)
        self.findings.append(Finding(path, line, col, severity, code, message))

    def models(self, kind: type) -> Iterator[tuple[Path, Any]]:
        for path, model in self.loaded.models.items():
            if isinstance(model, kind):
                yield path, model

    def unique(self, kind: str, ident: str, path: Path, key: tuple[Any, ...]) -> None:
        seen = self.first_seen.get((kind, ident))
        line = self.loaded.files[path].positions.locate(key)[0]
        if seen is None:
            self.first_seen[(kind, ident)] = (path, line)
            return
        first = Finding(seen[0], seen[1], 1, "error", "", "").display_path()
        self.at(path, key, "error", "E201", f"duplicate {kind} id '{ident}' (first defined at {first}:{seen[1]})")

    def run(self) -> list[Finding]:
        self.check_ids()
        ids = {
            kind: {ident for (k, ident) in self.first_seen if k == kind} for kind in ("objective", "glossary term", "reference")
        }
        self.check_glossary(ids["glossary term"])
        self.check_lessons(ids)
        self.check_quizzes(ids["objective"])
        if self.item_writing and not any(f.severity == "error" for f in self.loaded.findings + self.findings):
            self.findings.extend(item_findings(self.loaded))  # W4xx: only on a course without errors
        return self.findings

    def check_ids(self) -> None:
        for path, module in self.models(ModuleFile):
            self.unique("module", module.id, path, ("id",))
            for n, objective in enumerate(module.objectives):
                self.unique("objective", objective.id, path, ("objective", n, "id"))
        for path, lesson in self.models(Lesson):
            self.unique("lesson", lesson.id, path, ("id",))
        for path, quiz in self.models(Quiz):
            self.unique("quiz", quiz.id, path, ("id",))
            for n, question in enumerate(quiz.questions):
                self.unique("question", question.id, path, ("question", n, "id"))
        for path, glossary in self.models(GlossaryFile):
            for n, term in enumerate(glossary.term):
                self.unique("glossary term", term.id, path, ("term", n, "id"))
        for path, references in self.models(ReferencesFile):
            for n, reference in enumerate(references.reference):
                self.unique("reference", reference.id, path, ("reference", n, "id"))

    def check_glossary(self, terms: set[str]) -> None:
        for path, glossary in self.models(GlossaryFile):
            for n, term in enumerate(glossary.term):
                for m, other in enumerate(term.see_also):
                    if other not in terms:
                        self.at(
                            path, ("term", n, "see_also", m), "error", "E202", f"see_also names unknown glossary term '{other}'"
                        )

    def check_lessons(self, ids: dict[str, set[str]]) -> None:
        for path, lesson in self.models(Lesson):
            for n, objective in enumerate(lesson.objectives):
                if objective not in ids["objective"]:
                    self.at(path, ("objectives", n), "error", "E202", f"unknown objective '{objective}'")
            for n, reference in enumerate(lesson.references):
                if reference not in ids["reference"]:
                    self.at(path, ("references", n), "error", "E202", f"unknown reference '{reference}'")
            self.check_body_links(path, lesson, ids)

    def check_body_links(self, path: Path, lesson: Lesson, ids: dict[str, set[str]]) -> None:
        file = self.loaded.files[path]
        line0, col0 = file.positions.values.get(("body",), file.positions.locate(("body",)))
        raw = file.positions.string_sources.get(("body",), "").replace("\r\n", "\n")
        starts_below = raw.startswith(('"""\n', "'''\n"))
        quote_width = 3 if raw.startswith(('"""', "'''")) else 1
        # Lines inside the string map one to one onto file lines unless escapes (\n, a line-ending
        # backslash) change the count; then every finding points at the start of the body.
        source_lines = raw.count("\n") - (1 if starts_below else 0)
        exact = source_lines == lesson.body.count("\n") and "\\\n" not in raw

        def where(line: int, col: int) -> tuple[int, int]:
            if not exact:
                return line0, col0
            if starts_below:
                return line0 + line, col
            return line0 + line - 1, col + (col0 + quote_width - 1 if line == 1 else 0)

        for link in internal_links(lesson.body):
            kind = "glossary term" if link.scheme == "glossary" else "reference"
            if link.target not in ids[kind]:
                line, col = where(link.line, link.col)
                self.findings.append(
                    Finding(path, line, col, "error", "E202", f"link to unknown {kind} '{link.scheme}:{link.target}'")
                )
        for found in links(lesson.body):
            href = found.href
            scheme, colon, _ = href.partition(":")
            # Only addresses with a scheme are outside links ("#part" and "page.html" are not).
            has_scheme = bool(colon) and scheme[:1].isalpha() and all(c.isalnum() or c in "+.-" for c in scheme)
            if has_scheme and scheme not in INTERNAL_SCHEMES and not href.startswith("https://"):
                line, col = where(found.line, found.target_col)
                message = f"link '{href[:60]}' is not https; learners will not be offered it"
                self.findings.append(Finding(path, line, col, "warning", "W306", message))

    def check_quizzes(self, objectives: set[str]) -> None:
        assessed: Counter[str] = Counter()
        for path, quiz in self.models(Quiz):
            if quiz.draw > len(quiz.questions):
                self.at(
                    path,
                    ("draw",),
                    "error",
                    "E207",
                    f"draw is {quiz.draw} but the pool holds only {len(quiz.questions)} questions",
                )
            for n, question in enumerate(quiz.questions):
                key = ("question", n)
                assessed[question.objective] += 1
                if question.objective not in objectives:
                    self.at(
                        path,
                        key + ("objective",),
                        "error",
                        "E202",
                        f"question '{question.id}' names unknown objective '{question.objective}'",
                    )
                self.check_answer_key(path, key, question)
        if any(f.severity == "error" for f in self.loaded.findings + self.findings):
            return  # coverage is only meaningful once every file has loaded
        taught = {o for _, lesson in self.models(Lesson) for o in lesson.objectives}
        for path, module in self.models(ModuleFile):
            for n, objective in enumerate(module.objectives):
                if not assessed[objective.id]:
                    self.at(
                        path, ("objective", n, "id"), "warning", "W301", f"objective '{objective.id}' is assessed by no question"
                    )
                if objective.id not in taught:
                    self.at(path, ("objective", n, "id"), "warning", "W302", f"objective '{objective.id}' is taught by no lesson")

    def check_answer_key(self, path: Path, key: tuple[Any, ...], question: Any) -> None:
        for issue in question_type(question).key_issues(question):
            self.at(path, key + issue.where, "error", KEY_ISSUE_CODES[issue.kind], issue.message)


def lint(loaded: Loaded, *, item_writing: bool = True) -> list[Finding]:
    """Every cross-file finding for a course read by :func:`course.loading.loader.read_course`.

    ``item_writing=False`` leaves out the W4xx advice on how questions are written (about 0.15 s on the
    bundled course): loading a course to take it only needs to know it has no errors.
    """
    return _Linter(loaded, item_writing).run()

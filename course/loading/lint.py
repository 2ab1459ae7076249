"""Checks across files: duplicate ids, dangling references, answer keys, links, coverage, item writing.

They read what every file holds, valid or not (see :mod:`course.loading.declared`), so a file with one
wrong key neither hides its own other problems nor makes the files that refer to it fail. Each
finding points at the exact key that is wrong. Errors stop a course from running; warnings (codes
starting with W) are advice an author should act on before publishing.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from course.domain.models import GlossaryFile
from course.loading.ce_checks import ce_findings
from course.loading.declared import Declared, declared, strings, tables
from course.loading.findings import Finding, Severity
from course.loading.item_checks import item_findings
from course.loading.lint_course import CourseChecks
from course.loading.lint_links import lesson_link_findings
from course.loading.lint_quiz import KEY_ISSUE_CODES, key_issues
from course.loading.loaded import Loaded
from lessons.model import Lesson
from quizzes.quiz import Quiz

__all__ = ["KEY_ISSUE_CODES", "lint"]


class _Linter:
    def __init__(self, loaded: Loaded, item_writing: bool) -> None:
        self.loaded = loaded
        self.item_writing = item_writing
        self.findings: list[Finding] = []
        self.ids: Declared = declared(loaded)

    def at(self, path: Path, key: tuple[Any, ...], severity: Severity, code: str, message: str) -> None:
        line, col = self.loaded.files[path].positions.locate(key)
        self.findings.append(Finding(path, line, col, severity, code, message))

    def docs(self, kind: type) -> Iterator[tuple[Path, dict[str, Any]]]:
        """Every file checked as ``kind`` whose contents could be read, in load order."""
        for path, model in self.loaded.kinds.items():
            content = self.loaded.files[path].content
            if model is kind and content is not None:
                yield path, content

    def unknown(self, kind: str, ident: str) -> str | None:
        """``'ident'`` and a hint when ``ident`` names no ``kind``; ``None`` when it is known."""
        if not self.ids.unknown(kind, ident):
            return None
        return f"'{ident[:80]}'{self.ids.hint(kind, ident)}"

    def run(self) -> list[Finding]:
        course = CourseChecks(self.loaded)
        self.check_duplicates()
        self.check_glossary()
        self.check_lessons(course if self.item_writing else None)
        self.check_quizzes()
        self.findings.extend(ce_findings(self.loaded, self.ids))  # [ce]: E5xx, W5xx
        clean = not any(f.severity == "error" for f in self.loaded.findings + self.findings)
        if self.item_writing:
            course.lesson_lengths()
        if clean:  # coverage and totals are only meaningful once every file has loaded
            course.coverage()
        if clean and self.item_writing:
            course.unused_terms()
            course.module_minutes()
        self.findings.extend(course.findings)
        if self.item_writing and not any(f.severity == "error" for f in self.loaded.findings + self.findings):
            self.findings.extend(item_findings(self.loaded))  # W4xx: only on a course without errors
        return self.findings

    def check_duplicates(self) -> None:
        """E201 at every repeat of an id; a first definition is located only once it is repeated
        (locating scans the file's text, and most files define nothing twice)."""
        for kind, places in self.ids.places.items():
            first: dict[str, tuple[Path, tuple[Any, ...]]] = {}
            for ident, path, key in places:
                if ident not in first:
                    first[ident] = (path, key)
                    continue
                first_path, first_key = first[ident]
                line = self.loaded.files[first_path].positions.locate(first_key)[0]
                shown = Finding(first_path, 1, 1, "error", "", "").display_path()
                message = f"duplicate {kind} id '{ident}' (first defined at {shown}:{line})"
                self.at(path, key, "error", "E201", message)

    def check_glossary(self) -> None:
        for path, glossary in self.docs(GlossaryFile):
            for n, term in tables(glossary, "term"):
                for m, other in strings(term, "see_also"):
                    if (named := self.unknown("glossary term", other)) is not None:
                        self.at(
                            path, ("term", n, "see_also", m), "error", "E202", f"see_also names unknown glossary term {named}"
                        )

    def check_lessons(self, course: CourseChecks | None) -> None:
        """E202 for unknown objectives and references, the link checks, and (given ``course``) each
        body's words counted while its Markdown parse is still cached."""
        for path, lesson in self.docs(Lesson):
            for n, objective in strings(lesson, "objectives"):
                if (named := self.unknown("objective", objective)) is not None:
                    self.at(path, ("objectives", n), "error", "E202", f"unknown objective {named}")
            for n, reference in strings(lesson, "references"):
                if (named := self.unknown("reference", reference)) is not None:
                    self.at(path, ("references", n), "error", "E202", f"unknown reference {named}")
            self.findings.extend(lesson_link_findings(path, self.loaded.files[path], lesson, self.ids))
            if course is not None:
                course.count_words(path, lesson)

    def check_quizzes(self) -> None:
        for path, quiz in self.docs(Quiz):
            pool = sum(1 for _ in tables(quiz, "question"))
            draw = quiz.get("draw")
            if isinstance(draw, int) and not isinstance(draw, bool) and draw > pool:
                self.at(path, ("draw",), "error", "E207", f"draw is {draw} but the pool holds only {pool} questions")
            for n, question in tables(quiz, "question"):
                objective = question.get("objective")
                if isinstance(objective, str) and (named := self.unknown("objective", objective)) is not None:
                    ident = question.get("id")
                    who = f"question '{ident}'" if isinstance(ident, str) else f"question #{n + 1}"
                    self.at(path, ("question", n, "objective"), "error", "E202", f"{who} names unknown objective {named}")
            for key, code, message in key_issues(quiz, skip=self.damaged(path, quiz)):
                self.at(path, key, "error", code, message)

    def damaged(self, path: Path, quiz: dict[str, Any]) -> set[int]:
        """The questions of a quiz that lost a line to a syntax error (their key cannot be judged)."""
        file = self.loaded.files[path]
        if not file.dropped_lines:
            return set()
        entries = [n for n, _ in tables(quiz, "question")]
        starts = [file.positions.locate(("question", n))[0] for n in entries]
        ends = [*starts[1:], file.text.count("\n") + 2]
        lost = file.dropped_lines
        return {n for n, a, b in zip(entries, starts, ends[: len(starts)], strict=True) if any(a <= line < b for line in lost)}


def lint(loaded: Loaded, *, item_writing: bool = True) -> list[Finding]:
    """Every cross-file finding for a course read by :func:`course.loading.loader.read_course`.

    ``item_writing=False`` leaves out the W4xx advice on how questions are written and the course-wide
    advice W303-W305 (about 0.2 s on the bundled course): loading a course to take it only needs to
    know it has no errors.
    """
    return _Linter(loaded, item_writing).run()

"""Checks over the whole course: objectives no question assesses or no lesson teaches (W301, W302),
glossary terms nothing links to (W303), lessons far longer than their estimate (W304) and modules
estimated below their own lessons (W305)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from course.domain.models import GlossaryFile, ModuleFile
from course.loading.declared import strings, tables
from course.loading.findings import Finding, Severity
from course.loading.loaded import Loaded
from lessons.links import internal_links
from lessons.markdown import word_count
from lessons.model import Lesson
from quizzes.quiz import Quiz

WORDS_A_MINUTE = 200
TOO_LONG = 2.0  # W304: a lesson whose reading time is more than this many times its estimate


class CourseChecks:
    """The course-wide warnings for a loaded course (its files' contents, valid or not)."""

    def __init__(self, loaded: Loaded) -> None:
        self.loaded = loaded
        self.findings: list[Finding] = []
        self.words: dict[Path, int] = {}  # lesson file -> words of its body, counted by count_words

    def count_words(self, path: Path, lesson: dict[str, Any]) -> None:
        """Count the words of a lesson's body now, for :meth:`lesson_lengths` (counting parses the
        Markdown: right after the link checks parsed the same body, the parse is cached)."""
        body = lesson.get("body")
        if isinstance(body, str):
            self.words[path] = word_count(body)

    def docs(self, kind: type) -> Iterator[tuple[Path, dict[str, Any]]]:
        for path, model in self.loaded.kinds.items():
            content = self.loaded.files[path].content
            if model is kind and content is not None:
                yield path, content

    def at(self, path: Path, key: tuple[Any, ...], severity: Severity, code: str, message: str) -> None:
        line, col = self.loaded.files[path].positions.locate(key)
        self.findings.append(Finding(path, line, col, severity, code, message))

    def coverage(self) -> None:
        """W301, W302: objectives no question assesses, no lesson teaches."""
        assessed = {q.get("objective") for _, quiz in self.docs(Quiz) for _, q in tables(quiz, "question")}
        taught = {o for _, lesson in self.docs(Lesson) for _, o in strings(lesson, "objectives")}
        for path, module in self.docs(ModuleFile):
            for n, objective in tables(module, "objective"):
                ident = objective.get("id")
                if ident not in assessed:
                    self.at(path, ("objective", n, "id"), "warning", "W301", f"objective '{ident}' is assessed by no question")
                if ident not in taught:
                    self.at(path, ("objective", n, "id"), "warning", "W302", f"objective '{ident}' is taught by no lesson")

    def unused_terms(self) -> None:
        """W303: glossary terms no lesson or question links to and no see_also names."""
        used: set[str] = set()
        for kind in (Lesson, Quiz):
            for _, data in self.docs(kind):
                used |= {link.target for text in _texts(data) for link in internal_links(text) if link.scheme == "glossary"}
        for _, glossary in self.docs(GlossaryFile):
            used |= {other for _, term in tables(glossary, "term") for _, other in strings(term, "see_also")}
        for path, glossary in self.docs(GlossaryFile):
            for n, term in tables(glossary, "term"):
                ident = term.get("id")
                if isinstance(ident, str) and ident not in used:
                    message = (
                        f"glossary term '{ident}' is linked from no lesson or question and named in no see_also: "
                        f"link it as [words](glossary:{ident}), or remove it"
                    )
                    self.at(path, ("term", n, "id"), "warning", "W303", message)

    def lesson_lengths(self) -> None:
        """W304: a lesson whose words take far longer to read than its estimated_minutes."""
        default = Lesson.model_fields["estimated_minutes"].default
        for path, lesson in self.docs(Lesson):
            body, minutes = lesson.get("body"), lesson.get("estimated_minutes", default)
            if not isinstance(body, str) or not isinstance(minutes, int) or isinstance(minutes, bool) or minutes < 1:
                continue
            words = self.words[path] if path in self.words else word_count(body)
            reading = words / WORDS_A_MINUTE
            if reading > TOO_LONG * minutes:
                given = "estimated_minutes" in lesson
                message = (
                    f"lesson '{lesson.get('id')}' has {words:,} words, about {round(reading)} minutes at {WORDS_A_MINUTE} "
                    f"words a minute, more than twice its estimated_minutes ({minutes}{'' if given else ' by default'}): "
                    "raise the estimate or split the lesson"
                )
                self.at(path, ("estimated_minutes",) if given else ("id",), "warning", "W304", message)

    def module_minutes(self) -> None:
        """W305: a module estimated at fewer minutes than its lessons' own estimates add up to."""
        module_default = ModuleFile.model_fields["estimated_minutes"].default
        lesson_default = Lesson.model_fields["estimated_minutes"].default
        lessons: dict[Path, int] = {}
        for path, lesson in self.docs(Lesson):
            minutes = lesson.get("estimated_minutes", lesson_default)
            lessons[path.parent] = lessons.get(path.parent, 0) + (minutes if isinstance(minutes, int) else 0)
        for path, module in self.docs(ModuleFile):
            minutes, total = module.get("estimated_minutes", module_default), lessons.get(path.parent, 0)
            if isinstance(minutes, int) and total > minutes:
                given = "estimated_minutes" in module
                message = (
                    f"module '{module.get('id')}' is estimated at {minutes} minutes{'' if given else ' (the default)'} "
                    f"but its lessons' estimated_minutes add up to {total}: raise estimated_minutes "
                    "(it counts the lessons and the quiz)"
                )
                self.at(path, ("estimated_minutes",) if given else ("id",), "warning", "W305", message)


def _texts(data: Any) -> Iterator[str]:
    """Every string inside parsed data that could hold a glossary link."""
    if isinstance(data, str):
        if "glossary:" in data:
            yield data
    elif isinstance(data, dict):
        for value in data.values():
            yield from _texts(value)
    elif isinstance(data, list):
        for value in data:
            yield from _texts(value)

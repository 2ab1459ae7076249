"""The course model: a course is modules of lessons and a quiz, plus a glossary and references."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field

from lessons.model import Lesson
from quizzes.questions import Id, Strict
from quizzes.quiz import Quiz


class Objective(Strict):
    """A measurable learning objective of a module."""

    id: Id
    text: str = Field(min_length=1, max_length=500)


class ModuleFile(Strict):
    """The whole of a module.toml."""

    id: Id
    title: str = Field(min_length=1, max_length=200)
    summary: str = Field(default="", max_length=5_000)
    estimated_minutes: int = Field(default=30, ge=1, le=6_000)
    objectives: list[Objective] = Field(default_factory=list, alias="objective", max_length=20)


class Module(ModuleFile):
    """A loaded module: its objectives, ordered lessons and an optional quiz."""

    lessons: list[Lesson] = Field(default_factory=list)
    quiz: Quiz | None = None


class Term(Strict):
    """A glossary entry."""

    id: Id
    term: str = Field(min_length=1, max_length=200)
    definition: str = Field(min_length=1, max_length=5_000)
    see_also: list[Id] = Field(default_factory=list, max_length=20)


class Reference(Strict):
    """A source the course cites."""

    id: Id
    citation: str = Field(min_length=1, max_length=2_000)
    url: str = Field(default="", max_length=2_000, pattern=r"^(https://\S+)?$")


class CourseInfo(Strict):
    """The ``[course]`` table of course.toml."""

    id: Id
    title: str = Field(min_length=1, max_length=200)
    version: str = Field(default="1.0", max_length=40)
    summary: str = Field(default="", max_length=5_000)
    audience: str = Field(default="", max_length=2_000)
    disclaimer: str = Field(default="", max_length=10_000)
    authors: list[str] = Field(default_factory=list, max_length=50)


class CourseFile(Strict):
    """The whole of course.toml."""

    format_version: Literal[1]
    course: CourseInfo


class GlossaryFile(Strict):
    """The whole of glossary.toml."""

    term: list[Term] = Field(default_factory=list, max_length=5_000)


class ReferencesFile(Strict):
    """The whole of references.toml."""

    reference: list[Reference] = Field(default_factory=list, max_length=5_000)


class Course(Strict):
    """A loaded course, ready for the app."""

    path: Path
    info: CourseInfo
    modules: list[Module]
    glossary: list[Term] = Field(default_factory=list)
    references: list[Reference] = Field(default_factory=list)

    def lesson(self, lesson_id: str) -> tuple[Module, Lesson] | None:
        """The module and lesson with this id, if any."""
        for module in self.modules:
            for lesson in module.lessons:
                if lesson.id == lesson_id:
                    return module, lesson
        return None

    def module(self, module_id: str) -> Module | None:
        """The module with this id, if any."""
        return next((m for m in self.modules if m.id == module_id), None)

    def module_of_quiz(self, quiz_id: str) -> Module | None:
        """The module whose quiz has this id, if any."""
        return next((m for m in self.modules if m.quiz is not None and m.quiz.id == quiz_id), None)

    def term(self, term_id: str) -> Term | None:
        """The glossary term with this id, if any."""
        return next((t for t in self.glossary if t.id == term_id), None)

    def reference(self, reference_id: str) -> Reference | None:
        """The reference with this id, if any."""
        return next((r for r in self.references if r.id == reference_id), None)

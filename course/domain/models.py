"""The course model: a course is modules of lessons and a quiz, plus a glossary and references."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field

from course.domain.ce import CeActivity
from lessons.model import Lesson
from quizzes.questions import Id, Question, Strict
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
    ce: CeActivity | None = Field(default=None, description="The [ce] table: the course as a continuing-education activity.")


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
    ce: CeActivity | None = None

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

    def quiz(self, quiz_id: str) -> Quiz | None:
        """The quiz with this id, if any."""
        module = self.module_of_quiz(quiz_id)
        return module.quiz if module is not None else None

    def question(self, question_id: str) -> Question | None:
        """The quiz question with this id (in any module), if any."""
        for module in self.modules:
            if module.quiz is not None:
                for question in module.quiz.questions:
                    if question.id == question_id:
                        return question
        return None

    def objective_text(self, objective_id: str) -> str:
        """The text of a learning objective (its id when the course has no such objective)."""
        for module in self.modules:
            for objective in module.objectives:
                if objective.id == objective_id:
                    return objective.text
        return objective_id

    def see_also(self, term: Term) -> list[Term]:
        """The glossary terms a term points to (those the glossary has)."""
        return [t for t in (self.term(ident) for ident in term.see_also) if t is not None]

    def see_also_line(self, term: Term) -> str:
        """ "See also: A, B." for a term with related terms, else ""."""
        names = [t.term for t in self.see_also(term)]
        return "See also: " + ", ".join(names) + "." if names else ""

    def lesson_terms(self, lesson: Lesson) -> list[Term]:
        """The glossary terms a lesson links to, in the order they first appear."""
        from lessons.links import internal_links  # markdown-it: imported when a lesson is shown, not at start

        terms: list[Term] = []
        for link in internal_links(lesson.body):
            term = self.term(link.target) if link.scheme == "glossary" else None
            if term is not None and term not in terms:
                terms.append(term)
        return terms

    def find_terms(self, query: str) -> list[Term]:
        """Glossary terms matching ``query``: an exact id or name, else those starting with it, else
        those containing it (case and spacing ignored)."""
        wanted = " ".join(query.casefold().split())
        exact = [t for t in self.glossary if wanted in (t.id.casefold(), t.term.casefold())]
        if exact:
            return exact
        starting = [t for t in self.glossary if t.id.casefold().startswith(wanted) or t.term.casefold().startswith(wanted)]
        if starting:
            return starting
        return [t for t in self.glossary if wanted in t.id.casefold() or wanted in t.term.casefold()]

    def reading_order(self) -> list[tuple[str, str]]:
        """Every lesson and quiz in course order, as ("lesson" | "quiz", id)."""
        items: list[tuple[str, str]] = []
        for module in self.modules:
            items += [("lesson", lesson.id) for lesson in module.lessons]
            if module.quiz is not None:
                items.append(("quiz", module.quiz.id))
        return items

"""Command palette entries for the course: jump to any module, lesson, quiz or glossary term, pick a theme, search."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content

from tui.textual_app.safe_text import plain
from tui.textual_app.themes import THEME_NAMES

if TYPE_CHECKING:
    from tui.textual_app.app import CourseApp

SEARCH_TEXT = "Search the course"


class Entry:
    """One palette command: the text it is matched on, how it looks, what it does."""

    def __init__(self, kind: str, name: str, help: Content, run: Callable[[], object], discover: bool) -> None:
        self.kind = kind
        self.name = name
        self.text = f"{kind}: {name}" if kind else name
        self.help = help
        self.run = run
        self.discover = discover

    def display(self, offsets: tuple[int, ...] = (), style: object = None) -> Content:
        """The command as inert content (course text is never parsed as markup), matches styled."""
        content = Content.assemble(Content.styled(f"{self.kind}: ", "dim") if self.kind else "", plain(self.name))
        if style is not None and len(content.plain) == len(self.text):
            for offset in offsets:
                if not self.text[offset].isspace():
                    content = content.stylize(style, offset, offset + 1)  # type: ignore[arg-type]
        return content


class CourseCommands(Provider):
    """Every module (opens its first lesson), lesson, quiz and glossary term, the three themes, and "Search the course"."""

    @property
    def course_app(self) -> CourseApp:
        return cast("CourseApp", self.app)

    def entries(self) -> Iterator[Entry]:
        """The commands, in course order."""
        course = self.course_app.course
        yield Entry("", SEARCH_TEXT, Content("Full-text search of lessons, glossary and explanations"), self.open_search, True)
        if course.ce is not None:
            router = self.course_app.router
            yield Entry("CE", "Credit and certificate", Content("What is still missing for credit"), router.open_ce, True)
            yield Entry("CE", "Activity information", Content("Objectives, faculty, disclosures"), router.open_activity, True)
        for module in course.modules:
            first = module.lessons[0].id if module.lessons else None
            yield Entry(
                "Module", module.title, Content("Opens its first lesson"), partial(self.open_module, module.id, first), True
            )
            for lesson in module.lessons:
                yield Entry(
                    "Lesson",
                    lesson.title,
                    Content.assemble("In ", plain(module.title)),
                    partial(self.open_lesson, lesson.id),
                    True,
                )
            if module.quiz is not None:
                yield Entry(
                    "Quiz",
                    module.quiz.title,
                    Content.assemble("In ", plain(module.title)),
                    partial(self.open_quiz, module.quiz.id),
                    True,
                )
        for setting, theme in THEME_NAMES.items():
            label = setting.replace("-", " ")
            yield Entry("Theme", label, Content("Change the look; remembered for you"), partial(self.set_theme, theme), False)
        for term in course.glossary:
            definition = term.definition if len(term.definition) <= 70 else term.definition[:69].rstrip() + "…"
            yield Entry("Glossary", term.term, plain(definition), partial(self.open_term, term.id), False)

    async def discover(self) -> Hits:
        """With nothing typed: the search command, then every module, lesson and quiz."""
        for entry in self.entries():
            if entry.discover:
                yield DiscoveryHit(entry.display(), entry.run, text=entry.text, help=entry.help)  # type: ignore[arg-type]

    async def search(self, query: str) -> Hits:
        """Modules, lessons, quizzes, themes and terms whose name fuzzily matches, and a full-text search for the query."""
        matcher: Matcher = self.matcher(query)
        for entry in self.entries():
            score, offsets = matcher.fuzzy_search.match(matcher.query, entry.text)
            if score > 0:
                display = entry.display(tuple(offsets), matcher.match_style)
                yield Hit(score, display, entry.run, text=entry.text, help=entry.help)  # type: ignore[arg-type]
        if query.strip():
            # Always offer to search the text for what was typed (last: the lowest score).
            display = Content.assemble(f"{SEARCH_TEXT} for ", plain(query.strip()))
            yield Hit(0.001, display, partial(self.open_search, query.strip()), text=display.plain)

    def open_search(self, query: str = "") -> None:
        """Open the search screen (with ``query`` typed in)."""
        self.course_app.router.open_search(query)

    def open_module(self, module_id: str, first_lesson: str | None) -> None:
        """Open a module's first lesson (or its quiz, if it has no lessons)."""
        if first_lesson is not None:
            self.open_lesson(first_lesson)
            return
        module = self.course_app.course.module(module_id)
        if module is not None and module.quiz is not None:
            self.course_app.router.open_quiz(module.quiz.id)

    def open_lesson(self, lesson_id: str) -> None:
        """Open a lesson."""
        self.course_app.router.open_lesson(lesson_id)

    def open_quiz(self, quiz_id: str) -> None:
        """Open a quiz (or its last results once every attempt is used)."""
        self.course_app.router.open_quiz(quiz_id)

    def set_theme(self, theme: str) -> None:
        """Switch to one of the three themes (the app saves it for the learner)."""
        self.course_app.theme = theme

    def open_term(self, term_id: str) -> None:
        """Show a glossary term's definition."""
        self.course_app.router.open_term(term_id)

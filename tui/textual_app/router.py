"""Where screens go: the one place that knows which screen shows which place of the course.

Screens never import each other; they ask the router (``self.course_app.router``) to open a lesson,
a quiz, results or a review. The router imports screens lazily, so starting the app stays cheap.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Literal

from textual.binding import Binding, BindingType
from textual.screen import Screen

from course.engine import MAP, Target

if TYPE_CHECKING:
    from course.loading.findings import Finding
    from tui.textual_app.app import CourseApp

How = Literal["push", "switch"]


class Router:
    """Opens the screen for a place; ``how`` is "push" (over the current screen) or "switch" (instead)."""

    def __init__(self, app: CourseApp) -> None:
        self.app = app

    def _show(self, screen: Screen[None], how: How) -> None:
        if how == "switch":
            self.app.switch_screen(screen)
        else:
            self.app.push_screen(screen)

    def open(self, target: Target, how: How = "push") -> None:
        """Open a lesson, a quiz or results (the map is the bottom screen: nothing to open)."""
        if target.kind == "lesson" and target.id:
            self.open_lesson(target.id, how=how)
        elif target.kind == "quiz" and target.id:
            self.open_quiz(target.id, how=how)
        elif target.kind == "results" and target.id and target.attempt_id is not None:
            self.open_results(target.id, target.attempt_id, how=how)

    def open_lesson(self, lesson_id: str, find: str | None = None, how: How = "push") -> None:
        from tui.textual_app.screens.lesson import LessonScreen

        if self._waits_for_acknowledgment(lambda: self.open_lesson(lesson_id, find)):
            return
        self._show(LessonScreen(lesson_id, find=find), how)

    def open_quiz(self, quiz_id: str, retry: list[str] | None = None, how: How = "push") -> None:
        """The quiz, or its last results once every allowed attempt is used (an open one can be finished)."""
        from tui.textual_app.screens.quiz import QuizScreen

        if self._waits_for_acknowledgment(lambda: self.open_quiz(quiz_id, retry)):
            return
        limit = None if retry else self.app.study.quizzes.limit_reached(quiz_id)
        if limit is not None:
            self.app.notify(f"This quiz allows {limit.limit} attempt(s) and you have used them all.", severity="warning")
            if not self.showing_results(quiz_id):
                self.open_results(quiz_id, limit.last_attempt_id, how=how)
            return
        self._show(QuizScreen(quiz_id, retry_questions=retry), how)

    def place_shown(self) -> tuple[Target, Screen[Any] | None]:
        """The place the topmost lesson, quiz or results screen shows, with that screen (else the map)."""
        from tui.textual_app.screens.lesson import LessonScreen
        from tui.textual_app.screens.quiz import QuizScreen
        from tui.textual_app.screens.results import ResultsScreen

        for screen in reversed(self.app.screen_stack):
            if isinstance(screen, LessonScreen):
                return Target("lesson", screen.lesson_id), screen
            if isinstance(screen, QuizScreen):
                return Target("quiz", screen.quiz_id), screen
            if isinstance(screen, ResultsScreen):
                return Target("results", screen.quiz_id, screen.attempt_id), screen
        return MAP, None

    def open_course_errors(self, findings: Sequence[Finding]) -> None:
        """The preview's located errors of a version of the course that does not load (updated if shown)."""
        from tui.textual_app.preview.errors_screen import CourseErrorsScreen

        if isinstance(self.app.screen, CourseErrorsScreen):
            self.app.screen.show(findings)
        else:
            self.app.push_screen(CourseErrorsScreen(findings))

    def showing_results(self, quiz_id: str) -> bool:
        from tui.textual_app.screens.results import ResultsScreen

        screen = self.app.screen
        return isinstance(screen, ResultsScreen) and screen.quiz_id == quiz_id

    def open_results(self, quiz_id: str, attempt_id: int, how: How = "push") -> None:
        from tui.textual_app.screens.results import ResultsScreen

        self._show(ResultsScreen(quiz_id, attempt_id), how)

    def open_review(self) -> None:
        from tui.textual_app.screens.review import ReviewScreen

        if self._waits_for_acknowledgment(self.open_review):
            return
        self.app.push_screen(ReviewScreen())

    def open_notes(self) -> None:
        from tui.textual_app.screens.notes import NotesScreen

        self.app.push_screen(NotesScreen())

    def open_search(self, query: str = "") -> None:
        from tui.textual_app.screens.search import SearchScreen

        if not isinstance(self.app.screen, SearchScreen):
            self.app.push_screen(SearchScreen(query))

    def open_help(self) -> None:
        from tui.textual_app.screens.help import HelpScreen

        if not isinstance(self.app.screen, HelpScreen):
            self.app.push_screen(HelpScreen())

    def activity_page_due(self) -> bool:
        """Whether the CE activity page must come before the content: the course has [ce], not yet acknowledged."""
        return self.app.study.ce.content_locked()

    def _waits_for_acknowledgment(self, open_it: Callable[[], None]) -> bool:
        """Whether the content waits for the CE acknowledgment (the engine's rule): if so the activity page
        opens instead, and ``open_it`` runs once the learner has acknowledged it (not after Esc)."""
        if not self.app.study.ce.content_locked():
            return False
        self.app.notify("The activity information comes first: the lessons and quizzes open once you acknowledge it.")
        self.open_activity(lambda: None if self.app.study.ce.content_locked() else open_it())
        return True

    def open_activity(self, then: Callable[[], None] | None = None) -> None:
        """The CE activity page (information, disclosures, acknowledgment); ``then`` runs once it is closed."""
        from tui.textual_app.screens.ce_activity import ActivityScreen

        if self.app.study.ce.activity is None:
            self.app.notify("This course offers no continuing-education credit.")
            return
        if not isinstance(self.app.screen, ActivityScreen):
            self.app.push_screen(ActivityScreen(), (lambda _result: then()) if then is not None else None)

    def open_ce(self) -> None:
        """The CE screen: the checklist, engaged time and the next step towards the certificate."""
        from tui.textual_app.screens.ce_credit import CreditScreen

        if self.app.study.ce.activity is None:
            self.app.notify("This course offers no continuing-education credit.")
        elif not isinstance(self.app.screen, CreditScreen):
            self.app.push_screen(CreditScreen())

    def open_term(self, term_id: str, offer_card: bool = False) -> None:
        """A glossary term's definition and related terms; ``offer_card``: with "Add to review"."""
        from tui.textual_app.dialogs.info_dialog import InfoDialog

        course = self.app.course
        term = course.term(term_id)
        if term is None:
            return
        see_also = course.see_also_line(term)
        body = term.definition + (f"\n\n{see_also}" if see_also else "")
        if not offer_card:
            self.app.push_screen(InfoDialog(term.term, body))
            return

        def add(choice: bool | str | None) -> None:
            if isinstance(choice, str):
                self.app.write(lambda: self.app.study.reviews.add_term(term_id), self._term_added)

        self.app.push_screen(InfoDialog(term.term, body, card_id=term_id), add)

    def _term_added(self, added: bool) -> None:
        """Said only once the card is committed."""
        self.app.progress_changed()
        self.app.notify("Added to your review cards." if added else "It is already one of your review cards.")

    def binding_sections(self) -> list[tuple[str, list[Binding]]]:
        """(section title, bindings) for every screen and widget with keys of its own: for the help
        screen and for checking the keymap setting."""
        from tui.textual_app.screens.ce_activity import ActivityScreen
        from tui.textual_app.screens.ce_credit import CreditScreen
        from tui.textual_app.screens.course_map import CourseMapScreen
        from tui.textual_app.screens.lesson import LessonScreen
        from tui.textual_app.screens.notes import NotesScreen
        from tui.textual_app.screens.quiz import QuizScreen
        from tui.textual_app.screens.results import ResultsScreen
        from tui.textual_app.screens.review import ReviewScreen
        from tui.textual_app.screens.search import SearchScreen
        from tui.textual_app.widgets.answers import OrderAnswer

        sections: list[tuple[str, list[BindingType]]] = [
            ("Anywhere", type(self.app).BINDINGS),
            ("Course map", CourseMapScreen.BINDINGS),
            ("Lesson", LessonScreen.BINDINGS),
            ("Quiz", QuizScreen.BINDINGS),
            ("Ordering question", OrderAnswer.BINDINGS),
            ("Results", ResultsScreen.BINDINGS),
            ("Review", ReviewScreen.BINDINGS),
            ("Search", SearchScreen.BINDINGS),
            ("Notes and bookmarks", NotesScreen.BINDINGS),
            ("CE activity information", ActivityScreen.BINDINGS),
            ("CE credit", CreditScreen.BINDINGS),
        ]
        return [(title, [b for b in bindings if isinstance(b, Binding)]) for title, bindings in sections]

    def binding_ids(self) -> set[str]:
        """Every binding id a keymap setting may remap."""
        return {b.id for _, bindings in self.binding_sections() for b in bindings if b.id}

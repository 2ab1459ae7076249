"""What every screen of the course app shares: typed access to the app, the study engine and the router."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.screen import Screen

from course.engine import Study
from quizzes.quiz import Quiz

if TYPE_CHECKING:
    from tui.textual_app.app import CourseApp
    from tui.textual_app.router import Router


class CourseScreen(Screen[None]):
    """A full screen of the course app."""

    @property
    def course_app(self) -> CourseApp:
        """The app, typed."""
        return cast("CourseApp", self.app)

    @property
    def study(self) -> Study:
        """The study engine: every rule of taking the course."""
        return self.course_app.study

    @property
    def router(self) -> Router:
        """Opens other screens (screens never import each other)."""
        return self.course_app.router

    def save_place(self) -> None:
        """Queue where the learner is on this screen (reading place, study time); nothing by default."""

    def save_typed(self) -> None:
        """Queue text being typed here that would otherwise be lost (a note); nothing by default."""

    def save_work(self, *, current: bool = True) -> None:
        """Queue everything this screen would lose when the app quits or the course reloads: text being
        typed and, on the ``current`` screen, the place (a covered screen saved its place when covered)."""
        self.save_typed()
        if current:
            self.save_place()

    def quiz_by_id(self, quiz_id: str) -> Quiz:
        """The quiz with this id (screens are only ever opened on quizzes the course has)."""
        quiz = self.course_app.course.quiz(quiz_id)
        assert quiz is not None, quiz_id
        return quiz

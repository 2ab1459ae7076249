"""What every screen of the course app shares: typed access to the app, its course and its store."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.screen import Screen

from quizzes.quiz import Quiz

if TYPE_CHECKING:
    from tui.textual_app.app import CourseApp


class CourseScreen(Screen[None]):
    """A full screen of the course app."""

    @property
    def course_app(self) -> "CourseApp":
        """The app, typed."""
        return cast("CourseApp", self.app)

    def quiz_by_id(self, quiz_id: str) -> Quiz:
        """The quiz with this id (screens are only ever opened on quizzes the course has)."""
        module = self.course_app.course.module_of_quiz(quiz_id)
        assert module is not None and module.quiz is not None, quiz_id
        return module.quiz

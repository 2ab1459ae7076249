"""The Textual app and the one factory every front door uses to build it."""

from __future__ import annotations

import random
from datetime import datetime, timezone
from typing import Any, Callable

from textual.app import App
from textual.binding import Binding

from course.models import Course
from progress_store import LearnerProgress, Position, Store
from tui.store_writer import StoreWriter


class CourseApp(App[None]):
    """A learner taking one course: map, lessons, quizzes, with progress saved as they go."""

    CSS_PATH = "styles/global.tcss"
    ENABLE_COMMAND_PALETTE = True
    BINDINGS = [
        Binding(
            "ctrl+q", "quit", "Quit", tooltip="Save and quit; you will resume here.", priority=True, show=False, id="app.quit"
        ),
    ]

    def __init__(
        self,
        course: Course,
        store: Store,
        learner: str = "default",
        *,
        new_seed: Callable[[], int] | None = None,
        clock: Callable[[], datetime] | None = None,
        fuzz_reviews: bool = True,
    ) -> None:
        super().__init__()
        self.course = course
        self.store = store
        self.progress: LearnerProgress = store.learner(learner, course.info.id)
        self.new_seed = new_seed or (lambda: random.SystemRandom().randrange(1, 2**31))
        self.clock = clock or (lambda: datetime.now(timezone.utc))
        self.fuzz_reviews = fuzz_reviews
        self.writer = StoreWriter(self.call_from_thread, lambda message: self.notify(message, severity="error"))
        self.title = course.info.title

    def on_mount(self) -> None:
        """Start the store writer, show the map, then resume or greet a first-time learner."""
        from tui.dialogs.disclaimer import DisclaimerDialog
        from tui.screens.course_map import CourseMapScreen

        self.run_worker(self.writer.run, thread=True, group="store-writer", name="store-writer")
        self.push_screen(CourseMapScreen())
        position = self.progress.position()
        if position is None:
            self.push_screen(DisclaimerDialog(self.course.info.disclaimer), self._after_disclaimer)
        else:
            self.resume(position)

    def _after_disclaimer(self, _accepted: bool | None) -> None:
        self.save_position("map")

    def resume(self, position: Position) -> None:
        """Reopen the lesson or quiz the learner was in when they left."""
        from tui.screens.lesson import LessonScreen

        if position.screen == "lesson" and position.target_id and self.course.lesson(position.target_id):
            self.push_screen(LessonScreen(position.target_id))
        elif position.screen == "quiz" and position.target_id and self.course.module_of_quiz(position.target_id):
            self.push_screen(self.quiz_screen(position.target_id))
        elif position.screen == "results" and position.target_id and self.course.module_of_quiz(position.target_id):
            from tui.screens.results import ResultsScreen

            finished = [a for a in self.progress.attempts(position.target_id) if a.finished]
            if finished:
                self.push_screen(ResultsScreen(position.target_id, finished[-1].id))

    def quiz_screen(self, quiz_id: str) -> Any:
        """The screen that opening a quiz leads to: the quiz, or its last results once the attempt
        limit is used up (an attempt in progress can always be finished)."""
        from tui.screens.quiz import QuizScreen
        from tui.screens.results import ResultsScreen

        module = self.course.module_of_quiz(quiz_id)
        limit = module.quiz.max_attempts if module and module.quiz else 0
        if limit and self.progress.open_attempt(quiz_id) is None:
            finished = [a for a in self.progress.attempts(quiz_id, kind="full") if a.finished]
            if len(finished) >= limit:
                self.notify(f"This quiz allows {limit} attempt(s) and you have used them all.", severity="warning")
                return ResultsScreen(quiz_id, finished[-1].id)
        return QuizScreen(quiz_id)

    def write(self, write: Callable[[], Any], done: Callable[[Any], None] | None = None) -> None:
        """Save something to the progress store off the UI thread, in order."""
        self.writer.submit(write, done)

    def review_scheduler(self) -> Any:
        """An FSRS scheduler with the learner's desired retention."""
        from course.reviews import scheduler_for

        return scheduler_for(self.progress, fuzz=self.fuzz_reviews)

    def save_position(self, screen: str, target_id: str | None = None) -> None:
        """Remember where the learner is, so the next start resumes there."""
        self.write(lambda: self.progress.save_position(screen, target_id))

    def progress_changed(self, _result: object = None) -> None:
        """Tell the course map that statuses or scores changed."""
        from tui.screens.course_map import CourseMapScreen

        for screen in self.screen_stack:
            if isinstance(screen, CourseMapScreen):
                screen.refresh_progress()

    def on_unmount(self) -> None:
        """Let queued writes finish before the app exits."""
        self.writer.stop()
        self.writer.wait_idle(timeout=10)


def make_app(course: Course, store: Store, learner: str = "default", **options: Any) -> CourseApp:
    """Build the app. The CLI, the tests, ``course serve`` and the benchmarks all start here."""
    return CourseApp(course, store, learner, **options)

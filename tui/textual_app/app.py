"""The Textual app and the one factory every front door uses to build it."""

from __future__ import annotations

import random
from datetime import datetime, timezone
from typing import Any, Callable, Sequence

from textual.app import App
from textual.binding import Binding

from course.domain.models import Course
from course.loading.settings import Settings
from progress_store import LearnerProgress, Position, Store
from tui.textual_app.commands import CourseCommands
from tui.textual_app.store_writer import StoreWriter
from tui.textual_app.themes import HIGH_CONTRAST, SETTING_OF_THEME, THEME_NAMES


class CourseApp(App[None]):
    """A learner taking one course: map, lessons, quizzes, with progress saved as they go."""

    CSS_PATH = "styles/global.tcss"
    ENABLE_COMMAND_PALETTE = True
    BINDINGS = [
        Binding(
            "ctrl+q", "quit", "Quit", tooltip="Save and quit; you will resume here.", priority=True, show=False, id="app.quit"
        ),
        Binding("f1,question_mark", "help", "Help", tooltip="Every key, on one screen.", id="app.help"),
        Binding("ctrl+t", "cycle_theme", "Theme", tooltip="Dark, light or high contrast.", show=False, id="app.theme"),
        Binding("slash", "search", "Search", tooltip="Search lessons, glossary and explanations.", id="app.search"),
    ]
    COMMANDS = App.COMMANDS | {CourseCommands}

    def __init__(
        self,
        course: Course,
        store: Store,
        learner: str | None = "default",
        *,
        new_seed: Callable[[], int] | None = None,
        clock: Callable[[], datetime] | None = None,
        fuzz_reviews: bool = True,
        settings: Settings | None = None,
        settings_problems: Sequence[str] = (),
    ) -> None:
        super().__init__()
        self.course = course
        self.store = store
        if learner is None:
            known = store.learners()
            learner = known[0] if len(known) == 1 else "default" if not known else None
        self.progress: LearnerProgress = store.learner(learner, course.info.id) if learner else None  # type: ignore[assignment]
        self.new_seed = new_seed or (lambda: random.SystemRandom().randrange(1, 2**31))
        self.clock = clock or (lambda: datetime.now(timezone.utc))
        self.fuzz_reviews = fuzz_reviews
        self.settings = settings or Settings()
        self.settings_problems = list(settings_problems)
        self.register_theme(HIGH_CONTRAST)
        self.writer = StoreWriter(self.call_from_thread, lambda message: self.notify(message, severity="error"))
        self.title = course.info.title

    def on_mount(self) -> None:
        """Start the store writer; ask who is learning if several learners share this machine."""
        self.run_worker(self.writer.run, thread=True, group="store-writer", name="store-writer")
        if self.progress is None:
            from tui.textual_app.dialogs.profile_picker import ProfilePicker

            self.push_screen(ProfilePicker(self.store.learners()), self._start_as)
        else:
            self._start()

    def _start_as(self, learner: str | None) -> None:
        self.progress = self.store.learner(learner or "default", self.course.info.id)
        self._start()

    def _start(self) -> None:
        """Apply settings, show the map, then resume or greet a first-time learner."""
        from tui.textual_app.dialogs.disclaimer import DisclaimerDialog
        from tui.textual_app.screens.course_map import CourseMapScreen

        self._apply_settings()
        if self.progress.learner != "default":
            self.sub_title = f"learner: {self.progress.learner}"
        self.push_screen(CourseMapScreen())
        position = self.progress.position()
        if position is None:
            self.push_screen(DisclaimerDialog(self.course.info.disclaimer), self._after_disclaimer)
        else:
            self.resume(position)

    def _apply_settings(self) -> None:
        """Theme (the learner's choice, else the settings file) and remapped keys; report problems."""
        from tui.textual_app.keymap import binding_ids

        chosen = self.progress.setting("theme", self.settings.theme or "dark")
        self.theme = THEME_NAMES.get(str(chosen), "textual-dark")
        known = binding_ids()
        keymap = {}
        for binding_id, keys in self.settings.keys.items():
            if binding_id in known:
                keymap[binding_id] = keys
            else:
                self.settings_problems.append(f"unknown key binding id '{binding_id}' in the settings file; see the help screen (F1) for ids")
        if keymap:
            self.set_keymap(keymap)
        for problem in self.settings_problems:
            self.notify(problem, title="Settings", severity="warning", timeout=10)
        self.theme_changed_signal.subscribe(self, self._theme_changed)

    def _theme_changed(self, theme: Any) -> None:
        setting = SETTING_OF_THEME.get(theme.name, theme.name)
        self.write(lambda: self.progress.set_setting("theme", setting))

    def action_cycle_theme(self) -> None:
        """Dark, then light, then high contrast."""
        order = list(THEME_NAMES.values())
        current = order.index(self.theme) if self.theme in order else -1
        self.theme = order[(current + 1) % len(order)]
        self.notify(f"Theme: {SETTING_OF_THEME[self.theme]}", timeout=2)

    def action_search(self) -> None:
        """Full-text search of the course."""
        from tui.textual_app.screens.search import SearchScreen

        if not isinstance(self.screen, SearchScreen):
            self.push_screen(SearchScreen())

    def action_help(self) -> None:
        """Show every key."""
        from tui.textual_app.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def _after_disclaimer(self, _accepted: bool | None) -> None:
        self.save_position("map")

    def resume(self, position: Position) -> None:
        """Reopen the lesson or quiz the learner was in when they left."""
        from tui.textual_app.screens.lesson import LessonScreen

        if position.screen == "lesson" and position.target_id and self.course.lesson(position.target_id):
            self.push_screen(LessonScreen(position.target_id))
        elif position.screen == "quiz" and position.target_id and self.course.module_of_quiz(position.target_id):
            self.push_screen(self.quiz_screen(position.target_id))
        elif position.screen == "results" and position.target_id and self.course.module_of_quiz(position.target_id):
            from tui.textual_app.screens.results import ResultsScreen

            finished = [a for a in self.progress.attempts(position.target_id) if a.finished]
            if finished:
                self.push_screen(ResultsScreen(position.target_id, finished[-1].id))

    def quiz_screen(self, quiz_id: str) -> Any:
        """The screen that opening a quiz leads to: the quiz, or its last results once the attempt
        limit is used up (an attempt in progress can always be finished)."""
        from tui.textual_app.screens.quiz import QuizScreen
        from tui.textual_app.screens.results import ResultsScreen

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
        from course.engine.review_policy import scheduler_for

        return scheduler_for(self.progress, fuzz=self.fuzz_reviews)

    def save_position(self, screen: str, target_id: str | None = None) -> None:
        """Remember where the learner is, so the next start (and Continue) resumes there."""
        progress = self.progress
        key = f"last-opened:{self.course.info.id}"

        def save() -> None:
            progress.save_position(screen, target_id)
            if screen in ("lesson", "quiz") and target_id:
                progress.set_setting(key, {"screen": screen, "id": target_id})

        self.write(save)

    def progress_changed(self, _result: object = None) -> None:
        """Tell the course map that statuses or scores changed."""
        from tui.textual_app.screens.course_map import CourseMapScreen

        for screen in self.screen_stack:
            if isinstance(screen, CourseMapScreen):
                screen.refresh_progress()

    async def action_quit(self) -> None:
        """Save where the learner is (down to the scroll position), then quit."""
        save_place = getattr(self.screen, "save_place", None)
        if callable(save_place):
            save_place()
        self.exit()

    def on_unmount(self) -> None:
        """Let queued writes finish before the app exits."""
        self.writer.stop()
        self.writer.wait_idle(timeout=10)


def make_app(course: Course, store: Store, learner: str | None = "default", **options: Any) -> CourseApp:
    """Build the app. The CLI, the tests, ``course serve`` and the benchmarks all start here."""
    return CourseApp(course, store, learner, **options)

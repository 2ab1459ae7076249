"""The Textual app and the one factory every front door uses to build it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from textual.app import App
from textual.binding import Binding

from course.domain.models import Course
from course.engine import Study
from course.engine.context import random_seed, utc_now
from course.loading.settings import Settings
from progress_store import LearnerProgress, Store
from tui.textual_app.commands import CourseCommands
from tui.textual_app.router import Router
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
        self.new_seed = new_seed or random_seed
        self.clock = clock or utc_now
        self.fuzz_reviews = fuzz_reviews
        self.study: Study = self._study_of(learner) if learner else None  # type: ignore[assignment]
        self.router = Router(self)
        self.settings = settings or Settings()
        self.settings_problems = list(settings_problems)
        self.register_theme(HIGH_CONTRAST)
        self.writer = StoreWriter(self.call_from_thread, lambda message: self.notify(message, severity="error"))
        self.title = course.info.title

    def _study_of(self, learner: str) -> Study:
        records = self.store.learner(learner, self.course.info.id)
        return Study(self.course, records, clock=self.clock, new_seed=self.new_seed, fuzz_reviews=self.fuzz_reviews)

    @property
    def progress(self) -> LearnerProgress:
        """The learner's records (notes, bookmarks, settings: what has no rule of its own)."""
        return self.study.records

    def on_mount(self) -> None:
        """Start the store writer; ask who is learning if several learners share this machine."""
        self.run_worker(self.writer.run, thread=True, group="store-writer", name="store-writer")
        if self.study is None:
            from tui.textual_app.dialogs.profile_picker import ProfilePicker

            self.push_screen(ProfilePicker(self.store.learners()), self._start_as)
        else:
            self._start()

    def _start_as(self, learner: str | None) -> None:
        self.study = self._study_of(learner or "default")
        self._start()

    def _start(self) -> None:
        """Apply settings, show the map, then resume or greet a first-time learner."""
        from tui.textual_app.dialogs.disclaimer import DisclaimerDialog
        from tui.textual_app.screens.course_map import CourseMapScreen

        self._apply_settings()
        if self.progress.learner != "default":
            self.sub_title = f"learner: {self.progress.learner}"
        self.push_screen(CourseMapScreen())
        target = self.study.progress.resume_target()
        if target is None:
            self.push_screen(DisclaimerDialog(self.course.info.disclaimer), self._after_disclaimer)
        else:
            self.router.open(target)

    def _apply_settings(self) -> None:
        """Theme (the learner's choice, else the settings file) and remapped keys; report problems."""
        chosen = self.progress.setting("theme", self.settings.theme or "dark")
        self.theme = THEME_NAMES.get(str(chosen), "textual-dark")
        known = self.router.binding_ids()
        keymap = {}
        for binding_id, keys in self.settings.keys.items():
            if binding_id in known:
                keymap[binding_id] = keys
            else:
                self.settings_problems.append(
                    f"unknown key binding id '{binding_id}' in the settings file; see the help screen (F1) for ids"
                )
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
        self.router.open_search()

    def action_help(self) -> None:
        """Show every key."""
        self.router.open_help()

    def _after_disclaimer(self, _accepted: bool | None) -> None:
        self.write(self.study.progress.accept_disclaimer)

    def write(self, write: Callable[[], Any], done: Callable[[Any], None] | None = None) -> None:
        """Save something to the progress store off the UI thread, in order."""
        self.writer.submit(write, done)

    def enter_map(self) -> None:
        """The learner is on the map: the next start resumes there."""
        self.write(self.study.progress.enter_map)

    def progress_changed(self, _result: object = None) -> None:
        """Tell the screens that statuses, scores or study time changed (the map redraws)."""
        for screen in self.screen_stack:
            refresh = getattr(screen, "refresh_progress", None)
            if callable(refresh):
                refresh()

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

"""The Textual app and the one factory every front door uses to build it."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.theme import Theme
from textual.widget import Widget
from textual.worker import Worker, WorkerState

from course.domain.models import Course
from course.engine import Study
from course.engine.context import random_seed, utc_now
from course.engine.learners import implied_learner
from course.loading.settings import Settings
from progress_store import LearnerProgress, Store
from tui.textual_app.commands import CourseCommands
from tui.textual_app.dialogs.saving import SavingDialog, status_line
from tui.textual_app.router import Router
from tui.textual_app.screens.base import CourseScreen
from tui.textual_app.store_writer import StoreWriter, WriterStatus
from tui.textual_app.themes import HIGH_CONTRAST, SETTING_OF_THEME, THEME_NAMES

if TYPE_CHECKING:
    from tui.textual_app.preview.session import PreviewSession

PREVIEW_LABEL = "Preview · reloads on save"


def offered_themes(themes: dict[str, Theme]) -> dict[str, Theme]:
    """The three themes the course offers, of those registered."""
    return {name: themes[name] for name in THEME_NAMES.values() if name in themes}


def wall_now() -> datetime:
    """The real time, for how long a write has been failing (the course clock may be a test's)."""
    return datetime.now(timezone.utc)


class CourseApp(App[None]):
    """A learner taking one course: map, lessons, quizzes, with progress saved as they go."""

    CSS_PATH = "styles/global.tcss"
    ENABLE_COMMAND_PALETTE = True
    ENGAGEMENT_FLUSH_SECONDS = 60.0
    """How often the engaged time counted so far is queued for the store (a crash loses at most this much)."""
    BINDINGS = [
        Binding(
            "ctrl+q", "quit", "Quit", tooltip="Save and quit; you will resume here.", priority=True, show=False, id="app.quit"
        ),
        # Non-priority: a focused text field takes the letter first, so q quits only where nothing is typed.
        Binding("q", "quit", "Quit", tooltip="Save and quit, where no text field has focus.", show=False, id="app.quit_q"),
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
        preview: PreviewSession | None = None,
    ) -> None:
        super().__init__()
        self.course = course
        self.store = store
        if learner is None:
            learner = implied_learner(store.learners())
        self.new_seed = new_seed or random_seed
        self.clock = clock or utc_now
        self.fuzz_reviews = fuzz_reviews
        self.study: Study = self._study_of(learner) if learner else None  # type: ignore[assignment]
        self.router = Router(self)
        self.settings = settings or Settings()
        self.settings_problems = list(settings_problems)
        self.register_theme(HIGH_CONTRAST)
        self.writer = StoreWriter(self._deliver, self._writer_status, self.report_error)
        self._quitting = False
        self._warned_stuck = False
        self.title = course.info.title
        self.preview = preview  # ``course preview``: reloads the course when its files change

    _offered_themes: dict[str, Theme] | None = None  # Textual asks for them on every style lookup: kept

    @property
    def available_themes(self) -> dict[str, Theme]:
        """Only the three themes the course offers (dark, light, high contrast): one list, everywhere."""
        if self._offered_themes is None:
            self._offered_themes = offered_themes(super().available_themes)
        return dict(self._offered_themes)

    def register_theme(self, theme: Theme) -> None:
        super().register_theme(theme)
        self._offered_themes = None  # the app never unregisters one

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Textual's palette commands, less its theme list: the course's palette offers the three themes."""
        yield from (command for command in super().get_system_commands(screen) if command.title != "Theme")

    def _study_of(self, learner: str) -> Study:
        records = self.store.learner(learner, self.course.info.id)
        study = Study(self.course, records, clock=self.clock, new_seed=self.new_seed, fuzz_reviews=self.fuzz_reviews)
        # Engaged time is written by the store writer, never on the UI thread.
        study.ce.engagement.sink = lambda span: self.write(lambda: study.ce.record(span), self.progress_changed)
        return study

    @property
    def progress(self) -> LearnerProgress:
        """The learner's records (notes, bookmarks, settings: what has no rule of its own)."""
        return self.study.records

    def on_mount(self) -> None:
        """Start the store writer (and the preview's watcher), then open the course."""
        self.writer.start()
        self.set_interval(self.ENGAGEMENT_FLUSH_SECONDS, self.flush_engagement, name="engagement")
        # immediate: ^z stops the process right after publishing, so a deferred callback would only run
        # on resume, and the suspended time would count (up to the idle allowance).
        self.app_suspend_signal.subscribe(self, lambda _app: self._shown(False), immediate=True)
        self.app_resume_signal.subscribe(self, lambda _app: self._shown(True), immediate=True)
        if self.preview is not None:
            self.sub_title = self._learner_label()
            if not self.preview.start(self):
                return  # the course has errors: the preview shows them and opens the course once it loads
        self.open_course()

    def open_course(self) -> None:
        """Ask who is learning if several learners share this machine, then start."""
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
        self.sub_title = self._learner_label()
        self.push_screen(CourseMapScreen())
        target = self.study.progress.resume_target()
        if target is None:
            self.push_screen(DisclaimerDialog(self.course.info.disclaimer), self._after_disclaimer)
        else:
            self.router.open(target)  # a CE activity's page first, until acknowledged (the router asks the engine)

    def _learner_label(self) -> str:
        learner = self.study.records.learner if self.study is not None else "default"
        parts = ([] if learner == "default" else [f"learner: {learner}"]) + ([PREVIEW_LABEL] if self.preview else [])
        return " · ".join(parts)

    def replace_course(self, course: Course) -> None:
        """A new version of the course (the preview reloaded it) for the same learner; the caller rebuilds the screens."""
        self.course = course
        self.title = course.info.title
        if self.study is not None:
            self.study = self._study_of(self.study.records.learner)

    def _apply_settings(self) -> None:
        """Theme (the learner's choice, else the settings file) and remapped keys; report problems."""
        chosen = self.progress.setting("theme", self.settings.theme or "dark")
        self.theme = THEME_NAMES.get(str(chosen), "textual-dark")
        known = self.router.binding_ids() if self.settings.keys else set()  # it imports every screen: only for a keymap
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
        setting = SETTING_OF_THEME.get(theme.name)
        if setting is not None:
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

    def _after_disclaimer(self, accepted: bool | None) -> None:
        if accepted:
            self.write(self.study.progress.accept_disclaimer)
        if self.router.activity_page_due():
            self.router.open_activity()

    def write(self, write: Callable[[], Any], done: Callable[[Any], None] | None = None, owner: Widget | None = None) -> None:
        """Save something to the progress store off the UI thread, in order; ``done(result)`` runs on the
        UI thread once it is committed, unless ``owner`` (the screen that asked) has gone by then."""
        if done is not None and owner is not None:
            asked = done

            def done_if_still_there(result: Any) -> None:
                if owner.is_attached:
                    asked(result)

            done = done_if_still_there
        self.writer.submit(write, done)

    class Delivered(Message):
        """A callable from the writer thread, to run on the UI thread."""

        def __init__(self, call: Callable[[], None]) -> None:
            super().__init__()
            self.call = call

    def _deliver(self, call: Callable[[], None]) -> None:
        """Thread-safe and non-blocking: run ``call`` on the UI thread soon."""
        self.post_message(self.Delivered(call))

    def on_course_app_delivered(self, message: Delivered) -> None:
        try:
            message.call()
        except Exception as error:  # a follow-up step failed: report it; the app and the writer go on
            self.report_error(error)

    def report_error(self, error: BaseException) -> None:
        """The one error path: something failed off the happy path; say so and carry on."""
        self.log.error(repr(error))
        self.notify(f"Something went wrong: {error}", title="Error", severity="error", timeout=10)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Every worker runs with ``exit_on_error=False``; a failure not handled by its screen lands here."""
        if event.state == WorkerState.ERROR and event.worker.error is not None:
            self.report_error(event.worker.error)

    def _writer_status(self, status: WriterStatus) -> None:
        """Show honestly what is not saved yet, and since when."""
        if status.stuck:
            self.sub_title = f"unsaved: {status_line(status, wall_now())}"
            if not self._warned_stuck:
                self._warned_stuck = True
                self.notify(status_line(status, wall_now()), title="Progress not saved yet", severity="warning", timeout=8)
        elif self._warned_stuck:
            self._warned_stuck = False
            self.sub_title = self._learner_label()
            self.notify("All progress saved.", timeout=3)
        if isinstance(self.screen, SavingDialog):
            self.screen.show(status, wall_now())

    def enter_map(self) -> None:
        """The learner is on the map: the next start resumes there."""
        self.write(self.study.progress.enter_map)

    def progress_changed(self, _result: object = None) -> None:
        """Tell the screens that statuses, scores or study time changed (the map redraws)."""
        for screen in self.screen_stack:
            refresh = getattr(screen, "refresh_progress", None)
            if callable(refresh):
                refresh()

    async def on_event(self, event: events.Event) -> None:
        """Every key press and mouse event tells the engagement meter the learner is here (cheap)."""
        if isinstance(event, events.InputEvent) and not event.is_forwarded and self.study is not None:
            self.study.ce.engagement.activity(self.clock())
        await super().on_event(event)

    def on_app_focus(self, _event: events.AppFocus) -> None:
        self._shown(True)

    def on_app_blur(self, _event: events.AppBlur) -> None:
        self._shown(False)

    def _shown(self, shown: bool) -> None:
        """The terminal came back or went away (focus, suspend with ^z): hidden time is not engaged time."""
        if self.study is not None:
            self.study.ce.engagement.visible(shown, self.clock())

    def flush_engagement(self) -> None:
        """Queue the engaged time counted so far (every minute, and before quitting)."""
        if self.study is not None:
            self.study.ce.engagement.flush(self.clock())

    async def action_quit(self) -> None:
        """Save where the learner is (down to the scroll position), wait for every write, then quit."""
        if isinstance(self.screen, CourseScreen):
            self.screen.save_work()  # the place and a note being typed are queued before the drain
        self.flush_engagement()
        if self.writer.pending == 0:
            self.exit()
            return
        if self._quitting:
            return
        self._quitting = True
        self.push_screen(SavingDialog(self.writer.status(), wall_now()), self._saving_choice)
        self.run_worker(self._drain_then_exit, thread=True, group="quit", name="quit", exit_on_error=False)

    def _drain_then_exit(self) -> None:
        """Off the UI thread: wait until every queued write is committed, then exit."""
        while self._quitting:
            if self.writer.wait_idle(timeout=0.2):
                self.call_from_thread(self.exit)
                return

    def _saving_choice(self, quit_without_saving: bool | None) -> None:
        if quit_without_saving:
            self.writer.abandon()
            self.exit()
        else:
            self._quitting = False
            self.notify(f"Still saving: {status_line(self.writer.status(), wall_now())}", timeout=4)

    def on_unmount(self) -> None:
        """Nothing waits here: quitting drained the writes first (the CLI drains what a crash left).
        The preview's watcher thread is stopped."""
        if self.preview is not None:
            self.preview.stop()


def make_app(course: Course, store: Store, learner: str | None = "default", **options: Any) -> CourseApp:
    """Build the app. The CLI, the tests, ``course serve`` and the benchmarks all start here."""
    return CourseApp(course, store, learner, **options)

"""Reload a course being written, and put the author back where they were.

The watcher's thread does the slow part: it waits until every store write queued so far is
committed (nothing the app acknowledged is lost), then loads the course. The result goes to the UI
thread as a message. A version that does not load is shown on the errors screen, over the screens of
the last good one; a version that loads replaces the course, and the screens are built again on it
at the same place: the same lesson (which restores its own scroll place from the store, read after
the place the old screen saved), the same quiz at the same question, or the same results.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeAlias

from textual.screen import Screen
from textual.widget import AwaitMount

from course.domain.models import Course, CourseInfo
from course.engine import Target
from course.loading.findings import CourseError, Finding
from tui.textual_app.preview.errors_screen import CourseErrorsScreen
from tui.textual_app.preview.watcher import DEBOUNCE_MS, STEP_MS, CourseWatcher
from tui.textual_app.screens.base import CourseScreen

if TYPE_CHECKING:
    from tui.textual_app.app import CourseApp
    from tui.textual_app.screens.quiz import QuizScreen

Version: TypeAlias = Course | list[Finding]
"""A loaded course, or every finding when it does not load."""


def load(root: Path) -> Version:
    """The course at ``root``, or every finding of ``course.loading`` when it does not load."""
    from course.loading.loader import load_course

    try:
        return load_course(root)
    except CourseError as error:
        return list(error.findings)


def stand_in_course(root: Path) -> Course:
    """An empty course for the app to hold while the first version has errors (the app starts on the
    errors screen and records nothing for it)."""
    return Course(path=root, info=CourseInfo(id="preview", title=f"{root.name or root} (not loaded)"), modules=[])


def open_preview(root: Path, *, step_ms: int = STEP_MS, debounce_ms: int = DEBOUNCE_MS) -> tuple[Course, PreviewSession]:
    """Load the first version of the course at ``root``: the course to build the app on (a stand-in when
    it has errors) and the session to pass as the app's ``preview`` (watching with these timings)."""
    version = load(root)
    findings = [] if isinstance(version, Course) else version
    course = version if isinstance(version, Course) else stand_in_course(root)
    return course, PreviewSession(root, findings, step_ms=step_ms, debounce_ms=debounce_ms)


def _nothing() -> None:
    """A write that writes nothing: its follow-up runs after every write queued before it."""


class PreviewSession:
    """``course preview``: watches the folder ``root`` and shows each new version at the author's place.
    ``findings``: the errors of the first version, when it did not load."""

    def __init__(
        self, root: Path, findings: Sequence[Finding] = (), *, step_ms: int = STEP_MS, debounce_ms: int = DEBOUNCE_MS
    ) -> None:
        self.root = root
        self.findings = list(findings)  # the errors of the version shown; [] when it loaded
        self.versions = 0  # versions shown since the start (a course, or the errors of one)
        self.watcher = CourseWatcher(root, self._changed, self._failed, step_ms=step_ms, debounce_ms=debounce_ms)
        self._app: CourseApp | None = None
        self._opened = not self.findings  # whether the app has opened a course yet
        self._latest: Version | None = None
        self._applying = False
        self._returning: tuple[QuizScreen, str, int] | None = None  # a quiz screen not yet back at its question

    @property
    def app(self) -> CourseApp:
        assert self._app is not None, "the preview has not started"
        return self._app

    def start(self, app: CourseApp) -> bool:
        """Start watching; ``False`` (with the errors shown) when the first version did not load."""
        self._app = app
        self.watcher.start()
        if self.findings:
            app.router.open_course_errors(self.findings)
            return False
        return True

    def stop(self) -> bool:
        """Stop watching and wait for the watcher's thread to end; ``True`` once it has."""
        return self.watcher.stop()

    # on the watcher's thread

    def _changed(self, _paths: set[Path]) -> None:
        """Let every queued store write commit, then load the new version and hand it to the UI."""
        writer = self.app.writer
        while not writer.wait_idle(timeout=0.2):
            if self.watcher.stopping:
                return
        self._deliver(partial(self._arrived, load(self.root)))

    def _failed(self, error: BaseException) -> None:
        self._deliver(partial(self.app.report_error, error))

    def _deliver(self, call: Callable[[], None]) -> None:
        """Run ``call`` on the UI thread soon, without waiting for it."""
        if not self.watcher.stopping:
            self.app.post_message(self.app.Delivered(call))

    # on the UI thread

    def _arrived(self, version: Version) -> None:
        """Show the newest version; one at a time (a version that arrives meanwhile comes next)."""
        self._latest = version
        if not self._applying:
            self._applying = True
            self.app.run_worker(self._show_latest(), group="preview", exit_on_error=False)

    async def _show_latest(self) -> None:
        try:
            while self._latest is not None:
                version, self._latest = self._latest, None
                if isinstance(version, Course):
                    await self._show_course(version)
                else:
                    self.findings = version
                    self.app.router.open_course_errors(version)
                    await AwaitMount(self.app.screen, [self.app.screen])
                self.versions += 1
        finally:
            self._applying = False

    async def _show_course(self, course: Course) -> None:
        app = self.app
        self.findings = []
        if not self._opened or app.study is None:  # no course open yet, or still asking who is learning
            first = not self._opened
            self._opened = True
            await self._pop_while(lambda screen: first or isinstance(screen, CourseErrorsScreen))
            app.replace_course(course)
            if first:
                app.open_course()
            return
        target, shown = app.router.place_shown()
        question = self._question_of(shown)
        if shown is not None:
            self._leave(shown, current=shown is app.screen)
        await self._pop_while(lambda _screen: True)
        app.replace_course(course)
        from tui.textual_app.screens.course_map import CourseMapScreen

        await app.push_screen(CourseMapScreen())
        await self._reopen(course, target, question)

    async def _pop_while(self, wanted: Callable[[Screen[Any]], bool]) -> None:
        """Pop the top screen while ``wanted(screen)`` (never the app's bottom screen)."""
        while len(self.app.screen_stack) > 1 and wanted(self.app.screen):
            await self.app.pop_screen()

    @staticmethod
    def _leave(screen: Screen[Any], current: bool) -> None:
        """Queue what the screen would save on quitting: a note typed and, if it is the ``current`` screen,
        the reading place and study time (a covered screen saved them when it was covered)."""
        if isinstance(screen, CourseScreen):
            screen.save_work(current=current)

    def _question_of(self, screen: Screen[Any] | None) -> tuple[str, int] | None:
        """(question id, index) a quiz screen is on, or is going back to after the last reload."""
        from tui.textual_app.screens.quiz import QuizScreen

        if self._returning is not None and self._returning[0] is screen:
            return self._returning[1:]
        if not isinstance(screen, QuizScreen) or not 0 <= screen.index < len(screen.question_ids):
            return None
        return screen.question_ids[screen.index], screen.index

    async def _reopen(self, course: Course, target: Target, question: tuple[str, int] | None) -> None:
        """Open ``target`` over the map, if the new version still has it."""
        from tui.textual_app.screens.quiz import QuizScreen

        if target.kind == "map" or target.id is None:
            return
        if (course.lesson(target.id) if target.kind == "lesson" else course.quiz(target.id)) is None:
            self.app.notify(f"The {target.kind} '{target.id}' is no longer in the course.", severity="warning", timeout=6)
            return
        self.app.router.open(target)
        screen = self.app.screen
        if question is not None and isinstance(screen, QuizScreen):
            self._returning = (screen, *question)
            await AwaitMount(screen, [screen])  # its attempt is being opened through the writer: go after it
            self.app.write(_nothing, partial(self._attempt_opened, screen, *question))

    def _attempt_opened(self, screen: QuizScreen, question_id: str, index: int, _result: object) -> None:
        """The quiz screen has its attempt (its own write came first): go back to the question."""
        back = self._back_to_question(screen, question_id, index)
        self.app.run_worker(back, group="preview-question", exit_on_error=False)

    async def _back_to_question(self, screen: QuizScreen, question_id: str, index: int) -> None:
        """Show the question the author was on (by id; by position if the new version dropped it), once
        the question the attempt opened on is drawn."""
        for drawing in [w for w in screen.workers if w.node is screen and w.group == "draw-question"]:
            with contextlib.suppress(Exception):  # a draw cancelled or failed is over too
                await drawing.wait()
        if self._returning is not None and self._returning[0] is screen:
            self._returning = None
        if not screen.is_attached or screen.attempt is None or not screen.question_ids:
            return
        ids = screen.question_ids
        wanted = ids.index(question_id) if question_id in ids else min(index, len(ids) - 1)
        if wanted != screen.index:
            screen.index = wanted
            screen.show_question()

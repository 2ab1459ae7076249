"""The learner's private note on one lesson: a plain-text area that saves itself.

The note is saved one second after typing stops, and at once whenever the panel is hidden, another
screen comes up over it, or it is removed (leaving the lesson, quitting the app). Every save goes
through ``app.write`` (the one ordered store writer), never on the UI thread; the note is read the
same way when the panel opens, so a save still queued is never read back stale.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar, cast

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Static, TextArea

from progress_store.notes import MAX_NOTE_CHARS

if TYPE_CHECKING:
    from tui.textual_app.app import CourseApp

T = TypeVar("T")

AUTOSAVE_SECONDS = 1.0


def read_after_writes(app: CourseApp, read: Callable[[], T], done: Callable[[T], None]) -> None:
    """Read from the store once every queued write has committed, then call ``done`` on the UI thread.

    With nothing queued the read happens at once; otherwise it is queued behind the writes, so a
    note saved a moment ago is never read back stale.
    """
    if app.writer.pending == 0:
        done(read())
    else:
        app.write(read, cast("Callable[[Any], None]", done))


class NotesPanel(Vertical):
    """The learner's note on ``lesson_id``: type, and it is saved."""

    DEFAULT_CSS = """
    NotesPanel {
        height: auto;
        padding: 0 1;
        border-top: solid $primary-muted;
    }
    NotesPanel > .notes-title {
        text-style: bold;
        color: $secondary;
    }
    NotesPanel > TextArea {
        height: 8;
        min-height: 3;
    }
    NotesPanel > .notes-status {
        color: $text-muted;
        height: 1;
    }
    NotesPanel > .notes-status.-problem {
        color: $warning;
    }
    """

    class Saved(Message):
        """The note on ``lesson_id`` was committed to the store (``text`` is what was saved)."""

        def __init__(self, panel: NotesPanel, lesson_id: str, text: str) -> None:
            super().__init__()
            self.panel = panel
            self.lesson_id = lesson_id
            self.text = text

        @property
        def control(self) -> NotesPanel:
            """The panel that saved (for ``@on(NotesPanel.Saved, "#id")``)."""
            return self.panel

    def __init__(self, lesson_id: str, *, name: str | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.lesson_id = lesson_id
        self._saved_text = ""  # what the store holds (or will, once queued saves commit)
        self._loaded = False
        self._timer: Timer | None = None
        self._app: CourseApp | None = None
        self._area = TextArea(
            "",
            soft_wrap=True,
            tab_behavior="focus",
            show_line_numbers=False,
            read_only=True,
            placeholder="Loading your note…",
            id="notes-text",
        )

    @property
    def course_app(self) -> CourseApp:
        return cast("CourseApp", self.app)

    @property
    def text(self) -> str:
        """The text in the note area now."""
        return self._area.text

    @property
    def dirty(self) -> bool:
        """Whether there is typing not yet handed to the store."""
        return self._loaded and self.text != self._saved_text

    def compose(self) -> ComposeResult:
        yield Static("Your notes (private, plain text)", classes="notes-title")
        yield self._area
        yield Static("", classes="notes-status")

    def on_mount(self) -> None:
        self._app = self.course_app  # kept: the app is needed again while unmounting
        # Immediate, so a note is queued before the screen that comes up next reads the store.
        self._app.screen_change_signal.subscribe(self, self._screen_changed, immediate=True)
        progress, lesson_id = self._app.progress, self.lesson_id
        read_after_writes(self._app, lambda: progress.note(lesson_id), self._show_loaded)

    def _show_loaded(self, text: str) -> None:
        if not self.is_attached:
            return
        self._saved_text = text
        self._loaded = True
        area = self._area
        area.load_text(text)
        area.read_only = False
        area.placeholder = "Write anything you want to remember about this lesson."
        self._set_status("Saved" if text else "")

    @on(TextArea.Changed)
    def _typed(self, _event: TextArea.Changed) -> None:
        if not self._loaded:
            return
        self._cancel_timer()
        if not self.dirty:
            self._set_status("Saved" if self._saved_text else "")
            return
        self._set_status("Saving…")
        self._timer = self.set_timer(AUTOSAVE_SECONDS, self.save)

    def save(self) -> None:
        """Hand the note to the store now if it changed (the status line says when it is saved)."""
        self._cancel_timer()
        self._queue_save(notify=True)

    def _queue_save(self, notify: bool) -> None:
        app = self._app
        if app is None or not self.dirty:
            return
        text = self.text
        if len(text) > MAX_NOTE_CHARS:
            self._set_status(f"Too long to save: {len(text):,} of at most {MAX_NOTE_CHARS:,} characters", problem=True)
            return
        progress, lesson_id = app.progress, self.lesson_id
        self._saved_text = text
        done = (lambda _result: self._after_save(lesson_id, text)) if notify else None
        app.write(lambda: progress.save_note(lesson_id, text), done)

    def _after_save(self, lesson_id: str, text: str) -> None:
        if not self.is_attached:
            return
        if self.text == text:
            self._set_status("Saved")
        self.post_message(self.Saved(self, lesson_id, text))

    def on_hide(self, _event: events.Hide) -> None:
        self.save()

    def _screen_changed(self, active: Screen[Any]) -> None:
        """Save when another screen comes up over (or instead of) the panel's screen."""
        if self.is_attached and active is not self.screen:
            self.save()

    def on_unmount(self) -> None:
        # No completion callback: while the app shuts down the UI loop may be waiting for the writer.
        self._cancel_timer()
        self._queue_save(notify=False)

    def _cancel_timer(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    def _set_status(self, text: str, problem: bool = False) -> None:
        for status in self.query(".notes-status").results(Static):  # none while unmounting
            status.update(text)
            status.set_class(problem, "-problem")

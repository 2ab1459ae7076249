"""The learner's notes and bookmarks in one list, with a filter; Enter opens the lesson."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Footer, Header, Input, OptionList, Static
from textual.widgets.option_list import Option

from progress_store import Bookmark, Note
from tui.textual_app.safe_text import plain
from tui.textual_app.screens.base import CourseScreen
from tui.textual_app.widgets.notes_panel import read_after_writes

PREVIEW_CHARS = 60


@dataclass(frozen=True)
class Entry:
    """One row of the list: a bookmark or a note on a lesson."""

    kind: str  # "bookmark" or "note"
    lesson_id: str
    title: str  # the lesson's title, or its id if the course no longer has it
    text: str  # the note ("" for a bookmark)
    known: bool  # whether the course still has the lesson

    @property
    def option_id(self) -> str:
        return f"{self.kind}:{self.lesson_id}"

    def matches(self, needle: str) -> bool:
        """Case-insensitive substring match over the lesson title and the note."""
        return not needle or needle in self.title.casefold() or needle in self.text.casefold()

    def prompt(self) -> Content:
        """★ title, or ✎ title — first line of the note; always inert text."""
        mark = "★ " if self.kind == "bookmark" else "✎ "
        parts = [Content(mark), plain(self.title)]
        if self.kind == "note":
            parts += [Content(" — "), plain(first_line(self.text))]
        if not self.known:
            parts.append(Content.styled("  (no longer in this course)", "$text-muted"))
        return Content.assemble(*parts)


def first_line(text: str, width: int = PREVIEW_CHARS) -> str:
    """The note's first non-blank line, shortened to ``width`` characters."""
    line = next((part.strip() for part in text.splitlines() if part.strip()), "")
    return line if len(line) <= width else line[: width - 1].rstrip() + "…"


class NotesScreen(CourseScreen):
    """Bookmarks (newest first), then notes (most recently changed first), filtered as you type."""

    CSS_PATH = "notes.tcss"
    BINDINGS = [
        Binding("escape", "back", "Back", tooltip="Back to where you were.", id="notes.back"),
        Binding("ctrl+f", "focus_filter", "Filter", tooltip="Filter notes and bookmarks.", id="notes.filter"),
        Binding("down", "focus_list", "List", tooltip="Move from the filter to the list.", show=False, id="notes.list"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.entries: list[Entry] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Your notes and bookmarks", id="notes-heading")
        yield Input(placeholder="Filter notes…", id="notes-filter")
        yield OptionList(markup=False, id="notes-list")
        yield Static("", id="notes-empty", classes="muted")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#notes-filter", Input).focus()

    def on_screen_resume(self) -> None:
        """Load (again: a note may have changed in the lesson just left) once queued writes commit."""
        progress = self.course_app.progress
        read_after_writes(self.course_app, lambda: (progress.bookmarks(), progress.notes()), self._loaded)

    def _loaded(self, found: tuple[list[Bookmark], list[Note]]) -> None:
        if not self.is_attached:
            return
        bookmarks, notes = found
        course = self.course_app.course
        entries: list[Entry] = []
        for kind, items in (("bookmark", bookmarks), ("note", notes)):
            for item in items:
                located = course.lesson(item.lesson_id)
                title = located[1].title if located else item.lesson_id
                text = item.text if isinstance(item, Note) else ""
                entries.append(Entry(kind, item.lesson_id, title, text, located is not None))
        self.entries = entries
        self.show_entries()

    @on(Input.Changed, "#notes-filter")
    def _filter_changed(self) -> None:
        self.show_entries()

    def show_entries(self) -> None:
        """Fill the list with the entries that match the filter, keeping the highlighted one if it stays."""
        needle = self.query_one("#notes-filter", Input).value.strip().casefold()
        shown = [entry for entry in self.entries if entry.matches(needle)]
        option_list = self.query_one("#notes-list", OptionList)
        highlighted = option_list.highlighted_option.id if option_list.highlighted_option else None
        option_list.clear_options()
        bookmarks = [Option(e.prompt(), id=e.option_id) for e in shown if e.kind == "bookmark"]
        notes = [Option(e.prompt(), id=e.option_id) for e in shown if e.kind == "note"]
        divider: list[None] = [None] if bookmarks and notes else []
        option_list.add_options([*bookmarks, *divider, *notes])
        ids = [entry.option_id for entry in shown]
        if ids:
            option_list.highlighted = option_list.get_option_index(highlighted if highlighted in ids else ids[0])
        empty = self.query_one("#notes-empty", Static)
        if not self.entries:
            empty.update("No notes or bookmarks yet. Bookmark a lesson, or write in its notes panel, to find it here.")
        elif not shown:
            empty.update(plain(f"Nothing matches “{needle}”."))
        else:
            empty.update("")
        empty.display = not shown
        option_list.display = bool(shown)

    @on(Input.Submitted, "#notes-filter")
    def _submitted(self) -> None:
        """Enter in the filter opens the highlighted (or only) entry."""
        option_list = self.query_one("#notes-list", OptionList)
        option = option_list.highlighted_option
        if option is not None and option.id:
            self.open_entry(option.id)

    @on(OptionList.OptionSelected, "#notes-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_id:
            self.open_entry(event.option_id)

    def open_entry(self, option_id: str) -> None:
        """Open the lesson behind a bookmark or note."""
        _kind, _, lesson_id = option_id.partition(":")
        if self.course_app.course.lesson(lesson_id) is None:
            self.notify("That lesson is no longer in this course.", severity="warning")
            return
        self.course_app.router.open_lesson(lesson_id)

    def action_focus_filter(self) -> None:
        """Put the cursor in the filter."""
        self.query_one("#notes-filter", Input).focus()

    def action_focus_list(self) -> None:
        """Move from the filter down into the list."""
        option_list = self.query_one("#notes-list", OptionList)
        if option_list.display and option_list.option_count:
            option_list.focus()

    def action_back(self) -> None:
        """Return to the previous screen."""
        self.app.pop_screen()

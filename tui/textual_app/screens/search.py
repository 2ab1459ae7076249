"""Search the whole course: lessons, glossary and explanations, ranked, each hit shown in context."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any, cast

from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Header, Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import Worker, WorkerState

from course.search import Hit, SearchIndex
from tui.textual_app.dialogs.info_dialog import InfoDialog
from tui.textual_app.safe_text import plain

if TYPE_CHECKING:
    from tui.textual_app.app import CourseApp

KIND_LABELS = {"lesson": "Lesson", "term": "Glossary", "question": "Explanation"}
MATCH_STYLE = "bold underline $text-accent"
DEBOUNCE_SECONDS = 0.15
RESULT_LIMIT = 50

_build_lock = threading.Lock()


def cached_search_index(app: App[Any]) -> SearchIndex | None:
    """The app's search index if it has been built for the app's current course, else ``None``."""
    cached = getattr(app, "_course_search_index", None)
    course = getattr(app, "course", None)
    if cached is not None and cached[0] is course:
        return cast(SearchIndex, cached[1])
    return None


def search_index(app: App[Any]) -> SearchIndex:
    """The app's search index, built on first use and kept on the app (safe to call from a thread)."""
    index = cached_search_index(app)
    if index is not None:
        return index
    with _build_lock:
        index = cached_search_index(app)
        if index is None:
            course = cast("CourseApp", app).course
            index = SearchIndex.build(course)
            app._course_search_index = (course, index)  # type: ignore[attr-defined]
        return index


def highlighted(text: str, spans: tuple[tuple[int, int], ...], style: str = "") -> Content:
    """Untrusted ``text`` as inert content, with the matched ``spans`` highlighted."""
    content = plain(text)
    if style:
        content = content.stylize(style)
    if len(content.plain) != len(text):  # control characters were removed: offsets no longer line up
        return content
    for start, end in spans:
        content = content.stylize(MATCH_STYLE, start, end)
    return content


def hit_prompt(hit: Hit) -> Content:
    """A result: its kind and title on the first line, then the snippet (matched words highlighted)."""
    label = Content.styled(f"{KIND_LABELS[hit.kind]} · ", "bold $text-secondary")
    title = highlighted(hit.title, hit.title_spans, "bold")
    snippet = highlighted(hit.snippet, hit.spans, "$text-muted")
    return Content.assemble(label, title, "\n", snippet)


class SearchScreen(Screen[None]):
    """Type to search the course; Enter or a click opens the highlighted result, Escape goes back."""

    CSS_PATH = "search.tcss"
    BINDINGS = [
        Binding("escape", "back", "Back", tooltip="Close the search and go back.", id="search.back"),
        Binding("down", "results", "Results", tooltip="Move to the results.", show=False, id="search.results"),
        Binding("slash", "focus_input", "Search box", tooltip="Back to the search box.", id="search.focus"),
    ]

    def __init__(self, query: str = "") -> None:
        super().__init__()
        self.initial_query = query
        self.index: SearchIndex | None = None
        self.hits: list[Hit] = []
        self.shown_query: str | None = None
        self._debounce: Timer | None = None

    @property
    def course_app(self) -> CourseApp:
        return cast("CourseApp", self.app)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(self.initial_query, placeholder="Search lessons, glossary and explanations", id="search-input")
        yield Static("", id="search-status")
        yield OptionList(markup=False, id="search-results")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#search-input", Input).focus()
        self.index = cached_search_index(self.app)
        if self.index is None:
            self._set_status("Preparing the search…")
            self._build_index()
        else:
            self.run_query()

    @work(thread=True, exclusive=True, group="search-index", name="search-index", exit_on_error=False)
    def _build_index(self) -> SearchIndex:
        return search_index(self.app)

    @on(Worker.StateChanged)
    def _worker_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "search-index":
            return
        if event.state == WorkerState.SUCCESS:
            self.index = cast(SearchIndex, event.worker.result)
            self.run_query()
        elif event.state == WorkerState.ERROR:
            event.stop()  # handled here: the app's error path need not say it again
            self._set_status("Search is unavailable.")
            self.app.push_screen(InfoDialog("Search is unavailable", f"The course could not be indexed: {event.worker.error}"))

    @property
    def query_text(self) -> str:
        return self.query_one("#search-input", Input).value

    @on(Input.Changed, "#search-input")
    def _query_changed(self) -> None:
        """Search again once the learner pauses typing."""
        if self._debounce is not None:
            self._debounce.stop()
        self._debounce = self.set_timer(DEBOUNCE_SECONDS, self.run_query)

    def run_query(self) -> None:
        """Show the results for what is in the search box now."""
        if self._debounce is not None:
            self._debounce.stop()
            self._debounce = None
        if self.index is None:
            return
        query = self.query_text
        if query == self.shown_query:
            return
        self.shown_query = query
        self.hits = self.index.search(query, limit=RESULT_LIMIT) if query.strip() else []
        results = self.query_one("#search-results", OptionList)
        results.clear_options()
        results.add_options(Option(hit_prompt(hit), id=str(n)) for n, hit in enumerate(self.hits))
        if self.hits:
            results.highlighted = 0
        self._set_status(self._status_text(query))

    def _status_text(self, query: str) -> Content:
        if not query.strip():
            return Content('Type a word or two; "quotes" find a phrase. ↓ moves to the results, Enter opens one.')
        if not self.hits:
            return Content.assemble("No results for ", plain(query.strip()), ".")
        count = len(self.hits)
        amount = f"The best {count} results" if count >= RESULT_LIMIT else f"{count} result{'s' if count != 1 else ''}"
        return Content(f"{amount}. Enter opens the highlighted one.")

    def _set_status(self, text: str | Content) -> None:
        self.query_one("#search-status", Static).update(text if isinstance(text, Content) else Content(text))

    @on(Input.Submitted, "#search-input")
    def _submitted(self) -> None:
        """Enter in the search box opens the highlighted (or first) result."""
        self.run_query()
        if not self.hits:
            return
        index = self.query_one("#search-results", OptionList).highlighted
        self.open_hit(self.hits[index if index is not None and index < len(self.hits) else 0])

    @on(OptionList.OptionSelected, "#search-results")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        if 0 <= event.option_index < len(self.hits):
            self.open_hit(self.hits[event.option_index])

    def open_hit(self, hit: Hit) -> None:
        """Open a lesson at the match, or show a term's definition or a question's explanation."""
        course = self.course_app.course
        if hit.kind == "lesson" and hit.lesson_id and course.lesson(hit.lesson_id):
            self.course_app.router.open_lesson(hit.lesson_id, find=hit.match_text)
        elif hit.kind == "term":
            self.course_app.router.open_term(hit.target_id)
        elif hit.kind == "question":
            question = course.question(hit.target_id)
            if question is not None:
                self.app.push_screen(InfoDialog(question.prompt, question.explanation))

    def action_back(self) -> None:
        """Close the search."""
        self.app.pop_screen()

    def action_results(self) -> None:
        """Move from the search box to the results."""
        results = self.query_one("#search-results", OptionList)
        if results.option_count:
            results.focus()

    def action_focus_input(self) -> None:
        """Back to the search box."""
        self.query_one("#search-input", Input).focus()

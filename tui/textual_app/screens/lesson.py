"""A lesson: its Markdown body, key points and references; mark it done and move on."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Footer, Header, Markdown, Static
from textual.widgets.markdown import MarkdownBlock

from course.domain.models import Course, Module
from course.engine import Target
from lessons.links import parse_href
from lessons.model import Lesson
from tui.textual_app.dialogs.contents_dialog import ContentsDialog
from tui.textual_app.dialogs.info_dialog import InfoDialog
from tui.textual_app.safe_text import plain
from tui.textual_app.screens.base import CourseScreen
from tui.textual_app.study_timer import StudyTimer
from tui.textual_app.widgets.notes_panel import NotesPanel

CALLOUTS = {"key point": "callout-key", "caution": "callout-caution", "evidence note": "callout-evidence"}


def key_points_markdown(lesson: Lesson) -> str:
    """The key points as a Markdown list."""
    return "\n".join(f"- {point}" for point in lesson.key_points)


def references_markdown(course: Course, lesson: Lesson) -> str:
    """The lesson's references as a numbered Markdown list (links go through the reference dialog)."""
    lines = []
    for n, ref_id in enumerate(lesson.references, start=1):
        reference = course.reference(ref_id)
        if reference is not None:
            lines.append(f"{n}. [{reference.citation}](ref:{reference.id})")
    return "\n".join(lines)


class LessonScreen(CourseScreen):
    """Reads one lesson; ``d`` marks it done, ``n``/``p`` move between lessons, Escape goes back."""

    CSS_PATH = "lesson.tcss"
    BINDINGS = [
        Binding("escape", "back", "Map", tooltip="Back to the course map.", id="lesson.back"),
        Binding("d", "done", "Mark done", tooltip="Mark this lesson done.", id="lesson.done"),
        Binding("n", "next", "Next", tooltip="Next lesson (or the module quiz).", id="lesson.next"),
        Binding("p", "previous", "Previous", tooltip="Previous lesson.", id="lesson.previous"),
        Binding("t", "contents", "Contents", tooltip="Jump to a heading of this lesson.", id="lesson.contents"),
        Binding("o", "notes", "Notes", tooltip="Show or hide your private notes on this lesson.", id="lesson.notes"),
        Binding("b", "bookmark", "Bookmark", tooltip="Bookmark this lesson (or remove the bookmark).", id="lesson.bookmark"),
        Binding("q", "app.quit", "Quit", tooltip="Quit; you will resume on this lesson.", id="lesson.quit"),
    ]

    def __init__(self, lesson_id: str, find: str | None = None) -> None:
        super().__init__()
        self.lesson_id = lesson_id
        self.find = find
        self.timer = StudyTimer("lesson", lesson_id)

    @property
    def located(self) -> tuple[Module, Lesson]:
        found = self.course_app.course.lesson(self.lesson_id)
        assert found is not None, self.lesson_id
        return found

    def compose(self) -> ComposeResult:
        module, lesson = self.located
        course = self.course_app.course
        yield Header()
        with VerticalScroll(id="lesson-scroll"):
            yield Static(plain(module.title), id="lesson-module", classes="muted")
            yield Static(plain(lesson.title), id="lesson-title")
            yield Static(self._status_text(), id="lesson-status", classes="muted")
            yield Markdown(lesson.body, open_links=False, id="lesson-body")
            if lesson.key_points:
                yield Static("Key points", classes="section-title")
                yield Markdown(key_points_markdown(lesson), open_links=False, id="lesson-key-points")
            if lesson.references:
                yield Static("References", classes="section-title")
                yield Markdown(references_markdown(course, lesson), open_links=False, id="lesson-references")
        yield NotesPanel(lesson.id, id="lesson-notes")
        with Horizontal(classes="button-row", id="lesson-buttons"):
            yield Button("Mark done", variant="success", id="done")
            yield Button(self._next_label(), variant="primary", id="next")
            yield Button("Back to map", id="back")
        yield Footer()

    def on_mount(self) -> None:
        app, progress, lesson_id = self.course_app, self.study.progress, self.lesson_id
        app.write(lambda: progress.open_lesson(lesson_id), app.progress_changed)
        self.query_one("#lesson-scroll").focus()
        self.call_after_refresh(self._restore_place)
        self.timer.start()

    def on_screen_resume(self) -> None:
        self.timer.start()

    def _mark_callouts(self) -> None:
        """Block quotes that start with a label become styled callouts."""
        for quote in self.query("MarkdownBlockQuote"):
            text = " ".join(b._content.plain for b in quote.query(MarkdownBlock))
            label = text.strip().casefold()
            for prefix, css_class in CALLOUTS.items():
                if label.startswith(prefix):
                    quote.add_class(css_class)
                    break

    def action_contents(self) -> None:
        """Show the lesson's headings; jump to the one picked."""
        body = self.query_one("#lesson-body", Markdown)
        headings = body.table_of_contents
        if not headings:
            self.notify("This lesson has no headings.")
            return

        def jump(block_id: str | None) -> None:
            if block_id:
                targets = body.query(f"#{block_id}")
                if targets:
                    self.query_one("#lesson-scroll", VerticalScroll).scroll_to_widget(targets.first(), top=True, animate=False)

        self.app.push_screen(ContentsDialog(headings), jump)

    def _restore_place(self) -> None:
        """Open at the search match if there is one, else where the learner last stopped reading."""
        self._mark_callouts()
        scroll = self.query_one("#lesson-scroll", VerticalScroll)
        if self.find:
            needle = self.find.casefold()
            for block in self.query(MarkdownBlock):
                content = getattr(block, "_content", None)
                if content is not None and needle in content.plain.casefold():
                    scroll.scroll_to_widget(block, top=True, animate=False)
                    return
        saved = self.course_app.progress.scroll(self.lesson_id)
        if saved:
            scroll.scroll_to(y=saved, animate=False)

    def on_screen_suspend(self) -> None:
        self.save_place()

    def save_place(self) -> None:
        """Remember how far down the lesson the learner has read, and the time spent on it."""
        app = self.course_app
        self.timer.flush(app)
        scrolls = self.query("#lesson-scroll")
        if not scrolls:
            return
        y = scrolls.first().scroll_y
        lesson_id, progress = self.lesson_id, self.study.progress
        app.write(lambda: progress.save_scroll(lesson_id, y))

    def action_back(self) -> None:
        """Return to the course map."""
        self.save_place()
        self.app.pop_screen()

    def _status_text(self) -> str:
        _, lesson = self.located
        progress = self.course_app.progress
        done = self.study.progress.lesson_done(self.lesson_id)
        marked = progress.is_bookmarked(self.lesson_id)
        return f"{lesson.estimated_minutes} min read" + (" · ✓ done" if done else "") + (" · ★ bookmarked" if marked else "")

    def action_notes(self) -> None:
        """Show or hide the notes panel (hiding it saves the note)."""
        panel = self.query_one("#lesson-notes", NotesPanel)
        panel.display = not panel.display
        if panel.display:
            panel.query_one("TextArea").focus()
        else:
            panel.save()
            self.query_one("#lesson-scroll").focus()

    def action_bookmark(self) -> None:
        """Bookmark this lesson, or remove its bookmark."""
        app = self.course_app
        lesson_id = self.lesson_id

        def done(marked: bool) -> None:
            self.notify("Bookmarked." if marked else "Bookmark removed.", timeout=2)
            if self.is_mounted:
                self.query_one("#lesson-status", Static).update(self._status_text())

        app.write(lambda: app.progress.toggle_bookmark(lesson_id), done, owner=self)

    def _neighbour(self, step: int) -> Target | None:
        """The next or previous place in course order."""
        return self.study.progress.neighbour(self.lesson_id, step)

    def _next_label(self) -> str:
        following = self._neighbour(+1)
        if following is None:
            return "Finish"
        return "Take the quiz →" if following.kind == "quiz" else "Next lesson →"

    def action_done(self) -> None:
        """Mark this lesson done."""
        progress, lesson_id = self.study.progress, self.lesson_id
        self.course_app.write(lambda: progress.complete_lesson(lesson_id), self._after_done)

    def _after_done(self, _result: object) -> None:
        self.course_app.progress_changed()
        if self.is_mounted:
            self.query_one("#lesson-status", Static).update(self._status_text())
        self.notify("Lesson marked done.")

    def action_next(self) -> None:
        """Go to the next lesson or quiz."""
        self._go(self._neighbour(+1))

    def action_previous(self) -> None:
        """Go to the previous lesson."""
        self._go(self._neighbour(-1))

    def _go(self, target: Target | None) -> None:
        if target is None:
            self.action_back()
            return
        self.save_place()
        self.router.open(target, how="switch")

    @on(Button.Pressed, "#done")
    def _done_pressed(self) -> None:
        self.action_done()

    @on(Button.Pressed, "#next")
    def _next_pressed(self) -> None:
        self.action_done()
        self.action_next()

    @on(Button.Pressed, "#back")
    def _back_pressed(self) -> None:
        self.action_back()

    @on(Markdown.LinkClicked)
    def follow_link(self, event: Markdown.LinkClicked) -> None:
        """Glossary and reference links open a dialog; outside links open only if the learner confirms."""
        event.prevent_default()
        course = self.course_app.course
        internal = parse_href(event.href)
        if internal and internal[0] == "glossary":
            self.router.open_term(internal[1], offer_card=True)
            return
        if internal and internal[0] == "ref":
            reference = course.reference(internal[1])
            if reference is not None:
                self._offer_url("Reference", reference.citation, reference.url)
            return
        if event.href.startswith("https://"):
            self._offer_url("Outside link", "This link leads outside the course.", event.href)
        else:
            self.notify("Only https links can be opened.", severity="warning")

    def _offer_url(self, title: str, body: str, url: str) -> None:
        def opened(open_it: bool | str | None) -> None:
            if open_it is True and url.startswith("https://"):
                self.app.open_url(url)

        self.app.push_screen(InfoDialog(title, body, url if url.startswith("https://") else ""), opened)

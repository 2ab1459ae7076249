"""A lesson: its Markdown body, key points and references; mark it done and move on."""

from __future__ import annotations

import webbrowser

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.notifications import SeverityLevel
from textual.widgets import Button, Footer, Header, Static

from course.domain.models import Course, Module
from course.domain.text_safety import escape_markdown
from course.engine import Target
from lessons.links import parse_href
from lessons.markdown import links
from lessons.model import Lesson
from tui.textual_app import reading_place
from tui.textual_app.dialogs.contents_dialog import ContentsDialog
from tui.textual_app.dialogs.info_dialog import InfoDialog
from tui.textual_app.dialogs.links_dialog import LinkEntry, LinksDialog
from tui.textual_app.safe_text import plain
from tui.textual_app.screens.base import CourseScreen
from tui.textual_app.study_timer import StudyTimer
from tui.textual_app.widgets.lesson_scroll import LessonScroll
from tui.textual_app.widgets.lesson_text import LessonText, LinkClicked
from tui.textual_app.widgets.notes_panel import NotesPanel


def key_points_markdown(lesson: Lesson) -> str:
    """The key points as a Markdown list."""
    return "\n".join(f"- {point}" for point in lesson.key_points)


def references_markdown(course: Course, lesson: Lesson) -> str:
    """The lesson's references as a numbered Markdown list (links go through the reference dialog),
    each with its address shown as code (text, not a second link)."""
    lines = []
    for n, ref_id in enumerate(lesson.references, start=1):
        reference = course.reference(ref_id)
        if reference is not None:
            url = reference.url.replace("`", "")
            lines.append(f"{n}. [{escape_markdown(reference.citation)}](ref:{reference.id})" + (f" `{url}`" if url else ""))
    return "\n".join(lines)


def link_entries(course: Course, lesson: Lesson) -> list[LinkEntry]:
    """Every link of the lesson (body and key points, then its references), once each, in order."""
    entries: dict[str, LinkEntry] = {}
    for link in links(lesson.body + "\n\n" + key_points_markdown(lesson)):
        internal = parse_href(link.href)
        if link.href in entries or link.form == "image":
            continue
        if internal and internal[0] == "glossary":
            term = course.term(internal[1])
            if term is not None:
                entries[link.href] = LinkEntry("Glossary", term.term, term.definition, link.href)
        elif internal and internal[0] == "ref":
            reference = course.reference(internal[1])
            if reference is not None:
                entries[link.href] = LinkEntry("Reference", reference.citation, reference.url, link.href)
        elif link.href.startswith("https://"):
            entries[link.href] = LinkEntry("Web", link.text or link.href, link.href, link.href)
    for ref_id in lesson.references:
        reference = course.reference(ref_id)
        if reference is not None and f"ref:{ref_id}" not in entries:
            entries[f"ref:{ref_id}"] = LinkEntry("Reference", reference.citation, reference.url, f"ref:{ref_id}")
    return list(entries.values())


def browser_available() -> bool:
    """Whether Python's ``webbrowser`` can find a browser to start here (blocking: call off the UI thread)."""
    try:
        webbrowser.get()
    except webbrowser.Error:
        return False
    return True


class LessonScreen(CourseScreen):
    """Reads one lesson; ``d`` marks it done, ``n`` moves on (marking it done), ``p`` goes back, Escape to the map."""

    CSS_PATH = "lesson.tcss"
    # The footer shows the keys that fit at 80 columns; F1 lists all of them with the longer wording.
    BINDINGS = [
        Binding("escape", "back", "Back", tooltip="Back to the map or search results; in a note, close it.", id="lesson.back"),
        Binding(
            "n", "next", "Done, next", tooltip="Mark this lesson done and go to the next lesson (or the quiz).", id="lesson.next"
        ),
        Binding("p", "previous", "Prev", tooltip="Previous lesson (does not mark this one done).", id="lesson.previous"),
        Binding("d", "done", "Mark done", tooltip="Mark this lesson done and stay on it.", show=False, id="lesson.done"),
        Binding("l", "links", "Links", tooltip="List this lesson's glossary terms, references and links.", id="lesson.links"),
        Binding("t", "contents", "Contents", tooltip="Jump to a heading of this lesson.", show=False, id="lesson.contents"),
        Binding("o", "notes", "Notes", tooltip="Show or hide your private notes on this lesson.", id="lesson.notes"),
        Binding(
            "b",
            "bookmark",
            "Bookmark",
            tooltip="Bookmark this lesson (or remove the bookmark).",
            show=False,
            id="lesson.bookmark",
        ),
        Binding("q", "app.quit", "Quit", tooltip="Quit; you will resume on this lesson.", show=False, id="lesson.quit"),
    ]

    def __init__(self, lesson_id: str, find: str | None = None) -> None:
        super().__init__()
        self.lesson_id = lesson_id
        self.find = find
        self.timer = StudyTimer("lesson", lesson_id)
        self.place = reading_place.PlaceKeeper(self, self._restore_place)

    @property
    def located(self) -> tuple[Module, Lesson]:
        found = self.course_app.course.lesson(self.lesson_id)
        assert found is not None, self.lesson_id
        return found

    def compose(self) -> ComposeResult:
        module, lesson = self.located
        course = self.course_app.course
        yield Header()
        with LessonScroll(id="lesson-scroll"):
            yield Static(plain(module.title), id="lesson-module", classes="muted")
            yield Static(plain(lesson.title), id="lesson-title")
            yield Static(self._status_text(), id="lesson-status", classes="muted")
            yield LessonText(lesson.body, id="lesson-body")
            if lesson.key_points:
                yield Static("Key points", classes="section-title")
                yield LessonText(key_points_markdown(lesson), id="lesson-key-points")
            if lesson.references:
                yield Static("References", classes="section-title")
                yield LessonText(references_markdown(course, lesson), id="lesson-references")
        with Horizontal(classes="button-row", id="lesson-buttons"):
            yield Button("Mark done", variant="success", id="done", compact=True)
            yield Button(self._next_label(), variant="primary", id="next", compact=True)
            yield Button("Back to map", id="back", compact=True)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        app, progress, lesson_id = self.course_app, self.study.progress, self.lesson_id
        app.write(lambda: progress.open_lesson(lesson_id), app.progress_changed)
        self.query_one("#lesson-scroll").focus()
        # read through the writer: after the writes queued before it (leaving this lesson a moment ago)
        app.write(lambda: progress.place(lesson_id), self.place.place_read, owner=self)
        self.timer.start(self.course_app)

    def on_screen_resume(self) -> None:
        self.timer.start(self.course_app)

    def action_contents(self) -> None:
        """Show the lesson's headings; jump to the one picked."""
        body = self.query_one("#lesson-body", LessonText)
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
        self.place.restore(self.query_one("#lesson-scroll", VerticalScroll), self.find)

    def on_screen_suspend(self) -> None:
        self.save_place()

    def save_place(self) -> None:
        """Remember the place read (a block and a fraction of it) and the time spent; every way out comes here."""
        self.timer.flush(self.course_app)
        self.place.save(self.course_app.write, self.study.progress, self.lesson_id)

    def save_typed(self) -> None:
        """Queue the note being typed, if the notes panel was opened."""
        for panel in self.query("#lesson-notes").results(NotesPanel):
            panel.save()

    def action_back(self) -> None:
        """Return to the course map; Esc while typing a note only closes the note."""
        panel = next(self.query("#lesson-notes").results(NotesPanel), None)
        focused = self.focused
        if panel is not None and panel.display and focused is not None and panel in focused.ancestors_with_self:
            self._close_notes()
            return
        self.save_place()
        self.app.pop_screen()

    def _status_text(self) -> str:
        _, lesson = self.located
        progress = self.course_app.progress
        done = self.study.progress.lesson_done(self.lesson_id)
        marked = progress.is_bookmarked(self.lesson_id)
        return f"{lesson.estimated_minutes} min read" + (" · ✓ done" if done else "") + (" · ★ bookmarked" if marked else "")

    async def action_notes(self) -> None:
        """Show or hide the notes panel (hiding it saves the note). The panel is mounted the first
        time it is asked for: a text area costs a lesson's opening time that most visits never use."""
        panels = self.query("#lesson-notes").results(NotesPanel)
        panel = next(panels, None)
        if panel is None:
            panel = NotesPanel(self.lesson_id, id="lesson-notes")
            await self.mount(panel, before=self.query_one("#lesson-buttons"))
        elif panel.display:
            self._close_notes()
            return
        panel.display = True
        panel.query_one("TextArea").focus()

    def _close_notes(self) -> None:
        """Esc in the note (or ``o``): save it, hide it, and go back to reading; never leave the lesson."""
        panel = self.query_one("#lesson-notes", NotesPanel)
        panel.save()
        panel.display = False
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
            return "Done, finish"
        return "Done, take the quiz →" if following.kind == "quiz" else "Done, next lesson →"

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
        """Move on (the engine's rule: the lesson counts as done) to the next lesson or quiz."""
        progress, lesson_id = self.study.progress, self.lesson_id
        self.save_place()
        self.course_app.write(lambda: progress.move_on(lesson_id), self._moved_on, owner=self)

    def _moved_on(self, target: Target | None) -> None:
        self.course_app.progress_changed()
        if not self.is_current:
            return
        self.notify("Lesson marked done.", timeout=2)
        self._go(target)

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
        self.action_next()

    @on(Button.Pressed, "#back")
    def _back_pressed(self) -> None:
        self.action_back()

    def action_links(self) -> None:
        """List the lesson's terms, references and links; the one picked opens as if clicked."""
        entries = link_entries(self.course_app.course, self.located[1])
        if not entries:
            self.notify("This lesson has no links or glossary terms.")
            return

        def picked(href: str | None) -> None:
            if href:
                self.follow(href)

        self.app.push_screen(LinksDialog(entries), picked)

    @on(LinkClicked)
    def follow_link(self, event: LinkClicked) -> None:
        """A link clicked in the lesson text."""
        event.stop()
        self.follow(event.href)

    def follow(self, href: str) -> None:
        """Glossary and reference links open a dialog; outside links open only if the learner confirms."""
        course = self.course_app.course
        internal = parse_href(href)
        if internal and internal[0] == "glossary":
            self.router.open_term(internal[1], offer_card=True)
            return
        if internal and internal[0] == "ref":
            reference = course.reference(internal[1])
            if reference is not None:
                self._offer_url("Reference", reference.citation, reference.url)
            return
        if href.startswith("https://"):
            self._offer_url("Outside link", "This link leads outside the course.", href)
        else:
            self.notify("Only https links can be opened.", severity="warning")

    def _offer_url(self, title: str, body: str, url: str) -> None:
        def opened(open_it: bool | str | None) -> None:
            if open_it is not True or not url.startswith("https://"):
                return
            if self.app.is_web:  # served: the learner's own browser opens it, through the web driver
                self.app.open_url(url)
                self.notify("Asked your browser to open the page in a new tab.", timeout=10)
            else:
                self._open_in_browser(url)

        self.app.push_screen(InfoDialog(title, body, url if url.startswith("https://") else ""), opened)

    @work(thread=True, exit_on_error=False, group="browser")
    def _open_in_browser(self, url: str) -> None:
        """Ask for the page in a local browser (off the UI thread: it starts a process), then say what happened."""
        self.app.open_url(url)
        severity: SeverityLevel = "information"
        if browser_available():
            message = f"Opening in your web browser: {url}"
        else:
            message, severity = f"No web browser is available here, so nothing was opened. The address is: {url}", "warning"
        self.post_message(self.BrowserTried(message, severity))  # thread-safe; never wait for the UI

    class BrowserTried(Message):
        """What happened when the learner asked for a page in the browser."""

        def __init__(self, text: str, severity: SeverityLevel) -> None:
            super().__init__()
            self.text = text
            self.severity: SeverityLevel = severity

    def on_lesson_screen_browser_tried(self, message: BrowserTried) -> None:
        self.notify(message.text, severity=message.severity, timeout=10)

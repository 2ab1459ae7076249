"""The course map: modules with a progress bar each, their lessons with status, and the quiz."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Footer, Header, Label, ProgressBar, Sparkline, Static, Tree

from course.domain.models import Module
from tui.textual_app.screens.base import CourseScreen
from tui.textual_app.safe_text import bar, plain, plain_text

if TYPE_CHECKING:
    pass

MODULE_INDENT, LEAF_INDENT, TREE_PADDING = 2, 5, 3  # columns taken by tree guides and padding
STATUS_MARK = {"done": "✓", "started": "◐", None: "○"}


def module_status(module: Module, done: int, statuses: dict[str, str], scores: dict[str, float]) -> str:
    """"not started", "in progress", "done" (every lesson) or "passed" (done and the quiz passed)."""
    started = done or any(lesson.id in statuses for lesson in module.lessons) or (module.quiz and module.quiz.id in scores)
    if not started:
        return "not started"
    if done < len(module.lessons):
        return "in progress"
    if module.quiz is None:
        return "done"
    return "passed" if scores.get(module.quiz.id, 0.0) >= module.quiz.pass_mark else "done"


class CourseMapScreen(CourseScreen):
    """The first screen: what the course holds and how far the learner has come."""

    CSS_PATH = "course_map.tcss"
    BINDINGS = [
        Binding("c", "continue", "Continue", tooltip="Open the first lesson you have not finished.", id="map.continue"),
        Binding("r", "review", "Review", tooltip="Review the cards that are due.", id="map.review"),
        Binding("n", "notes", "Notes", tooltip="Your notes and bookmarks.", id="map.notes"),
        Binding("q", "app.quit", "Quit", tooltip="Quit; progress is saved.", id="map.quit"),
    ]

    def compose(self) -> ComposeResult:
        course = self.course_app.course
        yield Header()
        with Vertical(id="map-top"):
            yield Static(plain(course.info.title), id="course-title")
            yield Static(id="course-summary", classes="muted")
            yield ProgressBar(total=1, show_eta=False, id="course-progress")
            with Horizontal(id="charts"):
                yield Label("Quiz scores", classes="chart-label", id="scores-label")
                yield Sparkline([], id="scores-chart")
                yield Label("Minutes a day (14 days)", classes="chart-label")
                yield Sparkline([], id="minutes-chart")
        tree: Tree[tuple[str, str]] = Tree("Course", id="course-tree")
        tree.show_root = False
        tree.guide_depth = 3
        yield tree
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_progress()
        self.query_one(Tree).focus()

    def on_screen_resume(self) -> None:
        self.refresh_progress()
        if self.app.screen is self:
            self.course_app.save_position("map")

    def refresh_progress(self) -> None:
        """Redraw statuses, bars, scores, study time and charts from the store."""
        app = self.course_app
        statuses = app.progress.lesson_statuses()
        scores = app.progress.best_scores()
        lesson_seconds = app.progress.seconds_by_object("lesson")
        quiz_seconds = app.progress.seconds_by_object("quiz")
        tree = self.query_one(Tree)
        cursor = tree.cursor_line
        tree.clear()
        total = done = 0
        for module in app.course.modules:
            module_done = sum(statuses.get(lesson.id) == "done" for lesson in module.lessons)
            total += len(module.lessons)
            done += module_done
            module_seconds = sum(lesson_seconds.get(lesson.id, 0.0) for lesson in module.lessons)
            if module.quiz is not None:
                module_seconds += quiz_seconds.get(module.quiz.id, 0.0)
            label = self._module_label(module, module_done, statuses, scores, module_seconds)
            node = tree.root.add(self._fit(label, MODULE_INDENT), data=("module", module.id), expand=True)
            for lesson in module.lessons:
                status = statuses.get(lesson.id)
                label = Text(f"{STATUS_MARK[status]} ", style="bold" if status else "")
                label.append_text(plain_text(lesson.title))
                label.append(f"  {lesson.estimated_minutes} min", style="dim")
                node.add_leaf(self._fit(label, LEAF_INDENT), data=("lesson", lesson.id))
            if module.quiz is not None:
                quiz_label = self._fit(self._quiz_label(module, scores.get(module.quiz.id)), LEAF_INDENT)
                node.add_leaf(quiz_label, data=("quiz", module.quiz.id))
        tree.cursor_line = min(cursor, max(0, tree.last_line)) if cursor >= 0 else 1
        bar_widget = self.query_one("#course-progress", ProgressBar)
        bar_widget.update(total=max(total, 1), progress=done)
        due = app.progress.count_due(app.clock())
        minutes = round(sum(app.progress.minutes_by_day().values()))
        self.query_one("#course-summary", Static).update(
            f"{done} of {total} lessons done · {minutes} min studied · {due} review{'s' if due != 1 else ''} due · c continue · r review"
        )
        self._draw_charts()

    def _draw_charts(self) -> None:
        progress = self.course_app.progress
        scores = [a.scaled * 100 for a in progress.attempts(kind="full") if a.finished]
        self.query_one("#scores-label", Label).update("Quiz scores" if scores else "Quiz scores: none yet")
        chart = self.query_one("#scores-chart", Sparkline)
        chart.data = scores
        chart.display = bool(scores)
        by_day = progress.minutes_by_day()
        today = self.course_app.clock().date()
        days = [(today - timedelta(days=n)).isoformat() for n in range(13, -1, -1)]
        self.query_one("#minutes-chart", Sparkline).data = [by_day.get(day, 0.0) for day in days]

    def _module_label(self, module: Module, done: int, statuses: dict[str, str], scores: dict[str, float], seconds: float) -> Text:
        label = plain_text(module.title, style="bold")
        count = len(module.lessons)
        status = module_status(module, done, statuses, scores)
        style = {"passed": "green", "done": "green", "in progress": "yellow"}.get(status, "dim")
        label.append(f"  {bar(done, count, 8)} {done}/{count} {status}", style=style)
        if seconds >= 60:
            label.append(f" · {round(seconds / 60)} min", style="dim")
        return label

    def _fit(self, label: Text, indent: int) -> Text:
        """Shorten a label with an ellipsis so nothing is cut off at the screen's edge."""
        width = (self.size.width or self.app.size.width) - indent - TREE_PADDING
        if width > 10 and label.cell_len > width:
            label.truncate(width - 1)
            label.append("…")
        return label

    def on_resize(self) -> None:
        self.refresh_progress()

    def _quiz_label(self, module: Module, best: float | None) -> Text:
        assert module.quiz is not None
        label = Text("? ", style="bold")
        label.append_text(plain_text(module.quiz.title))
        if best is not None:
            passed = best >= module.quiz.pass_mark
            label.append(f"  best {best:.0%} {'passed' if passed else 'not yet passed'}", style="green" if passed else "yellow")
        return label

    @on(Tree.NodeSelected)
    def open_node(self, event: Tree.NodeSelected[tuple[str, str]]) -> None:
        """Open the lesson or quiz the learner selected."""
        if event.node.data is None:
            return
        kind, ident = event.node.data
        self.open_item(kind, ident)

    def open_item(self, kind: str, ident: str) -> None:
        """Push the screen for a lesson or a quiz."""
        from tui.textual_app.screens.lesson import LessonScreen

        if kind == "lesson":
            self.app.push_screen(LessonScreen(ident))
        elif kind == "quiz":
            self.app.push_screen(self.course_app.quiz_screen(ident))

    def action_notes(self) -> None:
        """Your notes and bookmarks, searchable."""
        from tui.textual_app.screens.notes import NotesScreen

        self.app.push_screen(NotesScreen())

    def action_review(self) -> None:
        """Start a review session over the cards that are due."""
        from tui.textual_app.screens.review import ReviewScreen

        self.app.push_screen(ReviewScreen())

    def action_continue(self) -> None:
        """Open exactly where the learner stopped: the last lesson (at its scroll position) or the quiz
        in progress; once that is finished, the first lesson not yet done or quiz not yet passed."""
        app = self.course_app
        statuses = app.progress.lesson_statuses()
        scores = app.progress.best_scores()
        last = app.progress.setting(f"last-opened:{app.course.info.id}")
        if isinstance(last, dict):
            screen, ident = last.get("screen"), str(last.get("id"))
            if screen == "lesson" and app.course.lesson(ident) and statuses.get(ident) != "done":
                self.open_item("lesson", ident)
                return
            if screen == "quiz" and app.course.module_of_quiz(ident) and app.progress.open_attempt(ident):
                self.open_item("quiz", ident)
                return
        for module in app.course.modules:
            for lesson in module.lessons:
                if statuses.get(lesson.id) != "done":
                    self.open_item("lesson", lesson.id)
                    return
            if module.quiz is not None and scores.get(module.quiz.id, 0.0) < module.quiz.pass_mark:
                self.open_item("quiz", module.quiz.id)
                return
        self.notify("You have finished every lesson and passed every quiz.")

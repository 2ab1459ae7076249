"""The course map: modules with a progress bar each, their lessons with status, and the quiz."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Footer, Header, ProgressBar, Static, Tree

from course.domain.models import Module
from course.engine.progress import ModuleRow, Overview, QuizStanding
from tui.textual_app.safe_text import bar, plain, plain_text
from tui.textual_app.screens.base import CourseScreen
from tui.textual_app.widgets.chart import BarChart, minutes_summary, scores_summary

MODULE_INDENT, LEAF_INDENT, TREE_PADDING = 2, 5, 3  # columns taken by tree guides and padding
CHART_LABEL = 15  # both charts' bars start in the same column
STATUS_MARK = {"done": "✓", "started": "◐", None: "○"}


class CourseMapScreen(CourseScreen):
    """The first screen: what the course holds and how far the learner has come."""

    CSS_PATH = "course_map.tcss"
    BINDINGS = [
        Binding("c", "continue", "Continue", tooltip="Open the first lesson you have not finished.", id="map.continue"),
        Binding("r", "review", "Review", tooltip="Review the cards that are due.", id="map.review"),
        Binding("n", "notes", "Notes", tooltip="Your notes and bookmarks.", id="map.notes"),
        Binding("e", "ce", "CE credit", tooltip="What is still missing for the CE certificate.", id="map.ce"),
        Binding("i", "activity", "CE info", tooltip="The CE activity's information and disclosures.", id="map.activity"),
        Binding("q", "app.quit", "Quit", tooltip="Quit; progress is saved.", id="map.quit"),
    ]

    def compose(self) -> ComposeResult:
        course = self.course_app.course
        yield Header()
        with Vertical(id="map-top"):
            yield Static(plain(course.info.title), id="course-title")
            yield Static(id="course-summary", classes="muted")
            yield ProgressBar(total=1, show_eta=False, id="course-progress")
            if course.ce is not None:
                yield Static(id="ce-summary")
            with Vertical(id="charts"):
                yield BarChart("Quiz scores", scores_summary, top=100, label_width=CHART_LABEL, id="scores-chart")
                yield BarChart("Minutes a day", minutes_summary, label_width=CHART_LABEL, id="minutes-chart")
        tree: Tree[tuple[str, str]] = Tree("Course", id="course-tree")
        tree.show_root = False
        tree.guide_depth = 3
        tree.auto_expand = False  # Enter opens a module (its first lesson); Space folds it
        yield tree
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_progress()
        self.query_one(Tree).focus()

    def on_screen_resume(self) -> None:
        self.refresh_progress()
        if self.app.screen is self:
            self.course_app.enter_map()

    _overview: Overview | None = None  # the last one read, drawn again when only the width changes
    _drawn_width = -1

    def refresh_progress(self, _result: object = None) -> None:
        """Redraw statuses, bars, scores, study time and charts from the engine's overview; under
        another screen only once it is shown again (``on_screen_resume``), not on every write."""
        if self._overview is not None and not self.is_current:
            return
        self._overview = self.study.progress.overview()
        self._draw(self._overview)

    def _draw(self, overview: Overview) -> None:
        self._drawn_width = self._width()
        tree: Tree[tuple[str, str]] = self.query_one(Tree)
        # Keep the learner's place: the row under the cursor and the modules they folded.
        at = tree.cursor_node.data if tree.cursor_node is not None else None
        folded = {node.data for node in tree.root.children if not node.is_expanded}
        tree.clear()
        for row in overview.modules:
            module = row.module
            data = ("module", module.id)
            node = tree.root.add(self._fit(self._module_label(row), MODULE_INDENT), data=data, expand=data not in folded)
            for lesson in module.lessons:
                status = overview.lesson_status.get(lesson.id)
                label = Text(f"{STATUS_MARK[status]} ", style="bold" if status else "")
                label.append_text(plain_text(lesson.title))
                label.append(f"  {lesson.estimated_minutes} min", style="dim")
                node.add_leaf(self._fit(label, LEAF_INDENT), data=("lesson", lesson.id))
            if module.quiz is not None and row.quiz is not None:
                node.add_leaf(self._fit(self._quiz_label(module, row.quiz), LEAF_INDENT), data=("quiz", module.quiz.id))
        self._place_cursor(tree, at)
        self.query_one("#course-progress", ProgressBar).update(
            total=max(overview.lessons_total, 1), progress=overview.lessons_done
        )
        due = overview.reviews_due
        self.query_one("#course-summary", Static).update(
            f"{overview.lessons_done} of {overview.lessons_total} lessons done · {overview.minutes_studied} min studied"
            f" · {due} review{'s' if due != 1 else ''} due · c continue · r review"
        )
        self.query_one("#scores-chart", BarChart).data = overview.quiz_scores
        self._show_ce()
        self.query_one("#minutes-chart", BarChart).data = overview.minutes_by_day

    def _show_ce(self) -> None:
        """The CE line: requirements met, engaged time, and the keys to the CE screen and the activity page."""
        ce = self.study.ce
        if ce.activity is None:
            return
        checklist = ce.checklist()
        met = sum(r.met for r in checklist)
        issued = ce.certificates()
        state = f"certificate {issued[0].certificate_id}" if issued else f"{met} of {len(checklist)} requirements met"
        self.query_one("#ce-summary", Static).update(
            f"CE credit: {state} · {ce.engaged_minutes():.0f} min engaged · e details · i info"
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The CE keys only for a course with a [ce] activity."""
        if action in ("ce", "activity"):
            return self.course_app.course.ce is not None
        return True

    def action_ce(self) -> None:
        """The CE screen: checklist, engaged time, the next step."""
        self.router.open_ce()

    def action_activity(self) -> None:
        """The CE activity page (information, disclosures, acknowledgment)."""
        self.router.open_activity()

    @staticmethod
    def _place_cursor(tree: Tree[tuple[str, str]], at: tuple[str, str] | None) -> None:
        """Back on the row that had the cursor (the first lesson on a first visit)."""
        tree.last_line  # noqa: B018 -- builds the lines so every shown node knows its line
        nodes = [tree.root, *tree.root.children, *(leaf for module in tree.root.children for leaf in module.children)]
        found = next((node for node in nodes if at is not None and node.data == at and node.line >= 0), None)
        if found is not None:
            tree.cursor_line = found.line
        else:
            tree.cursor_line = min(1, tree.last_line)

    def _module_label(self, row: ModuleRow) -> Text:
        label = plain_text(row.module.title, style="bold")
        count = len(row.module.lessons)
        style = {"passed": "green", "done": "green", "in progress": "yellow"}.get(row.status, "dim")
        label.append(f"  {bar(row.lessons_done, count, 8)} {row.lessons_done}/{count} {row.status}", style=style)
        if row.seconds >= 60:
            label.append(f" · {round(row.seconds / 60)} min", style="dim")
        return label

    def _fit(self, label: Text, indent: int) -> Text:
        """Shorten a label with an ellipsis so nothing is cut off at the screen's edge."""
        width = self._width() - indent - TREE_PADDING
        if width > 10 and label.cell_len > width:
            label.truncate(width - 1)
            label.append("…")
        return label

    def _width(self) -> int:
        return self.size.width or self.app.size.width

    def on_resize(self) -> None:
        """The labels are fitted to the width: draw them again (nothing read) when it changed."""
        if self._overview is not None and self._width() != self._drawn_width:
            self._draw(self._overview)

    def _quiz_label(self, module: Module, standing: QuizStanding) -> Text:
        assert module.quiz is not None
        label = Text("? ", style="bold")
        label.append_text(plain_text(module.quiz.title))
        if standing.best is not None:
            passed = standing.passed
            label.append(
                f"  best {standing.best:.0%} {'passed' if passed else 'not yet passed'}", style="green" if passed else "yellow"
            )
        return label

    @on(Tree.NodeSelected)
    def open_node(self, event: Tree.NodeSelected[tuple[str, str]]) -> None:
        """Open the lesson or quiz the learner selected."""
        if event.node.data is None:
            return
        kind, ident = event.node.data
        self.open_item(kind, ident)

    def open_item(self, kind: str, ident: str) -> None:
        """Open the screen for a lesson or a quiz; a module opens at its first lesson (or its quiz)."""
        if kind == "module":
            module = self.course_app.course.module(ident)
            if module is not None and module.lessons:
                self.router.open_lesson(module.lessons[0].id)
            elif module is not None and module.quiz is not None:
                self.router.open_quiz(module.quiz.id)
        elif kind == "lesson":
            self.router.open_lesson(ident)
        elif kind == "quiz":
            self.router.open_quiz(ident)

    def action_notes(self) -> None:
        """Your notes and bookmarks, searchable."""
        self.router.open_notes()

    def action_review(self) -> None:
        """Start a review session over the cards that are due."""
        self.router.open_review()

    def action_continue(self) -> None:
        """Open exactly where the learner stopped (the engine decides where that is)."""
        target = self.study.progress.continue_target()
        if target is None:
            self.notify("You have finished every lesson and passed every quiz.")
        else:
            self.router.open(target)

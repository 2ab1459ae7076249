"""The end of an attempt: score, pass or fail against the pass mark, per-objective breakdown, review."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Button, DataTable, Footer, Header, Static

from course.engine.results import Results, Verdict
from quizzes.describe import describe_key, describe_response
from quizzes.quiz import Quiz
from quizzes.scoring import points_phrase
from tui.textual_app.safe_text import plain, plain_text
from tui.textual_app.screens.base import CourseScreen

VERDICTS: dict[Verdict, str] = {
    "passed": "Passed",
    "not_passed": "Not passed yet",
    "retry_done": "Retry done (does not change your quiz score)",
}


class ResultsScreen(CourseScreen):
    """Shows how an attempt went, and every question with the learner's answer and the right one."""

    CSS_PATH = "results.tcss"
    BINDINGS = [
        Binding("escape", "back", "Map", tooltip="Back to the course map.", id="results.back"),
        Binding("r", "retry", "New attempt", tooltip="Start a new attempt at this quiz.", id="results.retry"),
        Binding(
            "m", "retry_missed", "Retry missed", tooltip="Practise only the questions you missed.", id="results.retry_missed"
        ),
    ]

    def __init__(self, quiz_id: str, attempt_id: int) -> None:
        super().__init__()
        self.quiz_id = quiz_id
        self.attempt_id = attempt_id
        self.missed: list[str] = []

    @property
    def quiz(self) -> Quiz:
        return self.quiz_by_id(self.quiz_id)

    def compose(self) -> ComposeResult:
        results = self.study.quizzes.results(self.attempt_id)
        yield Header()
        with VerticalScroll(id="results-scroll"):
            if results is None:
                yield Static("These results are no longer available.", id="results-title")
            else:
                self.missed = results.missed
                yield from self._summary(results)
        with Horizontal(classes="button-row", id="results-buttons"):
            yield Button("Back to map", variant="primary", id="back")
            yield Button("New attempt", id="retry")
            if self.missed:
                yield Button(f"Retry the {len(self.missed)} I missed", id="retry-missed")
        yield Footer()

    def _summary(self, results: Results) -> ComposeResult:
        quiz, score = results.quiz, results.score
        yield Static(plain(quiz.title + (" · retry of missed questions" if results.retry else "")), id="results-title")
        verdict = VERDICTS[results.verdict]
        style = "bold $success" if results.passed else "bold $warning"
        yield Static(
            Content.assemble(
                (f"{verdict}: ", style),
                f"{points_phrase(score.score, score.max_score)} ({score.scaled:.0%}); pass mark {quiz.pass_mark:.0%}",
            ),
            id="results-score",
        )
        table: DataTable[Text] = DataTable(id="results-objectives", cursor_type="row", zebra_stripes=True)
        table.add_columns("Objective", "Right", "Score")
        for row in results.objectives:
            table.add_row(plain_text(row.text), Text(f"{row.correct}/{row.questions}"), Text(f"{row.share:.0%}"))
        yield Static("By objective", classes="section-title")
        yield table
        yield Static("Your answers", classes="section-title")
        for item in results.items:
            question = item.question
            mark = ("✓", "$success") if item.correct else ("✗", "$error")
            parts = [
                Content.styled(f"{mark[0]} {item.number}. ", f"bold {mark[1]}"),
                plain(question.prompt),
                Content("\n   Your answer: "),
                plain(describe_response(question, item.response)),
            ]
            if not item.correct:
                parts += [Content("\n   Right answer: "), plain(describe_key(question))]
            parts += [Content("\n   "), plain(question.explanation)]
            yield Static(Content.assemble(*parts), classes="review-item")

    def on_mount(self) -> None:
        self.query_one("#back", Button).focus()

    def action_back(self) -> None:
        """Return to the course map."""
        self.course_app.enter_map()
        self.app.pop_screen()

    def action_retry(self) -> None:
        """Start a new attempt (unless the attempt limit is reached)."""
        self.router.open_quiz(self.quiz_id, how="switch")

    def action_retry_missed(self) -> None:
        """Practise only the questions this attempt got wrong (does not count as an attempt)."""
        if not self.missed:
            self.notify("You got every question right.")
            return
        self.router.open_quiz(self.quiz_id, retry=list(self.missed), how="switch")

    @on(Button.Pressed, "#retry-missed")
    def _retry_missed_pressed(self) -> None:
        self.action_retry_missed()

    @on(Button.Pressed, "#back")
    def _back_pressed(self) -> None:
        self.action_back()

    @on(Button.Pressed, "#retry")
    def _retry_pressed(self) -> None:
        self.action_retry()

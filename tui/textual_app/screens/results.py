"""The end of an attempt: score, pass or fail against the pass mark, per-objective breakdown, review."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Button, DataTable, Footer, Header, Static

from quizzes.describe import describe_key, describe_response
from quizzes.quiz import Quiz
from quizzes.scoring import score_attempt
from tui.textual_app.screens.base import CourseScreen
from tui.textual_app.safe_text import plain, plain_text

if TYPE_CHECKING:
    pass


class ResultsScreen(CourseScreen):
    """Shows how an attempt went, and every question with the learner's answer and the right one."""

    CSS_PATH = "results.tcss"
    BINDINGS = [
        Binding("escape", "back", "Map", tooltip="Back to the course map.", id="results.back"),
        Binding("r", "retry", "New attempt", tooltip="Start a new attempt at this quiz.", id="results.retry"),
        Binding("m", "retry_missed", "Retry missed", tooltip="Practise only the questions you missed.", id="results.retry_missed"),
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
        progress = self.course_app.progress
        attempt = progress.attempt(self.attempt_id)
        answers = progress.answers(self.attempt_id)
        quiz = self.quiz
        question_ids = attempt.question_ids if attempt else list(answers)
        result = score_attempt(quiz, question_ids, answers)
        self.missed = [qid for qid in question_ids if not (answers.get(qid) and answers[qid].correct)]
        retry = attempt is not None and attempt.kind == "retry"
        yield Header()
        with VerticalScroll(id="results-scroll"):
            yield Static(plain(quiz.title + (" · retry of missed questions" if retry else "")), id="results-title")
            verdict = "Passed" if result.passed else "Not passed yet"
            if retry:
                verdict = "Retry done (does not change your quiz score)"
            style = "bold $success" if result.passed else "bold $warning"
            yield Static(
                Content.assemble(
                    (f"{verdict}: ", style),
                    f"{result.score:g} of {result.max_score:g} points ({result.scaled:.0%}); pass mark {quiz.pass_mark:.0%}",
                ),
                id="results-score",
            )
            table: DataTable[Text] = DataTable(id="results-objectives", cursor_type="row", zebra_stripes=True)
            table.add_columns("Objective", "Right", "Score")
            objectives = {o.id: o.text for m in self.course_app.course.modules for o in m.objectives}
            for row in result.by_objective:
                share = row.score / row.max_score if row.max_score else 0.0
                table.add_row(
                    plain_text(objectives.get(row.objective, row.objective)),
                    Text(f"{row.correct}/{row.questions}"),
                    Text(f"{share:.0%}"),
                )
            yield Static("By objective", classes="section-title")
            yield table
            yield Static("Your answers", classes="section-title")
            by_id = {q.id: q for q in quiz.questions}
            for number, qid in enumerate(question_ids, start=1):
                question = by_id.get(qid)
                if question is None:
                    continue
                record = answers.get(qid)
                mark = ("✓", "$success") if record and record.correct else ("✗", "$error")
                parts = [
                    Content.styled(f"{mark[0]} {number}. ", f"bold {mark[1]}"),
                    plain(question.prompt),
                    Content("\n   Your answer: "),
                    plain(describe_response(question, record.response if record else None)),
                ]
                if not (record and record.correct):
                    parts += [Content("\n   Right answer: "), plain(describe_key(question))]
                parts += [Content("\n   "), plain(question.explanation)]
                yield Static(Content.assemble(*parts), classes="review-item")
        with Horizontal(classes="button-row", id="results-buttons"):
            yield Button("Back to map", variant="primary", id="back")
            yield Button("New attempt", id="retry")
            if self.missed:
                yield Button(f"Retry the {len(self.missed)} I missed", id="retry-missed")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#back", Button).focus()

    def action_back(self) -> None:
        """Return to the course map."""
        self.course_app.save_position("map")
        self.app.pop_screen()

    def action_retry(self) -> None:
        """Start a new attempt (unless the attempt limit is reached)."""
        screen = self.course_app.quiz_screen(self.quiz_id)
        if not isinstance(screen, ResultsScreen):
            self.app.switch_screen(screen)

    def action_retry_missed(self) -> None:
        """Practise only the questions this attempt got wrong (does not count as an attempt)."""
        from tui.textual_app.screens.quiz import QuizScreen

        if not self.missed:
            self.notify("You got every question right.")
            return
        self.app.switch_screen(QuizScreen(self.quiz_id, retry_questions=list(self.missed)))

    @on(Button.Pressed, "#retry-missed")
    def _retry_missed_pressed(self) -> None:
        self.action_retry_missed()

    @on(Button.Pressed, "#back")
    def _back_pressed(self) -> None:
        self.action_back()

    @on(Button.Pressed, "#retry")
    def _retry_pressed(self) -> None:
        self.action_retry()

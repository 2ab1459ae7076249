"""The end of an attempt: score, pass or fail against the pass mark, per-objective breakdown, review."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Footer, Header, Static

from course.engine.results import Results, Verdict
from quizzes.describe import describe_key, describe_response
from quizzes.quiz import Quiz
from quizzes.scoring import points_phrase
from tui.textual_app.safe_text import plain
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
        Binding("r", "retry", "Again", tooltip="Start a new attempt at this quiz.", id="results.retry"),
        Binding("m", "retry_missed", "Retry", tooltip="Practise only the questions you missed.", id="results.retry_missed"),
        Binding("a", "answers", "Answers", tooltip="Jump to every question with your answer.", id="results.answers"),
        # From any focus (the buttons included), the keys that scroll the results.
        Binding("down", "scroll('down')", "Scroll down", show=False),
        Binding("up", "scroll('up')", "Scroll up", show=False),
        Binding("pagedown", "scroll('page_down')", "Page down", show=False),
        Binding("pageup", "scroll('page_up')", "Page up", show=False),
        Binding("home", "scroll('home')", "Top", show=False),
        Binding("end", "scroll('end')", "End", show=False),
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
        yield Static("By objective", classes="section-title")
        with Vertical(id="results-objectives"):
            # Scores first, the objective's text last, wrapping: nothing runs off an 80-column screen.
            with Horizontal(classes="objective-row objective-head"):
                yield Static("Score", classes="objective-score")
                yield Static("Right", classes="objective-right")
                yield Static("Objective", classes="objective-text")
            for row in results.objectives:
                with Horizontal(classes="objective-row"):
                    yield Static(f"{row.share:.0%}", classes="objective-score")
                    yield Static(f"{row.correct}/{row.questions}", classes="objective-right")
                    yield Static(plain(row.text), classes="objective-text")
        yield Static("Your answers", classes="section-title", id="answers-title")
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

    def action_answers(self) -> None:
        """Scroll to "Your answers"."""
        titles = self.query("#answers-title")
        if titles:
            self.query_one("#results-scroll", VerticalScroll).scroll_to_widget(titles.first(), top=True, animate=False)

    def action_scroll(self, how: str) -> None:
        """Scroll the results whatever has focus."""
        area = self.query_one("#results-scroll", VerticalScroll)
        getattr(area, f"scroll_{how}")(animate=False)

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

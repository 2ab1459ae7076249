"""Spaced review: the cards due today, one at a time, each rescheduled by FSRS as it is answered.

Question cards are answered as in a quiz; a right answer then asks how it felt (easy, good, unsure),
a wrong one is rated Again. Glossary cards are flashcards: recall the definition, reveal, rate.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fsrs import Rating
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Footer, Header, Static

from course.engine.review_policy import desired_retention, rate
from progress_store import ReviewCard
from quizzes.grading import grade
from quizzes.questions import Question
from quizzes.review_cards import parse_card_id
from tui.textual_app.screens.base import CourseScreen
from tui.textual_app.safe_text import plain
from tui.textual_app.widgets.answers import AnswerWidget, answer_widget
from tui.textual_app.widgets.feedback import feedback_content

if TYPE_CHECKING:
    pass

RATING_BUTTONS = {
    "again": ("Didn't know", Rating.Again),
    "hard": ("Unsure", Rating.Hard),
    "good": ("Good", Rating.Good),
    "easy": ("Felt easy", Rating.Easy),
}


class ReviewScreen(CourseScreen):
    """A review session over the cards due now."""

    CSS_PATH = "review.tcss"
    BINDINGS = [
        Binding("escape", "back", "Map", tooltip="Back to the map; unreviewed cards stay due.", id="review.back"),
        Binding("ctrl+s", "check", "Check", tooltip="Check the answer (or reveal the definition).", id="review.check"),
        Binding("plus", "retention(0.01)", "Retention +", tooltip="Raise desired retention: more frequent reviews.", id="review.retention_up"),
        Binding("minus", "retention(-0.01)", "Retention −", tooltip="Lower desired retention: fewer reviews.", id="review.retention_down"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.queue: list[ReviewCard] = []
        self.done = 0
        self.current: ReviewCard | None = None
        self.graded_correct: bool | None = None
        self.busy = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="review-status")
        yield VerticalScroll(id="card-area")
        with Horizontal(classes="button-row", id="review-buttons"):
            yield Button("Check answer", variant="primary", id="check")
            for key, (label, _) in RATING_BUTTONS.items():
                yield Button(label, id=f"rate-{key}", classes="rate")
            yield Button("Back to map", id="back")
        yield Footer()

    def on_mount(self) -> None:
        app = self.course_app
        self.queue = [c for c in app.progress.due_cards(app.clock()) if self._resolve(c) is not None]
        self.course_app.save_position("map")
        self.next_card()

    def _resolve(self, card: ReviewCard) -> Question | Any | None:
        """The question or glossary term behind a card, or ``None`` if the course no longer has it."""
        kind, ident = parse_card_id(card.card_id)
        course = self.course_app.course
        if kind == "question":
            return next((q for m in course.modules if m.quiz for q in m.quiz.questions if q.id == ident), None)
        return course.term(ident)

    def _status(self) -> None:
        retention = desired_retention(self.course_app.progress)
        left = len(self.queue) + (1 if self.current else 0)
        self.query_one("#review-status", Static).update(
            f"Review · {left} due now · {self.done} reviewed · desired retention {retention:.0%} (+/−)"
        )

    def next_card(self) -> None:
        """Show the next due card, or the end of the session."""
        self.current = self.queue.pop(0) if self.queue else None
        self.graded_correct = None
        self.run_worker(self._draw(), exclusive=True, group="draw-card")

    async def _draw(self) -> None:
        area = self.query_one("#card-area", VerticalScroll)
        await area.remove_children()
        self._status()
        card = self.current
        if card is None:
            await area.mount(Static("Nothing is due now. Cards you answer in quizzes come back here when they are due.", id="review-empty"))
            self._buttons(check=False, rate=())
            self.query_one("#back", Button).focus()
            return
        subject = self._resolve(card)
        if isinstance(subject, (str, type(None))):
            self.next_card()
            return
        if card.kind == "question":
            widgets: list[Any] = []
            if subject.case:
                widgets.append(Static(plain(subject.case), id="card-case"))
            widgets.append(Static(plain(subject.prompt), id="card-prompt"))
            answer = answer_widget(subject, card.reps + 1, True)
            answer.id = "answer"
            widgets += [answer, Static(id="card-feedback")]
            await area.mount_all(widgets)
            self._buttons(check=True, rate=())
            answer.focus_input()
        else:
            await area.mount_all(
                [
                    Static(Content.assemble(("Glossary · ", "dim"), plain(subject.term)), id="card-prompt"),
                    Static("Recall the definition, then press Check to reveal it.", classes="muted"),
                    Static(id="card-feedback"),
                ]
            )
            self._buttons(check=True, rate=())
            self.query_one("#check", Button).label = "Show definition"
            self.query_one("#check", Button).focus()

    def _buttons(self, check: bool, rate: tuple[str, ...]) -> None:
        check_button = self.query_one("#check", Button)
        check_button.display = check
        check_button.label = "Check answer"
        for key in RATING_BUTTONS:
            self.query_one(f"#rate-{key}", Button).display = key in rate

    def action_check(self) -> None:
        """Grade a question card, or reveal a glossary card's definition."""
        card = self.current
        if card is None or self.graded_correct is not None:
            return
        subject = self._resolve(card)
        feedback = self.query_one("#card-feedback", Static)
        if card.kind == "question":
            response = self.query_one("#answer", AnswerWidget).response()
            if response is None:
                self.notify("Choose or type an answer first.", severity="warning")
                return
            result = grade(subject, response)
            self.query_one("#answer", AnswerWidget).freeze()
            feedback.update(feedback_content(subject, response, result.score, result.max_score, result.correct))
            self.graded_correct = result.correct
            if result.correct:
                self._buttons(check=False, rate=("hard", "good", "easy"))
                self.query_one("#rate-good", Button).focus()
            else:
                self._buttons(check=False, rate=("again",))
                self.query_one("#rate-again", Button).label = "Next card (again soon)"
                self.query_one("#rate-again", Button).focus()
        else:
            feedback.update(plain(subject.definition))
            self.graded_correct = True
            self._buttons(check=False, rate=("again", "hard", "good", "easy"))
            self.query_one("#rate-again", Button).label = RATING_BUTTONS["again"][0]
            self.query_one("#rate-good", Button).focus()
        feedback.add_class("shown")

    @on(Button.Pressed, ".rate")
    def _rated(self, event: Button.Pressed) -> None:
        key = (event.button.id or "").removeprefix("rate-")
        self.rate_current(RATING_BUTTONS[key][1])

    def rate_current(self, rating: Rating) -> None:
        """Reschedule the current card with ``rating`` and move on."""
        card = self.current
        if card is None or self.busy:
            return
        app = self.course_app
        progress, now = app.progress, app.clock()
        scheduler = app.review_scheduler()
        self.busy = True

        def save() -> object:
            return rate(progress, scheduler, card.card_id, card.kind, rating, now, "review")

        app.write(save, self._saved)

    def _saved(self, _due: object) -> None:
        self.busy = False
        self.done += 1
        self.course_app.progress_changed()
        if self.is_mounted:
            self.next_card()

    def action_retention(self, step: float) -> None:
        """Change the desired retention (kept between 70% and 97%)."""
        app = self.course_app
        value = round(min(0.97, max(0.7, desired_retention(app.progress) + step)), 2)
        app.write(lambda: app.progress.set_setting("desired_retention", value), lambda _: self._status())

    def action_back(self) -> None:
        """Back to the map."""
        self.app.pop_screen()

    @on(Button.Pressed, "#check")
    def _check_pressed(self) -> None:
        self.action_check()

    @on(Button.Pressed, "#back")
    def _back_pressed(self) -> None:
        self.action_back()

    @on(AnswerWidget.Ready)
    def _ready(self) -> None:
        self.query_one("#check", Button).focus()

"""Spaced review: the cards due today, one at a time, each rescheduled by FSRS as it is answered.

Question cards are answered as in a quiz; a right answer then asks how it felt (easy, good, unsure),
a wrong one is rated Again. Glossary cards are flashcards: recall the definition, reveal, rate.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Button, Footer, Header, Static

from course.domain.models import Term
from course.engine.review import DueCard
from quizzes.review import Rating
from tui.textual_app.safe_text import plain
from tui.textual_app.screens.base import CourseScreen
from tui.textual_app.widgets.answers import AnswerWidget, answer_widget
from tui.textual_app.widgets.feedback import feedback_content

RATING_BUTTONS = {
    "again": ("Didn't know", Rating.Again),
    "hard": ("Unsure", Rating.Hard),
    "good": ("Good", Rating.Good),
    "easy": ("Felt easy", Rating.Easy),
}
KEY_OF_RATING = {rating: key for key, (_, rating) in RATING_BUTTONS.items()}


class ReviewScreen(CourseScreen):
    """A review session over the cards due now."""

    CSS_PATH = "review.tcss"
    BINDINGS = [
        Binding("escape", "back", "Map", tooltip="Back to the map; unreviewed cards stay due.", id="review.back"),
        Binding("ctrl+s", "check", "Check", tooltip="Check the answer (or reveal the definition).", id="review.check"),
        Binding(
            "plus",
            "retention(1)",
            "Retention +",
            tooltip="Raise desired retention: more frequent reviews.",
            id="review.retention_up",
        ),
        Binding(
            "minus", "retention(-1)", "Retention −", tooltip="Lower desired retention: fewer reviews.", id="review.retention_down"
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.queue: list[DueCard] = []
        self.done = 0
        self.current: DueCard | None = None
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
        self.queue = self.study.reviews.due()
        self.course_app.enter_map()
        self.next_card()

    def _status(self) -> None:
        found = self.query("#review-status")  # empty once the screen has gone (a late follow-up)
        if not found:
            return
        retention = self.study.reviews.retention()
        left = len(self.queue) + (1 if self.current else 0)
        found.first(Static).update(f"Review · {left} due now · {self.done} reviewed · desired retention {retention:.0%} (+/−)")

    def next_card(self) -> None:
        """Show the next due card, or the end of the session."""
        self.current = self.queue.pop(0) if self.queue else None
        self.graded_correct = None
        self.run_worker(self._draw(), exclusive=True, group="draw-card", exit_on_error=False)

    async def _draw(self) -> None:
        area = self.query_one("#card-area", VerticalScroll)
        await area.remove_children()
        self._status()
        card = self.current
        if card is None:
            await area.mount(
                Static("Nothing is due now. Cards you answer in quizzes come back here when they are due.", id="review-empty")
            )
            self._buttons(check=False, rate=())
            self.query_one("#back", Button).focus()
            return
        subject = card.subject
        if not isinstance(subject, Term):
            widgets: list[Widget] = []
            if subject.case:
                widgets.append(Static(plain(subject.case), id="card-case"))
            widgets.append(Static(plain(subject.prompt), id="card-prompt"))
            answer = answer_widget(subject, card.option_order())
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
        subject = card.subject
        feedback = self.query_one("#card-feedback", Static)
        if not isinstance(subject, Term):
            answer = self.query_one("#answer", AnswerWidget)
            problem = answer.problem()
            if problem:  # e.g. "three" for a number: say so instead of marking it wrong
                answer.show_hint([problem])
                return
            response = answer.response()
            if response is None:
                self.notify("Choose or type an answer first.", severity="warning")
                return
            result = self.study.reviews.check(card, response)
            self.query_one("#answer", AnswerWidget).freeze()
            feedback.update(feedback_content(subject, response, result.score, result.max_score, result.correct))
            self.graded_correct = result.correct
        else:
            feedback.update(plain(subject.definition))
            self.graded_correct = True
        offered = tuple(KEY_OF_RATING[r] for r in self.study.reviews.ratings_after(card, self.graded_correct))
        self._buttons(check=False, rate=offered)
        again = self.query_one("#rate-again", Button)
        again.label = "Next card (again soon)" if offered == ("again",) else RATING_BUTTONS["again"][0]
        self.query_one("#rate-again" if offered == ("again",) else "#rate-good", Button).focus()
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
        reviews = self.study.reviews
        self.busy = True
        self.course_app.write(lambda: reviews.rate(card, rating), self._saved, owner=self)

    def _saved(self, _due: object) -> None:
        self.busy = False
        self.done += 1
        self.course_app.progress_changed()
        if self.is_mounted:
            self.next_card()

    def action_retention(self, steps: int) -> None:
        """Raise or lower the desired retention, within its bounds."""
        reviews = self.study.reviews
        self.course_app.write(lambda: reviews.change_retention(steps), lambda _: self._status(), owner=self)

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

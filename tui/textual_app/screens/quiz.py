"""Taking a quiz: one question at a time, every answer saved the moment it is given.

The rules (resume, limits, the deadline, grading, what submitting needs) are the study engine's; this
screen shows the attempt and turns keys into engine calls, off the UI thread through ``app.write``.
"""

from __future__ import annotations

from datetime import timedelta

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Button, Footer, Header, Static

from course.engine.quiz_session import (
    AttemptState,
    FinishedElsewhere,
    Graded,
    Incomplete,
    LimitReached,
    Moved,
    Opened,
    Submitted,
)
from progress_store import AnswerRecord
from quizzes.questions import Question
from quizzes.quiz import Quiz
from tui.textual_app.safe_text import plain
from tui.textual_app.screens.base import CourseScreen
from tui.textual_app.study_timer import StudyTimer
from tui.textual_app.widgets.answers import AnswerWidget, answer_widget
from tui.textual_app.widgets.feedback import feedback_content
from tui.textual_app.widgets.question_area import QuestionArea, progress_line

KEYS: list[BindingType] = [
    Binding("escape", "back", "Map", tooltip="Back to the map; the attempt stays open.", id="quiz.back"),
    Binding("ctrl+s", "check", "Check", tooltip="Check (or save) the answer.", id="quiz.check"),
    # Priority: the answer lists bind PgDn/PgUp themselves, and these must work from any focus.
    # (Priority bindings come first in the footer: PgUp stays out of it to leave room for Check.)
    Binding("pageup", "previous", "Previous", tooltip="Previous question.", id="quiz.previous", priority=True, show=False),
    Binding("pagedown", "next", "Next", tooltip="Next question.", id="quiz.next", priority=True),
    # ↓/↑ scroll the question when the focused control has no use for them (the buttons);
    # Ctrl+↓/↑ scroll it from any focus (a list or a text field keeps its own ↓/↑).
    Binding("down", "scroll(1)", "Scroll down", show=False, id="quiz.scroll_down"),
    Binding("up", "scroll(-1)", "Scroll up", show=False, id="quiz.scroll_up"),
    Binding("ctrl+down", "scroll(1)", "Scroll down, from any focus", show=False, id="quiz.scroll_down_any", priority=True),
    Binding("ctrl+up", "scroll(-1)", "Scroll up, from any focus", show=False, id="quiz.scroll_up_any", priority=True),
]
"""The quiz screen's keys (F1 lists them all; ``settings.toml`` remaps them by id)."""


class QuizScreen(CourseScreen):
    """One attempt at one quiz."""

    CSS_PATH = "quiz.tcss"
    BINDINGS = KEYS

    def __init__(self, quiz_id: str, retry_questions: list[str] | None = None) -> None:
        super().__init__()
        self.quiz_id = quiz_id
        self.retry_questions = retry_questions
        self.attempt: AttemptState | None = None
        self.timer = StudyTimer("quiz", quiz_id)
        self.responses: dict[str, object] = {}
        self.index = 0
        self.saving = False

    @property
    def quiz(self) -> Quiz:
        return self.quiz_by_id(self.quiz_id)

    @property
    def question_ids(self) -> list[str]:
        return self.attempt.question_ids if self.attempt else []

    @property
    def answers(self) -> dict[str, AnswerRecord]:
        """The answers saved so far in this attempt."""
        return self.attempt.answers if self.attempt else {}

    @property
    def question(self) -> Question:
        assert self.attempt is not None
        return self.attempt.question(self.index)

    @property
    def exam(self) -> bool:
        return self.quiz.mode == "exam"

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(plain(self.quiz.title), id="quiz-title")
        yield QuestionArea(id="question-area")
        with Horizontal(classes="button-row", id="quiz-buttons"):
            yield Button("Check answer", variant="primary", id="check")
            yield Button("← Previous", id="previous")
            yield Button("Next →", id="next")
            yield Button("Back to map", id="back")
        yield Footer()

    def on_mount(self) -> None:
        self.saving = True
        self._update_buttons()
        quizzes, retry = self.study.quizzes, self.retry_questions
        self.course_app.write(lambda: quizzes.open(self.quiz_id, retry), self._opened, owner=self)
        self.timer.start(self.course_app)

    def _opened(self, result: Opened | LimitReached) -> None:
        self.saving = False
        if isinstance(result, LimitReached):
            self.notify(f"This quiz allows {result.limit} attempt(s) and you have used them all.", severity="warning")
            if self.is_current:
                self.router.open_results(self.quiz_id, result.last_attempt_id, how="switch")
            return
        attempt = self.attempt = result.attempt
        self.responses = {qid: record.response for qid, record in attempt.answers.items()}
        self.index = attempt.resume_index()
        if attempt.deadline is not None:
            self.set_interval(1.0, self._tick)
        if self.is_attached:  # (not is_mounted: the attempt can be ready before on_mount has returned)
            self.show_question()
            self._tick()

    def on_screen_resume(self) -> None:
        self.timer.start(self.course_app)

    def on_screen_suspend(self) -> None:
        self.timer.flush(self.course_app)

    def save_place(self) -> None:
        """Called when the app quits here: save the time spent."""
        self.timer.flush(self.course_app)

    def remaining(self) -> timedelta | None:
        """Time left before the attempt is submitted automatically (``None`` without a time limit)."""
        return None if self.attempt is None else self.study.quizzes.remaining(self.attempt)

    def _tick(self) -> None:
        if self.attempt is None or not self.is_attached:
            return
        left = self.remaining()
        title = self.query_one("#quiz-title", Static)
        label = self.quiz.title + (" · retry of missed questions" if self.attempt.retry else "")
        if left is None:
            title.update(plain(label))
            return
        minutes, seconds = divmod(int(left.total_seconds()), 60)
        title.update(
            Content.assemble(plain(label), (f"  ⏱ {minutes}:{seconds:02d} left", "bold $warning" if minutes < 2 else ""))
        )
        if self.study.quizzes.time_is_up(self.attempt) and not self.saving:
            self.attempt.deadline = None
            self.notify("Time is up: your answers have been submitted.", severity="warning")
            self.finish(force=True)

    def show_question(self) -> None:
        """Draw the current question, with its saved answer and feedback if it has one."""
        self.run_worker(self._draw_question(), exclusive=True, group="draw-question", exit_on_error=False)

    async def _draw_question(self) -> None:
        attempt, question = self.attempt, self.question
        assert attempt is not None
        answer = answer_widget(question, attempt.option_order(question))
        await self.query_one(QuestionArea).draw(self._progress_text(), question, answer)
        self._after_show(question)

    def _progress_text(self) -> str:
        assert self.attempt is not None
        return progress_line(self.attempt, self.index)

    def action_scroll(self, lines: int) -> None:
        """Scroll the question area (the prompt, the answer, the feedback) by ``lines``."""
        self.query_one(QuestionArea).scroll_lines(lines)

    def _after_show(self, question: Question) -> None:
        assert self.attempt is not None
        answer = self.query_one("#answer", AnswerWidget)
        if question.id in self.responses:
            answer.show(self.responses[question.id])
        record = self.attempt.answers.get(question.id)
        if not self.attempt.can_answer(question.id):
            answer.freeze()
        if record is not None and self.attempt.immediate_feedback:
            self._show_feedback(question, self.responses.get(question.id), record.score, record.max_score, record.correct)
        self._update_buttons()
        # Focus without scrolling to it: Textual centres a focused widget a moment later, which on a
        # question taller than the screen scrolled the progress line and the prompt away.
        if self.attempt.can_answer(question.id):
            answer.focus_input(scroll_visible=False)
        else:
            self.query_one("#next", Button).focus(scroll_visible=False)
        self.query_one(QuestionArea).scroll_home(animate=False)

    def _update_buttons(self) -> None:
        open_to_answer = self.attempt is not None and self.attempt.can_answer(self.question.id)
        check = self.query_one("#check", Button)
        check.label = "Save answer" if self.exam else "Check answer"
        check.disabled = not open_to_answer or self.saving
        self.query_one("#previous", Button).disabled = self.index == 0
        last = self.attempt is None or self.attempt.is_last(self.index)
        self.query_one("#next", Button).label = ("Submit quiz" if self.exam else "See results") if last else "Next →"

    def _show_feedback(
        self, question: Question, response: object, score: float, max_score: float, correct: bool, reveal: bool = False
    ) -> None:
        content = feedback_content(question, response, score, max_score, correct)
        self.query_one(QuestionArea).show_feedback(content, reveal=reveal)

    def action_check(self) -> None:
        """Grade and save the current answer (practice), or save it (exam)."""
        attempt = self.attempt
        if attempt is None or self.saving:
            return
        question = self.question
        if not attempt.can_answer(question.id):
            return
        answer = self.query_one("#answer", AnswerWidget)
        response = answer.response()
        if response is None:
            self.notify("Choose or type an answer first.", severity="warning")
            return
        problem = answer.problem()
        answer.show_hint([problem] if problem else answer.hints())
        if problem:  # nothing is marked: the learner types again
            self.notify(problem, severity="warning")
            answer.focus_input()
            return
        self.saving = True
        self._update_buttons()
        quizzes = self.study.quizzes
        self.course_app.write(lambda: quizzes.answer(attempt, question.id, response), self._answer_saved, owner=self)

    def _answer_saved(self, graded: Graded | Moved | FinishedElsewhere) -> None:
        """The store has the answer: now (and only now) acknowledge it."""
        self.saving = False
        if not isinstance(graded, Graded):
            self._elsewhere(graded)
            return
        question = graded.question
        self.responses[question.id] = graded.response
        if not self.is_mounted or self.question.id != question.id:
            return
        if self.attempt is not None and not self.attempt.immediate_feedback:
            self.notify("Answer saved.", timeout=1.5)
            if not self.attempt.is_last(self.index):
                self.action_next()
                return
        else:
            self.query_one("#answer", AnswerWidget).freeze()
            grade = graded.grade
            self._show_feedback(question, graded.response, grade.score, grade.max_score, grade.correct, reveal=True)
        self.query_one(QuestionArea).set_progress(self._progress_text())
        self._update_buttons()
        self.query_one("#next", Button).focus()

    @on(AnswerWidget.Ready)
    def _answer_ready(self) -> None:
        self.query_one("#check", Button).focus()

    def _remember_response(self) -> None:
        if self.attempt is not None and self.attempt.can_answer(self.question.id):
            response = self.query_one("#answer", AnswerWidget).response()
            if response is not None:
                self.responses[self.question.id] = response

    def action_next(self) -> None:
        """Go to the next question, or finish on the last one."""
        if self.saving or self.attempt is None:
            return
        self._remember_response()
        if not self.attempt.is_last(self.index):
            self.index += 1
            self.show_question()
        else:
            self.finish()

    def action_previous(self) -> None:
        """Go back one question."""
        if self.saving or self.index == 0 or self.attempt is None:
            return
        self._remember_response()
        self.index -= 1
        self.show_question()

    def finish(self, force: bool = False) -> None:
        """Submit the attempt (``force``: even with unanswered questions) and show the results."""
        attempt = self.attempt
        if attempt is None:
            return
        self.saving = True
        quizzes = self.study.quizzes
        self.course_app.write(lambda: quizzes.submit(attempt, force=force), lambda outcome: self._submitted(outcome, force))

    def _elsewhere(self, outcome: Moved | FinishedElsewhere, resubmit: bool = False) -> None:
        """Another window changed this attempt: nothing was saved here; show what is stored now."""
        if isinstance(outcome, FinishedElsewhere):
            self.notify("This quiz was submitted in another window; here are its results.", severity="warning")
            self._show_results(outcome.results.attempt_id)
            return
        self.responses.update({qid: record.response for qid, record in outcome.attempt.answers.items()})
        self.notify(f"This quiz was changed in another window; reloaded it: {outcome.answered} answered.", severity="warning")
        if resubmit:
            self.finish(force=True)
        elif self.is_mounted:
            self.show_question()

    def _show_results(self, attempt_id: int) -> None:
        self.timer.flush(self.course_app)
        self.course_app.progress_changed()
        if self.is_current:
            self.router.open_results(self.quiz_id, attempt_id, how="switch")

    def _submitted(self, outcome: Submitted | Incomplete | Moved | FinishedElsewhere, force: bool = False) -> None:
        self.saving = False
        if isinstance(outcome, (Moved, FinishedElsewhere)):
            self._elsewhere(outcome, resubmit=force)
            return
        if isinstance(outcome, Incomplete):
            first = outcome.missing[0]
            self.notify(f"{len(outcome.missing)} question(s) not answered yet; showing question {first + 1}.", severity="warning")
            self.index = first
            if self.is_mounted:
                self.show_question()
            return
        self._show_results(outcome.results.attempt_id)

    def action_back(self) -> None:
        """Back to the map; the attempt stays open to resume."""
        self.timer.flush(self.course_app)
        self.app.pop_screen()

    @on(Button.Pressed, "#quiz-buttons Button")
    def _button_pressed(self, event: Button.Pressed) -> None:
        actions = {
            "check": self.action_check,
            "next": self.action_next,
            "previous": self.action_previous,
            "back": self.action_back,
        }
        action = actions.get(event.button.id or "")
        if action is not None:
            action()

"""Taking a quiz: one question at a time, every answer saved the moment it is given.

Practice mode shows right/wrong and the explanation after each answer; exam mode saves answers
silently and shows everything on the results screen. Leaving (or quitting) keeps the attempt open,
and coming back resumes it with the same questions, in the same order, with the answers given.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Footer, Header, Static

from progress_store import AnswerRecord
from course.engine.review_policy import rate
from quizzes.attempt_plan import plan_questions
from quizzes.review import rating_for
from quizzes.review_cards import card_id_for_question
from quizzes.grading import Grade, grade
from quizzes.questions import Question
from quizzes.quiz import Quiz
from quizzes.scoring import score_attempt
from tui.textual_app.screens.base import CourseScreen
from tui.textual_app.safe_text import plain
from tui.textual_app.study_timer import StudyTimer
from tui.textual_app.widgets.answers import AnswerWidget, answer_widget
from tui.textual_app.widgets.feedback import feedback_content

if TYPE_CHECKING:
    pass


class QuizScreen(CourseScreen):
    """One attempt at one quiz."""

    CSS_PATH = "quiz.tcss"
    BINDINGS = [
        Binding("escape", "back", "Map", tooltip="Back to the map; the attempt stays open.", id="quiz.back"),
        Binding("ctrl+s", "check", "Check", tooltip="Check (or save) the answer.", id="quiz.check"),
        Binding("pagedown", "next", "Next", tooltip="Next question.", id="quiz.next"),
        Binding("pageup", "previous", "Previous", tooltip="Previous question.", id="quiz.previous"),
    ]

    def __init__(self, quiz_id: str, retry_questions: list[str] | None = None) -> None:
        super().__init__()
        self.quiz_id = quiz_id
        self.retry_questions = retry_questions
        self.attempt_id: int | None = None
        self.deadline: datetime | None = None
        self.kind = "retry" if retry_questions else "full"
        self.timer = StudyTimer("quiz", quiz_id)
        self.seed = 0
        self.question_ids: list[str] = []
        self.answers: dict[str, AnswerRecord | Grade] = {}
        self.responses: dict[str, Any] = {}
        self.index = 0
        self.saving = False

    @property
    def quiz(self) -> Quiz:
        return self.quiz_by_id(self.quiz_id)

    @property
    def question(self) -> Question:
        return next(q for q in self.quiz.questions if q.id == self.question_ids[self.index])

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(plain(self.quiz.title), id="quiz-title")
        yield VerticalScroll(id="question-area")
        with Horizontal(classes="button-row", id="quiz-buttons"):
            yield Button("Check answer", variant="primary", id="check")
            yield Button("← Previous", id="previous")
            yield Button("Next →", id="next")
            yield Button("Back to map", id="back")
        yield Footer()

    def on_mount(self) -> None:
        app = self.course_app
        progress = app.progress
        attempt = progress.open_attempt(self.quiz_id)
        if attempt is None:
            self.seed = app.new_seed()
            self.question_ids = list(self.retry_questions or plan_questions(self.quiz, self.seed))
            started_at = app.clock()
            kind = self.kind

            def start() -> object:
                started = progress.start_attempt(self.quiz_id, self.seed, self.question_ids, kind=kind)
                self.attempt_id = started.id
                return started

            app.write(start)
        else:
            self.attempt_id = attempt.id
            self.seed = attempt.seed
            self.kind = attempt.kind
            started_at = datetime.fromisoformat(attempt.started_at)
            known = {q.id for q in self.quiz.questions}
            self.question_ids = [qid for qid in attempt.question_ids if qid in known]
            for qid, record in progress.answers(attempt.id).items():
                self.answers[qid] = record
                self.responses[qid] = record.response
        if self.quiz.time_limit_minutes and self.kind == "full":
            self.deadline = started_at + timedelta(minutes=self.quiz.time_limit_minutes)
            self.set_interval(1.0, self._tick)
        unanswered = [n for n, qid in enumerate(self.question_ids) if qid not in self.answers]
        self.index = unanswered[0] if unanswered else max(0, len(self.question_ids) - 1)
        app.save_position("quiz", self.quiz_id)
        self.show_question()
        self._tick()
        self.timer.start()

    def on_screen_resume(self) -> None:
        self.timer.start()

    def on_screen_suspend(self) -> None:
        self.timer.flush(self.course_app)

    def save_place(self) -> None:
        """Called when the app quits here: save the time spent."""
        self.timer.flush(self.course_app)

    def remaining(self) -> timedelta | None:
        """Time left before the attempt is submitted automatically (``None`` without a time limit)."""
        if self.deadline is None:
            return None
        return max(timedelta(0), self.deadline - self.course_app.clock())

    def _tick(self) -> None:
        left = self.remaining()
        title = self.query_one("#quiz-title", Static)
        label = self.quiz.title + (" · retry of missed questions" if self.kind == "retry" else "")
        if left is None:
            title.update(plain(label))
            return
        minutes, seconds = divmod(int(left.total_seconds()), 60)
        title.update(Content.assemble(plain(label), (f"  ⏱ {minutes}:{seconds:02d} left", "bold $warning" if minutes < 2 else "")))
        if left <= timedelta(0) and not self.saving and self.is_mounted:
            self.deadline = None
            self.notify("Time is up: your answers have been submitted.", severity="warning")
            self.finish(force=True)

    @property
    def exam(self) -> bool:
        return self.quiz.mode == "exam"

    def show_question(self) -> None:
        """Draw the current question, with its saved answer and feedback if it has one."""
        self.run_worker(self._draw_question(), exclusive=True, group="draw-question")

    async def _draw_question(self) -> None:
        question = self.question
        area = self.query_one("#question-area", VerticalScroll)
        await area.remove_children()
        total = len(self.question_ids)
        answered = sum(qid in self.answers for qid in self.question_ids)
        mode = "Exam: answers are marked when you submit" if self.exam else "Practice: feedback after each answer"
        widgets: list[Any] = [Static(f"Question {self.index + 1} of {total} · {answered} answered · {mode}", id="question-progress")]
        if question.case:
            widgets.append(Static(plain(question.case), id="question-case"))
        widgets.append(Static(plain(question.prompt), id="question-prompt"))
        answer = answer_widget(question, self.seed, self.quiz.shuffle_choices)
        answer.id = "answer"
        widgets.append(answer)
        widgets.append(Static(id="feedback"))
        await area.mount_all(widgets)
        self._after_show(question)

    def _after_show(self, question: Question) -> None:
        answer = self.query_one("#answer", AnswerWidget)
        if question.id in self.responses:
            answer.show(self.responses[question.id])
        graded = self.answers.get(question.id)
        if graded is not None and not self.exam:
            answer.freeze()
            self._show_feedback(question, graded)
        self._update_buttons()
        if graded is None or self.exam:
            answer.focus_input()
        else:
            self.query_one("#next", Button).focus()
        self.query_one("#question-area", VerticalScroll).scroll_home(animate=False)

    def _update_buttons(self) -> None:
        graded = self.question.id in self.answers
        check = self.query_one("#check", Button)
        check.label = "Save answer" if self.exam else "Check answer"
        check.disabled = (graded and not self.exam) or self.saving
        self.query_one("#previous", Button).disabled = self.index == 0
        last = self.index == len(self.question_ids) - 1
        self.query_one("#next", Button).label = ("Submit quiz" if self.exam else "See results") if last else "Next →"

    def _show_feedback(self, question: Question, graded: AnswerRecord | Grade) -> None:
        response = self.responses.get(question.id)
        feedback = self.query_one("#feedback", Static)
        feedback.update(feedback_content(question, response, graded.score, graded.max_score, graded.correct))
        feedback.add_class("shown")

    def action_check(self) -> None:
        """Grade and save the current answer (practice), or save it (exam)."""
        question = self.question
        if self.saving or (question.id in self.answers and not self.exam):
            return
        response = self.query_one("#answer", AnswerWidget).response()
        if response is None:
            self.notify("Choose or type an answer first.", severity="warning")
            return
        result = grade(question, response)
        progress = self.course_app.progress
        self.saving = True
        self._update_buttons()

        app = self.course_app
        scheduler, now = app.review_scheduler(), app.clock()

        def save() -> AnswerRecord:
            assert self.attempt_id is not None
            record = progress.record_answer(self.attempt_id, question.id, response, result.score, result.max_score, result.correct)
            rate(progress, scheduler, card_id_for_question(question.id), "question", rating_for(result.correct), now, "quiz")
            return record

        self.course_app.write(save, lambda record: self._answer_saved(question, response, record))

    def _answer_saved(self, question: Question, response: Any, record: AnswerRecord) -> None:
        """The store has the answer: now (and only now) acknowledge it."""
        self.saving = False
        self.answers[question.id] = record
        self.responses[question.id] = response
        if not self.is_mounted or self.question.id != question.id:
            return
        if self.exam:
            self.notify("Answer saved.", timeout=1.5)
            if self.index < len(self.question_ids) - 1:
                self.action_next()
                return
        else:
            self.query_one("#answer", AnswerWidget).freeze()
            self._show_feedback(question, record)
        self._update_buttons()
        self.query_one("#next", Button).focus()

    @on(AnswerWidget.Ready)
    def _answer_ready(self) -> None:
        self.query_one("#check", Button).focus()

    def _remember_response(self) -> None:
        if self.question.id not in self.answers or self.exam:
            response = self.query_one("#answer", AnswerWidget).response()
            if response is not None:
                self.responses[self.question.id] = response

    def action_next(self) -> None:
        """Go to the next question, or finish on the last one."""
        if self.saving:
            return
        self._remember_response()
        if self.index < len(self.question_ids) - 1:
            self.index += 1
            self.show_question()
        else:
            self.finish()

    def action_previous(self) -> None:
        """Go back one question."""
        if self.saving or self.index == 0:
            return
        self._remember_response()
        self.index -= 1
        self.show_question()

    def finish(self, force: bool = False) -> None:
        """Score the attempt, close it in the store, and show the results (``force``: even with gaps)."""
        missing = [qid for qid in self.question_ids if qid not in self.answers]
        if missing and not force:
            first = self.question_ids.index(missing[0])
            self.notify(f"{len(missing)} question(s) not answered yet; showing question {first + 1}.", severity="warning")
            self.index = first
            self.show_question()
            return
        result = score_attempt(self.quiz, self.question_ids, cast(dict, self.answers))
        progress = self.course_app.progress
        attempt_id = self.attempt_id
        self.saving = True

        def close() -> int:
            assert attempt_id is not None
            progress.finish_attempt(attempt_id, result.score, result.max_score, result.passed)
            progress.save_position("results", self.quiz_id)
            return attempt_id

        self.course_app.write(close, self._finished)

    def _finished(self, attempt_id: int) -> None:
        from tui.textual_app.screens.results import ResultsScreen

        self.timer.flush(self.course_app)
        self.saving = False
        self.course_app.progress_changed()
        self.app.switch_screen(ResultsScreen(self.quiz_id, attempt_id))

    def action_back(self) -> None:
        """Back to the map; the attempt stays open to resume."""
        self.timer.flush(self.course_app)
        self.app.pop_screen()

    @on(Button.Pressed, "#check")
    def _check_pressed(self) -> None:
        self.action_check()

    @on(Button.Pressed, "#next")
    def _next_pressed(self) -> None:
        self.action_next()

    @on(Button.Pressed, "#previous")
    def _previous_pressed(self) -> None:
        self.action_previous()

    @on(Button.Pressed, "#back")
    def _back_pressed(self) -> None:
        self.action_back()

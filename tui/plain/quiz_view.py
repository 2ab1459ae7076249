"""Taking a quiz as text: numbered questions, typed answers, feedback (practice) or a submit step (exam)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from course.engine.quiz_session import AttemptState, FinishedElsewhere, Graded, Incomplete, LimitReached, Moved
from quizzes.questions import Question
from quizzes.types import Response
from tui.plain.answers import (
    BadAnswer,
    answer_help,
    describe,
    feedback_lines,
    parse_response,
    question_lines,
)
from tui.plain.console import MAP, Go, Place, count
from tui.plain.context import Plain
from tui.plain.text import underline, wrap


class QuizView:
    """One attempt at a quiz, from opening it to submitting it."""

    def __init__(self, plain: Plain) -> None:
        self.plain = plain
        self.console = plain.console
        self.quizzes = plain.study.quizzes

    def quiz(self, quiz_id: str, retry: Sequence[str] | None = None) -> Place:
        console = self.console
        if self.plain.course.quiz(quiz_id) is None:
            return MAP
        opened = console.write(lambda: self.quizzes.open(quiz_id, list(retry) if retry else None))
        if isinstance(opened, LimitReached):
            console.tell(
                f"This quiz allows {count(opened.limit, 'attempt')} and you have used them all. Here are your last results."
            )
            return ("results", quiz_id, opened.last_attempt_id)
        attempt = opened.attempt
        quiz = attempt.quiz
        console.say("")
        console.say(underline(quiz.title + (" (retry of missed questions)" if attempt.retry else "")))
        mode = (
            "Exam: your answers are marked when you submit." if attempt.exam else "Practice: you see feedback after each answer."
        )
        console.say(wrap(f"{count(len(attempt.question_ids), 'question')}. Pass mark {quiz.pass_mark:.0%}. {mode}"))
        if attempt.attempts_left is not None:
            console.say(f"Attempt {attempt.number} of {attempt.limit}; {attempt.attempts_left} left after this one.")
        if attempt.deadline is not None:
            console.say(f"Time limit: {quiz.time_limit_minutes} minutes. {self.time_left(attempt)}")
        if attempt.answered:
            console.tell(f"You have answered {attempt.answered} of {len(attempt.question_ids)}; carrying on from there.")
        with self.plain.timed("quiz", quiz_id):
            try:
                return self.take(attempt)
            except Go:
                console.tell("Your answers are saved and the quiz stays open: open it again to carry on.")
                raise

    def take(self, attempt: AttemptState) -> Place:
        """Ask the unanswered questions, then (exam) let the learner review and submit; finish.

        A save refused because another window changed the attempt reloads it and carries on from
        there (``None`` from ``step``); one the other window submitted goes to its results."""
        while True:
            place = self.step(attempt)
            if place is not None:
                return place

    def step(self, attempt: AttemptState) -> Place | None:
        """Ask one question or submit; the place to go, or ``None`` to carry on."""
        if self.quizzes.time_is_up(attempt):
            return self.time_up(attempt)
        unanswered = attempt.unanswered()
        if unanswered:
            return self.ask_question(attempt, unanswered[0])
        if not attempt.exam:
            return self.finish(attempt)
        index = self.exam_submit_prompt(attempt)
        if self.quizzes.time_is_up(attempt):
            return self.time_up(attempt)
        if index is None:
            return self.finish(attempt)
        return self.ask_question(attempt, index)

    def time_left(self, attempt: AttemptState) -> str:
        left = self.quizzes.remaining(attempt)
        if left is None:
            return ""
        minutes, seconds = divmod(int(max(left, timedelta(0)).total_seconds()), 60)
        return f"Time left: {minutes}:{seconds:02d}."

    def time_up(self, attempt: AttemptState) -> Place | None:
        return self.finish(attempt, time_up=True)

    def moved(self, outcome: Moved | FinishedElsewhere) -> Place | None:
        """Another window changed the attempt: say so; carry on (``None``) or show its results."""
        if isinstance(outcome, FinishedElsewhere):
            self.console.tell("This quiz was submitted in another window; here are its results.")
            return ("results", outcome.results.quiz.id, outcome.results.attempt_id)
        self.console.tell(f"This quiz was changed in another window; reloaded it: {outcome.answered} answered.")
        return None

    def ask_question(self, attempt: AttemptState, index: int) -> Place | None:
        """Show question ``index``, read a valid answer, save it; ``None`` to carry on, else where to go
        (the results once time ran out, or once another window submitted the attempt)."""
        console = self.console
        question = attempt.question(index)
        console.say("")
        header = f"Question {index + 1} of {len(attempt.question_ids)} ({attempt.answered} answered)."
        if attempt.deadline is not None:
            header += " " + self.time_left(attempt)
        console.say(header)
        response = self.read_answer(question, attempt.option_order(question))
        if self.quizzes.time_is_up(attempt):
            return self.time_up(attempt)
        graded = console.write(lambda: self.quizzes.answer(attempt, question.id, response))
        if not isinstance(graded, Graded):
            return self.moved(graded)
        if not attempt.immediate_feedback:
            console.say("Answer saved.")
            return None
        console.say("")
        for line in feedback_lines(question, response, graded.grade.score, graded.grade.max_score, graded.grade.correct):
            console.say(line)
        last = not attempt.unanswered()
        console.pause("Press Enter to see your results." if last else "Press Enter for the next question.")
        return None

    def read_answer(self, question: Question, order: list[str]) -> Response:
        """Print the question and its options, then read until the learner types a valid answer."""
        for line in question_lines(question, order):
            self.console.say(line)
        commands = answer_help(question)
        # A typed text answer may be any word: there only the global letters are commands.
        typed = question.type == "text"
        while True:
            text = self.console.ask("Answer", commands, "your answer", words=not typed)
            try:
                return parse_response(question, text, order)
            except BadAnswer as problem:
                self.console.say(str(problem))

    def exam_submit_prompt(self, attempt: AttemptState) -> int | None:
        """Every question is answered: list the answers; None to submit, or the index to change."""
        console = self.console
        total = len(attempt.question_ids)
        console.say("")
        console.say(f"All {total} questions are answered. Your answers:")
        for n, qid in enumerate(attempt.question_ids, start=1):
            question = attempt.question(n - 1)
            record = attempt.answers.get(qid)
            console.say(wrap(f"{n}. {question.prompt}", subsequent_indent="   "))
            console.say(
                wrap(
                    "Your answer: " + describe(question, record.response if record else None),
                    indent="   ",
                    subsequent_indent="   ",
                )
            )
        numbers = f"1-{total}" if total > 1 else "1"
        commands = [("s or submit", "submit your answers for marking"), (numbers, "change that answer")]
        while True:
            choice = console.ask("Submit", commands, f"s submit them for marking, {numbers} change that answer")
            if choice.lower() in ("s", "submit"):
                return None
            if choice.isdigit() and 1 <= int(choice) <= total:
                return int(choice) - 1
            console.tell(f"Type s to submit, or a question number from 1 to {total}.")

    def finish(self, attempt: AttemptState, time_up: bool = False) -> Place | None:
        """Score the attempt, close it in the store, and show the results (``None``: it changed in
        another window and was reloaded; carry on)."""
        outcome = self.console.write(lambda: self.quizzes.submit(attempt, force=True))
        assert not isinstance(outcome, Incomplete)
        if isinstance(outcome, (Moved, FinishedElsewhere)):
            return self.moved(outcome)
        if time_up:
            self.console.say("")
            self.console.say("Time is up: your answers have been submitted.")
        return ("results", attempt.quiz.id, attempt.attempt_id)

"""Taking a quiz: open (or resume) an attempt, answer, submit, see the results, retry.

Limits and deadlines are decided here: an attempt limit sends the learner to their last results; a
time limit runs on the wall clock (it keeps running while the app is closed) and, once passed,
submits what was answered. Every answer is saved with its review-card rating and their events in
one transaction; so is finishing an attempt with the resume position.

The same learner may have the attempt open in two windows. Each write carries the attempt's version
this window last saw; if the other window changed the attempt since, nothing is written and the
attempt is reloaded: ``Moved`` (carry on from what is stored) or ``FinishedElsewhere`` (its results).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from course.engine.context import Learner
from course.engine.results import Results, build_results
from course.engine.review import rate_card
from progress_store import AnswerRecord, Attempt
from progress_store.errors import AttemptMoved, StoreError
from quizzes.attempt_plan import option_order, plan_questions
from quizzes.grading import Grade, grade
from quizzes.questions import Question
from quizzes.quiz import Quiz
from quizzes.review import rating_for
from quizzes.review_cards import card_id_for_question
from quizzes.scoring import score_attempt
from quizzes.types import Response


@dataclass
class AttemptState:
    """An attempt in progress: its questions in order, the answers saved so far, its deadline, and
    the version of the attempt these answers are (what the next write must find in the store)."""

    quiz: Quiz
    attempt_id: int
    seed: int
    kind: str
    question_ids: list[str]
    answers: dict[str, AnswerRecord] = field(default_factory=dict)
    deadline: datetime | None = None
    version: int = 0
    number: int = 1
    limit: int = 0

    @property
    def attempts_left(self) -> int | None:
        """Full attempts still allowed after this one (``None``: no limit, or this is a retry, which is
        not an attempt). ``number`` is this attempt's place among the full attempts, ``limit`` the quiz's
        ``max_attempts``."""
        if not self.limit or self.kind != "full":
            return None
        return max(0, self.limit - self.number)

    @property
    def exam(self) -> bool:
        """Exam mode: answers are saved silently and marked only on submission."""
        return self.quiz.mode == "exam"

    @property
    def immediate_feedback(self) -> bool:
        """Practice shows right or wrong, the key and why after each answer; exam only after submission."""
        return not self.exam

    def can_answer(self, question_id: str) -> bool:
        """Whether the question takes an answer now: exam answers can be changed until submission, a
        practice answer is final once checked."""
        return self.exam or question_id not in self.answers

    @property
    def retry(self) -> bool:
        """A retry of the questions missed before (it never changes the quiz's score)."""
        return self.kind == "retry"

    def question(self, index: int) -> Question:
        """The question asked at ``index``."""
        wanted = self.question_ids[index]
        return next(q for q in self.quiz.questions if q.id == wanted)

    def option_order(self, question: Question) -> list[str]:
        """The order this attempt shows the question's options in (the same on every resume)."""
        return option_order(question, self.seed, self.quiz.shuffle_choices)

    @property
    def answered(self) -> int:
        return sum(qid in self.answers for qid in self.question_ids)

    def unanswered(self) -> list[int]:
        """Indexes of the questions not answered yet."""
        return [n for n, qid in enumerate(self.question_ids) if qid not in self.answers]

    def resume_index(self) -> int:
        """Where to carry on: the first unanswered question, else the last one."""
        gaps = self.unanswered()
        return gaps[0] if gaps else max(0, len(self.question_ids) - 1)

    def is_last(self, index: int) -> bool:
        return index >= len(self.question_ids) - 1


@dataclass(frozen=True)
class Opened:
    """The attempt to take: a new one, or the one left open (``resumed``)."""

    attempt: AttemptState
    resumed: bool


@dataclass(frozen=True)
class LimitReached:
    """Every allowed attempt is used: show the last results instead."""

    quiz_id: str
    limit: int
    last_attempt_id: int


@dataclass(frozen=True)
class Graded:
    """An answer saved and graded (practice shows this at once; exam only after submission)."""

    question: Question
    response: Response
    record: AnswerRecord
    grade: Grade


@dataclass(frozen=True)
class Moved:
    """Nothing was saved: the attempt changed in another window. ``attempt`` (the caller's state
    object) now holds what is stored; carry on from it."""

    attempt: AttemptState

    @property
    def answered(self) -> int:
        return self.attempt.answered


@dataclass(frozen=True)
class FinishedElsewhere:
    """Nothing was saved: another window submitted the attempt. ``results`` are its results."""

    results: Results


@dataclass(frozen=True)
class Incomplete:
    """Submitting was refused: these questions (indexes) are not answered yet."""

    missing: list[int]


@dataclass(frozen=True)
class Submitted:
    """The attempt is finished and scored."""

    results: Results


class QuizSession:
    """The quiz use cases of one learner."""

    def __init__(self, learner: Learner) -> None:
        self._learner = learner

    def quiz(self, quiz_id: str) -> Quiz:
        """The quiz with this id; ``KeyError`` if the course has none."""
        quiz = self._learner.course.quiz(quiz_id)
        if quiz is None:
            raise KeyError(quiz_id)
        return quiz

    def limit_reached(self, quiz_id: str) -> LimitReached | None:
        """``LimitReached`` when a new full attempt would exceed the quiz's attempt limit (an attempt
        left open can always be finished; retries of missed questions are not attempts)."""
        records = self._learner.records
        quiz = self.quiz(quiz_id)
        if not quiz.max_attempts or records.open_attempt(quiz_id) is not None:
            return None
        finished = [a for a in records.attempts(quiz_id, kind="full") if a.finished]
        if len(finished) < quiz.max_attempts:
            return None
        return LimitReached(quiz_id, quiz.max_attempts, finished[-1].id)

    def open(self, quiz_id: str, retry: Sequence[str] | None = None) -> Opened | LimitReached:
        """Resume the open attempt, or start one (``retry``: only those questions), unless the attempt
        limit is used up. Records the quiz as the place to resume and continue."""
        learner, records = self._learner, self._learner.records
        quiz = self.quiz(quiz_id)
        with records.transaction():
            limit = None if retry else self.limit_reached(quiz_id)
            if limit is not None:
                return limit
            attempt = records.open_attempt(quiz_id)
            resumed = attempt is not None
            if attempt is None:
                seed = learner.new_seed()
                plan = list(retry) if retry else plan_questions(quiz, seed)
                attempt = records.start_attempt(quiz_id, seed, plan, kind="retry" if retry else "full")
            records.save_position("quiz", quiz_id)
            records.set_setting(learner.last_opened_key, {"screen": "quiz", "id": quiz_id})
            answers = dict(records.answers(attempt.id)) if resumed else {}
            finished = sum(1 for a in records.attempts(quiz_id, kind="full") if a.finished and a.id != attempt.id)
        known = {q.id for q in quiz.questions}
        deadline = None
        if quiz.time_limit_minutes and attempt.kind == "full":
            deadline = datetime.fromisoformat(attempt.started_at) + timedelta(minutes=quiz.time_limit_minutes)
        state = AttemptState(
            quiz,
            attempt.id,
            attempt.seed,
            attempt.kind,
            [q for q in attempt.question_ids if q in known],
            answers,
            deadline,
            attempt.version,
            number=finished + 1,
            limit=quiz.max_attempts,
        )
        return Opened(state, resumed)

    def answer(self, state: AttemptState, question_id: str, response: Response) -> Graded | Moved | FinishedElsewhere:
        """Grade and save an answer (replacing an earlier one in exam mode) with its review rating, in
        one transaction. ``ValueError`` for a practice question already answered; ``StoreError`` if the
        attempt is already finished. If another window changed the attempt since ``state`` was read,
        nothing is saved and ``state`` is reloaded: ``Moved`` or ``FinishedElsewhere``."""
        if not state.can_answer(question_id):
            raise ValueError(f"question {question_id} is already answered in this practice attempt")
        learner = self._learner
        question = next(q for q in state.quiz.questions if q.id == question_id)
        result = grade(question, response)
        scheduler, now = learner.scheduler(), learner.clock()
        try:
            with learner.records.transaction():
                record = learner.records.record_answer(
                    state.attempt_id, question.id, response, result.score, result.max_score, result.correct, state.version
                )
                rate_card(
                    learner.records,
                    scheduler,
                    card_id_for_question(question.id),
                    "question",
                    rating_for(result.correct),
                    now,
                    "quiz",
                )
        except AttemptMoved:
            return self._reload(state)
        state.answers[question.id] = record
        state.version += 1  # the store bumped it by exactly one
        return Graded(question, response, record, result)

    def remaining(self, state: AttemptState) -> timedelta | None:
        """Time left before the attempt is submitted by itself (``None`` without a time limit)."""
        if state.deadline is None:
            return None
        return max(timedelta(0), state.deadline - self._learner.clock())

    def time_is_up(self, state: AttemptState) -> bool:
        left = self.remaining(state)
        return left is not None and left <= timedelta(0)

    def submit(self, state: AttemptState, *, force: bool = False) -> Submitted | Incomplete | Moved | FinishedElsewhere:
        """Score and close the attempt (``force``: even with unanswered questions, as at the deadline).

        If another window changed the attempt since ``state`` was read, nothing is saved and ``state``
        is reloaded: ``Moved`` (look at the answers again, then submit) or ``FinishedElsewhere``."""
        missing = state.unanswered()
        if missing and not force and not self.time_is_up(state):
            return Incomplete(missing)
        records = self._learner.records
        score = score_attempt(state.quiz, state.question_ids, state.answers)
        try:
            with records.transaction():
                finished = records.finish_attempt(state.attempt_id, score.score, score.max_score, score.passed, state.version)
                records.save_position("results", state.quiz.id)
        except AttemptMoved:
            return self._reload(state)
        state.version = finished.version
        return Submitted(build_results(self._learner.course, state.quiz, finished, state.answers))

    def _reload(self, state: AttemptState) -> Moved | FinishedElsewhere:
        """Replace ``state``'s answers and version with what the store holds (read in one transaction)."""
        records = self._learner.records
        with records.transaction():
            attempt: Attempt | None = records.attempt(state.attempt_id)
            answers = records.answers(state.attempt_id)
        if attempt is None:  # attempts are never deleted while the learner exists
            raise StoreError(f"quiz attempt {state.attempt_id} no longer exists")
        state.answers.clear()
        state.answers.update(answers)
        state.version = attempt.version
        if attempt.finished:
            return FinishedElsewhere(build_results(self._learner.course, state.quiz, attempt, answers))
        return Moved(state)

    def results(self, attempt_id: int) -> Results | None:
        """The results of one of the learner's finished attempts."""
        records = self._learner.records
        attempt = records.attempt(attempt_id)
        if attempt is None or not attempt.finished:
            return None
        quiz = self._learner.course.quiz(attempt.quiz_id)
        if quiz is None:
            return None
        return build_results(self._learner.course, quiz, attempt, records.answers(attempt_id))

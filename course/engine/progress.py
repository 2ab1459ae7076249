"""The learner's way through the course: lessons, module status, Continue, resume, next/previous, study time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Literal

from course.domain.models import Module
from course.engine.context import Learner
from course.engine.targets import MAP, Target
from progress_store.lessons import Place
from quizzes.scoring import reaches_pass_mark

ModuleStatus = Literal["not started", "in progress", "done", "passed"]
LessonStatus = Literal["not started", "started", "done"]
CHART_DAYS = 14
CHART_SCORES = 1000  # more bars than any terminal is wide


@dataclass(frozen=True)
class QuizStanding:
    """A quiz's best score over full attempts (``None`` if never finished) and whether it passes."""

    best: float | None
    passed: bool


@dataclass(frozen=True)
class ModuleRow:
    """One module on the map."""

    module: Module
    lessons_done: int
    status: ModuleStatus
    seconds: float
    quiz: QuizStanding | None


@dataclass(frozen=True)
class Overview:
    """The map's figures: every module, lessons done, study time, reviews due, the charts' data."""

    modules: list[ModuleRow]
    lesson_status: dict[str, LessonStatus]
    lessons_done: int
    lessons_total: int
    minutes_studied: int
    reviews_due: int
    quiz_scores: list[float]  # the last CHART_SCORES finished full attempts, oldest first
    minutes_by_day: list[float]
    quiz_attempts: int = 0  # how many full attempts are finished in all (quiz_scores may hold only the last ones)


def module_status(module: Module, statuses: dict[str, str], scores: dict[str, float]) -> ModuleStatus:
    """ "not started", "in progress", "done" (every lesson) or "passed" (done and the quiz passed)."""
    done = sum(statuses.get(lesson.id) == "done" for lesson in module.lessons)
    quiz = module.quiz
    started = done or any(lesson.id in statuses for lesson in module.lessons) or (quiz is not None and quiz.id in scores)
    if not started:
        return "not started"
    if done < len(module.lessons):
        return "in progress"
    if quiz is None:
        return "done"
    return "passed" if reaches_pass_mark(scores.get(quiz.id, 0.0), quiz.pass_mark) else "done"


class Progress:
    """Where the learner is and what they have done."""

    def __init__(self, learner: Learner) -> None:
        self._learner = learner

    # reading

    def lesson_status(self) -> dict[str, LessonStatus]:
        """lesson id -> "started" or "done" (lessons never opened are left out)."""
        return {k: "done" if v == "done" else "started" for k, v in self._learner.records.lesson_statuses().items()}

    def lesson_done(self, lesson_id: str) -> bool:
        return self._learner.records.lesson_statuses().get(lesson_id) == "done"

    def quiz_standing(self, quiz_id: str, scores: dict[str, float] | None = None) -> QuizStanding:
        """The quiz's best score and whether it passes (the one pass-mark rule)."""
        quiz = self._learner.course.quiz(quiz_id)
        scores = self._learner.records.best_scores() if scores is None else scores
        best = scores.get(quiz_id)
        return QuizStanding(best, quiz is not None and best is not None and reaches_pass_mark(best, quiz.pass_mark))

    def overview(self) -> Overview:
        """Everything the course map (the dashboard) shows."""
        learner = self._learner
        records = learner.records
        statuses = records.lesson_statuses()
        scores = records.best_scores()
        lesson_seconds = records.seconds_by_object("lesson")
        quiz_seconds = records.seconds_by_object("quiz")
        rows = []
        for module in learner.course.modules:
            seconds = sum(lesson_seconds.get(lesson.id, 0.0) for lesson in module.lessons)
            standing = None
            if module.quiz is not None:
                seconds += quiz_seconds.get(module.quiz.id, 0.0)
                standing = self.quiz_standing(module.quiz.id, scores)
            done = sum(statuses.get(lesson.id) == "done" for lesson in module.lessons)
            rows.append(ModuleRow(module, done, module_status(module, statuses, scores), seconds, standing))
        today = learner.clock().date()
        days = [(today - timedelta(days=n)).isoformat() for n in range(CHART_DAYS - 1, -1, -1)]
        minutes, by_day = records.recent_minutes(days[0])
        attempts, recent = records.recent_scores(CHART_SCORES)
        return Overview(
            modules=rows,
            lesson_status=self.lesson_status(),
            lessons_done=sum(row.lessons_done for row in rows),
            lessons_total=sum(len(row.module.lessons) for row in rows),
            minutes_studied=round(minutes),
            reviews_due=records.count_due(learner.clock()),
            quiz_scores=[score * 100 for score in recent],
            minutes_by_day=[by_day.get(day, 0.0) for day in days],
            quiz_attempts=attempts,
        )

    def continue_target(self) -> Target | None:
        """Exactly where the learner stopped: the last lesson opened (unless done) or the quiz with an
        open attempt; otherwise the first lesson not done or quiz not passed; ``None`` when all is done."""
        learner = self._learner
        course, records = learner.course, learner.records
        statuses = records.lesson_statuses()
        last = records.setting(learner.last_opened_key)
        if isinstance(last, dict):
            kind, ident = last.get("screen"), str(last.get("id"))
            if kind == "lesson" and course.lesson(ident) and statuses.get(ident) != "done":
                return Target("lesson", ident)
            if kind == "quiz" and course.quiz(ident) and records.open_attempt(ident):
                return Target("quiz", ident)
        scores = records.best_scores()
        for module in course.modules:
            for lesson in module.lessons:
                if statuses.get(lesson.id) != "done":
                    return Target("lesson", lesson.id)
            if module.quiz is not None and not reaches_pass_mark(scores.get(module.quiz.id, 0.0), module.quiz.pass_mark):
                return Target("quiz", module.quiz.id)
        return None

    def resume_target(self) -> Target | None:
        """Where the last session ended (``None`` for a new learner, who sees the disclaimer first)."""
        learner = self._learner
        position = learner.records.position()
        if position is None:
            return None
        ident = position.target_id
        if position.screen == "lesson" and ident and learner.course.lesson(ident):
            return Target("lesson", ident)
        if position.screen == "quiz" and ident and learner.course.quiz(ident):
            return Target("quiz", ident)
        if position.screen == "results" and ident and learner.course.quiz(ident):
            finished = [a for a in learner.records.attempts(ident) if a.finished]
            if finished:
                return Target("results", ident, finished[-1].id)
        return MAP

    def neighbour(self, lesson_id: str, step: int) -> Target | None:
        """The next lesson or quiz (``step`` +1) or the previous lesson (-1) in course order."""
        items = self._learner.course.reading_order()
        index = items.index(("lesson", lesson_id)) + step
        while 0 <= index < len(items):
            kind, ident = items[index]
            if step > 0 or kind == "lesson":
                return Target("lesson" if kind == "lesson" else "quiz", ident)
            index += step
        return None

    # writing

    def accept_disclaimer(self) -> None:
        """The learner read the disclaimer: they start on the map."""
        self._learner.records.save_position("map")

    def enter_map(self) -> None:
        """The learner is on the map (or in a review session, which resumes on the map)."""
        self._learner.records.save_position("map")

    def open_lesson(self, lesson_id: str) -> None:
        """Mark the lesson opened and remember it as the place to resume and continue (one transaction)."""
        learner = self._learner
        with learner.records.transaction():
            learner.records.open_lesson(lesson_id)
            learner.records.save_position("lesson", lesson_id)
            learner.records.set_setting(learner.last_opened_key, {"screen": "lesson", "id": lesson_id})

    def complete_lesson(self, lesson_id: str) -> None:
        """Mark the lesson done (repeating it changes nothing)."""
        self._learner.records.complete_lesson(lesson_id)

    def move_on(self, lesson_id: str) -> Target | None:
        """Leave a lesson forwards (Next, by key or button): the lesson counts as done, and the next
        lesson or quiz is returned (``None`` after the last). Going back (Previous, the map) never
        marks a lesson done; only ``complete_lesson`` and moving on do."""
        self.complete_lesson(lesson_id)
        return self.neighbour(lesson_id, +1)

    def save_scroll(self, lesson_id: str, y: float) -> None:
        """Remember how far down the lesson the learner read, in rows (kept for callers without blocks)."""
        self._learner.records.save_scroll(lesson_id, y)

    def save_place(self, lesson_id: str, block: int, within: float, rows: float = 0.0) -> None:
        """Remember where the learner stopped reading: the top-level block at the top of the view and how far
        into it (0..1 of its height), which lands on the same text at any width; ``rows`` is the row offset."""
        self._learner.records.save_place(lesson_id, max(block, 0), min(max(within, 0.0), 1.0), max(rows, 0.0))

    def place(self, lesson_id: str) -> Place | None:
        """Where to reopen the lesson: a block anchor, or (``block`` ``None``) only the row offset an older
        version saved; ``None`` to open at the top."""
        return self._learner.records.place(lesson_id)

    def add_study_time(self, object_type: str, object_id: str, seconds: float) -> None:
        """Count ``seconds`` spent on a lesson or quiz towards today's study time."""
        self._learner.records.add_study_time(object_type, object_id, seconds, self._learner.clock())

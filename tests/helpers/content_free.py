"""A learner who ignores the content and answers from the shape of the options alone.

The strategy is the one test-wise learners use: avoid options with absolute words ("never",
"always", "cures"), then take the longest one; in multiple select, take all but the shortest; answer
True/False questions False; order and match items at random (scored at the chance expectation); leave
typed answers blank. A quiz that measures knowledge keeps this learner well below its pass mark.

A second learner does the same except in case vignettes, where it picks the option that does the
most (the most clauses: "check X, tell Y and arrange Z"), betting that the balanced, many-step plan
is the key; ``planner=True`` selects it.

Run ``python -m tests.helpers.content_free [COURSE]`` to print the figures per quiz.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from course.domain.models import Course
from course.loading.loader import bundled_course_path, load_course
from quizzes.item_cues import absolutes_in, key_is_longest, true_share
from quizzes.questions import Choice, MultipleChoice, Question, SingleChoice, TrueFalse
from quizzes.quiz import Quiz
from quizzes.types import question_type


def _plain(choices: list[Choice]) -> list[Choice]:
    """The options without absolute words (all of them when every option has one)."""
    calm = [c for c in choices if not absolutes_in(c.text)]
    return calm or list(choices)


def _length(choice: Choice) -> int:
    return len(choice.text.strip())


def _steps(choice: Choice) -> tuple[int, int]:
    """How much an option proposes to do (its clauses), then its length to break ties."""
    text = choice.text
    return text.count(",") + text.count(";") + text.count(" and ") + text.count(" then "), _length(choice)


def guess_fraction(question: Question, planner: bool = False) -> float:
    """The share of ``question``'s marks the content-free learner earns (an expectation for chance)."""
    kind = question_type(question)
    if planner and isinstance(question, SingleChoice) and question.case.strip():
        return max(0.0, kind.fraction(question, max(question.choices, key=_steps).id))
    if isinstance(question, SingleChoice):
        pick = max(_plain(question.choices), key=_length)
        return max(0.0, kind.fraction(question, pick.id))
    if isinstance(question, MultipleChoice):
        options = _plain(question.choices)
        if len(options) > 1:
            options = sorted(options, key=_length)[1:]
        return max(0.0, kind.fraction(question, [c.id for c in options]))
    if isinstance(question, TrueFalse):
        return 1.0 if question.answer is False else 0.0
    if question.type in ("order", "match"):
        count = len(kind.correct_response(question))
        return 1.0 / count  # a random arrangement puts each item right with chance 1/n
    return 0.0  # text and numeric answers cannot be guessed from the options


def guess_score(quiz: Quiz, planner: bool = False) -> float:
    """The content-free learner's score on ``quiz`` as a fraction of its points (over the whole pool)."""
    total = sum(q.points for q in quiz.questions)
    return sum(q.points * guess_fraction(q, planner) for q in quiz.questions) / total


@dataclass(frozen=True)
class QuizCues:
    """The figures that show whether a quiz can be passed from the shape of its options."""

    quiz_id: str
    guess_score: float
    planner_score: float
    longest_keys: str
    true_keys: str
    first_choice_keys: str


def _count(hits: int, total: int) -> str:
    return f"{hits}/{total}" if total else "-"


def quiz_cues(quiz: Quiz) -> QuizCues:
    singles = [q for q in quiz.questions if isinstance(q, SingleChoice)]
    flags = [q for q in quiz.questions if isinstance(q, TrueFalse)]
    multiples = [q for q in quiz.questions if isinstance(q, MultipleChoice)]
    share = true_share(quiz)
    return QuizCues(
        quiz.id,
        guess_score(quiz),
        guess_score(quiz, planner=True),
        _count(sum(key_is_longest(q) for q in singles), len(singles)),
        _count(round((share or 0) * len(flags)), len(flags)),
        _count(sum(q.choices[0].id in q.answers for q in multiples), len(multiples)),
    )


def course_cues(course: Course) -> list[QuizCues]:
    return [quiz_cues(m.quiz) for m in course.modules if m.quiz]


def main(argv: list[str]) -> int:
    course = load_course(Path(argv[0]) if argv else bundled_course_path())
    print(f"{'quiz':<14} {'guess':>6} {'planner':>8} {'longest key':>12} {'True keys':>10} {'1st is key':>11}")
    for row in course_cues(course):
        print(
            f"{row.quiz_id:<14} {row.guess_score:>6.0%} {row.planner_score:>8.0%} {row.longest_keys:>12}"
            f" {row.true_keys:>10} {row.first_choice_keys:>11}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

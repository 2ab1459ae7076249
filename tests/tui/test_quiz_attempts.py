"""The quiz's progress line says which attempt this is and how many are left, where the quiz limits them."""

from __future__ import annotations

from course.engine.quiz_session import AttemptState
from quizzes.quiz import Quiz
from tui.textual_app.widgets.question_area import progress_line

QUIZ = Quiz.model_validate(
    {
        "id": "q",
        "title": "Q",
        "mode": "exam",
        "max_attempts": 3,
        "question": [{"id": "a", "type": "true_false", "prompt": "P", "explanation": "E", "objective": "o", "answer": True}],
    }
)


def test_a_limited_exam_shows_the_attempt_and_what_is_left() -> None:
    state = AttemptState(QUIZ, 1, 7, "full", ["a"], number=2, limit=3)
    assert progress_line(state, 0).endswith("· attempt 2 of 3, 1 left after this")


def test_unlimited_quizzes_and_retries_say_nothing_about_attempts() -> None:
    unlimited = AttemptState(QUIZ.model_copy(update={"max_attempts": 0}), 1, 7, "full", ["a"])
    retry = AttemptState(QUIZ, 1, 7, "retry", ["a"], number=1, limit=3)
    assert "attempt" not in progress_line(unlimited, 0).split("·")[-1]
    assert "left" not in progress_line(retry, 0)

"""The feedback shown after an answer is graded: verdict, the author's feedback, the key and why."""

from __future__ import annotations

from typing import Any

from textual.content import Content

from quizzes.describe import describe_key, describe_response
from quizzes.grading import grade
from quizzes.questions import Question
from quizzes.scoring import points_phrase
from tui.textual_app.safe_text import plain


def feedback_content(question: Question, response: Any, score: float, max_score: float, correct: bool) -> Content:
    """Right or wrong, partial credit, per-choice feedback, the right answer and the explanation."""
    if correct:
        verdict = Content.styled("✓ Correct", "bold $success")
    elif score > 0:
        verdict = Content.styled(f"◐ Partly right: {points_phrase(score, max_score)}", "bold $warning")
    else:
        verdict = Content.styled("✗ Not quite", "bold $error")
    parts: list[Content] = [verdict]
    for line in grade(question, response).feedback:
        parts += [Content("\n"), plain(line)]
    if not correct:
        parts += [Content("\n\nYour answer: "), plain(describe_response(question, response))]
        parts += [Content("\nRight answer: "), plain(describe_key(question))]
    parts += [Content("\n\n"), Content.styled("Why: ", "bold"), plain(question.explanation)]
    return Content.assemble(*parts)

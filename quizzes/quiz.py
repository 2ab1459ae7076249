"""The quiz model: a module's questions and the rules for taking them."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from quizzes.questions import Id, Question, Strict


class Quiz(Strict):
    """A module quiz (or a post-test): questions plus the author's rules."""

    id: Id
    title: str = Field(min_length=1, max_length=200)
    mode: Literal["practice", "exam"] = "practice"
    pass_mark: float = Field(default=0.7, gt=0, le=1, description="Fraction of points needed to pass.")
    max_attempts: int = Field(default=0, ge=0, description="0 means unlimited.")
    time_limit_minutes: int = Field(default=0, ge=0, description="0 means no time limit.")
    shuffle_questions: bool = False
    shuffle_choices: bool = False
    questions: list[Question] = Field(alias="question", min_length=1, max_length=2_000)
    draw: int = Field(default=0, ge=0, description="Ask this many questions drawn from the pool; 0 asks all.")

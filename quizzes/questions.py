"""Question models: a pydantic discriminated union on ``type``.

Every question has a stable ``id``, a ``prompt``, an ``explanation`` that teaches, and the id of the
``objective`` it assesses. Answer keys refer to choice ids, so shuffling never changes the key.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

Id = Annotated[str, Field(min_length=1, max_length=80, pattern=r"^[a-z0-9][a-z0-9_-]*$")]
Prose = Annotated[str, Field(min_length=1, max_length=20_000)]
Short = Annotated[str, Field(min_length=1, max_length=2_000)]


class Strict(BaseModel):
    """Base for every course model: unknown keys are errors, models are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Choice(Strict):
    """One option of a single- or multiple-choice question."""

    id: Id
    text: Short
    feedback: str = ""


class Item(Strict):
    """One item of an ordering question (listed in the correct order)."""

    id: Id
    text: Short


class Pair(Strict):
    """One left/right pair of a matching question."""

    id: Id
    left: Short
    right: Short


class QuestionBase(Strict):
    """Fields shared by every question type."""

    id: Id
    prompt: Prose
    explanation: Prose
    objective: Id
    points: float = Field(default=1.0, gt=0, le=100)
    case: str = Field(default="", max_length=20_000, description="Optional case vignette shown above the prompt.")


class SingleChoice(QuestionBase):
    """Exactly one right choice."""

    type: Literal["single"]
    choices: list[Choice] = Field(min_length=2, max_length=12)
    answer: Id
    shuffle: bool | None = Field(
        default=None, description="Shuffle this question's choices; unset follows the quiz's shuffle_choices."
    )


class MultipleChoice(QuestionBase):
    """Select every right choice. Scoring: see :func:`quizzes.grading.grade`."""

    type: Literal["multiple"]
    choices: list[Choice] = Field(min_length=2, max_length=12)
    answers: list[Id] = Field(min_length=1)
    shuffle: bool | None = Field(
        default=None, description="Shuffle this question's choices; unset shuffles them whatever the quiz says."
    )


class TrueFalse(QuestionBase):
    """A statement that is true or false."""

    type: Literal["true_false"]
    answer: bool
    feedback_true: str = ""
    feedback_false: str = ""


class Ordering(QuestionBase):
    """Put the items in order; ``items`` lists them in the right order."""

    type: Literal["order"]
    items: list[Item] = Field(min_length=2, max_length=12)


class Matching(QuestionBase):
    """Match each left-hand entry to its right-hand partner."""

    type: Literal["match"]
    pairs: list[Pair] = Field(min_length=2, max_length=12)


class ShortText(QuestionBase):
    """A typed answer, compared ignoring case (unless ``case_sensitive``), punctuation and spacing."""

    type: Literal["text"]
    accept: list[Short] = Field(min_length=1, max_length=50, description="Accepted answers; the first is shown as the right one.")
    pattern: str = Field(
        default="", max_length=500, description="Optional regular expression that also counts as right (full match)."
    )
    case_sensitive: bool = False


class Numeric(QuestionBase):
    """A number: ``value`` with ``tolerance``, or a ``min``..``max`` range."""

    type: Literal["numeric"]
    value: float | None = None
    tolerance: float = Field(default=0.0, ge=0)
    min: float | None = None
    max: float | None = None
    unit: str = ""

    @model_validator(mode="after")
    def _needs_a_key(self) -> Numeric:
        has_range = self.min is not None and self.max is not None
        if self.value is None and not has_range:
            raise ValueError("a numeric question needs a value (with an optional tolerance) or both min and max")
        if has_range and self.min > self.max:  # type: ignore[operator]
            raise ValueError("min must not be greater than max")
        return self


Question = Annotated[
    SingleChoice | MultipleChoice | TrueFalse | Ordering | Matching | ShortText | Numeric,
    Field(discriminator="type"),
]

QUESTION_TYPES: tuple[str, ...] = ("single", "multiple", "true_false", "order", "match", "text", "numeric")

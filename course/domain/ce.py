"""The ``[ce]`` section of course.toml: a continuing-education activity built on the course.

Modelled on accredited enduring material: who it is for and what it teaches, the faculty and their
disclosures before the content, the credit and its statements, the post-test and its pass mark, the
evaluation survey, and the dates it is offered. Every word a learner or a certificate shows comes from
here, so an instructor can author a real activity; ``sample = true`` marks one that is not accredited.
Checks across files (the post-test exists and is an exam, the pass marks agree, quarter-hour credit)
are ``course validate``'s E5xx/W5xx (``course/loading/ce_checks.py``).
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import Field

from quizzes.questions import Id, Strict

CREDIT_STEP = 0.25  # credit is claimed in quarter hours
DEFAULT_PASS_MARK = 0.75
DEFAULT_IDLE_MINUTES = 5
DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"
DEFAULT_SAMPLE_NOTICE = (
    "Sample activity: this is not an accredited continuing-education activity. "
    "No accrediting body has reviewed it, and it awards no credit that any board or employer must recognise."
)
LIKERT_SCALE: tuple[tuple[int, str], ...] = (
    (1, "Strongly disagree"),
    (2, "Disagree"),
    (3, "Neither agree nor disagree"),
    (4, "Agree"),
    (5, "Strongly agree"),
)

Text = Annotated[str, Field(min_length=1, max_length=5_000)]


SAMPLE_HEADING = "SAMPLE — NOT AN ACCREDITED ACTIVITY"
"""The heading over a sample activity's notice, on the CE screens and the certificate."""


class Faculty(Strict):
    """Someone in control of the content, with the disclosure of their relevant financial relationships."""

    name: str = Field(min_length=1, max_length=200, description="The person's name as learners see it.")
    role: str = Field(min_length=1, max_length=200, description="Their role in the activity (author, planner, reviewer ...).")
    disclosure: Text = Field(
        description='Their relevant financial relationships with ineligible companies, or "No relevant financial relationships".'
    )


class LikertItem(Strict):
    """A statement the learner rates on five points, from strongly disagree (1) to strongly agree (5)."""

    type: Literal["likert"] = Field(description="likert: a statement rated 1 (strongly disagree) to 5 (strongly agree).")
    id: Id = Field(description="Stable id of the item; answers are stored under it.")
    prompt: Text = Field(description="The statement the learner rates.")
    required: bool = Field(default=True, description="Whether the evaluation cannot be submitted without it.")


class YesNoItem(Strict):
    """A question answered yes or no, such as whether the activity was free of commercial bias."""

    type: Literal["yes_no"] = Field(description="yes_no: a question answered yes or no.")
    id: Id = Field(description="Stable id of the item; answers are stored under it.")
    prompt: Text = Field(description="The question.")
    required: bool = Field(default=True, description="Whether the evaluation cannot be submitted without it.")


class TextItem(Strict):
    """A question answered in the learner's own words."""

    type: Literal["text"] = Field(description="text: an answer in the learner's own words.")
    id: Id = Field(description="Stable id of the item; answers are stored under it.")
    prompt: Text = Field(description="The question.")
    required: bool = Field(default=False, description="Whether the evaluation cannot be submitted without it.")
    max_length: int = Field(default=2_000, ge=1, le=10_000, description="The longest answer accepted, in characters.")


EvaluationItem = Annotated[LikertItem | YesNoItem | TextItem, Field(discriminator="type")]


class Evaluation(Strict):
    """The evaluation survey the learner completes before claiming credit; it never changes a score."""

    intro: str = Field(default="", max_length=5_000, description="Shown above the survey.")
    items: list[EvaluationItem] = Field(
        alias="item", min_length=1, max_length=50, description="The survey's items, one [[ce.evaluation.item]] table each."
    )


class CeActivity(Strict):
    """The ``[ce]`` table: a continuing-education activity made of this course and its post-test."""

    title: str = Field(
        default="", max_length=300, description="The activity's title on the certificate; empty uses the course title."
    )
    purpose: Text = Field(description="Why the activity exists: the gap in practice it addresses.")
    audience: Text = Field(description="Who the activity is designed for.")
    objectives: list[Annotated[str, Field(min_length=1, max_length=500)]] = Field(
        default_factory=list,
        max_length=30,
        description="The activity's learning objectives; empty lists every module's objectives instead.",
    )
    faculty: list[Faculty] = Field(
        min_length=1, max_length=50, description="Everyone in control of the content, one [[ce.faculty]] table each."
    )
    mitigation: Text = Field(
        description="How relevant financial relationships were mitigated, or that there were none to mitigate."
    )
    estimated_minutes: int = Field(ge=1, le=6_000, description="How long the activity takes, in minutes.")
    max_credit: float = Field(gt=0, le=100, description="The most credit a learner can claim, in hours, a multiple of 0.25.")
    credit_type: str = Field(min_length=1, max_length=200, description='The kind of credit, e.g. "AMA PRA Category 1 Credit™".')
    accreditation_statement: Text = Field(description="Who accredits the provider, as printed on the certificate.")
    designation_statement: Text = Field(description="How much credit the provider designates the activity for.")
    sample: bool = Field(
        default=False, description="A sample, not an accredited activity: every CE screen and the certificate say so."
    )
    sample_notice: str = Field(
        default=DEFAULT_SAMPLE_NOTICE, min_length=1, max_length=2_000, description="What a sample activity says about itself."
    )
    pass_mark: float = Field(
        default=DEFAULT_PASS_MARK,
        gt=0,
        le=1,
        description="The post-test pass mark (0.75 is 75%); the post-test's own must agree.",
    )
    post_test: Id = Field(description="Id of the post-test quiz: exam mode, with a limited number of attempts.")
    release: str = Field(pattern=DATE_PATTERN, description="The first day the activity is offered, YYYY-MM-DD.")
    expiry: str = Field(pattern=DATE_PATTERN, description="The last day credit can be claimed, YYYY-MM-DD.")
    contact: Text = Field(description="Whom learners contact with questions about the activity or their credit.")
    idle_minutes: int = Field(
        default=DEFAULT_IDLE_MINUTES,
        ge=1,
        le=60,
        description="Minutes without a key or mouse input after which time stops counting.",
    )
    evaluation: Evaluation = Field(description="The [ce.evaluation] survey, required before credit.")

    @property
    def banner(self) -> str:
        """What every CE screen shows at its top: the sample heading over the sample notice ("" when accredited)."""
        return f"{SAMPLE_HEADING}\n{self.notice}" if self.notice else ""

    @property
    def notice(self) -> str:
        """The sample notice for a sample activity, "" for an accredited one."""
        return self.sample_notice if self.sample else ""

    @property
    def release_date(self) -> date:
        return date.fromisoformat(self.release)

    @property
    def expiry_date(self) -> date:
        return date.fromisoformat(self.expiry)

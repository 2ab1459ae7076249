"""What the clinician track's use cases return: requirements, refusals, evaluation questions, claims."""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

RequirementName = Literal["dates", "acknowledgment", "lessons", "engaged_time", "post_test", "evaluation", "attestation"]
EvaluationKind = Literal["likert", "yes_no", "text"]
Answer = int | bool | str

CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford's base 32: no I, L, O or U


class NoActivity(LookupError):
    """The course has no ``[ce]`` section, so it is not a continuing-education activity."""

    def __init__(self, course_id: str) -> None:
        super().__init__(f"the course '{course_id}' has no [ce] section: it is not a continuing-education activity")


@dataclass(frozen=True)
class Requirement:
    """One thing a certificate needs: what to do (``label``), whether it is done, and where it stands."""

    name: RequirementName
    label: str
    met: bool
    detail: str


@dataclass(frozen=True)
class Problem:
    """Why an input was refused: ``key`` is an evaluation item id, or "hours", "own_time", "certificate"."""

    key: str
    message: str


@dataclass(frozen=True)
class Rejected:
    """An evaluation or an attestation that was not saved, and every reason."""

    problems: tuple[Problem, ...]

    @property
    def messages(self) -> list[str]:
        return [p.message for p in self.problems]


@dataclass(frozen=True)
class EvaluationQuestion:
    """One evaluation item as a front end asks it: ``options`` are (value, label) pairs; none for text."""

    id: str
    kind: EvaluationKind
    prompt: str
    required: bool
    options: tuple[tuple[Answer, str], ...] = ()
    max_length: int = 0  # for text items


@dataclass(frozen=True)
class EvaluationSaved:
    """The evaluation answers as stored (blank optional answers left out)."""

    answers: Mapping[str, Answer] = field(default_factory=dict)
    submitted_at: datetime | None = None


@dataclass(frozen=True)
class Attestation:
    """The credit claimed, in hours, with the learner's affirmation that the time was their own."""

    hours: float
    own_time: bool
    attested_at: datetime


def new_certificate_id() -> str:
    """A fresh certificate id: ``CE-`` and 12 Crockford base-32 characters (60 random bits) in groups of four."""
    value = secrets.randbits(60)
    chars = "".join(CROCKFORD[(value >> shift) & 31] for shift in range(55, -1, -5))
    return f"CE-{chars[0:4]}-{chars[4:8]}-{chars[8:12]}"

"""Places in a course a front end can open: the map, a lesson, a quiz, a quiz's results."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

TargetKind = Literal["map", "lesson", "quiz", "results"]


@dataclass(frozen=True)
class Target:
    """Where to go: ``kind`` and the lesson or quiz id (and, for results, the attempt)."""

    kind: TargetKind
    id: str | None = None
    attempt_id: int | None = None


MAP = Target("map")

"""The lesson model: a Markdown body with objectives, key points and references."""

from __future__ import annotations

from pydantic import Field

from quizzes.questions import Id, Strict


class Lesson(Strict):
    """One lesson. ``body`` is Markdown; links ``glossary:ID`` and ``ref:ID`` point into the course."""

    id: Id
    title: str = Field(min_length=1, max_length=200)
    summary: str = Field(default="", max_length=2_000)
    estimated_minutes: int = Field(default=5, ge=1, le=600)
    objectives: list[Id] = Field(default_factory=list, max_length=20)
    body: str = Field(min_length=1, max_length=200_000)
    key_points: list[str] = Field(default_factory=list, max_length=30)
    references: list[Id] = Field(default_factory=list, max_length=50)

"""Spaced review with FSRS: ratings from quiz answers, and card scheduling as JSON the store keeps.

Pure logic: never imports Textual or the TUI, and knows nothing of SQLite. A card travels as the
JSON text of an ``fsrs.Card``; the store keys it by our own string id (see ``quizzes.review_cards``),
so the integer ``card_id`` inside the JSON is only fsrs's bookkeeping.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Literal

from fsrs import Card, Rating, Scheduler

from quizzes.review_cards import card_id_for_question, card_id_for_term, card_kind, parse_card_id

__all__ = [
    "DEFAULT_RETENTION",
    "FEELINGS",
    "MAX_RETENTION",
    "MIN_RETENTION",
    "Feeling",
    "Rating",
    "ReviewScheduler",
    "ScheduledCard",
    "card_id_for_question",
    "card_id_for_term",
    "card_kind",
    "clamp_retention",
    "parse_card_id",
    "rating_for",
]

Feeling = Literal["easy", "unsure"]
FEELINGS: frozenset[str] = frozenset({"easy", "unsure"})

MIN_RETENTION = 0.7
MAX_RETENTION = 0.97
DEFAULT_RETENTION = 0.9
RETENTION_STEP = 0.01
"""The desired-retention range a learner may choose (and the scheduler accepts): defined here only."""


def clamp_retention(value: object) -> float:
    """``value`` as a desired retention within the bounds, rounded to a step; the default if not a number."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        return DEFAULT_RETENTION
    return round(min(MAX_RETENTION, max(MIN_RETENTION, float(value))), 2)


def rating_for(correct: bool, feeling: Feeling | None = None) -> Rating:
    """The FSRS rating for an answer: wrong -> Again; right -> Good, or Easy / Hard if it felt so.

    ``feeling`` is ignored for a wrong answer (a miss is a miss however it felt); an unknown feeling
    raises ``ValueError``.
    """
    if feeling is not None and feeling not in FEELINGS:
        raise ValueError(f"unknown feeling {feeling!r}; expected one of {sorted(FEELINGS)} or None")
    if not correct:
        return Rating.Again
    if feeling == "easy":
        return Rating.Easy
    if feeling == "unsure":
        return Rating.Hard
    return Rating.Good


@dataclass(frozen=True)
class ScheduledCard:
    """A card's fsrs JSON and when it is next due (aware, UTC)."""

    card_json: str
    due: datetime


class ReviewScheduler:
    """FSRS scheduling at a desired retention (the chance of recalling a card when it comes due).

    Higher retention means shorter intervals and more reviews. ``fuzz`` spreads intervals of 2.5
    days or more by a few percent so cards learned together do not stay bunched; turn it off for
    repeatable tests. Every ``now`` must be an aware datetime (any zone; it is converted to UTC).
    """

    def __init__(self, desired_retention: float = DEFAULT_RETENTION, fuzz: bool = True) -> None:
        if (
            isinstance(desired_retention, bool)
            or not isinstance(desired_retention, (int, float))
            or not math.isfinite(desired_retention)
            or not MIN_RETENTION <= desired_retention <= MAX_RETENTION
        ):
            raise ValueError(
                f"desired retention must be a number from {MIN_RETENTION} to {MAX_RETENTION}, got {desired_retention!r}"
            )
        self._scheduler = Scheduler(desired_retention=float(desired_retention), enable_fuzzing=bool(fuzz))

    @property
    def desired_retention(self) -> float:
        return self._scheduler.desired_retention

    @property
    def fuzz(self) -> bool:
        return self._scheduler.enable_fuzzing

    def __repr__(self) -> str:
        return f"ReviewScheduler(desired_retention={self.desired_retention!r}, fuzz={self.fuzz!r})"

    def new_card(self, now: datetime) -> ScheduledCard:
        """A fresh card (never reviewed) due at ``now``.

        Its fsrs ``card_id`` is ``now`` in epoch milliseconds: deterministic under a fixed clock,
        and irrelevant to us since the store keys cards by their string ids.
        """
        moment = _utc(now)
        card = Card(card_id=int(moment.timestamp() * 1000), due=moment)
        return ScheduledCard(card.to_json(), moment)

    def review(self, card_json: str, rating: Rating | int, now: datetime) -> tuple[ScheduledCard, str]:
        """Review the card at ``now`` with ``rating``: the updated card and the fsrs review log as JSON."""
        card = _load_card(card_json)
        rating = _rating(rating)
        updated, log = self._scheduler.review_card(card, rating, review_datetime=_utc(now))
        return ScheduledCard(updated.to_json(), _utc(updated.due)), log.to_json()

    def retrievability(self, card_json: str, now: datetime) -> float:
        """Predicted chance (0..1) of recalling the card at ``now``; 0.0 for a card never reviewed."""
        return float(self._scheduler.get_card_retrievability(_load_card(card_json), current_datetime=_utc(now)))


def _utc(moment: datetime) -> datetime:
    """``moment`` in UTC; ``ValueError`` for a naive datetime."""
    if not isinstance(moment, datetime) or moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"expected an aware datetime, got {moment!r}")
    return moment.astimezone(timezone.utc)


def _rating(rating: Rating | int) -> Rating:
    """``rating`` as a ``Rating`` (1-4); ``ValueError`` otherwise."""
    if isinstance(rating, bool) or not isinstance(rating, int):
        raise ValueError(f"rating must be an fsrs Rating (1-4), got {rating!r}")
    try:
        return Rating(rating)
    except ValueError:
        raise ValueError(f"rating must be an fsrs Rating (1-4), got {rating!r}") from None


def _load_card(card_json: str) -> Card:
    """The fsrs ``Card`` in ``card_json``, with aware UTC datetimes; ``ValueError`` if it is not one."""
    try:
        card = Card.from_json(card_json)
    except (TypeError, ValueError, KeyError, AttributeError) as err:
        raise ValueError(f"not the JSON of an fsrs card: {err}") from None
    card.due = _utc(card.due)
    if card.last_review is not None:
        card.last_review = _utc(card.last_review)
    return card

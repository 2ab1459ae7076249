"""Spaced review: turn answers and flashcard ratings into FSRS schedule updates in the store."""

from __future__ import annotations

from datetime import datetime

from fsrs import Rating

from progress_store import LearnerProgress
from quizzes.review import ReviewScheduler

DEFAULT_RETENTION = 0.9
RETENTION_KEY = "desired_retention"


def desired_retention(progress: LearnerProgress) -> float:
    """The learner's desired retention setting (0.9 unless they changed it)."""
    value = progress.setting(RETENTION_KEY, DEFAULT_RETENTION)
    try:
        return min(0.97, max(0.7, float(value)))
    except (TypeError, ValueError):
        return DEFAULT_RETENTION


def scheduler_for(progress: LearnerProgress, fuzz: bool = True) -> ReviewScheduler:
    """A scheduler with the learner's desired retention."""
    return ReviewScheduler(desired_retention(progress), fuzz=fuzz)


def ensure_card(progress: LearnerProgress, scheduler: ReviewScheduler, card_id: str, kind: str, now: datetime) -> str:
    """The card's JSON, creating a new card due now if the learner has none yet."""
    card = progress.card(card_id)
    if card is not None:
        return card.card_json
    fresh = scheduler.new_card(now)
    progress.add_card(card_id, kind, fresh.card_json, fresh.due)
    return fresh.card_json


def rate(
    progress: LearnerProgress, scheduler: ReviewScheduler, card_id: str, kind: str, rating: Rating, now: datetime, source: str
) -> datetime:
    """Review a card (creating it first if needed); returns when it is next due."""
    card_json = ensure_card(progress, scheduler, card_id, kind, now)
    scheduled, log_json = scheduler.review(card_json, rating, now)
    progress.record_review(card_id, scheduled.card_json, scheduled.due, int(rating), log_json, source)
    return scheduled.due

"""Spaced review: the due queue with its subjects, the rating policy, desired retention, term cards.

Every rating goes through :func:`rate_card`, the one place a card is created, rescheduled and logged.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from course.domain.models import Term
from course.engine.context import RETENTION_KEY, Learner
from progress_store import LearnerProgress, ReviewCard
from quizzes.attempt_plan import option_order
from quizzes.grading import Grade, grade
from quizzes.questions import Question
from quizzes.review import RETENTION_STEP, Rating, ReviewScheduler, clamp_retention, rating_for
from quizzes.review_cards import CardKind, card_id_for_term, parse_card_id
from quizzes.types import Response

QUESTION_RATINGS_RIGHT: tuple[Rating, ...] = (Rating.Hard, Rating.Good, Rating.Easy)
QUESTION_RATINGS_WRONG: tuple[Rating, ...] = (Rating.Again,)
TERM_RATINGS: tuple[Rating, ...] = (Rating.Again, Rating.Hard, Rating.Good, Rating.Easy)


def ensure_card(records: LearnerProgress, scheduler: ReviewScheduler, card_id: str, kind: CardKind, now: datetime) -> bool:
    """Create the card (due now) unless the learner has it; True when it was created."""
    if records.card(card_id) is not None:
        return False
    fresh = scheduler.new_card(now)
    return records.add_card(card_id, kind, fresh.card_json, fresh.due)


def rate_card(
    records: LearnerProgress, scheduler: ReviewScheduler, card_id: str, kind: CardKind, rating: Rating, now: datetime, source: str
) -> datetime:
    """Review a card with ``rating`` (creating it first if needed), in one transaction; when it is next due."""
    with records.transaction():
        ensure_card(records, scheduler, card_id, kind, now)
        card = records.card(card_id)
        assert card is not None
        scheduled, log_json = scheduler.review(card.card_json, rating, now)
        records.record_review(card_id, scheduled.card_json, scheduled.due, int(rating), log_json, source)
    return scheduled.due


@dataclass(frozen=True)
class DueCard:
    """A card that is due, with the question or glossary term it stands for."""

    card: ReviewCard
    subject: Question | Term

    @property
    def is_question(self) -> bool:
        return not isinstance(self.subject, Term)

    def option_order(self) -> list[str]:
        """The order to show a question card's options in: shuffled anew at every review."""
        if isinstance(self.subject, Term):
            return []
        return option_order(self.subject, self.card.reps + 1, True)


class ReviewSession:
    """The learner's review cards: what is due, how an answer is checked and rated, retention."""

    def __init__(self, learner: Learner) -> None:
        self._learner = learner

    def resolve(self, card: ReviewCard) -> Question | Term | None:
        """The question or glossary term behind a card, or ``None`` if the course no longer has it."""
        try:
            kind, ident = parse_card_id(card.card_id)
        except ValueError:
            return None
        course = self._learner.course
        return course.question(ident) if kind == "question" else course.term(ident)

    def due(self) -> list[DueCard]:
        """The cards due now whose subject the course still has, earliest due first."""
        cards = self._learner.records.due_cards(self._learner.clock())
        resolved = [(card, self.resolve(card)) for card in cards]
        return [DueCard(card, subject) for card, subject in resolved if subject is not None]

    def check(self, due: DueCard, response: Response) -> Grade:
        """Grade an answer to a question card (nothing is saved until it is rated)."""
        if isinstance(due.subject, Term):
            raise TypeError("a glossary card is recalled and rated, not answered")
        return grade(due.subject, response)

    def ratings_after(self, due: DueCard, correct: bool | None = None) -> tuple[Rating, ...]:
        """The ratings a learner may give: a missed question is Again; a right one Hard, Good or Easy;
        a glossary card any of the four."""
        if not due.is_question:
            return TERM_RATINGS
        return QUESTION_RATINGS_RIGHT if correct else QUESTION_RATINGS_WRONG

    def rate(self, due: DueCard, rating: Rating) -> datetime:
        """Reschedule the card with ``rating`` (one transaction); when it is next due."""
        learner = self._learner
        kind: CardKind = "question" if due.is_question else "term"
        return rate_card(learner.records, learner.scheduler(), due.card.card_id, kind, rating, learner.clock(), "review")

    def retention(self) -> float:
        """The learner's desired retention."""
        return self._learner.desired_retention()

    def change_retention(self, steps: int) -> float:
        """Raise (positive ``steps``) or lower the desired retention within its bounds; the new value."""
        value = clamp_retention(self.retention() + steps * RETENTION_STEP)
        self._learner.records.set_setting(RETENTION_KEY, value)
        return value

    def add_term(self, term_id: str) -> bool:
        """Add a glossary term to the learner's review cards; False when it was already one."""
        learner = self._learner
        return ensure_card(learner.records, learner.scheduler(), card_id_for_term(term_id), "term", learner.clock())


__all__ = ["DueCard", "Rating", "ReviewSession", "ensure_card", "rate_card", "rating_for"]

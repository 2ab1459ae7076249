"""Spaced review scheduling (quizzes.review) and review card ids (quizzes.review_cards)."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import pytest
from fsrs import Card, Rating, ReviewLog, State

from quizzes.review import ReviewScheduler, ScheduledCard, rating_for
from quizzes.review_cards import card_id_for_question, card_id_for_term, card_kind, parse_card_id

T0 = datetime(2025, 3, 1, 9, 30, 0, tzinfo=timezone.utc)


@pytest.fixture
def scheduler() -> ReviewScheduler:
    return ReviewScheduler(fuzz=False)


def review(scheduler: ReviewScheduler, card: ScheduledCard, rating: Rating, now: datetime) -> ScheduledCard:
    return scheduler.review(card.card_json, rating, now)[0]


def mature_card(scheduler: ReviewScheduler) -> ScheduledCard:
    """A card answered Good three times, each when due (now in the Review state, due in 11 days)."""
    card = scheduler.new_card(T0)
    for _ in range(3):
        card = review(scheduler, card, Rating.Good, card.due)
    return card


# ratings


@pytest.mark.parametrize(
    ("correct", "feeling", "expected"),
    [
        (False, None, Rating.Again),
        (False, "easy", Rating.Again),
        (False, "unsure", Rating.Again),
        (True, None, Rating.Good),
        (True, "easy", Rating.Easy),
        (True, "unsure", Rating.Hard),
    ],
)
def test_rating_for(correct: bool, feeling: str | None, expected: Rating) -> None:
    assert rating_for(correct, feeling) is expected  # type: ignore[arg-type]


def test_rating_for_rejects_unknown_feelings() -> None:
    with pytest.raises(ValueError, match="unknown feeling 'sure'"):
        rating_for(True, "sure")  # type: ignore[arg-type]


# scheduling


def test_new_card_is_due_now_and_never_reviewed(scheduler: ReviewScheduler) -> None:
    card = scheduler.new_card(T0)
    assert card.due == T0
    assert card.due.tzinfo == timezone.utc
    data = json.loads(card.card_json)
    assert data["state"] == State.Learning
    assert data["last_review"] is None
    assert data["due"] == "2025-03-01T09:30:00+00:00"
    assert scheduler.retrievability(card.card_json, T0) == 0.0


def test_new_card_in_another_zone_is_stored_in_utc(scheduler: ReviewScheduler) -> None:
    plus2 = timezone(timedelta(hours=2))
    card = scheduler.new_card(datetime(2025, 3, 1, 11, 30, tzinfo=plus2))
    assert card.due == T0
    assert card.due.utcoffset() == timedelta(0)


def test_naive_times_are_rejected(scheduler: ReviewScheduler) -> None:
    naive = datetime(2025, 3, 1, 9, 30)
    with pytest.raises(ValueError, match="aware"):
        scheduler.new_card(naive)
    card = scheduler.new_card(T0)
    with pytest.raises(ValueError, match="aware"):
        scheduler.review(card.card_json, Rating.Good, naive)
    with pytest.raises(ValueError, match="aware"):
        scheduler.retrievability(card.card_json, naive)


def test_first_review_intervals_are_exact_without_fuzz(scheduler: ReviewScheduler) -> None:
    card = scheduler.new_card(T0)
    due = {rating: review(scheduler, card, rating, T0).due - T0 for rating in Rating}
    assert due == {
        Rating.Again: timedelta(minutes=1),  # learning step 1
        Rating.Hard: timedelta(minutes=5, seconds=30),  # halfway between the two learning steps
        Rating.Good: timedelta(minutes=10),  # learning step 2
        Rating.Easy: timedelta(days=8),  # straight to review
    }
    assert due[Rating.Again] < due[Rating.Hard] < due[Rating.Good] < due[Rating.Easy]


def test_successive_goods_grow_the_interval_repeatably(scheduler: ReviewScheduler) -> None:
    def run() -> list[datetime]:
        card, dues = scheduler.new_card(T0), []
        for _ in range(4):
            card = review(scheduler, card, Rating.Good, card.due)
            dues.append(card.due)
        return dues

    dues = run()
    assert dues == [
        datetime(2025, 3, 1, 9, 40, tzinfo=timezone.utc),  # +10 minutes
        datetime(2025, 3, 3, 9, 40, tzinfo=timezone.utc),  # +2 days: graduated to review
        datetime(2025, 3, 14, 9, 40, tzinfo=timezone.utc),  # +11 days
        datetime(2025, 4, 29, 9, 40, tzinfo=timezone.utc),  # +46 days
    ]
    assert run() == dues
    assert ReviewScheduler(fuzz=False).review(scheduler.new_card(T0).card_json, Rating.Good, T0)[0].due == dues[0]


def test_again_on_a_mature_card_relearns_within_minutes(scheduler: ReviewScheduler) -> None:
    card = mature_card(scheduler)
    lapsed = review(scheduler, card, Rating.Again, card.due)
    assert lapsed.due - card.due == timedelta(minutes=10)  # the relearning step
    assert json.loads(lapsed.card_json)["state"] == State.Relearning
    good = review(scheduler, card, Rating.Good, card.due)
    easy = review(scheduler, card, Rating.Easy, card.due)
    assert lapsed.due < good.due < easy.due


def test_fuzz_only_moves_long_intervals_a_little() -> None:
    fuzzy, exact = ReviewScheduler(fuzz=True), ReviewScheduler(fuzz=False)
    card = mature_card(exact)  # next Good: 46 days without fuzz
    assert review(fuzzy, exact.new_card(T0), Rating.Good, T0).due == T0 + timedelta(minutes=10)
    intervals = {(review(fuzzy, card, Rating.Good, card.due).due - card.due).days for _ in range(50)}
    assert intervals <= set(range(42, 52))  # fsrs: 46 days +- 4.3, rounded
    assert len(intervals) > 1


def test_higher_desired_retention_gives_shorter_intervals() -> None:
    card = mature_card(ReviewScheduler(fuzz=False))
    intervals = {
        retention: review(ReviewScheduler(retention, fuzz=False), card, Rating.Good, card.due).due - card.due
        for retention in (0.7, 0.8, 0.9, 0.95, 0.97)
    }
    assert intervals == {
        0.7: timedelta(days=430),
        0.8: timedelta(days=154),
        0.9: timedelta(days=46),
        0.95: timedelta(days=19),
        0.97: timedelta(days=10),
    }


@pytest.mark.parametrize("retention", [0.7, 0.75, 0.9, 0.97, 1 - 0.03])
def test_retention_within_bounds_is_accepted(retention: float) -> None:
    assert ReviewScheduler(retention).desired_retention == retention


@pytest.mark.parametrize("retention", [0.69, 0.971, 0.99, 1.0, 0.0, -0.9, float("nan"), float("inf"), True, "0.9", None])
def test_retention_out_of_bounds_is_rejected(retention: object) -> None:
    with pytest.raises(ValueError, match=r"desired retention must be a number from 0\.7 to 0\.97"):
        ReviewScheduler(retention)  # type: ignore[arg-type]


def test_retrievability_falls_with_time(scheduler: ReviewScheduler) -> None:
    card = mature_card(scheduler)  # stability about 11 days, last reviewed on 2025-03-03
    last_review = datetime(2025, 3, 3, 9, 40, tzinfo=timezone.utc)
    assert scheduler.retrievability(card.card_json, last_review) == pytest.approx(1.0)
    at_due = scheduler.retrievability(card.card_json, card.due)
    assert at_due == pytest.approx(0.9, abs=0.005)  # due when recall is predicted at the desired retention
    later = scheduler.retrievability(card.card_json, card.due + timedelta(days=30))
    assert 0 < later < at_due


# JSON


def test_card_and_log_json_round_trip(scheduler: ReviewScheduler) -> None:
    card = scheduler.new_card(T0)
    updated, log_json = scheduler.review(card.card_json, Rating.Hard, T0 + timedelta(seconds=5))
    fsrs_card = Card.from_json(updated.card_json)
    assert fsrs_card.due == updated.due
    assert fsrs_card.last_review == T0 + timedelta(seconds=5)
    assert Card.from_json(fsrs_card.to_json()).to_json() == updated.card_json
    log = ReviewLog.from_json(log_json)
    assert log.rating is Rating.Hard
    assert log.review_datetime == T0 + timedelta(seconds=5)
    assert log.card_id == fsrs_card.card_id == int(T0.timestamp() * 1000)
    # reviewing the stored text again continues from where it was
    again = review(scheduler, updated, Rating.Good, updated.due)
    assert json.loads(again.card_json)["step"] == 1


def test_review_accepts_plain_int_ratings(scheduler: ReviewScheduler) -> None:
    card = scheduler.new_card(T0)
    assert scheduler.review(card.card_json, 3, T0) == scheduler.review(card.card_json, Rating.Good, T0)


@pytest.mark.parametrize("rating", [0, 5, True, "3", 3.0])
def test_review_rejects_bad_ratings(scheduler: ReviewScheduler, rating: object) -> None:
    with pytest.raises(ValueError, match="rating must be"):
        scheduler.review(scheduler.new_card(T0).card_json, rating, T0)  # type: ignore[arg-type]


@pytest.mark.parametrize("text", ["", "not json", "[]", "{}", '{"state": 1}'])
def test_review_rejects_text_that_is_not_a_card(scheduler: ReviewScheduler, text: str) -> None:
    with pytest.raises(ValueError, match="not the JSON of an fsrs card"):
        scheduler.review(text, Rating.Good, T0)


# card ids


def test_card_ids() -> None:
    assert card_id_for_question("q-ssri-1") == "q:q-ssri-1"
    assert card_id_for_term("synapse") == "t:synapse"
    assert parse_card_id("q:q-ssri-1") == ("question", "q-ssri-1")
    assert parse_card_id("t:synapse") == ("term", "synapse")
    assert parse_card_id("t:a:b") == ("term", "a:b")
    assert card_kind(card_id_for_term("x")) == "term"


@pytest.mark.parametrize("bad", ["", "q", "q:", "x:1", ":1", "Q:1", "question:1", None])
def test_malformed_card_ids_are_rejected(bad: object) -> None:
    with pytest.raises(ValueError, match="not a review card id"):
        parse_card_id(bad)  # type: ignore[arg-type]


def test_card_ids_need_an_id() -> None:
    with pytest.raises(ValueError, match="question id must be a non-empty string"):
        card_id_for_question("")
    with pytest.raises(ValueError, match="term id must be a non-empty string"):
        card_id_for_term(None)  # type: ignore[arg-type]

"""One learner's progress in one course: the read and write API the TUI uses."""

from __future__ import annotations

import contextlib
from datetime import datetime
from typing import TYPE_CHECKING, Any

from progress_store import answers, attempts, lessons, notes, positions, reviews, settings, study
from progress_store.events import list_events
from progress_store.learner_ce import CeRecords
from progress_store.notes import Bookmark, Note
from progress_store.records import AnswerRecord, Attempt, Position, ReviewCard, ReviewLogEntry, Scope
from progress_store.sql import finite

if TYPE_CHECKING:
    from progress_store.store import Store


class LearnerProgress(CeRecords):
    """Progress of ``learner`` in ``course_id``.

    Every write is one transaction that also appends to the event log. Safe to call from several
    threads: the owning ``Store`` serialises all access. The clinician track's records are in
    :class:`~progress_store.learner_ce.CeRecords`.
    """

    def __init__(self, store: Store, scope: Scope) -> None:
        self._store = store
        self._scope = scope

    @property
    def learner(self) -> str:
        """The learner's name."""
        return self._scope.learner

    @property
    def course_id(self) -> str:
        """The course this progress belongs to."""
        return self._scope.course_id

    def __repr__(self) -> str:
        return f"LearnerProgress(learner={self.learner!r}, course_id={self.course_id!r})"

    def transaction(self) -> contextlib.AbstractContextManager[None]:
        """One transaction for several writes (see ``Store.transaction``)."""
        return self._store.transaction()

    # lessons

    def lesson_statuses(self) -> dict[str, str]:
        """lesson_id -> "started" | "done"."""
        with self._store._reading() as conn:
            return lessons.statuses(conn, self._scope)

    def open_lesson(self, lesson_id: str) -> None:
        """Mark the lesson "started" (unless "done") and log "opened"."""
        with self._store._writing() as (conn, now):
            lessons.mark_opened(conn, self._scope, lesson_id, now)

    def complete_lesson(self, lesson_id: str) -> None:
        """Mark the lesson "done" and log "completed" once; repeating it changes nothing."""
        with self._store._writing() as (conn, now):
            lessons.mark_done(conn, self._scope, lesson_id, now)

    def save_scroll(self, lesson_id: str, y: float) -> None:
        """Remember how far down the lesson the learner scrolled (no event)."""
        y = finite(y, "y")
        with self._store._writing() as (conn, _now):
            lessons.store_scroll(conn, self._scope, lesson_id, y)

    def scroll(self, lesson_id: str) -> float:
        """The saved scroll offset in rows, 0.0 if unknown (the fallback for places saved before m005)."""
        with self._store._reading() as conn:
            return lessons.load_scroll(conn, self._scope, lesson_id)

    def save_place(self, lesson_id: str, block: int, within: float, rows: float = 0.0) -> None:
        """Remember where the learner stopped reading: top-level block ``block`` (0 is the first) at the top
        of the view, ``within`` (0..1) of its height scrolled past, and the row offset ``rows`` (no event).
        ``ValueError`` for a negative block, or a ``within`` outside 0..1 or not finite."""
        if isinstance(block, bool) or not isinstance(block, int) or block < 0:
            raise ValueError(f"block must be an index of 0 or more, got {block!r}")
        within = finite(within, "within")
        if not 0.0 <= within <= 1.0:
            raise ValueError(f"within must be between 0 and 1, got {within!r}")
        rows = finite(rows, "rows")
        with self._store._writing() as (conn, _now):
            lessons.store_place(conn, self._scope, lesson_id, block, within, rows)

    def place(self, lesson_id: str) -> lessons.Place | None:
        """Where the learner stopped reading (``block`` is ``None`` for a row offset saved before m005), or ``None``."""
        with self._store._reading() as conn:
            return lessons.load_place(conn, self._scope, lesson_id)

    # resume position

    def save_position(self, screen: str, target_id: str | None = None) -> None:
        """Remember the screen ("map", "lesson", "quiz" or "results") and what it shows (no event)."""
        with self._store._writing() as (conn, now):
            positions.store_position(conn, self._scope, screen, target_id, now)

    def position(self) -> Position | None:
        """Where to resume, or ``None`` for a new learner."""
        with self._store._reading() as conn:
            return positions.load_position(conn, self._scope)

    # quizzes

    def start_attempt(self, quiz_id: str, seed: int, question_ids: list[str], kind: str = "full") -> Attempt:
        """Begin a new attempt and log "attempted".

        ``kind`` is "full" (the whole quiz) or "retry" (only the questions missed before).
        """
        with self._store._writing() as (conn, now):
            return attempts.create(conn, self._scope, quiz_id, seed, question_ids, now, kind)

    def open_attempt(self, quiz_id: str) -> Attempt | None:
        """The newest unfinished attempt at ``quiz_id`` (full or retry), to resume it."""
        with self._store._reading() as conn:
            return attempts.newest_unfinished(conn, self._scope, quiz_id)

    def attempt(self, attempt_id: int) -> Attempt | None:
        """One of this learner's attempts in this course, or ``None``."""
        with self._store._reading() as conn:
            return attempts.get(conn, self._scope, attempt_id)

    def attempts(self, quiz_id: str | None = None, kind: str | None = None) -> list[Attempt]:
        """Attempts, oldest first, of one quiz or of all, of one kind ("full", "retry") or of both."""
        with self._store._reading() as conn:
            return attempts.listing(conn, self._scope, quiz_id, kind)

    def record_answer(
        self,
        attempt_id: int,
        question_id: str,
        response: object,
        score: float,
        max_score: float,
        correct: bool,
        version: int | None = None,
    ) -> AnswerRecord:
        """Store (or replace) an answer and log "answered"; ``StoreError`` if the attempt is finished or unknown.

        ``version`` is the attempt's version the caller last saw: saving bumps it to ``version + 1``;
        if another window changed the attempt since, ``AttemptMoved`` and nothing is written. ``None``
        saves without the check (the version is still bumped).
        """
        with self._store._writing() as (conn, now):
            attempt = attempts.claim(conn, self._scope, attempt_id, version)
            return answers.upsert(conn, self._scope, attempt, question_id, response, score, max_score, correct, now)

    def answers(self, attempt_id: int) -> dict[str, AnswerRecord]:
        """question_id -> answer for one of this learner's attempts (empty if unknown)."""
        with self._store._reading() as conn:
            if attempts.get(conn, self._scope, attempt_id) is None:
                return {}
            return answers.listing(conn, attempt_id)

    def finish_attempt(
        self, attempt_id: int, score: float, max_score: float, passed: bool, version: int | None = None
    ) -> Attempt:
        """Score and close the attempt and log "completed"; ``StoreError`` if finished or unknown.

        ``version`` as for ``record_answer``: ``AttemptMoved`` (nothing written) if the attempt changed
        since the caller read it; the returned attempt carries the bumped version.
        """
        with self._store._writing() as (conn, now):
            return attempts.finish(conn, self._scope, attempt_id, score, max_score, passed, now, version)

    def recent_scores(self, limit: int) -> tuple[int, list[float]]:
        """(finished full attempts, scaled scores of the last ``limit`` of them, oldest first): the chart's data."""
        with self._store._reading() as conn:
            return attempts.recent_scaled(conn, self._scope, limit)

    def best_scores(self) -> dict[str, float]:
        """quiz_id -> best scaled score (score / max_score) over finished full attempts (not retries)."""
        with self._store._reading() as conn:
            return attempts.best_scaled(conn, self._scope)

    # spaced review

    def add_card(self, card_id: str, kind: str, card_json: str, due: datetime) -> bool:
        """Add a review card ("question" or "term") unless the learner has it; True (and "added") if new."""
        with self._store._writing() as (conn, now):
            return reviews.add(conn, self._scope, card_id, kind, card_json, due, now)

    def card(self, card_id: str) -> ReviewCard | None:
        """The learner's review card with that id, or ``None``."""
        with self._store._reading() as conn:
            return reviews.get(conn, self._scope, card_id)

    def cards(self, kind: str | None = None) -> list[ReviewCard]:
        """The learner's review cards in this course (of one kind, or all), earliest due first."""
        with self._store._reading() as conn:
            return reviews.listing(conn, self._scope, kind)

    def due_cards(self, now: datetime, limit: int | None = None) -> list[ReviewCard]:
        """Cards due at or before ``now`` (aware), earliest due first, at most ``limit``."""
        with self._store._reading() as conn:
            return reviews.due(conn, self._scope, now, limit)

    def count_due(self, now: datetime) -> int:
        """How many cards are due at or before ``now`` (aware)."""
        with self._store._reading() as conn:
            return reviews.count_due(conn, self._scope, now)

    def record_review(self, card_id: str, card_json: str, due: datetime, rating: int, log_json: str, source: str) -> None:
        """Save a review: the rescheduled card (reps + 1), a review-log row and a "reviewed" event.

        ``rating`` is 1-4 (Again, Hard, Good, Easy); ``source`` is "quiz" or "review". ``StoreError``
        if the learner has no such card.
        """
        with self._store._writing() as (conn, now):
            reviews.record(conn, self._scope, card_id, card_json, due, rating, log_json, source, now)

    def review_log(self, card_id: str | None = None) -> list[ReviewLogEntry]:
        """Reviews, oldest first, of one card or of all the learner's cards in this course."""
        with self._store._reading() as conn:
            return reviews.log_listing(conn, self._scope, card_id)

    # settings (per learner, shared by all courses; no events)

    def setting(self, key: str, default: Any = None) -> Any:
        """The learner's value for ``key``, or ``default`` if never set."""
        with self._store._reading() as conn:
            return settings.load(conn, self._scope, key, default)

    def set_setting(self, key: str, value: Any) -> None:
        """Set ``key`` to a JSON value for this learner (in every course)."""
        with self._store._writing() as (conn, now):
            settings.store(conn, self._scope, key, value, now)

    # events

    def events(self) -> list[dict[str, object]]:
        """The event log for this learner and course, oldest first."""
        with self._store._reading() as conn:
            return list_events(conn, self._scope)

    # notes and bookmarks (private to the learner; events never hold a note's text)

    def note(self, lesson_id: str) -> str:
        """The learner's note on the lesson, or "" when there is none."""
        with self._store._reading() as conn:
            return notes.load(conn, self._scope, lesson_id)

    def save_note(self, lesson_id: str, text: str) -> None:
        """Save the note on the lesson (blank text deletes it) and log "noted" with ``{"length": n}``.

        Saving the text the note already holds changes nothing and logs nothing. ``ValueError`` for a
        note longer than ``progress_store.notes.MAX_NOTE_CHARS`` characters.
        """
        with self._store._writing() as (conn, now):
            notes.store(conn, self._scope, lesson_id, text, now)

    def notes(self) -> list[Note]:
        """The learner's notes in this course, most recently changed first."""
        with self._store._reading() as conn:
            return notes.listing(conn, self._scope)

    def toggle_bookmark(self, lesson_id: str) -> bool:
        """Bookmark the lesson, or remove its bookmark; True when it is now bookmarked.

        Logs "bookmarked" or "unbookmarked".
        """
        with self._store._writing() as (conn, now):
            return notes.toggle_bookmark(conn, self._scope, lesson_id, now)

    def bookmarks(self) -> list[Bookmark]:
        """The learner's bookmarked lessons in this course, newest first."""
        with self._store._reading() as conn:
            return notes.bookmark_listing(conn, self._scope)

    def is_bookmarked(self, lesson_id: str) -> bool:
        """Whether the learner bookmarked the lesson."""
        with self._store._reading() as conn:
            return notes.is_bookmarked(conn, self._scope, lesson_id)

    # study time (no events: reports come every few seconds, the per-day totals are the record)

    def add_study_time(self, object_type: str, object_id: str, seconds: float, at: datetime) -> None:
        """Add ``seconds`` spent on an object ("lesson", "quiz", ...) to the UTC day of ``at`` (aware).

        Zero or negative seconds are ignored; one call counts for at most 30 minutes (an idle guard).
        ``ValueError`` for a naive ``at``, a non-finite ``seconds`` or an empty type or id.
        """
        study.check_object(object_type, object_id)
        counted = study.counted_seconds(seconds)
        day = study.day_of(at)
        if counted <= 0:
            return
        with self._store._writing() as (conn, _now):
            study.add(conn, self._scope, object_type, object_id, counted, day)

    def minutes_by_day(self) -> dict[str, float]:
        """'YYYY-MM-DD' (UTC) -> minutes studied that day over all objects, earliest day first."""
        with self._store._reading() as conn:
            return study.minutes_by_day(conn, self._scope)

    def recent_minutes(self, first_day: str) -> tuple[float, dict[str, float]]:
        """(minutes studied in all, 'YYYY-MM-DD' (UTC) -> minutes for each day from ``first_day`` on)."""
        with self._store._reading() as conn:
            return study.recent_minutes(conn, self._scope, first_day)

    def seconds_by_object(self, object_type: str | None = None) -> dict[str, float]:
        """Total seconds per object over all days: object id -> seconds for one ``object_type``, or
        ``"<type>:<id>"`` -> seconds for all types."""
        with self._store._reading() as conn:
            return study.seconds_by_object(conn, self._scope, object_type)

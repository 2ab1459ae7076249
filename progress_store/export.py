"""Everything the store holds about one learner in one course, as JSON-ready data.

``export_learner`` reads every table inside one read transaction, so the export is a consistent
snapshot even while another process writes. Keys come in a fixed order and lists in a fixed order
(by time, then id), so exporting the same data twice gives the same JSON text.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from progress_store import answers, attempts, ce, notes, reviews, study
from progress_store.clock import iso_timestamp, utc_iso
from progress_store.connection import FILE_MODE
from progress_store.errors import StoreError
from progress_store.events import list_events
from progress_store.records import Scope
from progress_store.sql import fetch_all, from_json

if TYPE_CHECKING:
    from progress_store.learner import LearnerProgress

EXPORT_FORMAT = "plasticity-course/learner-export"
EXPORT_VERSION = 2  # 2 added "ce"; readers take 1 and 2


def export_learner(progress: LearnerProgress) -> dict[str, Any]:
    """A JSON-ready projection of the learner's progress, notes, study time and event log.

    Keys: format, version, learner, course_id, exported_at, lessons, attempts (each with its
    answers), review_cards, review_log, notes, bookmarks, study_time (minutes_by_day and the raw
    rows), ce (the clinician track: acknowledgment, engaged time, evaluation, attestation,
    certificates), settings (per learner, shared by all courses) and events. Notes hold the learner's own
    text: the export is for the learner (or whoever they hand it to).
    """
    store, scope = progress._store, progress._scope
    with store._reading() as conn, _snapshot(conn):
        exported_at = iso_timestamp(store._clock)
        return {
            "format": EXPORT_FORMAT,
            "version": EXPORT_VERSION,
            "learner": scope.learner,
            "course_id": scope.course_id,
            "exported_at": exported_at,
            "lessons": _lessons(conn, scope),
            "attempts": _attempts(conn, scope),
            "review_cards": _review_cards(conn, scope),
            "review_log": _review_log(conn, scope),
            "notes": notes.export_rows(conn, scope),
            "bookmarks": [
                {"lesson_id": b.lesson_id, "created_at": b.created_at}
                for b in sorted(notes.bookmark_listing(conn, scope), key=lambda b: (b.created_at, b.lesson_id))
            ],
            "study_time": {
                "minutes_by_day": study.minutes_by_day(conn, scope),
                "rows": study.export_rows(conn, scope),
            },
            "ce": _ce(conn, scope),
            "settings": _settings(conn, scope),
            "events": [_event(event) for event in list_events(conn, scope)],
        }


@contextlib.contextmanager
def _snapshot(conn: sqlite3.Connection) -> Iterator[None]:
    """A deferred (read) transaction: every query inside sees the same committed state."""
    conn.execute("BEGIN")
    try:
        yield
    finally:
        if conn.in_transaction:
            with contextlib.suppress(sqlite3.Error):
                conn.execute("ROLLBACK")  # nothing was written; ending the read is all that is needed


def _lessons(conn: sqlite3.Connection, scope: Scope) -> list[dict[str, Any]]:
    rows = fetch_all(
        conn,
        "SELECT lesson_id, status, first_opened_at, completed_at FROM lesson_progress"
        " WHERE learner_id = ? AND course_id = ? AND status IS NOT NULL ORDER BY lesson_id",
        [scope.learner_id, scope.course_id],
    )
    return [dict(row) for row in rows]


def _attempts(conn: sqlite3.Connection, scope: Scope) -> list[dict[str, Any]]:
    result = []
    for attempt in attempts.listing(conn, scope, None):
        result.append(
            {
                "id": attempt.id,
                "quiz_id": attempt.quiz_id,
                "kind": attempt.kind,
                "seed": attempt.seed,
                "question_ids": list(attempt.question_ids),
                "started_at": attempt.started_at,
                "finished_at": attempt.finished_at,
                "score": attempt.score,
                "max_score": attempt.max_score,
                "scaled": attempt.scaled,
                "passed": attempt.passed,
                "answers": [
                    {
                        "question_id": answer.question_id,
                        "response": answer.response,
                        "score": answer.score,
                        "max_score": answer.max_score,
                        "correct": answer.correct,
                        "answered_at": answer.answered_at,
                    }
                    for answer in answers.listing(conn, attempt.id).values()
                ],
            }
        )
    return result


def _review_cards(conn: sqlite3.Connection, scope: Scope) -> list[dict[str, Any]]:
    cards = sorted(reviews.listing(conn, scope, None), key=lambda c: c.card_id)
    return [
        {
            "card_id": card.card_id,
            "kind": card.kind,
            "due": utc_iso(card.due),
            "created_at": card.created_at,
            "last_review_at": card.last_review_at,
            "reps": card.reps,
            "card": from_json(card.card_json),
        }
        for card in cards
    ]


def _review_log(conn: sqlite3.Connection, scope: Scope) -> list[dict[str, Any]]:
    return [
        {
            "card_id": entry.card_id,
            "rating": entry.rating,
            "source": entry.source,
            "reviewed_at": entry.reviewed_at,
            "log": from_json(entry.log_json),
        }
        for entry in reviews.log_listing(conn, scope, None)
    ]


def _ce(conn: sqlite3.Connection, scope: Scope) -> dict[str, Any]:
    """The clinician track's records; each part ``None`` (or empty) when that step was never taken."""
    acknowledged = ce.acknowledgment(conn, scope)
    evaluated = ce.evaluation(conn, scope)
    attested = ce.attestation(conn, scope)
    return {
        "acknowledgment": None
        if acknowledged is None
        else {"acknowledged_at": acknowledged.acknowledged_at, "course_version": acknowledged.course_version},
        "engaged_time": [
            {"object_type": kind, "object_id": object_id, "engaged_seconds": round(seconds, 3)}
            for (kind, object_id), seconds in ce.engaged_seconds(conn, scope).items()
        ],
        "evaluation": None if evaluated is None else {"answers": evaluated.answers, "submitted_at": evaluated.submitted_at},
        "attestation": None
        if attested is None
        else {"hours": attested.hours, "own_time": attested.own_time, "attested_at": attested.attested_at},
        "certificates": [
            {"certificate_id": c.certificate_id, "issued_at": c.issued_at, "payload": c.payload}
            for c in ce.certificates(conn, scope)
        ],
    }


def _settings(conn: sqlite3.Connection, scope: Scope) -> dict[str, Any]:
    rows = fetch_all(conn, "SELECT key, value FROM settings WHERE learner_id = ? ORDER BY key", [scope.learner_id])
    return {row["key"]: from_json(row["value"]) for row in rows}


def _event(event: dict[str, object]) -> dict[str, object]:
    """An event without the learner and course (the export states them once)."""
    return {key: value for key, value in event.items() if key not in ("learner", "course_id")}


def write_private_text(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` readable by its owner only (0600 whatever the umask), replacing any file there.

    Raises ``StoreError`` with a one-line reason if the file cannot be written.
    """
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
        with os.fdopen(fd, "w", encoding="utf-8") as file:
            os.fchmod(file.fileno(), FILE_MODE)  # an existing file keeps its mode through O_CREAT
            file.write(text)
    except OSError as err:
        raise StoreError(f"cannot write {path}: {err.strerror}") from err

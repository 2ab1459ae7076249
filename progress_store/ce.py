"""The clinician track's rows (m006): acknowledgment, engaged time, evaluation, attestation, certificates.

Every write appends its event in the same transaction. The store keeps what happened; the rules
(what may be claimed, what a certificate needs) are the engine's.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass

from progress_store.errors import StoreError
from progress_store.events import append_event
from progress_store.records import Scope
from progress_store.sql import fetch_all, fetch_one, from_json, to_json

ACTIVITY = "activity"  # the object type of the events about the activity as a whole (its id is the course id)


@dataclass(frozen=True)
class Acknowledgment:
    """When the learner acknowledged the activity page, and the course version it described."""

    acknowledged_at: str
    course_version: str


@dataclass(frozen=True)
class EvaluationRecord:
    """The evaluation answers a learner submitted (item id -> answer) and when."""

    answers: dict[str, object]
    submitted_at: str


@dataclass(frozen=True)
class AttestationRecord:
    """The credit the learner claimed, their affirmation that the time was their own, and when."""

    hours: float
    own_time: bool
    attested_at: str


@dataclass(frozen=True)
class CertificateRecord:
    """An issued certificate: its id, the payload as the JSON object it was issued with, and when."""

    certificate_id: str
    payload: dict[str, object]
    issued_at: str


def acknowledge(conn: sqlite3.Connection, scope: Scope, course_version: str, now: str) -> Acknowledgment:
    """Record the acknowledgment once (and log "acknowledged"); a repeat returns the first, logging nothing."""
    existing = acknowledgment(conn, scope)
    if existing is not None:
        return existing
    conn.execute(
        "INSERT INTO ce_acknowledgments (learner_id, course_id, course_version, acknowledged_at) VALUES (?, ?, ?, ?)",
        [scope.learner_id, scope.course_id, course_version, now],
    )
    append_event(conn, scope, "acknowledged", ACTIVITY, scope.course_id, now, result={"course_version": course_version})
    return Acknowledgment(now, course_version)


def acknowledgment(conn: sqlite3.Connection, scope: Scope) -> Acknowledgment | None:
    row = fetch_one(
        conn,
        "SELECT acknowledged_at, course_version FROM ce_acknowledgments WHERE learner_id = ? AND course_id = ?",
        [scope.learner_id, scope.course_id],
    )
    return None if row is None else Acknowledgment(row["acknowledged_at"], row["course_version"])


def add_engaged(
    conn: sqlite3.Connection, scope: Scope, object_type: str, object_id: str, seconds: float, day: str, now: str
) -> None:
    """Add engaged ``seconds`` to the day's study-time row of the object (both its totals) and log "engaged"."""
    conn.execute(
        "INSERT INTO study_time (learner_id, course_id, day, object_type, object_id, seconds, engaged_seconds)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (learner_id, course_id, day, object_type, object_id)"
        " DO UPDATE SET seconds = seconds + excluded.seconds, engaged_seconds = engaged_seconds + excluded.engaged_seconds",
        [scope.learner_id, scope.course_id, day, object_type, object_id, seconds, seconds],
    )
    append_event(conn, scope, "engaged", object_type, object_id, now, result={"seconds": round(seconds, 3)})


def engaged_seconds(conn: sqlite3.Connection, scope: Scope) -> dict[tuple[str, str], float]:
    """(object type, object id) -> engaged seconds over all days, for objects with any."""
    rows = fetch_all(
        conn,
        "SELECT object_type, object_id, SUM(engaged_seconds) AS total FROM study_time"
        " WHERE learner_id = ? AND course_id = ? GROUP BY object_type, object_id HAVING total > 0"
        " ORDER BY object_type, object_id",
        [scope.learner_id, scope.course_id],
    )
    return {(row["object_type"], row["object_id"]): float(row["total"]) for row in rows}


def save_evaluation(conn: sqlite3.Connection, scope: Scope, answers: dict[str, object], now: str) -> EvaluationRecord:
    """Store the answers (replacing earlier ones) and log "evaluated" with them, so exports carry them."""
    text = to_json(answers)
    conn.execute(
        "INSERT INTO ce_evaluations (learner_id, course_id, answers, submitted_at) VALUES (?, ?, ?, ?)"
        " ON CONFLICT (learner_id, course_id) DO UPDATE SET answers = excluded.answers, submitted_at = excluded.submitted_at",
        [scope.learner_id, scope.course_id, text, now],
    )
    append_event(conn, scope, "evaluated", ACTIVITY, scope.course_id, now, result={"answers": answers})
    return EvaluationRecord(dict(answers), now)


def evaluation(conn: sqlite3.Connection, scope: Scope) -> EvaluationRecord | None:
    row = fetch_one(
        conn,
        "SELECT answers, submitted_at FROM ce_evaluations WHERE learner_id = ? AND course_id = ?",
        [scope.learner_id, scope.course_id],
    )
    if row is None:
        return None
    answers = from_json(row["answers"])
    return EvaluationRecord(answers if isinstance(answers, dict) else {}, row["submitted_at"])


def save_attestation(conn: sqlite3.Connection, scope: Scope, hours: float, now: str) -> AttestationRecord:
    """Store the claim (replacing an earlier one) and log "attested"; the learner affirmed the time as their own."""
    if certificate(conn, scope) is not None:
        raise StoreError(f"a certificate has already been issued to {scope.learner} in {scope.course_id}")
    conn.execute(
        "INSERT INTO ce_attestations (learner_id, course_id, hours, own_time, attested_at) VALUES (?, ?, ?, 1, ?)"
        " ON CONFLICT (learner_id, course_id) DO UPDATE SET hours = excluded.hours, attested_at = excluded.attested_at",
        [scope.learner_id, scope.course_id, hours, now],
    )
    append_event(conn, scope, "attested", ACTIVITY, scope.course_id, now, result={"hours": hours, "own_time": True})
    return AttestationRecord(hours, True, now)


def attestation(conn: sqlite3.Connection, scope: Scope) -> AttestationRecord | None:
    row = fetch_one(
        conn,
        "SELECT hours, own_time, attested_at FROM ce_attestations WHERE learner_id = ? AND course_id = ?",
        [scope.learner_id, scope.course_id],
    )
    return None if row is None else AttestationRecord(float(row["hours"]), bool(row["own_time"]), row["attested_at"])


def issue(
    conn: sqlite3.Connection, scope: Scope, certificate_id: str, payload: dict[str, object], issued_at: str, now: str
) -> CertificateRecord:
    """Store a certificate and log "issued", unless the learner has one in this course: then that one."""
    existing = certificate(conn, scope)
    if existing is not None:
        return existing
    conn.execute(
        "INSERT INTO ce_certificates (certificate_id, learner_id, course_id, payload, issued_at) VALUES (?, ?, ?, ?, ?)",
        [certificate_id, scope.learner_id, scope.course_id, to_json(payload), issued_at],
    )
    credit = payload.get("credit_claimed")
    append_event(conn, scope, "issued", "certificate", certificate_id, now, result={"credit": credit})
    return CertificateRecord(certificate_id, dict(payload), issued_at)


def certificate(conn: sqlite3.Connection, scope: Scope) -> CertificateRecord | None:
    """The learner's certificate in this course, if one was issued."""
    rows = certificates(conn, scope)
    return rows[0] if rows else None


def certificates(conn: sqlite3.Connection, scope: Scope) -> list[CertificateRecord]:
    """The learner's certificates in this course, oldest first."""
    rows = fetch_all(
        conn,
        "SELECT certificate_id, payload, issued_at FROM ce_certificates WHERE learner_id = ? AND course_id = ?"
        " ORDER BY issued_at, rowid",
        [scope.learner_id, scope.course_id],
    )
    return [CertificateRecord(row["certificate_id"], _payload(row["payload"]), row["issued_at"]) for row in rows]


def lesson_completions(conn: sqlite3.Connection, scope: Scope) -> dict[str, str]:
    """lesson id -> when it was completed, for every lesson done."""
    rows = fetch_all(
        conn,
        "SELECT lesson_id, completed_at FROM lesson_progress"
        " WHERE learner_id = ? AND course_id = ? AND status = 'done' AND completed_at IS NOT NULL ORDER BY lesson_id",
        [scope.learner_id, scope.course_id],
    )
    return {row["lesson_id"]: row["completed_at"] for row in rows}


def _payload(text: str) -> dict[str, object]:
    try:
        value = json.loads(text)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}

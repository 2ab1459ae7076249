"""The xAPI outbox (tables ``xapi_queue``, m007, and ``xapi_sent``, m009): statements for ``course push``.

A statement is queued once (its id is derived from its event, ``INSERT OR IGNORE``) and marked sent
to an LRS only after that LRS accepted it, in its own transaction; a push that stops half way leaves
the rest queued for the next one, whatever the reason (network, Ctrl+C, a crash). Sent is per LRS:
a second LRS gets every statement, the first only what it lacks.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from progress_store.events import list_events
from progress_store.sql import fetch_all

if TYPE_CHECKING:
    from progress_store.learner import LearnerProgress


@dataclass(frozen=True)
class Queued:
    """One statement of the outbox, as stored (``statement`` is its JSON text)."""

    statement_id: str
    learner: str
    statement: str

    def data(self) -> dict[str, Any]:
        """The statement as a dict."""
        value: dict[str, Any] = json.loads(self.statement)
        return value


@dataclass(frozen=True)
class SentTo:
    """How many of the learner's statements one LRS accepted, and when it last did."""

    lrs: str
    sent: int
    last_sent_at: str


@dataclass(frozen=True)
class QueueStatus:
    """How many statements are waiting and how many went (for one LRS, or: to none and to any), and
    every LRS that accepted some, most recent first."""

    queued: int
    sent: int
    last_sent_at: str | None
    last_lrs: str | None
    by_lrs: tuple[SentTo, ...] = ()


def events(progress: LearnerProgress) -> list[dict[str, object]]:
    """The learner's events in the course, oldest first (what the statements are projected from)."""
    with progress._store._reading() as conn:
        return list_events(conn, progress._scope)


def enqueue(progress: LearnerProgress, statements: Iterable[tuple[int, Mapping[str, Any]]]) -> int:
    """Queue ``(event id, statement)`` pairs not queued before (by statement id); returns how many were new."""
    rows = [(int(event_id), str(s["id"]), json.dumps(s, sort_keys=True, ensure_ascii=False)) for event_id, s in statements]
    scope = progress._scope
    with progress._store._writing() as (conn, now):
        before = conn.total_changes
        conn.executemany(
            "INSERT OR IGNORE INTO xapi_queue (statement_id, learner_id, course_id, event_id, statement, queued_at)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            [(sid, scope.learner_id, scope.course_id, eid, text, now) for eid, sid, text in rows],
        )
        return conn.total_changes - before


def pending(progress: LearnerProgress, lrs: str, limit: int | None = None) -> list[Queued]:
    """Statements ``lrs`` has not accepted yet, in event order (at most ``limit``)."""
    scope = progress._scope
    sql = (
        "SELECT statement_id, statement FROM xapi_queue q WHERE learner_id = ? AND course_id = ?"
        " AND NOT EXISTS (SELECT 1 FROM xapi_sent s WHERE s.statement_id = q.statement_id AND s.lrs = ?)"
        " ORDER BY event_id, statement_id"
    )
    params: list[Any] = [scope.learner_id, scope.course_id, lrs]
    if limit is not None:
        sql += " LIMIT ?"
        params.append(int(limit))
    with progress._store._reading() as conn:
        rows = fetch_all(conn, sql, params)
    return [Queued(row["statement_id"], scope.learner, row["statement"]) for row in rows]


def mark_sent(progress: LearnerProgress, statement_ids: Sequence[str], lrs: str) -> None:
    """Record that ``lrs`` accepted these statements (call only after it answered 200/204)."""
    scope = progress._scope
    with progress._store._writing() as (conn, now):
        conn.executemany(
            "INSERT OR IGNORE INTO xapi_sent (statement_id, lrs, sent_at)"
            " SELECT statement_id, ?, ? FROM xapi_queue WHERE statement_id = ? AND learner_id = ?",
            [(lrs, now, sid, scope.learner_id) for sid in statement_ids],
        )


def status(progress: LearnerProgress, lrs: str | None = None) -> QueueStatus:
    """Queued and sent counts for the learner in the course: for ``lrs``, or (``None``) waiting for
    any LRS at all and sent to at least one."""
    scope = progress._scope
    mine = "q.learner_id = ? AND q.course_id = ?"
    with progress._store._reading() as conn:
        rows = fetch_all(
            conn,
            "SELECT s.lrs, COUNT(*) AS sent, MAX(s.sent_at) AS last FROM xapi_sent s JOIN xapi_queue q"
            f" ON q.statement_id = s.statement_id WHERE {mine} GROUP BY s.lrs ORDER BY last DESC, s.lrs",
            [scope.learner_id, scope.course_id],
        )
        total, sent_any = conn.execute(
            "SELECT COUNT(DISTINCT q.statement_id), COUNT(DISTINCT s.statement_id) FROM xapi_queue q"
            f" LEFT JOIN xapi_sent s ON s.statement_id = q.statement_id WHERE {mine}",
            [scope.learner_id, scope.course_id],
        ).fetchone()
    by_lrs = tuple(SentTo(row["lrs"], int(row["sent"]), row["last"]) for row in rows)
    if lrs is not None:
        match = next((entry for entry in by_lrs if entry.lrs == lrs), None)
        sent = match.sent if match else 0
        return QueueStatus(int(total) - sent, sent, match.last_sent_at if match else None, lrs if match else None, by_lrs)
    latest = by_lrs[0] if by_lrs else None
    last_at, last_lrs = (latest.last_sent_at, latest.lrs) if latest else (None, None)
    return QueueStatus(int(total) - int(sent_any), int(sent_any), last_at, last_lrs, by_lrs)


def sent_ids(progress: LearnerProgress, lrs: str) -> set[str]:
    """Ids of the learner's statements ``lrs`` has accepted."""
    scope = progress._scope
    with progress._store._reading() as conn:
        rows = conn.execute(
            "SELECT s.statement_id FROM xapi_sent s JOIN xapi_queue q ON q.statement_id = s.statement_id"
            " WHERE q.learner_id = ? AND q.course_id = ? AND s.lrs = ?",
            [scope.learner_id, scope.course_id, lrs],
        ).fetchall()
    return {str(row[0]) for row in rows}

"""The xAPI outbox (table ``xapi_queue``, migration m007): statements waiting for ``course push``.

A statement is queued once (its id is derived from its event, ``INSERT OR IGNORE``) and marked sent
only after the LRS accepted it, in its own transaction; a push that stops half way leaves the rest
queued for the next one, whatever the reason (network, Ctrl+C, a crash).
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
class QueueStatus:
    """How many statements are waiting and how many went, with the last time and LRS they went to."""

    queued: int
    sent: int
    last_sent_at: str | None
    last_lrs: str | None


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


def pending(progress: LearnerProgress, limit: int | None = None) -> list[Queued]:
    """Statements not yet sent, in event order (at most ``limit``)."""
    scope = progress._scope
    sql = (
        "SELECT statement_id, statement FROM xapi_queue WHERE learner_id = ? AND course_id = ? AND sent_at IS NULL"
        " ORDER BY event_id, statement_id"
    )
    params: list[Any] = [scope.learner_id, scope.course_id]
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
            "UPDATE xapi_queue SET sent_at = ?, lrs = ? WHERE statement_id = ? AND learner_id = ? AND sent_at IS NULL",
            [(now, lrs, sid, scope.learner_id) for sid in statement_ids],
        )


def status(progress: LearnerProgress) -> QueueStatus:
    """Counts of queued and sent statements for the learner in the course."""
    scope = progress._scope
    with progress._store._reading() as conn:
        row = conn.execute(
            "SELECT COUNT(*) - COUNT(sent_at), COUNT(sent_at), MAX(sent_at) FROM xapi_queue"
            " WHERE learner_id = ? AND course_id = ?",
            [scope.learner_id, scope.course_id],
        ).fetchone()
        last = conn.execute(
            "SELECT lrs FROM xapi_queue WHERE learner_id = ? AND course_id = ? AND sent_at IS NOT NULL"
            " ORDER BY sent_at DESC, event_id DESC LIMIT 1",
            [scope.learner_id, scope.course_id],
        ).fetchone()
    return QueueStatus(int(row[0]), int(row[1]), row[2], None if last is None else str(last[0]))


def sent_ids(progress: LearnerProgress) -> set[str]:
    """Ids of the learner's statements an LRS has accepted."""
    scope = progress._scope
    with progress._store._reading() as conn:
        rows = conn.execute(
            "SELECT statement_id FROM xapi_queue WHERE learner_id = ? AND course_id = ? AND sent_at IS NOT NULL",
            [scope.learner_id, scope.course_id],
        ).fetchall()
    return {str(row[0]) for row in rows}

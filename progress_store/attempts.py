"""Quiz attempt rows: start, look up, claim a version, finish, best scores.

Every write to an attempt (an answer, finishing it) first claims its next version with
``UPDATE attempts SET version = version + 1 WHERE id = ? AND version = ?`` in the same transaction,
so a window that read the attempt before another window changed it is refused (``AttemptMoved``)
instead of overwriting what the other window saved.
"""

from __future__ import annotations

import dataclasses
import sqlite3

from progress_store.errors import AttemptMoved, StoreError
from progress_store.events import append_event
from progress_store.records import ATTEMPT_KINDS, Attempt, Scope, scaled_score
from progress_store.sql import fetch_all, fetch_one, finite, from_json, to_json

_SELECT = (
    "SELECT id, quiz_id, seed, question_ids, started_at, finished_at, score, max_score, passed, kind, version"
    " FROM attempts WHERE learner_id = ? AND course_id = ?"
)
_INT64 = (-(2**63), 2**63 - 1)


def create(
    conn: sqlite3.Connection,
    scope: Scope,
    quiz_id: str,
    seed: int,
    question_ids: list[str],
    now: str,
    kind: str = "full",
) -> Attempt:
    """Insert a new unfinished attempt ("full" or "retry") and log "attempted"."""
    _check_seed(seed)
    check_kind(kind)
    ids = _check_question_ids(question_ids)
    cursor = conn.execute(
        "INSERT INTO attempts (learner_id, course_id, quiz_id, seed, question_ids, started_at, kind)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        [scope.learner_id, scope.course_id, quiz_id, seed, to_json(ids), now, kind],
    )
    attempt_id = int(cursor.lastrowid or 0)
    append_event(
        conn,
        scope,
        "attempted",
        "quiz",
        quiz_id,
        now,
        result={"seed": seed, "question_ids": ids, "kind": kind},
        attempt_id=attempt_id,
    )
    return Attempt(attempt_id, quiz_id, seed, ids, now, None, None, None, None, kind, 0)


def get(conn: sqlite3.Connection, scope: Scope, attempt_id: int) -> Attempt | None:
    """This learner's attempt with that id in this course, or ``None``."""
    row = fetch_one(conn, _SELECT + " AND id = ?", [scope.learner_id, scope.course_id, attempt_id])
    return None if row is None else _to_attempt(row)


def newest_unfinished(conn: sqlite3.Connection, scope: Scope, quiz_id: str) -> Attempt | None:
    """The most recently started attempt of ``quiz_id`` that is not finished."""
    row = fetch_one(
        conn,
        _SELECT + " AND quiz_id = ? AND finished_at IS NULL ORDER BY id DESC LIMIT 1",
        [scope.learner_id, scope.course_id, quiz_id],
    )
    return None if row is None else _to_attempt(row)


def listing(conn: sqlite3.Connection, scope: Scope, quiz_id: str | None, kind: str | None = None) -> list[Attempt]:
    """Attempts, oldest first, of one quiz or of all, of one kind or of both."""
    sql, params = _SELECT, [scope.learner_id, scope.course_id]
    if quiz_id is not None:
        sql, params = sql + " AND quiz_id = ?", [*params, quiz_id]
    if kind is not None:
        check_kind(kind)
        sql, params = sql + " AND kind = ?", [*params, kind]
    rows = fetch_all(conn, sql + " ORDER BY id", params)
    return [_to_attempt(row) for row in rows]


def claim(conn: sqlite3.Connection, scope: Scope, attempt_id: int, version: int | None) -> Attempt:
    """Bump the unfinished attempt's version before writing to it; the attempt as bumped.

    ``version`` is the one the caller last saw: ``AttemptMoved`` (and nothing written) if the
    attempt has moved on since, finished or not. ``None`` skips the check (the write still bumps).
    ``StoreError`` if the attempt is unknown, or finished (with no version given). Call it inside the
    write transaction that then writes the change.
    """
    attempt = get(conn, scope, attempt_id)
    if attempt is None:
        raise StoreError(f"quiz attempt {attempt_id} does not exist for {scope.learner} in {scope.course_id}")
    if version is not None and attempt.version != version:
        raise AttemptMoved(attempt_id, version, attempt.version, attempt.finished)
    if attempt.finished:
        raise StoreError(f"quiz attempt {attempt_id} ({attempt.quiz_id}) is already finished")
    cursor = conn.execute(
        "UPDATE attempts SET version = version + 1 WHERE id = ? AND version = ? AND finished_at IS NULL",
        [attempt_id, attempt.version],
    )
    if cursor.rowcount != 1:  # cannot happen inside BEGIN IMMEDIATE; never write on a lost race
        raise AttemptMoved(attempt_id, attempt.version, attempt.version + 1, attempt.finished)
    return dataclasses.replace(attempt, version=attempt.version + 1)


def finish(
    conn: sqlite3.Connection,
    scope: Scope,
    attempt_id: int,
    score: float,
    max_score: float,
    passed: bool,
    now: str,
    version: int | None = None,
) -> Attempt:
    """Score and close an unfinished attempt (at ``version``, see ``claim``) and log "completed"."""
    attempt = claim(conn, scope, attempt_id, version)
    score, max_score = finite(score, "score"), finite(max_score, "max_score")
    if max_score < 0:
        raise ValueError(f"max_score must not be negative, got {max_score}")
    conn.execute(
        "UPDATE attempts SET finished_at = ?, score = ?, max_score = ?, passed = ? WHERE id = ?",
        [now, score, max_score, int(bool(passed)), attempt_id],
    )
    result = {
        "score": score,
        "max_score": max_score,
        "passed": bool(passed),
        "scaled": scaled_score(score, max_score),
    }
    append_event(conn, scope, "completed", "quiz", attempt.quiz_id, now, result=result, attempt_id=attempt_id)
    return Attempt(
        attempt.id,
        attempt.quiz_id,
        attempt.seed,
        attempt.question_ids,
        attempt.started_at,
        now,
        score,
        max_score,
        bool(passed),
        attempt.kind,
        attempt.version,
    )


_SCALED = "(CASE WHEN max_score > 0 THEN score / max_score ELSE 0.0 END)"  # the expression m008 indexes
_FULL_FINISHED = "learner_id = ? AND course_id = ? AND finished_at IS NOT NULL AND kind = 'full'"
# One index probe per quiz (a skip-scan over m008's attempts_best), not a pass over every attempt.
_BEST = (
    "WITH RECURSIVE quiz(id) AS ("
    f" SELECT MIN(quiz_id) FROM attempts WHERE {_FULL_FINISHED}"
    f" UNION ALL SELECT (SELECT MIN(quiz_id) FROM attempts WHERE {_FULL_FINISHED} AND quiz_id > quiz.id)"
    " FROM quiz WHERE quiz.id IS NOT NULL)"
    f" SELECT id AS quiz_id, (SELECT MAX({_SCALED}) FROM attempts WHERE {_FULL_FINISHED} AND quiz_id = quiz.id) AS best"
    " FROM quiz WHERE id IS NOT NULL ORDER BY id"
)


def best_scaled(conn: sqlite3.Connection, scope: Scope) -> dict[str, float]:
    """quiz_id -> best ``score / max_score`` over finished full attempts (retries never count)."""
    params = [scope.learner_id, scope.course_id]
    rows = fetch_all(conn, _BEST, params * 3)
    return {row["quiz_id"]: float(row["best"]) for row in rows}


def recent_scaled(conn: sqlite3.Connection, scope: Scope, limit: int) -> tuple[int, list[float]]:
    """(how many full attempts are finished, the scaled scores of the last ``limit`` of them, oldest first)."""
    params = [scope.learner_id, scope.course_id]
    rows = fetch_all(
        conn,
        f"SELECT score, max_score FROM attempts WHERE {_FULL_FINISHED} ORDER BY finished_at DESC, id DESC LIMIT ?",
        [*params, limit],
    )
    scores = [scaled_score(row["score"], row["max_score"]) for row in reversed(rows)]
    if len(rows) < limit:
        return len(rows), scores
    count = fetch_one(conn, f"SELECT COUNT(*) AS n FROM attempts WHERE {_FULL_FINISHED}", params)
    return int(count["n"]) if count is not None else len(rows), scores


def _to_attempt(row: sqlite3.Row) -> Attempt:
    """Build an ``Attempt`` from an attempts row."""
    ids = from_json(row["question_ids"])
    return Attempt(
        id=row["id"],
        quiz_id=row["quiz_id"],
        seed=row["seed"],
        question_ids=list(ids) if isinstance(ids, list) else [],
        started_at=row["started_at"],
        finished_at=row["finished_at"],
        score=row["score"],
        max_score=row["max_score"],
        passed=None if row["passed"] is None else bool(row["passed"]),
        kind=row["kind"],
        version=int(row["version"]),
    )


def check_kind(kind: str) -> None:
    """``ValueError`` unless ``kind`` is "full" or "retry"."""
    if kind not in ATTEMPT_KINDS:
        raise ValueError(f"unknown attempt kind {kind!r}; expected one of {sorted(ATTEMPT_KINDS)}")


def _check_seed(seed: int) -> None:
    """``ValueError`` unless ``seed`` is an int SQLite can store (64-bit signed)."""
    if isinstance(seed, bool) or not isinstance(seed, int) or not _INT64[0] <= seed <= _INT64[1]:
        raise ValueError(f"seed must be an int in the signed 64-bit range, got {seed!r}")


def _check_question_ids(question_ids: list[str]) -> list[str]:
    """A copy of the ids; ``ValueError`` for non-strings or duplicates."""
    ids = list(question_ids)
    if not all(isinstance(q, str) for q in ids):
        raise ValueError(f"question_ids must all be strings, got {ids!r}")
    if len(set(ids)) != len(ids):
        raise ValueError(f"question_ids must not repeat, got {ids!r}")
    return ids

"""Answer rows: one per question per attempt, replaced when the learner answers again."""

from __future__ import annotations

import sqlite3

from progress_store.errors import StoreError
from progress_store.events import append_event
from progress_store.records import AnswerRecord, Attempt, Scope
from progress_store.sql import fetch_all, finite, from_json, to_json


def upsert(
    conn: sqlite3.Connection,
    scope: Scope,
    attempt: Attempt,
    question_id: str,
    response: object,
    score: float,
    max_score: float,
    correct: bool,
    now: str,
) -> AnswerRecord:
    """Store (or replace) the answer to ``question_id`` and log "answered"."""
    if question_id not in attempt.question_ids:
        raise StoreError(f"question {question_id} is not part of quiz attempt {attempt.id} ({attempt.quiz_id})")
    score, max_score = finite(score, "score"), finite(max_score, "max_score")
    response_json = to_json(response)
    conn.execute(
        "INSERT INTO answers (attempt_id, question_id, response, score, max_score, correct, answered_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (attempt_id, question_id) DO UPDATE SET response = excluded.response,"
        " score = excluded.score, max_score = excluded.max_score, correct = excluded.correct,"
        " answered_at = excluded.answered_at",
        [attempt.id, question_id, response_json, score, max_score, int(bool(correct)), now],
    )
    result = {"score": score, "max_score": max_score, "correct": bool(correct), "response": response}
    append_event(conn, scope, "answered", "question", question_id, now, result=result, attempt_id=attempt.id)
    return AnswerRecord(question_id, from_json(response_json), score, max_score, bool(correct), now)


def listing(conn: sqlite3.Connection, attempt_id: int) -> dict[str, AnswerRecord]:
    """question_id -> answer for one attempt (the caller checks the attempt belongs to the learner)."""
    rows = fetch_all(
        conn,
        "SELECT question_id, response, score, max_score, correct, answered_at FROM answers WHERE attempt_id = ? ORDER BY rowid",
        [attempt_id],
    )
    return {
        row["question_id"]: AnswerRecord(
            question_id=row["question_id"],
            response=from_json(row["response"]),
            score=float(row["score"]),
            max_score=float(row["max_score"]),
            correct=bool(row["correct"]),
            answered_at=row["answered_at"],
        )
        for row in rows
    }

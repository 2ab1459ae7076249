"""``course export --format csv``: the JSON export's tables as CSV texts, one a table, each with a header row.

Pure: the learner-export dict (``progress_store.export.export_learner``) in, ``{file name: CSV text}``
out. Nested values (a response, a review card, an event's result) are JSON text in their cell; a
missing value is an empty cell. Every table gets a file, an empty one its header row alone.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence
from typing import Any

# table -> its columns, in order (the keys of the JSON export's rows; answers gain attempt_id)
COLUMNS: dict[str, tuple[str, ...]] = {
    "lessons": ("lesson_id", "status", "first_opened_at", "completed_at"),
    "attempts": ("id", "quiz_id", "kind", "seed", "question_ids", "started_at", "finished_at")
    + ("score", "max_score", "scaled", "passed"),
    "answers": ("attempt_id", "question_id", "response", "score", "max_score", "correct", "answered_at"),
    "review_cards": ("card_id", "kind", "due", "created_at", "last_review_at", "reps", "card"),
    "review_log": ("card_id", "rating", "source", "reviewed_at", "log"),
    "notes": ("lesson_id", "text", "created_at", "updated_at"),
    "bookmarks": ("lesson_id", "created_at"),
    "study_time": (),  # the store's rows, whatever columns they have
    "settings": ("key", "value"),
    "ce_acknowledgment": ("acknowledged_at", "course_version"),
    "ce_engaged_time": ("object_type", "object_id", "engaged_seconds"),
    "ce_evaluation": ("answers", "submitted_at"),
    "ce_attestation": ("hours", "own_time", "attested_at"),
    "ce_certificates": ("certificate_id", "issued_at", "payload"),
    "events": ("id", "verb", "object_type", "object_id", "attempt_id", "result", "at"),
}


def tables(export: Mapping[str, Any]) -> dict[str, list[Mapping[str, Any]]]:
    """The export's rows per table (answers taken out of their attempts)."""
    attempts = list(export.get("attempts") or [])
    answers = [{"attempt_id": a["id"], **answer} for a in attempts for answer in a.get("answers") or []]
    settings = [{"key": key, "value": value} for key, value in (export.get("settings") or {}).items()]
    ce = export.get("ce") or {}
    return {
        "lessons": list(export.get("lessons") or []),
        "attempts": [{k: v for k, v in a.items() if k != "answers"} for a in attempts],
        "answers": answers,
        "review_cards": list(export.get("review_cards") or []),
        "review_log": list(export.get("review_log") or []),
        "notes": list(export.get("notes") or []),
        "bookmarks": list(export.get("bookmarks") or []),
        "study_time": list((export.get("study_time") or {}).get("rows") or []),
        "settings": settings,
        "ce_acknowledgment": _one(ce.get("acknowledgment")),
        "ce_engaged_time": list(ce.get("engaged_time") or []),
        "ce_evaluation": _one(ce.get("evaluation")),
        "ce_attestation": _one(ce.get("attestation")),
        "ce_certificates": list(ce.get("certificates") or []),
        "events": list(export.get("events") or []),
    }


def csv_files(export: Mapping[str, Any]) -> dict[str, str]:
    """``{"lessons.csv": text, ...}`` for every table, in a fixed order."""
    files = {}
    for name, rows in tables(export).items():
        columns = COLUMNS[name] or _columns_of(rows)
        files[f"{name}.csv"] = _csv(columns, rows)
    return files


def _columns_of(rows: Sequence[Mapping[str, Any]]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for row in rows:
        seen.update(dict.fromkeys(row))
    return tuple(seen)


def _csv(columns: Sequence[str], rows: Sequence[Mapping[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")  # RFC 4180
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(column)) for column in columns])
    return out.getvalue()


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def _one(row: Mapping[str, Any] | None) -> list[Mapping[str, Any]]:
    """A step taken once (an acknowledgment, an evaluation): one row, or none."""
    return [] if row is None else [row]

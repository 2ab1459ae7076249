"""Small query helpers returning rows addressable by column name."""

from __future__ import annotations

import json
import math
import sqlite3
from collections.abc import Sequence

Params = Sequence[object]


def fetch_one(conn: sqlite3.Connection, sql: str, params: Params = ()) -> sqlite3.Row | None:
    """The first row of a query, or ``None``."""
    cursor = conn.cursor()
    cursor.row_factory = sqlite3.Row
    row: sqlite3.Row | None = cursor.execute(sql, params).fetchone()
    return row


def fetch_all(conn: sqlite3.Connection, sql: str, params: Params = ()) -> list[sqlite3.Row]:
    """All rows of a query."""
    cursor = conn.cursor()
    cursor.row_factory = sqlite3.Row
    return cursor.execute(sql, params).fetchall()


def to_json(value: object) -> str:
    """Strict JSON text (no NaN/Infinity); raises ``TypeError``/``ValueError`` for anything else."""
    return json.dumps(value, ensure_ascii=False, allow_nan=False)


def from_json(text: str | None) -> object:
    """Decode JSON text; ``None`` stays ``None``."""
    return None if text is None else json.loads(text)


def finite(value: float, name: str) -> float:
    """``value`` as a float, or ``ValueError`` if it is not a finite number."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise ValueError(f"{name} must be a finite number, got {value!r}")
    return float(value)

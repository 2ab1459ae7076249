"""Time for the store: an injectable clock and the ISO-8601 text the tables hold."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timezone

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    """The default clock: the current time, aware, in UTC."""
    return datetime.now(timezone.utc)


def iso_timestamp(clock: Clock) -> str:
    """The clock's time as ISO-8601 text in UTC, e.g. ``2025-01-02T03:04:05+00:00``."""
    moment = clock()
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("the store clock must return an aware datetime (got a naive one)")
    return moment.astimezone(timezone.utc).isoformat()

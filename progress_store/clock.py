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
    if not _is_aware(moment):
        raise ValueError("the store clock must return an aware datetime (got a naive one)")
    return utc_iso(moment)


def utc_iso(moment: datetime) -> str:
    """``moment`` as UTC ISO-8601 text; ``ValueError`` if it is naive.

    Every timestamp in the tables has this one form, so comparing the text in SQL compares the times:
    the fields are fixed width, and a time without microseconds (``...:05+00:00``) sorts before the
    same second with them (``...:05.000001+00:00``) because ``+`` sorts before ``.``.
    """
    if not _is_aware(moment):
        raise ValueError(f"expected an aware datetime, got {moment!r}")
    return moment.astimezone(timezone.utc).isoformat()


def parse_utc(text: str) -> datetime:
    """Text written by ``utc_iso`` back to an aware UTC datetime."""
    return datetime.fromisoformat(text).astimezone(timezone.utc)


def _is_aware(moment: object) -> bool:
    return isinstance(moment, datetime) and moment.tzinfo is not None and moment.utcoffset() is not None

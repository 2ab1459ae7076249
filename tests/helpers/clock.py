"""A clock tests can set and move, for the store and the app."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

T0 = datetime(2025, 3, 1, 9, 30, 0, tzinfo=timezone.utc)


class FakeClock:
    """A clock tests can set; returns aware UTC datetimes."""

    def __init__(self, now: datetime = T0) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)

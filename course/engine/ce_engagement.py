"""Engaged time: the seconds a learner is really at a lesson or quiz, which front ends feed with inputs.

Time counts only while the terminal is visible and at most ``idle_minutes`` after the last input (a
key press, a mouse event, opening the object or bringing the terminal back; an input while the
terminal was said to be hidden shows it is not). A learner who stops
touching the keys is counted for the idle allowance and no more; a hidden or suspended terminal is
not counted at all. The meter takes ``now`` on every call, so tests drive it with a fixed clock.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True)
class EngagedSpan:
    """Engaged seconds on one object, measured up to ``at``, not yet written."""

    object_type: str
    object_id: str
    seconds: float
    at: datetime


Sink = Callable[[EngagedSpan], None]


class Engagement:
    """The engagement meter of one learner in one front end; ``sink`` receives every span flushed."""

    def __init__(self, idle_minutes: float, sink: Sink) -> None:
        if idle_minutes <= 0:
            raise ValueError(f"idle_minutes must be above 0, got {idle_minutes!r}")
        self.idle = timedelta(minutes=idle_minutes)
        self.sink = sink
        self._current: tuple[str, str] | None = None
        self._shown = True
        self._last_input: datetime | None = None
        self._counted_to: datetime | None = None
        self._pending = 0.0
        self._visit = 0.0

    @property
    def current(self) -> tuple[str, str] | None:
        """(object type, object id) being metered, or ``None``."""
        return self._current

    @property
    def shown(self) -> bool:
        """Whether the terminal is visible, as the front end last said."""
        return self._shown

    def pending_seconds(self, now: datetime) -> float:
        """Seconds counted but not yet flushed, up to ``now``."""
        self._advance(now)
        return self._pending

    def start(self, object_type: str, object_id: str, now: datetime) -> None:
        """A lesson or quiz is shown: meter it from ``now`` (the object shown before is stopped first)."""
        if not object_type or not object_id:
            raise ValueError("start needs an object type and id")
        if self._current is not None:
            self.stop(now)
        self._current = (object_type, object_id)
        self._shown = True
        self._last_input = self._counted_to = now
        self._pending = self._visit = 0.0

    def activity(self, now: datetime) -> None:
        """A key press or mouse input: the learner is here (and so the terminal is visible again)."""
        self._advance(now)
        self._shown = True
        self._last_input = now

    def visible(self, shown: bool, now: datetime) -> None:
        """The terminal was hidden or suspended (``False``) or shown again (``True``, which counts as input).
        Hiding flushes what has accrued, so a suspended app that never comes back loses nothing."""
        self._advance(now)
        self._shown = shown
        if shown:
            self._last_input = now
        else:
            self.flush(now)

    def flush(self, now: datetime) -> EngagedSpan | None:
        """Hand what has accrued since the last flush to the sink (``None`` if nothing has)."""
        self._advance(now)
        if self._current is None or self._pending <= 0:
            return None
        span = EngagedSpan(self._current[0], self._current[1], self._pending, now)
        self._pending = 0.0
        self.sink(span)
        return span

    def stop(self, now: datetime) -> float:
        """The object is left: flush, stop metering; the engaged seconds of the whole visit."""
        if self._current is None:
            return 0.0
        self.flush(now)
        visit = self._visit
        self._current = None
        self._last_input = self._counted_to = None
        self._visit = 0.0
        return visit

    def _advance(self, now: datetime) -> None:
        """Count the time from the last point counted to ``now`` that was visible and within the idle allowance."""
        if self._current is None or self._counted_to is None or self._last_input is None:
            return
        if now <= self._counted_to:  # a clock that stood still or went back counts nothing
            return
        if self._shown:
            end = min(now, self._last_input + self.idle)
            if end > self._counted_to:
                seconds = (end - self._counted_to).total_seconds()
                self._pending += seconds
                self._visit += seconds
        self._counted_to = now

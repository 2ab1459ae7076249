"""A stopwatch for the time a learner spends on a lesson or a quiz, shared by every front end."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class StudyTimer:
    """Started when a lesson or quiz is shown; ``stop`` gives the seconds since (0.0 if not running)."""

    object_type: str
    object_id: str
    monotonic: Callable[[], float] = time.monotonic
    _started: float | None = field(default=None, init=False)

    @property
    def running(self) -> bool:
        return self._started is not None

    def start(self) -> None:
        """Start (or restart) counting."""
        self._started = self.monotonic()

    def stop(self) -> float:
        """Stop counting; the seconds counted since ``start``."""
        if self._started is None:
            return 0.0
        seconds = max(0.0, self.monotonic() - self._started)
        self._started = None
        return seconds

"""Who is learning when nobody said: the one rule every front end and command follows."""

from __future__ import annotations

from collections.abc import Sequence

DEFAULT_LEARNER = "default"


def implied_learner(known: Sequence[str]) -> str | None:
    """The learner to use when none was named: the only one on this machine, ``"default"`` when there is
    none yet, and ``None`` when there are several (then ask, or make the caller name one)."""
    if len(known) == 1:
        return known[0]
    return DEFAULT_LEARNER if not known else None

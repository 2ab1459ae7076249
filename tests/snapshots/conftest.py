"""Snapshots are taken with steady text cursors, at one fixed moment.

An ``Input`` or ``TextArea`` cursor blinks every half second, so a screenshot taken a little later on
a busy machine caught it off and differed from the stored one. Blinking is switched off for every
snapshot (the cursor is then always drawn), which makes the pictures independent of timing.

The store, the engine and the app read the time from one fixed clock (:data:`SNAPSHOT_TIME`, inside the
bundled CE activity's release and expiry dates) unless a test gives its own: what a screen shows about
days, streaks and the CE checklist's dates is the same whatever day the suite runs.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timezone

import pytest
from textual.reactive import reactive
from textual.widgets import Input, TextArea


@pytest.fixture(autouse=True)
def steady_cursors(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    for widget in (Input, TextArea):
        blink = widget.__dict__["cursor_blink"]
        assert isinstance(blink, reactive)
        monkeypatch.setattr(blink, "_default", False)
    yield


SNAPSHOT_TIME = datetime(2026, 6, 1, 9, 0, tzinfo=timezone.utc)


@pytest.fixture(autouse=True)
def fixed_time(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    def now() -> datetime:
        return SNAPSHOT_TIME

    for module in ("progress_store.store", "course.engine.study", "tui.textual_app.app"):
        monkeypatch.setattr(f"{module}.utc_now", now)
    yield

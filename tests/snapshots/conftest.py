"""Snapshots are taken with steady text cursors.

An ``Input`` or ``TextArea`` cursor blinks every half second, so a screenshot taken a little later on
a busy machine caught it off and differed from the stored one. Blinking is switched off for every
snapshot (the cursor is then always drawn), which makes the pictures independent of timing.
"""

from __future__ import annotations

from collections.abc import Iterator

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

"""The app on the hostile-input corpus: one case of every category, through Pilot.

``course preview`` opens the real app on a course that does not load; it must show that case's
located finding on its errors screen (as ``course validate`` prints it) instead of crashing or
hanging, and nothing of the files outside the course folder.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from progress_store import Store
from tests.corpus.build import CANARY, Case, build, first_of_each, load_cases
from tests.tui.helpers import FIXED_SEED
from tui.textual_app.app import make_app
from tui.textual_app.preview.errors_screen import CourseErrorsScreen
from tui.textual_app.preview.session import open_preview

CASES = load_cases()
FIRST_OF_EACH = first_of_each(CASES)
NAMES = {"escape-sequence-in-file-name", "osc-sequence-in-module-folder-name", "bidi-override-in-file-name"}
SUBSET = FIRST_OF_EACH + [case for case in CASES if case.name in NAMES]


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = Store.open(tmp_path / "progress.db")
    yield opened
    opened.close()


@pytest.mark.parametrize("case", SUBSET, ids=[case.name for case in SUBSET])
async def test_the_app_shows_the_located_error(case: Case, tmp_path: Path, store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    root = build(case, tmp_path / "corpus")
    monkeypatch.chdir(tmp_path / "corpus")
    started = time.monotonic()
    course, session = open_preview(root)
    assert time.monotonic() - started < 5
    app = make_app(course, store, "default", new_seed=lambda: FIXED_SEED, preview=session)
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(200):
            if isinstance(app.screen, CourseErrorsScreen) and app.screen.is_mounted:
                break
            await pilot.pause(0.02)
        screen = app.screen
        assert isinstance(screen, CourseErrorsScreen)
        assert any(line.startswith(case.located) and f"[{case.code}]: " in line and case.message in line for line in screen.lines)
        shown = "\n".join(screen.lines)
        assert CANARY not in shown
        assert not any(ch in shown for ch in "\x1b\x07\x9b\u202e"), shown

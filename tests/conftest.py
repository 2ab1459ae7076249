"""Shared fixtures: every test gets its own data folder, database and fixed seed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

# Property tests draw the same examples on every run (derandomize): the suite must never pass or fail
# by luck. A failure a random exploration finds becomes an @example of its test.
settings.register_profile("deterministic", derandomize=True)
settings.load_profile("deterministic")

MINI_COURSE = Path(__file__).parent / "fixtures" / "mini-course"


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep every test away from the real user folders and any COURSE_DB of the caller."""
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))  # the course cache
    monkeypatch.delenv("COURSE_DB", raising=False)
    # A fixed, absent settings file: defaults everywhere, and the same path on every screen snapshot.
    monkeypatch.setenv("COURSE_SETTINGS", "/nonexistent/plasticity-course/settings.toml")


@pytest.fixture
def mini_course_path() -> Path:
    """The small fixture course that uses every question type."""
    return MINI_COURSE


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A fresh progress database path."""
    return tmp_path / "progress.db"


@pytest.fixture
def store(db_path: Path) -> Iterator[object]:
    """An open progress store on a temporary file."""
    from progress_store import Store

    opened = Store.open(db_path)
    yield opened
    opened.close()

"""Store fixtures shared by the unit tests: a fixed clock, a store on a temp file, a learner."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from progress_store import LearnerProgress, Store
from tests.helpers.clock import FakeClock


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def store(db_path: Path, clock: FakeClock) -> Iterator[Store]:
    s = Store.open(db_path, clock=clock)
    yield s
    s.close()


@pytest.fixture
def ann(store: Store) -> LearnerProgress:
    return store.learner("ann", "c1")

"""Engine fixtures: the mini course, a real store on a temp file, a fixed clock and seed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from course.domain.models import Course
from course.engine import Study
from course.loading.loader import load_course
from progress_store import Store
from tests.helpers.clock import FakeClock

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini-course"
SEED = 4242


@pytest.fixture(scope="session")
def mini() -> Course:
    return load_course(MINI)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def store(tmp_path: Path, clock: FakeClock) -> Iterator[Store]:
    opened = Store.open(tmp_path / "progress.db", clock=clock)
    yield opened
    opened.close()


def make_study(course: Course, store: Store, clock: FakeClock, learner: str = "ann") -> Study:
    return Study(course, store.learner(learner, course.info.id), clock=clock, new_seed=lambda: SEED, fuzz_reviews=False)


@pytest.fixture
def study(mini: Course, store: Store, clock: FakeClock) -> Study:
    return make_study(mini, store, clock)


def with_quiz(course: Course, quiz_id: str, **rules: object) -> Course:
    """A copy of the course whose quiz ``quiz_id`` has other rules (pass_mark, max_attempts, ...)."""
    modules = []
    for module in course.modules:
        if module.quiz is not None and module.quiz.id == quiz_id:
            module = module.model_copy(update={"quiz": module.quiz.model_copy(update=rules)})
        modules.append(module)
    return course.model_copy(update={"modules": modules})

"""Every screen at 80x24 and 160x48, in the dark and the high-contrast theme.

The store is prepared directly so each screen opens in a known state; review every changed SVG.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from course.loading.loader import bundled_course_path
from progress_store import Store
from tests.tui.helpers import build_app, click_link, settle

MINI = Path(__file__).parent.parent / "fixtures" / "mini-course"
SIZES = {"80x24": (80, 24), "160x48": (160, 48)}
THEMES = ["dark", "high-contrast"]


def prepare(db_path: Path, course_id: str, theme: str, seen: bool = True) -> None:
    store = Store.open(db_path)
    progress = store.learner("default", course_id)
    progress.set_setting("theme", theme)
    if seen:
        progress.save_position("map")
        progress.acknowledge_activity("1")  # the bundled course's CE page read: its lessons open
    store.close()


async def open_lesson(pilot: Pilot) -> None:
    await pilot.pause()
    pilot.app.screen.open_item("lesson", "m2-5ht2a-receptor")
    await settle(pilot, pilot.app)  # type: ignore[arg-type]


async def glossary(pilot: Pilot) -> None:
    await open_lesson(pilot)
    await click_link(pilot, pilot.app.screen, "glossary:5-ht2a-receptor")
    await settle(pilot, pilot.app)  # type: ignore[arg-type]


async def contents(pilot: Pilot) -> None:
    await open_lesson(pilot)
    await pilot.press("t")
    await settle(pilot, pilot.app)  # type: ignore[arg-type]


async def quiz(pilot: Pilot) -> None:
    await pilot.pause()
    pilot.app.screen.open_item("quiz", "m2-quiz")
    await settle(pilot, pilot.app)  # type: ignore[arg-type]


async def keys(pilot: Pilot, *pressed: str) -> None:
    await pilot.pause()
    await pilot.press(*pressed)
    await settle(pilot, pilot.app)  # type: ignore[arg-type]


async def notes(pilot: Pilot) -> None:
    progress = pilot.app.progress  # type: ignore[attr-defined]
    progress.toggle_bookmark("m2-default-mode-network")
    progress.save_note("m2-5ht2a-receptor", "Ask: why layer V?\nCompare with the DMN lesson.")
    await keys(pilot, "n")


SCREENS: dict[str, Callable[[Pilot], Awaitable[None]]] = {
    "map": lambda pilot: keys(pilot),
    "lesson": open_lesson,
    "glossary": glossary,
    "contents": contents,
    "quiz": quiz,
    "review": lambda pilot: keys(pilot, "r"),
    "help": lambda pilot: keys(pilot, "f1"),
    "search": lambda pilot: keys(pilot, "slash", *"default mode"),
    "notes": notes,
}


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize("screen", list(SCREENS))
def test_screen(snap_compare: Any, db_path: Path, screen: str, size: str, theme: str) -> None:
    prepare(db_path, "plasticity", theme)
    assert snap_compare(build_app(bundled_course_path(), db_path), run_before=SCREENS[screen], terminal_size=SIZES[size])


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("size", list(SIZES))
def test_disclaimer(snap_compare: Any, db_path: Path, size: str, theme: str) -> None:
    prepare(db_path, "plasticity", theme, seen=False)
    assert snap_compare(build_app(bundled_course_path(), db_path), run_before=lambda p: p.pause(), terminal_size=SIZES[size])


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("size", list(SIZES))
def test_results(snap_compare: Any, db_path: Path, size: str, theme: str) -> None:
    from quizzes.grading import grade

    prepare(db_path, "mini", theme)
    store = Store.open(db_path)
    progress = store.learner("default", "mini")
    responses = {"bq1": "b", "bq2": ["a"], "bq3": False, "bq4": ["a", "b"]}
    attempt = progress.start_attempt("basics-quiz", 7, list(responses))
    from course.loading.loader import load_course

    questions = {q.id: q for q in load_course(MINI).module("basics").quiz.questions}  # type: ignore[union-attr]
    total = 0.0
    for qid, response in responses.items():
        result = grade(questions[qid], response)
        total += result.score
        progress.record_answer(attempt.id, qid, response, result.score, result.max_score, result.correct)
    progress.finish_attempt(attempt.id, total, 4, total / 4 >= 0.5)
    progress.save_position("results", "basics-quiz")
    store.close()
    assert snap_compare(build_app(MINI, db_path), run_before=lambda p: p.pause(), terminal_size=SIZES[size])


@pytest.mark.parametrize("size", list(SIZES))
def test_profile_picker(snap_compare: Any, db_path: Path, size: str) -> None:
    store = Store.open(db_path)
    for name in ("ana", "ben"):
        store.learner(name, "mini").save_position("map")
    store.close()
    assert snap_compare(build_app(MINI, db_path, learner=None), run_before=lambda p: p.pause(), terminal_size=SIZES[size])

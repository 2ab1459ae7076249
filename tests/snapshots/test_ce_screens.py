"""The clinician track's screens at 80x24 on the bundled course, with a fixed clock for app and store.
Review every changed SVG (as a PNG) before accepting it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from course.loading.loader import bundled_course_path, load_course
from progress_store import Store
from tests.helpers.clock import FakeClock
from tests.tui.helpers import settle
from tui.textual_app.app import CourseApp, make_app


def ce_app(db_path: Path, acknowledged: bool = True) -> CourseApp:
    """The bundled course for a learner who has been here before (on the map), with the activity acknowledged."""
    course = load_course(bundled_course_path())
    clock = FakeClock()
    store = Store.open(db_path, clock=clock)
    progress = store.learner("default", course.info.id)
    if acknowledged:
        progress.save_position("map")
        progress.acknowledge_activity(course.info.version)
    return make_app(course, store, "default", new_seed=lambda: 7, clock=clock)


def keys(*pressed: str) -> Any:
    async def run_before(pilot: Pilot[None]) -> None:
        await pilot.pause()
        await pilot.press(*pressed)
        await settle(pilot, pilot.app)  # type: ignore[arg-type]

    return run_before


def test_activity_page_before_the_content(snap_compare: Any, db_path: Path) -> None:
    assert snap_compare(ce_app(db_path, acknowledged=False), run_before=keys("enter"))  # past the disclaimer


def test_ce_screen(snap_compare: Any, db_path: Path) -> None:
    assert snap_compare(ce_app(db_path), run_before=keys("e"))


def test_evaluation(snap_compare: Any, db_path: Path) -> None:
    assert snap_compare(ce_app(db_path), run_before=keys("e", "v"))


def test_attestation(snap_compare: Any, db_path: Path) -> None:
    assert snap_compare(ce_app(db_path), run_before=keys("e", "t"))

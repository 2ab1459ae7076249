"""One SVG snapshot per screen at 80x24 (and the map wide). Review every changed SVG before accepting it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from course.loading.loader import bundled_course_path
from tests.tui.helpers import build_app, click_link, settle

MINI = Path(__file__).parent.parent / "fixtures" / "mini-course"


def app_on(course: Path, db_path: Path) -> Any:
    return build_app(course, db_path)


async def past_disclaimer(pilot: Pilot) -> None:
    await pilot.pause()
    await pilot.press("enter")
    await settle(pilot, pilot.app)  # type: ignore[arg-type]
    if type(pilot.app.screen).__name__ == "ActivityScreen":  # the bundled course's CE activity page
        await pilot.press("a")
        await settle(pilot, pilot.app)  # type: ignore[arg-type]


async def open_quiz(pilot: Pilot, quiz_id: str, question_type: str | None = None) -> None:
    await past_disclaimer(pilot)
    pilot.app.screen.open_item("quiz", quiz_id)
    await settle(pilot, pilot.app)  # type: ignore[arg-type]
    quiz = pilot.app.screen
    if question_type:
        while quiz.question.type != question_type:
            quiz.index += 1
            quiz.show_question()
            await settle(pilot, pilot.app)  # type: ignore[arg-type]


def test_disclaimer(snap_compare: Any, db_path: Path) -> None:
    assert snap_compare(app_on(bundled_course_path(), db_path), run_before=lambda pilot: pilot.pause())


def test_course_map_bundled(snap_compare: Any, db_path: Path) -> None:
    assert snap_compare(app_on(bundled_course_path(), db_path), run_before=past_disclaimer)


def test_course_map_bundled_wide(snap_compare: Any, db_path: Path) -> None:
    assert snap_compare(app_on(bundled_course_path(), db_path), run_before=past_disclaimer, terminal_size=(160, 48))


def test_course_map_with_progress(snap_compare: Any, db_path: Path) -> None:
    async def run_before(pilot: Pilot) -> None:
        await past_disclaimer(pilot)
        await pilot.press("enter", "d", "escape")
        await settle(pilot, pilot.app)  # type: ignore[arg-type]

    assert snap_compare(app_on(MINI, db_path), run_before=run_before)


def test_lesson(snap_compare: Any, db_path: Path) -> None:
    async def run_before(pilot: Pilot) -> None:
        await past_disclaimer(pilot)
        pilot.app.screen.open_item("lesson", "neurons")
        await settle(pilot, pilot.app)  # type: ignore[arg-type]

    assert snap_compare(app_on(MINI, db_path), run_before=run_before)


def test_lesson_bundled(snap_compare: Any, db_path: Path) -> None:
    async def run_before(pilot: Pilot) -> None:
        await past_disclaimer(pilot)
        pilot.app.screen.open_item("lesson", "m2-5ht2a-receptor")
        await settle(pilot, pilot.app)  # type: ignore[arg-type]

    assert snap_compare(app_on(bundled_course_path(), db_path), run_before=run_before)


async def follow_link(pilot: Pilot, href: str) -> None:
    """Open the "neurons" lesson and follow one of its links."""
    await past_disclaimer(pilot)
    pilot.app.screen.open_item("lesson", "neurons")
    await settle(pilot, pilot.app)  # type: ignore[arg-type]
    await click_link(pilot, pilot.app.screen, href)
    await settle(pilot, pilot.app)  # type: ignore[arg-type]


def test_glossary_dialog(snap_compare: Any, db_path: Path) -> None:
    assert snap_compare(app_on(MINI, db_path), run_before=lambda pilot: follow_link(pilot, "glossary:neuron"))


def test_reference_dialog(snap_compare: Any, db_path: Path) -> None:
    assert snap_compare(app_on(MINI, db_path), run_before=lambda pilot: follow_link(pilot, "ref:textbook"))


def test_quiz_single_choice(snap_compare: Any, db_path: Path) -> None:
    assert snap_compare(app_on(MINI, db_path), run_before=lambda pilot: open_quiz(pilot, "basics-quiz", "single"))


def test_quiz_practice_feedback(snap_compare: Any, db_path: Path) -> None:
    async def run_before(pilot: Pilot) -> None:
        await open_quiz(pilot, "basics-quiz", "single")
        await pilot.press("enter", "enter")  # pick the first option shown, check it
        await settle(pilot, pilot.app)  # type: ignore[arg-type]

    assert snap_compare(app_on(MINI, db_path), run_before=run_before)


@pytest.mark.parametrize("question_type", ["multiple", "true_false"])
def test_quiz_practice_types(snap_compare: Any, db_path: Path, question_type: str) -> None:
    assert snap_compare(app_on(MINI, db_path), run_before=lambda pilot: open_quiz(pilot, "basics-quiz", question_type))


@pytest.mark.parametrize("question_type", ["order", "match", "text", "numeric"])
def test_quiz_exam_types(snap_compare: Any, db_path: Path, question_type: str) -> None:
    async def run_before(pilot: Pilot) -> None:
        await open_quiz(pilot, "more-quiz", question_type)
        if question_type in ("text", "numeric"):
            pilot.app.screen.query_one(Input).value = "synapse" if question_type == "text" else "2"
            await pilot.pause()

    assert snap_compare(app_on(MINI, db_path), run_before=run_before)


def test_results(snap_compare: Any, db_path: Path) -> None:
    from progress_store import Store
    from quizzes.grading import grade

    course_store = Store.open(db_path)
    progress = course_store.learner("default", "mini")
    responses = {"bq1": "b", "bq2": ["a", "c"], "bq3": True, "bq4": ["a"]}
    attempt = progress.start_attempt("basics-quiz", 7, list(responses))
    from course.loading.loader import load_course

    quiz = load_course(MINI).module("basics").quiz  # type: ignore[union-attr]
    total = 0.0
    for question in quiz.questions:
        result = grade(question, responses[question.id])
        total += result.score
        progress.record_answer(attempt.id, question.id, responses[question.id], result.score, result.max_score, result.correct)
    progress.finish_attempt(attempt.id, total, 4, total / 4 >= quiz.pass_mark)
    progress.save_position("results", "basics-quiz")
    course_store.close()
    assert snap_compare(app_on(MINI, db_path), run_before=lambda pilot: pilot.pause())


def test_review_question_card(snap_compare: Any, db_path: Path) -> None:
    from datetime import datetime, timedelta, timezone

    from fsrs import Rating

    from course.engine.review import rate_card as rate
    from progress_store import Store
    from quizzes.review import ReviewScheduler

    then = datetime(2026, 3, 1, 9, 0, tzinfo=timezone.utc)
    store = Store.open(db_path)
    progress = store.learner("default", "mini")
    progress.save_position("map")
    rate(progress, ReviewScheduler(fuzz=False), "q:bq2", "question", Rating.Again, then, "quiz")
    store.close()

    async def run_before(pilot: Pilot) -> None:
        await pilot.pause()
        await pilot.press("r")
        await settle(pilot, pilot.app)  # type: ignore[arg-type]

    app = build_app(MINI, db_path)
    app.clock = lambda: then + timedelta(days=1)
    assert snap_compare(app, run_before=run_before)


def test_review_nothing_due(snap_compare: Any, db_path: Path) -> None:
    async def run_before(pilot: Pilot) -> None:
        await past_disclaimer(pilot)
        await pilot.press("r")
        await settle(pilot, pilot.app)  # type: ignore[arg-type]

    assert snap_compare(app_on(MINI, db_path), run_before=run_before)


def test_saving_dialog_while_a_write_is_stuck(snap_compare: Any, db_path: Path) -> None:
    """What quitting shows while another program holds the database: what is unsaved, why, how long."""
    from datetime import datetime, timedelta, timezone

    from tui.textual_app.dialogs.saving import SavingDialog
    from tui.textual_app.store_writer import WriterStatus

    now = datetime(2026, 3, 1, 9, 0, 12, tzinfo=timezone.utc)
    status = WriterStatus(2, "the progress database is locked by another program", now - timedelta(seconds=12))

    async def run_before(pilot: Pilot) -> None:
        await past_disclaimer(pilot)
        dialog = SavingDialog(status, now)
        dialog._tick = lambda: None  # type: ignore[method-assign]  # a still picture: no ticking clock
        await pilot.app.push_screen(dialog)
        await pilot.pause()

    assert snap_compare(app_on(MINI, db_path), run_before=run_before)

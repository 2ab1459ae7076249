"""The Textual app beside another window of the same learner: nothing acknowledged there is overwritten here."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from course.engine import Study
from course.engine.quiz_session import Opened
from course.loading.loader import load_course
from progress_store import Store
from tests.tui.helpers import FIXED_SEED, dismiss_disclaimer, settle
from tests.tui.test_quiz_rules import app_for
from tui.textual_app.app import CourseApp
from tui.textual_app.screens.quiz import QuizScreen
from tui.textual_app.screens.results import ResultsScreen


def other_window(course_path: Path, db_path: Path) -> tuple[Store, Study]:
    store = Store.open(db_path)
    return store, Study(load_course(course_path), store.learner("default", "mini"), new_seed=lambda: FIXED_SEED)


async def open_quiz_in_the_app(pilot: Pilot, app: CourseApp) -> QuizScreen:
    await dismiss_disclaimer(pilot, app)
    app.screen.open_item("quiz", "basics-quiz")  # type: ignore[attr-defined]
    await settle(pilot, app)
    assert isinstance(app.screen, QuizScreen)
    return app.screen


async def answer_b(pilot: Pilot, app: CourseApp, quiz: QuizScreen) -> None:
    shown = [ident for ident, _ in quiz.query_one("#answer").options]  # type: ignore[attr-defined]
    await pilot.press(*["down"] * shown.index("b"), "enter", "enter")
    await settle(pilot, app)


async def test_an_answer_given_in_another_window_first_is_kept_and_shown(tmp_path: Path, mini_course_path: Path) -> None:
    db_path = tmp_path / "p.db"
    app = app_for(mini_course_path, db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        quiz = await open_quiz_in_the_app(pilot, app)
        assert quiz.question.id == "bq1"
        store, study = other_window(mini_course_path, db_path)
        opened = study.quizzes.open("basics-quiz")
        assert isinstance(opened, Opened)
        study.quizzes.answer(opened.attempt, "bq1", "a")  # acknowledged in the other window
        store.close()
        await answer_b(pilot, app, quiz)
        assert app.progress.answers(quiz.attempt.attempt_id)["bq1"].response == "a"  # type: ignore[union-attr]
        assert any("changed in another window" in str(n.message) for n in app._notifications)
        assert quiz.responses["bq1"] == "a"


async def test_a_quiz_submitted_in_another_window_shows_its_results(tmp_path: Path, mini_course_path: Path) -> None:
    db_path = tmp_path / "p.db"
    app = app_for(mini_course_path, db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        quiz = await open_quiz_in_the_app(pilot, app)
        store, study = other_window(mini_course_path, db_path)
        opened = study.quizzes.open("basics-quiz")
        assert isinstance(opened, Opened)
        study.quizzes.submit(opened.attempt, force=True)
        store.close()
        await answer_b(pilot, app, quiz)
        assert isinstance(app.screen, ResultsScreen)
        assert [a.finished for a in app.progress.attempts("basics-quiz")] == [True]

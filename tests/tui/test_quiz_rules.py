"""Quiz rules in the app: mouse answers for every type, time limits, attempt limits, retrying misses."""

from __future__ import annotations

import shutil
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from textual.widgets import Input, OptionList, Select, SelectionList

from course.loading.loader import load_course
from progress_store import Store
from tests.tui.helpers import FIXED_SEED, dismiss_disclaimer, settle
from tui.textual_app.app import make_app
from tui.textual_app.screens.quiz import QuizScreen
from tui.textual_app.screens.results import ResultsScreen


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = datetime(2026, 3, 1, 9, 0, tzinfo=timezone.utc)

    def __call__(self) -> datetime:
        return self.now


def course_copy(tmp_path: Path, mini_course_path: Path, edit: tuple[str, str] | None = None) -> Path:
    root = tmp_path / "course"
    shutil.copytree(mini_course_path, root)
    if edit:
        quiz = root / "modules" / "02-more" / "quiz.toml"
        quiz.write_text(quiz.read_text().replace(*edit))
    return root


def app_for(course_root: Path, db_path: Path, clock: Clock | None = None):
    store = Store.open(db_path, clock=clock) if clock else Store.open(db_path)
    return make_app(load_course(course_root), store, new_seed=lambda: FIXED_SEED, clock=clock, fuzz_reviews=False)


async def open_quiz(pilot, app, quiz_id: str) -> QuizScreen:
    await dismiss_disclaimer(pilot, app)
    app.screen.open_item("quiz", quiz_id)
    await settle(pilot, app)
    assert isinstance(app.screen, QuizScreen)
    return app.screen


async def test_every_exam_type_answered_with_the_mouse(tmp_path: Path, mini_course_path: Path) -> None:
    app = app_for(mini_course_path, tmp_path / "p.db")
    async with app.run_test(size=(80, 24)) as pilot:
        quiz = await open_quiz(pilot, app, "more-quiz")
        for _ in range(4):
            question = quiz.question
            widget = quiz.query_one("#answer")
            if question.type == "order":
                options = widget.query_one(OptionList)
                for target, ident in enumerate(["d", "c", "x"]):
                    current = [i for i, _ in widget.items].index(ident)
                    await pilot.click(options, offset=(5, 1 + current))
                    for _ in range(current - target):
                        await pilot.click("#move-up")
                assert [i for i, _ in widget.items] == ["d", "c", "x"]
            elif question.type == "match":
                for left_id, _ in widget.lefts:
                    select = widget.query_one(f"#match-{left_id}", Select)
                    await pilot.click(select)
                    await pilot.pause()
                    rights = [rid for rid, _ in widget.rights]
                    overlay = select.query_one("SelectOverlay")
                    await pilot.click(overlay, offset=(3, 1 + 1 + rights.index(left_id)))
                    await pilot.pause()
                assert widget.response() == {"p1": "p1", "p2": "p2"}
            else:
                await pilot.click(widget.query_one(Input))
                await pilot.press(*("synapse" if question.type == "text" else "2"))
            await pilot.click("#check")
            await settle(pilot, app)
        assert len(quiz.answers) == 4 and all(r.correct for r in quiz.answers.values())
        await pilot.click("#next")
        await settle(pilot, app)
        assert isinstance(app.screen, ResultsScreen)


async def test_multiple_select_with_the_mouse(tmp_path: Path, mini_course_path: Path) -> None:
    app = app_for(mini_course_path, tmp_path / "p.db")
    async with app.run_test(size=(80, 24)) as pilot:
        quiz = await open_quiz(pilot, app, "basics-quiz")
        quiz.index = quiz.question_ids.index("bq2")
        quiz.show_question()
        await settle(pilot, app)
        widget = quiz.query_one("#answer")
        selection = widget.query_one(SelectionList)
        for n, (ident, _) in enumerate(widget.options):
            if ident in ("a", "b"):
                await pilot.click(selection, offset=(4, 1 + n))
        assert sorted(widget.response()) == ["a", "b"]
        await pilot.click("#check")
        await settle(pilot, app)
        assert quiz.answers["bq2"].correct


async def test_time_limit_submits_the_attempt_when_time_is_up(tmp_path: Path, mini_course_path: Path) -> None:
    root = course_copy(tmp_path, mini_course_path, ("max_attempts = 2", "max_attempts = 2\ntime_limit_minutes = 5"))
    clock = Clock()
    app = app_for(root, tmp_path / "p.db", clock)
    async with app.run_test(size=(80, 24)) as pilot:
        quiz = await open_quiz(pilot, app, "more-quiz")
        assert "5:00 left" in str(quiz.query_one("#quiz-title").content)
        await pilot.press("ctrl+s")  # answer the ordering question as shown
        await settle(pilot, app)
        clock.now += timedelta(minutes=2, seconds=30)
        quiz._tick()
        assert "2:30 left" in str(quiz.query_one("#quiz-title").content)
        clock.now += timedelta(minutes=3)
        quiz._tick()
        await settle(pilot, app)
        assert isinstance(app.screen, ResultsScreen)
    (attempt,) = app.progress.attempts("more-quiz")
    assert attempt.finished and attempt.max_score == 4 and attempt.score <= 1


async def test_time_keeps_running_while_the_app_is_closed(tmp_path: Path, mini_course_path: Path) -> None:
    root = course_copy(tmp_path, mini_course_path, ("max_attempts = 2", "max_attempts = 2\ntime_limit_minutes = 5"))
    clock = Clock()
    app = app_for(root, tmp_path / "p.db", clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_quiz(pilot, app, "more-quiz")
        await pilot.press("ctrl+q")
    clock.now += timedelta(minutes=4)
    app = app_for(root, tmp_path / "p.db", clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        assert "1:00 left" in str(app.screen.query_one("#quiz-title").content)


async def test_attempt_limit_shows_the_last_results_instead_of_a_new_attempt(tmp_path: Path, mini_course_path: Path) -> None:
    root = course_copy(tmp_path, mini_course_path, ("max_attempts = 2", "max_attempts = 1"))
    app = app_for(root, tmp_path / "p.db")
    async with app.run_test(size=(80, 24)) as pilot:
        quiz = await open_quiz(pilot, app, "more-quiz")
        quiz.finish(force=True)
        await settle(pilot, app)
        assert isinstance(app.screen, ResultsScreen)
        await pilot.press("r")  # a new attempt is refused
        await settle(pilot, app)
        assert isinstance(app.screen, ResultsScreen)
        await pilot.press("escape")
        await settle(pilot, app)
        app.screen.open_item("quiz", "more-quiz")
        await settle(pilot, app)
        assert isinstance(app.screen, ResultsScreen)
    assert len(app.progress.attempts("more-quiz")) == 1


async def test_retry_the_ones_i_missed(tmp_path: Path, mini_course_path: Path) -> None:
    app = app_for(mini_course_path, tmp_path / "p.db")
    async with app.run_test(size=(80, 24)) as pilot:
        quiz = await open_quiz(pilot, app, "basics-quiz")
        # Answer bq1 right and leave the rest unanswered, then submit by force: three are missed.
        order = [ident for ident, _ in quiz.query_one("#answer").options]
        await pilot.press(*["down"] * order.index("b"), "enter", "enter")
        await settle(pilot, app)
        quiz.finish(force=True)
        await settle(pilot, app)
        results = app.screen
        assert isinstance(results, ResultsScreen) and sorted(results.missed) == ["bq2", "bq3", "bq4"]
        await pilot.click("#retry-missed")
        await settle(pilot, app)
        retry = app.screen
        assert isinstance(retry, QuizScreen) and retry.question_ids == ["bq2", "bq3", "bq4"]
        assert "retry of missed questions" in str(retry.query_one("#quiz-title").content)
        retry.finish(force=True)
        await settle(pilot, app)
    attempts = app.progress.attempts("basics-quiz")
    assert [a.kind for a in attempts] == ["full", "retry"]
    assert app.progress.best_scores() == {"basics-quiz": pytest.approx(0.25)}, "retries do not change the quiz score"

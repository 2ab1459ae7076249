"""Keys that work the same everywhere at 80x24: q and Ctrl+Q quit, Esc never accepts the disclaimer."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input, Tree

from tests.tui.helpers import build_app, dismiss_disclaimer, settle
from tui.textual_app.app import CourseApp
from tui.textual_app.dialogs.disclaimer import DisclaimerDialog
from tui.textual_app.screens.course_map import CourseMapScreen


def record_quits(app: CourseApp) -> list[bool]:
    """Replace ``exit`` so a test can see that quitting was asked for and keep driving the app."""
    quits: list[bool] = []

    def exit_(*_args: Any, **_kwargs: Any) -> None:
        quits.append(True)

    app.exit = exit_  # type: ignore[method-assign]
    return quits


async def test_q_quits_from_quiz_review_results_and_search_but_types_in_a_text_field(
    mini_course_path: Path, db_path: Path
) -> None:
    app = build_app(mini_course_path, db_path)
    quits = record_quits(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await dismiss_disclaimer(pilot, app)
        progress = app.progress
        attempt = progress.start_attempt("basics-quiz", 1, ["bq1", "bq2", "bq3", "bq4"])
        progress.finish_attempt(attempt.id, 3, 4, True)

        def opened(name: str) -> None:
            assert type(app.screen).__name__ == name, app.screen

        places = [
            (lambda: app.router.open_quiz("basics-quiz"), "QuizScreen"),
            (lambda: app.router.open_results("basics-quiz", attempt.id), "ResultsScreen"),
            (app.router.open_review, "ReviewScreen"),
            (app.router.open_notes, "NotesScreen"),
        ]
        for open_place, name in places:
            open_place()
            await settle(pilot, app)
            opened(name)
            app.screen.set_focus(None)  # no text field has focus (a review card may focus its answer box)
            await pilot.press("q")
            await settle(pilot, app)
            assert quits, f"q did not quit from {name}"
            quits.clear()
            app.pop_screen()
            await settle(pilot, app)
        # The search box has focus: q is a letter there, and Ctrl+Q quits.
        await pilot.press("slash")
        await settle(pilot, app)
        opened("SearchScreen")
        assert isinstance(app.focused, Input)
        await pilot.press("q")
        await settle(pilot, app)
        assert app.focused.value == "q" and not quits
        await pilot.press("ctrl+q")
        await settle(pilot, app)
        assert quits
        quits.clear()
        # With the results list focused, q quits from search too.
        app.screen.set_focus(None)
        await pilot.press("q")
        await settle(pilot, app)
        assert quits


async def test_quitting_with_q_still_drains_pending_writes(mini_course_path: Path, db_path: Path) -> None:
    app = build_app(mini_course_path, db_path)
    seen_at_exit: list[object] = []
    app.exit = lambda *_a, **_k: seen_at_exit.append(app.progress.setting("probe"))  # type: ignore[method-assign]
    async with app.run_test(size=(80, 24)) as pilot:
        await dismiss_disclaimer(pilot, app)
        app.router.open_review()
        await settle(pilot, app)
        app.screen.set_focus(None)

        def slow_write() -> None:
            time.sleep(0.3)
            app.progress.set_setting("probe", "written")

        app.write(slow_write)
        await pilot.press("q")
        for _ in range(100):
            await pilot.pause(0.02)
            if seen_at_exit:
                break
        assert seen_at_exit == ["written"], "q quit before the pending write was committed"


async def test_escape_does_not_accept_the_disclaimer(mini_course_path: Path, db_path: Path) -> None:
    app = build_app(mini_course_path, db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, DisclaimerDialog)
        await pilot.press("escape")
        await settle(pilot, app)
        assert isinstance(app.screen, DisclaimerDialog), "Esc accepted the disclaimer"
        assert not app.study.progress.resume_target()
        assert any("I understand" in n.message for n in app._notifications)
        await pilot.press("enter")  # on "I understand"
        await settle(pilot, app)
        assert isinstance(app.screen, CourseMapScreen)


async def test_enter_on_a_module_opens_it_and_the_map_keeps_its_cursor(mini_course_path: Path, db_path: Path) -> None:
    app = build_app(mini_course_path, db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await dismiss_disclaimer(pilot, app)
        tree = app.screen.query_one(Tree)
        tree.move_cursor(tree.root.children[0])
        await pilot.press("enter")
        await settle(pilot, app)
        assert getattr(app.screen, "lesson_id", None) == "neurons", "Enter on a module row did not open it"
        await pilot.press("escape")
        await settle(pilot, app)
        tree = app.screen.query_one(Tree)
        assert tree.root.children[0].is_expanded
        assert tree.cursor_node is not None and tree.cursor_node.data == ("module", "basics")
        # Space folds a module; the cursor and the folding survive a visit to a lesson.
        await pilot.press("space")
        await pilot.press("down", "down")
        await settle(pilot, app)
        assert tree.cursor_node is not None and tree.cursor_node.data == ("lesson", "types")
        await pilot.press("enter")
        await settle(pilot, app)
        assert getattr(app.screen, "lesson_id", None) == "types"
        await pilot.press("escape")
        await settle(pilot, app)
        tree = app.screen.query_one(Tree)
        assert not tree.root.children[0].is_expanded
        assert tree.cursor_node is not None and tree.cursor_node.data == ("lesson", "types")


def screen_text(app: CourseApp) -> str:
    """What the terminal shows, as text."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def finished_bundled_attempt(db_path: Path) -> int:
    """An attempt at the bundled course's first quiz: every other question right, every answer stored."""
    from course.loading.loader import bundled_course_path, load_course
    from progress_store import Store
    from quizzes.grading import correct_response, grade

    quiz = load_course(bundled_course_path()).modules[0].quiz
    assert quiz is not None
    store = Store.open(db_path)
    progress = store.learner("default", "plasticity")
    attempt = progress.start_attempt(quiz.id, 7, [q.id for q in quiz.questions])
    total = 0.0
    for number, question in enumerate(quiz.questions):
        response = correct_response(question) if number % 2 == 0 else None
        result = grade(question, response)
        total += result.score
        progress.record_answer(attempt.id, question.id, response, result.score, result.max_score, result.correct)
    progress.finish_attempt(attempt.id, total, len(quiz.questions), False)
    progress.save_position("results", quiz.id)
    store.close()
    return attempt.id


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_results_show_every_objective_score_and_the_answers_by_keyboard(db_path: Path, size: tuple[int, int]) -> None:
    from course.loading.loader import bundled_course_path

    attempt_id = finished_bundled_attempt(db_path)
    app = build_app(bundled_course_path(), db_path)
    async with app.run_test(size=size) as pilot:
        await settle(pilot, app)
        assert type(app.screen).__name__ == "ResultsScreen"
        results = app.study.quizzes.results(attempt_id)
        assert results is not None and results.objectives
        rows = results.objectives
        await pilot.press("pagedown")  # the table may start below a short screen
        await settle(pilot, app)
        shown = screen_text(app)
        for row in rows[:2]:
            line = next((line for line in shown.splitlines() if row.text[:20] in line), None)
            if line is None:  # scrolled past: look again from the top
                await pilot.press("home")
                await settle(pilot, app)
                line = next(line for line in screen_text(app).splitlines() if row.text[:20] in line)
            score = f"{row.share:.0%}"
            assert score in line and line.index(score) < line.index(row.text[:20]), f"score not first: {line!r}"
        # Every objective's text is shown whole (it wraps rather than running off the edge).
        texts = " ".join(str(w.content) for w in app.screen.query(".objective-text"))
        for row in rows:
            assert row.text in texts
        for widget in app.screen.query(".objective-text"):
            assert widget.region.right <= size[0]
        # "Your answers" is reachable from the keyboard: `a` jumps there, End reaches the last answer.
        await pilot.press("a")
        await settle(pilot, app)
        assert "Your answers" in screen_text(app)
        await pilot.press("end")
        await settle(pilot, app)
        last = results.items[-1].question.explanation
        assert last.split()[-1].rstrip(".") in screen_text(app)

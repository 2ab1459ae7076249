"""Drive the real app (real course folder, real SQLite file) from the map to a lesson to a quiz and back."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Tree

from progress_store import Store
from tests.tui.helpers import build_app, dismiss_disclaimer, settle
from tui.textual_app.dialogs.disclaimer import DisclaimerDialog
from tui.textual_app.screens.course_map import CourseMapScreen
from tui.textual_app.screens.lesson import LessonScreen
from tui.textual_app.screens.quiz import QuizScreen
from tui.textual_app.screens.results import ResultsScreen


def progress_of(db_path: Path):
    store = Store.open(db_path)
    return store, store.learner("default", "mini")


async def test_first_start_shows_the_disclaimer_then_the_map(mini_course_path: Path, db_path: Path) -> None:
    app = build_app(mini_course_path, db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, DisclaimerDialog)
        assert "Not medical advice" in str(app.screen.query_one("#disclaimer-text").content)
        await dismiss_disclaimer(pilot, app)
        assert isinstance(app.screen, CourseMapScreen)
    store, progress = progress_of(db_path)
    assert progress.position().screen == "map"
    store.close()
    # Second start: no disclaimer, straight to the map.
    app = build_app(mini_course_path, db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, CourseMapScreen)


async def test_the_map_lists_modules_lessons_statuses_and_quizzes(mini_course_path: Path, db_path: Path) -> None:
    app = build_app(mini_course_path, db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await dismiss_disclaimer(pilot, app)
        tree = app.screen.query_one(Tree)
        modules = list(tree.root.children)
        assert [str(m.label).split("  ")[0] for m in modules] == ["Basics", "More question types"]
        assert "0/2" in str(modules[0].label)
        children = [(child.data, str(child.label)) for child in modules[0].children]
        assert children[0] == (("lesson", "neurons"), "○ Neurons  3 min")
        assert children[2][0] == ("quiz", "basics-quiz")


async def test_map_to_lesson_to_quiz_and_back_records_everything(mini_course_path: Path, db_path: Path) -> None:
    app = build_app(mini_course_path, db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await dismiss_disclaimer(pilot, app)
        await pilot.press("enter")  # the cursor starts on the first lesson
        await settle(pilot, app)
        assert isinstance(app.screen, LessonScreen) and app.screen.lesson_id == "neurons"
        await pilot.press("d", "n")
        await settle(pilot, app)
        assert app.screen.lesson_id == "synapses"
        await pilot.press("d", "n")
        await settle(pilot, app)
        assert isinstance(app.screen, QuizScreen)
        quiz = app.screen
        # Q1 single: the right choice is "A cell that signals".
        order = [ident for ident, _ in quiz.query_one("#answer").options]
        await pilot.press(*["down"] * order.index("b"), "enter")  # pick
        await pilot.press("enter")  # focus moved to Check: check it
        await settle(pilot, app)
        assert "Correct" in str(quiz.query_one("#feedback").content)
        await pilot.press("enter")  # Next
        await settle(pilot, app)
        # Q2 multiple: select a and b.
        options = [ident for ident, _ in quiz.query_one("#answer").options]
        keys = []
        for ident in options:
            if ident in ("a", "b"):
                keys.append("space")
            keys.append("down")
        await pilot.press(*keys, "tab", "enter")
        await settle(pilot, app)
        assert "Correct" in str(quiz.query_one("#feedback").content)
        await pilot.press("enter")
        await settle(pilot, app)
        # Q3 true/false: the statement is false; answer True to see the wrong-answer feedback.
        await pilot.press("enter", "enter")
        await settle(pilot, app)
        feedback = str(quiz.query_one("#feedback").content)
        assert "Not quite" in feedback and "Right answer: False" in feedback
        await pilot.press("enter")
        await settle(pilot, app)
        # Q4 multiple: pick the right one only.
        options = [ident for ident, _ in quiz.query_one("#answer").options]
        await pilot.press(*["down"] * options.index("a"), "space", "tab", "enter")
        await settle(pilot, app)
        await pilot.press("enter")  # See results
        await settle(pilot, app)
        assert isinstance(app.screen, ResultsScreen)
        assert "3 of 4 points (75%)" in str(app.screen.query_one("#results-score").content)
        await pilot.press("escape")
        await settle(pilot, app)
        assert isinstance(app.screen, CourseMapScreen)
        tree = app.screen.query_one(Tree)
        basics = tree.root.children[0]
        assert "2/2" in str(basics.label)
        assert "best 75% passed" in str(basics.children[2].label)
    store, progress = progress_of(db_path)
    assert progress.lesson_statuses() == {"neurons": "done", "synapses": "done"}
    (attempt,) = progress.attempts("basics-quiz")
    assert attempt.finished and attempt.score == 3 and attempt.max_score == 4 and attempt.passed
    answers = progress.answers(attempt.id)
    assert answers["bq1"].response == "b" and answers["bq1"].correct
    assert sorted(answers["bq2"].response) == ["a", "b"]
    assert answers["bq3"].response is True and not answers["bq3"].correct
    verbs = [e["verb"] for e in progress.events()]
    assert verbs.count("answered") == 4 and verbs.count("completed") == 3 and "attempted" in verbs
    assert progress.position().screen == "map"
    store.close()

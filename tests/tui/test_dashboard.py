"""The course map as a dashboard: module status, study time, scores and minutes charts."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from textual.widgets import Tree

from tests.tui.helpers import dismiss_disclaimer, settle
from tests.tui.test_quiz_rules import Clock, app_for
from tui.textual_app.widgets.chart import BarChart


async def test_module_status_time_and_charts(tmp_path: Path, mini_course_path: Path) -> None:
    clock = Clock()
    app = app_for(mini_course_path, tmp_path / "p.db", clock)
    progress = app.progress
    # Two earlier days of study and one finished attempt, recorded straight into the store.
    progress.add_study_time("lesson", "neurons", 600, clock.now - timedelta(days=2))
    progress.add_study_time("lesson", "synapses", 300, clock.now - timedelta(days=1))
    attempt = progress.start_attempt("basics-quiz", 1, ["bq1", "bq2", "bq3", "bq4"])
    progress.finish_attempt(attempt.id, 3, 4, True)
    progress.complete_lesson("neurons")
    progress.complete_lesson("synapses")
    async with app.run_test(size=(80, 24)) as pilot:
        await dismiss_disclaimer(pilot, app)
        tree = app.screen.query_one(Tree)
        basics, more = tree.root.children
        assert "2/2 passed · 15 min" in str(basics.label)
        assert "0/1 not started" in str(more.label)
        assert app.screen.query_one("#scores-chart", BarChart).data == [75.0]
        minutes = app.screen.query_one("#minutes-chart", BarChart).data
        assert len(minutes) == 14 and minutes[-3:] == [10.0, 5.0, 0.0]
        assert "15 min studied" in str(app.screen.query_one("#course-summary").content)
        # Reading a lesson (a key press a minute on the app's clock) and leaving it adds its engaged time.
        app.screen.open_item("lesson", "types")
        await settle(pilot, app)
        for _ in range(3):
            clock.now += timedelta(minutes=1)
            await pilot.press("down")
        await pilot.press("escape")
        await settle(pilot, app)
        assert progress.seconds_by_object("lesson").get("types", 0) == 180
        assert "0/1 in progress" in str(app.screen.query_one(Tree).root.children[1].label)


async def test_a_score_that_passes_on_results_passes_on_the_map_and_for_continue(tmp_path: Path, mini_course_path: Path) -> None:
    """Regression: with pass mark 0.8, 5.6 of 7 points was "Passed" on results (1e-9 tolerance) but
    "not yet passed" on the map (a bare >=), and Continue kept sending the learner back to the quiz."""
    import shutil

    course_path = tmp_path / "course"
    shutil.copytree(mini_course_path, course_path)
    quiz_toml = course_path / "modules" / "01-basics" / "quiz.toml"
    quiz_toml.write_text(quiz_toml.read_text(encoding="utf-8").replace("pass_mark = 0.5", "pass_mark = 0.8"), encoding="utf-8")
    clock = Clock()
    app = app_for(course_path, tmp_path / "p.db", clock)
    progress = app.progress
    attempt = progress.start_attempt("basics-quiz", 1, ["bq1", "bq2", "bq3", "bq4"])
    progress.finish_attempt(attempt.id, 5.6, 7.0, True)
    progress.complete_lesson("neurons")
    progress.complete_lesson("synapses")
    async with app.run_test(size=(100, 30)) as pilot:
        await dismiss_disclaimer(pilot, app)
        basics = app.screen.query_one(Tree).root.children[0]
        assert "2/2 passed" in str(basics.label)
        assert "best 80% passed" in str(basics.children[-1].label)
        await pilot.press("c")
        await settle(pilot, app)
        assert getattr(app.screen, "lesson_id", None) == "types"

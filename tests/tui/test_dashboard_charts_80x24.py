"""Both dashboard charts say what they show at 80x24: a label, a stated scale, the figures in words."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from tests.tui.helpers import dismiss_disclaimer
from tests.tui.test_app_keys_80x24 import screen_text
from tests.tui.test_quiz_rules import Clock, app_for


def chart_line(text: str, label: str) -> str:
    return next(line for line in text.splitlines() if line.strip().startswith(label))


async def test_one_attempt_is_one_bar_on_a_labelled_scale(tmp_path: Path, mini_course_path: Path) -> None:
    clock = Clock()
    app = app_for(mini_course_path, tmp_path / "p.db", clock)
    progress = app.progress
    progress.add_study_time("lesson", "neurons", 600, clock.now - timedelta(days=2))
    attempt = progress.start_attempt("basics-quiz", 1, ["bq1", "bq2", "bq3", "bq4"])
    progress.finish_attempt(attempt.id, 3, 4, True)
    async with app.run_test(size=(80, 24)) as pilot:
        await dismiss_disclaimer(pilot, app)
        text = screen_text(app)
        scores = chart_line(text, "Quiz scores")
        assert "0–100% · 1 attempt, last 75%" in scores, scores
        assert sum(scores.count(block) for block in "▁▂▃▄▅▆▇█") == 1, f"one attempt is not one bar: {scores!r}"
        assert "▆" in scores  # 75% of the 0-100 scale, not the full height
        minutes = chart_line(text, "Minutes a day")
        assert "last 14 days · most 10 min, today 0" in minutes, minutes
        assert minutes.count("·") >= 13  # the zero days are drawn, so the 14 days are visible


async def test_charts_with_nothing_yet_say_so(tmp_path: Path, mini_course_path: Path) -> None:
    app = app_for(mini_course_path, tmp_path / "p.db", Clock())
    async with app.run_test(size=(80, 24)) as pilot:
        await dismiss_disclaimer(pilot, app)
        text = screen_text(app)
        assert "none yet" in chart_line(text, "Quiz scores")
        assert "none yet" in chart_line(text, "Minutes a day")

"""Spaced review in the app: quiz answers become cards, due cards come back, ratings reschedule them."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from tests.tui.helpers import click_link, dismiss_disclaimer, settle
from tests.tui.test_quiz_rules import Clock, app_for
from tui.textual_app.dialogs.info_dialog import InfoDialog
from tui.textual_app.screens.course_map import CourseMapScreen
from tui.textual_app.screens.review import ReviewScreen


async def answer_first_question(pilot, app, right: bool) -> None:
    app.screen.open_item("quiz", "basics-quiz")
    await settle(pilot, app)
    quiz = app.screen
    assert quiz.question.id == "bq1"
    order = [ident for ident, _ in quiz.query_one("#answer").options]
    target = "b" if right else "a"
    await pilot.press(*["down"] * order.index(target), "enter", "enter")
    await settle(pilot, app)
    await pilot.press("escape")
    await settle(pilot, app)


async def test_quiz_answers_become_cards_and_come_back_when_due(tmp_path: Path, mini_course_path: Path) -> None:
    clock = Clock()
    app = app_for(mini_course_path, tmp_path / "p.db", clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await dismiss_disclaimer(pilot, app)
        await answer_first_question(pilot, app, right=False)
        card = app.progress.card("q:bq1")
        assert card is not None and card.reps == 1
        (entry,) = app.progress.review_log("q:bq1")
        assert entry.rating == 1 and entry.source == "quiz"  # wrong -> Again
        assert card.due - clock.now < timedelta(hours=1), "a missed question comes back soon"
        assert app.progress.count_due(clock.now) == 0
        clock.now += timedelta(hours=1)
        app.screen.refresh_progress()
        assert "1 review due" in str(app.screen.query_one("#course-summary").content)
        await pilot.press("r")
        await settle(pilot, app)
        review = app.screen
        assert isinstance(review, ReviewScreen)
        assert "1 due now" in str(review.query_one("#review-status").content)
        order = [ident for ident, _ in review.query_one("#answer").options]
        await pilot.press(*["down"] * order.index("b"), "enter", "enter")
        await settle(pilot, app)
        assert "Correct" in str(review.query_one("#card-feedback").content)
        assert review.query_one("#rate-easy").display and not review.query_one("#rate-again").display
        await pilot.click("#rate-easy")
        await settle(pilot, app)
        assert "Nothing is due now" in str(review.query_one("#review-empty").content)
        card = app.progress.card("q:bq1")
        assert card.reps == 2 and card.due - clock.now >= timedelta(days=1), "an easy recall waits at least a day"
        assert [e.rating for e in app.progress.review_log("q:bq1")] == [1, 4]
        await pilot.press("escape")
        await settle(pilot, app)
        assert isinstance(app.screen, CourseMapScreen)
        assert "0 reviews due" in str(app.screen.query_one("#course-summary").content)


async def test_glossary_terms_can_be_added_as_flashcards(tmp_path: Path, mini_course_path: Path) -> None:
    clock = Clock()
    app = app_for(mini_course_path, tmp_path / "p.db", clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await dismiss_disclaimer(pilot, app)
        app.screen.open_item("lesson", "synapses")
        await settle(pilot, app)
        await click_link(pilot, app.screen, "glossary:synapse")
        await settle(pilot, app)
        assert isinstance(app.screen, InfoDialog)
        await pilot.click("#add-card")
        await settle(pilot, app)
        assert app.progress.card("t:synapse") is not None
        await pilot.press("escape")
        await settle(pilot, app)
        await pilot.press("r")
        await settle(pilot, app)
        review = app.screen
        assert "synapse" in str(review.query_one("#card-prompt").content)
        await pilot.press("enter")  # Show definition
        await settle(pilot, app)
        assert "junction" in str(review.query_one("#card-feedback").content)
        await pilot.click("#rate-hard")
        await settle(pilot, app)
        (entry,) = app.progress.review_log("t:synapse")
        assert entry.rating == 2 and entry.source == "review"


async def test_desired_retention_is_a_setting(tmp_path: Path, mini_course_path: Path) -> None:
    app = app_for(mini_course_path, tmp_path / "p.db", Clock())
    async with app.run_test(size=(80, 24)) as pilot:
        await dismiss_disclaimer(pilot, app)
        await pilot.press("r")
        await settle(pilot, app)
        await pilot.press("plus", "plus")
        await settle(pilot, app)
        assert app.progress.setting("desired_retention") == 0.92
        assert "desired retention 92%" in str(app.screen.query_one("#review-status").content)
        assert app.study.learner.scheduler().desired_retention == 0.92

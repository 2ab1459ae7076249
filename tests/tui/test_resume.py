"""Quitting anywhere and starting again reopens where the learner was."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from tests.tui.helpers import build_app, dismiss_disclaimer, settle
from tui.textual_app.screens.lesson import LessonScreen
from tui.textual_app.screens.quiz import QuizScreen


async def test_quitting_in_a_lesson_reopens_that_lesson(mini_course_path: Path, db_path: Path) -> None:
    app = build_app(mini_course_path, db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await dismiss_disclaimer(pilot, app)
        await pilot.press("down", "enter")
        await settle(pilot, app)
        assert app.screen.lesson_id == "synapses"
        await pilot.press("q")
        await settle(pilot, app)
    assert app.return_code == 0
    app = build_app(mini_course_path, db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        assert isinstance(app.screen, LessonScreen)
        assert app.screen.lesson_id == "synapses"
        await pilot.press("escape")
        await settle(pilot, app)
        assert str(app.screen.query_one("#course-summary").content).startswith("0 of 3 lessons done")


async def test_quitting_mid_quiz_resumes_the_same_questions_and_answers(mini_course_path: Path, db_path: Path) -> None:
    app = build_app(mini_course_path, db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await dismiss_disclaimer(pilot, app)
        app.screen.open_item("quiz", "more-quiz")
        await settle(pilot, app)
        quiz = app.screen
        first_ids = list(quiz.question_ids)
        # Q1 ordering (exam mode): save the shown order as it is; Q2 matching: leave for later.
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        assert quiz.index == 1
        await pilot.press("ctrl+q")
        await settle(pilot, app)
    app = build_app(mini_course_path, db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        assert isinstance(app.screen, QuizScreen)
        quiz = app.screen
        assert quiz.question_ids == first_ids
        assert quiz.index == 1, "resumes at the first unanswered question"
        assert set(quiz.answers) == {first_ids[0]}
        await pilot.press("pageup")
        await settle(pilot, app)
        assert quiz.index == 0
        shown = [ident for ident, _ in quiz.query_one("#answer").items]
        assert shown == quiz.answers[first_ids[0]].response


async def test_exam_answers_for_every_remaining_type_by_keyboard(mini_course_path: Path, db_path: Path) -> None:
    app = build_app(mini_course_path, db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await dismiss_disclaimer(pilot, app)
        app.screen.open_item("quiz", "more-quiz")
        await settle(pilot, app)
        quiz = app.screen
        by_id = {}
        for _ in range(4):
            question = quiz.question
            by_id[question.id] = question.type
            widget = quiz.query_one("#answer")
            if question.type == "order":
                # Bubble the items into the authored order with shift+up/down.
                key = ["d", "c", "x"]
                for target, ident in enumerate(key):
                    current = [i for i, _ in widget.items].index(ident)
                    option_list = widget.query_one("OptionList")
                    option_list.highlighted = current
                    for _ in range(current - target):
                        await pilot.press("shift+up")
                assert [i for i, _ in widget.items] == key
                await pilot.press("ctrl+s")
            elif question.type == "match":
                for left_id, _ in widget.lefts:
                    select = widget.query_one(f"#match-{left_id}")
                    select.focus()
                    await pilot.press("enter")
                    rights = [rid for rid, _ in widget.rights]
                    await pilot.press(*["down"] * (rights.index(left_id) + 1), "enter")
                    await pilot.pause()
                assert widget.response() == {"p1": "p1", "p2": "p2"}
                await pilot.press("ctrl+s")
            elif question.type == "text":
                await pilot.press(*"A  Synapse!", "enter")
                await pilot.press("enter")
            elif question.type == "numeric":
                await pilot.press("2", "enter")
                await pilot.press("enter")
            await settle(pilot, app)
        assert sorted(by_id.values()) == ["match", "numeric", "order", "text"]
        assert len(quiz.answers) == 4
        assert all(record.correct for record in quiz.answers.values()), quiz.answers
        await pilot.press("enter")  # Submit quiz (focus is on Next/Submit)
        await settle(pilot, app)
        assert "4 of 4 points (100%)" in str(app.screen.query_one("#results-score").content)


async def test_free_text_answers_of_any_content_are_stored_and_shown_safely(mini_course_path: Path, db_path: Path) -> None:
    app = build_app(mini_course_path, db_path)
    hostile = "[@click=app.quit]x[/] \x1b[31mred [link=https://e.x]y[/link]"
    async with app.run_test(size=(80, 24)) as pilot:
        await dismiss_disclaimer(pilot, app)
        app.screen.open_item("quiz", "more-quiz")
        await settle(pilot, app)
        quiz = app.screen
        while quiz.question.type != "text":
            quiz.index += 1
            quiz.show_question()
            await settle(pilot, app)
        text_id = quiz.question.id
        quiz.query_one(Input).value = hostile
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        assert quiz.answers[text_id].response == hostile, "stored exactly as given"
        await pilot.press("pageup")
        await settle(pilot, app)
        assert quiz.query_one(Input).value == hostile, "shown back in the input, as plain text"
        assert app.is_running


async def test_quitting_reopens_the_lesson_at_the_same_scroll_position(tmp_path: Path) -> None:
    from course.loading.loader import bundled_course_path

    db_path = tmp_path / "p.db"
    app = build_app(bundled_course_path(), db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await dismiss_disclaimer(pilot, app)
        app.screen.open_item("lesson", "m2-default-mode-network")
        await settle(pilot, app)
        await pilot.press("pagedown", "pagedown", "down")
        await settle(pilot, app)
        scrolled = app.screen.query_one("#lesson-scroll").scroll_y
        assert scrolled > 10
        await pilot.press("q")
        await settle(pilot, app)
    app = build_app(bundled_course_path(), db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        assert app.screen.lesson_id == "m2-default-mode-network"
        assert app.screen.query_one("#lesson-scroll").scroll_y == scrolled


async def test_a_lesson_opened_from_search_scrolls_to_the_match(tmp_path: Path) -> None:
    from course.loading.loader import bundled_course_path

    app = build_app(bundled_course_path(), tmp_path / "p.db")
    async with app.run_test(size=(80, 24)) as pilot:
        await dismiss_disclaimer(pilot, app)
        lesson = LessonScreen("m2-default-mode-network", find="how researchers see it")
        app.push_screen(lesson)
        await settle(pilot, app)
        assert lesson.query_one("#lesson-scroll").scroll_y > 0


async def test_continue_opens_the_lesson_last_read_not_the_first_unfinished(mini_course_path: Path, db_path: Path) -> None:
    app = build_app(mini_course_path, db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await dismiss_disclaimer(pilot, app)
        app.screen.open_item("lesson", "types")
        await settle(pilot, app)
        await pilot.press("escape")
        await settle(pilot, app)
        await pilot.press("c")
        await settle(pilot, app)
        assert isinstance(app.screen, LessonScreen) and app.screen.lesson_id == "types"
        await pilot.press("d", "escape")
        await settle(pilot, app)
        await pilot.press("c")  # that one is done now: the first unfinished lesson
        await settle(pilot, app)
        assert app.screen.lesson_id == "neurons"

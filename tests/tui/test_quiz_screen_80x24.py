"""The quiz screen at 80x24 by keyboard alone (issue #11 points 1, 2, 4, 9 and 16)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Button, Input, OptionList, Select, Static

from course.domain.models import Course
from course.loading.loader import bundled_course_path, load_course
from quizzes.describe import describe_key, response_hints, response_problem
from quizzes.questions import Matching, Numeric, Question, ShortText
from quizzes.quiz import Quiz
from tests.tui.helpers import build_app, dismiss_disclaimer, settle
from tui.plain.answers import BadAnswer, parse_response
from tui.textual_app.app import CourseApp
from tui.textual_app.screens.quiz import QuizScreen

SIZE = (80, 24)


def quizzes(course: Course) -> list[Quiz]:
    return [m.quiz for m in course.modules if m.quiz is not None]


def questions(course: Course) -> list[Question]:
    return [q for quiz in quizzes(course) for q in quiz.questions]


async def open_quiz(pilot: Pilot[Any], app: CourseApp, quiz_id: str) -> QuizScreen:
    await dismiss_disclaimer(pilot, app)
    app.screen.open_item("quiz", quiz_id)  # type: ignore[attr-defined]
    await settle(pilot, app)
    assert isinstance(app.screen, QuizScreen)
    return app.screen


async def go_to(pilot: Pilot[Any], app: CourseApp, quiz: QuizScreen, question_id: str) -> None:
    quiz.index = quiz.question_ids.index(question_id)
    quiz.show_question()
    await settle(pilot, app)


def words(text: str) -> str:
    return " ".join(text.split())


def shown_lines(widget: Widget) -> list[str]:
    return [widget.render_line(y).text for y in range(widget.size.height)]


def visible_in(area: Widget, widget: Widget) -> bool:
    """Whether ``widget``'s first line is inside the scrolled window of ``area``."""
    top = widget.virtual_region.y
    return area.scroll_y <= top < area.scroll_y + area.scrollable_content_region.height


# Point 1: every choice wraps and is readable in full.


async def test_every_choice_of_the_bundled_course_reads_in_full_at_80x24(tmp_path: Path) -> None:
    """Each option list (single, multiple, order, a match's drop-down and its left sides) shows every
    choice whole: no "…", and each choice's words all on screen. Before: the multiple-select choices
    too long for one line (m3-q07, m10-q26, m10-q39 …) ended in "…" at 80 columns."""
    course = load_course(bundled_course_path())
    app = build_app(bundled_course_path(), tmp_path / "p.db")
    checked = 0
    async with app.run_test(size=SIZE) as pilot:
        await dismiss_disclaimer(pilot, app)
        for quiz_id, long in too_long_for_one_line(course).items():
            app.screen.open_item("quiz", quiz_id)  # type: ignore[attr-defined]
            await settle(pilot, app)
            quiz = app.screen
            assert isinstance(quiz, QuizScreen)
            for question in long:
                if question.id not in quiz.question_ids:
                    continue
                await go_to(pilot, app, quiz, question.id)
                answer = quiz.query_one("#answer")
                if isinstance(question, Matching):
                    for label, (_, left) in zip(answer.query(".match-left"), answer.lefts, strict=True):  # type: ignore[attr-defined]
                        assert words(left) in words(" ".join(shown_lines(label))), (question.id, left)
                    select = answer.query(Select).first()
                    select.expanded = True
                    await pilot.pause()
                    option_list = select.query_one("SelectOverlay", OptionList)
                    shown = ["Choose…"] + [text for _, text in answer.rights]  # type: ignore[attr-defined]
                else:
                    option_list = answer.query(OptionList).first()
                    shown = [text for _, text in getattr(answer, "options", None) or answer.items]  # type: ignore[attr-defined]
                assert option_list.option_count == len(shown)
                whole = option_list.virtual_size.height <= option_list.scrollable_content_region.height
                for n, text in enumerate(map(words, shown)):
                    if not whole or n == 0:  # a list taller than its box: bring each choice into view
                        option_list.highlighted = n
                        await pilot.pause()
                    lines = shown_lines(option_list)
                    assert not any("…" in line.replace("Choose…", "") for line in lines), (question.id, lines)
                    assert text in words(" ".join(lines)), (question.id, text, lines)
                    checked += 1
            app.pop_screen()
            await settle(pilot, app)
    assert checked > 40


def too_long_for_one_line(course: Course) -> dict[str, list[Question]]:
    """Every multiple-select and ordering question with a choice too long for one line at 80 columns,
    and (as every question takes half a second to draw) the first few such single-choice and
    matching questions: the same widgets show the rest."""
    quota = {"single": 6, "match": 6, "multiple": 1000, "order": 1000}
    found: dict[str, list[Question]] = {}
    for quiz in quizzes(course):
        for question in quiz.questions:
            texts = [c.text for c in getattr(question, "choices", [])] + [i.text for i in getattr(question, "items", [])]
            sides = [p.right for p in getattr(question, "pairs", [])] + [p.left for p in getattr(question, "pairs", [])]
            long = max(map(len, texts), default=0) > 66 or max(map(len, sides), default=0) > 32
            if long and quota.get(question.type, 0) > 0:
                quota[question.type] -= 1
                found.setdefault(quiz.id, []).append(question)
    return found


async def test_a_wrapped_multiple_select_choice_has_one_button_and_toggles(tmp_path: Path) -> None:
    """A choice on two lines has its button on its first line only, and Space on it selects that
    choice (not the one whose index equals the line number)."""
    app = build_app(bundled_course_path(), tmp_path / "p.db")
    async with app.run_test(size=SIZE) as pilot:
        quiz = await open_quiz(pilot, app, "m10-post-test")
        await go_to(pilot, app, quiz, "m10-q26")
        answer = quiz.query_one("#answer")
        selection = answer.query(OptionList).first()
        lines = shown_lines(selection)
        assert sum(line.startswith("▐") for line in lines) == len(answer.options)  # type: ignore[attr-defined]
        selection.focus()
        selection.highlighted = 2
        await pilot.press("space")
        assert answer.response() == [answer.options[2][0]]  # type: ignore[attr-defined]


# Point 2: after Check the feedback scrolls into view; the keyboard scrolls from any focus.


async def test_feedback_scrolls_into_view_after_check_and_arrows_scroll_from_next(tmp_path: Path) -> None:
    """Before: the verdict, right answer and explanation stayed below the screen, focus on Next and
    ↓ did nothing."""
    app = build_app(bundled_course_path(), tmp_path / "p.db")
    async with app.run_test(size=SIZE) as pilot:
        quiz = await open_quiz(pilot, app, "m1-quiz")
        await go_to(pilot, app, quiz, "m1-q13")  # a case, a prompt and four two-line choices
        area = quiz.query_one("#question-area")
        await pilot.press("down", "enter")  # pick the second choice shown (focus moves to Check)
        await pilot.press("enter")  # check it
        await settle(pilot, app)
        feedback = quiz.query_one("#feedback", Static)
        assert "Why:" in str(feedback.content)
        for _ in range(40):  # the area scrolls once the feedback is laid out (after a refresh or two)
            if visible_in(area, feedback):
                break
            await pilot.pause(0.05)
        assert visible_in(area, feedback), (area.scroll_y, feedback.virtual_region)
        assert app.focused is quiz.query_one("#next", Button)
        await pilot.press("up", "up", "up")
        after_up = area.scroll_y
        await pilot.press("down")
        assert area.scroll_y == after_up + 1, "↓ scrolls the question while Next has focus"


async def test_ctrl_arrows_scroll_the_question_from_the_answer_list(tmp_path: Path) -> None:
    app = build_app(bundled_course_path(), tmp_path / "p.db")
    async with app.run_test(size=SIZE) as pilot:
        quiz = await open_quiz(pilot, app, "m1-quiz")
        await go_to(pilot, app, quiz, "m1-q13")
        area = quiz.query_one("#question-area")
        assert isinstance(app.focused, OptionList)
        assert area.scroll_y == 0 and area.max_scroll_y >= 1
        await pilot.press("ctrl+down")
        assert area.scroll_y == 1 and isinstance(app.focused, OptionList)
        await pilot.press("ctrl+up")
        assert area.scroll_y == 0


# Point 4: PgDn/PgUp go to the next/previous question from any focus.


async def test_page_keys_change_question_while_the_answer_list_has_focus(tmp_path: Path, mini_course_path: Path) -> None:
    """Before: the option list took PgDn/PgUp for itself and the question stayed."""
    app = build_app(mini_course_path, tmp_path / "p.db")
    async with app.run_test(size=SIZE) as pilot:
        quiz = await open_quiz(pilot, app, "basics-quiz")
        assert quiz.index == 0 and isinstance(app.focused, OptionList)
        await pilot.press("pagedown")
        await settle(pilot, app)
        assert quiz.index == 1
        assert app.focused is not None and "answer-control" in app.focused.classes
        await pilot.press("pagedown")
        await settle(pilot, app)
        assert quiz.index == 2
        await pilot.press("pageup")
        await settle(pilot, app)
        assert quiz.index == 1


async def test_page_keys_work_from_a_text_field_and_a_match_drop_down(tmp_path: Path, mini_course_path: Path) -> None:
    app = build_app(mini_course_path, tmp_path / "p.db")
    async with app.run_test(size=SIZE) as pilot:
        quiz = await open_quiz(pilot, app, "more-quiz")
        await go_to(pilot, app, quiz, "mq2")
        assert isinstance(app.focused, Select)
        await pilot.press("pagedown")
        await settle(pilot, app)
        assert quiz.question.id == "mq3" and isinstance(app.focused, Input)
        await pilot.press("pageup")
        await settle(pilot, app)
        assert quiz.question.id == "mq2"


# Point 9: the status line counts answers at once; the exam shows it on its first question.


async def test_status_line_counts_the_answer_just_checked(tmp_path: Path, mini_course_path: Path) -> None:
    """Before: "0 answered" stayed until the next question was drawn."""
    app = build_app(mini_course_path, tmp_path / "p.db")
    async with app.run_test(size=SIZE) as pilot:
        quiz = await open_quiz(pilot, app, "basics-quiz")
        progress = quiz.query_one("#question-progress", Static)
        assert "0 answered" in str(progress.content)
        await pilot.press("enter", "enter")  # pick the first option, check it
        await settle(pilot, app)
        assert "1 answered" in str(quiz.query_one("#question-progress", Static).content)


async def test_exam_shows_its_progress_line_on_the_first_question(tmp_path: Path) -> None:
    """The bundled post-test's first question is taller than the screen: focusing its list used to
    scroll the progress line away."""
    app = build_app(bundled_course_path(), tmp_path / "p.db")
    async with app.run_test(size=SIZE) as pilot:
        quiz = await open_quiz(pilot, app, "m10-post-test")
        await pilot.pause()
        area = quiz.query_one("#question-area")
        progress = quiz.query_one("#question-progress", Static)
        assert area.virtual_size.height > area.size.height
        assert "Question 1 of" in str(progress.content) and visible_in(area, progress)


# Point 16: hints for a right-hand item chosen twice and for a number that is not one; one canonical key.


async def test_match_hints_when_one_right_hand_item_is_chosen_for_two_rows(tmp_path: Path, mini_course_path: Path) -> None:
    app = build_app(mini_course_path, tmp_path / "p.db")
    async with app.run_test(size=SIZE) as pilot:
        quiz = await open_quiz(pilot, app, "more-quiz")
        await go_to(pilot, app, quiz, "mq2")
        answer = quiz.query_one("#answer")
        answer.query_one("#match-p1", Select).value = "p1"
        await pilot.pause()
        assert not answer.query(".answer-hint") or not answer.query_one(".answer-hint").display
        answer.query_one("#match-p2", Select).value = "p1"
        await pilot.pause()
        hint = answer.query_one(".answer-hint", Static)
        assert hint.display and "“receives” is chosen for 2 rows (Dendrite, Axon)" in str(hint.content)
        answer.query_one("#match-p2", Select).value = "p2"
        await pilot.pause()
        assert not hint.display


async def test_numeric_answer_that_is_not_a_number_gets_a_hint_not_a_mark(tmp_path: Path, mini_course_path: Path) -> None:
    """Before: "three" was saved and marked wrong."""
    app = build_app(mini_course_path, tmp_path / "p.db")
    async with app.run_test(size=SIZE) as pilot:
        quiz = await open_quiz(pilot, app, "more-quiz")
        await go_to(pilot, app, quiz, "mq4")
        await pilot.press(*"three", "enter")  # Enter in the field: not a number, so focus stays there
        await settle(pilot, app)
        answer = quiz.query_one("#answer")
        hint = answer.query_one(".answer-hint", Static)
        assert hint.display and "not a number" in str(hint.content)
        assert isinstance(app.focused, Input)
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        assert "mq4" not in quiz.answers, "nothing is saved or marked"
        answer.query_one(Input).value = ""
        await pilot.press("2", "ctrl+s")
        await settle(pilot, app)
        assert "mq4" in quiz.answers and quiz.answers["mq4"].correct


def test_plain_mode_numeric_says_type_a_number_from_the_same_rule(mini_course_path: Path) -> None:
    question = next(q for q in questions(load_course(mini_course_path)) if isinstance(q, Numeric))
    problem = response_problem(question, "three")
    assert problem is not None and "not a number" in problem
    try:
        parse_response(question, "three", [])
    except BadAnswer as error:
        assert str(error) == problem
    else:
        raise AssertionError("plain mode accepted 'three'")
    assert parse_response(question, "2,5", []) == "2,5" and response_problem(question, "2,5") is None


def test_right_answer_for_text_is_the_first_accepted_form_only(mini_course_path: Path) -> None:
    """Before: "synapse / a synapse" (every accepted variant, misspellings included in the bundled course)."""
    question = next(q for q in questions(load_course(mini_course_path)) if isinstance(q, ShortText))
    assert question.accept == ["synapse", "a synapse"]
    assert describe_key(question) == "synapse"
    for bundled in questions(load_course(bundled_course_path())):
        if isinstance(bundled, ShortText):
            assert describe_key(bundled) == bundled.accept[0]


def test_match_hint_rule_lives_in_the_question_type(mini_course_path: Path) -> None:
    question = next(q for q in questions(load_course(mini_course_path)) if isinstance(q, Matching))
    assert response_hints(question, {"p1": "p1", "p2": "p2"}) == ()
    assert response_hints(question, {"p1": "p2", "p2": "p2"}) == (
        "“sends” is chosen for 2 rows (Dendrite, Axon); each right-hand item fits one row.",
    )


async def test_a_wrapped_choice_continues_under_its_text_not_under_its_marker(tmp_path: Path) -> None:
    app = build_app(bundled_course_path(), tmp_path / "p.db")
    async with app.run_test(size=SIZE) as pilot:
        quiz = await open_quiz(pilot, app, "m1-quiz")
        await go_to(pilot, app, quiz, "m1-q13")
        lines = shown_lines(quiz.query_one("#answer").query(OptionList).first())
        assert sum(line.startswith(("○", "◉")) for line in lines) == 4
        assert all(line.startswith(("○", "◉", "  ")) for line in lines), lines

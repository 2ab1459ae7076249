"""Question types are registered by ``type``: one domain object, one plain adapter, one Textual adapter.

A new type, defined entirely in this file, works everywhere once those three are registered: grading,
descriptions, option order, plain mode's lines and parsing, and the Textual answer widget.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from typing import Literal

import pytest
from textual.app import App, ComposeResult

import tui.plain.answers as plain_answers
import tui.textual_app.widgets.answers as textual_answers
from quizzes import types
from quizzes.attempt_plan import option_order
from quizzes.describe import describe_key, describe_response
from quizzes.grading import Grade, correct_response, grade
from quizzes.questions import QUESTION_TYPES, QuestionBase
from quizzes.types import QuestionType
from tui.plain.answers import (
    BadAnswer,
    PlainAdapter,
    answer_help,
    describe,
    feedback_lines,
    parse_response,
    question_lines,
)
from tui.textual_app.widgets.answers import (
    AnswerWidget,
    ChoiceAnswer,
    WidgetAdapter,
    answer_widget,
)

LABELS = {"yes": "Yes", "no": "No", "unsure": "Not sure"}


class YesNoUnsure(QuestionBase):
    """A claim the learner accepts, rejects or admits not knowing; "unsure" earns a little credit."""

    type: Literal["yes_no_unsure"]
    answer: Literal["yes", "no"]
    unsure_credit: float = 0.25


class YesNoUnsureType(QuestionType[YesNoUnsure, str]):
    name = "yes_no_unsure"
    model = YesNoUnsure

    def parse(self, question: YesNoUnsure, value: object) -> str | None:
        return value if isinstance(value, str) and value in LABELS else None

    def fraction(self, question: YesNoUnsure, response: str) -> float:
        if response == question.answer:
            return 1.0
        return question.unsure_credit if response == "unsure" else 0.0

    def feedback(self, question: YesNoUnsure, response: str) -> tuple[str, ...]:
        return ("Saying so is better than guessing.",) if response == "unsure" else ()

    def correct_response(self, question: YesNoUnsure) -> str:
        return question.answer

    def describe_response(self, question: YesNoUnsure, response: str) -> str:
        return LABELS[response]

    def option_order(self, question: YesNoUnsure, rng: random.Random, shuffle: bool) -> list[str]:
        return ["yes", "no", "unsure"]  # never shuffled: "unsure" always comes last


class YesNoUnsurePlain(PlainAdapter[YesNoUnsure]):
    name = "yes_no_unsure"

    def option_lines(self, question: YesNoUnsure, order: list[str]) -> list[str]:
        return [f"{n}. {LABELS[ident]}" for n, ident in enumerate(order, start=1)] + ["Type 1, 2 or 3."]

    def answer_help(self, question: YesNoUnsure) -> list[tuple[str, str]]:
        return [("1 2 3", "yes, no or not sure")]

    def parse(self, question: YesNoUnsure, text: str, order: list[str]) -> str:
        if text in ("1", "2", "3"):
            return order[int(text) - 1]
        raise BadAnswer("Type 1, 2 or 3.")


class YesNoUnsureWidgets(WidgetAdapter[YesNoUnsure]):
    name = "yes_no_unsure"

    def widget(self, question: YesNoUnsure, order: list[str]) -> AnswerWidget:
        return ChoiceAnswer([(ident, LABELS[ident]) for ident in order])


@pytest.fixture
def yes_no_unsure() -> Iterator[YesNoUnsure]:
    """The new type registered in the domain and both front ends (and forgotten afterwards)."""
    types.register(YesNoUnsureType())
    plain_answers.register(YesNoUnsurePlain())
    textual_answers.register(YesNoUnsureWidgets())
    try:
        yield YesNoUnsure(
            id="claim", type="yes_no_unsure", prompt="Do neurons divide?", explanation="Most do not.", objective="o1", answer="no"
        )
    finally:
        types.unregister("yes_no_unsure")
        plain_answers.unregister("yes_no_unsure")
        textual_answers.unregister("yes_no_unsure")


def test_every_question_type_has_a_domain_type_and_an_adapter_per_front_end() -> None:
    assert set(QUESTION_TYPES) <= set(types.registered())
    assert set(QUESTION_TYPES) <= set(plain_answers.registered())
    assert set(QUESTION_TYPES) <= set(textual_answers.registered())
    for name in QUESTION_TYPES:
        assert types.registry._TYPES[name].name == name


def test_a_type_is_registered_once() -> None:
    with pytest.raises(ValueError, match="already registered"):
        types.register(types.registry._TYPES["single"])


def test_a_new_type_grades_describes_and_orders_its_options(yes_no_unsure: YesNoUnsure) -> None:
    q = yes_no_unsure
    assert types.question_type(q).name == "yes_no_unsure"
    assert grade(q, "no") == Grade(1.0, 1.0, True, ())
    assert grade(q, "unsure") == Grade(0.25, 1.0, False, ("Saying so is better than guessing.",))
    assert grade(q, "yes") == Grade(0.0, 1.0, False, ())
    for junk in (None, True, 1, ["no"], {"no": 1}, "No"):
        assert grade(q, junk).score == 0.0
    assert correct_response(q) == "no"
    assert describe_key(q) == "No"
    assert describe_response(q, "unsure") == "Not sure"
    assert describe_response(q, "maybe") == "—"
    assert option_order(q, seed=7, shuffle=True) == ["yes", "no", "unsure"]


def test_a_new_type_works_in_plain_mode(yes_no_unsure: YesNoUnsure) -> None:
    q = yes_no_unsure
    order = option_order(q, 1, shuffle=True)
    assert question_lines(q, order) == ["Do neurons divide?", "1. Yes", "2. No", "3. Not sure", "Type 1, 2 or 3."]
    assert answer_help(q) == [("1 2 3", "yes, no or not sure")]
    assert parse_response(q, " 3 ", order) == "unsure"
    with pytest.raises(BadAnswer, match="Type 1, 2 or 3"):
        parse_response(q, "4", order)
    with pytest.raises(BadAnswer, match="Type an answer first"):
        parse_response(q, "  ", order)
    assert describe(q, "unsure") == "Not sure"
    result = grade(q, "yes")
    assert feedback_lines(q, "yes", result.score, result.max_score, result.correct) == [
        "Not quite.",
        "Your answer: Yes",
        "Right answer: No",
        "Why: Most do not.",
    ]


async def test_a_new_type_works_in_the_textual_app(yes_no_unsure: YesNoUnsure) -> None:
    q = yes_no_unsure
    ready: list[AnswerWidget.Ready] = []

    class OneQuestion(App[None]):
        def compose(self) -> ComposeResult:
            yield answer_widget(q, option_order(q, 3, True))

        def on_answer_widget_ready(self, message: AnswerWidget.Ready) -> None:
            ready.append(message)

    app = OneQuestion()
    async with app.run_test() as pilot:
        widget = app.query_one(AnswerWidget)
        assert isinstance(widget, ChoiceAnswer)
        assert widget.response() is None
        widget.focus_input()
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert widget.response() == "unsure"
        assert len(ready) == 1
        assert grade(q, widget.response()).score == 0.25
        widget.show("no")
        assert widget.response() == "no"
        widget.freeze()
        assert widget.disabled


def test_an_unregistered_type_is_refused_everywhere(yes_no_unsure: YesNoUnsure) -> None:
    types.unregister("yes_no_unsure")
    plain_answers.unregister("yes_no_unsure")
    textual_answers.unregister("yes_no_unsure")
    with pytest.raises(TypeError, match="unknown question type"):
        grade(yes_no_unsure, "no")
    with pytest.raises(TypeError, match="no plain-mode adapter"):
        question_lines(yes_no_unsure, [])
    with pytest.raises(TypeError, match="no answer widget"):
        textual_answers.adapter_for(yes_no_unsure)

"""One answer widget per question type. Each gives the learner's ``response`` in the form
:func:`quizzes.grading.grade` expects, can show a saved response, and can be locked once graded.

Each type has one module here with its widget and its :class:`WidgetAdapter` (registered by ``type``);
:func:`answer_widget` dispatches to them.
"""

from __future__ import annotations

from quizzes.questions import QuestionBase
from tui.textual_app.widgets.answers.base import (
    AnswerWidget,
    WidgetAdapter,
    adapter_for,
    register,
    registered,
    unregister,
)
from tui.textual_app.widgets.answers.match import MatchAnswer
from tui.textual_app.widgets.answers.multiple import MultipleAnswer
from tui.textual_app.widgets.answers.order import OrderAnswer
from tui.textual_app.widgets.answers.single import ChoiceAnswer
from tui.textual_app.widgets.answers.text import TextAnswer
from tui.textual_app.widgets.answers.true_false import TrueFalseAnswer

# The built-in adapters register themselves on import (those above, and these).
from tui.textual_app.widgets.answers import numeric as _numeric  # noqa: F401  # isort: skip

__all__ = [
    "AnswerWidget",
    "ChoiceAnswer",
    "MatchAnswer",
    "MultipleAnswer",
    "OrderAnswer",
    "TextAnswer",
    "TrueFalseAnswer",
    "WidgetAdapter",
    "adapter_for",
    "answer_widget",
    "register",
    "registered",
    "unregister",
]


def answer_widget(question: QuestionBase, order: list[str]) -> AnswerWidget:
    """The answer widget for ``question``, its options in ``order`` (the engine decides the order:
    ``AttemptState.option_order`` in a quiz, ``DueCard.option_order`` in a review)."""
    widget = adapter_for(question).widget(question, order)
    widget.question = question
    return widget

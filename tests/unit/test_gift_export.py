"""Quiz questions written as GIFT: escapes, each type's syntax, Moodle weights, what GIFT cannot hold."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import TypeAdapter

from course.authoring.gift.convert import PLACEHOLDER
from course.authoring.gift.export import Exported, escape, export_quizzes, question_gift, weight
from quizzes.questions import Question

QUESTION: TypeAdapter[Question] = TypeAdapter(Question)
BASE = {"id": "q1", "objective": "m1-o1", "prompt": "Prompt?", "explanation": "Because."}


def make(**fields: Any) -> Question:
    return QUESTION.validate_python({**BASE, **fields})


def gift(**fields: Any) -> tuple[str | None, Exported]:
    result = Exported()
    return question_gift(make(**fields), result), result


def test_escape_every_special_character() -> None:
    assert escape("a~b=c#d{e}f:g\\h\ni") == "a\\~b\\=c\\#d\\{e\\}f\\:g\\\\h\\ni"


def test_single_choice() -> None:
    text, _ = gift(type="single", answer="b", choices=[{"id": "a", "text": "A", "feedback": "Not A."}, {"id": "b", "text": "B"}])
    assert text == "// [tag:m1-o1]\n::q1::[markdown]Prompt? {\n\t~A#Not A.\n\t=B\n\t####Because.\n}\n"


@pytest.mark.parametrize(
    ("keys", "right", "wrong"), [(1, "100", "-100"), (2, "50", "-50"), (3, "33.33333", "-33.33333"), (7, "14.28571", "-14.28571")]
)
def test_multiple_select_weights_score_as_this_project_does(keys: int, right: str, wrong: str) -> None:
    ids = [chr(ord("a") + i) for i in range(keys + 1)]
    text, _ = gift(type="multiple", answers=ids[:keys], choices=[{"id": i, "text": i.upper()} for i in ids])
    assert text is not None
    assert f"\t~%{right}%A\n" in text
    assert f"\t~%{wrong}%{ids[-1].upper()}\n" in text


def test_weights_have_moodles_five_decimals() -> None:
    assert [weight(100 / k) for k in (1, 3, 6, 9, 11, 12)] == ["100", "33.33333", "16.66667", "11.11111", "9.09091", "8.33333"]


@pytest.mark.parametrize(
    ("answer", "on_true", "on_false", "body"),
    [
        (True, "Yes.", "No: it is true.", "TRUE\n\t#No\\: it is true.\n\t#Yes.\n"),
        (False, "No: it is false.", "", "FALSE\n\t#No\\: it is false.\n"),
        (True, "Right.", "", "TRUE\n\t#\n\t#Right.\n"),
        (False, "", "", "FALSE"),
    ],
)
def test_true_false_writes_the_wrong_answers_feedback_first(answer: bool, on_true: str, on_false: str, body: str) -> None:
    text, _ = gift(type="true_false", answer=answer, feedback_true=on_true, feedback_false=on_false)
    assert text is not None and "{" + body in text


def test_text_match_and_numeric() -> None:
    assert "{\n\t=serotonin\n\t=5-HT\n" in (gift(type="text", accept=["serotonin", "5-HT"])[0] or "")
    assert "\t=fMRI -> blood oxygen\n" in (
        gift(
            type="match",
            pairs=[{"id": "a", "left": "fMRI", "right": "blood oxygen"}, {"id": "b", "left": "EEG", "right": "voltage"}],
        )[0]
        or ""
    )
    assert "{#\n\t=2.5:0.1\n" in (gift(type="numeric", value=2.5, tolerance=0.1)[0] or "")
    assert "{#\n\t=1..3\n" in (gift(type="numeric", min=1, max=3)[0] or "")
    assert "{#\n\t=1e-07\n" in (gift(type="numeric", value=1e-7)[0] or "")


def test_ordering_questions_are_not_exported_and_listed_by_id() -> None:
    text, result = gift(type="order", items=[{"id": "a", "text": "A"}, {"id": "b", "text": "B"}])
    assert text is None
    assert result.skipped == [("q1", "GIFT has no order questions")]


def test_what_gift_cannot_keep_is_listed() -> None:
    _, result = gift(type="numeric", value=2, unit="mg", points=2)
    _, text_result = gift(type="text", accept=["x"], pattern="x+", case_sensitive=True)
    _, choice_result = gift(type="single", answer="yes", choices=[{"id": "yes", "text": "Y"}, {"id": "no", "text": "N"}])
    assert result.changed == [("q1", "points 2 (Moodle gives it its default mark); its unit 'mg'")]
    assert text_result.changed == [("q1", "its pattern (Moodle short answers have no regular expressions); case_sensitive")]
    assert choice_result.changed == [("q1", "its choice ids (importing names them a, b, c...)")]


def test_a_case_is_a_block_quote_before_the_prompt() -> None:
    text, _ = gift(type="true_false", answer=True, case="A patient asks.\n\nTwice.")
    assert text is not None and "[markdown]> A patient asks.\\n>\\n> Twice.\\n\\nPrompt? {TRUE" in text


def test_a_missing_word_prompt_gets_its_answer_block_back_in_place() -> None:
    text, _ = gift(
        type="single",
        prompt="Grant is _____ in the tomb.",
        answer="a",
        choices=[{"id": "a", "text": "x"}, {"id": "b", "text": "y"}],
    )
    assert text is not None and "[markdown]Grant is {\n\t=x\n\t~y\n\t####Because.\n} in the tomb.\n" in text


def test_text_that_markdown_would_read_as_html_is_written_as_plain() -> None:
    text, _ = gift(type="true_false", answer=True, prompt="Is <b> a tag?")
    assert text is not None and "::q1::[plain]Is <b> a tag? {" in text


def test_texts_that_look_like_markers_or_weights_are_protected() -> None:
    text, _ = gift(
        type="single", answer="a", choices=[{"id": "a", "text": "[html] is a marker"}, {"id": "b", "text": "%50% of it"}]
    )
    assert text is not None and "\t=[markdown][html] is a marker\n\t~%0%%50% of it\n" in text


def test_the_placeholder_explanation_is_not_exported() -> None:
    text, _ = gift(type="true_false", answer=True, explanation=PLACEHOLDER)
    assert text is not None and "####" not in text


def test_export_quizzes_writes_categories_and_a_heading() -> None:
    result = export_quizzes([("demo/m1", [make(type="true_false", answer=True)])], heading="Exported.")
    assert result.text.startswith("// Exported.\n\n$CATEGORY: demo/m1\n\n// [tag:m1-o1]\n::q1::")
    assert result.written == ["q1"]

"""GIFT questions made into this project's questions, type by type, as Moodle's importer reads them;
what cannot be held is reported by name and line (warnings G201-G215), never dropped silently."""

from __future__ import annotations

from typing import Any

import pytest

from course.authoring.gift.convert import PLACEHOLDER, Conversion, convert
from course.authoring.gift.parse import parse_gift


def converted(text: str) -> Conversion:
    parsed = parse_gift(text)
    assert parsed.problems == ()
    return convert(parsed.blocks)


def data(text: str) -> dict[str, Any]:
    result = converted(text)
    assert [p for p in result.problems if p.severity == "error"] == []
    (draft,) = result.drafts
    return draft.data


def codes(text: str) -> list[tuple[str, int, str]]:
    return [(p.code, p.line, p.severity) for p in converted(text).problems]


def test_single_choice_with_feedback_and_general_feedback() -> None:
    got = data("::Q:: Which? {\n=right # yes\n~wrong # no, because\n####Why it is right.\n}")
    assert got == {
        "type": "single",
        "prompt": "Which?",
        "choices": [{"id": "a", "text": "right", "feedback": "yes"}, {"id": "b", "text": "wrong", "feedback": "no, because"}],
        "answer": "a",
        "explanation": "Why it is right.",
    }


def test_multiple_response_with_weights_the_project_scores_alike_is_exact() -> None:
    text = "Q {~%33.33333%a ~%33.33333%b ~%33.3%c ~%-33.33333%d}"
    got = data(text)
    assert (got["type"], got["answers"]) == ("multiple", ["a", "b", "c"])
    assert "G210" not in [c for c, _, _ in codes(text)]


@pytest.mark.parametrize(
    "answers",
    [
        "~%50%a ~%50%b ~c ~d",  # wrong choices cost nothing in Moodle, 1/k here
        "~%-100%a ~%50%b ~%50%c",  # Moodle's own example: -100% for a wrong one
        "~%70%a ~%30%b ~%-50%c",  # unequal keys
    ],
)
def test_multiple_response_weights_that_cannot_be_represented_are_reported(answers: str) -> None:
    result = converted(f"\n::Grant:: Who? {{{answers}}}")
    assert [d.data["type"] for d in result.drafts] == ["multiple"]
    (note,) = [p for p in result.problems if p.code == "G210"]
    assert (note.line, note.severity) == (2, "warning")
    assert "'Grant'" in note.message and "cannot be represented" in note.message


def test_a_multiple_response_question_with_no_positive_weight_is_not_imported() -> None:
    assert codes("Q {~a ~b ~%-50%c}")[0][0] == "G204"
    assert converted("Q {~a ~b ~%-50%c}").drafts == []


def test_partial_credit_on_a_single_choice_is_dropped_and_said() -> None:
    text = "Q {=right ~%50%half ~wrong}"
    assert data(text)["answer"] == "a"
    assert ("G211", 1, "warning") in codes(text)


def test_several_fully_right_choices_cannot_be_a_single_choice() -> None:
    assert codes("::Two:: Q {=a =b ~c}")[0][:1] == ("G204",)


@pytest.mark.parametrize(
    ("key", "answer", "on_true", "on_false"),
    [
        ("T", True, "right fb", "wrong fb"),
        ("TRUE", True, "right fb", "wrong fb"),
        ("F", False, "wrong fb", "right fb"),
        ("FALSE", False, "wrong fb", "right fb"),
    ],
)
def test_true_false_feedbacks_in_moodles_order(key: str, answer: bool, on_true: str, on_false: str) -> None:
    """``{T#a#b}``: ``a`` is shown for a wrong answer, ``b`` for a right one (format.php, split_truefalse_comment)."""
    got = data(f"Statement. {{{key}#wrong fb#right fb}}")
    assert (got["answer"], got["feedback_true"], got["feedback_false"]) == (answer, on_true, on_false)


def test_true_false_with_only_the_right_answers_feedback() -> None:
    assert data("S {T##right only}") == {
        "type": "true_false",
        "prompt": "S",
        "answer": True,
        "feedback_true": "right only",
        "explanation": PLACEHOLDER,
    }


def test_short_answer_accepts_every_full_credit_answer() -> None:
    assert data("Q {=serotonin =5-HT}")["accept"] == ["serotonin", "5-HT"]
    assert data("1 + 2 \\= {3}")["accept"] == ["3"]


def test_short_answer_partial_answers_and_feedback_are_dropped_and_said() -> None:
    text = "Q {=right #good =%50%close #half}"
    assert data(text)["accept"] == ["right"]
    assert {c for c, _, _ in codes(text)} >= {"G211", "G212"}


def test_matching_pairs_and_a_distractor_without_left_side() -> None:
    text = "Match {=cat -> cat food =dog -> dog food = -> bird food}"
    assert data(text)["pairs"] == [
        {"id": "a", "left": "cat", "right": "cat food"},
        {"id": "b", "left": "dog", "right": "dog food"},
    ]
    assert "G214" in [c for c, _, _ in codes(text)]


def test_matching_with_a_pair_that_is_not_a_pair_is_an_error() -> None:
    assert codes("Match {=a -> b =c -> d =e}")[0] == ("G113", 1, "error")


@pytest.mark.parametrize(
    ("block", "key"),
    [
        ("{#3:0.5}", {"value": 3.0, "tolerance": 0.5}),
        ("{#1..5}", {"min": 1.0, "max": 5.0}),
        ("{#-2.5e1}", {"value": -25.0}),
        ("{#=1822:0 #Right =%50%1822:2 #Close}", {"value": 1822.0}),
    ],
)
def test_numeric_value_tolerance_range_and_several_answers(block: str, key: dict[str, float]) -> None:
    got = data(f"Number? {block}")
    assert {k: v for k, v in got.items() if k in ("value", "tolerance", "min", "max")} == key


@pytest.mark.parametrize(("block", "code"), [("{#three}", "G111"), ("{#3:-1}", "G111"), ("{#5..1}", "G111")])
def test_numeric_answers_that_are_not_numbers_are_errors(block: str, code: str) -> None:
    assert codes(f"Number? {block}") == [(code, 1, "error")]


def test_several_different_full_credit_numbers_are_not_imported() -> None:
    assert codes("Q {#=1 =2}")[0][0] == "G204"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("::E:: Write about it. {}", "G201"),
        ("::E:: Write about it. {####What a good answer says.}", "G201"),
        ("::D:: Just some text.", "G202"),
        ("::C:: A {=a} and a {=b}.", "G203"),
        ("::C:: Embedded {1:SHORTANSWER:=x}", "G203"),
    ],
)
def test_essay_description_and_cloze_are_listed_by_name_and_line(text: str, code: str) -> None:
    result = converted("// comment\n" + text)
    assert result.drafts == []
    (problem,) = result.problems
    assert (problem.code, problem.line, problem.severity) == (code, 2, "warning")
    assert "'" + text.split("::")[1] + "'" in problem.message


def test_missing_word_puts_a_blank_where_the_answers_stood() -> None:
    assert data("Grant is {~buried =entombed ~living} in Grant's tomb.")["prompt"] == "Grant is _____ in Grant's tomb."


def test_no_general_feedback_gives_the_placeholder_and_a_warning() -> None:
    assert data("Q {T}")["explanation"] == PLACEHOLDER
    assert codes("Q {T}") == [("G213", 1, "warning")]


def test_categories_and_comments_go_with_the_next_question() -> None:
    result = converted("$CATEGORY: $course$/Top/Sub\n\n// [tag:m1-o2] note\nQ {T}")
    assert result.categories == ["$course$/Top/Sub"]
    (draft,) = result.drafts
    assert draft.comments == ["GIFT $CATEGORY: $course$/Top/Sub", "GIFT comment: [tag:m1-o2] note"]
    assert draft.tags == ["m1-o2"]


def test_a_leading_block_quote_in_markdown_is_the_case() -> None:
    # A blank line would end the question, so the one after the quote is written as GIFT's \n.
    got = data("::q::[markdown]> A patient asks.\n>\n> Second line.\\n\\nWhat do you say? {T}")
    assert (got["case"], got["prompt"]) == ("A patient asks.\n\nSecond line.", "What do you say?")


def test_weights_outside_100_percent_and_empty_answers_are_errors() -> None:
    assert codes("Q {~%150%a ~b}")[0][0] == "G115"
    assert codes("Q {= ~b}")[0][0] == "G114"


def test_titles_and_names() -> None:
    result = converted("::Grant's tomb:: Who? {T}\n\nUntitled question about the receptor {T}")
    assert [(d.name, d.title, d.slug_source) for d in result.drafts] == [
        ("Grant's tomb", True, "Grant's tomb"),
        ("Untitled question about the receptor", False, "Untitled question about the receptor"),
    ]

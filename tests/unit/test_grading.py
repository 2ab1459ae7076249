"""quizzes.grading (every rule of every question type) and quizzes.attempt_plan (seeded plans)."""

from __future__ import annotations

import math
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter, ValidationError

from quizzes.attempt_plan import option_order, plan_questions
from quizzes.grading import Grade, choice_feedback, correct_response, grade, normalise_text, parse_number
from quizzes.questions import QUESTION_TYPES, Numeric, Question
from quizzes.quiz import Quiz

QUESTION = TypeAdapter(Question)
BASE = {"prompt": "Prompt?", "explanation": "Because.", "objective": "o1"}


def make(qtype: str, qid: str = "q1", **fields: Any) -> Any:
    """A validated question of ``qtype``."""
    return QUESTION.validate_python({"id": qid, "type": qtype, **BASE, **fields})


def choices(*ids: str, feedback: dict[str, str] | None = None) -> list[dict[str, str]]:
    feedback = feedback or {}
    return [{"id": i, "text": f"Choice {i}", "feedback": feedback.get(i, "")} for i in ids]


SINGLE = make("single", answer="b", choices=choices("a", "b", "c", feedback={"a": "Not a.", "b": "Yes, b."}))
MULTIPLE = make("multiple", answers=["a", "c"], choices=choices("a", "b", "c", "d", feedback={"b": "Not b.", "c": "C is right."}))
TRUE_FALSE = make("true_false", answer=False, feedback_true="It is false.", feedback_false="Right, false.")
ORDER = make("order", items=[{"id": i, "text": i.title()} for i in ("first", "second", "third")])
MATCH = make("match", pairs=[{"id": p, "left": f"L{p}", "right": f"R{p}"} for p in ("p1", "p2", "p3")])
TEXT = make("text", accept=["Serotonin 5-HT2A", "5-HT2A"])
TEXT_PATTERN = make("text", accept=["serotonin"], pattern=r"\d+ ?mg")
NUMERIC = make("numeric", value=2.5, tolerance=0.1, unit="mg")
NUMERIC_RANGE = make("numeric", min=1, max=3)
EVERY_TYPE = [SINGLE, MULTIPLE, TRUE_FALSE, ORDER, MATCH, TEXT, NUMERIC]


def test_the_fixtures_cover_every_question_type() -> None:
    assert sorted(q.type for q in EVERY_TYPE) == sorted(QUESTION_TYPES)


@pytest.mark.parametrize("question", EVERY_TYPE + [TEXT_PATTERN, NUMERIC_RANGE], ids=lambda q: q.type)
def test_the_correct_response_earns_full_marks(question: Any) -> None:
    result = grade(question, correct_response(question))
    assert (result.score, result.max_score, result.correct) == (1.0, 1.0, True)


# --- single ---------------------------------------------------------------------------------------


def test_single_is_all_or_nothing() -> None:
    assert grade(SINGLE, "b") == Grade(1.0, 1.0, True, ("Yes, b.",))
    assert grade(SINGLE, "a") == Grade(0.0, 1.0, False, ("Not a.",))
    assert grade(SINGLE, "c") == Grade(0.0, 1.0, False, ())
    assert grade(SINGLE, "B").correct is False
    assert grade(SINGLE, "zz").score == 0.0


def test_points_scale_the_score() -> None:
    heavy = make("single", answer="a", choices=choices("a", "b"), points=2.5)
    assert grade(heavy, "a") == Grade(2.5, 2.5, True, ())
    assert grade(heavy, "b") == Grade(0.0, 2.5, False, ())


# --- multiple -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("response", "score", "correct"),
    [
        (["a", "c"], 1.0, True),
        (["c", "a"], 1.0, True),
        (("a", "c"), 1.0, True),
        ({"a", "c"}, 1.0, True),
        (["a"], 0.5, False),  # one of k=2 right choices
        (["c"], 0.5, False),
        (["a", "c", "b"], 0.5, False),  # a wrong pick takes 1/k away
        (["a", "b"], 0.0, False),
        (["a", "b", "d"], 0.0, False),  # never below zero
        (["b", "d"], 0.0, False),
        ([], 0.0, False),
        (["a", "c", "zz"], 0.5, False),  # an unknown id is a wrong pick
        (["a", "a"], 0.5, False),  # repeats count once
    ],
)
def test_multiple_partial_credit(response: Any, score: float, correct: bool) -> None:
    result = grade(MULTIPLE, response)
    assert (result.score, result.correct) == (score, correct)


def test_multiple_partial_credit_scales_with_points_and_k() -> None:
    q = make("multiple", answers=["a", "b", "c"], choices=choices("a", "b", "c", "d"), points=3)
    assert grade(q, ["a"]).score == 1.0
    assert grade(q, ["a", "b"]).score == 2.0
    assert grade(q, ["a", "b", "d"]).score == 1.0
    assert grade(q, ["a", "b", "c", "d"]) == Grade(2.0, 3.0, False, ())
    assert grade(make("multiple", answers=["a", "b", "c"], choices=choices("a", "b", "c", "d")), ["a"]).score == 0.333333


def test_multiple_feedback_lists_the_picked_choices_in_authored_order() -> None:
    assert grade(MULTIPLE, ["c", "b"]).feedback == ("Not b.", "C is right.")
    assert grade(MULTIPLE, ["a"]).feedback == ()


# --- true_false -----------------------------------------------------------------------------------


def test_true_false_needs_the_boolean_itself() -> None:
    assert grade(TRUE_FALSE, False) == Grade(1.0, 1.0, True, ("Right, false.",))
    assert grade(TRUE_FALSE, True) == Grade(0.0, 1.0, False, ("It is false.",))
    for lookalike in (0, 0.0, "false", "False", "", None, []):
        assert grade(TRUE_FALSE, lookalike) == Grade(0.0, 1.0, False, ())
    true_q = make("true_false", answer=True)
    assert grade(true_q, True).correct is True
    assert grade(true_q, 1).correct is False
    assert grade(true_q, "true").correct is False


# --- order ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("response", "score", "correct"),
    [
        (["first", "second", "third"], 1.0, True),
        (("first", "second", "third"), 1.0, True),
        (["first", "third", "second"], 0.333333, False),
        (["second", "first", "third"], 0.333333, False),
        (["third", "second", "first"], 0.333333, False),
        (["second", "third", "first"], 0.0, False),
        (["first", "second"], 0.0, False),  # an item missing
        (["first", "second", "third", "fourth"], 0.0, False),  # an extra item
        (["first", "first", "third"], 0.0, False),  # not a permutation
        (["first", "second", "zzz"], 0.0, False),
        ("first second third", 0.0, False),
        ({"first": 0, "second": 1, "third": 2}, 0.0, False),
    ],
)
def test_order_scores_the_fraction_of_items_in_place(response: Any, score: float, correct: bool) -> None:
    result = grade(ORDER, response)
    assert (result.score, result.correct) == (score, correct)


# --- match ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("response", "score", "correct"),
    [
        ({"p1": "p1", "p2": "p2", "p3": "p3"}, 1.0, True),
        ({"p1": "p1", "p2": "p3", "p3": "p2"}, 0.333333, False),
        ({"p1": "p2", "p2": "p3", "p3": "p1"}, 0.0, False),
        ({"p1": "p1", "p2": "p2"}, 0.666667, False),  # an unmatched left side earns nothing
        ({"p1": "p1", "p2": "p1", "p3": "p1"}, 0.333333, False),
        ({}, 0.0, False),
        ([("p1", "p1"), ("p2", "p2"), ("p3", "p3")], 0.0, False),
        ("p1p1", 0.0, False),
    ],
)
def test_match_scores_the_fraction_of_pairs_matched(response: Any, score: float, correct: bool) -> None:
    result = grade(MATCH, response)
    assert (result.score, result.correct) == (score, correct)


def test_match_ignores_extra_keys() -> None:
    assert grade(MATCH, {"p1": "p1", "p2": "p2", "p3": "p3", "zz": "p1"}).correct is True


# --- text -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "normalised"),
    [
        ("Serotonin", "serotonin"),
        ("  many   spaces\tand\nlines  ", "many spaces and lines"),
        ("Hello, world!", "hello world"),
        ("(a) [b] {c}", "a b c"),
        ("ＦＵＬＬ　ｗｉｄｔｈ", "full width"),  # NFKC: full-width letters and space
        ("ﬁne", "fine"),  # NFKC: the ligature
        ("Straße", "strasse"),  # case folding, not just lowering
        ("½", "1 2"),  # NFKC turns the fraction into 1/2; the slash is punctuation
        ("", ""),
        ("?!", ""),
    ],
)
def test_normalise_text(raw: str, normalised: str) -> None:
    assert normalise_text(raw) == normalised


def test_normalise_text_case_sensitive_keeps_case() -> None:
    assert normalise_text("  Serotonin, 5-HT ", case_sensitive=True) == "Serotonin 5 HT"


@pytest.mark.parametrize(
    "response",
    [
        "Serotonin 5-HT2A",
        "serotonin 5-ht2a",
        "SEROTONIN 5-HT2A",
        "  serotonin   5-HT2A. ",
        "serotonin, 5-ht2a!",
        "5-ht2a",
        "ｓｅｒｏｔｏｎｉｎ ５-ＨＴ２Ａ",
    ],
)
def test_text_accepts_answers_equal_after_normalising(response: str) -> None:
    assert grade(TEXT, response) == Grade(1.0, 1.0, True, ())


@pytest.mark.parametrize("response", ["serotonin", "5-HT2B", "serotonin 5-HT2A receptor", "", "   ", "!!!"])
def test_text_rejects_other_answers(response: str) -> None:
    assert grade(TEXT, response) == Grade(0.0, 1.0, False, ())


def test_text_case_sensitive() -> None:
    q = make("text", accept=["DNA"], case_sensitive=True)
    assert grade(q, "DNA").correct is True
    assert grade(q, " DNA. ").correct is True
    assert grade(q, "dna").correct is False


def test_text_answer_that_normalises_to_nothing_never_matches() -> None:
    q = make("text", accept=["?!"])
    assert grade(q, "?!").correct is False
    assert grade(q, "").correct is False


@pytest.mark.parametrize(
    ("response", "correct"),
    [
        ("20 mg", True),
        ("20mg", True),
        ("  250 mg  ", True),  # trimmed before matching
        ("20 MG", True),  # case-insensitive unless case_sensitive
        ("serotonin", True),  # the accept list still works alongside a pattern
        ("about 20 mg", False),  # a full match, not a search
        ("20 mg daily", False),
        ("20  mg", False),  # the pattern sees the un-normalised answer
        ("mg", False),
    ],
)
def test_text_pattern_must_match_the_whole_answer(response: str, correct: bool) -> None:
    assert grade(TEXT_PATTERN, response).correct is correct


def test_text_pattern_case_sensitive_and_not_normalised() -> None:
    q = make("text", accept=["unused"], pattern=r"a\.B", case_sensitive=True)
    assert grade(q, "a.B").correct is True
    assert grade(q, "a.b").correct is False
    assert grade(q, "a B").correct is False


def test_text_invalid_pattern_never_raises() -> None:
    q = make("text", accept=["ok"], pattern="([a-z")
    assert grade(q, "ok").correct is True
    assert grade(q, "([a-z") == Grade(0.0, 1.0, False, ())


def test_text_question_needs_accepted_answers_and_its_key_scores_with_a_pattern_too() -> None:
    # A pattern alone is not a key the learner can be shown: at least one accepted answer is required.
    with pytest.raises(ValidationError):
        make("text", accept=[], pattern=r"\d+ ?ms")
    q = make("text", accept=["200 ms"], pattern=r"\d+ ?ms")
    assert grade(q, correct_response(q)).correct is True
    assert grade(q, "350ms").correct is True


# --- numeric --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("response", "correct"),
    [
        (2.5, True),
        (2.6, True),  # at the tolerance edge, despite float rounding
        (2.4, True),
        (2.61, False),
        (2.39, False),
        ("2.5", True),
        (" 2.5 ", True),
        ("2,5", True),  # a decimal comma
        ("2,55", True),
        ("2.7", False),
        (5 / 2, True),
        ("two and a half", False),
        ("", False),
        ("2.5.1", False),
        (True, False),
        (None, False),
        ([2.5], False),
        ({"value": 2.5}, False),
    ],
)
def test_numeric_value_with_tolerance(response: Any, correct: bool) -> None:
    result = grade(NUMERIC, response)
    assert (result.score, result.correct) == ((1.0, True) if correct else (0.0, False))


def test_numeric_zero_tolerance_is_exact() -> None:
    q = make("numeric", value=3)
    assert grade(q, 3).correct is True
    assert grade(q, "3").correct is True
    assert grade(q, 3.0000001).correct is False


@pytest.mark.parametrize(
    ("response", "correct"), [(1, True), (3, True), (2.2, True), ("1,5", True), (0.999, False), (3.001, False), (-2, False)]
)
def test_numeric_range_includes_both_ends(response: Any, correct: bool) -> None:
    assert grade(NUMERIC_RANGE, response).correct is correct


def test_numeric_with_both_value_and_range_accepts_either() -> None:
    q = make("numeric", value=10, min=1, max=3)
    assert [grade(q, r).correct for r in (10, 2, 5)] == [True, True, False]


def test_numeric_one_is_not_true() -> None:
    q = make("numeric", value=1)
    assert grade(q, 1).correct is True
    assert grade(q, True).correct is False
    assert grade(q, False).score == 0.0


@pytest.mark.parametrize(
    ("raw", "value"),
    [(3, 3.0), (2.5, 2.5), ("1,5", 1.5), (" 3 ", 3.0), ("1 000", 1000.0), ("-0,25", -0.25), ("1e3", 1000.0)],
)
def test_parse_number_reads_numbers(raw: Any, value: float) -> None:
    assert parse_number(raw) == value


@pytest.mark.parametrize("raw", [True, False, None, "", "abc", "nan", "inf", "-inf", math.nan, math.inf, [1], {"a": 1}, b"1"])
def test_parse_number_rejects_non_numbers(raw: Any) -> None:
    assert parse_number(raw) is None


@pytest.mark.parametrize("value", [math.nan, math.inf, "nan", "infinity"])
def test_numeric_never_accepts_nan_or_infinity(value: Any) -> None:
    wide = make("numeric", min=-1e308, max=1e308)
    assert grade(wide, value).correct is False


# --- malformed responses --------------------------------------------------------------------------

JUNK: list[Any] = [
    None,
    0,
    -1,
    -7.25,
    math.nan,
    "",
    "zz",
    b"a",
    [],
    [None],
    [1, 2],
    (),
    {},
    {"zz": 1},
    {"a": None},
    set(),
    object(),
]


@pytest.mark.parametrize("question", EVERY_TYPE + [TEXT_PATTERN, NUMERIC_RANGE], ids=lambda q: q.type)
@pytest.mark.parametrize("response", JUNK, ids=lambda junk: type(junk).__name__ if type(junk) is object else repr(junk))
def test_malformed_responses_score_zero_and_never_raise(question: Any, response: Any) -> None:
    result = grade(question, response)
    assert result.score == 0.0
    assert result.correct is False
    assert result.max_score == question.points


def test_unhashable_items_in_a_choice_response_never_raise() -> None:
    # grade() promises a zero score instead of an exception for any malformed response.
    for question in (SINGLE, MULTIPLE):
        for response in ([["a"]], [{"id": "a"}], [[]]):
            assert grade(question, response).score == 0.0


def test_choice_feedback_by_type() -> None:
    assert choice_feedback(SINGLE, "a") == ("Not a.",)
    assert choice_feedback(SINGLE, None) == ()
    assert choice_feedback(MULTIPLE, {"b", "c"}) == ("Not b.", "C is right.")
    assert choice_feedback(TRUE_FALSE, True) == ("It is false.",)
    assert choice_feedback(TRUE_FALSE, "true") == ()
    assert choice_feedback(make("true_false", answer=True), False) == ()
    for question in (ORDER, MATCH, TEXT, NUMERIC):
        assert choice_feedback(question, correct_response(question)) == ()


def test_correct_response_shapes() -> None:
    assert correct_response(SINGLE) == "b"
    assert correct_response(MULTIPLE) == ["a", "c"]
    assert correct_response(TRUE_FALSE) is False
    assert correct_response(ORDER) == ["first", "second", "third"]
    assert correct_response(MATCH) == {"p1": "p1", "p2": "p2", "p3": "p3"}
    assert correct_response(TEXT) == "Serotonin 5-HT2A"
    assert correct_response(NUMERIC) == 2.5
    assert correct_response(NUMERIC_RANGE) == 2.0


# --- properties -----------------------------------------------------------------------------------

ids = st.from_regex(r"[a-z][a-z0-9_-]{0,6}", fullmatch=True)
points = st.one_of(st.just(1.0), st.integers(1, 100).map(float), st.floats(0.01, 100, allow_nan=False))
words = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -.,!?'", min_size=1, max_size=20).filter(
    lambda s: normalise_text(s) != ""
)
finite = st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False)


@st.composite
def questions(draw: st.DrawFn, qtype: str | None = None) -> Any:
    qtype = qtype or draw(st.sampled_from(QUESTION_TYPES))
    fields: dict[str, Any] = {"points": draw(points)}
    if qtype in ("single", "multiple"):
        option_ids = draw(st.lists(ids, min_size=2, max_size=8, unique=True))
        fields["choices"] = [{"id": i, "text": f"text {i}"} for i in option_ids]
        if qtype == "single":
            fields["answer"] = draw(st.sampled_from(option_ids))
        else:
            fields["answers"] = draw(st.lists(st.sampled_from(option_ids), min_size=1, unique=True))
    elif qtype == "true_false":
        fields["answer"] = draw(st.booleans())
    elif qtype == "order":
        fields["items"] = [{"id": i, "text": f"item {i}"} for i in draw(st.lists(ids, min_size=2, max_size=8, unique=True))]
    elif qtype == "match":
        fields["pairs"] = [
            {"id": i, "left": f"L {i}", "right": f"R {i}"} for i in draw(st.lists(ids, min_size=2, max_size=8, unique=True))
        ]
    elif qtype == "text":
        fields["accept"] = draw(st.lists(words, min_size=1, max_size=4))
        fields["case_sensitive"] = draw(st.booleans())
        if draw(st.booleans()):
            fields["pattern"] = draw(st.sampled_from([r"\d+", r"[a-z]+ ?mg", r"yes|no", r"x{2,3}"]))
    else:
        if draw(st.booleans()):
            fields["value"] = draw(finite)
            fields["tolerance"] = draw(st.one_of(st.just(0.0), st.floats(0, 100, allow_nan=False)))
        else:
            low, high = sorted(draw(st.tuples(finite, finite)))
            fields["min"], fields["max"] = low, high
    return make(qtype, draw(ids), **fields)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(questions())
def test_property_correct_response_earns_full_marks(question: Any) -> None:
    result = grade(question, correct_response(question))
    assert result.correct is True
    assert result.score == question.points
    assert result.max_score == question.points


def _other_response(draw: st.DrawFn, question: Any) -> Any:
    """A response that differs from the key (may be well-formed or not)."""
    junk = st.one_of(st.none(), st.integers(), st.text(max_size=5), st.lists(st.text(max_size=3), max_size=3))
    qtype = question.type
    if qtype == "single":
        ids_ = [c.id for c in question.choices]
        response = draw(st.one_of(st.sampled_from(ids_), ids, junk))
        assume(response != question.answer)
    elif qtype == "multiple":
        ids_ = [c.id for c in question.choices]
        response = draw(st.one_of(st.lists(st.sampled_from(ids_ + ["zz"])), junk))
        assume(not isinstance(response, list) or set(response) != set(question.answers))
    elif qtype == "true_false":
        response = draw(st.one_of(st.just(not question.answer), st.integers(0, 1), st.sampled_from(["true", "false"]), junk))
    elif qtype == "order":
        key = [i.id for i in question.items]
        response = draw(st.one_of(st.permutations(key), st.lists(st.sampled_from(key), max_size=len(key) + 1), junk))
        assume(response != key)
    elif qtype == "match":
        key = [p.id for p in question.pairs]
        response = draw(st.one_of(st.dictionaries(st.sampled_from(key), st.sampled_from(key + ["zz"])), junk))
        assume(not isinstance(response, dict) or any(response.get(k) != k for k in key))
    elif qtype == "text":
        response = draw(st.one_of(words, st.text(max_size=10), junk))
        accepted = {normalise_text(a, question.case_sensitive) for a in question.accept}
        if isinstance(response, str):
            assume(normalise_text(response, question.case_sensitive) not in accepted)
            if question.pattern:
                import re

                flags = 0 if question.case_sensitive else re.IGNORECASE
                assume(re.fullmatch(question.pattern, response.strip(), flags) is None)
    else:
        response = draw(st.one_of(finite, finite.map(str), junk, st.booleans()))
        value = parse_number(response)
        if value is not None:
            if question.value is not None:
                assume(abs(value - question.value) > question.tolerance + 1e-9)
            if question.min is not None and question.max is not None:
                assume(not question.min - 1e-9 <= value <= question.max + 1e-9)
    return response


@settings(max_examples=500, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(st.data())
def test_property_any_other_response_is_not_correct(data: st.DataObject) -> None:
    question = data.draw(questions())
    response = _other_response(data.draw, question)
    result = grade(question, response)
    assert result.correct is False
    assert 0.0 <= result.score < question.points


@settings(max_examples=200)
@given(
    questions(),
    st.one_of(
        st.none(),
        st.integers(),
        st.floats(),
        st.text(),
        st.binary(),
        st.lists(st.integers()),
        st.dictionaries(st.text(), st.integers()),
    ),
)
def test_property_grade_never_raises_and_stays_in_bounds(question: Any, response: Any) -> None:
    result = grade(question, response)
    # Scores are rounded to 6 decimals (max_score is not), hence the rounding on the bound.
    assert 0.0 <= result.score <= question.points
    assert result.correct == (result.score == question.points)


@settings(max_examples=200)
@given(questions("multiple"), st.data())
def test_property_multiple_score_formula(question: Any, data: st.DataObject) -> None:
    option_ids = [c.id for c in question.choices]
    picked = set(data.draw(st.lists(st.sampled_from(option_ids), unique=True)))
    right = set(question.answers)
    expected = max(0.0, (len(picked & right) - len(picked - right)) / len(right))
    assert grade(question, sorted(picked)).score == pytest.approx(question.points * expected, abs=1e-6)


@settings(max_examples=200)
@given(questions("order"), st.data())
def test_property_order_score_is_the_fraction_in_place(question: Any, data: st.DataObject) -> None:
    key = [i.id for i in question.items]
    response = data.draw(st.permutations(key))
    in_place = sum(a == b for a, b in zip(response, key, strict=True))
    assert grade(question, response).score == pytest.approx(question.points * in_place / len(key), abs=1e-6)


# --- attempt plans --------------------------------------------------------------------------------


def make_quiz(n: int, draw: int = 0, shuffle_questions: bool = False, quiz_id: str = "quiz") -> Quiz:
    return Quiz.model_validate(
        {
            "id": quiz_id,
            "title": "Quiz",
            "draw": draw,
            "shuffle_questions": shuffle_questions,
            "question": [{"id": f"q{i:02d}", "type": "true_false", "answer": True, **BASE} for i in range(n)],
        }
    )


def test_plan_without_draw_or_shuffle_is_the_authored_order() -> None:
    quiz = make_quiz(5)
    for seed in range(20):
        assert plan_questions(quiz, seed) == ["q00", "q01", "q02", "q03", "q04"]


def test_plan_is_the_same_for_the_same_seed() -> None:
    for quiz in (make_quiz(10, shuffle_questions=True), make_quiz(10, draw=4), make_quiz(10, draw=4, shuffle_questions=True)):
        for seed in (0, 1, 42, 2**40):
            assert plan_questions(quiz, seed) == plan_questions(quiz, seed)


def test_shuffled_plan_is_a_permutation_that_varies_with_the_seed() -> None:
    quiz = make_quiz(8, shuffle_questions=True)
    authored = [q.id for q in quiz.questions]
    plans = {tuple(plan_questions(quiz, seed)) for seed in range(30)}
    assert all(sorted(plan) == authored for plan in plans)
    assert len(plans) > 20


def test_draw_takes_n_distinct_questions_in_authored_order() -> None:
    quiz = make_quiz(10, draw=3)
    authored = [q.id for q in quiz.questions]
    subsets = set()
    for seed in range(50):
        plan = plan_questions(quiz, seed)
        assert len(plan) == 3
        assert len(set(plan)) == 3
        assert plan == sorted(plan, key=authored.index)
        subsets.add(tuple(plan))
    assert len(subsets) > 20


def test_draw_with_shuffle_takes_n_distinct_questions_in_any_order() -> None:
    quiz = make_quiz(6, draw=4, shuffle_questions=True)
    plans = [plan_questions(quiz, seed) for seed in range(40)]
    assert all(len(p) == 4 and len(set(p)) == 4 and set(p) <= {q.id for q in quiz.questions} for p in plans)
    assert any(p != sorted(p) for p in plans)


def test_draw_of_the_whole_pool_asks_everything() -> None:
    quiz = make_quiz(4, draw=4)
    assert plan_questions(quiz, 7) == ["q00", "q01", "q02", "q03"]


def test_draw_larger_than_the_pool_asks_everything() -> None:
    quiz = make_quiz(3, draw=9)  # E207 for validate, but the plan must still be sane
    assert plan_questions(quiz, 1) == ["q00", "q01", "q02"]


@settings(max_examples=200)
@given(st.integers(1, 15), st.data(), st.booleans(), st.integers(0, 2**63))
def test_property_plans(n: int, data: st.DataObject, shuffle: bool, seed: int) -> None:
    draw_n = data.draw(st.integers(0, n))
    quiz = make_quiz(n, draw=draw_n, shuffle_questions=shuffle)
    plan = plan_questions(quiz, seed)
    assert plan == plan_questions(quiz, seed)
    assert len(plan) == (draw_n or n)
    assert len(set(plan)) == len(plan)
    assert set(plan) <= {q.id for q in quiz.questions}
    if not shuffle:
        assert plan == sorted(plan)


def test_choices_keep_their_order_unless_shuffled() -> None:
    q = make("single", answer="a", choices=choices("a", "b", "c", "d", "e"))
    for seed in range(10):
        assert option_order(q, seed, shuffle=False) == ["a", "b", "c", "d", "e"]
    shuffled = [option_order(q, seed, shuffle=True) for seed in range(30)]
    assert all(sorted(s) == ["a", "b", "c", "d", "e"] for s in shuffled)
    assert len({tuple(s) for s in shuffled}) > 10
    assert option_order(q, 5, shuffle=True) == option_order(q, 5, shuffle=True)
    assert option_order(MULTIPLE, 3, shuffle=True) == option_order(MULTIPLE, 3, shuffle=True)


def test_multiple_select_shuffles_unless_the_question_says_not() -> None:
    q = make("multiple", answers=["a", "b"], choices=choices("a", "b", "c", "d", "e"))
    orders = {tuple(option_order(q, seed, shuffle=False)) for seed in range(30)}
    assert len(orders) > 10  # shuffled although the quiz does not shuffle: authors list keys first
    fixed = q.model_copy(update={"shuffle": False})
    assert {tuple(option_order(fixed, seed, shuffle=True)) for seed in range(30)} == {("a", "b", "c", "d", "e")}


def test_a_single_choice_question_can_override_its_quiz() -> None:
    q = make("single", answer="a", choices=choices("a", "b", "c", "d", "e"))
    shuffled = q.model_copy(update={"shuffle": True})
    assert len({tuple(option_order(shuffled, seed, shuffle=False)) for seed in range(30)}) > 10
    kept = q.model_copy(update={"shuffle": False})
    assert {tuple(option_order(kept, seed, shuffle=True)) for seed in range(30)} == {("a", "b", "c", "d", "e")}


def test_questions_without_options_have_no_option_order() -> None:
    for q in (TRUE_FALSE, TEXT, NUMERIC):
        assert option_order(q, 1, shuffle=True) == []


def test_order_and_match_are_always_shuffled_away_from_the_key() -> None:
    two = make("order", items=[{"id": "x", "text": "X"}, {"id": "y", "text": "Y"}])
    for seed in range(50):
        assert option_order(two, seed, shuffle=False) == ["y", "x"]
        assert option_order(ORDER, seed, shuffle=False) != ["first", "second", "third"]
        assert option_order(MATCH, seed, shuffle=True) != ["p1", "p2", "p3"]
        assert sorted(option_order(MATCH, seed, shuffle=False)) == ["p1", "p2", "p3"]


@settings(max_examples=300)
@given(
    st.sampled_from(["order", "match"]), st.lists(ids, min_size=2, max_size=12, unique=True), st.integers(0, 2**63), st.booleans()
)
def test_property_order_and_match_shuffles_never_equal_the_key(
    qtype: str, option_ids: list[str], seed: int, shuffle: bool
) -> None:
    if qtype == "order":
        q = make("order", items=[{"id": i, "text": i} for i in option_ids])
    else:
        q = make("match", pairs=[{"id": i, "left": i, "right": i} for i in option_ids])
    shown = option_order(q, seed, shuffle)
    assert shown != option_ids
    assert sorted(shown) == sorted(option_ids)
    assert shown == option_order(q, seed, shuffle)


def test_the_key_of_a_range_of_subnormal_numbers_is_inside_the_range() -> None:
    """Found by hypothesis: halving a subnormal min == max rounded the midpoint out of the range."""
    tiny = 1.6649683244294403e-308
    question = Numeric(id="a", prompt="Prompt?", explanation="Because.", objective="o1", type="numeric", min=tiny, max=tiny)
    assert grade(question, correct_response(question)).correct

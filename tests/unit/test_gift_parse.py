"""The GIFT grammar (``course/authoring/gift/gift.lark``) and parser: blocks, titles, comments,
escapes, format markers, answer marks, locations, and syntax errors with stable codes (G101-G105)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from course.authoring.gift.convert import convert
from course.authoring.gift.parse import normalise, parse_gift, parser
from course.authoring.gift.syntax import Block

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "gift"


def one(text: str) -> Block:
    parsed = parse_gift(text)
    assert parsed.problems == ()
    assert len(parsed.blocks) == 1
    return parsed.blocks[0]


def test_blocks_are_separated_by_blank_lines_even_with_spaces_on_them() -> None:
    parsed = parse_gift("::a:: One {T}\n \t \n::b:: Two {F}\n\n\n::c:: Three {T}\n")
    assert [b.title.value for b in parsed.blocks if b.title] == ["a", "b", "c"]
    assert [b.line for b in parsed.blocks] == [1, 3, 6]


def test_title_format_marker_and_text() -> None:
    block = one("::My title::[html]<p>Text</p>{T}")
    assert block.title is not None and block.title.value == "My title"
    assert block.marker == "html"
    assert block.text == "<p>Text</p>"


def test_an_unknown_marker_is_text() -> None:
    block = one("[latex]x {T}")
    assert block.marker is None
    assert block.text.startswith("[latex]x")


@pytest.mark.parametrize(
    ("escaped", "plain"), [("\\~", "~"), ("\\=", "="), ("\\#", "#"), ("\\{", "{"), ("\\}", "}"), ("\\:", ":")]
)
def test_every_escape_is_a_literal_character(escaped: str, plain: str) -> None:
    block = one(f"::t{escaped}x:: a{escaped}b {{=c{escaped}d #e{escaped}f}}")
    answer = block.answer_blocks[0].answers[-1]
    assert block.title is not None and block.title.value == f"t{plain}x"
    assert block.text.strip() == f"a{plain}b"
    assert answer.text.strip().value == f"c{plain}d"
    assert answer.feedback[0].strip().value == f"e{plain}f"


def test_backslash_n_is_a_newline_and_a_double_backslash_one_backslash() -> None:
    block = one("Line one\\nline two \\\\n and \\q {T}")
    assert block.text.strip() == "Line one\nline two \\n and \\q"


def test_comment_lines_anywhere_are_left_out_and_kept_with_their_question() -> None:
    parsed = parse_gift(
        "// file header\n\n// about q1\n::q1:: Q? {\n// between answers\n=yes\n~no\n}\n// after\n\n// at the end\n"
    )
    block = parsed.blocks[0]
    assert block.comments == ("file header", "about q1", "between answers", "after")
    assert parsed.trailing_comments == ("at the end",)
    assert [a.text.strip().value for a in block.answer_blocks[0].answers if a.mark] == ["yes", "no"]


def test_slashes_inside_a_line_are_text() -> None:
    block = one("See https://example.org/x // not a comment {T}")
    assert "https://example.org/x // not a comment" in block.text


def test_answer_marks_weights_feedback_arrows_and_general_feedback() -> None:
    block = one("Q {=a #fa ~%50%b #fb ~%-25.5%c =l -> r -> s ####gen}")
    answers = [a for a in block.answer_blocks[0].answers if a.mark]
    assert [(a.mark, a.weight) for a in answers] == [("=", None), ("~", 50.0), ("~", -25.5), ("=", None)]
    assert answers[3].text.strip().value == "l"
    assert answers[3].right is not None and answers[3].right.strip().value == "r -> s"
    general = block.answer_blocks[0].general
    assert general is not None and general.strip().value == "gen"


def test_numeric_blocks_are_marked() -> None:
    block = one("Q {#3:0.5}")
    assert block.answer_blocks[0].numeric
    assert block.answer_blocks[0].answers[0].text.strip().value == "3:0.5"


def test_text_after_the_answer_block_is_kept_apart() -> None:
    block = one("Grant is {~buried =entombed} in the tomb.")
    assert [type(p).__name__ for p in block.parts] == ["Text", "AnswerBlock", "Text"]


def test_locations_point_into_the_file() -> None:
    parsed = parse_gift("// c\n\n::t:: Q {\n\t=right\n\t~wrong # why\n}\n")
    answers = parsed.blocks[0].answer_blocks[0].answers
    wrong = answers[-1]
    assert (parsed.blocks[0].line, parsed.blocks[0].col) == (3, 1)
    assert wrong.text.strip().locate(0) == (5, 3)
    assert wrong.feedback[0].strip().locate(0) == (5, 11)


@pytest.mark.parametrize(
    ("text", "code", "line", "col"),
    [
        ("Q {=a ~b\n", "G102", 1, 3),
        ("Q } {T}", "G103", 1, 3),
        ("Q {=a {=b}}", "G104", 1, 7),
        ("::title Q {T}", "G105", 1, 1),
        ("Q {=a} {~b =c} }", "G103", 1, 16),
        ("Q {T#a#b} ::x::", "", 0, 0),  # a later '::' is text, not an error
    ],
)
def test_syntax_errors_have_stable_codes_and_locations(text: str, code: str, line: int, col: int) -> None:
    problems = parse_gift(text).problems
    assert [(p.code, p.line, p.col) for p in problems] == ([(code, line, col)] if code else [])


def test_an_unescaped_mark_says_how_to_escape_it() -> None:
    (problem,) = parse_gift("Q {T####see a=b}").problems
    assert problem.code == "G101"
    assert "\\=" in problem.message


def test_every_broken_question_is_reported_and_the_others_are_read() -> None:
    parsed = parse_gift((FIXTURES / "malformed.gift").read_text(encoding="utf-8"))
    assert [(p.code, p.line) for p in parsed.problems] == [("G102", 3), ("G103", 5), ("G104", 7), ("G105", 9)]
    assert [b.title.value for b in parsed.blocks if b.title] == ["Not a number", "Fine"]


def test_the_grammar_reads_a_whole_file_as_the_blocks_do() -> None:
    text = normalise((FIXTURES / "every-type.gift").read_text(encoding="utf-8"))
    tree = parser().parse(text)
    assert sum(1 for child in tree.children if getattr(child, "data", "") == "block") == len(parse_gift(text).blocks) == 8


def test_normalise_drops_bom_carriage_returns_and_control_characters() -> None:
    assert normalise("\ufeffa\r\nb\rc\x1b[31md\x07") == "a\nb\nc[31md"


def test_hostile_input_gives_problems_not_exceptions() -> None:
    nasty = "{" * 5000 + "\n" + "}" * 5000 + "\n\n" + "::" * 3000 + "\n\n" + "\\" * 999 + "{#" + "~" * 2000
    parsed = parse_gift(nasty)
    assert parsed.problems
    assert all(p.code.startswith("G1") for p in parsed.problems)


PIECES = st.sampled_from(
    [*"ab T F0123.:-%~=#{}\\[]<>/\n \t>_*&;"]
    + ["TRUE", "[html]", "[markdown]", "[plain]", "->", "::", "####", "//", "<b>", "</p>", "<script>", "&amp;"]
    + ["$CATEGORY:", "\n\n", "%50%", "%-100%", "1..5", "3:0.5", "{#", "<ul><li>", "<a href='https://x'>"]
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(PIECES, max_size=60).map("".join))
def test_any_text_gives_blocks_and_problems_never_an_exception(text: str) -> None:
    parsed = parse_gift(normalise(text))
    result = convert(parsed.blocks)
    for problem in (*parsed.problems, *result.problems):
        assert problem.line >= 1 and problem.col >= 1 and problem.code[0] == "G"

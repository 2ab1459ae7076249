"""Quiz questions written as Moodle GIFT, so that importing the result gives the same questions back.

Every text is written as ``[markdown]`` (course text is Markdown; ``[plain]`` for a question whose
text holds something Markdown would read as an HTML tag) with GIFT's special characters
escaped (``\\~ \\= \\# \\{ \\} \\:``, backslash, newlines as ``\\n``). Multiple-select questions get
the weights that score as this project does (``~%50%`` for each of two keys, ``~%-50%`` for the
others). A question's case vignette is a block quote before the prompt, its objective a
``// [tag:ID]`` comment (Moodle's own tag syntax), its id the ``::title::``. Ordering questions have
no GIFT form and are listed as not exported; what GIFT cannot keep of the others (points, units,
patterns...) is listed too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from course.authoring.gift.convert import PLACEHOLDER
from course.authoring.gift.html import HtmlRejected, check_markdown
from course.authoring.gift.texts import choice_ids, quote_case
from quizzes.questions import Matching, MultipleChoice, Numeric, Question, ShortText, SingleChoice, TrueFalse

SPECIAL = "~=#{}:"
MARKER = re.compile(r"\s*\[(?:html|moodle|plain|markdown)\]")
WEIGHT_LIKE = re.compile(r"\s*%-?[0-9]+(?:\.[0-9]*)?%")
LONE_BLANK = re.compile(r"(?<!_)_____(?!_)")


@dataclass
class Exported:
    """The GIFT text, the ids written, the questions left out (id, why) and what GIFT could not keep (id, what)."""

    text: str = ""
    written: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    changed: list[tuple[str, str]] = field(default_factory=list)


def escape(text: str) -> str:
    """GIFT text for ``text``: backslash and ``~ = # { } :`` escaped, newlines as ``\\n``."""
    out = text.replace("\\", "\\\\").replace("\r", "")
    for char in SPECIAL:
        out = out.replace(char, "\\" + char)
    return out.replace("\n", "\\n")


def answer_text(text: str, fmt: str = "markdown") -> str:
    """An answer or feedback text: escaped, and marked ``[fmt]`` when it would start like a format marker."""
    return (f"[{fmt}]" if MARKER.match(text) else "") + escape(text)


def text_format(question: Question) -> str:
    """``markdown``, or ``plain`` when some text holds what Markdown would read as an HTML tag (this
    project shows such text as written; Moodle would render it, and importing Markdown refuses it)."""
    for text in _texts(question):
        try:
            check_markdown(text)
        except HtmlRejected:
            return "plain"
    return "markdown"


def _texts(question: Question) -> list[str]:
    # The case and prompt are checked as they are written, together: "<a" ending the case and ">"
    # starting the prompt make a tag only once they are joined.
    texts = [quote_case(question.case, question.prompt), question.explanation]
    if isinstance(question, (SingleChoice, MultipleChoice)):
        texts += [t for c in question.choices for t in (c.text, c.feedback)]
    if isinstance(question, TrueFalse):
        texts += [question.feedback_true, question.feedback_false]
    if isinstance(question, Matching):
        texts += [t for p in question.pairs for t in (p.left, p.right)]
    if isinstance(question, ShortText):
        texts += question.accept
    return texts


def number(value: float) -> str:
    """A number as GIFT writes it: whole numbers without ``.0``, others exactly (``repr``)."""
    return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)


def weight(percent: float) -> str:
    """A Moodle weight such as ``33.33333`` (Moodle's grade list has five decimals)."""
    return f"{percent:.5f}".rstrip("0").rstrip(".")


def export_quizzes(sections: list[tuple[str, list[Question]]], heading: str = "") -> Exported:
    """GIFT for each ``(category, questions)``: a ``$CATEGORY:`` line, then each question that GIFT can hold."""
    result = Exported()
    out = [f"// {line}\n" for line in heading.splitlines()]
    if out:
        out.append("\n")
    for category, questions in sections:
        out.append(f"$CATEGORY: {category}\n\n")
        for question in questions:
            block = question_gift(question, result)
            if block is not None:
                out.append(block + "\n")
                result.written.append(question.id)
    result.text = "".join(out)
    return result


def question_gift(question: Question, result: Exported) -> str | None:
    """One question as a GIFT block (``None``, and listed in ``result.skipped``, when GIFT has no form for it)."""
    fmt = text_format(question)
    body = _answers(question, result, fmt)
    if body is None:
        return None
    _note_losses(question, result)
    prompt = quote_case(question.case, question.prompt)
    if not question.case and question.prompt.startswith(">"):
        result.changed.append((question.id, "its prompt starts with a block quote, which importing reads as the case"))
    explanation = "" if question.explanation == PLACEHOLDER else f"\t####{answer_text(question.explanation, fmt)}\n"
    block = "{" + body + explanation + "}"
    blanks = list(LONE_BLANK.finditer(prompt))
    if len(blanks) == 1 and prompt[blanks[0].end() :].strip():
        before, after = prompt[: blanks[0].start()], prompt[blanks[0].end() :]
        text = f"{escape(before)}{block}{escape(after)}"
    else:
        text = f"{escape(prompt)} {block}"
    return f"// [tag:{question.objective}]\n::{question.id}::[{fmt}]{text}\n"


def _answers(question: Question, result: Exported, fmt: str) -> str | None:
    if isinstance(question, SingleChoice):
        lines = []
        for choice in question.choices:
            mark = "=" if choice.id == question.answer else ("~%0%" if WEIGHT_LIKE.match(choice.text) else "~")
            lines.append(_line(mark + answer_text(choice.text, fmt), answer_text(choice.feedback, fmt)))
        return "\n" + "".join(lines)
    if isinstance(question, MultipleChoice):
        share = 100 / len(question.answers)
        lines = []
        for choice in question.choices:
            mark = f"~%{weight(share if choice.id in question.answers else -share)}%"
            lines.append(_line(mark + answer_text(choice.text, fmt), answer_text(choice.feedback, fmt)))
        return "\n" + "".join(lines)
    if isinstance(question, TrueFalse):
        right, wrong = (
            (question.feedback_true, question.feedback_false)
            if question.answer
            else (question.feedback_false, question.feedback_true)
        )
        text = "TRUE" if question.answer else "FALSE"
        if wrong or right:
            text += "\n\t#" + answer_text(wrong, fmt)
        if right:
            text += "\n\t#" + answer_text(right, fmt)
        return text + "\n"
    if isinstance(question, ShortText):
        if any("->" in a for a in question.accept):
            result.skipped.append((question.id, "an accepted answer holds '->', which GIFT reads as a matching pair"))
            return None
        lines = [_line(("=%100%" if WEIGHT_LIKE.match(a) else "=") + answer_text(a, fmt), "") for a in question.accept]
        return "\n" + "".join(lines)
    if isinstance(question, Numeric):
        if question.min is not None and question.max is not None and question.value is None:
            key = f"{number(question.min)}..{number(question.max)}"
        else:
            assert question.value is not None  # the model requires a value or a range
            key = number(question.value) + (f":{number(question.tolerance)}" if question.tolerance else "")
        return f"#\n\t={key}\n"
    if isinstance(question, Matching):
        if any("->" in pair.left for pair in question.pairs):
            result.skipped.append((question.id, "a left side holds '->', which GIFT cannot escape"))
            return None
        lines = [_line("=" + answer_text(p.left, fmt) + " -> " + answer_text(p.right, fmt), "") for p in question.pairs]
        return "\n" + "".join(lines)
    result.skipped.append((question.id, f"GIFT has no {question.type} questions"))
    return None


def _line(answer: str, feedback: str) -> str:
    """One answer line; ``feedback`` is already written as GIFT."""
    return f"\t{answer}" + (f"#{feedback}" if feedback else "") + "\n"


def _note_losses(question: Question, result: Exported) -> None:
    """List what GIFT cannot keep of a question that is exported."""
    lost: list[str] = []
    if question.points != 1:
        lost.append(f"points {question.points:g} (Moodle gives it its default mark)")
    if getattr(question, "shuffle", None) is not None:
        lost.append("shuffle (Moodle's quiz settings decide)")
    if isinstance(question, ShortText):
        if question.pattern:
            lost.append("its pattern (Moodle short answers have no regular expressions)")
        if question.case_sensitive:
            lost.append("case_sensitive")
    if isinstance(question, Numeric) and question.unit:
        lost.append(f"its unit '{question.unit}'")
    if isinstance(question, Numeric) and question.value is not None and question.min is not None and question.max is not None:
        lost.append("its min and max (the value and tolerance are written)")
    ids = [c.id for c in question.choices] if isinstance(question, (SingleChoice, MultipleChoice)) else []
    ids = ids or ([p.id for p in question.pairs] if isinstance(question, Matching) else [])
    if ids and ids != choice_ids(len(ids)):
        lost.append("its choice ids (importing names them a, b, c...)")
    if lost:
        result.changed.append((question.id, "; ".join(lost)))

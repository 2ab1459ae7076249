"""Item analysis as text for a terminal: every line at most 80 columns, plain characters, no colour."""

from __future__ import annotations

import textwrap
from collections import Counter

from course.analysis.items import QuestionStats
from course.analysis.report import Analysis, QuizStats

WIDTH = 80
BAR = 40  # the longest histogram bar
DASH = "—"
WHICH_TEXT = {
    "first": "each learner's first finished attempt of each quiz",
    "all": "every finished attempt, each as if by a different learner",
}


def render_text(analysis: Analysis, files: int | None = None, lrs: str | None = None) -> str:
    """The whole report: a header (what was read: ``files`` exports or the LRS at ``lrs``), then each
    quiz with its distribution and its questions."""
    lines = [_fit(f"Item analysis of {analysis.course_title} ({analysis.course_id})")]
    read = f"{files} export file(s), " if files is not None else ""
    if lrs is not None:
        lines += _wrap(f"Statements read from the LRS at {lrs}")
    lines.append(_fit(f"{read}{analysis.learners} learner(s) with counted attempts"))
    lines += _wrap(
        f"Counted: {WHICH_TEXT[analysis.which]}. Retries and unfinished attempts never count; a question left unanswered scores 0."
    )
    for quiz in analysis.quizzes:
        lines.append("")
        lines += _quiz(quiz) if quiz.attempts else [_fit(f"Quiz {quiz.quiz_id}: {quiz.title} {DASH} no counted attempts")]
    lines += ["", *_summary(analysis)]
    return "\n".join(lines) + "\n"


def _quiz(quiz: QuizStats) -> list[str]:
    lines = [_fit(f"Quiz {quiz.quiz_id}: {quiz.title}" + ("" if quiz.in_course else " (not in this course)"))]
    lines.append(
        _fit(
            f"  {quiz.attempts} attempt(s) by {quiz.learners} learner(s) · mean {_pct(quiz.mean)}"
            f" · median {_pct(quiz.median)} · SD {_pct(quiz.sd)}"
        )
    )
    lines += _wrap(_alpha(quiz), "  ")
    lines += ["", "  Score     Attempts"]
    top = max(quiz.histogram, default=0)
    for index, count in enumerate(quiz.histogram):
        low, high = index * 10, index * 10 + 10
        bar = "#" * round(BAR * count / top) if top else ""
        lines.append(f"  {f'{low}–{high}%':>8}  {bar}{' ' if bar else ''}{count}")
    lines += ["", "   #  Question              Type         N  Facil.  Right  Discr.  Effic."]
    for question in quiz.questions:
        lines += _question(question)
    return lines


def _alpha(quiz: QuizStats) -> str:
    used, left = len(quiz.alpha_questions), len(quiz.alpha_left_out)
    text = f"Cronbach's alpha {_num(quiz.alpha, '.2f')} over {used} question(s)"
    if quiz.alpha is None and used < 2:
        text += " (needs 2 questions every counted attempt answered)"
    elif quiz.alpha is None:
        text += " (needs 2 attempts whose totals differ)"
    if left:
        text += f"; {left} left out, not answered in every attempt"
    return text


def _question(q: QuestionStats) -> list[str]:
    qtype = q.type or "?"
    row = (
        f"{q.number:>4}  {_cut(q.question_id, 20):<20}  {_cut(qtype, 10):<10} {q.presented:>3}"
        f"  {_pct(q.facility):>6}  {_pct(q.share_correct):>5}  {_num(q.discrimination, '+.2f'):>6}  {_pct(q.efficiency):>6}"
    )
    lines = [row.rstrip()]
    if q.omitted:
        lines.append(f"      {q.responses} answered, {q.omitted} left unanswered")
    width = max((len(c.id) for c in q.choices), default=0)
    width = min(width, 12)
    for choice in q.choices:
        mark = "*" if choice.key else " "
        tail = f"{choice.count:>5}  {_pct(choice.share):>4}"
        room = WIDTH - 6 - 2 - width - 2 - len(tail) - 1
        label = _cut(" ".join(choice.label.split()), room)
        lines.append(f"      {mark} {_cut(choice.id, width):<{width}}  {label:<{room}} {tail}")
    if q.other_responses:
        lines.append(f"        {q.other_responses} response(s) naming none of the choices")
    for flag in q.flags:
        lines += _wrap(f"! {flag.message}", "      ")
    return lines


def _summary(analysis: Analysis) -> list[str]:
    counts = Counter(flag.code for quiz in analysis.quizzes for q in quiz.questions for flag in q.flags)
    flagged = sum(1 for quiz in analysis.quizzes for q in quiz.questions if q.flags)
    if not flagged:
        return ["No question flagged."]
    parts = ", ".join(f"{code.replace('_', ' ')} {n}" for code, n in sorted(counts.items()))
    return _wrap(f"{flagged} question(s) flagged: {parts}.")


def _pct(value: float | None) -> str:
    return DASH if value is None else f"{value:.0%}"


def _num(value: float | None, spec: str) -> str:
    return DASH if value is None else format(value, spec)


def _cut(text: str, width: int) -> str:
    """``text`` in at most ``width`` characters (an ellipsis where it was cut)."""
    return text if len(text) <= width else text[: max(0, width - 1)] + "…"


def _fit(text: str) -> str:
    return _cut(text, WIDTH)


def _wrap(text: str, indent: str = "") -> list[str]:
    """``text`` wrapped to the width, every line after the first indented two more."""
    return textwrap.wrap(text, WIDTH, initial_indent=indent, subsequent_indent=indent + "  ", break_on_hyphens=False) or [""]

"""GIFT texts made into course text: format markers, HTML, the case vignette, ids from question text."""

from __future__ import annotations

import re

from course.authoring.course_folder import slugify
from course.authoring.gift.html import HtmlRejected, check_markdown, html_to_markdown, looks_like_html
from course.authoring.gift.parse import Problem
from course.authoring.gift.syntax import Text

BLANK = "_____"  # what Moodle puts where a missing-word answer block stood


class Rejected(Exception):
    """A question that cannot be imported; ``problem`` says where and why (an error or a warning)."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def error(text_or_line: Text | tuple[int, int], code: str, message: str, severity: str = "error") -> Rejected:
    """A :class:`Rejected` located at a text's start or at ``(line, col)``."""
    line, col = text_or_line.locate(0) if isinstance(text_or_line, Text) else text_or_line
    return Rejected(Problem(line, col, code, message, severity))


def render(text: Text, default_format: str) -> str:
    """The text as course text (Markdown): ``[html]`` converted, ``[markdown]``/``[plain]`` kept as written,
    ``[moodle]`` (the default) converted only when it holds HTML tags or entities. Unsafe HTML raises."""
    text = text.strip()
    fmt = text.marker or default_format
    value = text.value
    try:
        if fmt == "html" or (fmt == "moodle" and looks_like_html(value)):
            return html_to_markdown(value, newlines_break=fmt == "moodle")
        if fmt == "markdown":
            check_markdown(value)
    except HtmlRejected as rejected:
        raise error(text.locate(rejected.offset), "G116", rejected.message) from None
    return value


def render_answer(text: Text, default_format: str) -> str:
    """A typed answer (short answer): as written, converted only when its format is ``[html]``."""
    text = text.strip()
    fmt = text.marker or default_format
    return render(text, fmt) if fmt == "html" else text.value


def split_case(prompt: str) -> tuple[str, str]:
    """``(case, prompt)``: a leading Markdown block quote followed by a blank line and more text is the
    question's case vignette (how ``course export-gift`` writes one)."""
    lines = prompt.split("\n")
    quoted = 0
    while quoted < len(lines) and lines[quoted].startswith(">"):
        quoted += 1
    rest = "\n".join(lines[quoted + 1 :]).strip()
    if quoted == 0 or quoted >= len(lines) or lines[quoted].strip() or not rest:
        return "", prompt
    case = "\n".join(line[2:] if line.startswith("> ") else line[1:] for line in lines[:quoted]).strip()
    return (case, rest) if case else ("", prompt)


def quote_case(case: str, prompt: str) -> str:
    """The inverse of :func:`split_case`: the case as a block quote, a blank line, the prompt."""
    if not case.strip():
        return prompt
    quoted = "\n".join(f"> {line}" if line else ">" for line in case.strip().split("\n"))
    return f"{quoted}\n\n{prompt}"


def stem_slug(prompt: str, words: int = 6) -> str:
    """An id from the first words of a question's text (for untitled questions)."""
    return slugify(" ".join(re.findall(r"[^\W_]+", prompt)[:words]))


def short_name(text: str, limit: int = 60) -> str:
    """A question's name for messages: its title, or the start of its text."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def choice_ids(count: int) -> list[str]:
    """``a``, ``b``, ``c``... for choices and pairs (at most 12 of them)."""
    return [chr(ord("a") + index) for index in range(count)]

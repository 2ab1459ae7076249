"""Questions written as TOML the way the course's own quiz files are: one ``[[question]]`` table each,
its choices or pairs as ``[[question.choices]]`` / ``[[question.pairs]]`` tables, values by tomli-w."""

from __future__ import annotations

from typing import Any

import tomli_w

ORDER = (
    "id",
    "type",
    "objective",
    "case",
    "prompt",
    "answer",
    "answers",
    "feedback_true",
    "feedback_false",
    "accept",
    "value",
    "tolerance",
    "min",
    "max",
    "explanation",
)
TABLES = ("choices", "pairs")


def value_line(key: str, value: Any) -> str:
    """``key = value`` as tomli-w writes it (multi-line strings where the text has line breaks)."""
    return tomli_w.dumps({key: value}, multiline_strings=True).rstrip("\n")


def question_toml(data: dict[str, Any], comments: list[str]) -> str:
    """One question as a ``[[question]]`` table, with ``comments`` as ``#`` lines above it."""
    lines = [f"# {' '.join(comment.split())}" for comment in comments]
    lines.append("[[question]]")
    lines += [value_line(key, data[key]) for key in ORDER if key in data]
    lines += [value_line(key, value) for key, value in data.items() if key not in ORDER and key not in TABLES]
    for table in TABLES:
        for row in data.get(table, []):
            lines += ["", f"[[question.{table}]]"] + [value_line(key, value) for key, value in row.items()]
    return "\n".join(lines) + "\n\n"


def quiz_header(quiz_id: str, title: str) -> str:
    """The top of a new quiz.toml: its id and title (the other quiz keys keep their defaults)."""
    return value_line("id", quiz_id) + "\n" + value_line("title", title) + "\n"

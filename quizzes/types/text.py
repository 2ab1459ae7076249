"""``text``: a typed answer, compared with the accepted answers after normalising, or a full-match pattern.

Normalising (:func:`normalise_text`): NFKC, case-folded unless ``case_sensitive``, punctuation and
symbols as spaces; then all spacing is dropped, so "5-HT2A", "5 HT2A" and "5HT2A" compare equal. The
pattern sees the answer only trimmed, and an invalid pattern never matches.
"""

from __future__ import annotations

import re
import unicodedata

from quizzes.questions import ShortText
from quizzes.types.base import KeyIssue, QuestionType
from quizzes.types.registry import register


def normalise_text(text: str, case_sensitive: bool = False) -> str:
    """NFKC, case-folded (unless case-sensitive), punctuation and symbols as spaces, spaces collapsed."""
    text = unicodedata.normalize("NFKC", text)
    if not case_sensitive:
        text = text.casefold()
    text = "".join(" " if unicodedata.category(ch).startswith(("P", "S")) else ch for ch in text)
    return " ".join(text.split())


def _squash(text: str, case_sensitive: bool) -> str:
    """Normalised text with all spacing removed."""
    return normalise_text(text, case_sensitive).replace(" ", "")


class TextType(QuestionType[ShortText, str]):
    name = "text"
    model = ShortText

    def parse(self, question: ShortText, value: object) -> str | None:
        return value if isinstance(value, str) else None

    def fraction(self, question: ShortText, response: str) -> float:
        return 1.0 if self._matches(question, response) else 0.0

    def _matches(self, question: ShortText, response: str) -> bool:
        answer = _squash(response, question.case_sensitive)
        if answer and any(answer == _squash(a, question.case_sensitive) for a in question.accept):
            return True
        if question.pattern:
            flags = 0 if question.case_sensitive else re.IGNORECASE
            try:
                return re.fullmatch(question.pattern, response.strip(), flags) is not None
            except re.error:
                return False
        return False

    def correct_response(self, question: ShortText) -> str:
        """The first accepted answer: the canonical form, and the only one "Right answer" shows (the
        other accepted forms are variants and misspellings the grader forgives, not the key to learn)."""
        return question.accept[0]

    def describe_response(self, question: ShortText, response: str) -> str:
        return response

    def key_issues(self, question: ShortText) -> list[KeyIssue]:
        if question.pattern:
            try:
                re.compile(question.pattern)
            except re.error as error:
                return [KeyIssue("bad_pattern", ("pattern",), f"pattern is not a valid regular expression: {error}")]
        return []


TEXT = register(TextType())

"""Search queries: required words, the prefix still being typed, and quoted phrases."""

from __future__ import annotations

import re
from dataclasses import dataclass

from course.search.tokens import WORD, normalize

MAX_QUERY_CHARS = 1_000
MAX_QUERY_TERMS = 32

_QUOTED = re.compile(r"[\"“”„]([^\"“”„]*)[\"“”„]")


@dataclass(frozen=True)
class Query:
    """A parsed query: required exact words, an optional prefix (the last word) and phrases."""

    words: tuple[str, ...]
    prefix: str
    phrases: tuple[tuple[str, ...], ...]

    @property
    def empty(self) -> bool:
        return not self.words and not self.prefix


def parse_query(text: str) -> Query:
    """Split the learner's query into words, a trailing prefix and quoted phrases."""
    text = text[:MAX_QUERY_CHARS]
    phrases = []
    for match in _QUOTED.finditer(text):
        phrase = tuple(WORD.findall(normalize(match.group(1))))
        if len(phrase) > 1:
            phrases.append(phrase)
    # The last word is a prefix unless the learner has finished it (space or closing quote after it).
    still_typing = bool(text) and not text[-1].isspace() and text[-1] not in '"“”„'
    words = WORD.findall(normalize(text))
    prefix = words.pop() if words and still_typing else ""
    unique = tuple(dict.fromkeys(words))[:MAX_QUERY_TERMS]
    return Query(unique, prefix if prefix not in unique else "", tuple(phrases[:MAX_QUERY_TERMS]))

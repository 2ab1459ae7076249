"""Search queries: required words, the prefix still being typed, quoted phrases, and the readings of
them against an index (hyphens and spacing folded as text grading folds them)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from course.search.tokens import WORD, normalize, squash

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


Reading = tuple[tuple[str, ...], str]
"""One way to read a query against an index: the words every document must hold, and a prefix."""


def readings(query: Query, known: Callable[[str], bool], completes: Callable[[str], bool]) -> list[Reading]:
    """The ways to read ``query`` (words and prefix, not phrases) against an index where ``known``
    tells an indexed word and ``completes`` a prefix of one. Hyphens and spacing are folded as text
    grading folds them (:func:`course.search.tokens.squash`): a hyphenated word is looked up
    squashed (``5-ht2a`` as ``5ht2a``), else as its parts; an unknown word may be two indexed words
    run together (``5ht2a`` as ``5`` and ``ht2a``); and a second reading joins neighbouring words
    whose join is indexed (``5 ht2a`` as ``5ht2a``). A document matching any reading matches."""
    sequence = [*query.words, query.prefix] if query.prefix else list(query.words)
    first = _resolve(list(query.words), query.prefix, known, completes)
    joined = _join(sequence, bool(query.prefix), known, completes)
    if joined is None:
        return [first]
    prefix = joined.pop() if query.prefix else ""
    second = _resolve(joined, prefix, known, completes)
    return [first] if second == first else [first, second]


def _join(sequence: list[str], typing: bool, known: Callable[[str], bool], completes: Callable[[str], bool]) -> list[str] | None:
    """``sequence`` with neighbours run together where their join is indexed (with the prefix still
    being typed, where it starts an indexed word); None when nothing joins."""
    out: list[str] = []
    merged = False
    i = 0
    while i < len(sequence):
        if i + 1 < len(sequence):
            together = squash(sequence[i] + sequence[i + 1])
            last = typing and i + 1 == len(sequence) - 1
            if together and (completes(together) if last else known(together)):
                out.append(together)
                merged = True
                i += 2
                continue
        out.append(sequence[i])
        i += 1
    return out if merged else None


def _resolve(words: list[str], prefix: str, known: Callable[[str], bool], completes: Callable[[str], bool]) -> Reading:
    required: list[str] = []
    for word in words:
        required.extend(_word(word, known))
    if prefix and not completes(prefix):
        squashed = squash(prefix)
        if "-" in prefix and squashed and completes(squashed):
            prefix = squashed
        elif "-" in prefix:
            *parts, prefix = prefix.split("-")
            required.extend(part for part in parts if part)
        else:
            split = next((i for i in range(1, len(prefix)) if known(prefix[:i]) and completes(prefix[i:])), 0)
            if split:
                required.append(prefix[:split])
                prefix = prefix[split:]
    elif "-" in prefix and completes(squash(prefix)):
        prefix = squash(prefix)
    unique = tuple(dict.fromkeys(required))
    return unique, "" if prefix in unique else prefix


def _word(word: str, known: Callable[[str], bool]) -> list[str]:
    """The indexed words standing for one query word."""
    if "-" in word:
        squashed = squash(word)
        if squashed and known(squashed):
            return [squashed]
        if known(word):
            return [word]
        # A hyphenated word nobody wrote whole ("receptor-agonist") falls back to its parts.
        return [part for part in word.split("-") if part]
    if known(word):
        return [word]
    split = next((i for i in range(1, len(word)) if known(word[:i]) and known(word[i:])), 0)
    return [word[:split], word[split:]] if split else [word]

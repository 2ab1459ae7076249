"""Finding the query's words in plain text, and the snippet shown around the first match."""

from __future__ import annotations

import re
from collections.abc import Iterable

from course.search.tokens import PART, WORD, normalize

SNIPPET_CHARS = 100
SNIPPET_LEAD = 30  # characters of context kept before the match


def phrase_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    inner = r"[\W_]+".join(re.escape(word) for word in words)
    return re.compile(rf"(?<![^\W_]){inner}(?![^\W_])")


def _loose(word: str) -> str:
    """A pattern for ``word`` that also matches it written with hyphens inside (``5ht2a`` finds
    "5-HT2A"): squashed index words stand for their hyphenated spellings."""
    if "-" in word:
        return re.escape(word)
    return "[-\u2010\u2011]?".join(re.escape(ch) for ch in word)


class Matcher:
    """Finds the query's words (and words starting with one of its prefixes) in original (not
    normalised) text, hyphens and spacing folded as the index folds them."""

    def __init__(self, words: set[str], prefixes: Iterable[str] = (), loose: Iterable[str] = ()) -> None:
        """``loose``: the words and prefixes that stand for hyphenated spellings too (squashed index
        words, and prefixes of them)."""
        self.words = words
        self.prefixes = sorted(set(prefixes) - {""}, key=len, reverse=True)
        spread = set(loose)
        alternatives = [_loose(word) if word in spread else re.escape(word) for word in sorted(words, key=len, reverse=True)]
        alternatives += [(_loose(p) if p in spread else re.escape(p)) + r"[^\W_]*" for p in self.prefixes]
        body = "|".join(alternatives) or r"(?!)"
        # Whole words and parts of hyphenated words (a part is preceded or followed by "-").
        self.pattern = re.compile(rf"(?<![^\W_])(?:{body})(?![^\W_])")

    def _key(self, token: str) -> str | None:
        """The query word or prefix that ``token`` (normalised) matches, if any."""
        if token in self.words:
            return token
        # ``token`` is normalised already: squashing it only drops its hyphens.
        squashed = token.replace("-", "") if "-" in token else token
        if squashed is not token and squashed in self.words:
            return squashed
        for prefix in self.prefixes:
            if squashed.startswith(prefix) or token.startswith(prefix):
                return prefix
        return None

    def find(self, text: str, limit: int = 200) -> list[tuple[int, int, str]]:
        """``(start, end, query word)`` of each matching word of ``text``, in order."""
        found: list[tuple[int, int, str]] = []
        if text.isascii():
            # ASCII text normalises to its lower case, character for character.
            for match in self.pattern.finditer(text.lower()):
                found.append((match.start(), match.end(), self._key(match.group()) or ""))
                if len(found) >= limit:
                    break
            return found
        for match in WORD.finditer(text):
            word = match.group()
            normal = normalize(word)
            key = normal if normal in self.words else None
            if key is None and len(PART.findall(word)) > 1:
                whole = self._key(normal)
                if whole is not None and whole not in self.prefixes:
                    key = whole
                else:
                    for part in PART.finditer(word):
                        part_key = self._key(normalize(part.group()))
                        if part_key is not None:
                            found.append((match.start() + part.start(), match.start() + part.end(), part_key))
                            key = ""
            if key is None:
                key = self._key(normal)
            if key:
                found.append((match.start(), match.end(), key))
            if len(found) >= limit:
                break
        return found


def snippet(text: str, matcher: Matcher) -> tuple[str, tuple[tuple[int, int], ...], str]:
    """About ``SNIPPET_CHARS`` of ``text`` around the best first match, the match spans in it, and
    the first matched word ("" and no spans when ``text`` has no match)."""
    matches = matcher.find(text)
    if not matches:
        return _cut(text, 0, SNIPPET_CHARS)[0], (), ""
    # Anchor on the match whose window covers the most distinct query words (earliest on ties).
    best, best_cover = 0, 0
    for i, (start, _, _) in enumerate(matches):
        cover = len({key for s, _, key in matches[i:] if s < start + SNIPPET_CHARS - SNIPPET_LEAD})
        if cover > best_cover:
            best, best_cover = i, cover
    anchor_start, anchor_end, _ = matches[best]
    start = max(0, anchor_start - SNIPPET_LEAD)
    end = max(start + SNIPPET_CHARS, anchor_end)
    snippet, offset, cut_start, cut_end = _cut(text, start, end, keep=(anchor_start, anchor_end))
    spans = tuple((s - cut_start + offset, e - cut_start + offset) for s, e, _ in matches if s >= cut_start and e <= cut_end)
    return snippet, spans, text[anchor_start:anchor_end]


def _cut(text: str, start: int, end: int, keep: tuple[int, int] = (0, 0)) -> tuple[str, int, int, int]:
    """``text[start:end]`` moved to word boundaries (never cutting into ``keep``), with "…" where
    text was left out. Returns the snippet, the offset of the text inside it, and the cut's start
    and end in ``text``."""
    if start > 0:
        space = text.rfind(" ", max(0, start - 15), start + 1)
        if space != -1:
            start = space + 1
    if end < len(text):
        space = text.find(" ", end, end + 15)
        if space == -1:
            space = text.rfind(" ", max(start, keep[1], end - 15), end)
        if space != -1:
            end = space
    end = min(end, len(text))
    lead = "…" if start > 0 else ""
    tail = "…" if end < len(text) else ""
    return lead + text[start:end] + tail, len(lead), start, end

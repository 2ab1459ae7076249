"""Search tokens: the text is NFKC-normalised and case-folded, then split into runs of letters and
digits; hyphenated words (``5-HT2A``) count whole, as their parts *and* squashed the way text answers
are graded (:func:`quizzes.types.text.normalise_text` with the spacing dropped: ``5ht2a``), so
``5-ht2a``, ``5HT2A``, ``5 HT2A``, ``ht2a`` and ``5-ht`` or ``5ht`` (as a prefix) all find them.
There is no stemming."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from quizzes.types.text import normalise_text

__all__ = ["PART", "WORD", "count_elements", "extra_tokens", "joined_tokens", "normalize", "pieces", "squash", "tokens"]

try:  # Counter's C helper: Counter(words) spends as long on an isinstance check as on counting.
    from collections import _count_elements as count_elements  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - other Pythons

    def count_elements(mapping: dict[str, int], iterable: Iterable[str]) -> None:
        for element in iterable:
            mapping[element] = mapping.get(element, 0) + 1


# A word: letters and digits, optionally joined by hyphens (ASCII, U+2010 and U+2011).
WORD = re.compile(r"[^\W_]+(?:[-\u2010\u2011][^\W_]+)*")
PART = re.compile(r"[^\W_]+")


def normalize(text: str) -> str:
    """Text as the index sees it: NFKC, case-folded, Unicode hyphens made ASCII."""
    return unicodedata.normalize("NFKC", text).casefold().replace("\u2010", "-").replace("\u2011", "-")


@lru_cache(maxsize=65_536)
def squash(word: str) -> str:
    """``word`` as text grading compares it: the grader's normalisation with all spacing dropped
    (``5-HT2A``, ``5 HT2A`` and ``5ht2a`` all give ``5ht2a``)."""
    return normalise_text(word).replace(" ", "")


def tokens(text: str) -> list[str]:
    """The index tokens of ``text``: every word, plus the parts of hyphenated words and their squashed forms."""
    words = WORD.findall(normalize(text))
    return words + [extra for word in words if "-" in word for extra in extra_tokens(word)]


def extra_tokens(word: str) -> tuple[str, ...]:
    """What a hyphenated ``word`` is indexed under besides itself: its :func:`pieces` and its
    :func:`joined_tokens`."""
    return (*pieces(word), *joined_tokens(word))


@lru_cache(maxsize=65_536)
def joined_tokens(word: str) -> tuple[str, ...]:
    """Each hyphenated run of ``word`` (itself included) squashed: ``5-ht2a-receptor`` gives
    ``5ht2areceptor``, ``5ht2a`` and ``ht2areceptor``."""
    return tuple(squash(run) for run in [word, *pieces(word)] if "-" in run)


def pieces(word: str) -> list[str]:
    """The parts of a hyphenated word and, for three or more parts, every shorter hyphenated run
    (``a-b-c`` gives ``a``, ``b``, ``c``, ``a-b`` and ``b-c``)."""
    parts = word.split("-")
    if len(parts) == 2:
        return parts
    return ["-".join(parts[i:j]) for i in range(len(parts)) for j in range(i + 1, len(parts) + 1) if j - i < len(parts)]

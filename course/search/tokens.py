"""Search tokens: the text is NFKC-normalised and case-folded, then split into runs of letters and
digits; hyphenated words (``5-HT2A``) count whole *and* as their parts, so ``5-ht2a``, ``ht2a`` and
``5-ht`` (as a prefix) all find them. There is no stemming."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

__all__ = ["PART", "WORD", "count_elements", "normalize", "pieces", "tokens"]

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


def tokens(text: str) -> list[str]:
    """The index tokens of ``text``: every word, plus the parts of hyphenated words."""
    words = WORD.findall(normalize(text))
    return words + [piece for word in words if "-" in word for piece in pieces(word)]


def pieces(word: str) -> list[str]:
    """The parts of a hyphenated word and, for three or more parts, every shorter hyphenated run
    (``a-b-c`` gives ``a``, ``b``, ``c``, ``a-b`` and ``b-c``)."""
    parts = word.split("-")
    if len(parts) == 2:
        return parts
    return ["-".join(parts[i:j]) for i in range(len(parts)) for j in range(i + 1, len(parts) + 1) if j - i < len(parts)]

"""Reading-time estimates for lesson bodies."""

from __future__ import annotations

import re

WORDS_PER_MINUTE = 200


def word_count(markdown: str) -> int:
    """Words in a Markdown body, ignoring link targets."""
    without_targets = re.sub(r"\]\([^)]*\)", "]", markdown)
    return len(re.findall(r"[\w'-]+", without_targets))


def reading_minutes(markdown: str) -> int:
    """Estimated minutes to read ``markdown`` (at least 1)."""
    return max(1, round(word_count(markdown) / WORDS_PER_MINUTE))

"""``match``: match each left-hand entry to its right-hand partner.

The response maps a pair's id (its left side) to the id of the pair whose right side was chosen; each
left side matched to its own pair earns its share. The right-hand side is always shown shuffled.
"""

from __future__ import annotations

import random

from quizzes.questions import Matching
from quizzes.types.base import (
    ChoiceId,
    KeyIssue,
    QuestionType,
    duplicates,
    shuffled_away_from_key,
)
from quizzes.types.registry import register

Pairing = dict[ChoiceId, ChoiceId]


class MatchType(QuestionType[Matching, Pairing]):
    name = "match"
    model = Matching

    def parse(self, question: Matching, value: object) -> Pairing | None:
        if not isinstance(value, dict):
            return None
        return {k: v for k, v in value.items() if isinstance(k, str) and isinstance(v, str)}

    def fraction(self, question: Matching, response: Pairing) -> float:
        return sum(response.get(pair.id) == pair.id for pair in question.pairs) / len(question.pairs)

    def correct_response(self, question: Matching) -> Pairing:
        return {pair.id: pair.id for pair in question.pairs}

    def describe_response(self, question: Matching, response: Pairing) -> str:
        left = {p.id: p.left for p in question.pairs}
        right = {p.id: p.right for p in question.pairs}
        return "; ".join(f"{left.get(k, k)} = {right.get(v, v)}" for k, v in response.items())

    def hints(self, question: Matching, response: Pairing) -> tuple[str, ...]:
        """One hint for each right-hand side chosen for more than one row (each fits one row)."""
        left = {p.id: p.left for p in question.pairs}
        right = {p.id: p.right for p in question.pairs}
        rows: dict[ChoiceId, list[str]] = {}
        for pair in question.pairs:
            chosen = response.get(pair.id)
            if chosen in right:
                rows.setdefault(chosen, []).append(left[pair.id])
        return tuple(
            f"“{right[rid]}” is chosen for {len(lefts)} rows ({', '.join(lefts)}); each right-hand item fits one row."
            for rid, lefts in rows.items()
            if len(lefts) > 1
        )

    def shuffles(self, question: Matching, quiz_shuffles: bool) -> bool:
        return True

    def option_order(self, question: Matching, rng: random.Random, shuffle: bool) -> list[ChoiceId]:
        return shuffled_away_from_key([p.id for p in question.pairs], rng)

    def key_issues(self, question: Matching) -> list[KeyIssue]:
        return (
            duplicates("pairs", [p.id for p in question.pairs], "pair id")
            + duplicates("pairs", [p.left.strip().casefold() for p in question.pairs], "left side", field="left")
            + duplicates("pairs", [p.right.strip().casefold() for p in question.pairs], "right side", field="right")
        )


MATCH = register(MatchType())

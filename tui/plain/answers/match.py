"""Plain mode, ``match``: numbered left sides, lettered right sides (shuffled); the learner types 1b 2a."""

from __future__ import annotations

import re

from quizzes.questions import Matching
from tui.plain.answers.base import LETTERS, BadAnswer, PlainAdapter, numbered, register
from tui.plain.text import wrap

PAIR = r"(\d+)\s*[=:.\-]?\s*([a-z])(?![a-z])"


class MatchAnswers(PlainAdapter[Matching]):
    name = "match"

    def option_lines(self, question: Matching, order: list[str]) -> list[str]:
        rights = {p.id: p.right for p in question.pairs}
        return (
            ["Match each numbered entry:"]
            + numbered([p.left for p in question.pairs])
            + ["with one of these:"]
            + [wrap(f"{LETTERS[n]}. {rights[ident]}", subsequent_indent="   ") for n, ident in enumerate(order)]
            + ["Type a pair for each number, like 1b 2a (or 1=b 2=a)."]
        )

    def answer_help(self, question: Matching) -> list[tuple[str, str]]:
        return [("1b 2a", "match entry 1 with b and entry 2 with a (1=b 2=a works too)")]

    def parse(self, question: Matching, text: str, order: list[str]) -> dict[str, str]:
        count = len(question.pairs)
        last = LETTERS[count - 1]
        example = " ".join(f"{n}{LETTERS[(n) % count]}" for n in range(1, count + 1))
        usage = f"Type a pair for each number from 1 to {count}, with a letter from a to {last}, for example {example}."
        text = text.lower()
        pairs = list(re.finditer(PAIR, text))
        leftover = re.sub(r"[\s,;]+", " ", re.sub(PAIR, " ", text)).strip()
        if not pairs or leftover:
            shown = leftover.split(" ")[0] if leftover else text
            raise BadAnswer(f"I could not read {shown!r}. " + usage)
        chosen: dict[int, str] = {}
        for match in pairs:
            number, letter = int(match.group(1)), match.group(2)
            if not 1 <= number <= count:
                raise BadAnswer(f"There is no number {number}. " + usage)
            if letter not in LETTERS[:count]:
                raise BadAnswer(f"There is no letter {letter}. " + usage)
            if number in chosen:
                raise BadAnswer(f"Number {number} is paired twice. " + usage)
            chosen[number] = order[LETTERS.index(letter)]
        missing = [str(n) for n in range(1, count + 1) if n not in chosen]
        if missing:
            raise BadAnswer(f"Pair every number; missing: {', '.join(missing)}. " + usage)
        return {pair.id: chosen[n] for n, pair in enumerate(question.pairs, start=1)}


register(MatchAnswers())

"""Cues a test-wise learner can use without knowing the content: option lengths, absolute and hedging
words, and how the keys are spread.

Pure measurements, no I/O. ``course validate`` warns from them (:mod:`course.loading.item_checks`,
codes W401–W411), ``course info`` reports two of them per quiz, and a test of a simulated
content-free learner uses the same word lists, so the checks and the learner agree on what a cue is.

Words are runs of letters and digits, compared case-insensitively. Hyphens and slashes separate words,
so "all-or-nothing" counts as "all", "or" and "nothing" (it reads as an absolute claim); apostrophes do
not, so "can't" is one word (not the hedge "can") and a possessive "'s" is dropped ("nobody's" is
"nobody").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from quizzes.questions import Choice, MultipleChoice, SingleChoice, TrueFalse
from quizzes.quiz import Quiz

ABSOLUTE_WORDS: frozenset[str] = frozenset(
    {
        "always",
        "never",
        "all",
        "none",
        "every",
        "everyone",
        "everything",
        "nobody",
        "nothing",
        "cure",
        "cures",
        "cured",
        "guarantee",
        "guarantees",
        "guaranteed",
        "prove",
        "proves",
        "proven",
        "completely",
        "entirely",
        "impossible",
        "certainly",
        "definitely",
        "permanently",
        "only",
        "any",
    }
)
"""Specific determiners and sweeping claims: options that use them are usually wrong, and learners know it."""

HEDGE_WORDS: frozenset[str] = frozenset(
    {
        "may",
        "might",
        "can",
        "could",
        "suggest",
        "suggests",
        "suggested",
        "early",
        "preliminary",
        "likely",
        "possibly",
        "some",
        "often",
        "tend",
        "tends",
        "appear",
        "appears",
        "seem",
        "seems",
        "probably",
        "usually",
    }
)
"""Qualifiers: careful authors put them in the right option, so they can point at the key."""

ChoiceQuestion = SingleChoice | MultipleChoice

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_POSSESSIVE = ("'s", "’s")


def words_of(text: str) -> list[str]:
    """The words of ``text``, case-folded, in order (see the module notes for what a word is)."""
    found = []
    for word in _WORD.findall(text.casefold()):
        found.append(word[:-2] if word.endswith(_POSSESSIVE) else word)
    return found


def absolutes_in(text: str) -> set[str]:
    """The words of :data:`ABSOLUTE_WORDS` that ``text`` uses, as whole words."""
    return set(words_of(text)) & ABSOLUTE_WORDS


def hedges_in(text: str) -> set[str]:
    """The words of :data:`HEDGE_WORDS` that ``text`` uses, as whole words."""
    return set(words_of(text)) & HEDGE_WORDS


def key_ids(question: ChoiceQuestion) -> set[str]:
    """The ids of the right choices."""
    return {question.answer} if isinstance(question, SingleChoice) else set(question.answers)


def keys_of(question: ChoiceQuestion) -> list[Choice]:
    """The right choices, in authored order."""
    right = key_ids(question)
    return [c for c in question.choices if c.id in right]


def distractors_of(question: ChoiceQuestion) -> list[Choice]:
    """The wrong choices, in authored order."""
    right = key_ids(question)
    return [c for c in question.choices if c.id not in right]


def key_is_longest(question: SingleChoice) -> bool:
    """Whether the key is strictly longer than every distractor (lengths of the stripped texts)."""
    keys = keys_of(question)
    if not keys:
        return False
    length = len(keys[0].text.strip())
    return all(length > len(c.text.strip()) for c in distractors_of(question))


def single_choice(quiz: Quiz) -> list[SingleChoice]:
    """The quiz's single-choice questions."""
    return [q for q in quiz.questions if isinstance(q, SingleChoice)]


def true_false(quiz: Quiz) -> list[TrueFalse]:
    """The quiz's true/false questions."""
    return [q for q in quiz.questions if isinstance(q, TrueFalse)]


def longest_key_share(quiz: Quiz) -> float | None:
    """The share of the quiz's single-choice questions whose key is strictly the longest option; ``None`` if it has none."""
    questions = single_choice(quiz)
    if not questions:
        return None
    return sum(key_is_longest(q) for q in questions) / len(questions)


def true_share(quiz: Quiz) -> float | None:
    """The share of the quiz's true/false questions whose answer is True; ``None`` if it has none."""
    questions = true_false(quiz)
    if not questions:
        return None
    return sum(q.answer for q in questions) / len(questions)


@dataclass(frozen=True)
class WordCue:
    """How many key and distractor options of a quiz use a word from one list (absolutes or hedges)."""

    keys: int
    keys_with: int
    distractors: int
    distractors_with: int

    @property
    def key_share(self) -> float:
        """The share of key options that use such a word (0 when there are none)."""
        return self.keys_with / self.keys if self.keys else 0.0

    @property
    def distractor_share(self) -> float:
        """The share of distractor options that use such a word (0 when there are none)."""
        return self.distractors_with / self.distractors if self.distractors else 0.0


def word_cue(quiz: Quiz, lexicon: frozenset[str]) -> WordCue:
    """Over the options of the quiz's single- and multiple-choice questions: who uses words of ``lexicon``."""
    keys = keys_with = distractors = distractors_with = 0
    for question in quiz.questions:
        if not isinstance(question, (SingleChoice, MultipleChoice)):
            continue
        for choice in keys_of(question):
            keys += 1
            keys_with += bool(set(words_of(choice.text)) & lexicon)
        for choice in distractors_of(question):
            distractors += 1
            distractors_with += bool(set(words_of(choice.text)) & lexicon)
    return WordCue(keys, keys_with, distractors, distractors_with)

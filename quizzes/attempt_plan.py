"""Which questions an attempt asks, in which order, with choices in which order: all from a seed.

A resumed attempt rebuilds the same plan from the seed stored with it.
"""

from __future__ import annotations

import random

from quizzes.questions import Matching, MultipleChoice, Ordering, Question, SingleChoice
from quizzes.quiz import Quiz


def plan_questions(quiz: Quiz, seed: int) -> list[str]:
    """The ids of the questions this attempt asks, in order (a draw from the pool if ``quiz.draw``)."""
    rng = random.Random(f"{quiz.id}:{seed}")
    ids = [q.id for q in quiz.questions]
    if quiz.draw:
        ids = rng.sample(ids, min(quiz.draw, len(ids)))
        if not quiz.shuffle_questions:
            order = {qid: n for n, qid in enumerate(q.id for q in quiz.questions)}
            ids.sort(key=order.__getitem__)
    elif quiz.shuffle_questions:
        rng.shuffle(ids)
    return ids


def option_order(question: Question, seed: int, shuffle: bool) -> list[str]:
    """The order to show a question's options in (choice, item or right-hand pair ids).

    Ordering questions are always shuffled (their key is the authored order); matching questions always
    shuffle the right-hand side; choices follow the quiz's ``shuffle_choices``.
    """
    rng = random.Random(f"{question.id}:{seed}")
    if isinstance(question, (SingleChoice, MultipleChoice)):
        ids = [c.id for c in question.choices]
        if shuffle:
            rng.shuffle(ids)
        return ids
    if isinstance(question, Ordering):
        ids = [i.id for i in question.items]
        return _shuffled_away_from_key(ids, rng)
    if isinstance(question, Matching):
        ids = [p.id for p in question.pairs]
        return _shuffled_away_from_key(ids, rng)
    return []


def _shuffled_away_from_key(ids: list[str], rng: random.Random) -> list[str]:
    """A shuffle that is never the key itself (so the learner has work to do)."""
    shuffled = list(ids)
    for _ in range(20):
        rng.shuffle(shuffled)
        if shuffled != ids:
            break
    if shuffled == ids:
        shuffled = ids[1:] + ids[:1]
    return shuffled

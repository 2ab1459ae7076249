"""Which questions an attempt asks, in which order, with choices in which order: all from a seed.

A resumed attempt rebuilds the same plan from the seed stored with it.
"""

from __future__ import annotations

import random

from quizzes.questions import QuestionBase
from quizzes.quiz import Quiz
from quizzes.types import question_type


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


def option_order(question: QuestionBase, seed: int, shuffle: bool) -> list[str]:
    """The order to show a question's options in (choice, item or right-hand pair ids).

    Each type decides (:meth:`quizzes.types.QuestionType.shuffles` and ``option_order``): ordering
    questions are always shuffled away from their key (the authored order); matching questions always
    shuffle the right-hand side; multiple-choice questions shuffle unless the question sets
    ``shuffle = false``; single-choice questions follow their own ``shuffle``, else the quiz's
    ``shuffle_choices``; the other types have no options.
    """
    rng = random.Random(f"{question.id}:{seed}")
    kind = question_type(question)
    order: list[str] = kind.option_order(question, rng, kind.shuffles(question, shuffle))
    return order

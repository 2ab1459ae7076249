"""Recording one answer durably (issue #16, point 4), with many answers already stored, against the SQLite floor.

    python -m benchmarks answer [--stored N] [--answers K]

An answer goes through the engine (``study.quizzes.answer``: grading, the answer, its event and the
review card's rating in the app's one transaction, committed with synchronous=FULL in WAL mode) on a
copy of a store already holding ``N`` answers. The floor, timed alternately: one row inserted and
committed on a bare ``sqlite3`` connection to a file beside it, with the same pragmas.
"""

from __future__ import annotations

import argparse
import functools
import sqlite3
from collections.abc import Callable, Iterator, Sequence

from benchmarks.common import Figure, median, percentile, table, timed
from benchmarks.data import learner_with_answers


def _answers(study: object, course: object) -> Iterator[Callable[[], object]]:
    """An endless supply of calls, each recording one answer (a new attempt when one is used up)."""
    from course.domain.models import Course
    from course.engine import Study
    from quizzes.grading import correct_response

    assert isinstance(study, Study) and isinstance(course, Course)
    quizzes = [m.quiz.id for m in course.modules if m.quiz is not None and not m.quiz.max_attempts]
    turn = 0
    while True:
        quiz_id = quizzes[turn % len(quizzes)]
        turn += 1
        opened = study.quizzes.open(quiz_id)
        state = getattr(opened, "attempt", None)
        if state is None:
            continue
        for question_id in list(state.question_ids):
            question = course.question(question_id)
            if question is None or not state.can_answer(question_id):
                continue
            yield functools.partial(study.quizzes.answer, state, question_id, correct_response(question))
        study.quizzes.submit(state, force=True)


def figures(quick: bool = False, stored: int | None = None, answers: int | None = None) -> list[Figure]:
    stored = stored or (20_000 if quick else 1_000_000)
    answers = answers or (40 if quick else 300)
    with learner_with_answers(stored) as (study, folder):
        floor_conn = sqlite3.connect(folder / "floor.db", isolation_level=None)
        floor_conn.execute("PRAGMA journal_mode = WAL")
        floor_conn.execute("PRAGMA synchronous = FULL")
        floor_conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)")
        try:
            supply = _answers(study, study.course)
            next(supply)()  # warm: the scheduler, the first attempt

            def floor() -> None:
                floor_conn.execute("BEGIN IMMEDIATE")
                floor_conn.execute("INSERT INTO t (v) VALUES (?)", ["an answer"])
                floor_conn.execute("COMMIT")

            times: dict[str, list[float]] = {"engine": [], "floor": []}
            for _ in range(answers):  # alternately; opening the next attempt (inside next()) is not timed
                times["engine"].append(timed(next(supply)))
                times["floor"].append(timed(floor))
        finally:
            floor_conn.close()
    engine, bare = times["engine"], times["floor"]
    note = f"{stored:,} answers stored; {answers} answers"
    return [
        Figure("answer.median", median(engine) * 1000, "ms", 1.0, note=note),
        Figure("answer.p99", percentile(engine, 0.99) * 1000, "ms", 5.0, note=note),
        Figure("answer.floor_median", median(bare) * 1000, "ms", note="bare sqlite3 insert + commit, synchronous=FULL, WAL"),
        Figure("answer.floor_p99", percentile(bare, 0.99) * 1000, "ms", note="the floor's p99"),
        Figure("answer.ratio_to_floor", median(engine) / median(bare), "x", note="median against median"),
    ]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks answer", description=__doc__.split("\n\n")[0])
    parser.add_argument("--stored", type=int, default=1_000_000)
    parser.add_argument("--answers", type=int, default=300)
    args = parser.parse_args(argv)
    print(table(figures(stored=args.stored, answers=args.answers)))
    return 0

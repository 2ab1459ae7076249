"""The dashboard's figures for one learner (issue #16, point 5) with many answers stored.

    python -m benchmarks dashboard [--stored N] [--rounds R]

``study.progress.overview()`` (everything the course map shows: lessons, module status, best scores,
study time, reviews due, the charts' data) and ``continue_target()`` on a store holding ``N`` answers.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from benchmarks.common import Figure, median, percentile, table, timed
from benchmarks.data import learner_with_answers


def figures(quick: bool = False, stored: int | None = None, rounds: int | None = None) -> list[Figure]:
    stored = stored or (20_000 if quick else 1_000_000)
    rounds = rounds or (5 if quick else 30)
    with learner_with_answers(stored) as (study, _):  # any pending migration (m008's indexes) applied

        def dashboard() -> None:
            study.progress.overview()
            study.progress.continue_target()

        dashboard()
        times = [timed(dashboard) for _ in range(rounds)]
    note = f"{stored:,} answers stored; median of {rounds}"
    return [
        Figure("dashboard.median", median(times) * 1000, "ms", 30.0, note=note),
        Figure("dashboard.slowest", percentile(times, 1.0) * 1000, "ms", note="reported"),
    ]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks dashboard", description=__doc__.split("\n\n")[0])
    parser.add_argument("--stored", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args(argv)
    print(table(figures(stored=args.stored, rounds=args.rounds)))
    return 0

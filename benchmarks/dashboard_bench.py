"""The dashboard's figures for one learner (issue #16, point 5) with many answers stored.

    python -m benchmarks dashboard [--stored N] [--rounds R]

``study.progress.overview()`` (everything the course map shows: lessons, module status, best scores,
study time, reviews due, the charts' data) and ``continue_target()`` on a store holding ``N`` answers.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path

from benchmarks.common import Figure, median, percentile, table, timed
from benchmarks.data import answers_db


def figures(quick: bool = False, stored: int | None = None, rounds: int | None = None) -> list[Figure]:
    from course.engine import Study
    from course.loading.loader import bundled_course_path, load_course
    from progress_store import Store

    stored = stored or (20_000 if quick else 1_000_000)
    rounds = rounds or (5 if quick else 30)
    course = load_course(bundled_course_path())
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "progress.db"
        shutil.copy(answers_db(stored), db)
        store = Store.open(db)  # applies any pending migration (m008's indexes) as the app would
        try:
            study = Study(course, store.learner("default", course.info.id))

            def dashboard() -> None:
                study.progress.overview()
                study.progress.continue_target()

            dashboard()
            times = [timed(dashboard) for _ in range(rounds)]
        finally:
            store.close()
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

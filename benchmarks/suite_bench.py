"""The test suite's wall time (issue #16, point 9), with its slowest ten tests.

    python -m benchmarks suite [pytest options...]

Runs ``python -m pytest -q --durations=10`` (the project's own options, ``-n auto`` included) as one
process and reports its wall time and the ten slowest tests. ``--quick`` runs only a small subset
(:data:`QUICK_SUBSET`, one process, no workers) through the same code, so the measuring and the
parsing of the durations cannot rot; its figure says it is a subset. The whole suite is what CI
runs anyway, and it takes minutes.
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from benchmarks.common import Figure, table

ROOT = Path(__file__).resolve().parent.parent
QUICK_SUBSET = ("tests/unit/test_course_cache.py", "tests/unit/test_store_dashboard.py", "-n", "0")
DURATION = re.compile(r"^\s*([0-9.]+)s\s+(call|setup|teardown)\s+(\S+)")


def figures(quick: bool = False, extra: Sequence[str] = ()) -> list[Figure]:
    """The suite's wall time (at --quick, a small subset's) and its ten slowest tests."""
    if quick:
        extra = (*QUICK_SUBSET, *extra)
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "--durations=10", "-p", "no:cacheprovider", *extra],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    wall = time.perf_counter() - start
    slowest = [
        {"seconds": float(m.group(1)), "phase": m.group(2), "test": m.group(3)}
        for m in map(DURATION.match, done.stdout.splitlines())
        if m
    ][:10]
    summary = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""
    if done.returncode not in (0, 1):  # 1: some test failed (reported); anything else: pytest itself failed
        raise RuntimeError(f"pytest exited {done.returncode}: {(done.stdout + done.stderr).strip()[-500:]}")
    what = "a small subset (--quick), " if quick else ""
    return [
        Figure("suite.wall", wall, "s", note=f"{what}exit {done.returncode}: {summary[:120]}", extra={"slowest": slowest}),
        *(Figure(f"suite.slowest.{n + 1}", row["seconds"], "s", note=str(row["test"])) for n, row in enumerate(slowest)),  # type: ignore[arg-type]
    ]


def main(argv: Sequence[str] | None = None) -> int:
    print(table(figures(extra=list(argv or []))))
    return 0

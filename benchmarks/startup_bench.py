"""Start-up (issue #16, points 1 and 2): `course` to its first rendered screen and exit, against a bare Textual app.

    python -m benchmarks startup [--rounds N] [--days D]

Each run is a whole process (``benchmarks.startup_runner``), headless: the real ``course`` command on
the bundled course with a database holding ``D`` days of one learner's progress, then the bare app
(Header, Static, Footer), alternately. Wall time around the process; its CPU time from ``os.wait4``;
its peak RSS as it reports it (VmHWM). A third series, alternating with both, starts the course with its cache
never hit (every course file read and checked, as before the cache). One untimed run of each first
(it also fills the course cache, as the learner's first start would). The runs read compiled
bytecode, as an installed package does (pip compiles it on install), whatever this shell says:
``PYTHONDONTWRITEBYTECODE`` is dropped and bytecode goes to a throw-away ``PYTHONPYCACHEPREFIX``
that the untimed runs fill, so neither side compiles its modules while it is timed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from benchmarks.common import Figure, median, table
from benchmarks.data import year_db
from benchmarks.startup_runner import PEAK_FILE

ROOT = Path(__file__).resolve().parent.parent


def run_process(args: Sequence[str], env: dict[str, str]) -> tuple[float, float, float]:
    """(wall s, CPU s, peak RSS MiB) of ``python -m benchmarks.startup_runner ARGS``; raises if it fails.

    The peak is the child's own VmHWM where Linux has it (``ru_maxrss`` would carry over this process's
    own high-water mark, since ``exec`` keeps the forking parent's), else ``ru_maxrss``."""
    with tempfile.TemporaryFile() as errors, tempfile.NamedTemporaryFile("r") as peak:
        env = {**env, PEAK_FILE: peak.name}
        start = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, "-m", "benchmarks.startup_runner", *args],
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=errors,
        )
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            errors.seek(0)
            raise RuntimeError(f"{' '.join(args)} exited {proc.returncode}: {errors.read().decode()[-2000:]}")
        peak_kib = int(Path(peak.name).read_text() or usage.ru_maxrss)
    return wall, usage.ru_utime + usage.ru_stime, peak_kib / 1024


def measure(rounds: int, days: int) -> dict[str, list[tuple[float, float, float]]]:
    """``rounds`` alternating runs of the course, the bare app and the course without its cache (A B C A B C),
    after one untimed run of each."""
    source = year_db(days)
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder)
        db = home / "progress.db"
        shutil.copy(source, db)
        env = dict(os.environ)
        env.update(
            XDG_DATA_HOME=str(home / "data"),
            XDG_CONFIG_HOME=str(home / "config"),
            XDG_CACHE_HOME=str(home / "cache"),
            COURSE_DB=str(db),
            PYTHONPATH=str(ROOT),
            PYTHONPYCACHEPREFIX=str(home / "bytecode"),
        )
        env.pop("COURSE_SETTINGS", None)
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        runs = {"course": ["course"], "bare": ["bare"], "uncached": ["course-uncached"]}
        for args in runs.values():
            run_process(args, env)
        results: dict[str, list[tuple[float, float, float]]] = {name: [] for name in runs}
        for _ in range(rounds):
            for name, args in runs.items():
                results[name].append(run_process(args, env))
    return results


def figures(quick: bool = False, rounds: int | None = None, days: int | None = None) -> list[Figure]:
    """The start-up figures: ratios to the bare app (the targets) and the absolute values beside them."""
    rounds = rounds or (2 if quick else 7)
    days = days or (14 if quick else 365)
    results = measure(rounds, days)
    out: list[Figure] = []
    values: dict[str, list[float]] = {}
    for index, what, unit in ((0, "wall", "s"), (1, "cpu", "s"), (2, "peak_rss", "MiB")):
        for name in ("course", "bare"):
            values[f"{name}_{what}"] = [r[index] for r in results[name]]
        course_value, bare_value = median(values[f"course_{what}"]), median(values[f"bare_{what}"])
        target = 1.5 if what == "peak_rss" else 1.3
        note = f"course {course_value:.3g} {unit} / bare {bare_value:.3g} {unit}, median of {rounds}, {days} days of progress"
        out.append(Figure(f"startup.{what}_ratio", course_value / bare_value, "x", target, note=note))
        out.append(Figure(f"startup.course_{what}", course_value, unit, note="reported; the target is the ratio"))
        out.append(Figure(f"startup.bare_{what}", bare_value, unit, note="the floor"))
        uncached = median([r[index] for r in results["uncached"]])
        out.append(Figure(f"startup.uncached_{what}", uncached, unit, note="the course cache never hit (as before it)"))
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks startup", description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=7, help="runs of each (median reported)")
    parser.add_argument("--days", type=int, default=365, help="days of progress in the database")
    args = parser.parse_args(argv)
    print(table(figures(rounds=args.rounds, days=args.days)))
    return 0

"""``python -m benchmarks``: the whole suite (issue #16), one table or one JSON object.

    python -m benchmarks                    # every benchmark at full size, a Markdown table
    python -m benchmarks --json             # the same as one JSON object: every figure has name,
                                            #   value, unit, target and ok
    python -m benchmarks --quick [--json]   # everything at a small size, well under two minutes (CI)
    python -m benchmarks --only startup,answer
    python -m benchmarks NAME [options]     # one benchmark with its own options (e.g. search, lesson)

Missed targets never change the exit status (absolute times on a shared machine are noise); a
benchmark that crashes, or a figure that is malformed (no name, a value that is not a finite number,
an ``ok`` that is not true, false or null), does (exit 1), and a ``NAME.crashed`` figure says what
went wrong. Progress goes to stderr; the table or the JSON to stdout.
"""

from __future__ import annotations

import argparse
import importlib
import json
import subprocess
import sys
import time
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from benchmarks.common import Figure, as_json, table

# name -> module under benchmarks/, in the order the suite runs them (issue #16's points).
REGISTRY: dict[str, str] = {
    "startup": "benchmarks.startup_bench",  # 1, 2
    "validate": "benchmarks.validate_bench",  # 3
    "answer": "benchmarks.answer_bench",  # 4
    "dashboard": "benchmarks.dashboard_bench",  # 5
    "lesson": "benchmarks.lesson_bench",  # 6
    "search": "benchmarks.search_bench",  # 7
    "serve": "benchmarks.serve_bench",  # 8
    "suite": "benchmarks.suite_bench",  # 9
}
COMMANDS = frozenset({"serve"})  # run as a process: ``python -m benchmarks.serve_bench [--quick] --json``
ROOT = Path(__file__).resolve().parent.parent


def _module(name: str) -> Any:
    return importlib.import_module(REGISTRY[name])


def _figures_of(name: str, quick: bool) -> list[Figure]:
    """The module's figures: its ``figures(quick)``, or for a module with only a command line
    (``--quick --json``), the figures it prints, run as a process of its own."""
    if name in COMMANDS:
        return _figures_of_command(name, quick)
    figures: Callable[..., list[Figure]] = _module(name).figures
    return figures(quick=quick)


def _figures_of_command(name: str, quick: bool) -> list[Figure]:
    """Run ``python -m MODULE [--quick] --json``; its figures, and its exit status (which must be 0)."""
    done = subprocess.run(
        [sys.executable, "-m", REGISTRY[name], *(["--quick"] if quick else []), "--json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"{REGISTRY[name]} exited {done.returncode}: {done.stderr.strip()[-500:]}")
    found = json.loads(done.stdout)
    return [
        Figure(
            row["name"] if row["name"].startswith(f"{name}.") else f"{name}.{row['name']}",
            row["value"],
            row["unit"],
            row["target"],
            row["ok"] if row["target"] is not None else None,  # as every figure: no target, no verdict
            note=str(row.get("note", "")),
        )
        for row in found["figures"]
    ]


def run_suite(names: Sequence[str], quick: bool, progress: bool) -> tuple[list[Figure], bool]:
    """Every figure of ``names`` and whether all of them ran without crashing."""
    out: list[Figure] = []
    healthy = True
    for name in names:
        started = time.perf_counter()
        if progress:
            print(f"[{name}] ...", file=sys.stderr, flush=True)
        try:
            figures = _figures_of(name, quick)
            for figure in figures:
                problem = figure.problem()
                if problem is not None:
                    raise ValueError(f"malformed figure {figure.name!r}: {problem}")
            out.extend(figures)
        except Exception as error:  # a crash is reported as a figure, and in the exit status
            healthy = False
            traceback.print_exc(file=sys.stderr)
            out.append(Figure(f"{name}.crashed", None, "", ok=False, note=f"{type(error).__name__}: {error}"[:200]))
        if progress:
            print(f"[{name}] {time.perf_counter() - started:.1f} s", file=sys.stderr, flush=True)
    return out, healthy


def run(argv: Sequence[str]) -> int:
    if argv and argv[0] in REGISTRY:
        return int(_module(argv[0]).main(list(argv[1:])))
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of a table")
    parser.add_argument("--quick", action="store_true", help="small sizes, for CI: well under two minutes")
    parser.add_argument("--only", default="", help=f"comma-separated subset of: {', '.join(REGISTRY)}")
    args = parser.parse_args(argv)
    names = [n.strip() for n in args.only.split(",") if n.strip()] or list(REGISTRY)
    unknown = [n for n in names if n not in REGISTRY]
    if unknown:
        parser.error(f"unknown benchmark(s): {', '.join(unknown)}")
    started = time.perf_counter()
    figures, healthy = run_suite(names, args.quick, progress=True)
    seconds = time.perf_counter() - started
    if args.json:
        print(as_json(figures, args.quick, seconds))
    else:
        print(table(figures))
        print(f"\n{len(figures)} figures in {seconds:.0f} s{' (quick sizes)' if args.quick else ''}")
    return 0 if healthy else 1


if __name__ == "__main__":
    sys.exit(run(sys.argv[1:]))

"""`course validate` of a big generated course (issue #16, point 3), against only parsing its files with tomllib.

    python -m benchmarks validate [--lessons N] [--rounds R]

Both in this process, alternately: ``check_path`` (what ``course validate`` runs: every file read,
parsed, validated and linted, item-writing checks included) and ``tomllib.loads`` of every file.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from benchmarks.common import Figure, alternate, median, table
from benchmarks.data import big_course

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


def _parse_only(root: Path) -> None:
    for path in sorted(root.rglob("*.toml")):
        tomllib.loads(path.read_text(encoding="utf-8"))


def figures(quick: bool = False, lessons: int | None = None, rounds: int | None = None) -> list[Figure]:
    from course.loading.checking import check_path

    lessons = lessons or (100 if quick else 2000)
    rounds = rounds or (2 if quick else 5)
    root = big_course(lessons)
    findings = check_path(root)  # warm: imports, pydantic schemas
    errors = [f for f in findings if f.severity == "error"]
    if errors:
        raise RuntimeError(f"the generated course has errors: {errors[0].format()}")
    times = alternate({"validate": lambda: check_path(root), "tomllib": lambda: _parse_only(root)}, rounds)
    validate, parse = median(times["validate"]), median(times["tomllib"])
    files = len(list(root.rglob("*.toml")))
    size = f"{lessons} lessons, {lessons * 10} questions, {files} files"
    return [
        Figure("validate.seconds", validate, "s", 2.0 if not quick else None, note=f"{size}; median of {rounds}"),
        Figure("validate.ratio_to_tomllib", validate / parse, "x", 4.0, note=f"tomllib only: {parse:.3g} s"),
        Figure("validate.warnings", float(len(findings)), "findings", note="warnings on the generated course"),
    ]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks validate", description=__doc__.split("\n\n")[0])
    parser.add_argument("--lessons", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)
    print(table(figures(lessons=args.lessons, rounds=args.rounds)))
    return 0

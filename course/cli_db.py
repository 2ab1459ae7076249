"""``course db check`` and ``course db backup``: look after the progress database file.

Both use the same file as the other commands (``--db``, else ``$COURSE_DB``, else the user data
folder) and neither changes it: the check only reads, the backup copies it with SQLite's online
backup API (safe while the app runs).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from course.cli_options import OptionAdder

EXIT_OK, EXIT_DAMAGED, EXIT_USAGE = 0, 1, 2


def add_parsers(commands: Any, options: OptionAdder) -> None:
    """Add ``db`` with its ``check`` and ``backup`` sub-commands to the ``course`` sub-parsers;
    ``options`` adds the global options to each (``course db check --db FILE``)."""
    db = commands.add_parser(
        "db",
        help="check or back up the progress database (see `course db --help`)",
        description="Look after the progress database (--db, else $COURSE_DB, else the user data folder).",
    )
    options(db, ("db",))
    actions = db.add_subparsers(dest="db_command", title="commands", metavar="COMMAND", required=True)
    check = actions.add_parser(
        "check",
        help="integrity, foreign keys, schema version and row counts; changes nothing",
        description="Check the progress database without changing it. Exit 0 when healthy, 1 when damaged, 2 for usage errors.",
    )
    backup = actions.add_parser(
        "backup",
        help="copy the progress database safely, even while the app runs",
        description="Copy the progress database to FILE (default: <name>-backup-<UTC time>.db beside it), readable by you only.",
    )
    backup.add_argument("file", nargs="?", type=Path, metavar="FILE", help="where to write the copy (must not exist)")
    options(check, ("db",))
    options(backup, ("db",))


def run(args: argparse.Namespace) -> int | None:
    """Run ``course db check`` or ``course db backup``; the exit code (``None``: not a ``db`` command)."""
    from course.cli_context import db_path
    from progress_store import StoreError

    if args.command != "db":
        return None

    path = db_path(args.db)
    try:
        if args.db_command == "backup":
            return _backup(path, args.file)
        return _check(path)
    except StoreError as error:
        print(f"course: error: {error}", file=sys.stderr)
        return EXIT_USAGE


def _check(path: Path) -> int:
    from progress_store.maintenance import check

    report = check(path)
    print(f"database      {report.path}")
    if report.applied or report.row_counts or not report.problems:
        print(f"integrity     {_first(report.problems, 'integrity: ')}")
        print(f"foreign keys  {_first(report.problems, 'foreign keys: ')}")
        print(f"schema        {_schema(report.applied, report.pending, report.unknown)}")
        width = max((len(name) for name in report.row_counts), default=0)
        print("rows" + ("" if report.row_counts else "          (no tables)"))
        for name, count in report.row_counts.items():
            print(f"  {name:<{width}}  {count}")
    for problem in report.problems:
        print(f"problem: {problem}")
    if report.healthy:
        print("healthy")
        return EXIT_OK
    print(
        "damaged: keep a copy with `course db backup`, then start fresh by moving the file aside or with --db NEW_FILE",
        file=sys.stderr,
    )
    return EXIT_DAMAGED


def _first(problems: list[str], prefix: str) -> str:
    found = [p.removeprefix(prefix) for p in problems if p.startswith(prefix)]
    return "ok" if not found else f"{len(found)} problem(s), first: {found[0]}"


def _schema(applied: list[str], pending: list[str], unknown: list[str]) -> str:
    steps = ", ".join(applied) or "none"
    if unknown:
        return f"{steps} (newer than this version: upgrade plasticity-course to use it)"
    if pending:
        return f"{steps} (older: {', '.join(pending)} applied when the app next opens it, after a backup)"
    return f"{steps} (current)"


def _backup(path: Path, destination: Path | None) -> int:
    from progress_store.maintenance import backup

    target = backup(path, destination)
    print(f"backed up {path} to {target}")
    return EXIT_OK

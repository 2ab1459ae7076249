"""``course stats FILES...`` or ``course stats --lrs URL``: item analysis of a course's quizzes over
many learners' records.

The course (``--course``, default the bundled one) names the questions, their types and choices;
``course export`` files, or the xAPI statements ``course push`` sent to a Learning Record Store, give
the attempts. Text for the terminal by default, ``--format json`` or ``csv`` for
tools; ``-o FILE`` writes there. The work is in :mod:`course.analysis`.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from course.cli_context import EXIT_OK, EXIT_PROBLEMS, CommandError, check_output_file, load_course
from course.cli_export import projection
from course.cli_lrs import add_lrs_options, check_credential_options, lrs_client
from course.cli_options import OptionAdder

if TYPE_CHECKING:
    from course.analysis.records import AttemptRecord
    from course.analysis.report import Analysis
    from course.domain.models import Course

Source = dict[str, Any]  # what was read, for the report: {"files": N} or {"lrs": URL}


def add_parsers(commands: Any, options: OptionAdder) -> None:
    """Add ``stats`` to the ``course`` sub-parsers."""
    stats = commands.add_parser(
        "stats",
        help="item analysis of the quizzes over many learners' exports (facility, discrimination, distractors)",
        description="Read `course export` files of many learners (a folder reads every *.json in it), or the xAPI "
        "statements of every learner in a Learning Record Store (--lrs), and print, per "
        "question, the facility index, the discrimination index (as Moodle's quiz statistics), how often each choice "
        "was chosen and flags; per quiz the score distribution and Cronbach's alpha. See docs/item-analysis.md. "
        "Exit 0 when every file was read, 1 when a file had errors (it is left out), 2 for usage errors.",
    )
    stats.add_argument(
        "files", nargs="*", default=[], type=Path, metavar="FILE", help="`course export` files, or folders of them"
    )
    stats.add_argument(
        "--attempts",
        choices=("first", "all"),
        default="first",
        help="count each learner's first finished attempt of a quiz, or every finished attempt (default: %(default)s)",
    )
    stats.add_argument("--format", choices=("text", "json", "csv"), default="text", help="output format (default: %(default)s)")
    stats.add_argument("--output", "-o", type=Path, metavar="FILE", help="write the report to FILE instead of standard output")
    stats.add_argument(
        "--min-responses",
        type=_count,
        default=10,
        metavar="N",
        help="responses a question needs before a low discrimination is flagged (default: %(default)s)",
    )
    add_lrs_options(stats, "read the statements `course push` sent to this LRS's xAPI endpoint instead of files")
    options(stats, ("course",))


def run(args: argparse.Namespace) -> int | None:
    """Run ``course stats``; the exit code (``None``: not this command)."""
    if args.command != "stats":
        return None
    from course.analysis.report import analyse

    if args.output is not None:
        check_output_file(args.output)
    if bool(args.files) == bool(args.lrs):
        raise CommandError("give export files or --lrs URL (one of the two)")
    check_credential_options(args)
    if args.lrs:
        course = load_course(args.course)
        records, source, problems = _from_lrs(args, course.info.id)
    else:
        records, source, problems, course = _from_files(args)
    analysis = analyse(course, records, args.attempts, args.min_responses)
    _emit(_render(analysis, args.format, source), args.output)
    return EXIT_PROBLEMS if problems else EXIT_OK


def _from_files(args: argparse.Namespace) -> tuple[list[AttemptRecord], Source, bool, Course]:
    """The attempts in the export files (findings on stderr; a file with errors is left out)."""
    from course.analysis.exports import export_files, read_exports

    missing = [path for path in args.files if not path.exists()]
    if missing:
        raise CommandError(f"no such file or folder: {missing[0]}")
    paths = export_files(args.files)
    if not paths:
        raise CommandError("no export files found (a folder is read for its *.json files)")
    course = load_course(args.course)
    read = read_exports(paths, course.info.id)
    for finding in read.findings:
        print(finding.format(), file=sys.stderr)
    if read.errors:
        print(f"course: {len(read.errors)} error(s) in the export files; those files were left out", file=sys.stderr)
    return read.records, {"files": read.files}, bool(read.errors), course


def _from_lrs(args: argparse.Namespace, course_id: str) -> tuple[list[AttemptRecord], Source, bool]:
    """Every learner's attempts from the LRS's statements about the course (paged; filtered here too)."""
    from course.analysis.xapi_records import attempt_records
    from course.lrs_client import LrsError

    iris = projection(args.base_iri)
    course_iri = iris.course_iri(course_id)
    client = lrs_client(args)
    try:
        statements = client.every({"activity": course_iri, "related_activities": "true", "limit": "500"})
        found = attempt_records(statements, course_iri, iris.extension("attempt"))
    except LrsError as error:
        raise CommandError(str(error), EXIT_PROBLEMS) from None
    if found.skipped:
        print(f"course: {found.skipped} statement(s) from the LRS were not understood and were left out", file=sys.stderr)
    return found.records, {"lrs": client.url}, False


def _emit(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as error:
        raise CommandError(f"cannot write {output}: {error.strerror}") from None


def _render(analysis: Analysis, output: str, source: Source) -> str:
    from course.analysis.tables import to_csv, to_json
    from course.analysis.text_report import render_text

    if output == "json":
        return json.dumps(to_json(analysis, **source), indent=2, ensure_ascii=False) + "\n"
    if output == "csv":
        return to_csv(analysis)
    return render_text(analysis, **source)


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise argparse.ArgumentTypeError(f"expected a whole number of 0 or more, got {text!r}")
    return value

"""``course stats FILES...``: item analysis of a course's quizzes over learners' ``course export`` files.

The course (``--course``, default the bundled one) names the questions, their types and choices;
the files give the attempts. Text for the terminal by default, ``--format json`` or ``csv`` for
tools; ``-o FILE`` writes there. The work is in :mod:`course.analysis`.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from course.cli_context import EXIT_OK, EXIT_PROBLEMS, CommandError, check_output_file, load_course
from course.cli_options import OptionAdder

if TYPE_CHECKING:
    from course.analysis.report import Analysis


def add_parsers(commands: Any, options: OptionAdder) -> None:
    """Add ``stats`` to the ``course`` sub-parsers."""
    stats = commands.add_parser(
        "stats",
        help="item analysis of the quizzes over many learners' exports (facility, discrimination, distractors)",
        description="Read `course export` files of many learners (a folder reads every *.json in it) and print, per "
        "question, the facility index, the discrimination index (as Moodle's quiz statistics), how often each choice "
        "was chosen and flags; per quiz the score distribution and Cronbach's alpha. See docs/item-analysis.md. "
        "Exit 0 when every file was read, 1 when a file had errors (it is left out), 2 for usage errors.",
    )
    stats.add_argument("files", nargs="+", type=Path, metavar="FILE", help="`course export` files, or folders of them")
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
    options(stats, ("course",))


def run(args: argparse.Namespace) -> int | None:
    """Run ``course stats``; the exit code (``None``: not this command)."""
    if args.command != "stats":
        return None
    from course.analysis.exports import export_files, read_exports
    from course.analysis.report import analyse

    missing = [path for path in args.files if not path.exists()]
    if missing:
        raise CommandError(f"no such file or folder: {missing[0]}")
    if args.output is not None:
        check_output_file(args.output)
    paths = export_files(args.files)
    if not paths:
        raise CommandError("no export files found (a folder is read for its *.json files)")
    course = load_course(args.course)
    read = read_exports(paths, course.info.id)
    for finding in read.findings:
        print(finding.format(), file=sys.stderr)
    analysis = analyse(course, read.records, args.attempts, args.min_responses)
    text = _render(analysis, args.format, read.files)
    if args.output is not None:
        try:
            args.output.write_text(text, encoding="utf-8")
        except OSError as error:
            raise CommandError(f"cannot write {args.output}: {error.strerror}") from None
    else:
        sys.stdout.write(text)
    if read.errors:
        print(f"course: {len(read.errors)} error(s) in the export files; those files were left out", file=sys.stderr)
        return EXIT_PROBLEMS
    return EXIT_OK


def _render(analysis: Analysis, output: str, files: int) -> str:
    from course.analysis.tables import to_csv, to_json
    from course.analysis.text_report import render_text

    if output == "json":
        return json.dumps(to_json(analysis, files), indent=2, ensure_ascii=False) + "\n"
    if output == "csv":
        return to_csv(analysis)
    return render_text(analysis, files)


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise argparse.ArgumentTypeError(f"expected a whole number of 0 or more, got {text!r}")
    return value

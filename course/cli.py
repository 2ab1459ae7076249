"""The ``course`` command: take a course, validate one, describe one.

This is the composition root: it loads the course, opens the progress store and only then imports
the Textual app (lazily, so ``course validate`` and ``course info`` start fast).
"""

from __future__ import annotations

import argparse
import errno
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from course import cli_author, cli_ce, cli_db, cli_gift, cli_preview, cli_push, cli_serve, cli_stats
from course.cli_context import EXIT_OK, EXIT_PROBLEMS, CommandError, course_path, load_course, open_store, say_error
from course.cli_options import CommandModule, OneLineParser, command_options, global_options, parse
from course.loading.findings import Finding
from course.package_version import package_version

# Modules that add their own sub-commands (see course.cli_options); the rest are below.
# Write errors (no file name) that mean standard output cannot take what a command prints.
OUTPUT_ERRNOS = frozenset({errno.ENOSPC, errno.EIO, errno.EFBIG, errno.EDQUOT, errno.EROFS, errno.ENXIO})
COMMAND_MODULES: tuple[CommandModule, ...] = (cli_db, cli_preview, cli_author, cli_gift, cli_ce, cli_stats, cli_push, cli_serve)


def version() -> str:
    """The installed package's version ("unknown" when it is not installed)."""
    return package_version()


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for ``course`` and its commands. The global options (--course, --db,
    --learner, --plain) go before or after a command. A usage mistake is one line and exit 2."""
    parser = OneLineParser(
        prog="course",
        description="Take a terminal course (with no command), or check and describe course folders.",
        epilog="Progress is saved in an SQLite file in your user data folder unless --db or COURSE_DB names another. "
        "--course, --db and --learner also work after a command that uses them (course export --learner NAME).",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {version()}")
    global_options(parser, suppress=False)
    commands = parser.add_subparsers(dest="command", title="commands", metavar="COMMAND")

    validate = commands.add_parser(
        "validate",
        help="check a course folder or file; print every problem as path:line:col",
        description="Check a course folder or a single course file and print every problem found. "
        "Exit 0 when there are no errors, 1 when there are, 2 for usage errors.",
    )
    validate.add_argument("path", nargs="?", type=Path, help="course folder or file (default: the bundled course)")
    validate.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: %(default)s)")
    validate.add_argument("--strict", action="store_true", help="treat warnings as errors (exit 1)")
    global_options(validate, suppress=True, names=("course",))

    info = commands.add_parser(
        "info",
        help="describe a course: modules, lessons, questions, study time",
        description="Print what a course holds. Exit 1 if the course has errors.",
    )
    info.add_argument("path", nargs="?", type=Path, help="course folder (default: the bundled course)")
    info.add_argument("--json", action="store_true", help="print one JSON object")
    global_options(info, suppress=True, names=("course",))

    export = commands.add_parser(
        "export",
        help="print a learner's records (progress, answers, reviews, notes, bookmarks) as JSON",
        description="Print everything recorded for one learner in one course as a JSON object.",
    )
    export.add_argument("path", nargs="?", type=Path, help="course folder (default: the bundled course)")
    export.add_argument("--output", "-o", metavar="FILE", type=Path, help="write to FILE instead of standard output")
    export.add_argument(
        "--format",
        choices=("json", "csv", "xapi"),
        default="json",
        help="json (default); csv: one file a table into the folder or .zip named by -o; xapi: xAPI 1.0.3 statements as JSON Lines",
    )
    global_options(export, suppress=True, names=("course", "db", "learner"))
    for module in COMMAND_MODULES:
        module.add_parsers(commands, command_options)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``course`` command line; returns the exit code. A mistake is one line on stderr, never a
    traceback: a :class:`CommandError`, a full standard output, a closed pipe or Ctrl+C."""
    try:
        code = _dispatch(argv)
        sys.stdout.flush()  # a full standard output fails here, not at exit
        return code
    except CommandError as error:
        return say_error(str(error), error.code)
    except BrokenPipeError:
        # The reader went away (``course info | head``): stop quietly, as other command-line tools do.
        _discard_stdout()
        return EXIT_OK
    except KeyboardInterrupt:
        print("course: interrupted", file=sys.stderr)
        return 130
    except OSError as error:
        if error.filename is not None or error.errno not in OUTPUT_ERRNOS:
            raise
        _discard_stdout()
        return say_error(f"cannot write to standard output: {error.strerror}")


def _discard_stdout() -> None:
    """Point standard output at /dev/null, so the interpreter's last flush cannot fail again."""
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _dispatch(argv: Sequence[str] | None) -> int:
    args = parse(build_parser(), argv)
    if args.command == "validate":
        return cmd_validate(_one_course(args), args.format, args.strict)
    if args.command == "info":
        return cmd_info(_one_course(args), args.json)
    if args.command == "export":
        from course.cli_export import cmd_export

        return cmd_export(_one_course(args), args.db, args.learner, args.output, args.format)
    for module in COMMAND_MODULES:
        code = module.run(args)
        if code is not None:
            return code
    return cmd_run(args.course, args.db, args.learner, args.plain)


def _one_course(args: argparse.Namespace) -> Path | None:
    """The course a command's PATH or --course names; naming two different ones is a usage error."""
    if args.path is not None and args.course is not None and args.path.absolute() != args.course.absolute():
        raise CommandError(f"{args.command} takes one course: give PATH or --course, not both")
    chosen: Path | None = args.path if args.path is not None else args.course
    return chosen


def cmd_validate(path: Path | None, output: str, strict: bool) -> int:
    """``course validate``: print every finding; exit 1 when any is an error (or a warning with --strict)."""
    from course.loading.checking import check_path

    findings = check_path(course_path(path))
    if output == "json":
        print(json.dumps([f.to_json() for f in findings], indent=2, ensure_ascii=False))
    else:
        for finding in findings:
            print(finding.format())
        print(_summary(findings), file=sys.stderr)
    failing = [f for f in findings if f.severity == "error" or strict]
    return EXIT_PROBLEMS if failing else EXIT_OK


def _summary(findings: list[Finding]) -> str:
    errors = sum(f.severity == "error" for f in findings)
    warnings = len(findings) - errors
    return "no problems found" if not findings else f"{errors} error(s), {warnings} warning(s)"


def cmd_info(path: Path | None, as_json: bool) -> int:
    """``course info``: counts for a course."""
    from course.loading.info import course_info

    info = course_info(load_course(path))
    if as_json:
        print(json.dumps(info, indent=2, ensure_ascii=False))
    else:
        quizzes = [_quiz_row(row) for row in info.pop("quiz_details")]
        width = max([len(k) for k in info] + [len(label) for label, _ in quizzes])
        for key, value in info.items():
            shown = ", ".join(f"{k} {v}" for k, v in value.items()) if isinstance(value, dict) else value
            shown = ", ".join(shown) if isinstance(shown, list) else shown
            print(f"{key.replace('_', ' '):<{width}}  {shown}")
        for label, shown in quizzes:
            print(f"{label:<{width}}  {shown}")
    return EXIT_OK


def _quiz_row(row: dict[str, Any]) -> tuple[str, str]:
    """One quiz of ``course info`` in words: ``quiz ID`` and its counts and cue shares."""
    parts = [f"{row['questions']} questions"]
    if row["longest_key_share"] is not None:
        longest = round(row["longest_key_share"] * row["single_choice"])
        parts.append(
            f"longest option is the key in {longest} of {row['single_choice']} single-choice ({row['longest_key_share']:.0%})"
        )
    if row["true_share"] is not None:
        true = round(row["true_share"] * row["true_false"])
        parts.append(f"{true} of {row['true_false']} true/false are true ({row['true_share']:.0%})")
    return f"quiz {row['id']}", "; ".join(parts)


def cmd_run(course_arg: Path | None, db_arg: Path | None, learner: str | None, plain: bool = False) -> int:
    """Load the course (through the course cache), open the store (created on first use), and run the
    Textual app (or the plain mode)."""
    from course.loading.settings import load_settings

    course = load_course(course_arg, cached=True)
    settings, problems = load_settings()
    store = open_store(db_arg, create=True)
    try:
        if plain or settings.plain:
            from tui.plain.session import run_plain

            for problem in problems:
                print(f"course: settings: {problem}", file=sys.stderr)
            return run_plain(course, store, learner, stdin=sys.stdin, stdout=sys.stdout)
        from tui.textual_app.app import make_app

        app = make_app(course, store, learner=learner, settings=settings, settings_problems=problems)
        app.run()
        app.writer.finish()  # quitting drained the writes; this covers an exit that did not
    finally:
        store.close()
    return EXIT_OK

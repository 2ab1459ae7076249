"""``course new`` (start a course folder, or add a module, lesson, quiz or question to one) and
``course schema`` (the JSON Schema of each kind of course file, for editors); also what the authoring
commands share (``course.cli_gift`` too): the ``--course`` option, errors, and paths as shown.

Nothing heavy is imported until one of these commands runs, so other commands start as fast as before.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from course.cli_options import OptionAdder

if TYPE_CHECKING:
    from course.authoring.scaffold import Change

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
PIECES = ("module", "lesson", "quiz", "question")
# The same as quizzes.questions.QUESTION_TYPES and course.authoring.schema.KINDS (a test checks),
# written out so that building the parser imports no models.
QUESTION_TYPES = ("single", "multiple", "true_false", "order", "match", "text", "numeric")
SCHEMA_KINDS = ("course", "glossary", "references", "module", "lesson", "quiz")

NEW_EPILOG = f"""\
examples:
  course new my-course --title "Sleep and memory"    a course folder that validates and runs as it is
  course new module "Receptors"                     (inside a course folder, or add --course DIR)
  course new lesson "The 5-HT2A receptor" --module 02-receptors
  course new quiz --module 02-receptors
  course new question numeric --module 02-receptors

question types: {", ".join(QUESTION_TYPES)}
--module takes a module folder (path, or its name in modules/) or a module id. Nothing is ever
overwritten: a question is appended to the module's quiz.toml. A course folder literally named
like a piece (module, lesson …) is written as ./module."""


class _UsageError(Exception):
    """A ``course new`` call whose arguments do not fit together."""


def add_parsers(commands: Any, options: OptionAdder) -> None:
    """Add ``new`` and ``schema`` to the ``course`` sub-parsers."""
    new = commands.add_parser(
        "new",
        help="start a course folder, or add a module, lesson, quiz or question to one",
        description="Write a complete small course into DIR (missing or empty), or add one piece to an existing "
        "course with a fresh id and the next numeric prefix. Prints what it wrote.",
        epilog=NEW_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    new.add_argument("what", metavar="DIR|module|lesson|quiz|question", help="a new course folder, or the piece to add")
    new.add_argument("name", nargs="?", metavar="TITLE|TYPE", help="the module or lesson title, or the question type")
    new.add_argument("--title", help="the course's title (default: from DIR's name), or the quiz's")
    new.add_argument("--id", help="the course's id (default: made from its title)")
    new.add_argument("--module", metavar="MODULE_DIR", help="the module a lesson, quiz or question goes into")
    add_course_option(new, "the course to add a piece to")

    schema = commands.add_parser(
        "schema",
        help="print the JSON Schema of a kind of course file, for editors (Taplo, VS Code)",
        description="Print the JSON Schema (draft 2020-12) of one kind of course file, generated from the models "
        "that `course validate` uses. With no KIND, list the kinds; with --output, write <kind>.schema.json files.",
    )
    schema.add_argument("kind", nargs="?", choices=SCHEMA_KINDS, metavar="KIND", help=f"one of: {', '.join(SCHEMA_KINDS)}")
    schema.add_argument(
        "--output", "-o", metavar="DIR", type=Path, help="write <kind>.schema.json into DIR (every kind, or KIND)"
    )


def add_course_option(parser: argparse.ArgumentParser, what: str) -> None:
    """``--course DIR``: ``what`` it names. Not the shared --course (its help names the bundled course):
    here it defaults to the course the working folder (or the ``--module`` path) is in."""
    parser.add_argument(
        "--course",
        metavar="DIR",
        type=Path,
        default=argparse.SUPPRESS,
        help=f"{what} (default: the course folder the working folder, or the --module path, is in)",
    )


def run(args: argparse.Namespace) -> int | None:
    """Run ``course new`` or ``course schema``; the exit code (``None``: not one of these commands)."""
    if args.command == "new":
        return _new(args)
    if args.command == "schema":
        return _schema(args.kind, args.output)
    return None


def error(message: str, code: int = EXIT_USAGE) -> int:
    """Print ``message`` as ``course: error: ...`` (paths below the working folder shown relative); ``code``."""
    here = str(Path.cwd().resolve()) + os.sep
    print(f"course: error: {message.replace(here, '')}", file=sys.stderr)
    return code


def shown(path: Path) -> str:
    """``path`` relative to the working folder when it lies below it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _new(args: argparse.Namespace) -> int:
    from course.authoring.course_folder import AuthoringError

    try:
        changes, after = _scaffold(args)
    except _UsageError as usage:
        return error(f"{usage} (see `course new --help`)")
    except AuthoringError as refused:
        return error(str(refused))
    except OSError as failure:
        return error(f"cannot write: {failure.strerror or failure}: {failure.filename or ''}".rstrip(": "))
    for change in changes:
        print(f"{change.action} {shown(change.path)}: {change.what}")
    print(after)
    return EXIT_OK


def _scaffold(args: argparse.Namespace) -> tuple[list[Change], str]:
    """Do what ``course new`` was asked; what changed and a line saying what to do next."""
    from course.authoring import scaffold, scaffold_pieces
    from course.authoring.course_folder import find_course, resolve_module

    what, name, module = args.what, args.name, args.module
    if what not in PIECES:
        if name is not None or module is not None:
            raise _UsageError("course new DIR takes only --title and --id (quote a title that has spaces)")
        folder = Path(what)
        changes = scaffold.new_course(folder, args.title, args.id)
        where = shown(folder)
        return changes, f"next: course validate --strict {where}, then take it: course --course {where}"
    if args.id is not None:
        raise _UsageError("--id is for a new course; pieces get ids made from their titles")
    if what == "question" and name not in QUESTION_TYPES:
        given = f"unknown question type '{name}'" if name else "course new question needs a TYPE"
        raise scaffold.ScaffoldError(f"{given}; the types are: {', '.join(QUESTION_TYPES)}")
    if what in ("module", "lesson") and not name:
        raise _UsageError(f"course new {what} needs a TITLE")
    if what == "quiz" and name is not None:
        raise _UsageError("course new quiz takes no TITLE argument; give --title to name the quiz")
    if what == "module" and module is not None:
        raise _UsageError("course new module takes no --module")
    if what != "module" and module is None:
        raise _UsageError(f"course new {what} needs --module MODULE_DIR")
    if args.title is not None and what != "quiz":
        raise _UsageError(f"course new {what} takes its title as an argument, not --title")
    root = find_course(args.course, module)
    if what == "module":
        changes = scaffold_pieces.new_module(root, name)
    else:
        folder = resolve_module(root, module)
        if what == "lesson":
            changes = scaffold_pieces.new_lesson(root, folder, name)
        elif what == "quiz":
            changes = scaffold_pieces.new_quiz(root, folder, args.title)
        else:
            changes = scaffold_pieces.new_question(root, folder, name)
    return changes, f"next: edit it, then check the course: course validate {shown(root)}"


def _schema(kind: str | None, output: Path | None) -> int:
    from course.authoring.schema import KINDS, schema_text, write_schemas

    if output is not None:
        try:
            written = write_schemas(output, [kind] if kind else list(KINDS))
        except OSError as failure:
            return error(f"cannot write into {output}: {failure.strerror or failure}")
        for path in written:
            print(f"wrote {shown(path)}")
        return EXIT_OK
    if kind is not None:
        sys.stdout.write(schema_text(kind))
        return EXIT_OK
    width, files = max(map(len, KINDS)), max(len(file_name) for _, file_name, _ in KINDS.values())
    print("Kinds of course file (course schema KIND prints one; --output DIR writes them all):")
    for name, (_, file_name, about) in KINDS.items():
        print(f"  {name:<{width}}  {file_name:<{files}}  {about}")
    return EXIT_OK

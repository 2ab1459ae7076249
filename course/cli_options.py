"""The ``course`` command's global options (--course, --db, --learner, --plain), shared by every command module.

Every parser is a :class:`OneLineParser`: a usage mistake is one line on stderr and exit 2.
A command module (``course.cli_db``, ``course.cli_author``, ``course.cli_gift``) has two functions:
``add_parsers(commands, options)`` adds its sub-commands to the ``course`` sub-parsers, calling
``options(parser, names)`` to give a sub-command the global options it uses; ``run(args)`` runs the
command and returns its exit code, or ``None`` when the command is not one of its own.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn, Protocol

from course.cli_context import EXIT_USAGE, learner_name, one_line, say

GLOBAL_OPTIONS = ("course", "db", "learner", "plain")

OptionAdder = Callable[[argparse.ArgumentParser, Sequence[str]], None]
"""Adds the named global options to a sub-command's parser."""


class OneLineParser(argparse.ArgumentParser):
    """An argument parser whose errors are one line (``course export: error: ...``) and exit 2, not a usage dump.
    Its sub-command parsers are of the same class (argparse makes them with ``type(self)``)."""

    def error(self, message: str) -> NoReturn:
        say(f"{self.prog}: error: {one_line(message)} (see `{self.prog} --help`)")
        sys.exit(EXIT_USAGE)


def sub_commands(parser: argparse.ArgumentParser) -> tuple[str, dict[str, argparse.ArgumentParser]]:
    """Where ``parser`` stores the chosen sub-command, and its sub-command parsers by name (none: ``("", {})``)."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return action.dest, dict(action.choices)
    return "", {}


def parse(parser: argparse.ArgumentParser, argv: Sequence[str] | None) -> argparse.Namespace:
    """``parser.parse_args(argv)``, with arguments nobody knows reported by the (sub-)command they follow."""
    args, unknown = parser.parse_known_args(argv)
    if unknown:
        target = parser
        dest, commands = sub_commands(target)
        while commands and getattr(args, dest, None) in commands:
            target = commands[getattr(args, dest)]
            dest, commands = sub_commands(target)
        target.error(f"unrecognized arguments: {' '.join(unknown)}")
    return args


class CommandModule(Protocol):
    """What the composition root needs of a module of ``course`` sub-commands."""

    def add_parsers(self, commands: Any, options: OptionAdder) -> None: ...

    def run(self, args: argparse.Namespace) -> int | None: ...


def global_options(parser: argparse.ArgumentParser, *, suppress: bool, names: Sequence[str] = GLOBAL_OPTIONS) -> None:
    """Add the global options (``names`` of them) to ``parser``. On a command's parser (``suppress``)
    an option left out sets nothing, so the same option given before the command still counts:
    ``course --learner ana export`` and ``course export --learner ana`` are one command."""
    default: dict[str, Any] = {"default": argparse.SUPPRESS} if suppress else {}
    if "course" in names:
        parser.add_argument(
            "--course", metavar="PATH", type=Path, help="course folder to use (default: the bundled course)", **default
        )
    if "db" in names:
        parser.add_argument(
            "--db",
            metavar="PATH",
            type=Path,
            help="progress database file (default: $COURSE_DB, else the user data folder)",
            **default,
        )
    if "learner" in names:
        parser.add_argument(
            "--learner",
            metavar="NAME",
            type=learner_name,
            help="whose progress to use (default: ask when several learners share this machine)",
            **default,
        )
    if "plain" in names:
        parser.add_argument(
            "--plain",
            action="store_true",
            help="plain mode for screen readers and limited terminals: scrolling text, numbered choices, no full-screen drawing",
            **default,
        )


def command_options(parser: argparse.ArgumentParser, names: Sequence[str]) -> None:
    """The :data:`OptionAdder` for sub-commands: the options left out there keep what was given before the command."""
    global_options(parser, suppress=True, names=names)

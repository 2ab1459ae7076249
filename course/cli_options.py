"""The ``course`` command's global options (--course, --db, --learner, --plain), shared by every command module.

A command module (``course.cli_db``, ``course.cli_author``, ``course.cli_gift``) has two functions:
``add_parsers(commands, options)`` adds its sub-commands to the ``course`` sub-parsers, calling
``options(parser, names)`` to give a sub-command the global options it uses; ``run(args)`` runs the
command and returns its exit code, or ``None`` when the command is not one of its own.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Protocol

GLOBAL_OPTIONS = ("course", "db", "learner", "plain")

OptionAdder = Callable[[argparse.ArgumentParser, Sequence[str]], None]
"""Adds the named global options to a sub-command's parser."""


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

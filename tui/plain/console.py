"""Lines out, lines in: the prompt, the commands that work at every prompt, and saving with retry."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from typing import TextIO, TypeVar

from progress_store import StoreError
from tui.plain.text import clean, wrap

T = TypeVar("T")
Place = tuple[object, ...]
MAP: Place = ("map",)
REVIEW: Place = ("review",)
Commands = Sequence[tuple[str, str]]

GLOBAL_HELP = [
    ("h", "list the commands you can type here"),
    ("m", "go to the course map"),
    ("r", "review the cards that are due"),
    ("q", "quit (your progress is saved; the next start resumes here)"),
]


class Quit(Exception):
    """The learner quit: ``q``, end of input, or Ctrl+C."""


class Go(Exception):
    """The learner typed a command that leads somewhere else (the map, a review)."""

    def __init__(self, place: Place) -> None:
        super().__init__(place)
        self.place = place


class PlainIO:
    """Lines out, lines in. ``input()`` (with line editing) only on the real console streams."""

    def __init__(self, stdin: TextIO, stdout: TextIO) -> None:
        self.stdin = stdin
        self.stdout = stdout
        self.console = stdin is sys.stdin and stdout is sys.stdout

    def say(self, text: str = "") -> None:
        try:
            self.stdout.write(text + "\n")
        except UnicodeEncodeError:  # a terminal that cannot show every character: show "?" instead
            encoding = getattr(self.stdout, "encoding", None) or "ascii"
            self.stdout.write((text + "\n").encode(encoding, "replace").decode(encoding))
        self.stdout.flush()

    def read(self, prompt: str) -> str:
        """One line typed by the learner (without its newline); ``Quit`` at the end of input."""
        if self.console:
            try:
                return input(prompt)
            except EOFError:
                raise Quit from None
        self.stdout.write(prompt)
        self.stdout.flush()
        line = self.stdin.readline()
        if not line:
            raise Quit
        return line.rstrip("\r\n")


class Console:
    """What every plain-mode view uses to talk to the learner."""

    def __init__(self, io: PlainIO) -> None:
        self.io = io

    def say(self, text: str = "") -> None:
        self.io.say(text)

    def tell(self, text: str) -> None:
        """Say untrusted or long text, wrapped to the width."""
        self.io.say(wrap(text))

    def ask(self, prompt: str, commands: Commands, local: Sequence[str] = ()) -> str:
        """Read a line; handle the global commands (h, m, r, q) and return anything else, trimmed.

        ``local`` lists exact inputs that mean something here even though they look like a global
        command (``Q`` opens a module's quiz while ``q`` quits).
        """
        while True:
            try:
                text = clean(self.io.read(prompt)).strip()
            except UnicodeDecodeError:
                self.say("That could not be read; please type it again.")
                continue
            if text in local:
                return text
            word = text.lower()
            if word == "q":
                raise Quit
            if word in ("h", "?"):
                self.show_help(commands)
                continue
            if word == "m":
                raise Go(MAP)
            if word == "r":
                raise Go(REVIEW)
            return text

    def pause(self, prompt: str = "Press Enter to continue. ") -> None:
        self.ask(prompt, [("Enter", "continue")])

    def show_help(self, commands: Commands) -> None:
        self.say("")
        self.say("Commands here:" if commands else "Commands:")
        for key, meaning in commands:
            self.say(wrap(meaning, indent=f"  {key} ".ljust(11), subsequent_indent=" " * 11))
        if commands:
            self.say("Everywhere:")
        for key, meaning in GLOBAL_HELP:
            self.say(wrap(meaning, indent=f"  {key} ".ljust(11), subsequent_indent=" " * 11))
        self.say("")

    def write(self, action: Callable[[], T]) -> T:
        """Run one store write now; if the store is busy, say so and let the learner retry."""
        while True:
            try:
                return action()
            except StoreError as error:
                self.tell(f"Could not save: {error}")
                self.ask("Press Enter to try again, or q to quit. ", [("Enter", "try to save again")])


def count(n: int, noun: str) -> str:
    """ "1 card", "3 cards"."""
    return f"{n} {noun}" + ("" if n == 1 else "s")

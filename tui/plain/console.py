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
    ("h or help", "list the commands you can type here"),
    ("m or map", "go to the course map"),
    ("r or review", "review the cards that are due"),
    ("q or quit", "quit (your progress is saved; the next start resumes here)"),
]
# Every command is a distinct letter or its whole word, in any case: a screen reader does not say case.
GLOBAL_WORDS = {
    "h": "help",
    "?": "help",
    "help": "help",
    "m": "map",
    "map": "map",
    "r": "review",
    "review": "review",
    "q": "quit",
    "quit": "quit",
    "exit": "quit",
}
GLOBAL_LETTERS = frozenset(("h", "?", "m", "r", "q"))


class Quit(Exception):
    """The learner quit: ``q`` or ``quit``, end of input, or Ctrl+C."""


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
        self.heard: Callable[[], None] = lambda: None  # called on every line typed (the engagement meter's input)

    def say(self, text: str = "") -> None:
        self.io.say(text)

    def tell(self, text: str) -> None:
        """Say untrusted or long text, wrapped to the width."""
        self.io.say(wrap(text))

    def ask(self, prompt: str, commands: Commands, offer: str = "", *, words: bool = True, places: bool = True) -> str:
        """Read a line at ``prompt``; handle the global commands (help, map, review, quit, as a letter
        or a whole word, in any case) and return anything else, trimmed.

        When ``offer`` (this place's commands, in short) is given, a line before each prompt lists
        them and the global ones (a screen reader reads it as the prompt appears). ``words=False``
        takes only the global letters as commands, where a whole word may be an answer (a typed
        text answer); ``places=False`` (before the course is open) leaves out the map and review.
        """
        here = prompt.removesuffix(">").strip()
        everywhere = ("m map", "r review", "h help", "q quit") if places else ("h help", "q quit")
        listing = ", ".join(command for command in everywhere if here != "Map" or command != "m map")
        # A sentence ("Press Enter to continue.") is its own prompt; a place's name gets "> ".
        full = f"{here} " if here.endswith((".", "?")) else f"{here}> "
        while True:
            if offer:
                self.say(wrap(f"Commands: {offer}; {listing}."))
            try:
                line = self.io.read(full)
            except UnicodeDecodeError:
                self.heard()
                self.say("That could not be read; please type it again.")
                continue
            self.heard()
            text = clean(line).strip()
            word = text.lower()
            command = GLOBAL_WORDS.get(word) if words or word in GLOBAL_LETTERS else None
            if not places and command in ("map", "review"):
                command = None
            if command == "quit":
                raise Quit
            if command == "help":
                self.show_help(commands, places)
                continue
            if command == "map":
                raise Go(MAP)
            if command == "review":
                raise Go(REVIEW)
            return text

    def pause(self, prompt: str = "Press Enter to continue.") -> None:
        self.ask(prompt, [("Enter", "continue")])

    def show_help(self, commands: Commands, places: bool = True) -> None:
        everywhere = GLOBAL_HELP if places else [GLOBAL_HELP[0], GLOBAL_HELP[-1]]
        width = max(len(key) for key, _ in [*commands, *everywhere]) + 4
        self.say("")
        self.say("Commands here:" if commands else "Commands:")
        for key, meaning in commands:
            self.say(wrap(meaning, indent=f"  {key} ".ljust(width), subsequent_indent=" " * width))
        if commands:
            self.say("Everywhere (a letter or the whole word, in any case):")
        for key, meaning in everywhere:
            self.say(wrap(meaning, indent=f"  {key} ".ljust(width), subsequent_indent=" " * width))
        self.say("")

    def write(self, action: Callable[[], T]) -> T:
        """Run one store write now; if the store is busy, say so and let the learner retry."""
        while True:
            try:
                return action()
            except StoreError as error:
                self.tell(f"Could not save: {error}")
                self.ask("Press Enter to try again, or q to quit.", [("Enter", "try to save again")])


def count(n: int, noun: str) -> str:
    """ "1 card", "3 cards"."""
    return f"{n} {noun}" + ("" if n == 1 else "s")

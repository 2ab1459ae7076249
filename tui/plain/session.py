"""The plain mode (``course --plain``): the course as scrolling text with numbered choices typed at a
prompt, for screen-reader users and limited terminals.

No full-screen drawing and no Textual: only lines written to ``stdout`` and lines read from
``stdin``. Every rule comes from the study engine, so plain mode records exactly what the Textual
app records, in the same progress store: lessons opened and done, the place to resume and continue,
attempts and answers with their review ratings, finished attempts, reviews, desired retention and
engaged time (idle time left out; the only study time). There is no UI thread here, so every write goes straight to the store before the next prompt.

Every command is a distinct letter or its whole word, in any case (a screen reader does not say
case), and every prompt lists what can be typed there. At every prompt: ``h``/``help`` lists every
command, ``m``/``map`` goes to the course map, ``r``/``review`` reviews the cards that are due,
``q``/``quit`` quits. End of input (Ctrl+D) and Ctrl+C also quit; progress is always saved. With no
learner named and several sharing the machine, plain mode first asks who is learning. A course with
a ``[ce]`` activity shows its page until the learner types ``agree``, and ``ce`` at the map leads
through the credit (checklist, evaluation, attestation, certificate).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TextIO, cast

from course.domain.models import Course
from course.engine import Study
from course.engine.learners import implied_learner
from progress_store import Store, StoreError
from tui.plain.ce_view import CeView
from tui.plain.console import MAP, Console, Go, Place, PlainIO, Quit
from tui.plain.context import Plain
from tui.plain.lesson_view import LessonView
from tui.plain.map_view import MapView, place_of
from tui.plain.quiz_view import QuizView
from tui.plain.results_view import ResultsView
from tui.plain.review_view import ReviewView
from tui.plain.text import underline, wrap

__all__ = ["run_plain"]


def run_plain(
    course: Course,
    store: Store,
    learner: str | None = "default",
    *,
    stdin: TextIO,
    stdout: TextIO,
    clock: Callable[[], datetime] | None = None,
    new_seed: Callable[[], int] | None = None,
    fuzz_reviews: bool = True,
    certificates: Path | None = None,
) -> int:
    """Run the plain mode until the learner quits or input ends; returns the exit code.

    0 when the learner quits (``q``, end of input, Ctrl+C): everything is saved as it happens.
    1 only if the progress store fails in a way that retrying cannot fix.
    ``learner=None``: the only learner on this machine, "default" when there is none, and when
    there are several, ask who is learning (as the app's profile picker does).
    ``certificates``: the folder for certificate PDFs (default: the current folder, or the data
    folder when that cannot be written).
    """
    console = Console(PlainIO(stdin, stdout))
    if learner is None:
        known = store.learners()
        learner = implied_learner(known)
        if learner is None:
            try:
                learner = pick_learner(console, known)
            except (Quit, KeyboardInterrupt, EOFError):
                console.say("")
                console.say("Goodbye.")
                return 0
    study = Study(course, store.learner(learner, course.info.id), clock=clock, new_seed=new_seed, fuzz_reviews=fuzz_reviews)
    return PlainSession(Plain(console, study, certificates)).run()


def pick_learner(console: Console, known: list[str]) -> str:
    """Ask which of ``known`` is learning (by number or name), or take a new name."""
    console.say("")
    console.say(underline("Who is learning?", "-"))
    for number, name in enumerate(known, start=1):
        console.say(wrap(f"{number}. {name}", subsequent_indent="   "))
    numbers = f"1-{len(known)}"
    commands = [(numbers, "continue as that learner"), ("NAME", "a learner's name, or a new name to start afresh")]
    console.tell("Type a learner's number or name, or a new name.")
    while True:
        choice = console.ask("Learner", commands, f"{numbers} or a name", words=False, places=False)
        if choice.isdigit() and 1 <= int(choice) <= len(known):
            return known[int(choice) - 1]
        if choice:
            return next((name for name in known if name.casefold() == choice.casefold()), choice[:60])
        console.tell(f"Type a number from 1 to {len(known)}, or a name.")


class PlainSession:
    """The loop: from one place (map, module, lesson, quiz, results, review) to the next."""

    def __init__(self, plain: Plain) -> None:
        self.plain = plain
        self.console = plain.console
        self.maps = MapView(plain)
        self.lessons = LessonView(plain)
        self.quizzes = QuizView(plain)
        self.results = ResultsView(plain)
        self.reviews = ReviewView(plain)
        self.credit = CeView(plain)

    def run(self) -> int:
        console = self.console
        try:
            try:
                console.say(underline(self.plain.course.info.title))
                try:
                    place = self.start()
                except Go as go:
                    place = go.place
                while True:
                    try:
                        place = self.visit(place)
                    except Go as go:
                        place = go.place
            except (Quit, KeyboardInterrupt, EOFError):
                console.say("")
                console.say("Your progress is saved. Goodbye.")
                return 0
        except StoreError as error:
            console.tell(f"The progress store failed: {error}")
            return 1

    def visit(self, place: Place) -> Place:
        kind = place[0]
        if kind in ("lesson", "quiz", "review") and self.plain.study.ce.content_locked():
            return self.acknowledge_first(place)
        if kind == "module":
            return self.maps.module_menu(str(place[1]))
        if kind == "lesson":
            return self.lessons.lesson(str(place[1]))
        if kind == "quiz":
            retry = cast("tuple[str, ...] | None", place[2] if len(place) > 2 else None)
            return self.quizzes.quiz(str(place[1]), retry)
        if kind == "results":
            return self.results.results(str(place[1]), cast(int, place[2]))
        if kind == "review":
            return self.reviews.review()
        if kind == "ce":
            return self.credit.screen()
        return self.maps.course_map()

    def start(self) -> Place:
        """The disclaimer for a new learner; otherwise resume where the learner left off. Before either, a
        continuing-education activity not acknowledged yet shows its page and asks for the acknowledgment
        (for a new learner, one answer goes on from the disclaimer and the page); a lesson or quiz to
        resume waits for it."""
        console, study = self.console, self.plain.study
        target = study.progress.resume_target()
        unacknowledged = study.ce.content_locked()
        if target is None:
            console.say("")
            console.say(underline("Before you begin", "-"))
            console.say(wrap(self.plain.course.info.disclaimer or "This course is for education only."))
            console.say("")
            if unacknowledged:
                self.ask_acknowledgment(accept_disclaimer=True)
            else:
                console.ask("Press Enter to continue.", [])
                console.write(study.progress.accept_disclaimer)
            return MAP
        greeting = {
            "lesson": "Welcome back. Resuming the lesson you were reading.",
            "quiz": "Welcome back. Resuming your quiz.",
            "results": "Welcome back. Here are your last quiz results.",
        }
        if unacknowledged and not self.credit.page.offer() and target.kind in ("lesson", "quiz"):
            console.say("Welcome back.")
            return MAP  # the lesson or quiz waits for the acknowledgment
        console.say(greeting.get(target.kind, "Welcome back."))
        return place_of(target)

    def acknowledge_first(self, place: Place) -> Place:
        """The activity page before the content (the engine's rule): the place once acknowledged, else the map."""
        self.console.say(wrap("The activity information comes first: the lessons and quizzes open once you acknowledge it."))
        return place if self.credit.page.offer() else MAP

    def ask_acknowledgment(self, accept_disclaimer: bool = False) -> None:
        """Show the activity page and ask for the acknowledgment; going on accepts the disclaimer too."""
        activity = self.plain.study.ce.activity
        assert activity is not None
        self.credit.page.show(activity)
        self.console.say("")
        self.credit.page.ask()
        if accept_disclaimer:
            self.console.write(self.plain.study.progress.accept_disclaimer)

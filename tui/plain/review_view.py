"""Spaced review as text: each due card answered (or recalled), then rated; retention with + and -."""

from __future__ import annotations

from datetime import timedelta
from functools import partial

from course.domain.models import Term
from course.engine.review import DueCard
from quizzes.review import Rating
from tui.plain.answers import feedback_lines
from tui.plain.console import MAP, Place, count
from tui.plain.context import Plain
from tui.plain.quiz_view import QuizView
from tui.plain.text import underline, wrap

RATING_WORDS = {Rating.Again: "again", Rating.Hard: "unsure", Rating.Good: "good", Rating.Easy: "easy"}
RETENTION_COMMANDS = [
    ("+ or raise", "raise your desired retention (now shown after each change): more frequent reviews"),
    ("- or lower", "lower your desired retention: fewer reviews"),
]
RETENTION_WORDS = {"+": 1, "raise": 1, "-": -1, "lower": -1}


def when(delta: timedelta) -> str:
    """A wait in words: "in 10 minutes", "in 3 hours", "in 4 days"."""
    seconds = max(0, int(delta.total_seconds()))
    if seconds < 60:
        return "in under a minute"
    if seconds < 3600:
        return "in " + count(round(seconds / 60), "minute")
    if seconds < 86400:
        return "in " + count(round(seconds / 3600), "hour")
    return "in " + count(round(seconds / 86400), "day")


class ReviewView:
    """A review session over the cards due now."""

    def __init__(self, plain: Plain) -> None:
        self.plain = plain
        self.console = plain.console
        self.reviews = plain.study.reviews

    def review(self) -> Place:
        console = self.console
        console.write(self.plain.study.progress.enter_map)
        queue = self.reviews.due()
        console.say("")
        console.say(underline("Review", "-"))
        if not queue:
            console.tell("Nothing is due now. Cards you answer in quizzes come back here when they are due.")
            return MAP
        console.say(f"{count(len(queue), 'card')} due now.")
        for number, due in enumerate(queue, start=1):
            console.say("")
            console.say(f"Card {number} of {len(queue)}.")
            rating = self.review_term(due, due.subject) if isinstance(due.subject, Term) else self.review_question(due)
            now = self.plain.study.learner.clock()
            next_due = console.write(partial(self.reviews.rate, due, rating))
            console.say(f"Saved. It comes back {when(next_due - now)}.")
        console.say("")
        console.say("That is every card due now. Well done.")
        return MAP

    def review_question(self, due: DueCard) -> Rating:
        console = self.console
        question = due.subject
        assert not isinstance(question, Term)
        response = QuizView(self.plain).read_answer(question, due.option_order())
        result = self.reviews.check(due, response)
        console.say("")
        for line in feedback_lines(question, response, result.score, result.max_score, result.correct):
            console.say(line)
        offered = self.reviews.ratings_after(due, result.correct)
        if len(offered) == 1:
            console.say("This card will come back soon.")
            return offered[0]
        return self.choose("How did it feel?", "Feeling", tuple(reversed(offered)))

    def review_term(self, due: DueCard, term: Term) -> Rating:
        console = self.console
        console.say(wrap(f"Glossary: {term.term}"))
        console.ask("Recall the definition, then press Enter to show it.", [("Enter", "show the definition")])
        console.say(wrap(term.definition))
        return self.choose("How well did you know it?", "Rating", self.reviews.ratings_after(due))

    def choose(self, question: str, prompt: str, offered: tuple[Rating, ...]) -> Rating:
        """Read one of the offered ratings by number (``+``/``-`` change the desired retention)."""
        console = self.console
        words = [f"{n} {RATING_WORDS[r]}" + (" (I did not)" if r is Rating.Again else "") for n, r in enumerate(offered, start=1)]
        console.tell(f"{question} {', '.join(words)}.")
        commands = [(f"{n} or {RATING_WORDS[r]}", RATING_WORDS[r]) for n, r in enumerate(offered, start=1)] + RETENTION_COMMANDS
        offer = ", ".join(f"{n} {RATING_WORDS[r]}" for n, r in enumerate(offered, start=1)) + ", + or - retention"
        by_word = {RATING_WORDS[r]: r for r in offered}
        while True:
            choice = console.ask(prompt, commands, offer)
            step = RETENTION_WORDS.get(choice.lower())
            if step is not None:
                value = console.write(partial(self.reviews.change_retention, step))
                console.say(f"Desired retention is now {value:.0%}.")
                continue
            if choice.isdigit() and 1 <= int(choice) <= len(offered):
                return offered[int(choice) - 1]
            if choice.lower() in by_word:
                return by_word[choice.lower()]
            plain_words = ", ".join(f"{n} {RATING_WORDS[r]}" for n, r in enumerate(offered, start=1))
            console.tell(f"Type a number from 1 to {len(offered)}: {plain_words}.")

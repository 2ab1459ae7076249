"""The results of an attempt as text: verdict, per-objective rows, every answer, what to do next."""

from __future__ import annotations

from course.engine.results import AnsweredItem, Results, Verdict
from quizzes.describe import describe_key
from quizzes.scoring import points_phrase
from tui.plain.answers import describe
from tui.plain.console import MAP, Place, count
from tui.plain.context import Plain
from tui.plain.text import underline, wrap

VERDICTS: dict[Verdict, str] = {
    "passed": "Passed",
    "not_passed": "Not passed yet",
    "retry_done": "Retry done (it does not change your quiz score)",
}


def item_verdict(item: AnsweredItem) -> str:
    """ "Right", "Wrong", or "Partly right (0.3 of 1 point)" for partial credit."""
    record = item.record
    if item.correct or record is None or record.score <= 0:
        return "Right" if item.correct else "Wrong"
    return f"Partly right ({points_phrase(record.score, record.max_score)})"


class ResultsView:
    """Shows one finished attempt and offers a new attempt or a retry of the missed questions."""

    def __init__(self, plain: Plain) -> None:
        self.plain = plain
        self.console = plain.console

    def results(self, quiz_id: str, attempt_id: int) -> Place:
        results = self.plain.study.quizzes.results(attempt_id)
        if results is None:
            return MAP
        self.show(results)
        return self.next_step(quiz_id, results.missed)

    def show(self, results: Results) -> None:
        console, quiz, score = self.console, results.quiz, results.score
        console.say("")
        console.say(underline("Results: " + quiz.title + (" (retry of missed questions)" if results.retry else "")))
        verdict = VERDICTS[results.verdict]
        console.say(
            wrap(
                f"{verdict}: {points_phrase(score.score, score.max_score)} ({score.scaled:.0%}); pass mark {quiz.pass_mark:.0%}."
            )
        )
        if results.objectives:
            console.say("")
            console.say("By objective:")
            for row in results.objectives:
                console.say(
                    wrap(
                        f"{row.correct} of {row.questions} right ({row.share:.0%}): {row.text}",
                        indent="- ",
                        subsequent_indent="  ",
                    )
                )
        console.say("")
        console.say("Your answers:")
        for item in results.items:
            question = item.question
            console.say(wrap(f"{item.number}. {item_verdict(item)}: {question.prompt}", subsequent_indent="   "))
            console.say(wrap("Your answer: " + describe(question, item.response), indent="   ", subsequent_indent="   "))
            if not item.correct:
                console.say(
                    wrap(
                        "Right answer: " + describe_key(question).replace(" → ", ", then "), indent="   ", subsequent_indent="   "
                    )
                )
            console.say(wrap("Why: " + question.explanation, indent="   ", subsequent_indent="   "))

    def next_step(self, quiz_id: str, missed: list[str]) -> Place:
        console = self.console
        commands = [("Enter", "back to the course map"), ("a or attempt", "start a new attempt at this quiz")]
        offer = "Enter map, a new attempt"
        if missed:
            commands.append(
                ("x or retry", f"practise only the {count(len(missed), 'question')} you missed (does not count as an attempt)")
            )
            offer += f", x retry the {len(missed)} you missed"
        console.say("")
        while True:
            choice = console.ask("Results", commands, offer).lower()
            if choice == "":
                return MAP
            if choice in ("a", "attempt"):
                return ("quiz", quiz_id, None)
            if choice in ("x", "retry"):
                if missed:
                    return ("quiz", quiz_id, tuple(missed))
                console.say("You got every question right.")
                continue
            console.tell("Type a, " + ("x, " if missed else "") + "or press Enter for the map.")

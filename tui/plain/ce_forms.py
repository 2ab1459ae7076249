"""The evaluation survey and the attestation of credit, asked line by line.

Typed text only becomes a value here (a number, yes or no, words); whether it is acceptable is the
engine's decision (``submit_evaluation`` and ``attest`` return every problem), and each refused
answer is asked again with the engine's reason.
"""

from __future__ import annotations

from functools import partial

from course.engine.ce_results import Answer, Attestation, EvaluationQuestion, EvaluationSaved, Rejected
from course.engine.ce_rules import hours_text
from tui.plain.console import Commands, Go, Quit
from tui.plain.context import Plain
from tui.plain.text import underline, wrap

YES = frozenset(("y", "yes"))
NO = frozenset(("n", "no"))


def typed_value(question: EvaluationQuestion, text: str) -> Answer | None:
    """What ``text`` says for ``question``: ``None`` when blank; a number, yes or no where one is meant
    (anything else is passed on as typed, for the engine to judge)."""
    if not text:
        return None
    if question.kind == "likert" and text.isdigit():
        return int(text)
    if question.kind == "yes_no" and text.lower() in YES | NO:
        return text.lower() in YES
    return text


def option_text(question: EvaluationQuestion) -> str:
    if question.kind == "likert":
        return ", ".join(f"{value} {label}" for value, label in question.options) + "."
    if question.kind == "yes_no":
        return "Type yes or no."
    return "Type your answer on one line."


class CeForms:
    """Asks the evaluation and the attestation, and hands them to ``study.ce``."""

    def __init__(self, plain: Plain) -> None:
        self.plain = plain
        self.console = plain.console
        self.ce = plain.study.ce

    # evaluation

    def evaluation(self) -> EvaluationSaved:
        """Ask every item, submit, and ask again each item the engine refused, until it is saved."""
        console, activity = self.console, self.ce.activity
        assert activity is not None
        questions = self.ce.evaluation_questions()
        console.say("")
        console.say(underline("Evaluation", "-"))
        if activity.evaluation.intro:
            console.say(wrap(activity.evaluation.intro))
        console.tell("Your answers are stored with your progress; they never change your score.")
        answers: dict[str, Answer] = {}
        asking = questions
        while True:
            try:
                for question in asking:
                    value = self.ask_item(question, questions.index(question) + 1, len(questions))
                    if value is None:
                        answers.pop(question.id, None)
                    else:
                        answers[question.id] = value
            except (Go, Quit):
                if answers:
                    kept = "your answer was" if len(answers) == 1 else f"your {len(answers)} answers were"
                    console.say(f"The evaluation was not submitted: {kept} not kept.")
                raise
            result = console.write(lambda: self.ce.submit_evaluation(answers))
            if isinstance(result, EvaluationSaved):
                console.say("")
                console.say("Thank you: your evaluation is saved.")
                return result
            console.say("")
            console.say("The evaluation was not saved:")
            for problem in result.problems:
                console.say(wrap(problem.message, indent="- ", subsequent_indent="  "))
            refused = {problem.key for problem in result.problems}
            asking = [q for q in questions if q.id in refused] or questions
            console.tell("Please answer " + ("that item" if len(asking) == 1 else "those items") + " again.")

    def ask_item(self, question: EvaluationQuestion, number: int, total: int) -> Answer | None:
        """Ask one item; its value (``None``: left blank)."""
        console = self.console
        console.say("")
        need = "required" if question.required else "optional: Enter skips it"
        console.say(wrap(f"Item {number} of {total} ({need}): {question.prompt}"))
        console.say(wrap(option_text(question)))
        commands: Commands
        if question.kind == "likert":
            commands, offer = [("1-5", "your rating, from strongly disagree (1) to strongly agree (5)")], "1-5 rating"
        elif question.kind == "yes_no":
            commands, offer = [("yes or no", "your answer")], "yes or no"
        else:
            commands, offer = [("TEXT", "your answer in your own words")], "your answer"
        if not question.required:
            commands, offer = [*commands, ("Enter", "skip this item")], offer + ", Enter skip"
        # A typed answer may be any word: there only the global letters are commands.
        text = console.ask("Evaluation", commands, offer, words=question.kind != "text")
        return typed_value(question, text)

    # attestation

    def attestation(self) -> Attestation | None:
        """Ask the hours (default: what can be claimed) and the affirmation; ``None`` when the claim can no
        longer change (a certificate was issued)."""
        console = self.console
        activity = self.ce.activity
        assert activity is not None
        claimable = self.ce.claimable_hours()
        minutes = int(self.ce.engaged_minutes())
        console.say("")
        console.say(underline("Claim credit", "-"))
        console.say(
            wrap(
                f"Engaged time: {minutes} minutes. You can claim up to {hours_text(claimable)} "
                f"(the maximum is {hours_text(activity.max_credit)}), in quarter hours."
            )
        )
        hours = self.ask_hours(claimable)
        own = self.ask_own_time()
        while True:
            result = console.write(partial(self.ce.attest, hours, own))
            if isinstance(result, Attestation):
                console.say(f"Claimed {hours_text(result.hours)} of {activity.credit_type}.")
                return result
            self.refused(result)
            keys = {problem.key for problem in result.problems}
            if "certificate" in keys:
                return None
            if "hours" in keys:
                hours = self.ask_hours(claimable)
            if "own_time" in keys:
                own = self.ask_own_time()

    def refused(self, result: Rejected) -> None:
        self.console.say("The claim was not recorded:")
        for problem in result.problems:
            self.console.say(wrap(problem.message, indent="- ", subsequent_indent="  "))

    def ask_hours(self, claimable: float) -> float:
        shown = f"{claimable:g}"
        commands = [("Enter", f"claim {shown} hours"), ("HOURS", "claim that many hours, such as 0.5 or 1.25")]
        self.console.tell(f"Type the hours to claim, or press Enter to claim {shown}.")
        while True:
            text = self.console.ask("Hours", commands, f"Enter claim {shown}, or the hours")
            if not text:
                return claimable
            try:
                return float(text.replace(",", "."))
            except ValueError:
                self.console.say("That is not a number of hours.")
                self.console.say("Type digits, for example 0.75.")

    def ask_own_time(self) -> bool:
        commands = [("yes", "I affirm the time I claim was my own"), ("no", "I do not affirm it")]
        self.console.tell("Do you affirm that the time you claim was your own engagement with this activity? Type yes or no.")
        while True:
            text = self.console.ask("Own time", commands, "yes or no").lower()
            if text in YES | NO:
                return text in YES
            self.console.say("Type yes or no.")

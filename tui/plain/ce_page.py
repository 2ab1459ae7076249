"""The continuing-education activity page as text, and the learner's acknowledgment of it.

Every word comes from ``course.toml`` ``[ce]`` through ``study.ce``; what earns credit is the engine's
checklist, read out as it stands. The sample notice comes first.
"""

from __future__ import annotations

from datetime import datetime

from course.domain.ce import CeActivity
from course.engine.ce_rules import hours_text
from tui.plain.console import Go
from tui.plain.context import Plain
from tui.plain.text import underline, wrap

AGREE_WORDS = frozenset(("agree", "i agree", "acknowledge", "i acknowledge"))
ACK_COMMANDS = [
    ("agree", "acknowledge that you have read this information and the disclosures"),
    ("Enter", "not now (the lessons and quizzes wait for the acknowledgment)"),
]
ACK_OFFER = "agree acknowledge it, Enter not now"


def when(moment: datetime) -> str:
    """ "2025-03-01 09:30 UTC"."""
    return moment.strftime("%Y-%m-%d %H:%M UTC")


def minutes_text(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest} minutes"
    return f"{hours} h {rest:02d} min ({minutes} minutes)" if rest else f"{hours_text(hours)} ({minutes} minutes)"


class ActivityPage:
    """Prints the activity page and asks for the acknowledgment."""

    def __init__(self, plain: Plain) -> None:
        self.plain = plain
        self.console = plain.console
        self.ce = plain.study.ce

    def show(self, activity: CeActivity) -> None:
        """Everything a learner reads before the content, the sample notice first."""
        say, course = self.console.say, self.plain.course

        def section(title: str, *paragraphs: str) -> None:
            say("")
            say(underline(title, "-"))
            for paragraph in paragraphs:
                say(wrap(paragraph))

        say("")
        say(underline("Continuing-education activity"))
        say(wrap(activity.title or course.info.title))
        if self.ce.notice:
            say(self.ce.banner.split("\n", 1)[0])
            say(wrap(self.ce.notice))
        section("Purpose", activity.purpose)
        section("Audience", activity.audience)
        section("Learning objectives")
        for number, objective in enumerate(self.ce.objectives(), start=1):
            say(wrap(f"{number}. {objective}", subsequent_indent="   "))
        section("Faculty and disclosures of relevant financial relationships")
        for person in activity.faculty:
            say(wrap(f"- {person.name}, {person.role}: {person.disclosure}", subsequent_indent="  "))
        section("How conflicts of interest were mitigated", activity.mitigation)
        section(
            "Time and credit",
            f"Estimated time: {minutes_text(activity.estimated_minutes)}. "
            f"Maximum credit: {hours_text(activity.max_credit)} of {activity.credit_type}.",
            f"Accreditation: {activity.accreditation_statement}",
            f"Designation: {activity.designation_statement}",
        )
        section("Post-test", self.post_test_text(activity))
        section("How to earn credit")
        steps = [r for r in self.ce.checklist() if r.name != "dates"]
        for number, requirement in enumerate(steps, start=1):
            say(wrap(f"{number}. {requirement.label}.", subsequent_indent="   "))
        say(wrap("Type ce at the course map to see what is still missing and to take the next step."))
        section("Dates", f"Offered from {activity.release}; credit can be claimed until {activity.expiry}.")
        section("Contact", activity.contact)

    def post_test_text(self, activity: CeActivity) -> str:
        quiz = self.plain.course.quiz(activity.post_test)
        title = quiz.title if quiz is not None else activity.post_test
        text = f"The post-test: {title}. Pass mark: {activity.pass_mark:.0%}."
        if quiz is None:
            return text
        if quiz.mode == "exam":
            text += " It is an exam: your answers are marked when you submit, then you see the results and explanations."
        attempts = f"{quiz.max_attempts} attempts" if quiz.max_attempts != 1 else "1 attempt"
        return text + (f" You have {attempts}." if quiz.max_attempts else " Attempts are not limited.")

    def offer(self) -> bool:
        """Show the page (if the course has one) and ask for the acknowledgment; whether it is acknowledged."""
        activity = self.ce.activity
        if activity is None:
            return False
        acknowledged = self.ce.acknowledged()
        self.show(activity)
        self.console.say("")
        if acknowledged is not None:
            self.console.say(f"You acknowledged this information on {when(acknowledged)}.")
            return True
        return self.ask()

    def ask(self) -> bool:
        """Ask for the explicit acknowledgment: ``agree`` records it; anything else does not, and says so."""
        console = self.console
        console.tell("To acknowledge that you have read this information and the disclosures, type agree.")
        try:
            choice = console.ask("Acknowledge", ACK_COMMANDS, ACK_OFFER)
        except Go:
            self.not_acknowledged()
            raise
        if " ".join(choice.lower().split()) not in AGREE_WORDS:
            self.not_acknowledged()
            return False
        at = console.write(self.ce.acknowledge)
        console.say(f"Acknowledged on {when(at)}; this is recorded with your progress.")
        return True

    def not_acknowledged(self) -> None:
        self.console.say("Not acknowledged.")
        self.console.tell(
            "The lessons and quizzes open once you acknowledge it; type ce at the course map to read this again and agree."
        )

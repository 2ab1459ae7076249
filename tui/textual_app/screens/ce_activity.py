"""The CE activity page: what the activity is, who made it and their disclosures, how credit is earned.

Shown before the content to a learner who has not acknowledged it, and later from the map, the CE
screen and the palette; the lessons and quizzes wait for it (``study.ce.content_locked``). Only "I have
read this" (the button or ``a``) acknowledges; Esc goes back without acknowledging. Every word comes from ``[ce]`` and the engine (``study.ce``).
"""

from __future__ import annotations

from datetime import datetime

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Footer, Header, Static

from course.domain.ce import CeActivity
from tui.textual_app.safe_text import plain
from tui.textual_app.screens.base import CourseScreen


def duration(minutes: int) -> str:
    """``8 h``, ``1 h 30 min``, ``45 min``."""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h" + (f" {rest} min" if rest else "")


class ActivityScreen(CourseScreen):
    """The activity information and disclosures, with the learner's acknowledgment."""

    CSS_PATH = "ce_activity.tcss"
    BINDINGS = [
        Binding(
            "a", "acknowledge", "I have read this", tooltip="Acknowledge the activity information.", id="activity.acknowledge"
        ),
        Binding("escape", "back", "Back", tooltip="Back, without acknowledging.", id="activity.back"),
        Binding("e", "credit", "CE credit", tooltip="The checklist towards the certificate.", id="activity.credit"),
    ]

    def compose(self) -> ComposeResult:
        ce = self.study.ce
        activity = ce.activity
        assert activity is not None  # the router opens this page only for a course with [ce]
        yield Header()
        if ce.notice:
            yield Static(plain(ce.banner), id="ce-notice")
        with VerticalScroll(id="activity-scroll"):
            yield Static(plain(activity.title or self.course_app.course.info.title), id="activity-title")
            for heading, body in self.sections(activity):
                yield Static(heading, classes="activity-heading")
                yield Static(body, classes="activity-text")
        with Horizontal(id="activity-actions"):
            yield Button("I have read this (a)", variant="primary", id="acknowledge")
            yield Button("Back (Esc)", id="back")
            yield Static(id="ack-status")
        yield Footer()

    def sections(self, activity: CeActivity) -> list[tuple[str, Content]]:
        """(heading, inert text) in the order the learner reads them."""
        ce = self.study.ce
        quiz = self.course_app.course.quiz(activity.post_test)
        test = f"the post-test “{quiz.title}”" if quiz is not None else "the post-test"
        attempts = f", {quiz.max_attempts} attempts" if quiz is not None and quiz.max_attempts else ""
        faculty = "\n".join(f"{p.name} ({p.role})\n  Disclosure: {p.disclosure.strip()}" for p in activity.faculty)
        steps = "\n".join(f"{n}. {r.label}" for n, r in enumerate(ce.checklist(), 1))
        return [
            ("Purpose", plain(activity.purpose.strip())),
            ("Who it is for", plain(activity.audience.strip())),
            ("Learning objectives", plain("\n".join(f"• {o}" for o in ce.objectives()))),
            ("Faculty and disclosures of relevant financial relationships", plain(faculty or "None listed.")),
            ("How conflicts were mitigated", plain(activity.mitigation.strip())),
            (
                "Time and credit",
                plain(
                    f"Estimated time: {duration(activity.estimated_minutes)}. Maximum credit: {activity.max_credit:g} "
                    f"{activity.credit_type}, claimed in quarter hours up to your engaged time."
                ),
            ),
            ("Accreditation", plain(f"{activity.accreditation_statement.strip()}\n{activity.designation_statement.strip()}")),
            ("Pass mark", plain(f"You need {activity.pass_mark:.0%} on {test} (exam mode{attempts}).")),
            ("How to earn credit", plain(steps)),
            (
                "Release and expiry",
                plain(f"Offered from {activity.release}; credit can be claimed until {activity.expiry}."),
            ),
            ("Contact", plain(activity.contact.strip())),
        ]

    def on_mount(self) -> None:
        self.show_acknowledgment(self.study.ce.acknowledged())
        self.query_one("#activity-scroll", VerticalScroll).focus()

    def show_acknowledgment(self, when: datetime | None) -> None:
        """Say whether (and when) the learner acknowledged; the button only while they have not."""
        self.query_one("#acknowledge", Button).display = when is None
        status = self.query_one("#ack-status", Static)
        status.update(f"You acknowledged this on {when:%Y-%m-%d %H:%M} UTC." if when is not None else "Not acknowledged yet.")

    @on(Button.Pressed, "#acknowledge")
    def action_acknowledge(self) -> None:
        """Record the acknowledgment (through the store writer), then go on."""
        if self.study.ce.acknowledged() is not None:
            self.dismiss()
            return
        self.course_app.write(self.study.ce.acknowledge, self._acknowledged, owner=self)

    def _acknowledged(self, _when: datetime) -> None:
        self.course_app.progress_changed()
        self.dismiss()

    @on(Button.Pressed, "#back")
    def action_back(self) -> None:
        """Back without acknowledging (the lessons and quizzes stay closed until then)."""
        if self.study.ce.acknowledged() is None:
            self.notify("Not acknowledged: the lessons and quizzes open once you do. Open it again with i on the map.", timeout=5)
        self.dismiss()

    def action_credit(self) -> None:
        self.dismiss()
        self.router.open_ce()

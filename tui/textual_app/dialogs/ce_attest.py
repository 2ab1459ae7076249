"""Attestation: the learner claims credit (prefilled with what the engine says is claimable) and affirms
the time is their own. The engine checks the claim; its problems are shown under the field they concern."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Static

from course.engine.ce_results import Attestation, Rejected
from tui.textual_app.safe_text import plain

if TYPE_CHECKING:
    from tui.textual_app.app import CourseApp


class AttestDialog(ModalScreen[Attestation | None]):
    """Hours claimed and "this time is my own"; dismissed with the attestation once the engine accepts it."""

    DEFAULT_CSS = """
    AttestDialog { align: center middle; }
    AttestDialog > Vertical {
        width: 72; max-width: 100%; height: auto; max-height: 100%;
        border: thick $primary; background: $surface; padding: 0 2;
    }
    AttestDialog #attest-title { text-style: bold; }
    AttestDialog .attest-problem { color: $error; text-style: bold; }
    AttestDialog #hours { width: 16; }
    AttestDialog Horizontal { height: auto; }
    AttestDialog Button { margin-right: 1; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="attest.cancel")]

    @property
    def course_app(self) -> CourseApp:
        return cast("CourseApp", self.app)

    def compose(self) -> ComposeResult:
        ce = self.course_app.study.ce
        activity = ce.activity
        assert activity is not None
        claimable = ce.claimable_hours()
        with Vertical():
            yield Static("Attest your time", id="attest-title")
            yield Static(
                plain(
                    f"Claim only the credit matching the time you took part: quarter hours, at most "
                    f"{claimable:g} h now (your engaged time rounded down, maximum {activity.max_credit:g} h)."
                )
            )
            yield Static("Hours claimed:")
            yield Input(f"{claimable:g}", id="hours", restrict=r"[0-9.,]*")
            yield Static(id="problem-hours", classes="attest-problem")
            yield Checkbox("This time is my own: I took part in the activity myself", id="own-time")
            yield Static(id="problem-own_time", classes="attest-problem")
            yield Static(id="problem-certificate", classes="attest-problem")
            with Horizontal():
                yield Button("Attest", variant="primary", id="attest")
                yield Button("Cancel (Esc)", id="cancel")

    def on_mount(self) -> None:
        self._clear()
        self.query_one("#hours", Input).focus()

    def _clear(self) -> None:
        for problem in self.query(".attest-problem"):
            problem.display = False

    def _problem(self, key: str, message: str) -> None:
        shown = self.query_one(f"#problem-{key}", Static)
        shown.update(plain(f"⚠ {message}"))
        shown.display = True

    @on(Input.Submitted, "#hours")
    @on(Button.Pressed, "#attest")
    def action_attest(self) -> None:
        """Send the claim to the engine (store writer)."""
        self._clear()
        text = self.query_one("#hours", Input).value.strip().replace(",", ".")
        try:
            hours = float(text)
        except ValueError:
            hours = math.nan
        if not math.isfinite(hours):
            self._problem("hours", "Type the hours as a number, such as 0.75.")
            return
        own = self.query_one("#own-time", Checkbox).value
        ce = self.course_app.study.ce
        self.course_app.write(lambda: ce.attest(hours, own_time=own), self._attested, owner=self)

    def _attested(self, result: Attestation | Rejected) -> None:
        if isinstance(result, Attestation):
            self.course_app.progress_changed()
            self.notify(f"Attested: {result.hours:g} h claimed.", timeout=3)
            self.dismiss(result)
            return
        for problem in result.problems:
            key = problem.key if problem.key in ("hours", "own_time", "certificate") else "certificate"
            self._problem(key, problem.message)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)

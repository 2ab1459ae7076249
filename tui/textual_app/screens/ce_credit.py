"""The CE screen: what is still missing for credit (re-read from the engine whenever shown and after every
step), engaged time, and the next step: the activity page, lessons, the post-test, the evaluation, the
attestation, then "Issue certificate". The certificate is issued by the engine (through the store
writer) and its signed PDF written in a thread worker; once issued the screen shows its fields and file.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Footer, Header, Static
from textual.worker import Worker, WorkerState

from course.certificates.certificate_pdf import check_drawable
from course.certificates.errors import CertificateError
from course.domain.certificate import CertificatePayload
from course.engine.ce import CeTrack
from course.engine.ce_results import Requirement
from tui.textual_app.safe_text import plain
from tui.textual_app.screens.base import CourseScreen
from tui.textual_app.screens.ce_certificate import CertificateView, certificate_path, write_certificate_file

NEXT_STEP = {  # requirement name -> (button label, action)
    "dates": ("Activity information", "activity"),
    "acknowledgment": ("Read and acknowledge the activity information", "activity"),
    "lessons": ("Continue the lessons", "study"),
    "engaged_time": ("Continue studying", "study"),
    "post_test": ("Take the post-test", "post_test"),
    "evaluation": ("Evaluate the activity", "evaluate"),
    "attestation": ("Attest your time", "attest"),
}


class CreditScreen(CourseScreen):
    """The checklist towards the certificate and the next step's action."""

    CSS_PATH = "ce_credit.tcss"
    BINDINGS = [
        Binding("escape", "back", "Back", tooltip="Back to where you were.", id="credit.back"),
        Binding("i", "activity", "Activity info", tooltip="The activity information and disclosures.", id="credit.activity"),
        Binding("v", "evaluate", "Evaluate", tooltip="The activity's evaluation survey.", id="credit.evaluate"),
        Binding("t", "attest", "Attest", tooltip="Claim your credit and attest the time is your own.", id="credit.attest"),
        Binding("s", "issue", "Certificate", tooltip="Issue the certificate once every requirement is met.", id="credit.issue"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.next_action = "activity"
        self.written: Path | None = None

    def compose(self) -> ComposeResult:
        ce = self.study.ce
        assert ce.activity is not None  # the router opens this screen only for a course with [ce]
        yield Header()
        if ce.notice:
            yield Static(plain(ce.banner), id="ce-notice")
        with VerticalScroll(id="credit-scroll"):
            yield Static(plain(f"CE credit: {ce.activity.title or self.course_app.course.info.title}"), id="credit-title")
            yield Static(id="checklist")
            yield Static(id="engaged")
            yield CertificateView(id="certificate")
        with Horizontal(id="credit-actions"):
            yield Button("…", variant="primary", id="next-step")
            yield Button("Back (Esc)", id="back")
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_progress()
        self.query_one("#next-step", Button).focus()

    def on_screen_resume(self) -> None:
        self.refresh_progress()

    def refresh_progress(self, _result: object = None) -> None:
        """Re-read the checklist, engaged time and certificate from the engine and redraw."""
        ce = self.study.ce
        checklist = ce.checklist()
        self.query_one("#checklist", Static).update(self._checklist(checklist))
        activity = ce.activity
        assert activity is not None
        self.query_one("#engaged", Static).update(
            f"Engaged time: {ce.engaged_minutes():.0f} min · claimable now {ce.claimable_hours():g} h"
            f" of {activity.max_credit:g} h · idle after {activity.idle_minutes} min without input does not count"
        )
        issued = ce.certificates()
        view = self.query_one(CertificateView)
        view.display = bool(issued)
        button = self.query_one("#next-step", Button)
        if issued:
            path = certificate_path(issued[0])
            self.written = path if path.is_file() else None
            view.show(issued[0], self.written)
            button.label, self.next_action = (
                ("Write the certificate file (s)", "issue")
                if self.written is None
                else (
                    "Certificate issued",
                    "shown",
                )
            )
            return
        unmet = [r for r in checklist if not r.met]
        if not unmet:
            button.label, self.next_action = "Issue certificate (s)", "issue"
        else:
            button.label, self.next_action = NEXT_STEP.get(unmet[0].name, (unmet[0].label, "activity"))

    @staticmethod
    def _checklist(checklist: list[Requirement]) -> Content:
        met = sum(r.met for r in checklist)
        lines = [Content.styled(f"{met} of {len(checklist)} requirements met", "bold")]
        for requirement in checklist:
            mark = Content.styled("[x] ", "bold $success") if requirement.met else Content.styled("[ ] ", "bold $warning")
            lines.append(Content.assemble(mark, plain(requirement.label), Content.styled(f" — {requirement.detail}", "dim")))
        return Content("\n").join(lines)

    @on(Button.Pressed, "#next-step")
    def next_step(self) -> None:
        """Do what the first unmet requirement asks (or issue the certificate)."""
        action = self.next_action
        if action == "activity":
            self.action_activity()
        elif action == "study":
            target = self.study.progress.continue_target()
            if target is not None:
                self.router.open(target)
            else:
                self.notify("Every lesson is done; keep reviewing to add engaged time.")
        elif action == "post_test":
            activity = self.study.ce.activity
            assert activity is not None
            self.router.open_quiz(activity.post_test)
        elif action == "evaluate":
            self.action_evaluate()
        elif action == "attest":
            self.action_attest()
        elif action == "issue":
            self.action_issue()
        else:
            self.notify(f"Your certificate is at {self.written}.")

    @on(Button.Pressed, "#back")
    def action_back(self) -> None:
        self.dismiss()

    def action_activity(self) -> None:
        self.router.open_activity()

    def action_evaluate(self) -> None:
        from tui.textual_app.screens.ce_evaluation import EvaluationScreen

        self.app.push_screen(EvaluationScreen())

    def action_attest(self) -> None:
        from tui.textual_app.dialogs.ce_attest import AttestDialog

        self.app.push_screen(AttestDialog(), lambda _done: self.refresh_progress())

    def action_issue(self) -> None:
        """Issue through the engine (store writer), then write the PDF in a thread worker."""
        now = self.course_app.clock()
        ce = self.study.ce
        self.course_app.write(lambda: _issue(ce, now), self._issued, owner=self)

    def _issued(self, result: CertificatePayload | list[Requirement] | str) -> None:
        self.course_app.progress_changed()
        if isinstance(result, str):
            self.notify(result, title="Certificate not issued", severity="error", timeout=10)
            return
        if isinstance(result, list):
            missing = "; ".join(r.label for r in result)
            self.notify(f"Not yet: {missing}.", title="Certificate not issued", severity="warning", timeout=8)
            return
        self.query_one(CertificateView).show(result, None, "being written…")
        self.run_worker(lambda: _write(result), thread=True, name="certificate", group="certificate", exit_on_error=False)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.name != "certificate" or event.state != WorkerState.SUCCESS:
            return
        event.stop()
        outcome = event.worker.result
        self.refresh_progress()
        if isinstance(outcome, Path):
            self.notify(f"Certificate written to {outcome}", title="Certificate issued", timeout=10)
        else:
            self.notify(f"The certificate is issued but its file could not be written: {outcome}", severity="error")


def _issue(ce: CeTrack, now: datetime) -> CertificatePayload | list[Requirement] | str:
    """In the store writer: the issued certificate, the requirements not met, or why its PDF could not
    be drawn (then nothing was stored)."""
    try:
        return ce.issue(now, check=check_drawable)
    except CertificateError as error:
        return f"No certificate was issued: {error}."


def _write(payload: CertificatePayload) -> Path | str:
    """Off the UI thread: the PDF's path, or what went wrong (shown, never a traceback)."""
    try:
        return write_certificate_file(payload)
    except (CertificateError, OSError) as error:
        return str(error)

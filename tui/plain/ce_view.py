"""The CE screen as text: the checklist and the engaged time, always read afresh, and the next step
(the activity page, the lessons, the post-test, the evaluation, the attestation, the certificate).

The engine decides what is missing and whether a certificate may be issued; this view writes the
certificate PDF ``course.certificates`` signs, in the current folder (or the data folder when that
cannot be written), and says where.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from course.certificates.certificate_pdf import check_drawable, default_file_name, write_certificate
from course.certificates.errors import CertificateError
from course.certificates.keys import load_signing_key
from course.domain.certificate import CertificatePayload
from course.engine.ce_results import Requirement
from course.engine.ce_rules import hours_text
from progress_store.paths import APP_NAME, make_private_dirs
from tui.plain.ce_forms import CeForms
from tui.plain.ce_page import ActivityPage
from tui.plain.console import MAP, Place
from tui.plain.context import Plain
from tui.plain.map_view import place_of
from tui.plain.text import underline, wrap

COMMANDS = [
    ("Enter or next", "take the next step"),
    ("activity", "read the activity information and disclosures again"),
    ("evaluate", "complete the evaluation"),
    ("attest", "claim your credit"),
    ("certificate", "issue your certificate and write it as a PDF"),
]
OFFER = "Enter next step, activity, evaluate, attest, certificate"
WORDS = {
    "": "next",
    "next": "next",
    "activity": "activity",
    "evaluate": "evaluate",
    "evaluation": "evaluate",
    "attest": "attest",
    "claim": "attest",
    "certificate": "certificate",
    "issue": "certificate",
}
ACTIONABLE = ("dates", "acknowledgment", "lessons", "post_test", "evaluation")


def next_step(checklist: list[Requirement]) -> str:
    """What Enter does: the first unmet requirement a learner can act on now, else the claim or the certificate."""
    unmet = [r.name for r in checklist if not r.met]
    first = next((name for name in unmet if name in ACTIONABLE), None)
    if first is not None:
        return first
    if "engaged_time" in unmet:
        return "engaged_time"
    return "attestation" if "attestation" in unmet else "certificate"


def certificate_folder(chosen: Path | None) -> Path:
    """Where a certificate goes: ``chosen``, else the current folder, else (not writable) the data folder."""
    if chosen is not None:
        return chosen
    here = Path.cwd()
    if os.access(here, os.W_OK):
        return here
    folder = platformdirs.user_data_path(APP_NAME) / "certificates"
    make_private_dirs(folder)
    return folder


class CeView:
    """The ``ce`` command at the map."""

    def __init__(self, plain: Plain) -> None:
        self.plain = plain
        self.console = plain.console
        self.ce = plain.study.ce
        self.page = ActivityPage(plain)
        self.forms = CeForms(plain)
        self.written: Path | None = None  # the certificate PDF written in this session

    def screen(self) -> Place:
        """Show the checklist and lead through the next step, until the learner goes elsewhere."""
        if self.ce.activity is None:
            self.console.say("This course is not a continuing-education activity: it has no credit to claim.")
            return MAP
        while True:
            checklist = self.show()
            choice = self.console.ask("CE", COMMANDS, OFFER)
            word = WORDS.get(" ".join(choice.lower().split()))
            if word is None:
                self.console.say("That is not a command here.")
                self.console.tell(
                    "Type next (or press Enter), activity, evaluate, attest, certificate, m for the map, or h for help."
                )
                continue
            step = next_step(checklist) if word == "next" else word
            place = self.take(step, checklist)
            if place is not None:
                return place

    def show(self) -> list[Requirement]:
        """Print the notice, the engaged time and the checklist (read from the store now)."""
        say, ce = self.console.say, self.ce
        activity = ce.activity
        assert activity is not None
        checklist = ce.checklist()
        say("")
        say(underline("Continuing-education credit", "-"))
        if ce.notice:
            say(ce.banner.split("\n", 1)[0])
            say(wrap(ce.notice))
        say(wrap(f"Activity: {activity.title or self.plain.course.info.title}"))
        say(
            wrap(
                f"Engaged time: {int(ce.engaged_minutes())} minutes; up to {hours_text(ce.claimable_hours())} "
                f"can be claimed (maximum {hours_text(activity.max_credit)})."
            )
        )
        say("What a certificate needs:")
        for requirement in checklist:
            state = "Done" if requirement.met else "Not yet"
            say(wrap(f"{state}: {requirement.label}: {requirement.detail}.", indent="- ", subsequent_indent="  "))
        met = sum(r.met for r in checklist)
        issued = ce.certificates()
        if issued:
            say(wrap(f"Your certificate {issued[0].certificate_id} was issued on {issued[0].issued_at[:10]}."))
            if self.written is not None:
                say(wrap(f"Its PDF: {self.written}"))
        elif met == len(checklist):
            say("Every requirement is met: press Enter to issue your certificate.")
        else:
            say(f"{met} of {len(checklist)} done. {self.step_hint(next_step(checklist))}")
        return checklist

    def step_hint(self, step: str) -> str:
        return {
            "dates": "Credit cannot be claimed at this time.",
            "acknowledgment": "Press Enter to read the activity information and acknowledge it.",
            "lessons": "Press Enter to go on reading the lessons.",
            "post_test": "Press Enter to take the post-test.",
            "evaluation": "Press Enter to complete the evaluation.",
            "engaged_time": "Spend more time with the lessons: time counts while you read and type, not while idle.",
            "attestation": "Press Enter to claim your credit.",
        }.get(step, "Press Enter to issue your certificate.")

    def take(self, step: str, checklist: list[Requirement]) -> Place | None:
        """Do one step; the place to go next, or ``None`` to show the checklist again."""
        console, activity = self.console, self.ce.activity
        assert activity is not None
        if step in ("dates", "engaged_time"):
            detail = next(r.detail for r in checklist if r.name == step)
            console.tell(f"{self.step_hint(step)} Now: {detail}.")
            return None
        if step in ("acknowledgment", "activity"):
            self.page.offer()
            return None
        if step == "lessons":
            target = self.plain.study.progress.continue_target()
            return place_of(target) if target is not None else None
        if step == "post_test":
            return ("quiz", activity.post_test, None)
        if step in ("evaluation", "evaluate"):
            self.forms.evaluation()
        elif step in ("attestation", "attest"):
            self.forms.attestation()
        else:
            self.certificate()
        return None

    def certificate(self) -> Path | None:
        """Issue the certificate through the engine and write its signed PDF; the file, or ``None``."""
        console = self.console
        try:
            key = load_signing_key(create=True)
        except CertificateError as error:
            console.tell(f"Could not load the signing key, so no certificate was issued: {error}")
            return None
        assert key is not None  # made on first use
        try:
            issued = console.write(lambda: self.ce.issue(self.plain.now(), check=check_drawable))
        except CertificateError as error:
            console.tell(f"No certificate was issued: {error}.")
            return None
        if isinstance(issued, list):
            console.say("")
            console.say(f"No certificate yet: {len(issued)} requirement(s) not met.")
            for requirement in issued:
                console.say(wrap(f"{requirement.label}: {requirement.detail}.", indent="- ", subsequent_indent="  "))
            return None
        fresh = True
        try:
            target = certificate_folder(self.plain.certificates) / default_file_name(issued)
            try:
                write_certificate(issued, target, key)
            except FileExistsError:
                fresh = False  # issued and written before: the same certificate
        except (CertificateError, OSError) as error:
            console.tell(f"Your certificate {issued.certificate_id} is issued, but its PDF could not be written: {error}")
            return None
        self.written = target.resolve()
        self.describe(issued)
        console.say("")
        console.say(f"Certificate id: {issued.certificate_id}")
        console.say(wrap(f"{'Written to' if fresh else 'Already written to'}: {self.written}"))
        console.tell("Anyone can check it with: course certificate verify FILE")
        return target

    def describe(self, payload: CertificatePayload) -> None:
        """The certificate's fields, as its PDF states them."""
        say = self.console.say
        say("")
        say(underline("Certificate", "-"))
        if payload.sample_notice:
            say(wrap(payload.sample_notice))
        for label, value in (
            ("Learner", payload.learner),
            ("Activity", payload.activity_title),
            ("Completed on", payload.completed_on),
            ("Credit claimed", f"{hours_text(payload.credit_claimed)} of {payload.credit_type}"),
            ("Engaged time", f"{payload.engaged_minutes} minutes"),
            ("Post-test score", f"{payload.post_test_score:.0%}"),
            ("Accreditation", payload.accreditation_statement),
            ("Designation", payload.designation_statement),
            ("Issued at", payload.issued_at),
        ):
            say(wrap(f"{label}: {value}", subsequent_indent="  "))

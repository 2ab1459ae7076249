"""The words a certificate uses for each field it states, shared by the PDF writer and the verifier.

The verifier reads the PDF's text back and looks for each field after its lead words (``Certificate
ID: …``), so the writer and the verifier must agree on those words: both take them from here.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from course.domain.certificate import CertificatePayload

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
HEADING = "Certificate of Completion"
LEARNER_LEAD = "This certifies that"
TITLE_LEAD = "has completed the activity"
DATE_LEAD = "Completed on"
CREDIT_LEAD = "Credit claimed:"
ID_LEAD = "Certificate ID:"
VERIFY_LINE = "To check this certificate, run: course certificate verify FILE (it checks the signed record embedded in this PDF)."
LEADS = (LEARNER_LEAD, TITLE_LEAD, DATE_LEAD, CREDIT_LEAD, ID_LEAD)


def credit_text(hours: float) -> str:
    """Credit as the certificate shows it: two decimals (``1.25``, ``2.00``)."""
    return f"{hours:.2f}"


def date_text(iso_day: str) -> str:
    """``2025-03-01`` as ``1 March 2025`` (a value that is not a date is shown as it is)."""
    try:
        day = date.fromisoformat(iso_day)
    except ValueError:
        return iso_day
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def normalise(text: str) -> str:
    """Text as compared: Unicode NFC, every run of white space one space, no space at either end."""
    return " ".join(unicodedata.normalize("NFC", text).split())


@dataclass(frozen=True)
class Statement:
    """One field the certificate states: its name in messages, the words before it, the value shown, the words after."""

    field: str
    lead: str
    value: str
    follow: str  # "" when the value is one word, ended by white space

    @property
    def phrase(self) -> str:
        return normalise(" ".join(part for part in (self.lead, self.value, self.follow) if part))


def statements(payload: CertificatePayload) -> tuple[Statement, ...]:
    """The fields the verifier finds in the PDF's text, in the order the certificate shows them."""
    credit = credit_text(payload.credit_claimed)
    return (
        Statement("learner", LEARNER_LEAD, normalise(payload.learner), TITLE_LEAD),
        Statement("title", TITLE_LEAD, normalise(payload.activity_title), DATE_LEAD),
        Statement("completion date", DATE_LEAD, date_text(payload.completed_on), CREDIT_LEAD),
        Statement("credit", CREDIT_LEAD, credit, normalise(payload.credit_type)),
        Statement("certificate id", ID_LEAD, normalise(payload.certificate_id), ""),
    )


def text_problems(payload: CertificatePayload, text: str, source: str = "signed payload") -> list[str]:
    """What the PDF's ``text`` states differently from ``payload`` (empty when it states every field the same);
    ``source`` names the payload in the messages ("signed payload", or "embedded payload" when the signature failed)."""
    shown = normalise(text)
    problems = [problem for statement in statements(payload) if (problem := _statement_problem(statement, shown, source))]
    if payload.sample_notice.strip() and normalise(payload.sample_notice) not in shown:
        problems.append(f"the PDF's text does not show the sample notice of the {source}")
    return problems


def _statement_problem(statement: Statement, shown: str, source: str) -> str | None:
    count = shown.count(statement.lead)
    if count > 1:
        return f"the PDF's text states the {statement.field} {count} times (after {statement.lead!r})"
    if statement.phrase in shown:
        return None
    said = _said(statement, shown)
    if said is None:
        return f"the PDF's text does not state the {statement.field} (the {source} says {_quoted(statement.value)})"
    if said == statement.value and statement.follow:
        return f"the PDF's text does not follow the {statement.field} with {_quoted(statement.follow)} as the {source} does"
    return f"the PDF's text says {statement.field} {_quoted(said)}, the {source} {_quoted(statement.value)}"


def _said(statement: Statement, shown: str) -> str | None:
    """The value the text gives after the statement's lead words (``None`` when the lead is missing)."""
    lead = re.escape(normalise(statement.lead))
    single = statement.field == "credit" or not statement.follow
    pattern = lead + (r" (\S+)" if single else r" (.*?) " + re.escape(normalise(statement.follow)))
    found = re.search(pattern, shown)
    if found is None and not single:
        found = re.search(lead + r" (.{0,80})", shown)
    return found.group(1) if found else None


def _quoted(value: str) -> str:
    return value if value and " " not in value else f'"{value}"'


def clashes(payload: CertificatePayload) -> list[str]:
    """Fields whose own text holds one of the lead words (the verifier could not tell them apart)."""
    return [
        statement.field
        for statement in statements(payload)
        if any(normalise(lead) in statement.value for lead in LEADS) or not statement.value
    ]

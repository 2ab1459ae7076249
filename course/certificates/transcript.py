"""A learner's transcript as JSON, CSV or PDF: every completed module, score, engaged time, credit, certificate id.

The transcript is a report, not a credential: it is not signed. Each certificate it lists carries its
own signature (``course certificate verify FILE``).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from dataclasses import asdict

from fpdf import FPDF
from fpdf.fonts import FontFace

from course.certificates import drawing as d
from course.certificates.statements import credit_text
from course.domain.certificate import CertificatePayload, Transcript, TranscriptModule

FORMATS = ("pdf", "csv", "json")
TRANSCRIPT_FORMAT = "plasticity-course/transcript"
TRANSCRIPT_VERSION = 1
CSV_COLUMNS = (
    "learner",
    "course_id",
    "record",
    "id",
    "title",
    "completed_on",
    "score_percent",
    "passed",
    "engaged_minutes",
    "credit",
    "credit_type",
    "certificate_id",
)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
Drawable = Callable[[str], str]  # course text as the font can draw it


def total_credit(transcript: Transcript) -> float:
    """The credit claimed on all the transcript's certificates, in hours."""
    return sum(c.credit_claimed for c in transcript.certificates)


def transcript_json(transcript: Transcript) -> str:
    """The transcript as one JSON object (keys in a fixed order; certificates as their full payloads)."""
    data = {
        "format": TRANSCRIPT_FORMAT,
        "version": TRANSCRIPT_VERSION,
        "learner": transcript.learner,
        "course_id": transcript.course_id,
        "course_title": transcript.course_title,
        "generated_at": transcript.generated_at,
        "engaged_minutes": transcript.engaged_minutes,
        "credit_claimed": total_credit(transcript),
        "modules": [asdict(module) for module in transcript.modules],
        "certificates": [asdict(certificate) for certificate in transcript.certificates],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def transcript_csv(transcript: Transcript) -> str:
    """The transcript as CSV: a ``module`` row each, a ``certificate`` row each, and a ``total`` row.

    Text cells that a spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``, ``@``) get a
    leading apostrophe.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    start = [_cell(transcript.learner), _cell(transcript.course_id)]
    for module in transcript.modules:
        writer.writerow([*start, "module", *_module_cells(module)])
    for certificate in transcript.certificates:
        writer.writerow([*start, "certificate", *_certificate_cells(certificate)])
    total = ["", _cell(transcript.course_title), "", "", "", transcript.engaged_minutes]
    writer.writerow([*start, "total", *total, credit_text(total_credit(transcript)), "", ""])
    return buffer.getvalue()


def _module_cells(module: TranscriptModule) -> list[object]:
    score = "" if module.best_score is None else round(module.best_score * 100, 1)
    passed = "" if module.passed is None else ("yes" if module.passed else "no")
    return [
        _cell(module.module_id),
        _cell(module.module_title),
        module.completed_on,
        score,
        passed,
        module.engaged_minutes,
        "",
        "",
        "",
    ]


def _certificate_cells(certificate: CertificatePayload) -> list[object]:
    return [
        _cell(certificate.certificate_id),
        _cell(certificate.activity_title),
        certificate.completed_on,
        round(certificate.post_test_score * 100, 1),
        "yes",
        certificate.engaged_minutes,
        credit_text(certificate.credit_claimed),
        _cell(certificate.credit_type),
        _cell(certificate.certificate_id),
    ]


def _cell(text: str) -> str:
    return "'" + text if text.startswith(FORMULA_STARTS) else text


class _TranscriptPdf(FPDF):
    """A portrait page with a running footer: what the transcript is, and the page number."""

    def footer(self) -> None:
        self.set_y(-14)
        self.set_font(d.FAMILY, "", 7.5)
        self.set_text_color(*d.GREY)
        note = "Not signed: each certificate carries its own signature (course certificate verify FILE)."
        self.cell(0, 5, note, align="L")
        self.set_x(self.l_margin)
        self.cell(0, 5, f"page {self.page_no()} of {{nb}}", align="R")


def transcript_pdf(transcript: Transcript) -> bytes:
    """The transcript as an A4 PDF: heading, modules table, totals and the certificates issued."""
    pdf = _TranscriptPdf(orientation="P", unit="mm", format="A4")
    d.prepare(pdf, d.utc_datetime(transcript.generated_at))
    pdf.set_title(f"Transcript: {transcript.course_title}")
    pdf.set_subject(f"Transcript for {transcript.learner}")
    pdf.set_margins(18, 18, 18)
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_page()

    def text(value: str) -> str:
        return d.drawable(pdf, value)

    width = pdf.w - pdf.l_margin - pdf.r_margin
    y = d.draw_text(pdf, 18, 18, width, "Transcript", 20, style="B", colour=d.NAVY, align="L")
    y = d.draw_text(pdf, 18, y + 1, width, text(transcript.course_title), 13, style="B", align="L")
    generated = transcript.generated_at.replace("T", " ").replace("Z", " UTC")
    line = f"Learner: {text(transcript.learner)} · course {text(transcript.course_id)} · generated {generated}"
    y = d.draw_text(pdf, 18, y + 1, width, line, 9, colour=d.GREY, align="L")
    notices = sorted({c.sample_notice for c in transcript.certificates if c.sample_notice.strip()})
    for notice in notices:
        y = d.draw_text(pdf, 18, y + 3, width, text(notice), 9, style="B", colour=d.RED, align="L")
    pdf.set_y(y + 6)
    _modules_table(pdf, transcript, text)
    _certificates_table(pdf, transcript, text)
    return bytes(pdf.output())


HEADINGS = FontFace(family=d.FAMILY, emphasis="BOLD", color=(255, 255, 255), fill_color=d.NAVY)


def _section(pdf: FPDF, title: str) -> None:
    pdf.set_font(d.FAMILY, "B", 12)
    pdf.set_text_color(*d.NAVY)
    pdf.cell(0, 8, title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(d.FAMILY, "", 9)
    pdf.set_text_color(*d.INK)


def _modules_table(pdf: FPDF, transcript: Transcript, text: Drawable) -> None:
    _section(pdf, "Completed modules")
    if not transcript.modules:
        pdf.cell(0, 6, "No module completed yet.", new_x="LMARGIN", new_y="NEXT")
    else:
        with pdf.table(
            col_widths=(88, 24, 22, 22, 18),
            text_align=("LEFT", "LEFT", "RIGHT", "LEFT", "RIGHT"),
            headings_style=HEADINGS,
            line_height=5.5,
        ) as table:
            table.row(["Module", "Completed", "Best score", "Result", "Engaged"])
            for module in transcript.modules:
                score = "—" if module.best_score is None else f"{module.best_score:.0%}"
                result = _result(module)
                table.row([text(module.module_title), module.completed_on, score, result, f"{module.engaged_minutes} min"])
    pdf.ln(2)
    pdf.set_font(d.FAMILY, "B", 9)
    pdf.cell(0, 6, f"Total engaged time: {transcript.engaged_minutes} min", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)


def _result(module: TranscriptModule) -> str:
    """The quiz result in words: no quiz, not taken, passed or not passed."""
    if module.passed is None:
        return "—"
    if module.passed:
        return "passed"
    return "not taken" if module.best_score is None else "not passed"


def _certificates_table(pdf: FPDF, transcript: Transcript, text: Drawable) -> None:
    _section(pdf, "Certificates")
    if not transcript.certificates:
        pdf.cell(0, 6, "No certificate issued yet.", new_x="LMARGIN", new_y="NEXT")
        return
    with pdf.table(col_widths=(40, 62, 24, 48), text_align="LEFT", headings_style=HEADINGS, line_height=5.5) as table:
        table.row(["Certificate ID", "Activity", "Completed", "Credit"])
        for c in transcript.certificates:
            credit = f"{credit_text(c.credit_claimed)} {text(c.credit_type)}"
            table.row([text(c.certificate_id), text(c.activity_title), c.completed_on, credit])
    pdf.ln(2)
    pdf.set_font(d.FAMILY, "B", 9)
    pdf.cell(0, 6, f"Total credit claimed: {credit_text(total_credit(transcript))} h", new_x="LMARGIN", new_y="NEXT")

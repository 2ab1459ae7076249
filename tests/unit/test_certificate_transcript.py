"""The transcript in its three formats: every completed module with score and engaged time, the
certificates with credit and id, and totals; CSV safe to open in a spreadsheet; PDF in the shipped font."""

from __future__ import annotations

import csv
import io
import json

import pypdf

from course.certificates.statements import normalise
from course.certificates.transcript import transcript_csv, transcript_json, transcript_pdf
from course.domain.certificate import Transcript, TranscriptModule
from tests.unit.test_certificate_pdf import sample_payload

MODULES = (
    TranscriptModule("m1-mechanisms", "Mechanisms: the 5-HT2A receptor", "2025-02-20", 0.8, True, 42),
    TranscriptModule("m2-history", "History of psychedelic research", "2025-02-22", None, None, 17),
    TranscriptModule("m10-post-test", '=HYPERLINK("http://x") post-test', "2025-03-01", 0.55, False, 30),
    TranscriptModule("m3-safety", "Safety", "2025-03-01", None, False, 12),
)


def transcript(modules: tuple[TranscriptModule, ...] = MODULES, certificates: int = 1) -> Transcript:
    issued = tuple(sample_payload(certificate_id=f"CE-AAAA-BBBB-CCC{n}") for n in range(certificates))
    return Transcript("Zoë", "plasticity", "Psychedelics & plasticity", "2025-03-02T10:00:00Z", modules, 89, issued)


def test_json_holds_every_module_and_the_certificates() -> None:
    data = json.loads(transcript_json(transcript()))
    assert data["format"] == "plasticity-course/transcript" and data["version"] == 1
    assert (data["learner"], data["course_id"], data["engaged_minutes"], data["credit_claimed"]) == (
        "Zoë",
        "plasticity",
        89,
        1.25,
    )
    assert [m["module_id"] for m in data["modules"]] == ["m1-mechanisms", "m2-history", "m10-post-test", "m3-safety"]
    assert data["modules"][0] == {
        "module_id": "m1-mechanisms",
        "module_title": "Mechanisms: the 5-HT2A receptor",
        "completed_on": "2025-02-20",
        "best_score": 0.8,
        "passed": True,
        "engaged_minutes": 42,
    }
    assert data["modules"][1]["best_score"] is None
    (certificate,) = data["certificates"]
    assert certificate["certificate_id"] == "CE-AAAA-BBBB-CCC0"
    assert certificate["credit_claimed"] == 1.25 and certificate["credit_type"] == "AMA PRA Category 1 Credit™"


def test_csv_has_a_row_per_module_and_certificate_and_a_total() -> None:
    rows = list(csv.DictReader(io.StringIO(transcript_csv(transcript(certificates=2)))))
    assert [r["record"] for r in rows] == ["module"] * 4 + ["certificate", "certificate", "total"]
    first = rows[0]
    assert (first["learner"], first["id"], first["score_percent"], first["passed"], first["engaged_minutes"]) == (
        "Zoë",
        "m1-mechanisms",
        "80.0",
        "yes",
        "42",
    )
    assert (rows[1]["score_percent"], rows[1]["passed"]) == ("", "")
    assert rows[2]["passed"] == "no"
    assert (rows[3]["score_percent"], rows[3]["passed"]) == ("", "no")
    certificate = rows[4]
    assert (certificate["certificate_id"], certificate["credit"], certificate["credit_type"]) == (
        "CE-AAAA-BBBB-CCC0",
        "1.25",
        "AMA PRA Category 1 Credit™",
    )
    assert (rows[-1]["engaged_minutes"], rows[-1]["credit"]) == ("89", "2.50")


def test_csv_cells_a_spreadsheet_would_run_as_formulas_are_made_text() -> None:
    rows = list(csv.DictReader(io.StringIO(transcript_csv(transcript()))))
    assert rows[2]["title"] == '\'=HYPERLINK("http://x") post-test'
    assert rows[0]["title"] == "Mechanisms: the 5-HT2A receptor"


def pdf_text(data: bytes) -> tuple[int, str]:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return len(reader.pages), normalise(" ".join(page.extract_text() for page in reader.pages))


def test_the_pdf_lists_modules_scores_time_credit_and_ids() -> None:
    pages, text = pdf_text(transcript_pdf(transcript()))
    assert pages == 1
    for wanted in (
        "Transcript",
        "Psychedelics & plasticity",
        "Learner: Zoë",
        "Mechanisms: the 5-HT2A receptor",
        "2025-02-20",
        "80%",
        "passed",
        "42 min",
        "History of psychedelic research",
        "55% not passed",
        "Safety 2025-03-01 — not taken",
        "History of psychedelic research 2025-02-22 — — 17 min",
        "Total engaged time: 89 min",
        "CE-AAAA-BBBB-CCC0",
        "1.25 AMA PRA Category 1 Credit™",
        "Total credit claimed: 1.25 h",
        "SAMPLE ACTIVITY, NOT ACCREDITED",
        "course certificate verify FILE",
    ):
        assert wanted in text, wanted


def test_a_long_transcript_runs_over_pages_with_numbers() -> None:
    many = tuple(TranscriptModule(f"m{n}", f"Module {n}", "2025-02-20", 0.9, True, n) for n in range(80))
    pages, text = pdf_text(transcript_pdf(transcript(many)))
    assert pages > 1
    assert f"page 1 of {pages}" in text and f"page {pages} of {pages}" in text
    assert "Module 79" in text


def test_an_empty_transcript_says_so() -> None:
    _, text = pdf_text(transcript_pdf(transcript((), certificates=0)))
    assert "No module completed yet." in text and "No certificate issued yet." in text


def test_characters_the_font_lacks_become_a_replacement_mark_in_the_pdf() -> None:
    modules = (TranscriptModule("m1", "神経可塑性 basics", "2025-02-20", 0.9, True, 5),)
    _, text = pdf_text(transcript_pdf(transcript(modules)))
    assert "\ufffd\ufffd\ufffd\ufffd\ufffd basics" in text
    assert "神" in json.loads(transcript_json(transcript(modules)))["modules"][0]["module_title"]

"""The certificate PDF: one landscape page stating every field, in the shipped Unicode font, with the
signed payload embedded as attachments and in XMP (read back with pypdf, as anyone checking it would)."""

from __future__ import annotations

import dataclasses
import io
import json
import xml.etree.ElementTree as ElementTree
from pathlib import Path
from typing import Any

import pypdf
import pytest

from course.certificates import statements
from course.certificates.certificate_pdf import XMP_NAMESPACE, certificate_pdf, signed_certificate_pdf
from course.certificates.errors import CertificateError
from course.certificates.keys import SigningKey, fingerprint, load_signing_key, signature_matches
from course.domain.certificate import CertificatePayload

A4_LANDSCAPE = (841.89, 595.28)  # points
INNER_BORDER_MM = 12.0
MM = 72 / 25.4

SAMPLE_NOTICE = (
    "SAMPLE ACTIVITY, NOT ACCREDITED: this activity awards no AMA PRA Category 1 Credit™ or any other recognised credit."
)


def sample_payload(**changes: Any) -> CertificatePayload:
    """A realistic payload (accented name, ™ in the credit type, a sample notice); ``changes`` replace fields."""
    payload = CertificatePayload(
        certificate_id="CE-7K3M-9QX2-H4TB",
        learner="Zoë Ångström-Müller",
        activity_title="Psychedelic-assisted therapy and neuroplasticity: what clinicians should know",
        course_id="plasticity",
        course_version="1.2",
        completed_on="2025-03-01",
        issued_at="2025-03-02T09:30:00Z",
        credit_claimed=1.25,
        credit_type="AMA PRA Category 1 Credit™",
        accreditation_statement="This is a sample activity. No accredited provider planned or reviewed it, and no accrediting body (such as the ACCME) has accredited it.",
        designation_statement="Were this an accredited activity, its provider would designate it for a maximum of 8 hours of credit. Clinicians should claim only the credit commensurate with the extent of their participation.",
        sample_notice=SAMPLE_NOTICE,
        engaged_minutes=95,
        post_test_score=0.85,
    )
    return dataclasses.replace(payload, **changes)


@pytest.fixture
def key(tmp_path: Path) -> SigningKey:
    made = load_signing_key(tmp_path / "keys")
    assert made is not None
    return made


def page_text(data: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_pypdf_reads_every_required_field_from_the_page(key: SigningKey) -> None:
    payload = sample_payload()
    reader = pypdf.PdfReader(io.BytesIO(signed_certificate_pdf(payload, key)))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (float(box.width), float(box.height)) == pytest.approx(A4_LANDSCAPE, abs=0.5)
    text = statements.normalise(reader.pages[0].extract_text())
    for wanted in (
        "This certifies that Zoë Ångström-Müller has completed the activity",
        "Psychedelic-assisted therapy and neuroplasticity: what clinicians should know",
        "Completed on 1 March 2025",
        "Credit claimed: 1.25 AMA PRA Category 1 Credit™",
        payload.accreditation_statement,
        payload.designation_statement,
        "SAMPLE — NOT AN ACCREDITED ACTIVITY",
        SAMPLE_NOTICE,
        "Certificate ID: CE-7K3M-9QX2-H4TB",
        "course certificate verify FILE",
    ):
        assert wanted in text, wanted
    assert statements.text_problems(payload, text) == []


def test_the_text_is_drawn_in_the_shipped_dejavu_font(key: SigningKey) -> None:
    reader = pypdf.PdfReader(io.BytesIO(signed_certificate_pdf(sample_payload(), key)))
    resources: Any = reader.pages[0]["/Resources"]
    fonts = resources["/Font"]
    names = {str(font.get_object()["/BaseFont"]) for font in fonts.values()}
    assert names and all("DejaVuSans" in name for name in names), names
    assert {name.split("+")[-1] for name in names} == {"DejaVuSansBook", "DejaVuSansBold"}


def test_unicode_names_and_marks_come_back_exactly(key: SigningKey) -> None:
    payload = sample_payload(learner="Łukasz Żółć-Dvořák Ελένη", credit_type="Category 1 Credit™ — ½ day")
    text = statements.normalise(page_text(signed_certificate_pdf(payload, key)))
    assert "This certifies that Łukasz Żółć-Dvořák Ελένη has completed" in text
    assert "Credit claimed: 1.25 Category 1 Credit™ — ½ day" in text


def test_a_name_in_decomposed_unicode_is_drawn_composed(key: SigningKey) -> None:
    payload = sample_payload(learner="Zoe\u0308 Mu\u0308ller")  # e + combining diaeresis
    text = page_text(signed_certificate_pdf(payload, key))
    assert "Zoë Müller" in text
    assert statements.text_problems(payload, text) == []


def test_the_payload_and_signature_are_attached_and_in_the_xmp(key: SigningKey) -> None:
    payload = sample_payload()
    reader = pypdf.PdfReader(io.BytesIO(signed_certificate_pdf(payload, key)))
    assert reader.attachments["payload.json"] == [payload.canonical()]
    (signature,) = reader.attachments["signature.txt"]
    assert signature_matches(key.public_key, signature.decode("ascii"), payload.canonical())
    root: Any = reader.trailer["/Root"]
    tree = ElementTree.fromstring(root["/Metadata"].get_object().get_data())
    found = {name: tree.find(f".//{{{XMP_NAMESPACE}}}{name}") for name in ("payload", "signature", "keyFingerprint")}
    assert found["payload"] is not None and found["payload"].text == payload.canonical().decode("utf-8")
    assert found["signature"] is not None and found["signature"].text == signature.decode("ascii").strip()
    assert found["keyFingerprint"] is not None and found["keyFingerprint"].text == fingerprint(key.public_key)
    assert json.loads(reader.attachments["payload.json"][0])["learner"] == "Zoë Ångström-Müller"


def test_xml_special_characters_survive_the_xmp_copy(key: SigningKey) -> None:
    payload = sample_payload(activity_title='Risks & benefits: <dose> "response"')
    reader = pypdf.PdfReader(io.BytesIO(signed_certificate_pdf(payload, key)))
    root: Any = reader.trailer["/Root"]
    tree = ElementTree.fromstring(root["/Metadata"].get_object().get_data())
    element = tree.find(f".//{{{XMP_NAMESPACE}}}payload")
    assert element is not None and element.text == payload.canonical().decode("utf-8")


def test_the_same_payload_and_key_give_the_same_file(key: SigningKey) -> None:
    assert signed_certificate_pdf(sample_payload(), key) == signed_certificate_pdf(sample_payload(), key)


def test_an_accredited_activity_has_no_sample_banner(key: SigningKey) -> None:
    text = page_text(signed_certificate_pdf(sample_payload(sample_notice=""), key))
    assert "SAMPLE" not in text
    assert "Certificate ID: CE-7K3M-9QX2-H4TB" in text


def text_positions(data: bytes) -> list[tuple[str, float, float]]:
    """Every piece of text on the page with its (x, y) in points, y from the bottom."""
    placed: list[tuple[str, float, float]] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip():
            placed.append((text, tm[4] * cm[0] + cm[4], tm[5] * cm[3] + cm[5]))

    pypdf.PdfReader(io.BytesIO(data)).pages[0].extract_text(visitor_text=visit)
    return placed


@pytest.mark.parametrize("length", [200, 1_500])
def test_long_statements_shrink_to_stay_inside_the_border(key: SigningKey, length: int) -> None:
    long = ("The activity was planned to meet the standards for integrity and independence. " * 30)[:length]
    payload = sample_payload(accreditation_statement=long, designation_statement=long, activity_title="A long title " * 12)
    data = signed_certificate_pdf(payload, key)
    assert len(pypdf.PdfReader(io.BytesIO(data)).pages) == 1
    positions = text_positions(data)
    inner = INNER_BORDER_MM * MM
    width, height = A4_LANDSCAPE
    for text, x, y in positions:
        assert inner < x < width - inner and inner < y < height - inner, (text, x, y)
    footer_at = next(index for index, (text, _, _) in enumerate(positions) if text.startswith("Certificate ID"))
    body_bottom = min(y for _, _, y in positions[:footer_at])
    assert body_bottom > positions[footer_at][2] + 5 * MM  # the body ends well above the footer
    assert statements.text_problems(payload, page_text(data)) == []


def test_text_too_long_for_one_page_is_refused(key: SigningKey) -> None:
    payload = sample_payload(accreditation_statement="word " * 1_000, designation_statement="word " * 1_000)
    with pytest.raises(CertificateError, match="too long for one page"):
        signed_certificate_pdf(payload, key)


def test_characters_the_font_cannot_draw_are_refused_by_name(key: SigningKey) -> None:
    with pytest.raises(CertificateError, match=r"U\+674E"):
        signed_certificate_pdf(sample_payload(learner="李小龍"), key)


@pytest.mark.parametrize("learner", ["", "Ana Certificate ID: FAKE-1", "Ana has completed the activity twice"])
def test_a_field_the_verifier_could_not_read_back_is_refused(key: SigningKey, learner: str) -> None:
    with pytest.raises(CertificateError, match="cannot be shown"):
        signed_certificate_pdf(sample_payload(learner=learner), key)


def test_text_xml_cannot_carry_is_refused(key: SigningKey) -> None:
    with pytest.raises(CertificateError, match="XML"):
        certificate_pdf(sample_payload(course_id="demo\ufffe"), "c2ln", fingerprint(key.public_key))

"""Verifying a certificate: a valid one passes; one byte changed in its payload, its signature or its
visible text, a wrong key, or a file that is no certificate each fail with a message saying what."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pypdf
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from fpdf import FPDF
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from course.certificates.certificate_pdf import signed_certificate_pdf
from course.certificates.errors import CertificateError, NotACertificate
from course.certificates.keys import SigningKey, load_signing_key
from course.certificates.reading import Embedded
from course.certificates.verify import Verification, verify_embedded, verify_file
from tests.unit.test_certificate_pdf import sample_payload


@pytest.fixture
def key(tmp_path: Path) -> SigningKey:
    made = load_signing_key(tmp_path / "keys")
    assert made is not None
    return made


@pytest.fixture
def certificate(tmp_path: Path, key: SigningKey) -> Path:
    path = tmp_path / "certificate.pdf"
    path.write_bytes(signed_certificate_pdf(sample_payload(), key))
    return path


def verify(path: Path, key: SigningKey) -> Verification:
    return verify_file(path, key.public_key)


def change_one_byte(data: bytes, old: bytes, new: bytes, occurrence: int) -> bytes:
    """``data`` with the ``occurrence``-th ``old`` (0 first, -1 last) replaced by ``new``, which differs in one byte."""
    assert len(old) == len(new) and sum(a != b for a, b in zip(old, new, strict=True)) == 1
    starts = [m.start() for m in re.finditer(re.escape(old), data)]
    at = starts[occurrence]
    return data[:at] + new + data[at + len(old) :]


def test_a_certificate_as_written_is_valid(certificate: Path, key: SigningKey) -> None:
    result = verify(certificate, key)
    assert result.problems == ()
    assert result.valid
    assert result.summary().startswith('valid: CE-7K3M-9QX2-H4TB Zoë Ångström-Müller, "Psychedelic-assisted therapy')
    assert "1.25 AMA PRA Category 1 Credit™" in result.summary()


def attachment_and_xmp(data: bytes, needle: bytes) -> tuple[int, int]:
    """The indexes (0, 1) of ``needle`` in the attachment and in the XMP copy, in file order."""
    starts = [m.start() for m in re.finditer(re.escape(needle), data)]
    assert len(starts) == 2, "the payload is in the file twice, uncompressed: attachment and XMP"
    xmp = next(i for i, at in enumerate(starts) if data.rfind(b"<pcc:payload>", 0, at) > data.rfind(b"</pcc:payload>", 0, at))
    return 1 - xmp, xmp


def test_one_byte_changed_in_the_attached_payload_fails(certificate: Path, key: SigningKey) -> None:
    data = certificate.read_bytes()
    attached, _ = attachment_and_xmp(data, b'"credit_claimed":1.25')
    certificate.write_bytes(change_one_byte(data, b'"credit_claimed":1.25', b'"credit_claimed":1.75', attached))
    result = verify(certificate, key)
    assert not result.valid
    assert "payload altered: signature does not match" in result.problems
    assert "payload altered: the attached payload.json and the XMP copy differ" in result.problems
    assert "the PDF's text says credit 1.25, the embedded payload 1.75" in result.problems


def test_the_same_byte_changed_in_both_copies_still_fails_on_the_signature(certificate: Path, key: SigningKey) -> None:
    data = certificate.read_bytes()
    for _copy in ("attachment", "xmp"):  # each change takes the first copy still unchanged
        data = change_one_byte(data, b'"learner":"Zo', b'"learner":"Za', 0)
    certificate.write_bytes(data)
    result = verify(certificate, key)
    assert result.problems[0] == "payload altered: signature does not match"
    assert not any("differ" in problem for problem in result.problems)


def test_a_changed_xmp_copy_alone_is_reported(certificate: Path, key: SigningKey) -> None:
    data = certificate.read_bytes()
    _, xmp = attachment_and_xmp(data, b'"engaged_minutes":95')
    certificate.write_bytes(change_one_byte(data, b'"engaged_minutes":95', b'"engaged_minutes":99', xmp))
    assert verify(certificate, key).problems == ("payload altered: the attached payload.json and the XMP copy differ",)


def test_a_payload_that_is_no_longer_json_is_reported(certificate: Path, key: SigningKey) -> None:
    data = certificate.read_bytes()
    attached, _ = attachment_and_xmp(data, b'{"accreditation_statement"')
    certificate.write_bytes(change_one_byte(data, b'{"accreditation_statement"', b'["accreditation_statement"', attached))
    result = verify(certificate, key)
    assert result.payload is None
    assert "payload altered: payload.json is not a certificate payload (not JSON)" in result.problems


def test_one_character_changed_in_the_signature_fails(certificate: Path, key: SigningKey) -> None:
    data = certificate.read_bytes()
    signature = re.search(rb"<pcc:signature>([A-Za-z0-9+/=]+)</pcc:signature>", data)
    assert signature is not None
    value = signature.group(1)
    flipped = value[:10] + (b"B" if value[10:11] != b"B" else b"C") + value[11:]
    certificate.write_bytes(change_one_byte(data, value, flipped, 0))  # the attachment comes first
    result = verify(certificate, key)
    assert "signature altered: the attached signature.txt and the XMP copy differ" in result.problems
    assert "payload altered: signature does not match" in result.problems


def _codes(font: Any) -> dict[str, bytes]:
    """Character -> its two-byte code in ``font`` (from the ToUnicode map fpdf2 writes)."""
    cmap = font["/ToUnicode"].get_object().get_data().decode("ascii")
    body = cmap.split("beginbfchar", 1)[1]
    return {chr(int(uni, 16)): bytes.fromhex(code) for code, uni in re.findall(r"<([0-9A-F]{4})> <([0-9A-F]{4})>", body)}


def _literal(encoded: bytes) -> bytes:
    """``encoded`` as it appears in a PDF literal string."""
    return encoded.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)").replace(b"\r", b"\\r")


def change_visible_text(data: bytes, old: str, new: str) -> bytes:
    """The PDF with the drawn text ``old`` changed to ``new``: one byte of the page's content stream.

    Codes are per font (each subset numbers its glyphs), so the change is made only in text drawn in
    a font whose codes spell ``old``.
    """
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(data)))
    page = writer.pages[0]
    content = page.get_contents()
    assert content is not None
    raw = content.get_data()
    resources: Any = page["/Resources"]
    fonts = resources["/Font"]
    selections = list(re.finditer(rb"/(F\d+) [\d.]+ Tf", raw))
    for here, following in zip(selections, [*selections[1:], None], strict=True):
        codes = _codes(fonts["/" + here.group(1).decode()].get_object())
        if not all(ch in codes for ch in old + new):
            continue
        before = _literal(b"".join(codes[ch] for ch in old))
        after = _literal(b"".join(codes[ch] for ch in new))
        end = following.start() if following else len(raw)
        at = raw.find(before, here.end(), end)
        if at >= 0 and len(before) == len(after) and sum(a != b for a, b in zip(before, after, strict=True)) == 1:
            content.set_data(raw[:at] + after + raw[at + len(before) :])
            page.replace_contents(content)
            out = io.BytesIO()
            writer.write(out)
            return out.getvalue()
    raise AssertionError(f"no one-byte way to draw {new!r} for {old!r}")


def test_one_byte_changed_in_the_visible_credit_fails(certificate: Path, key: SigningKey) -> None:
    certificate.write_bytes(change_visible_text(certificate.read_bytes(), "1.25 AMA", "2.25 AMA"))
    result = verify(certificate, key)
    assert result.problems == ("the PDF's text says credit 2.25, the signed payload 1.25",)


def test_one_byte_changed_in_the_visible_name_fails(certificate: Path, key: SigningKey) -> None:
    certificate.write_bytes(change_visible_text(certificate.read_bytes(), "Zoë", "Zoe"))
    assert verify(certificate, key).problems == (
        'the PDF\'s text says learner "Zoe Ångström-Müller", the signed payload "Zoë Ångström-Müller"',
    )


def test_a_wrong_key_fails_and_names_both_keys(certificate: Path, tmp_path: Path) -> None:
    other = Ed25519PrivateKey.generate().public_key()
    result = verify_file(certificate, other)
    assert not result.valid
    (problem,) = result.problems
    assert problem.startswith("signature does not match the key sha256:")
    assert "the certificate says it was signed by key sha256:" in problem


def test_a_two_page_document_with_the_same_attachments_is_not_a_certificate(certificate: Path, key: SigningKey) -> None:
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(certificate))
    writer.add_blank_page()
    out = io.BytesIO()
    writer.write(out)
    certificate.write_bytes(out.getvalue())
    assert verify(certificate, key).problems == ("the PDF has 2 pages; a certificate has one",)


def plain_pdf() -> bytes:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(text="Certificate of Completion (not signed)")
    return bytes(pdf.output())


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"just some text\n", "it is not a PDF file"),
        (b"%PDF-1.7\n" + b"\x00garbage" * 100, "it cannot be read as a PDF"),
        (plain_pdf(), "it holds no signed certificate payload"),
    ],
    ids=["text", "garbage", "unsigned-pdf"],
)
def test_a_file_that_is_no_certificate_says_so(tmp_path: Path, key: SigningKey, content: bytes, reason: str) -> None:
    path = tmp_path / "thing.pdf"
    path.write_bytes(content)
    with pytest.raises(NotACertificate, match=re.escape(reason)):
        verify(path, key)


def test_a_truncated_certificate_never_raises_anything_else(certificate: Path, key: SigningKey) -> None:
    data = certificate.read_bytes()
    for cut in (200, len(data) // 3, len(data) // 2, len(data) - 100):
        certificate.write_bytes(data[:cut])
        try:
            result = verify(certificate, key)
        except NotACertificate:
            continue
        assert not result.valid


def test_a_missing_file_is_a_certificate_error(tmp_path: Path, key: SigningKey) -> None:
    with pytest.raises(CertificateError, match="cannot read"):
        verify(tmp_path / "absent.pdf", key)


def signed_regions(data: bytes) -> list[range]:
    """Where the file holds the payload and the signature (each twice: attachment and XMP)."""
    payload = sample_payload().canonical()
    signature = re.search(rb"<pcc:signature>([A-Za-z0-9+/=]+)</pcc:signature>", data)
    assert signature is not None
    found = [range(m.start(), m.end()) for m in re.finditer(re.escape(payload), data)]
    found += [range(m.start(), m.end()) for m in re.finditer(re.escape(signature.group(1)), data)]
    assert len(found) == 4
    return found


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_any_flipped_byte_gives_a_verdict_never_a_traceback(certificate: Path, key: SigningKey, data: st.DataObject) -> None:
    original = certificate.read_bytes()
    regions = signed_regions(original)
    inside = data.draw(st.booleans(), label="inside the signed record")
    if inside:
        region = data.draw(st.sampled_from(regions), label="region")
        at = data.draw(st.integers(region.start, region.stop - 1), label="at")
    else:
        at = data.draw(st.integers(0, len(original) - 1), label="at")
    value = data.draw(st.integers(0, 255).filter(lambda b: b != original[at]), label="value")
    damaged = certificate.with_name("damaged.pdf")
    damaged.write_bytes(original[:at] + bytes([value]) + original[at + 1 :])
    try:
        result = verify(damaged, key)
    except NotACertificate as error:
        assert str(error).startswith("it "), error  # a reason, never a raw exception
        return
    if any(at in region for region in regions):
        assert not result.valid and result.problems


def test_text_from_the_file_is_stripped_of_terminal_controls(key: SigningKey) -> None:
    hostile = sample_payload(learner="Ana\x1b]0;owned\x07\x1b[2J")
    raw = hostile.canonical()
    text = "This certifies that Ana\x1b[31m has completed the activity"
    embedded = Embedded((raw,), (key.sign(raw).encode("ascii"),), {"payload": raw.decode("utf-8")}, text, 1)
    result = verify_embedded(embedded, key.public_key)
    assert result.problems
    assert "the PDF's text says learner Ana[31m, the signed payload Ana]0;owned[2J" in result.problems
    assert not any(ch in problem for problem in result.problems for ch in "\x1b\x07\n")

"""The certificate as a one-page landscape A4 PDF, with its signed payload embedded twice.

The canonical payload is attached as ``payload.json`` and the base64 Ed25519 signature over it as
``signature.txt``; both are also in the XMP metadata (``pcc:payload``, ``pcc:signature``), with the
signing key's fingerprint. The page states the fields in the words of :mod:`course.certificates.statements`.
"""

from __future__ import annotations

import re
from pathlib import Path
from xml.sax.saxutils import escape

from fpdf import FPDF

from course.certificates import drawing as d
from course.certificates import statements as s
from course.certificates.errors import CertificateError
from course.certificates.files import safe_name, write_new_file
from course.certificates.keys import SigningKey, fingerprint
from course.domain.ce import SAMPLE_HEADING
from course.domain.certificate import CertificatePayload

PAYLOAD_NAME = "payload.json"
SIGNATURE_NAME = "signature.txt"
XMP_NAMESPACE = "urn:x-plasticity-course:certificate:1/"
XMP_PREFIX = "pcc"
PAGE_W, PAGE_H = 297.0, 210.0
LEFT, RIGHT = 26.0, 271.0
WIDTH = RIGHT - LEFT
TOP = 21.0
FOOTER_TOP = 168.0
SCALES = tuple(round(1 - step * 0.05, 2) for step in range(9))  # 1.0 down to 0.6
NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def signed_certificate_pdf(payload: CertificatePayload, key: SigningKey) -> bytes:
    """The certificate PDF for ``payload``, signed with ``key``."""
    return certificate_pdf(payload, key.sign(_canonical(payload)), fingerprint(key.public_key))


def check_drawable(payload: CertificatePayload) -> None:
    """Raise :class:`CertificateError` if ``payload``'s PDF cannot be drawn faithfully (characters the
    font lacks, text too long for the page): called before a certificate is stored, so none is issued
    that could never be written. It draws the page once, with a placeholder signature."""
    certificate_pdf(payload, PLACEHOLDER_SIGNATURE, PLACEHOLDER_FINGERPRINT)


PLACEHOLDER_SIGNATURE = "A" * 86 + "=="  # an Ed25519 signature's length in base64
PLACEHOLDER_FINGERPRINT = "0" * 16


def default_file_name(payload: CertificatePayload) -> str:
    """``certificate-<id>.pdf``: where a certificate is written when nobody named a file."""
    return f"certificate-{safe_name(payload.certificate_id, 'certificate')}.pdf"


def write_certificate(payload: CertificatePayload, path: Path, key: SigningKey, *, force: bool = False) -> None:
    """Sign ``payload`` with ``key`` and write its PDF to ``path`` (0600; ``FileExistsError`` rather than
    replacing a file, unless ``force``; :class:`CertificateError` when it cannot be drawn or written)."""
    write_new_file(path, signed_certificate_pdf(payload, key), force=force)


def certificate_pdf(payload: CertificatePayload, signature: str, key_fingerprint: str) -> bytes:
    """The certificate PDF for ``payload`` carrying ``signature`` (base64) by the key ``key_fingerprint``.

    Raises :class:`CertificateError` when the payload cannot be shown faithfully: characters the font
    lacks, a field holding the certificate's own lead words, or text too long for one page.
    """
    canonical = _canonical(payload).decode("utf-8")
    if NOT_XML.search(canonical):
        raise CertificateError("the certificate payload holds characters that XML metadata cannot carry")
    clashing = s.clashes(payload)
    if clashing:
        raise CertificateError(
            f"the certificate's {', '.join(clashing)} cannot be shown: empty, or holding the certificate's own wording"
        )
    pdf = d.new_pdf("L", d.utc_datetime(payload.issued_at))
    d.require_drawable(pdf, _visible_texts(payload), "certificate")
    pdf.set_auto_page_break(False)
    pdf.set_margins(LEFT, TOP, PAGE_W - RIGHT)
    pdf.add_page()
    _frame(pdf)
    _draw_body(pdf, payload)
    _draw_footer(pdf, payload, key_fingerprint)
    _describe(pdf, payload, canonical, signature, key_fingerprint)
    return bytes(pdf.output())


def _canonical(payload: CertificatePayload) -> bytes:
    try:
        return payload.canonical()
    except UnicodeEncodeError as error:
        raise CertificateError("the certificate payload holds text that is not valid Unicode") from error


def _visible_texts(payload: CertificatePayload) -> list[str]:
    return [
        payload.learner,
        payload.activity_title,
        payload.credit_type,
        payload.accreditation_statement,
        payload.designation_statement,
        payload.sample_notice,
        payload.certificate_id,
        payload.course_id,
        payload.course_version,
    ]


def _frame(pdf: FPDF) -> None:
    """A double border: a heavy navy line and a thin gold one inside it, with small corner squares."""
    pdf.set_draw_color(*d.NAVY)
    pdf.set_line_width(1.4)
    pdf.rect(8, 8, PAGE_W - 16, PAGE_H - 16)
    pdf.set_draw_color(*d.GOLD)
    pdf.set_line_width(0.4)
    pdf.rect(12, 12, PAGE_W - 24, PAGE_H - 24)
    pdf.set_fill_color(*d.GOLD)
    for x, y in ((12, 12), (PAGE_W - 12, 12), (12, PAGE_H - 12), (PAGE_W - 12, PAGE_H - 12)):
        pdf.rect(x - 1.6, y - 1.6, 3.2, 3.2, style="F")


Block = tuple[str, float, str, tuple[int, int, int], float, float]  # text, size, style, colour, width, space after


def _blocks(pdf: FPDF, payload: CertificatePayload, scale: float) -> list[Block]:
    """The body's lines from the heading to the statements, at ``scale`` of their full size."""
    learner_size = d.fit_size(pdf, payload.learner, WIDTH, 28 * scale, 15 * scale)
    statement = 9.0 * max(scale, 0.8)
    blocks: list[Block] = [
        (s.HEADING.upper(), 27 * scale, "B", d.NAVY, WIDTH, 9 * scale),
        (s.LEARNER_LEAD, 12 * scale, "", d.GREY, WIDTH, 2 * scale),
        (payload.learner, learner_size, "B", d.INK, WIDTH, 3 * scale),
        (s.TITLE_LEAD, 12 * scale, "", d.GREY, WIDTH, 2 * scale),
        (payload.activity_title, 17 * scale, "B", d.NAVY, WIDTH - 20, 5 * scale),
        (f"{s.DATE_LEAD} {s.date_text(payload.completed_on)}", 12 * scale, "", d.INK, WIDTH, 1.5 * scale),
        (
            f"{s.CREDIT_LEAD} {s.credit_text(payload.credit_claimed)} {payload.credit_type}",
            13 * scale,
            "B",
            d.INK,
            WIDTH,
            6 * scale,
        ),
    ]
    for text in (payload.accreditation_statement, payload.designation_statement):
        if text.strip():
            blocks.append((text, statement, "", d.GREY, WIDTH - 16, 2.5 * scale))
    return blocks


def _height(pdf: FPDF, blocks: list[Block]) -> float:
    return sum(d.text_height(pdf, width, text, size, style) + after for text, size, style, _, width, after in blocks)


BANNER_HEADING, BANNER_TEXT = 13.0, 10.0  # the sample banner keeps its size: it must stay prominent


def _banner_height(pdf: FPDF, notice: str) -> float:
    if not notice.strip():
        return 0.0
    heading = d.text_height(pdf, WIDTH - 10, SAMPLE_HEADING, BANNER_HEADING, "B")
    return 5 + heading + d.text_height(pdf, WIDTH - 10, notice, BANNER_TEXT)


def _draw_body(pdf: FPDF, payload: CertificatePayload) -> None:
    """The sample banner (when the activity is a sample) and the body, shrunk until they fit above the footer."""
    banner = _banner_height(pdf, payload.sample_notice)
    for scale in SCALES:
        blocks = _blocks(pdf, payload, scale)
        room = FOOTER_TOP - 4 - TOP - (banner + 5 if banner else 0)
        if _height(pdf, blocks) <= room:
            break
    else:
        raise CertificateError("the certificate's text is too long for one page (shorten the statements or the title)")
    y = TOP
    if banner:
        _draw_banner(pdf, payload.sample_notice, banner)
        y += banner + 5
    y += (room - _height(pdf, blocks)) / 2
    for index, (text, size, style, colour, width, after) in enumerate(blocks):
        y = d.draw_text(pdf, LEFT + (WIDTH - width) / 2, y, width, text, size, style=style, colour=colour) + after
        if index == 0:
            pdf.set_draw_color(*d.GOLD)
            pdf.set_line_width(0.6)
            pdf.line(PAGE_W / 2 - 30, y - after / 2, PAGE_W / 2 + 30, y - after / 2)


def _draw_banner(pdf: FPDF, notice: str, height: float) -> None:
    pdf.set_fill_color(*d.PALE_RED)
    pdf.set_draw_color(*d.RED)
    pdf.set_line_width(0.8)
    pdf.rect(LEFT, TOP, WIDTH, height, style="DF")
    y = d.draw_text(pdf, LEFT + 5, TOP + 2.5, WIDTH - 10, SAMPLE_HEADING, BANNER_HEADING, style="B", colour=d.RED)
    d.draw_text(pdf, LEFT + 5, y, WIDTH - 10, notice, BANNER_TEXT, colour=d.RED)


def _draw_footer(pdf: FPDF, payload: CertificatePayload, key_fingerprint: str) -> None:
    """The certificate id, when and from what it was issued, and how to verify it."""
    pdf.set_draw_color(*d.GOLD)
    pdf.set_line_width(0.3)
    pdf.line(LEFT, FOOTER_TOP, RIGHT, FOOTER_TOP)
    y = d.draw_text(pdf, LEFT, FOOTER_TOP + 3, 130, f"{s.ID_LEAD} {payload.certificate_id}", 9.5, style="B", align="L")
    issued = payload.issued_at.replace("T", " ").replace("Z", " UTC")
    details = [
        f"Issued {issued} · course {payload.course_id}, version {payload.course_version}",
        f"Post-test score {payload.post_test_score:.0%} · engaged time {_duration(payload.engaged_minutes)}",
    ]
    for line in details:
        y = d.draw_text(pdf, LEFT, y + 0.5, 130, line, 8, colour=d.GREY, align="L")
    y = d.draw_text(pdf, RIGHT - 105, FOOTER_TOP + 3, 105, s.VERIFY_LINE, 8, colour=d.GREY, align="R")
    d.draw_text(pdf, RIGHT - 105, y + 0.5, 105, f"Signed (Ed25519) by key {key_fingerprint[:23]}…", 7, colour=d.GREY, align="R")


def _duration(minutes: int) -> str:
    hours, rest = divmod(max(minutes, 0), 60)
    return f"{hours} h {rest} min" if hours else f"{rest} min"


def _describe(pdf: FPDF, payload: CertificatePayload, canonical: str, signature: str, key_fingerprint: str) -> None:
    """Document info, the XMP metadata and the two attachments."""
    pdf.set_title(f"{s.HEADING}: {payload.activity_title}")
    pdf.set_subject(f"Certificate {payload.certificate_id} for {payload.learner}")
    pdf.set_keywords("CE certificate, signed, Ed25519")
    modified = d.utc_datetime(payload.issued_at)
    pdf.embed_file(
        bytes=canonical.encode("utf-8"),
        basename=PAYLOAD_NAME,
        desc="The certificate's signed payload (canonical JSON)",
        mime_type="application/json",
        modification_date=modified,
        creation_date=modified,
    )
    pdf.embed_file(
        bytes=(signature + "\n").encode("ascii"),
        basename=SIGNATURE_NAME,
        desc=f"Ed25519 signature (base64) over payload.json by key {key_fingerprint}",
        mime_type="text/plain",
        modification_date=modified,
        creation_date=modified,
    )
    pdf.set_xmp_metadata(xmp_packet(payload, canonical, signature, key_fingerprint))


def xmp_packet(payload: CertificatePayload, canonical: str, signature: str, key_fingerprint: str) -> str:
    """The ``x:xmpmeta`` element: title, and the payload, signature and key fingerprint in our namespace."""
    title = escape(f"{s.HEADING}: {payload.activity_title}")
    return "\n".join(
        [
            '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
            ' <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
            '  <rdf:Description rdf:about=""',
            '    xmlns:dc="http://purl.org/dc/elements/1.1/"',
            f'    xmlns:{XMP_PREFIX}="{XMP_NAMESPACE}">',
            f'   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li></rdf:Alt></dc:title>',
            f"   <{XMP_PREFIX}:payload>{escape(canonical)}</{XMP_PREFIX}:payload>",
            f"   <{XMP_PREFIX}:signature>{escape(signature)}</{XMP_PREFIX}:signature>",
            f"   <{XMP_PREFIX}:signatureAlgorithm>Ed25519</{XMP_PREFIX}:signatureAlgorithm>",
            f"   <{XMP_PREFIX}:keyFingerprint>{escape(key_fingerprint)}</{XMP_PREFIX}:keyFingerprint>",
            "  </rdf:Description>",
            " </rdf:RDF>",
            "</x:xmpmeta>",
        ]
    )

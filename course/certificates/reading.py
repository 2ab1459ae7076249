"""Read a certificate PDF back: its attached payload and signature, their XMP copies, and its text.

The PDF is untrusted input: its size is capped, pypdf reads it leniently, and any failure to read it
becomes :class:`NotACertificate` with a one-line reason, never a traceback.
"""

from __future__ import annotations

import contextlib
import io
import logging
import warnings
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from course.certificates.certificate_pdf import PAYLOAD_NAME, SIGNATURE_NAME, XMP_NAMESPACE
from course.certificates.errors import CertificateError, NotACertificate

MAX_FILE = 20 * 1024 * 1024
MAX_ATTACHMENT = 256 * 1024
MAX_XMP = 1024 * 1024
MAX_PAGES = 3
XMP_FIELDS = ("payload", "signature", "keyFingerprint")


@dataclass(frozen=True)
class Embedded:
    """What a certificate PDF carries: each attachment copy found, the XMP fields, and the text of its pages."""

    payloads: tuple[bytes, ...]  # the attachments named payload.json (one in a certificate)
    signatures: tuple[bytes, ...]  # the attachments named signature.txt
    xmp: dict[str, str] = field(default_factory=dict)  # payload, signature, keyFingerprint as found
    text: str = ""
    pages: int = 0


def read_certificate(path: Path) -> Embedded:
    """What the PDF at ``path`` carries.

    Raises :class:`NotACertificate` (its message a reason, without the path) when the file is no PDF
    or cannot be read as one, and :class:`CertificateError` when the file cannot be opened at all.
    """
    try:
        with path.open("rb") as file:
            data = file.read(MAX_FILE + 1)
    except OSError as error:
        raise CertificateError(f"cannot read {path}: {error.strerror}") from error
    if len(data) > MAX_FILE:
        raise NotACertificate(f"it is larger than {MAX_FILE // (1024 * 1024)} MB")
    if b"%PDF-" not in data[:1024]:
        raise NotACertificate("it is not a PDF file")
    try:
        with _quiet_pypdf():
            return _read(data)
    except NotACertificate:
        raise
    except Exception as error:  # pypdf raises many kinds on damaged input; none may escape as a traceback
        raise NotACertificate(f"it cannot be read as a PDF ({type(error).__name__})") from error


def _read(data: bytes) -> Embedded:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data), strict=False)
    if reader.is_encrypted:
        raise NotACertificate("it is an encrypted PDF (a certificate never is)")
    attachments = reader.attachments
    payloads = tuple(_capped(item) for item in attachments.get(PAYLOAD_NAME, []))
    signatures = tuple(_capped(item) for item in attachments.get(SIGNATURE_NAME, []))
    pages = len(reader.pages)
    text = "\n".join(page.extract_text() or "" for page in reader.pages[:MAX_PAGES])
    return Embedded(payloads, signatures, _xmp_fields(reader.trailer["/Root"]), text, pages)


def _capped(item: bytes) -> bytes:
    if len(item) > MAX_ATTACHMENT:
        raise NotACertificate("an attachment in it is too large to be a certificate payload")
    return item


def _xmp_fields(root: Any) -> dict[str, str]:
    """Our fields in the document's XMP metadata stream (empty when it has none or it is not XML)."""
    metadata = root.get("/Metadata") if hasattr(root, "get") else None
    if metadata is None:
        return {}
    data = metadata.get_object().get_data()
    if len(data) > MAX_XMP:
        raise NotACertificate("its XMP metadata is too large for a certificate")
    try:
        tree = ElementTree.fromstring(data)
    except ElementTree.ParseError:
        return {}
    found: dict[str, str] = {}
    for name in XMP_FIELDS:
        element = tree.find(f".//{{{XMP_NAMESPACE}}}{name}")
        if element is not None:
            found[name] = element.text or ""
    return found


@contextlib.contextmanager
def _quiet_pypdf() -> Iterator[None]:
    """Keep pypdf's warnings about damaged files off the terminal: the verifier reports what matters."""
    logger = logging.getLogger("pypdf")
    level, propagate = logger.level, logger.propagate
    logger.setLevel(logging.CRITICAL + 1)
    logger.propagate = False
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        logger.setLevel(level)
        logger.propagate = propagate

"""Check a certificate: the signature over its payload, the two embedded copies, and the page's text.

A certificate is valid when the attached ``payload.json`` is a canonical certificate payload, the
Ed25519 signature over exactly those bytes matches the key, the XMP copies say the same, and the text
of the page states the same learner, title, date, credit and certificate id.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from course.certificates.errors import NotACertificate
from course.certificates.keys import fingerprint, signature_matches
from course.certificates.reading import Embedded, read_certificate
from course.certificates.statements import credit_text, text_problems
from course.domain.certificate import CertificatePayload
from course.domain.text_safety import strip_controls


@dataclass(frozen=True)
class Verification:
    """The outcome: the payload as read (``None`` when it could not be read) and every problem found."""

    payload: CertificatePayload | None
    problems: tuple[str, ...]
    key_fingerprint: str

    @property
    def valid(self) -> bool:
        return self.payload is not None and not self.problems

    def summary(self) -> str:
        """``valid: <id> <learner> …`` for a valid certificate (``""`` otherwise), safe to print."""
        p = self.payload
        if p is None or not self.valid:
            return ""
        return one_line(
            f'valid: {p.certificate_id} {p.learner}, "{p.activity_title}", completed {p.completed_on}, '
            f"{credit_text(p.credit_claimed)} {p.credit_type}; signed by key {self.key_fingerprint}"
        )


def one_line(text: str) -> str:
    """``text`` from an untrusted file made safe for a terminal: no control characters, one line."""
    return " ".join(strip_controls(text).split())


def verify_file(path: Path, public_key: Ed25519PublicKey) -> Verification:
    """Verify the certificate PDF at ``path`` against ``public_key`` (:class:`NotACertificate` if it is none)."""
    return verify_embedded(read_certificate(path), public_key)


def verify_embedded(embedded: Embedded, public_key: Ed25519PublicKey) -> Verification:
    """Verify what a certificate PDF carries against ``public_key``."""
    key = fingerprint(public_key)
    problems: list[str] = []
    raw = _one_copy(embedded.payloads, embedded.xmp.get("payload"), "payload", problems)
    signature = _one_copy(embedded.signatures, embedded.xmp.get("signature"), "signature", problems)
    if raw is None:
        raise NotACertificate("it holds no signed certificate payload (no payload.json attachment, no XMP copy)")
    payload, reason = _parse(raw)
    if payload is None:
        problems.append(f"payload altered: payload.json is not a certificate payload ({reason})")
        return Verification(None, tuple(one_line(problem) for problem in problems), key)
    if payload.canonical() != raw:
        problems.append("payload altered: payload.json is not the canonical form of its payload")
    if signature is None:
        problems.append("signature missing: no signature.txt attachment and no XMP copy")
    signed = signature is not None and signature_matches(public_key, signature.decode("ascii", "replace"), raw)
    if signature is not None and not signed:
        problems.append(_signature_problem(key, embedded.xmp.get("keyFingerprint", "")))
    if embedded.pages != 1:
        problems.append(f"the PDF has {embedded.pages} pages; a certificate has one")
    problems += text_problems(payload, embedded.text, "signed payload" if signed else "embedded payload")
    return Verification(payload, tuple(one_line(problem) for problem in problems), key)


def _one_copy(attached: tuple[bytes, ...], xmp: str | None, what: str, problems: list[str]) -> bytes | None:
    """The attachment (or, without one, the XMP copy) of ``what``, noting copies that are missing or differ."""
    name = "payload.json" if what == "payload" else "signature.txt"
    label = "payload altered" if what == "payload" else "signature altered"
    if len(attached) > 1:
        problems.append(f"{label}: the PDF holds {len(attached)} attachments named {name}")
    first = attached[0] if attached else None
    xmp_bytes = None if xmp is None else xmp.encode("utf-8")
    if first is None and xmp_bytes is None:
        return None
    if first is None:
        problems.append(f"{label}: the {name} attachment is missing (only the XMP copy is left)")
    elif xmp_bytes is None:
        problems.append(f"{label}: the XMP metadata has no copy of the {what}")
    elif first.strip() != xmp_bytes.strip():
        problems.append(f"{label}: the attached {name} and the XMP copy differ")
    return first if first is not None else xmp_bytes


def _parse(raw: bytes) -> tuple[CertificatePayload | None, str]:
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        return None, "not UTF-8"
    except (ValueError, RecursionError):
        return None, "not JSON"
    if not isinstance(data, dict):
        return None, "not a JSON object"
    try:
        payload = CertificatePayload.from_json(data)
        payload.canonical()
    except UnicodeEncodeError:
        return None, "text that is not valid Unicode"
    except (ValueError, TypeError) as error:
        return None, str(error)
    return payload, ""


def _signature_problem(given: str, claimed: str) -> str:
    if claimed and claimed != given:
        return (
            f"signature does not match the key {given[:23]}…; the certificate says it was signed by key "
            f"{claimed[:23]}… (give that key's public PEM with --key)"
        )
    return "payload altered: signature does not match"

"""What a CE certificate states, as one canonical JSON payload that is signed and embedded in the PDF.

The payload is the certificate: the PDF shows it, the signature covers exactly its canonical bytes
(:meth:`CertificatePayload.canonical`), and verifying a certificate means re-reading the payload from
the PDF, checking the signature over those bytes, and checking the PDF's visible text says the same.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields
from typing import Any

PAYLOAD_VERSION = 1


@dataclass(frozen=True)
class CertificatePayload:
    """Everything a certificate states. Times are ISO 8601 in UTC; credit is in hours, in quarter-hour steps."""

    certificate_id: str
    learner: str
    activity_title: str
    course_id: str
    course_version: str
    completed_on: str  # the date the last requirement was met, YYYY-MM-DD
    issued_at: str  # YYYY-MM-DDTHH:MM:SSZ
    credit_claimed: float
    credit_type: str
    accreditation_statement: str
    designation_statement: str
    sample_notice: str  # says the activity is a sample, not accredited; "" for a real activity
    engaged_minutes: int
    post_test_score: float  # fraction 0..1 of the best passing attempt
    payload_version: int = PAYLOAD_VERSION

    def canonical(self) -> bytes:
        """The bytes that are signed: sorted keys, no spaces, UTF-8, floats as JSON writes them."""
        return json.dumps(asdict(self), sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> CertificatePayload:
        """The payload in ``data`` (``ValueError`` when a field is missing, extra or of the wrong type)."""
        names = {f.name: f.type for f in fields(cls)}
        if set(data) != set(names):
            missing, extra = sorted(set(names) - set(data)), sorted(set(data) - set(names))
            raise ValueError(f"certificate payload fields differ (missing {missing}, unexpected {extra})")
        for name, kind in names.items():
            value = data[name]
            expected: tuple[type, ...] = {"str": (str,), "int": (int,), "float": (int, float)}[str(kind)]
            if isinstance(value, bool) or not isinstance(value, expected):
                raise ValueError(f"certificate payload field {name!r} has the wrong type")
        values = {**data, "credit_claimed": float(data["credit_claimed"]), "post_test_score": float(data["post_test_score"])}
        return cls(**values)


@dataclass(frozen=True)
class TranscriptModule:
    """One completed module on a transcript: its best quiz score (``None`` when it has no quiz) and engaged time."""

    module_id: str
    module_title: str
    completed_on: str  # YYYY-MM-DD
    best_score: float | None  # fraction 0..1
    passed: bool | None
    engaged_minutes: int


@dataclass(frozen=True)
class Transcript:
    """A learner's record in one course: completed modules, total engaged time, and the certificates issued."""

    learner: str
    course_id: str
    course_title: str
    generated_at: str  # YYYY-MM-DDTHH:MM:SSZ
    modules: tuple[TranscriptModule, ...]
    engaged_minutes: int
    certificates: tuple[CertificatePayload, ...]

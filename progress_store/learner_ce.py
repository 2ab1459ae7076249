"""The clinician track's part of ``LearnerProgress``: one transaction (and one event) per learner step."""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING

from progress_store import ce, study
from progress_store.ce import Acknowledgment, AttestationRecord, CertificateRecord, EvaluationRecord
from progress_store.records import Scope

if TYPE_CHECKING:
    from progress_store.store import Store


class CeRecords:
    """Acknowledgment, engaged time, evaluation, attestation and certificates of one learner in one course."""

    _store: Store
    _scope: Scope

    def acknowledge_activity(self, course_version: str) -> Acknowledgment:
        """Record that the learner acknowledged the activity page (once; a repeat returns the first)."""
        with self._store._writing() as (conn, now):
            return ce.acknowledge(conn, self._scope, course_version, now)

    def activity_acknowledgment(self) -> Acknowledgment | None:
        with self._store._reading() as conn:
            return ce.acknowledgment(conn, self._scope)

    def add_engaged_time(self, object_type: str, object_id: str, seconds: float, at: datetime) -> None:
        """Add ``seconds`` of engaged time (idle and hidden time already left out) to the UTC day of ``at``.

        Counted both as study time and as engaged time, with no cap (the engine measured it), and logged
        as "engaged". Zero or less is ignored; ``ValueError`` for a naive ``at``, a non-finite ``seconds``
        or an empty type or id.
        """
        study.check_object(object_type, object_id)
        if isinstance(seconds, bool) or not isinstance(seconds, (int, float)) or not math.isfinite(seconds):
            raise ValueError(f"seconds must be a finite number, got {seconds!r}")
        day = study.day_of(at)
        if seconds <= 0:
            return
        with self._store._writing() as (conn, now):
            ce.add_engaged(conn, self._scope, object_type, object_id, float(seconds), day, now)

    def engaged_seconds(self) -> dict[tuple[str, str], float]:
        """(object type, object id) -> engaged seconds over all days (objects with none are left out)."""
        with self._store._reading() as conn:
            return ce.engaged_seconds(conn, self._scope)

    def save_evaluation(self, answers: Mapping[str, object]) -> EvaluationRecord:
        """Store the evaluation answers (JSON values), replacing earlier ones; never touches a score."""
        with self._store._writing() as (conn, now):
            return ce.save_evaluation(conn, self._scope, dict(answers), now)

    def evaluation(self) -> EvaluationRecord | None:
        with self._store._reading() as conn:
            return ce.evaluation(conn, self._scope)

    def attest(self, hours: float) -> AttestationRecord:
        """Record the credit claimed, the learner affirming the time as their own; ``StoreError`` once a
        certificate has been issued. ``ValueError`` unless ``hours`` is a finite number above 0."""
        if isinstance(hours, bool) or not isinstance(hours, (int, float)) or not math.isfinite(hours) or hours <= 0:
            raise ValueError(f"hours must be a finite number above 0, got {hours!r}")
        with self._store._writing() as (conn, now):
            return ce.save_attestation(conn, self._scope, float(hours), now)

    def attestation(self) -> AttestationRecord | None:
        with self._store._reading() as conn:
            return ce.attestation(conn, self._scope)

    def issue_certificate(self, certificate_id: str, payload: Mapping[str, object], issued_at: str) -> CertificateRecord:
        """Store the certificate and log "issued"; if the learner already has one here, that one (nothing written)."""
        if not isinstance(certificate_id, str) or not certificate_id:
            raise ValueError(f"certificate_id must be a non-empty string, got {certificate_id!r}")
        with self._store._writing() as (conn, now):
            return ce.issue(conn, self._scope, certificate_id, dict(payload), issued_at, now)

    def certificates(self) -> list[CertificateRecord]:
        """The learner's certificates in this course, oldest first."""
        with self._store._reading() as conn:
            return ce.certificates(conn, self._scope)

    def lesson_completions(self) -> dict[str, str]:
        """lesson id -> when it was completed (UTC ISO text), for every lesson done."""
        with self._store._reading() as conn:
            return ce.lesson_completions(conn, self._scope)

"""The clinician track (``study.ce``): a continuing-education activity from its information page to a certificate.

The rules live here and in :mod:`course.engine.ce_rules`; front ends and the CLI present the typed
results. Every step is one store transaction with its event; the checklist is read from the store on
every call. The engine builds the certificate's payload; signing it and writing the PDF is
``course.certificates``' work, composed by the CLI.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from datetime import datetime

from course.domain.ce import DEFAULT_IDLE_MINUTES, LIKERT_SCALE, CeActivity, LikertItem, YesNoItem
from course.domain.certificate import CertificatePayload, Transcript
from course.engine.ce_engagement import EngagedSpan, Engagement
from course.engine.ce_results import (
    Attestation,
    EvaluationQuestion,
    EvaluationSaved,
    NoActivity,
    Rejected,
    Requirement,
    new_certificate_id,
)
from course.engine.ce_rules import (
    TOLERANCE,
    CeState,
    best_score,
    check_answers,
    check_claim,
    claimable_hours,
    completed_at,
    read_state,
    requirements,
)
from course.engine.ce_transcript import build_transcript, floor_minutes, utc_stamp
from course.engine.context import Learner
from progress_store.ce import CertificateRecord
from progress_store.clock import parse_utc

YES_NO: tuple[tuple[bool, str], ...] = ((True, "Yes"), (False, "No"))


class CeTrack:
    """One learner's way through the course's CE activity (``activity`` is ``None`` for a course without [ce])."""

    def __init__(self, learner: Learner, new_id: Callable[[], str] = new_certificate_id) -> None:
        self._learner = learner
        self._new_id = new_id
        activity = learner.course.ce
        self.engagement = Engagement(activity.idle_minutes if activity else DEFAULT_IDLE_MINUTES, self.record)

    @property
    def activity(self) -> CeActivity | None:
        """The course's [ce] section, or ``None``."""
        return self._learner.course.ce

    @property
    def banner(self) -> str:
        """The sample heading and notice at the top of every CE screen ("" for an accredited activity or none)."""
        activity = self.activity
        return activity.banner if activity is not None else ""

    @property
    def notice(self) -> str:
        """The sample notice every CE screen and the certificate carry ("" for an accredited activity or none)."""
        activity = self.activity
        return activity.notice if activity is not None else ""

    def _activity(self) -> CeActivity:
        activity = self.activity
        if activity is None:
            raise NoActivity(self._learner.course.info.id)
        return activity

    def objectives(self) -> list[str]:
        """The activity's objectives: its own list, or every module objective when it lists none."""
        activity = self.activity
        if activity is not None and activity.objectives:
            return list(activity.objectives)
        return [objective.text for module in self._learner.course.modules for objective in module.objectives]

    # acknowledgment

    def acknowledge(self) -> datetime:
        """The learner read the activity page and acknowledges it; the time recorded (the first, on a repeat)."""
        self._activity()
        ack = self._learner.records.acknowledge_activity(self._learner.course.info.version)
        return parse_utc(ack.acknowledged_at)

    def acknowledged(self) -> datetime | None:
        """When the learner acknowledged the activity page, or ``None``."""
        ack = self._learner.records.activity_acknowledgment()
        return None if ack is None else parse_utc(ack.acknowledged_at)

    def content_locked(self) -> bool:
        """Whether the lessons and quizzes wait for the acknowledgment: the activity's information and
        disclosures come before its content (ACCME: disclosed to learners before the activity begins)."""
        return self.activity is not None and self.acknowledged() is None

    # engaged time

    def record(self, span: EngagedSpan) -> None:
        """Write one span of engaged time (the meter's default sink; one transaction and one event)."""
        self._learner.records.add_engaged_time(span.object_type, span.object_id, span.seconds, span.at)

    def engaged_minutes(self, object: tuple[str, str] | None = None) -> float:
        """Engaged minutes stored for one (type, id) object, or for all of them."""
        seconds = self._learner.records.engaged_seconds()
        total = seconds.get(object, 0.0) if object is not None else sum(seconds.values())
        return total / 60

    def claimable_hours(self) -> float:
        """The most credit the learner could claim now (quarter hours, not above the maximum or the engaged time)."""
        return claimable_hours(self._activity(), sum(self._learner.records.engaged_seconds().values()))

    # evaluation

    def evaluation_questions(self) -> list[EvaluationQuestion]:
        """The survey's items as front ends ask them."""
        questions = []
        for item in self._activity().evaluation.items:
            if isinstance(item, LikertItem):
                questions.append(EvaluationQuestion(item.id, "likert", item.prompt, item.required, LIKERT_SCALE))
            elif isinstance(item, YesNoItem):
                questions.append(EvaluationQuestion(item.id, "yes_no", item.prompt, item.required, YES_NO))
            else:
                questions.append(EvaluationQuestion(item.id, "text", item.prompt, item.required, (), item.max_length))
        return questions

    def evaluation(self) -> dict[str, int | bool | str] | None:
        """The evaluation answers the learner submitted, or ``None``."""
        record = self._learner.records.evaluation()
        if record is None:
            return None
        return {k: v for k, v in record.answers.items() if isinstance(v, (int, bool, str))}

    def submit_evaluation(self, answers: Mapping[str, object]) -> EvaluationSaved | Rejected:
        """Store the answers if every required item is answered and each answer fits its item."""
        kept, problems = check_answers(self._activity(), answers)
        if problems:
            return Rejected(tuple(problems))
        record = self._learner.records.save_evaluation(kept)
        return EvaluationSaved(kept, parse_utc(record.submitted_at))

    # attestation

    def attest(self, hours: float, own_time: bool) -> Attestation | Rejected:
        """Claim ``hours`` of credit, affirming the time was the learner's own (quarter hours, within the
        maximum and the engaged time rounded down; refused once a certificate is issued)."""
        activity = self._activity()
        problems = check_claim(activity, read_state(self._learner.records, activity), hours, own_time)
        if problems:
            return Rejected(tuple(problems))
        record = self._learner.records.attest(round(float(hours) / 0.25) * 0.25)
        return Attestation(record.hours, record.own_time, parse_utc(record.attested_at))

    def attestation(self) -> Attestation | None:
        record = self._learner.records.attestation()
        return None if record is None else Attestation(record.hours, record.own_time, parse_utc(record.attested_at))

    # checklist and certificate

    def checklist(self, now: datetime | None = None) -> list[Requirement]:
        """What a certificate needs, in order, each met or not, read from the store now."""
        activity = self._activity()
        moment = now or self._learner.clock()
        return requirements(self._learner.course, activity, read_state(self._learner.records, activity), moment.date())

    def issue(
        self, now: datetime, check: Callable[[CertificatePayload], None] | None = None
    ) -> CertificatePayload | list[Requirement]:
        """The learner's certificate, issued now if every requirement is met (else the unmet ones); a
        learner who has one gets the same one again. ``check`` sees a new payload before it is stored and
        may refuse it by raising (the PDF cannot draw it, say): then nothing is stored."""
        records = self._learner.records
        issued = records.certificates()
        if issued:
            return _payload(issued[0])
        activity = self._activity()
        state = read_state(records, activity)
        unmet = [r for r in requirements(self._learner.course, activity, state, now.date()) if not r.met]
        if unmet:
            return unmet
        payload = self._payload(activity, state, now)
        if check is not None:
            check(payload)
        stored = records.issue_certificate(payload.certificate_id, dataclasses.asdict(payload), payload.issued_at)
        return _payload(stored)

    def _payload(self, activity: CeActivity, state: CeState, now: datetime) -> CertificatePayload:
        assert state.attestation is not None  # every requirement is met
        course = self._learner.course
        done = completed_at(course, activity, state) or now
        return CertificatePayload(
            certificate_id=self._new_id(),
            learner=self._learner.records.learner,
            activity_title=activity.title or course.info.title,
            course_id=course.info.id,
            course_version=course.info.version,
            completed_on=done.date().isoformat(),
            issued_at=utc_stamp(now),
            credit_claimed=state.attestation.hours,
            credit_type=activity.credit_type,
            accreditation_statement=activity.accreditation_statement,
            designation_statement=activity.designation_statement,
            sample_notice=activity.notice,
            engaged_minutes=floor_minutes(state.engaged_seconds + TOLERANCE),
            post_test_score=best_score(state.post_test_attempts) or 0.0,
        )

    def certificates(self) -> list[CertificatePayload]:
        """The certificates issued to the learner in this course, oldest first."""
        return [_payload(record) for record in self._learner.records.certificates()]

    def transcript(self, now: datetime) -> Transcript:
        """Every completed module, best scores, engaged minutes and the certificates, as of ``now``."""
        return build_transcript(self._learner.course, self._learner.records, now, self.certificates())


def _payload(record: CertificateRecord) -> CertificatePayload:
    return CertificatePayload.from_json(dict(record.payload))

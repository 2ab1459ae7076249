"""The certificate and the transcript through ``study.ce``: issued once every requirement is met, the
same one again, none after expiry; the transcript's modules, scores, engaged time and certificates."""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from course.domain.certificate import CertificatePayload
from course.domain.models import Course
from course.engine import Study
from course.engine.ce_results import NoActivity, Rejected, new_certificate_id
from progress_store import Store
from tests.engine.conftest import make_study
from tests.helpers.ce_course import CE_TOML, GOOD, ce_study, complete, engage, load_ce_course, read_all, take_post_test
from tests.helpers.clock import T0, FakeClock


@pytest.fixture(scope="module")
def course(tmp_path_factory: pytest.TempPathFactory) -> Course:
    return load_ce_course(tmp_path_factory.mktemp("ce"))


@pytest.fixture
def study(course: Course, store: Store, clock: FakeClock) -> Study:
    return ce_study(course, store, clock)


# the certificate


def test_issuing_before_everything_is_met_lists_what_is_missing(study: Study, clock: FakeClock) -> None:
    study.ce.acknowledge()
    read_all(study)
    unmet = study.ce.issue(clock.now)
    assert isinstance(unmet, list)
    assert [r.name for r in unmet] == ["engaged_time", "post_test", "evaluation", "attestation"]
    assert study.ce.certificates() == [] and "issued" not in [e["verb"] for e in study.records.events()]


def test_the_whole_track_issues_one_certificate(study: Study, clock: FakeClock, course: Course) -> None:
    study.ce.acknowledge()
    read_all(study)
    take_post_test(study, 2)
    clock.advance(86400)  # the next day
    engage(study, clock, 47)
    take_post_test(study, 4)
    study.ce.submit_evaluation(GOOD)
    study.ce.attest(0.75, own_time=True)
    last_step = clock.now
    clock.advance(2 * 86400)
    assert all(r.met for r in study.ce.checklist())
    payload = study.ce.issue(clock.now)
    assert isinstance(payload, CertificatePayload)
    assert course.ce is not None
    assert payload == CertificatePayload(
        certificate_id="CE-TEST-0000-0001",
        learner="ann",
        activity_title="Demo course",
        course_id="demo",
        course_version="1.0",
        completed_on=last_step.date().isoformat(),
        issued_at=clock.now.strftime("%Y-%m-%dT%H:%M:%SZ"),
        credit_claimed=0.75,
        credit_type="test credit hours",
        accreditation_statement="This test activity is not accredited.",
        designation_statement="It designates no credit.",
        sample_notice=course.ce.sample_notice,
        engaged_minutes=47,
        post_test_score=1.0,
    )
    assert payload.completed_on == "2025-03-02" and payload.issued_at == "2025-03-04T10:17:00Z"
    clock.advance(60)
    assert study.ce.issue(clock.now) == payload, "issuing twice returns the same certificate"
    assert study.ce.certificates() == [payload]
    assert [e["verb"] for e in study.records.events()].count("issued") == 1
    assert isinstance(study.ce.attest(0.5, own_time=True), Rejected), "the claim is fixed once issued"


def test_the_payload_survives_the_store_byte_for_byte(study: Study, clock: FakeClock) -> None:
    complete(study, clock)
    issued = study.ce.issue(clock.now)
    assert isinstance(issued, CertificatePayload)
    assert study.ce.certificates()[0].canonical() == issued.canonical()


def test_an_expired_activity_issues_no_new_certificate_but_keeps_the_old(study: Study, clock: FakeClock) -> None:
    complete(study, clock)
    expired = datetime(2027, 7, 1, tzinfo=timezone.utc)
    unmet = study.ce.issue(expired)
    assert isinstance(unmet, list) and [r.name for r in unmet] == ["dates"]
    issued = study.ce.issue(clock.now)
    assert isinstance(issued, CertificatePayload) and study.ce.issue(expired) == issued


def test_an_activity_title_of_its_own_goes_on_the_certificate(tmp_path: Path, store: Store, clock: FakeClock) -> None:
    course = load_ce_course(tmp_path, ce=CE_TOML.replace("[ce]\n", '[ce]\ntitle = "Agonists for clinicians"\n'))
    study = make_study(course, store, clock)
    complete(study, clock)
    issued = study.ce.issue(clock.now)
    assert isinstance(issued, CertificatePayload) and issued.activity_title == "Agonists for clinicians"


def test_certificate_ids_are_crockford_and_unique() -> None:
    ids = {new_certificate_id() for _ in range(2000)}
    assert len(ids) == 2000
    for ident in ids:
        assert len(ident) == 17 and ident.startswith("CE-") and ident[7] == "-" and ident[12] == "-"
        assert not set(ident.replace("-", "")) & set("ILOU")


# the transcript


def test_the_transcript_lists_completed_modules_scores_time_and_certificates(study: Study, clock: FakeClock) -> None:
    empty = study.ce.transcript(clock.now)
    assert empty.modules == () and empty.certificates == () and empty.engaged_minutes == 0
    complete(study, clock)
    payload = study.ce.issue(clock.now)
    transcript = study.ce.transcript(clock.now)
    assert (transcript.learner, transcript.course_id, transcript.course_title) == ("ann", "demo", "Demo course")
    assert transcript.generated_at == clock.now.strftime("%Y-%m-%dT%H:%M:%SZ")
    assert [dataclasses.astuple(m) for m in transcript.modules] == [("m1-basics", "Basics", "2025-03-01", 1.0, True, 47)]
    assert transcript.engaged_minutes == 47 and transcript.certificates == (payload,)


def test_the_transcript_works_without_ce_and_gives_none_for_a_module_without_quiz(
    mini: Course, store: Store, clock: FakeClock
) -> None:
    study = make_study(mini, store, clock)
    for lesson in ("neurons", "synapses", "types"):
        study.progress.complete_lesson(lesson)
    transcript = study.ce.transcript(clock.now + timedelta(hours=1))
    assert [(m.module_id, m.best_score, m.passed) for m in transcript.modules] == [("basics", None, False), ("more", None, False)]
    no_quiz = mini.model_copy(update={"modules": [m.model_copy(update={"quiz": None}) for m in mini.modules]})
    bare = make_study(no_quiz, store, clock).ce.transcript(clock.now)
    assert [(m.best_score, m.passed) for m in bare.modules] == [(None, None), (None, None)]


# without [ce]


@pytest.mark.parametrize(
    "call",
    [
        lambda ce: ce.acknowledge(),
        lambda ce: ce.checklist(),
        lambda ce: ce.issue(T0),
        lambda ce: ce.attest(0.25, True),
        lambda ce: ce.submit_evaluation({}),
        lambda ce: ce.evaluation_questions(),
        lambda ce: ce.claimable_hours(),
    ],
)
def test_a_course_without_ce_refuses_the_ce_steps(mini: Course, store: Store, clock: FakeClock, call: object) -> None:
    study = make_study(mini, store, clock)
    with pytest.raises(NoActivity, match="has no \\[ce\\] section"):
        call(study.ce)  # type: ignore[operator]
    assert study.records.events() == []


def test_a_certificate_the_pdf_cannot_draw_is_not_stored(course: Course, store: Store, clock: FakeClock) -> None:
    """A learner name in a script the shipped font lacks: the check refuses it before it is stored, so
    no certificate exists that could never be written; a drawable name is then issued as usual."""
    from course.certificates.certificate_pdf import check_drawable
    from course.certificates.errors import CertificateError

    han = Study(course, store.learner("李明", course.info.id), clock=clock)
    complete(han, clock)
    with pytest.raises(CertificateError, match=r"cannot draw: .明. \(U\+660E\), .李. \(U\+674E\)"):
        han.ce.issue(clock.now, check=check_drawable)
    assert han.ce.certificates() == [] and "issued" not in [e["verb"] for e in han.records.events()]
    ana = Study(course, store.learner("Ana Łukasiewicz", course.info.id), clock=clock)
    complete(ana, clock)
    issued = ana.ce.issue(clock.now, check=check_drawable)
    assert isinstance(issued, CertificatePayload) and ana.ce.certificates() == [issued]

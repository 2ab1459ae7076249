"""The clinician track's rules through ``study.ce`` on a real course file and a real store, fixed clock:
the activity page, the checklist, the evaluation, the attestation (certificates: test_ce_certificate.py)."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest

from course.domain.models import Course
from course.engine import Study
from course.engine.ce_results import (
    Attestation,
    EvaluationSaved,
    Problem,
    Rejected,
    Requirement,
)
from progress_store import Store
from tests.engine.conftest import make_study
from tests.helpers.ce_course import CE_TOML, GOOD, ce_study, engage, load_ce_course, take_post_test
from tests.helpers.clock import T0, FakeClock


@pytest.fixture(scope="module")
def course(tmp_path_factory: pytest.TempPathFactory) -> Course:
    return load_ce_course(tmp_path_factory.mktemp("ce"))


@pytest.fixture
def study(course: Course, store: Store, clock: FakeClock) -> Study:
    return ce_study(course, store, clock)


def details(study: Study) -> list[tuple[str, bool, str]]:
    return [(r.name, r.met, r.detail) for r in study.ce.checklist()]


# the activity page


def test_the_activity_and_its_objectives(study: Study, course: Course) -> None:
    activity = study.ce.activity
    assert activity is not None and activity is course.ce
    assert study.ce.notice == activity.sample_notice and "not an accredited" in study.ce.notice
    assert study.ce.objectives() == ["Explain what an agonist does."]


def test_with_no_objectives_of_its_own_the_modules_objectives_are_the_activitys(
    tmp_path: Path, store: Store, clock: FakeClock
) -> None:
    course = load_ce_course(tmp_path, ce=CE_TOML.replace('objectives = ["Explain what an agonist does."]\n', ""))
    assert make_study(course, store, clock).ce.objectives() == ["Explain what an agonist does."]
    assert course.ce is not None and course.ce.objectives == []


def test_an_accredited_activity_has_no_notice(tmp_path: Path, store: Store, clock: FakeClock) -> None:
    course = load_ce_course(tmp_path, ce=CE_TOML.replace("sample = true", "sample = false"))
    assert make_study(course, store, clock).ce.notice == ""


def test_the_acknowledgment_is_recorded_with_its_time_once(study: Study, clock: FakeClock) -> None:
    assert study.ce.acknowledged() is None
    assert study.ce.acknowledge() == T0
    clock.advance(3600)
    assert study.ce.acknowledge() == T0 and study.ce.acknowledged() == T0
    assert [(e["verb"], e["object_type"]) for e in study.records.events()] == [("acknowledged", "activity")]


# the checklist


def test_a_new_learner_sees_every_requirement_unmet_but_the_dates(study: Study) -> None:
    assert details(study) == [
        ("dates", True, "offered from 2025-01-01 to 2027-06-30"),
        ("acknowledgment", False, "not acknowledged yet"),
        ("lessons", False, "0 of 2 lessons read"),
        ("engaged_time", False, "0 minutes engaged; 15 are needed for the smallest claim (0.25 hours)"),
        ("post_test", False, "post-test not taken yet (pass 75%; 2 of 2 attempts left)"),
        ("evaluation", False, "not submitted yet"),
        ("attestation", False, "not claimed yet"),
    ]
    labels = [r.label for r in study.ce.checklist()]
    assert labels[4] == "Pass the post-test (Post-test) with at least 75%"


def test_the_checklist_follows_every_step(study: Study, clock: FakeClock) -> None:
    study.ce.acknowledge()
    study.progress.open_lesson("m1-agonists")
    study.progress.complete_lesson("m1-agonists")
    engage(study, clock, 9)
    take_post_test(study, 2)
    assert details(study)[1:5] == [
        ("acknowledgment", True, "acknowledged on 2025-03-01"),
        ("lessons", False, "1 of 2 lessons read"),
        ("engaged_time", False, "9 minutes engaged; 15 are needed for the smallest claim (0.25 hours)"),
        ("post_test", False, "post-test not passed yet (best 50%, pass 75%; 1 of 2 attempts left)"),
    ]
    engage(study, clock, 38)
    take_post_test(study, 3)
    assert details(study)[3:5] == [
        ("engaged_time", True, "47 minutes engaged; up to 0.75 hours can be claimed"),
        ("post_test", True, "post-test passed (best 75%, pass 75%)"),
    ]
    assert details(study)[6] == ("attestation", False, "not claimed yet (up to 0.75 hours)")


def test_a_failed_post_test_with_no_attempts_left_says_so(study: Study) -> None:
    take_post_test(study, 1)
    take_post_test(study, 2)
    assert details(study)[4] == ("post_test", False, "post-test not passed, and no attempts are left (best 50%, pass 75%)")


def test_the_checklist_is_read_from_the_store_so_another_window_sees_each_step(
    study: Study, course: Course, store: Store, clock: FakeClock
) -> None:
    other = make_study(course, store, clock)
    assert not other.ce.checklist()[1].met
    study.ce.acknowledge()
    assert other.ce.checklist()[1].met


def test_the_dates_bound_the_activity(study: Study) -> None:
    before = datetime(2024, 12, 31, 23, 0, tzinfo=timezone.utc)
    after = datetime(2027, 7, 1, 0, 0, tzinfo=timezone.utc)
    assert study.ce.checklist(before)[0] == Requirement(
        "dates", "Take the activity while it is offered", False, "not offered until 2025-01-01"
    )
    assert study.ce.checklist(after)[0].detail == "expired on 2027-06-30: credit can no longer be claimed"
    assert study.ce.checklist(datetime(2027, 6, 30, 23, 59, tzinfo=timezone.utc))[0].met


# the evaluation


def test_the_evaluation_questions_say_how_to_answer(study: Study) -> None:
    questions = study.ce.evaluation_questions()
    assert [(q.id, q.kind, q.required) for q in questions] == [
        ("useful", "likert", True),
        ("bias-free", "yes_no", True),
        ("comments", "text", False),
    ]
    assert [label for _, label in questions[0].options] == [
        "Strongly disagree",
        "Disagree",
        "Neither agree nor disagree",
        "Agree",
        "Strongly agree",
    ]
    assert questions[1].options == ((True, "Yes"), (False, "No")) and questions[2].max_length == 2000


def test_the_evaluation_needs_every_required_item(study: Study) -> None:
    result = study.ce.submit_evaluation({"comments": "Good."})
    assert isinstance(result, Rejected)
    assert [p.key for p in result.problems] == ["useful", "bias-free"]
    assert result.messages == [
        "'The activity was useful.' needs an answer",
        "'Was the activity free of commercial bias?' needs an answer",
    ]
    assert study.ce.evaluation() is None and study.records.events() == []


@pytest.mark.parametrize(
    ("answers", "problem"),
    [
        (
            {"useful": 0, "bias-free": True},
            Problem("useful", "'The activity was useful.' takes a rating from 1 (strongly disagree) to 5 (strongly agree)"),
        ),
        (
            {"useful": 6, "bias-free": True},
            Problem("useful", "'The activity was useful.' takes a rating from 1 (strongly disagree) to 5 (strongly agree)"),
        ),
        (
            {"useful": True, "bias-free": True},
            Problem("useful", "'The activity was useful.' takes a rating from 1 (strongly disagree) to 5 (strongly agree)"),
        ),
        (
            {"useful": "4", "bias-free": True},
            Problem("useful", "'The activity was useful.' takes a rating from 1 (strongly disagree) to 5 (strongly agree)"),
        ),
        ({"useful": 4, "bias-free": "yes"}, Problem("bias-free", "'Was the activity free of commercial bias?' takes yes or no")),
        ({"useful": 4, "bias-free": 1}, Problem("bias-free", "'Was the activity free of commercial bias?' takes yes or no")),
        ({**GOOD, "comments": 5}, Problem("comments", "'Any comments?' takes text")),
        (
            {**GOOD, "comments": "x" * 2001},
            Problem("comments", "'Any comments?' takes at most 2,000 characters (the answer has 2,001)"),
        ),
        ({**GOOD, "colour": "red"}, Problem("colour", "'colour' is not an item of the evaluation")),
    ],
)
def test_each_answer_must_fit_its_item(study: Study, answers: dict[str, object], problem: Problem) -> None:
    assert study.ce.submit_evaluation(answers) == Rejected((problem,))


def test_the_evaluation_is_stored_without_blank_optional_answers_and_never_scores(study: Study, clock: FakeClock) -> None:
    take_post_test(study, 2)
    before = study.records.best_scores()
    saved = study.ce.submit_evaluation({**GOOD, "comments": "   "})
    assert saved == EvaluationSaved(GOOD, T0)
    assert study.ce.evaluation() == GOOD and study.records.best_scores() == before
    clock.advance(60)
    again = study.ce.submit_evaluation({"useful": 2, "bias-free": False, "comments": " Too long\x1b[31m. "})
    assert isinstance(again, EvaluationSaved) and again.answers["comments"] == "Too long[31m."
    assert study.ce.evaluation() == {"useful": 2, "bias-free": False, "comments": "Too long[31m."}
    assert details(study)[5] == ("evaluation", True, "submitted on 2025-03-01")


# the attestation


def test_a_claim_must_be_affirmed_in_quarter_hours_within_the_maximum_and_the_engaged_time(
    study: Study, clock: FakeClock
) -> None:
    engage(study, clock, 47)
    assert study.ce.claimable_hours() == 0.75
    refused = study.ce.attest(0.3, own_time=False)
    assert isinstance(refused, Rejected) and refused.messages == [
        "affirm that the time you claim was your own engagement with the activity",
        "credit is claimed in quarter hours (0.25, 0.5, 0.75 ...), not 0.3",
    ]
    assert study.ce.attest(1.0, own_time=True) == Rejected(
        (Problem("hours", "1 hour is more than your engaged time allows (47 minutes: up to 0.75 hours)"),)
    )
    assert study.ce.attest(1.25, own_time=True) == Rejected(
        (Problem("hours", "at most 1 hour can be claimed for this activity"),)
    )
    assert study.ce.attest(0, own_time=True) == Rejected((Problem("hours", "claim a number of hours above 0, in steps of 0.25"),))
    assert study.ce.attestation() is None and study.records.events()[-1]["verb"] == "engaged"
    claim = study.ce.attest(0.75, own_time=True)
    assert claim == Attestation(0.75, True, clock.now) == study.ce.attestation()
    assert details(study)[6] == ("attestation", True, "0.75 hours claimed")


def test_the_claim_is_capped_by_the_maximum_credit(study: Study, clock: FakeClock) -> None:
    engage(study, clock, 130)
    assert study.ce.claimable_hours() == 1.0
    assert isinstance(study.ce.attest(1.0, own_time=True), Attestation)

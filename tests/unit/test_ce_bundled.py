"""The [ce] section: the model's shape, and the bundled course's realistic sample activity."""

from __future__ import annotations

import re
import sys
from datetime import date

import pytest
from pydantic import ValidationError

from course.domain.ce import DEFAULT_SAMPLE_NOTICE, CeActivity, LikertItem, TextItem, YesNoItem
from course.domain.models import Course, CourseFile
from course.loading.info import module_minutes
from course.loading.loader import bundled_course_path, load_course
from tests.helpers.ce_course import CE_TOML
from tests.helpers.clock import T0

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

DOSING = re.compile(r"\d+\s*(mg|mcg|µg|micrograms|milligrams|g\b)", re.IGNORECASE)


def ce_data(**changes: object) -> dict[str, object]:
    data: dict[str, object] = dict(tomllib.loads(CE_TOML)["ce"])
    data.update(changes)
    return data


@pytest.fixture(scope="module")
def bundled() -> Course:
    return load_course(bundled_course_path())


# the model


def test_the_section_validates_strictly_with_its_defaults() -> None:
    data = ce_data()
    for key in ("pass_mark", "idle_minutes", "sample"):
        del data[key]
    activity = CeActivity.model_validate(data, strict=True)
    assert (activity.pass_mark, activity.idle_minutes, activity.sample, activity.title) == (0.75, 5, False, "")
    assert activity.notice == "" and activity.sample_notice == DEFAULT_SAMPLE_NOTICE
    assert activity.release_date == date(2025, 1, 1) and activity.expiry_date == date(2027, 6, 30)
    assert [type(item) for item in activity.evaluation.items] == [LikertItem, YesNoItem, TextItem]
    assert [item.required for item in activity.evaluation.items] == [True, True, False], "free text is optional by default"


@pytest.mark.parametrize(
    "changes",
    [
        {"colour": "red"},
        {"max_credit": 0},
        {"pass_mark": 1.5},
        {"idle_minutes": 0},
        {"faculty": []},
        {"release": "1 Jan 2025"},
        {"post_test": "Not An Id"},
        {"evaluation": {"item": []}},
        {"evaluation": {"item": [{"type": "stars", "id": "x", "prompt": "Rate it."}]}},
        {"sample": "yes"},
    ],
)
def test_a_wrong_section_is_refused(changes: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        CeActivity.model_validate(ce_data(**changes), strict=True)


def test_course_toml_takes_an_optional_ce_table() -> None:
    base = {"format_version": 1, "course": {"id": "c", "title": "C"}}
    assert CourseFile.model_validate(base, strict=True).ce is None
    assert CourseFile.model_validate({**base, "ce": ce_data()}, strict=True).ce is not None


# the bundled sample


def test_the_bundled_activity_is_a_sample_and_says_so(bundled: Course) -> None:
    ce = bundled.ce
    assert ce is not None and ce.sample
    assert (
        "sample activity" in ce.notice
        and "not an accredited provider" in ce.notice
        and "no AMA PRA Category 1 Credit" in ce.notice
    )
    assert "sample activity" in ce.accreditation_statement.casefold()
    assert "no accrediting body" in ce.accreditation_statement
    assert "designates none" in ce.designation_statement
    assert "not AMA PRA Category 1 Credit" in ce.credit_type


def test_the_bundled_post_test_is_an_exam_with_limited_attempts_and_the_same_pass_mark(bundled: Course) -> None:
    ce = bundled.ce
    assert ce is not None and ce.post_test == "m10-post-test"
    quiz = bundled.quiz(ce.post_test)
    assert quiz is not None and quiz.mode == "exam" and quiz.max_attempts == 3
    assert ce.pass_mark == quiz.pass_mark == 0.8, "the bundled course keeps its own pass mark"


def test_the_faculty_are_the_authors_with_no_relevant_financial_relationships(bundled: Course) -> None:
    ce = bundled.ce
    assert ce is not None
    assert [f.name for f in ce.faculty] == bundled.info.authors
    assert all(f.disclosure == "No relevant financial relationships with ineligible companies." for f in ce.faculty)
    assert "nothing to mitigate" in ce.mitigation and "no dosing guidance" in ce.mitigation


def test_the_bundled_credit_fits_the_time_and_the_dates(bundled: Course) -> None:
    ce = bundled.ce
    assert ce is not None
    assert ce.max_credit * 60 <= ce.estimated_minutes <= sum(module_minutes(m) for m in bundled.modules)
    assert ce.release_date <= T0.date() < ce.expiry_date, "the tests' fixed clock falls inside the activity's dates"
    assert ce.expiry_date < ce.release_date.replace(year=ce.release_date.year + 3)


def test_the_bundled_evaluation_asks_about_commercial_bias(bundled: Course) -> None:
    ce = bundled.ce
    assert ce is not None
    items = ce.evaluation.items
    assert {item.type for item in items} == {"likert", "yes_no", "text"}
    assert [item.prompt for item in items if isinstance(item, YesNoItem)] == ["Was the activity free of commercial bias?"]
    assert all(not item.required for item in items if isinstance(item, TextItem))


def test_the_bundled_activity_gives_no_dosing_amounts(bundled: Course) -> None:
    ce = bundled.ce
    assert ce is not None
    texts = [ce.purpose, ce.audience, ce.mitigation, *ce.objectives, ce.accreditation_statement, ce.designation_statement]
    texts += [item.prompt for item in ce.evaluation.items]
    assert [m.group(0) for text in texts for m in DOSING.finditer(text)] == []
    assert len(ce.objectives) >= 3 and all(o.endswith(".") for o in ce.objectives)

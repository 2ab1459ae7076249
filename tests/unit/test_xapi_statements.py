"""The xAPI projection: a real store's events to statements that validate against the xAPI 1.0.3 schema."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

import jsonschema
import pytest

from course.xapi.schema import STATEMENT_SCHEMA, extra_problems
from course.xapi.statements import ADL, Projection, duration, project, project_events, to_json_lines
from progress_store import Store
from tests.helpers.clock import FakeClock

BASE = "https://lrs.example.org/plasticity/"


def record_everything(store: Store, clock: FakeClock, learner: str = "ana") -> list[dict[str, object]]:
    """One learner doing every recorded kind of step; returns the learner's events."""
    progress = store.learner(learner, "mini")
    progress.open_lesson("neurons")
    clock.advance(180)
    progress.complete_lesson("neurons")
    attempt = progress.start_attempt("basics-quiz", 7, ["q1", "q2"])
    progress.record_answer(attempt.id, "q1", {"choice": 1}, 1.0, 1.0, True)
    progress.record_answer(attempt.id, "q2", ["b", "a"], 0.0, 2.0, False)
    progress.finish_attempt(attempt.id, 1.0, 3.0, False)
    passed = progress.start_attempt("basics-quiz", 8, ["q1"])
    progress.record_answer(passed.id, "q1", {"choice": 1}, 1.0, 1.0, True)
    progress.finish_attempt(passed.id, 1.0, 1.0, True)
    progress.add_engaged_time("lesson", "neurons", 3725.5, datetime(2025, 1, 2, 3, 4, tzinfo=timezone.utc))
    progress.acknowledge_activity("1.0")
    progress.save_evaluation({"useful": "yes"})
    progress.attest(0.25)
    progress.issue_certificate(f"cert-{learner}", {"credit_claimed": 0.25}, "2025-01-02T04:00:00+00:00")
    progress.save_note("neurons", "private")  # no xAPI meaning: left out
    return progress.events()


@pytest.fixture
def statements(store: Store, clock: FakeClock) -> list[dict[str, Any]]:
    return project(record_everything(store, clock), Projection(BASE))


def by_verb(statements: list[dict[str, Any]], verb: str) -> list[dict[str, Any]]:
    return [s for s in statements if s["verb"]["id"] == ADL + verb]


def test_every_statement_validates_against_the_xapi_1_0_3_schema(statements: list[dict[str, Any]]) -> None:
    validator = jsonschema.Draft202012Validator(STATEMENT_SCHEMA)
    jsonschema.Draft202012Validator.check_schema(STATEMENT_SCHEMA)
    assert len(statements) == 14
    for statement in statements:
        assert [e.message for e in validator.iter_errors(statement)] == [], statement
        assert extra_problems(statement) == []


def test_the_schema_rejects_what_the_spec_forbids(statements: list[dict[str, Any]]) -> None:
    validator = jsonschema.Draft202012Validator(STATEMENT_SCHEMA)
    good = statements[3]
    broken = [
        {k: v for k, v in good.items() if k != "verb"},  # verb is required (Data 2.4)
        {**good, "id": "not-a-uuid"},
        {**good, "actor": {"objectType": "Agent", "name": "no identifier"}},
        {**good, "actor": {**good["actor"], "mbox": "mailto:a@b.c"}},  # two identifiers
        {**good, "result": {**good["result"], "score": {"scaled": 1.5}}},
        {**good, "result": {**good["result"], "duration": "3 minutes"}},
        {**good, "timestamp": "yesterday"},
        {**good, "context": {**good["context"], "registration": "x"}},
        {**good, "verb": {"id": "answered"}},  # not an IRI
        {**good, "colour": "blue"},
    ]
    for statement in broken:
        assert list(validator.iter_errors(statement)), statement
    assert extra_problems({"result": {"score": {"raw": 5, "min": 0, "max": 3}}}) == ["score raw 5 is outside [min, max]"]


def test_verbs_are_adl_and_follow_the_events(statements: list[dict[str, Any]]) -> None:
    verbs = [s["verb"]["id"].removeprefix(ADL) for s in statements]
    assert verbs == [
        "launched", "completed", "attempted", "answered", "answered", "failed", "attempted", "answered", "passed",
        "experienced", "registered", "responded", "completed", "mastered",
    ]  # fmt: skip
    assert all(s["verb"]["id"].startswith("http://adlnet.gov/expapi/verbs/") for s in statements)


def test_actor_activity_ids_result_and_context(statements: list[dict[str, Any]]) -> None:
    answer = by_verb(statements, "answered")[1]
    assert answer["actor"] == {"objectType": "Agent", "account": {"homePage": BASE, "name": "ana"}}
    assert answer["object"]["id"] == BASE + "courses/mini/questions/q2"
    assert answer["result"] == {
        "score": {"raw": 0.0, "min": 0.0, "max": 2.0, "scaled": 0.0},
        "success": False,
        "response": '["b", "a"]',
    }
    assert answer["context"]["contextActivities"]["parent"][0]["id"] == BASE + "courses/mini/quizzes/basics-quiz"
    assert answer["context"]["contextActivities"]["grouping"][0]["id"] == BASE + "courses/mini"
    failed = by_verb(statements, "failed")[0]
    assert failed["result"]["score"] == {"raw": 1.0, "min": 0.0, "max": 3.0, "scaled": 0.333333}
    assert failed["result"]["success"] is False and failed["result"]["completion"] is True
    assert failed["result"]["duration"].startswith("PT")
    # the attempt is the registration of its attempted, answered and passed/failed statements
    first = {s["context"]["registration"] for s in statements[2:6]}
    second = {s["context"]["registration"] for s in statements[6:9]}
    assert len(first) == 1 and len(second) == 1 and first != second
    assert "registration" not in by_verb(statements, "launched")[0]["context"]
    engaged = by_verb(statements, "experienced")[0]
    assert engaged["result"] == {"duration": "PT1H2M5.5S"}
    attested = by_verb(statements, "completed")[-1]
    assert attested["object"]["id"] == BASE + "courses/mini" and attested["result"]["duration"] == "PT15M"
    assert "contextActivities" not in attested["context"]


def test_ids_are_deterministic_unique_and_change_with_the_base(store: Store, clock: FakeClock) -> None:
    events = record_everything(store, clock)
    once, twice = project(events, Projection(BASE)), project(events, Projection(BASE))
    assert once == twice and to_json_lines(once) == to_json_lines(twice)
    ids = [s["id"] for s in once]
    assert len(set(ids)) == len(ids)
    assert not set(ids) & {s["id"] for s in project(events, Projection("https://other.example/"))}
    other = project(record_everything(store, clock, learner="ben"), Projection(BASE))
    assert not set(ids) & {s["id"] for s in other}
    assert [event_id for event_id, _ in project_events(events, Projection(BASE))] == [
        e["id"] for e in events if e["verb"] not in ("noted",)
    ][: len(ids)]


@pytest.mark.parametrize(
    ("seconds", "text"), [(0, "PT0S"), (59.999, "PT1M"), (61, "PT1M1S"), (3600, "PT1H"), (0.25, "PT0.25S"), (90061, "PT25H1M1S")]
)
def test_iso_8601_durations(seconds: float, text: str) -> None:
    assert duration(seconds) == text


def test_a_base_that_is_not_a_url_is_refused() -> None:
    with pytest.raises(ValueError, match="http"):
        Projection("lrs.example.org")
    assert Projection("https://a.example").base == "https://a.example/"
    assert Projection(BASE).object_iri("c 1", "lesson", "a/b?") == BASE + "courses/c%201/lessons/a%2Fb%3F"

"""The engagement meter on a fixed clock: idle time and hidden time do not count; spans reach the store."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from course.engine import Study
from course.engine.ce_engagement import EngagedSpan, Engagement
from progress_store import Store
from tests.engine.conftest import make_study
from tests.helpers.ce_course import CE_TOML, load_ce_course
from tests.helpers.clock import T0, FakeClock


def at(minutes: float) -> datetime:
    return T0 + timedelta(minutes=minutes)


@pytest.fixture
def spans() -> list[EngagedSpan]:
    return []


@pytest.fixture
def meter(spans: list[EngagedSpan]) -> Engagement:
    return Engagement(5, spans.append)


def test_time_with_inputs_counts_in_full(meter: Engagement, spans: list[EngagedSpan]) -> None:
    meter.start("lesson", "intro", at(0))
    for minute in range(1, 10):
        meter.activity(at(minute))
    assert meter.stop(at(10)) == 600.0
    assert spans == [EngagedSpan("lesson", "intro", 600.0, at(10))]


def test_idle_time_does_not_count_beyond_the_allowance(meter: Engagement, spans: list[EngagedSpan]) -> None:
    meter.start("lesson", "intro", at(0))
    meter.activity(at(2))  # then nothing for 28 minutes
    meter.activity(at(30))
    assert meter.stop(at(31)) == (2 + 5 + 1) * 60.0, "2 min, the 5-minute allowance after the input at 2, then 1 min"
    assert [s.seconds for s in spans] == [480.0]


def test_a_learner_who_walks_away_is_counted_for_the_allowance_only(meter: Engagement) -> None:
    meter.start("quiz", "q1", at(0))
    assert meter.stop(at(60)) == 300.0


def test_hidden_time_does_not_count_and_hiding_flushes(meter: Engagement, spans: list[EngagedSpan]) -> None:
    meter.start("lesson", "intro", at(0))
    meter.activity(at(1))
    meter.visible(False, at(2))
    assert spans == [EngagedSpan("lesson", "intro", 120.0, at(2))], "a suspended app that never returns loses nothing"
    meter.visible(True, at(20))  # shown again: counts as input
    meter.activity(at(22))
    assert meter.stop(at(23)) == 120.0 + 180.0
    assert [s.seconds for s in spans] == [120.0, 180.0]


def test_hidden_time_does_not_count_even_within_the_allowance(meter: Engagement) -> None:
    meter.start("lesson", "intro", at(0))
    meter.visible(False, at(1))
    meter.visible(True, at(3))
    assert meter.stop(at(4)) == 120.0


def test_an_input_while_said_to_be_hidden_shows_the_terminal_is_in_use(meter: Engagement) -> None:
    meter.start("lesson", "intro", at(0))
    meter.visible(False, at(1))
    meter.activity(at(4))
    assert meter.shown
    assert meter.stop(at(6)) == 60.0 + 120.0


def test_starting_another_object_stops_and_flushes_the_first(meter: Engagement, spans: list[EngagedSpan]) -> None:
    meter.start("lesson", "intro", at(0))
    meter.start("quiz", "q1", at(3))
    assert meter.current == ("quiz", "q1")
    meter.flush(at(4))
    assert spans == [EngagedSpan("lesson", "intro", 180.0, at(3)), EngagedSpan("quiz", "q1", 60.0, at(4))]
    assert meter.stop(at(5)) == 120.0, "the visit's total includes what was flushed during it"


def test_nothing_is_counted_or_flushed_without_an_object(meter: Engagement, spans: list[EngagedSpan]) -> None:
    meter.activity(at(0))
    assert meter.flush(at(5)) is None and meter.stop(at(6)) == 0.0 and spans == []


def test_a_clock_that_goes_back_counts_nothing_extra(meter: Engagement) -> None:
    meter.start("lesson", "intro", at(10))
    meter.activity(at(9))
    meter.activity(at(11))
    assert meter.pending_seconds(at(11)) == 60.0
    assert meter.stop(at(12)) == 120.0


def test_the_idle_allowance_is_configurable(spans: list[EngagedSpan]) -> None:
    meter = Engagement(1, spans.append)
    meter.start("lesson", "intro", at(0))
    assert meter.stop(at(10)) == 60.0
    with pytest.raises(ValueError):
        Engagement(0, spans.append)


def test_study_ce_meters_into_the_store_with_the_activity_idle_minutes(tmp_path: Path, store: Store, clock: FakeClock) -> None:
    course = load_ce_course(tmp_path / "c", ce=CE_TOML.replace("idle_minutes = 5", "idle_minutes = 2"))
    study = make_study(course, store, clock)
    meter = study.ce.engagement
    meter.start("lesson", "m1-agonists", at(0))
    assert meter.stop(at(30)) == 120.0
    meter.start("quiz", "m1-quiz", at(31))
    meter.activity(at(32))
    meter.stop(at(33))
    assert study.ce.engaged_minutes(("lesson", "m1-agonists")) == 2.0
    assert study.ce.engaged_minutes(("quiz", "m1-quiz")) == 2.0
    assert study.ce.engaged_minutes() == 4.0
    assert study.progress.overview().minutes_studied == 4, "the dashboard's study time is the engaged time"
    assert [e["verb"] for e in study.records.events()] == ["engaged", "engaged"]


def test_a_course_without_ce_still_meters_with_the_default_allowance(study: Study) -> None:
    assert study.ce.activity is None and study.ce.notice == ""
    study.ce.engagement.start("lesson", "neurons", at(0))
    assert study.ce.engagement.stop(at(60)) == 300.0
    assert study.ce.engaged_minutes() == 5.0


def test_a_front_end_can_route_spans_through_its_own_writer(study: Study) -> None:
    queued: list[EngagedSpan] = []
    study.ce.engagement.sink = queued.append
    study.ce.engagement.start("lesson", "neurons", at(0))
    study.ce.engagement.stop(at(1))
    assert study.ce.engaged_minutes() == 0.0 and len(queued) == 1
    study.ce.record(queued[0])
    assert study.ce.engaged_minutes() == 1.0

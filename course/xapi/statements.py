"""Project the event log (``progress_store.events.list_events`` rows) to xAPI 1.0.3 statements.

Pure: no clock, no IO. The same events and base IRI always give the same statements, ids included
(UUID v5 over the event's identity), so exporting or sending twice never makes a duplicate: an LRS
keeps one statement per id (xAPI 1.0.3, Data 2.4.1 and Communication 2.1.2).
"""

from __future__ import annotations

import json
import math
import uuid
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import quote

DEFAULT_BASE_IRI = "https://plasticity-course.invalid/"
"""Used when no base is configured (``--base-iri`` or ``$COURSE_XAPI_BASE``); an institution sets its own."""

ADL = "http://adlnet.gov/expapi/verbs/"
ACTIVITY_TYPES = {
    "course": "http://adlnet.gov/expapi/activities/course",
    "lesson": "http://adlnet.gov/expapi/activities/lesson",
    "quiz": "http://adlnet.gov/expapi/activities/assessment",
    "question": "http://adlnet.gov/expapi/activities/cmi.interaction",
    "certificate": "http://adlnet.gov/expapi/activities/objective",
}
# The store's (verb, object type) to the ADL verb; None for a quiz: passed or failed by its result.
VERBS: dict[tuple[str, str], str | None] = {
    ("opened", "lesson"): "launched",
    ("completed", "lesson"): "completed",
    ("engaged", "lesson"): "experienced",
    ("engaged", "quiz"): "experienced",
    ("engaged", "activity"): "experienced",
    ("attempted", "quiz"): "attempted",
    ("answered", "question"): "answered",
    ("completed", "quiz"): None,
    ("acknowledged", "activity"): "registered",
    ("evaluated", "activity"): "responded",
    ("attested", "activity"): "completed",
    ("issued", "certificate"): "mastered",
}
_FOLDERS = {"quiz": "quizzes"}  # the IRI path segment of an object type (else the type and an "s")
_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://plasticity-course.invalid/xapi/statement-ids")


@dataclass(frozen=True)
class Projection:
    """Where the statements point: ``base`` is the IRI the actor's account and activity ids hang from."""

    base: str = DEFAULT_BASE_IRI

    def __post_init__(self) -> None:
        if not self.base.startswith(("http://", "https://")):
            raise ValueError(f"the xAPI base IRI must be an http(s) URL, got {self.base!r}")
        if not self.base.endswith("/"):
            object.__setattr__(self, "base", self.base + "/")

    def course_iri(self, course_id: str) -> str:
        """The course as an activity id."""
        return f"{self.base}courses/{_segment(course_id)}"

    def object_iri(self, course_id: str, object_type: str, object_id: str) -> str:
        """An object of the course (``lesson``, ``quiz``, ``question``...) as an activity id."""
        if object_type == "activity":
            return self.course_iri(course_id)
        folder = _FOLDERS.get(object_type, object_type + "s")
        return f"{self.course_iri(course_id)}/{_segment(folder)}/{_segment(object_id)}"

    def extension(self, name: str) -> str:
        """The IRI of one of our extensions (``event``, ``hours``, ``credit``...)."""
        return f"{self.base}xapi/extensions/{name}"

    def registration(self, course_id: str, learner: str, attempt_id: int) -> str:
        """The attempt as a registration: a UUID derived from the course, the learner and the attempt."""
        return str(uuid.uuid5(_NAMESPACE, f"{self.base}\x1f{course_id}\x1f{learner}\x1fattempt\x1f{attempt_id}"))

    def statement_id(self, event: Mapping[str, Any]) -> str:
        """A UUID v5 over the event's identity (who, where, which event, what, when)."""
        parts = [self.base, event["course_id"], event["learner"], event["id"], event["verb"]]
        parts += [event["object_type"], event["object_id"], event["at"]]
        return str(uuid.uuid5(_NAMESPACE, "\x1f".join(str(part) for part in parts)))


def project(events: Iterable[Mapping[str, Any]], projection: Projection | None = None) -> list[dict[str, Any]]:
    """The statements for ``events`` (oldest first, as ``list_events`` returns them); events with no
    xAPI meaning (notes, bookmarks, review cards) are left out."""
    return [statement for _, statement in project_events(events, projection)]


def project_events(events: Iterable[Mapping[str, Any]], projection: Projection | None = None) -> list[tuple[int, dict[str, Any]]]:
    """As :func:`project`, each statement with the id of the event it comes from."""
    return list(_statements(events, projection or Projection()))


def _statements(events: Iterable[Mapping[str, Any]], projection: Projection) -> Iterator[tuple[int, dict[str, Any]]]:
    attempts: dict[int, tuple[str, str]] = {}  # attempt id -> (quiz id, started at)
    for event in events:
        key = (str(event["verb"]), str(event["object_type"]))
        if key not in VERBS:
            continue
        if key == ("attempted", "quiz") and event.get("attempt_id") is not None:
            attempts[int(event["attempt_id"])] = (str(event["object_id"]), str(event["at"]))
        yield int(event["id"]), _statement(event, projection, attempts)


def _statement(event: Mapping[str, Any], projection: Projection, attempts: Mapping[int, tuple[str, str]]) -> dict[str, Any]:
    course_id, learner = str(event["course_id"]), str(event["learner"])
    verb, object_type = str(event["verb"]), str(event["object_type"])
    data: Mapping[str, Any] = event.get("result") or {}
    adl = VERBS[(verb, object_type)] or ("passed" if data.get("passed") else "failed")
    statement: dict[str, Any] = {
        "id": projection.statement_id(event),
        "actor": {"objectType": "Agent", "account": {"homePage": projection.base, "name": learner}},
        "verb": {"id": ADL + adl, "display": {"en-US": adl}},
        "object": _activity(projection, course_id, object_type, str(event["object_id"])),
        "timestamp": _timestamp(str(event["at"])),
    }
    result = _result(verb, object_type, data, event, attempts, projection)
    if result:
        statement["result"] = result
    statement["context"] = _context(projection, event, attempts)
    return statement


def _activity(projection: Projection, course_id: str, object_type: str, object_id: str) -> dict[str, Any]:
    kind = "course" if object_type == "activity" else object_type
    activity: dict[str, Any] = {"objectType": "Activity", "id": projection.object_iri(course_id, object_type, object_id)}
    if kind in ACTIVITY_TYPES:
        activity["definition"] = {"type": ACTIVITY_TYPES[kind]}
    return activity


def _result(
    verb: str,
    object_type: str,
    data: Mapping[str, Any],
    event: Mapping[str, Any],
    attempts: Mapping[int, tuple[str, str]],
    projection: Projection,
) -> dict[str, Any]:
    result: dict[str, Any] = {}
    if verb == "answered":
        result["score"] = _score(data.get("score"), data.get("max_score"))
        result["success"] = bool(data.get("correct"))
        result["response"] = json.dumps(data.get("response"), ensure_ascii=False, sort_keys=True)
    elif verb == "completed" and object_type == "quiz":
        result["score"] = _score(data.get("score"), data.get("max_score"))
        result["success"] = bool(data.get("passed"))
        result["completion"] = True
        started = attempts.get(int(event["attempt_id"])) if event.get("attempt_id") is not None else None
        if started is not None:
            result["duration"] = duration(_seconds_between(started[1], str(event["at"])))
    elif verb == "completed":
        result["completion"] = True
    elif verb == "engaged":
        result["duration"] = duration(float(data.get("seconds") or 0.0))
    elif verb == "attested":
        result["completion"] = True
        result["duration"] = duration(float(data.get("hours") or 0.0) * 3600)
        result["extensions"] = {projection.extension("hours"): data.get("hours")}
    elif verb == "issued":
        result["extensions"] = {projection.extension("credit"): data.get("credit")}
    return {key: value for key, value in result.items() if value is not None}


def _score(raw: Any, maximum: Any) -> dict[str, float] | None:
    """xAPI's score object (Data 2.4.5.1.1): raw within [min, max], scaled within [-1, 1]."""
    if not isinstance(raw, (int, float)) or not isinstance(maximum, (int, float)):
        return None
    if not (math.isfinite(raw) and math.isfinite(maximum)):
        return None
    low, high = min(0.0, float(raw)), max(float(maximum), float(raw))
    score = {"raw": float(raw), "min": low, "max": high}
    if maximum > 0:
        score["scaled"] = max(-1.0, min(1.0, round(float(raw) / float(maximum), 6)))
    return score


def _context(projection: Projection, event: Mapping[str, Any], attempts: Mapping[int, tuple[str, str]]) -> dict[str, Any]:
    """The course as grouping (and parent, or the quiz for a question); the attempt as registration."""
    course_id, learner = str(event["course_id"]), str(event["learner"])
    context: dict[str, Any] = {}
    attempt_id = event.get("attempt_id")
    if attempt_id is not None:
        context["registration"] = projection.registration(course_id, learner, int(attempt_id))
    if event["object_type"] != "activity":  # the activity events have the course itself as their object
        course = _activity(projection, course_id, "activity", course_id)
        quiz = attempts.get(int(attempt_id)) if attempt_id is not None else None
        parent = _activity(projection, course_id, "quiz", quiz[0]) if event["object_type"] == "question" and quiz else course
        context["contextActivities"] = {"parent": [parent], "grouping": [course]}
    context["extensions"] = {projection.extension("event"): str(event["verb"])}
    if (event["verb"], event["object_type"]) == ("attempted", "quiz"):  # the plan, for item analysis from an LRS
        plan: Mapping[str, Any] = event.get("result") or {}
        context["extensions"][projection.extension("attempt")] = {
            "kind": str(plan.get("kind") or "full"),
            "question_ids": [str(q) for q in plan.get("question_ids") or []],
        }
    return context


def duration(seconds: float) -> str:
    """ISO 8601 duration as xAPI wants it (Data 4.6): ``PT1H2M3.5S``; hundredths at most."""
    centis = max(0, round(seconds * 100))
    hours, rest = divmod(centis, 360000)
    minutes, rest = divmod(rest, 6000)
    secs = f"{rest // 100}" if rest % 100 == 0 else f"{rest / 100:.2f}".rstrip("0")
    text = "PT" + (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes else "")
    return text + (f"{secs}S" if rest or text == "PT" else "")


def _timestamp(at: str) -> str:
    """The store's ISO 8601 text with a zone (``+00:00``); a naive one is taken as UTC."""
    moment = datetime.fromisoformat(at)
    return at if moment.tzinfo is not None else at + "+00:00"


def _seconds_between(start: str, end: str) -> float:
    return max(0.0, (datetime.fromisoformat(end) - datetime.fromisoformat(start)).total_seconds())


def _segment(text: str) -> str:
    """An id as one IRI path segment (percent-encoded, so any id makes a valid IRI)."""
    return quote(text, safe="-._~")


def to_json_lines(statements: Iterable[Mapping[str, Any]]) -> str:
    """JSON Lines: one statement a line, keys sorted, so the same statements give the same text."""
    return "".join(json.dumps(s, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n" for s in statements)

"""xAPI statements (as ``course push`` sends them to an LRS) back into attempt records for item analysis.

Pure: statements in, :class:`~course.analysis.records.AttemptRecord` out. An attempt is a
registration of one actor: its ``attempted`` statement gives the quiz, the start and the plan (our
``attempt`` context extension: kind and question ids), its ``answered`` statements the answers (the
last one a question got), its ``passed``/``failed`` statement that it finished and its possible
marks. Statements are untrusted: one that is not of this course, or not of a shape this reads, is
left out and counted, never an exception.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote

from course.analysis.records import AttemptRecord, ItemResponse

ADL = "http://adlnet.gov/expapi/verbs/"
ANSWERED, ATTEMPTED, ENDS = ADL + "answered", ADL + "attempted", (ADL + "passed", ADL + "failed")


@dataclass
class _Attempt:
    learner: str
    quiz_id: str | None = None
    started_at: str | None = None
    plan: tuple[str, ...] = ()
    retry: bool = False
    finished: bool = False
    max_score: float | None = None
    answers: dict[str, tuple[str, ItemResponse]] = field(default_factory=dict)  # question -> (timestamp, answer)


@dataclass
class StatementRecords:
    """The attempts the statements held, how many statements were left out, and how many learners."""

    records: list[AttemptRecord]
    skipped: int
    learners: int


def attempt_records(statements: Iterable[Mapping[str, Any]], course_iri: str, plan_extension: str) -> StatementRecords:
    """The attempt records in ``statements`` (any order) of the course whose activity id is ``course_iri``
    (other courses' are skipped); ``plan_extension`` is the IRI of the attempt-plan context extension.
    Both as ``course.xapi.statements.Projection`` makes them."""
    reader = _Reader(course_iri, plan_extension)
    for statement in statements:
        try:
            reader.add(statement)
        except (KeyError, TypeError, ValueError, AttributeError):
            reader.skipped += 1
    return reader.records()


class _Reader:
    def __init__(self, course_iri: str, plan_extension: str) -> None:
        self.course, self.plan_extension = course_iri, plan_extension
        self.attempts: dict[tuple[str, str], _Attempt] = {}
        self.skipped = 0

    def add(self, statement: Mapping[str, Any]) -> None:
        verb = statement["verb"]["id"]
        if verb not in (ANSWERED, ATTEMPTED, *ENDS):
            return  # lessons, engaged time, the clinician track: not item analysis
        context = statement.get("context") or {}
        registration = context.get("registration")
        iri = str(statement["object"]["id"])
        if not iri.startswith(self.course + "/"):
            return  # another course's (an LRS's activity filter may be looser than this)
        kind, object_id = self._object(iri)
        if not isinstance(registration, str) or kind is None:
            self.skipped += 1
            return
        learner = _actor_key(statement["actor"])
        attempt = self.attempts.setdefault((learner, registration), _Attempt(learner))
        timestamp = str(statement.get("timestamp") or "")
        result = statement.get("result") or {}
        if verb == ANSWERED and kind == "questions":
            self._answer(attempt, object_id, timestamp, result)
        elif kind == "quizzes":
            attempt.quiz_id = object_id
            if verb == ATTEMPTED:
                attempt.started_at = timestamp
                plan = (context.get("extensions") or {}).get(self.plan_extension) or {}
                attempt.plan = tuple(str(q) for q in plan.get("question_ids") or [])
                attempt.retry = plan.get("kind") == "retry"
            else:
                attempt.finished = True
                attempt.max_score = _number((result.get("score") or {}).get("max"))
        else:
            self.skipped += 1

    def _object(self, iri: str) -> tuple[str | None, str]:
        """(``questions`` or ``quizzes``, the id) of an activity of this course; (None, "") otherwise."""
        prefix = self.course + "/"
        folder, _, rest = iri[len(prefix) :].partition("/")
        if folder not in ("questions", "quizzes") or not rest or "/" in rest:
            return None, ""
        return folder, unquote(rest)

    def _answer(self, attempt: _Attempt, question_id: str, timestamp: str, result: Mapping[str, Any]) -> None:
        score = result.get("score") or {}
        raw, maximum = _number(score.get("raw")), _number(score.get("max"))
        if raw is None or maximum is None:
            raise ValueError("an answer without a score")
        text = result.get("response")
        try:
            response = json.loads(text) if isinstance(text, str) else text
        except ValueError:
            response = text
        answer = ItemResponse(question_id, response, raw, maximum, bool(result.get("success")))
        earlier = attempt.answers.get(question_id)
        if earlier is None or earlier[0] <= timestamp:
            attempt.answers[question_id] = (timestamp, answer)

    def records(self) -> StatementRecords:
        made = []
        for attempt in self.attempts.values():
            if attempt.quiz_id is None:
                self.skipped += len(attempt.answers)  # answers whose attempt never said which quiz
                continue
            answers = sorted(attempt.answers.values(), key=lambda pair: pair[0])
            started = attempt.started_at or (answers[0][0] if answers else "")
            plan = attempt.plan or tuple(answer.question_id for _, answer in answers)
            made.append(
                AttemptRecord(
                    learner=attempt.learner,
                    quiz_id=attempt.quiz_id,
                    started_at=started,
                    finished=attempt.finished,
                    question_ids=plan,
                    answers=tuple(answer for _, answer in answers),
                    max_score=attempt.max_score,
                    retry=attempt.retry,
                )
            )
        made.sort(key=lambda r: (r.learner, r.started_at, r.quiz_id))
        return StatementRecords(made, self.skipped, len({r.learner for r in made}))


def _actor_key(actor: Mapping[str, Any]) -> str:
    """A stable key for the person: their account (home page and name), else their mbox or openid."""
    account = actor.get("account")
    if isinstance(account, Mapping):
        return f"{account['homePage']}#{account['name']}"
    for key in ("mbox", "mbox_sha1sum", "openid"):
        if isinstance(actor.get(key), str):
            return str(actor[key])
    raise ValueError("an actor this cannot tell apart")


def _number(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        return None
    return float(value)

"""Read ``course export`` files into attempt records: the only module of item analysis that does IO.

Export files are untrusted: each is capped in size, parsed as strict JSON (no NaN, no Infinity),
checked against the shape of an export (only the parts item analysis reads), and every problem
becomes a :class:`Finding` ``path:line:col`` with a stable ``S0xx`` code, never a traceback. A file
with an error is left out; the others are still read.

Learners: each file is one learner's record. Two files holding the same attempt (the same learner
exported twice, or an old export and a newer one) are one learner, and each attempt counts once.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from course.analysis.json_positions import JsonPositions
from course.analysis.records import AttemptRecord, ItemResponse
from course.domain.text_safety import strip_controls
from course.loading.findings import Finding
from progress_store.export import EXPORT_FORMAT, EXPORT_VERSION

MAX_FILE = 64 * 1024 * 1024  # bytes
MAX_PROBLEMS = 20  # shape problems reported per file
MAX_DEPTH_SHOWN = 8  # steps of a key path named in a message
Id = Annotated[str, Field(min_length=1, max_length=80, pattern=r"^[a-z0-9][a-z0-9_-]*$")]
Stamp = Annotated[str, Field(min_length=1, max_length=64)]
Marks = Annotated[float, Field(ge=0, le=1_000_000)]


class _Shape(BaseModel):
    model_config = ConfigDict(extra="ignore", strict=True, frozen=True, allow_inf_nan=False)


class _Answer(_Shape):
    question_id: Id
    response: Any = None  # read by the question's type when counted; never validated deeper here
    score: float = Field(ge=-1_000_000, le=1_000_000)
    max_score: Marks
    correct: bool


class _Attempt(_Shape):
    id: int
    quiz_id: Id
    kind: Literal["full", "retry"] = "full"
    seed: int | None = None
    question_ids: list[Id] = Field(max_length=2_000)
    started_at: Stamp
    finished_at: Stamp | None
    max_score: Marks | None = None
    answers: list[_Answer] = Field(max_length=2_000)


class _Export(_Shape):
    format: str
    version: int
    learner: str = Field(min_length=1, max_length=500)
    course_id: Id
    attempts: list[_Attempt] = Field(max_length=100_000)


@dataclass
class ReadExports:
    """What the files held: their attempts, the problems found, and how many files were read."""

    records: list[AttemptRecord] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    files: int = 0  # files read without an error

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]


def export_files(paths: Sequence[Path]) -> list[Path]:
    """The files to read: each path given, and for a folder the ``*.json`` files in it (sorted)."""
    found: list[Path] = []
    for path in paths:
        found += sorted(p for p in path.glob("*.json") if p.is_file()) if path.is_dir() else [path]
    return found


def read_exports(paths: Iterable[Path], course_id: str) -> ReadExports:
    """The attempts of every export of ``course_id`` among ``paths``, with a finding for each problem."""
    result = ReadExports()
    owners: dict[tuple[object, ...], tuple[str, Path]] = {}  # attempt identity -> learner key, first file
    for number, path in enumerate(paths):
        export, findings = _read_one(path, course_id)
        result.findings += findings
        if export is None:
            continue
        result.files += 1
        key, repeated = f"{number}:{export.learner}", None
        for attempt in export.attempts:
            repeated = repeated or owners.get(_identity(export, attempt))
        if repeated is not None:
            key = repeated[0]
            result.findings.append(_repeat_warning(path, export.learner, repeated[1]))
        for attempt in export.attempts:
            identity = _identity(export, attempt)
            if identity in owners:
                continue
            owners[identity] = (key, path)
            result.records.append(_record(key, attempt))
    return result


def _identity(export: _Export, attempt: _Attempt) -> tuple[object, ...]:
    return export.learner, export.course_id, attempt.quiz_id, attempt.id, attempt.seed, attempt.started_at


def _repeat_warning(path: Path, learner: str, first: Path) -> Finding:
    name = strip_controls(learner)[:80]
    message = f"holds attempts of learner {name!r} already read from {first}: read as one learner, each attempt counted once"
    return Finding(path, 1, 1, "warning", "S007", message)


def _record(key: str, attempt: _Attempt) -> AttemptRecord:
    return AttemptRecord(
        learner=key,
        quiz_id=attempt.quiz_id,
        started_at=attempt.started_at,
        finished=attempt.finished_at is not None,
        question_ids=tuple(attempt.question_ids),
        answers=tuple(ItemResponse(a.question_id, a.response, a.score, a.max_score, a.correct) for a in attempt.answers),
        max_score=attempt.max_score,
        retry=attempt.kind == "retry",
        sequence=attempt.id,
    )


def _read_one(path: Path, course_id: str) -> tuple[_Export | None, list[Finding]]:
    """One export file, or ``None`` and the errors that keep it out."""
    if path.exists() and not path.is_file():  # a FIFO or a device would block or never end
        return None, [_error(path, 1, 1, "S001", "not a regular file")]
    try:
        with path.open("rb") as file:
            raw = file.read(MAX_FILE + 1)
    except OSError as error:
        return None, [_error(path, 1, 1, "S001", f"cannot read file: {error.strerror}")]
    if len(raw) > MAX_FILE:
        return None, [
            _error(path, 1, 1, "S001", f"file is larger than {MAX_FILE // (1024 * 1024)} MiB; exports may be at most that")
        ]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        col = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        return None, [_error(path, line, col, "S001", "file is not valid UTF-8 text")]
    try:
        data = json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as error:
        return None, [_error(path, error.lineno, error.colno, "S002", f"not valid JSON: {error.msg}")]
    except (ValueError, RecursionError) as error:
        message = "not valid JSON: nested too deeply" if isinstance(error, RecursionError) else f"not valid JSON: {error}"
        return None, [_error(path, 1, 1, "S002", message)]
    return _checked(path, text, data, course_id)


def _no_constant(name: str) -> object:
    raise ValueError(f"{name} is not a number JSON allows")


def _checked(path: Path, text: str, data: object, course_id: str) -> tuple[_Export | None, list[Finding]]:
    positions = JsonPositions(text)
    if not isinstance(data, dict) or data.get("format") != EXPORT_FORMAT:
        where = positions.locate(["format"]) if isinstance(data, dict) else (1, 1)
        message = f'not a learner export (its "format" is not "{EXPORT_FORMAT}"); write one with `course export`'
        return None, [_error(path, *where, "S003", message)]
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or not 1 <= version <= EXPORT_VERSION:
        message = f"export version {version!r} is not one this version reads (1 to {EXPORT_VERSION}); upgrade plasticity-course"
        return None, [_error(path, *positions.locate(["version"]), "S004", message[:300])]
    try:
        export = _Export.model_validate(data)
    except ValidationError as error:
        return None, [_shape_finding(path, positions, e["loc"], e["msg"]) for e in error.errors()[:MAX_PROBLEMS]]
    if export.course_id != course_id:
        message = f"an export of course '{export.course_id}', not of '{course_id}'; pass that course with --course"
        return None, [_error(path, *positions.locate(["course_id"]), "S006", message)]
    return export, []


def _shape_finding(path: Path, positions: JsonPositions, loc: tuple[int | str, ...], msg: str) -> Finding:
    shown = loc[:MAX_DEPTH_SHOWN]
    where = "".join(f"[{step}]" if isinstance(step, int) else (f".{step}" if i else str(step)) for i, step in enumerate(shown))
    where += "…" if len(loc) > MAX_DEPTH_SHOWN else ""
    return _error(path, *positions.locate(list(loc)), "S005", f"{where or 'the file'}: {msg}")


def _error(path: Path, line: int, col: int, code: str, message: str) -> Finding:
    return Finding(path, line, col, "error", code, message)

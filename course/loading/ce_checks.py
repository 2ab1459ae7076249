"""Checks of course.toml's ``[ce]`` section against the rest of the course (E501-E508, W501-W503).

They read what the files hold, valid or not (as the other lints do), so a [ce] table with one wrong
key still has its post-test and dates checked. The shape of each key (types, ranges, required keys)
is the model's (E1xx); these are the rules that need the course: the post-test is an exam with
limited attempts whose pass mark agrees, credit comes in quarter hours, the dates make sense.
"""

from __future__ import annotations

import math
import re
from datetime import date
from pathlib import Path
from typing import Any

from course.domain.ce import CREDIT_STEP, DATE_PATTERN, DEFAULT_PASS_MARK
from course.domain.models import CourseFile, ModuleFile
from course.loading.declared import Declared, tables
from course.loading.findings import Finding, Severity
from course.loading.loaded import Loaded
from quizzes.quiz import Quiz

REVIEW_YEARS = 3  # ACCME: enduring material is reviewed at least every three years
BIAS = re.compile(r"\bbias", re.IGNORECASE)
QUIZ_DEFAULTS = {name: Quiz.model_fields[name].default for name in ("mode", "pass_mark", "max_attempts")}


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        return None
    return float(value)


def _day(value: Any) -> date | None:
    if not isinstance(value, str) or not re.fullmatch(DATE_PATTERN, value):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


class _CeChecks:
    def __init__(self, loaded: Loaded, ids: Declared, path: Path, ce: dict[str, Any]) -> None:
        self.loaded, self.ids, self.path, self.ce = loaded, ids, path, ce
        self.findings: list[Finding] = []

    def at(self, path: Path, key: tuple[Any, ...], severity: Severity, code: str, message: str) -> None:
        line, col = self.loaded.files[path].positions.locate(key)
        self.findings.append(Finding(path, line, col, severity, code, message))

    def here(self, key: tuple[Any, ...], severity: Severity, code: str, message: str) -> None:
        self.at(self.path, ("ce", *key), severity, code, message)

    def run(self) -> list[Finding]:
        self.post_test()
        self.credit()
        self.dates()
        self.evaluation()
        self.objectives()
        return self.findings

    def quiz(self, ident: str) -> tuple[Path, dict[str, Any]] | None:
        for path, model in self.loaded.kinds.items():
            content = self.loaded.files[path].content
            if model is Quiz and content is not None and content.get("id") == ident:
                return path, content
        return None

    def post_test(self) -> None:
        ident = self.ce.get("post_test")
        if not isinstance(ident, str):
            return
        found = self.quiz(ident)
        if found is None:
            if self.ids.unknown("quiz", ident):
                hint = self.ids.hint("quiz", ident)
                self.here(("post_test",), "error", "E501", f"post_test names unknown quiz '{ident[:80]}'{hint}")
            return
        path, quiz = found
        mode = quiz.get("mode", QUIZ_DEFAULTS["mode"])
        if mode != "exam":
            shown = "the default, practice" if "mode" not in quiz else f"'{mode}'"
            key = ("mode",) if "mode" in quiz else ("id",)
            message = f"the post-test '{ident}' must be taken in exam mode (its mode is {shown}): set mode = \"exam\""
            self.at(path, key, "error", "E502", message)
        attempts = quiz.get("max_attempts", QUIZ_DEFAULTS["max_attempts"])
        if attempts == 0:
            key = ("max_attempts",) if "max_attempts" in quiz else ("id",)
            message = f"the post-test '{ident}' must limit its attempts (max_attempts is 0, unlimited): set max_attempts, e.g. 3"
            self.at(path, key, "error", "E503", message)
        ours = _number(self.ce.get("pass_mark", DEFAULT_PASS_MARK))
        theirs = _number(quiz.get("pass_mark", QUIZ_DEFAULTS["pass_mark"]))
        if ours is not None and theirs is not None and abs(ours - theirs) > 1e-9:
            where = Finding(path, self.loaded.files[path].positions.locate(("pass_mark",))[0], 1, "error", "", "")
            default = " (the default)" if "pass_mark" not in self.ce else ""
            message = (
                f"pass_mark is {ours:g}{default} but the post-test '{ident}' passes at {theirs:g}"
                f" ({where.display_path()}:{where.line}): make them the same, as learners are told one pass mark"
            )
            self.here(("pass_mark",), "error", "E504", message)

    def credit(self) -> None:
        credit = _number(self.ce.get("max_credit"))
        if credit is None or credit <= 0:
            return
        steps = credit / CREDIT_STEP
        if abs(steps - round(steps)) > 1e-9:
            message = f"max_credit is {credit:g} hours; credit is claimed in quarter hours: use a multiple of 0.25"
            self.here(("max_credit",), "error", "E505", message)
        minutes = self.ce.get("estimated_minutes")
        if isinstance(minutes, int) and not isinstance(minutes, bool) and minutes > 0 and credit > minutes / 60 + 1e-9:
            message = (
                f"max_credit is {credit:g} hours but the activity is estimated at {minutes} minutes:"
                " credit should not exceed the time the activity takes"
            )
            self.here(("max_credit",), "warning", "W502", message)

    def dates(self) -> None:
        days = {}
        for key in ("release", "expiry"):
            value = self.ce.get(key)
            day = _day(value)
            if day is None and isinstance(value, str) and re.fullmatch(DATE_PATTERN, value):
                self.here((key,), "error", "E506", f"{key} '{value}' is not a date of the calendar")
            days[key] = day
        release, expiry = days["release"], days["expiry"]
        if release is None or expiry is None:
            return
        if expiry <= release:
            self.here(("expiry",), "error", "E506", f"expiry {expiry} is not after release {release}")
            return
        try:
            limit = release.replace(year=release.year + REVIEW_YEARS)
        except ValueError:  # 29 February
            limit = date(release.year + REVIEW_YEARS, 3, 1)
        if expiry >= limit:
            message = (
                f"expiry {expiry} is {REVIEW_YEARS} years or more after release {release}:"
                f" enduring material should be reviewed and re-released within {REVIEW_YEARS} years"
            )
            self.here(("expiry",), "warning", "W503", message)

    def evaluation(self) -> None:
        survey = self.ce.get("evaluation")
        if not isinstance(survey, dict):
            return
        seen: dict[str, int] = {}
        asks_bias = False
        kinds_known = True  # an item whose type is misspelt (E105) may be the bias question
        for n, item in tables(survey, "item"):
            ident = item.get("id")
            if isinstance(ident, str):
                if ident in seen:
                    line = self.loaded.files[self.path].positions.locate(("ce", "evaluation", "item", seen[ident], "id"))[0]
                    message = f"duplicate evaluation item id '{ident}' (first used on line {line})"
                    self.here(("evaluation", "item", n, "id"), "error", "E507", message)
                else:
                    seen[ident] = n
            prompt = item.get("prompt")
            kinds_known = kinds_known and item.get("type") in ("likert", "yes_no", "text")
            asks_bias = asks_bias or (item.get("type") == "yes_no" and isinstance(prompt, str) and bool(BIAS.search(prompt)))
        if seen and kinds_known and not asks_bias:
            message = (
                "the evaluation asks no yes/no question about commercial bias: add an item with"
                ' type = "yes_no", prompt = "Was the activity free of commercial bias?"'
            )
            self.here(("evaluation",), "warning", "W501", message)

    def objectives(self) -> None:
        own = self.ce.get("objectives", [])
        if not isinstance(own, list) or own:
            return
        for path, kind in self.loaded.kinds.items():
            if kind is ModuleFile and any(True for _ in tables(self.loaded.files[path].content, "objective")):
                return
        message = "the activity states no learning objectives: list them in objectives, or give the modules [[objective]] tables"
        self.here(("objectives",), "error", "E508", message)


def ce_findings(loaded: Loaded, ids: Declared) -> list[Finding]:
    """Every finding about the [ce] section of the course.toml in ``loaded`` (none when it has none)."""
    for path, model in loaded.kinds.items():
        content = loaded.files[path].content
        if model is CourseFile and content is not None and isinstance(content.get("ce"), dict):
            return _CeChecks(loaded, ids, path, content["ce"]).run()
    return []

"""A problem found in a course, located by file, line and column."""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Finding:
    """One problem: where it is, how bad, a stable code and a message that says what to do."""

    path: Path
    line: int
    col: int
    severity: Severity
    code: str
    message: str

    def display_path(self) -> str:
        """The path relative to the working folder when it lies below it, else absolute."""
        try:
            relative = os.path.relpath(self.path)
        except ValueError:
            return str(self.path)
        return str(self.path) if relative.startswith("..") else relative

    def format(self) -> str:
        """``path:line:col: error[CODE]: message``."""
        return f"{self.display_path()}:{self.line}:{self.col}: {self.severity}[{self.code}]: {self.message}"

    def to_json(self) -> dict[str, object]:
        """A JSON-ready dict of this finding."""
        data = asdict(self)
        data["path"] = self.display_path()
        return data


class CourseError(Exception):
    """A course could not be loaded; ``findings`` holds every problem found."""

    def __init__(self, findings: list[Finding]) -> None:
        self.findings = findings
        errors = [f for f in findings if f.severity == "error"]
        super().__init__(f"{len(errors)} problem(s) in the course; first: {errors[0].format() if errors else '-'}")

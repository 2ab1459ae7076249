"""A problem found in a course, located by file, line and column."""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Literal

from course.domain.text_safety import visible

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

    def __post_init__(self) -> None:
        # Messages quote names from the course (folders, files): never a raw escape sequence.
        object.__setattr__(self, "message", visible(self.message))

    def display_path(self) -> str:
        """The path relative to the working folder when it lies below it, else absolute; control and
        invisible characters in it are shown as escapes (``\\x1b``), never sent to the terminal raw."""
        return visible(shown_path(self.path))

    def format(self) -> str:
        """``path:line:col: error[CODE]: message``."""
        return f"{self.display_path()}:{self.line}:{self.col}: {self.severity}[{self.code}]: {self.message}"

    def to_json(self) -> dict[str, object]:
        """A JSON-ready dict of this finding."""
        data = asdict(self)
        data["path"] = self.display_path()
        return data


def shown_path(path: Path) -> str:
    """``path`` relative to the working folder when it lies below it, else absolute (as it is)."""
    try:
        relative = os.path.relpath(path)
    except ValueError:
        return str(path)
    return str(path) if relative.startswith("..") else relative


def safe_path(path: Path) -> str:
    """``path`` as messages show it: relative when below the working folder, with :func:`visible` escapes."""
    return visible(shown_path(path))


class CourseError(Exception):
    """A course could not be loaded; ``findings`` holds every problem found."""

    def __init__(self, findings: list[Finding]) -> None:
        self.findings = findings
        errors = [f for f in findings if f.severity == "error"]
        super().__init__(f"{len(errors)} problem(s) in the course; first: {errors[0].format() if errors else '-'}")

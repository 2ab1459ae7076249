"""What reading a course folder produced: models, the parsed files behind them, and findings."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel

from course.domain.models import Course
from course.loading.findings import Finding
from course.loading.toml_file import TomlFile


@dataclass
class Loaded:
    """Everything read from a course folder: the models, the parsed files behind them, and findings."""

    root: Path
    course: Course | None = None
    files: dict[Path, TomlFile] = field(default_factory=dict)
    models: dict[Path, BaseModel] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    kinds: dict[Path, type[BaseModel]] = field(default_factory=dict)  # the model each file is checked against

    @property
    def errors(self) -> list[Finding]:
        """The findings that stop the course from running."""
        return [f for f in self.findings if f.severity == "error"]

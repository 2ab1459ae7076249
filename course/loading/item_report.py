"""Where the item-writing checks (W4xx) write their findings: one warning per call, located in its file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from course.loading.findings import Finding
from course.loading.loaded import Loaded
from lessons.model import Lesson
from quizzes.quiz import Quiz


class Reporter:
    """The quizzes and lessons of a loaded course, in load order, and the warnings found in them."""

    def __init__(self, loaded: Loaded) -> None:
        self.loaded = loaded
        self.findings: list[Finding] = []
        self.quizzes: list[tuple[Path, Quiz]] = [(p, m) for p, m in loaded.models.items() if isinstance(m, Quiz)]
        self.lessons: list[tuple[Path, Lesson]] = [(p, m) for p, m in loaded.models.items() if isinstance(m, Lesson)]

    def locate(self, path: Path, key: tuple[Any, ...]) -> tuple[int, int]:
        """The line and column of ``key`` in ``path`` (or of its nearest ancestor)."""
        return self.loaded.files[path].positions.locate(key)

    def shown(self, path: Path) -> str:
        """``path`` as findings show it (relative to the working folder when below it)."""
        return Finding(path, 1, 1, "warning", "", "").display_path()

    def where(self, path: Path, key: tuple[Any, ...]) -> str:
        """``path:line`` of ``key``."""
        return f"{self.shown(path)}:{self.locate(path, key)[0]}"

    def warn(self, path: Path, key: tuple[Any, ...], code: str, message: str) -> None:
        """Record a warning at ``key`` of ``path``."""
        line, col = self.locate(path, key)
        self.findings.append(Finding(path, line, col, "warning", code, message))

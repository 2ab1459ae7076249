"""Read one course TOML file safely: size cap, UTF-8, syntax check, control characters stripped."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from course.domain.text_safety import sanitise
from course.loading.findings import Finding
from course.loading.toml_positions import Positions, scan
from course.loading.toml_syntax import parse

MAX_FILE_BYTES = 1_048_576


@dataclass
class TomlFile:
    """A parsed TOML file with the positions of its keys; ``data`` is ``None`` when it did not parse.

    A file with syntax errors keeps in ``partial`` what parsed once the broken statements were
    blanked (``positions`` then describe that text), with the keys, ids and lines they held.
    ``body_line`` is the line where a Markdown lesson's body starts (0 for a TOML file).
    """

    path: Path
    data: dict[str, Any] | None
    positions: Positions = field(default_factory=Positions)
    findings: list[Finding] = field(default_factory=list)
    text: str = ""
    partial: dict[str, Any] | None = None
    dropped_keys: set[str] = field(default_factory=set)
    dropped_ids: set[str] = field(default_factory=set)
    dropped_lines: set[int] = field(default_factory=set)
    body_line: int = 0

    @property
    def content(self) -> dict[str, Any] | None:
        """The data to check: the parsed document, else what could be recovered of it."""
        return self.data if self.data is not None else self.partial


def read_text(path: Path) -> tuple[str | None, Finding | None]:
    """The text of ``path``, or ``None`` and a located finding (unreadable, too large, not UTF-8)."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        return None, Finding(path, 1, 1, "error", "E002", f"cannot read file: {error.strerror or error}")
    if len(raw) > MAX_FILE_BYTES:
        message = f"file is {len(raw):,} bytes; course files may be at most {MAX_FILE_BYTES:,} bytes"
        return None, Finding(path, 1, 1, "error", "E002", message)
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        col = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        return None, Finding(path, line, col, "error", "E002", "file is not valid UTF-8 text")


def read_toml(path: Path) -> TomlFile:
    """Read, decode and parse ``path``; every failure becomes a located finding, never an exception."""
    text, problem = read_text(path)
    if text is None:
        return TomlFile(path, None, findings=[problem] if problem else [])
    return parse_toml(path, text)


def parse_toml(path: Path, text: str) -> TomlFile:
    """Parse ``text`` (the contents of ``path``), recovering from syntax errors as far as it can."""
    data, recovery = parse(path, text)
    if recovery is None:
        return TomlFile(path, sanitise(data), _positions(text), text=text)
    parsed = TomlFile(path, None, findings=recovery.findings, text=text)
    parsed.dropped_keys, parsed.dropped_ids = recovery.dropped_keys, recovery.dropped_ids
    parsed.dropped_lines = recovery.dropped_lines
    if recovery.data is not None:
        parsed.partial, parsed.positions = sanitise(recovery.data), _positions(recovery.text)
    return parsed


def _positions(text: str) -> Positions:
    try:
        return scan(text)
    except (ValueError, IndexError):  # pragma: no cover - the scanner only sees valid TOML
        return Positions()

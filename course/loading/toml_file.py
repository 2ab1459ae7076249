"""Read one course TOML file safely: size cap, UTF-8, syntax check, control characters stripped."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from course.domain.text_safety import sanitise
from course.loading.findings import Finding
from course.loading.safe_read import MAX_FILE_BYTES, bundled, read_course_bytes
from course.loading.toml_depth import MAX_NESTING, data_depth, too_deep
from course.loading.toml_positions import Positions, scan
from course.loading.toml_syntax import parse

__all__ = ["MAX_FILE_BYTES", "TomlFile", "parse_toml", "read_text", "read_toml"]


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


def read_text(path: Path, root: Path | None = None) -> tuple[str | None, Finding | None]:
    """The text of ``path`` (a file of the course at ``root``), or ``None`` and a located finding
    (outside the course folder, not a regular file, unreadable, too large, not UTF-8)."""
    raw, problem = read_course_bytes(path, root)
    if raw is None:
        return None, problem
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        message = "file is UTF-16 text (it starts with a UTF-16 byte order mark); save it as UTF-8"
        return None, Finding(path, 1, 1, "error", "E002", message)
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        col = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        return None, Finding(path, line, col, "error", "E002", "file is not valid UTF-8 text")


def read_toml(path: Path, root: Path | None = None) -> TomlFile:
    """Read, decode and parse ``path`` (a file of the course at ``root``); every failure becomes a
    located finding, never an exception."""
    text, problem = read_text(path, root)
    if text is None:
        return TomlFile(path, None, findings=[problem] if problem else [])
    return parse_toml(path, text)


def parse_toml(path: Path, text: str) -> TomlFile:
    """Parse ``text`` (the contents of ``path``), recovering from syntax errors as far as it can.

    A text nested deeper than :data:`~course.loading.toml_depth.MAX_NESTING` is refused (E005). The
    depth scan runs only when ``tomllib`` fails or the data it gives is near the limit (a text nests
    at most one level deeper than its data: an empty list or table): a text that parses whole, and
    shallow, cannot be too deep. The course shipped in this package is never scanned.
    """
    trusted = bundled(path)
    if not trusted:
        try:
            data = tomllib.loads(text)
        except (tomllib.TOMLDecodeError, RecursionError):
            data = None
        if data is not None and data_depth(data) < MAX_NESTING:
            return TomlFile(path, sanitise(data), _positions(text), text=text)
        deep = too_deep(path, text)
        if deep is not None:
            return TomlFile(path, None, findings=[deep], text=text)
    try:
        return _parse_toml(path, text)
    except RecursionError:  # pragma: no cover - the depth scan keeps every parse and walk shallow
        return TomlFile(path, None, findings=[_deep(path)], text=text)


def _deep(path: Path) -> Finding:
    message = f"values are nested more than {MAX_NESTING} levels deep (tables, lists and dotted keys); the file is not read"
    return Finding(path, 1, 1, "error", "E005", message)


def _parse_toml(path: Path, text: str) -> TomlFile:
    data, recovery = parse(path, text)
    if recovery is None:
        if data_depth(data) > MAX_NESTING + 1:  # pragma: no cover - the depth scan counts more levels
            return TomlFile(path, None, findings=[_deep(path)], text=text)
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

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
from course.loading.toml_errors import syntax_finding
from course.loading.toml_positions import Positions, scan

MAX_FILE_BYTES = 1_048_576


@dataclass
class TomlFile:
    """A parsed TOML file with the positions of its keys; ``data`` is ``None`` when it did not parse."""

    path: Path
    data: dict[str, Any] | None
    positions: Positions = field(default_factory=Positions)
    findings: list[Finding] = field(default_factory=list)
    text: str = ""


def read_toml(path: Path) -> TomlFile:
    """Read, decode and parse ``path``; every failure becomes a located finding, never an exception."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        return TomlFile(
            path, None, findings=[Finding(path, 1, 1, "error", "E002", f"cannot read file: {error.strerror or error}")]
        )
    if len(raw) > MAX_FILE_BYTES:
        message = f"file is {len(raw):,} bytes; course files may be at most {MAX_FILE_BYTES:,} bytes"
        return TomlFile(path, None, findings=[Finding(path, 1, 1, "error", "E002", message)])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        col = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        return TomlFile(path, None, findings=[Finding(path, line, col, "error", "E002", "file is not valid UTF-8 text")])
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        return TomlFile(path, None, findings=[syntax_finding(path, error, text)])
    try:
        positions = scan(text)
    except (ValueError, IndexError):  # pragma: no cover - the scanner only sees valid TOML
        positions = Positions()
    return TomlFile(path, sanitise(data), positions, text=text)

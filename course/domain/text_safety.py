"""Make untrusted course text inert: strip control characters (escape sequences included)."""

from __future__ import annotations

import re
from typing import Any

# C0 controls except tab and newline, DEL, and C1 controls (0x80-0x9f).
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def strip_controls(text: str) -> str:
    """``text`` without control characters (tabs and newlines kept; CRLF becomes LF)."""
    return CONTROL.sub("", text.replace("\r\n", "\n"))


def sanitise(data: Any) -> Any:
    """A copy of parsed TOML data with every string (keys included) stripped of control characters."""
    if isinstance(data, str):
        return strip_controls(data)
    if isinstance(data, dict):
        return {strip_controls(k): sanitise(v) for k, v in data.items()}
    if isinstance(data, list):
        return [sanitise(v) for v in data]
    return data

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


# Characters that change how a terminal shows what follows, or hide text: every control character
# (tab and newline too: a name is shown on one line), zero-width and bidirectional formatting marks.
INVISIBLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def visible(text: str) -> str:
    """``text`` for one line of a terminal: every control or invisible character written as an escape
    (``\\x1b``, ``\\u202e``), so a file name or a message shows exactly what it holds and does nothing."""
    return INVISIBLE.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    code = ord(match[0])
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


MARKDOWN_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")


def escape_markdown(text: str) -> str:
    """``text`` as literal Markdown inline text: every ASCII punctuation mark backslash-escaped (as
    CommonMark allows), line breaks as spaces, so ``[``, ``*`` or ``<`` in a citation show as written."""
    return MARKDOWN_PUNCTUATION.sub(r"\\\1", " ".join(text.splitlines()))

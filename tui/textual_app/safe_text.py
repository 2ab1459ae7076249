"""The one place course text becomes something the screen draws.

Course text is untrusted: it is always shown as plain content, never parsed as Textual or Rich
markup, so ``[@click=app.quit]`` or ``[link=...]`` in a lesson is displayed literally and does nothing.
"""

from __future__ import annotations

from rich.text import Text
from textual.content import Content

from course.domain.text_safety import strip_controls


def plain(text: str) -> Content:
    """Untrusted text as inert content (control characters removed, no markup parsed)."""
    return Content(strip_controls(text))


def plain_text(text: str, style: str = "") -> Text:
    """Untrusted text as an inert Rich ``Text`` (for widgets such as Tree that take Rich text)."""
    return Text(strip_controls(text), style=style)


def bar(done: int, total: int, width: int = 10) -> str:
    """A text progress bar such as ``███████░░░``."""
    if total <= 0:
        return "░" * width
    filled = round(width * done / total)
    return "█" * filled + "░" * (width - filled)

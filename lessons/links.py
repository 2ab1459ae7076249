"""Find the course-internal links (``glossary:ID``, ``ref:ID``) in a Markdown body."""

from __future__ import annotations

import re
from dataclasses import dataclass

LINK = re.compile(r"\]\((?P<scheme>glossary|ref):(?P<target>[^)\s]*)\)")


@dataclass(frozen=True)
class InternalLink:
    """A link from lesson text to a glossary term or a reference."""

    scheme: str
    target: str
    line: int  # 1-based line within the body
    col: int  # 1-based column of the link's opening bracket text


def internal_links(body: str) -> list[InternalLink]:
    """Every ``[text](glossary:id)`` and ``[text](ref:id)`` link in ``body``, with its line."""
    found = []
    for number, line in enumerate(body.splitlines(), start=1):
        for match in LINK.finditer(line):
            found.append(InternalLink(match["scheme"], match["target"], number, match.start() + 2))
    return found


def parse_href(href: str) -> tuple[str, str] | None:
    """Split an internal href into (scheme, id); ``None`` for any other link."""
    scheme, _, target = href.partition(":")
    if scheme in ("glossary", "ref") and target:
        return scheme, target
    return None

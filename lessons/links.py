"""Find the course-internal links (``glossary:ID``, ``ref:ID``) in a Markdown body."""

from __future__ import annotations

from dataclasses import dataclass

from lessons.markdown import links

INTERNAL_SCHEMES = ("glossary", "ref")


@dataclass(frozen=True)
class InternalLink:
    """A link from lesson text to a glossary term or a reference."""

    scheme: str
    target: str
    line: int  # 1-based line within the body
    col: int  # 1-based column of the "(" before an inline link's target (of the link's start otherwise)


def internal_links(body: str) -> list[InternalLink]:
    """Every link to ``glossary:id`` or ``ref:id`` in ``body`` (any form markdown-it reads as a
    link; not text inside code), with where it is written."""
    found = []
    for link in links(body):
        scheme, _, target = link.href.partition(":")
        if scheme in INTERNAL_SCHEMES:
            found.append(InternalLink(scheme, target, link.line, link.target_col))
    return found


def parse_href(href: str) -> tuple[str, str] | None:
    """Split an internal href into (scheme, id); ``None`` for any other link."""
    scheme, _, target = href.partition(":")
    if scheme in INTERNAL_SCHEMES and target:
        return scheme, target
    return None

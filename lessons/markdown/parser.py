"""The one Markdown parser of the course: markdown-it-py configured like Textual's Markdown widget.

Textual's ``Markdown`` widget parses with ``MarkdownIt("gfm-like")`` (CommonMark plus tables,
strikethrough, linkify and raw HTML); so does everything here, so the text search indexes, the text
the plain mode prints and the text the app shows come from the same tokens.

The inline rules that make links (``link``, ``image``, ``autolink``, ``html_inline``, ``linkify``)
are wrapped to record where each link starts: ``token.meta["offset"]`` is the link's offset in its
inline token's ``content``. :mod:`lessons.markdown.links` turns that into a line and column.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.rules_inline import (
    StateInline,
    autolink,
    html_inline,
    image,
    link,
    linkify,
)
from markdown_it.token import Token

PRESET = "gfm-like"  # what textual.widgets.Markdown uses when it is given no parser_factory

InlineRule = Callable[[StateInline, bool], bool]

_LINK_TOKENS = frozenset({"link_open", "image", "html_inline"})


def _recording(rule: InlineRule) -> InlineRule:
    """``rule``, also noting on the tokens it makes the offset where it matched."""

    def run(state: StateInline, silent: bool) -> bool:
        start, pending, count = state.pos, len(state.pending), len(state.tokens)
        if not rule(state, silent):
            return False
        if silent:
            return True
        new = state.tokens[count:]
        if rule is linkify:
            # linkify matches at the ":" of "https://", after the scheme went into the pending text.
            flushed = len(new[0].content) if new and new[0].type == "text" else 0
            start -= pending - flushed
        for token in new:
            if token.type in _LINK_TOKENS and "offset" not in token.meta:
                token.meta["offset"] = start
        return True

    return run


def new_parser() -> MarkdownIt:
    """A markdown-it parser with the widget's preset, recording where links start."""
    parser = MarkdownIt(PRESET)
    for name, rule in (
        ("link", link),
        ("image", image),
        ("autolink", autolink),
        ("html_inline", html_inline),
        ("linkify", linkify),
    ):
        parser.inline.ruler.at(name, _recording(rule))
    return parser


_PARSER = new_parser()


@lru_cache(maxsize=256)
def parse(markdown: str) -> tuple[Token, ...]:
    """The token stream of a Markdown document (cached per text; treat the tokens as read-only)."""
    return tuple(_PARSER.parse(markdown))


@lru_cache(maxsize=1024)
def parse_inline(text: str) -> tuple[Token, ...]:
    """The inline tokens of a one-line fragment (a title, a term): no blocks, so ``# x`` or ``1. x``
    stay text (cached per text; treat the tokens as read-only)."""
    tokens = _PARSER.parseInline(text)
    return tuple(tokens[0].children or ()) if tokens else ()

"""The course's one Markdown pipeline (markdown-it-py, configured like Textual's Markdown widget).

Pure Python: never imports Textual or Rich. Search, the plain mode, the linter and link checks all
read Markdown through here:

- :func:`parse` / :func:`parse_inline`: the token streams (cached per text);
- :func:`blocks`: the block tree, built the way the Markdown widget builds its blocks;
- :func:`plain_text`, :func:`inline_plain`, :func:`inline_text`: the text a reader sees;
- :func:`sections`: a body cut at its headings (heading, level, plain text);
- :func:`links`: every link with its href, words, line and column;
- :func:`word_count`.
"""

from lessons.markdown.links import Link, LinkForm, links
from lessons.markdown.parser import PRESET, new_parser, parse, parse_inline
from lessons.markdown.plain import (
    LinkText,
    Section,
    block_text,
    inline_plain,
    inline_text,
    plain_text,
    sections,
    texts,
    word_count,
)
from lessons.markdown.tree import Block, blocks, walk

__all__ = [
    "PRESET",
    "Block",
    "Link",
    "LinkForm",
    "LinkText",
    "Section",
    "block_text",
    "blocks",
    "inline_plain",
    "inline_text",
    "links",
    "new_parser",
    "parse",
    "parse_inline",
    "plain_text",
    "sections",
    "texts",
    "walk",
    "word_count",
]

"""Markdown blocks as a tree, built from the token stream the way Textual's Markdown widget does."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from markdown_it.token import Token

from lessons.markdown.parser import parse

# Leaf blocks with no inline content: code is shown as written, HTML blocks are not shown at all.
CODE = frozenset({"fence", "code_block"})


@dataclass
class Block:
    """One block: ``kind`` is the token type without ``_open`` (``paragraph``, ``heading``,
    ``bullet_list``, ``list_item``, ``blockquote``, ``table``, ``tr``, ``td`` ...) or a leaf
    token's type (``fence``, ``code_block``, ``hr``, ``html_block``). ``inline`` is the inline
    token of a heading, paragraph or table cell."""

    kind: str
    token: Token
    children: list[Block] = field(default_factory=list)
    inline: Token | None = None

    @property
    def lines(self) -> tuple[int, int] | None:
        """The 0-based ``[start, end)`` source lines of the block, when markdown-it knows them."""
        where = self.token.map or (self.inline.map if self.inline is not None else None)
        return (where[0], where[1]) if where else None


def build(tokens: tuple[Token, ...]) -> tuple[Block, ...]:
    """The top-level blocks of a token stream."""
    top: list[Block] = []
    stack: list[Block] = []
    for token in tokens:
        kind = token.type
        if kind.endswith("_open"):
            stack.append(Block(kind[: -len("_open")], token))
        elif kind.endswith("_close"):
            block = stack.pop()
            (stack[-1].children if stack else top).append(block)
        elif kind == "inline":
            if stack:
                stack[-1].inline = token
        else:
            (stack[-1].children if stack else top).append(Block(kind, token))
    return tuple(top)


@lru_cache(maxsize=256)
def blocks(markdown: str) -> tuple[Block, ...]:
    """The block tree of a Markdown document (cached per text; treat it as read-only)."""
    return build(parse(markdown))


def walk(tree: tuple[Block, ...] | list[Block]) -> list[Block]:
    """Every block of ``tree`` in document order (a parent before its children)."""
    found: list[Block] = []
    for block in tree:
        found.append(block)
        found += walk(block.children)
    return found

"""Where a value stands in a JSON text: line and column of a key path, for messages about export files.

``json`` says where a syntax error is but not where a valid value is; this parses the (already
valid) text once more with a small lark grammar that keeps positions and walks the path down to
the key or element named (or as far as it exists). Only used when a file has a problem to report.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Sequence

from lark import Lark, Token, Tree

_GRAMMAR = r"""
?value: object | array | STRING | NUMBER | LITERAL
object: "{" [pair ("," pair)*] "}"
array: "[" [value ("," value)*] "]"
pair: STRING ":" value
LITERAL: "true" | "false" | "null"
STRING: /"(?:[^"\\]|\\.)*"/
NUMBER: /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/
%ignore /[ \t\r\n]+/
"""
LOCATE_LIMIT = 8 * 1024 * 1024  # characters: beyond this a problem is placed at the top of the file

Node = Tree[Token] | Token


@functools.cache
def _parser() -> Lark:
    return Lark(_GRAMMAR, start="value", parser="lalr", propagate_positions=True, maybe_placeholders=False)


class JsonPositions:
    """Positions in one JSON text, parsed on the first question and kept for the next ones."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._tree: Node | None = None
        self._parsed = False

    def locate(self, path: Sequence[str | int]) -> tuple[int, int]:
        """The 1-based line and column of the value at ``path`` (a key names an object member and
        points at the key; an int names an array element). Where the path stops existing, the position
        of the last value that does; ``(1, 1)`` for a text too long, or not JSON."""
        node = self._root()
        if node is None:
            return 1, 1
        where = _position(node)
        for step in path:
            found = _child(node, step)
            if found is None:
                break
            where, node = found
        return where

    def _root(self) -> Node | None:
        if not self._parsed:
            self._parsed = True
            if len(self._text) <= LOCATE_LIMIT:
                try:
                    self._tree = _parser().parse(self._text)
                except Exception:  # lark's errors for text json accepted but this grammar does not
                    self._tree = None
        return self._tree


def locate(text: str, path: Sequence[str | int]) -> tuple[int, int]:
    """:meth:`JsonPositions.locate` for one question about ``text``."""
    return JsonPositions(text).locate(path)


def _child(node: Node, step: str | int) -> tuple[tuple[int, int], Node] | None:
    """The position and node of member or element ``step`` of ``node``, if it has one."""
    if not isinstance(node, Tree):
        return None
    if node.data == "object" and isinstance(step, str):
        match = None
        for pair in node.children:
            key, value = pair.children if isinstance(pair, Tree) else (None, None)
            if isinstance(key, Token) and value is not None and json.loads(key.value) == step:
                match = (_position(key), value)  # the last of repeated keys, as json.loads keeps it
        return match
    if node.data == "array" and isinstance(step, int) and 0 <= step < len(node.children):
        element = node.children[step]
        return _position(element), element
    return None


def _position(node: Node) -> tuple[int, int]:
    if isinstance(node, Token):
        return node.line or 1, node.column or 1
    return getattr(node.meta, "line", 1), getattr(node.meta, "column", 1)

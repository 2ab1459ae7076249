"""Parse Moodle GIFT text with the lark grammar in ``gift.lark`` into :class:`~.syntax.Block` objects.

The file is cut into question blocks at blank lines, as Moodle does, and each block is parsed on its
own, so one broken question gives one located error and the others are still read.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, replace
from pathlib import Path

from lark import Lark, Token, Tree, UnexpectedCharacters, UnexpectedInput, UnexpectedToken

from course.authoring.gift.syntax import Answer, AnswerBlock, Block, Part, Text
from course.domain.text_safety import strip_controls

ESCAPES = {"\\~": "~", "\\=": "=", "\\#": "#", "\\{": "{", "\\}": "}", "\\:": ":", "\\n": "\n", "\\\\": "\\"}
NAMES = {
    "RBRACE": "'}'",
    "LBRACE": "'{'",
    "EQ": "'='",
    "TILDE": "'~'",
    "HASH": "'#'",
    "GENERAL": "'####'",
    "ARROW": "'->'",
    "TITLE_CLOSE": "'::'",
    "TITLE_OPEN": "'::'",
    "NL": "end of line",
    "_BLANK": "blank line",
    "$END": "end of the question",
}


@dataclass(frozen=True)
class Problem:
    """A located problem in a GIFT file (turned into a course ``Finding`` by the caller)."""

    line: int
    col: int
    code: str
    message: str
    severity: str = "error"


@dataclass(frozen=True)
class Parsed:
    """The blocks read from a file, the comment lines after its last question, and syntax errors."""

    blocks: tuple[Block, ...]
    trailing_comments: tuple[str, ...]
    problems: tuple[Problem, ...]


@functools.lru_cache(maxsize=1)
def parser() -> Lark:
    """The LALR parser with a contextual lexer, built once."""
    grammar = (Path(__file__).parent / "gift.lark").read_text(encoding="utf-8")
    return Lark(grammar, parser="lalr", lexer="contextual", maybe_placeholders=False)


def normalise(text: str) -> str:
    """Text as the parser wants it: no BOM, LF line ends, no control characters but tab and newline."""
    return strip_controls(text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n"))


def parse_gift(text: str) -> Parsed:
    """Every question block of ``text`` (already :func:`normalise`d), with syntax problems located."""
    blocks: list[Block] = []
    problems: list[Problem] = []
    pending: list[str] = []
    for first_line, lines in _groups(text.split("\n")):
        content = [line for line in lines if not _is_comment(line)]
        pending += [line.strip(" \t")[2:].strip() for line in lines if _is_comment(line)]
        if not "".join(content).strip():
            continue  # only comments: they go with the next question
        source = "\n".join(lines)
        try:
            tree = parser().parse(source)
        except UnexpectedInput as error:
            problems.append(_problem(error, source, first_line))
            pending = []
            continue
        for node in tree.children:
            if isinstance(node, Tree) and node.data == "block":
                block = _block(node, first_line - 1)
                blocks.append(replace(block, comments=tuple(pending)))
                pending = []
    return Parsed(tuple(blocks), tuple(pending), tuple(problems))


def _is_comment(line: str) -> bool:
    return line.lstrip(" \t").startswith("//")


def _groups(lines: list[str]) -> list[tuple[int, list[str]]]:
    """Runs of non-blank lines with the 1-based number of their first line."""
    groups: list[tuple[int, list[str]]] = []
    current: list[str] = []
    start = 1
    for number, line in enumerate(lines, start=1):
        if line.strip(" \t"):
            if not current:
                start = number
            current.append(line)
        elif current:
            groups.append((start, current))
            current = []
    if current:
        groups.append((start, current))
    return groups


def _block(node: Tree[Token], offset: int) -> Block:
    title: Text | None = None
    marker: str | None = None
    parts: list[Part] = []
    run: list[Token] = []
    for child in node.children:
        if isinstance(child, Tree) and child.data == "title":
            title = _text([t for t in child.children if isinstance(t, Token) and t.type in ("TITLE_TEXT", "ESC")], offset, child)
        elif isinstance(child, Tree) and child.data == "answer_block":
            if run:
                parts.append(_text(run, offset))
                run = []
            parts.append(_answer_block(child, offset))
        elif isinstance(child, Token) and child.type == "FORMAT":
            marker = child.value.strip()[1:-1]
        elif isinstance(child, Token):
            run.append(child)
    if run:
        parts.append(_text(run, offset))
    line, col = _position(node, offset)
    return Block(line, col, title, marker, tuple(parts))


def _answer_block(node: Tree[Token], offset: int) -> AnswerBlock:
    line, col = _position(node, offset)
    numeric = False
    answers: tuple[Answer, ...] = ()
    general: Text | None = None
    for child in node.children:
        if not isinstance(child, Tree):
            continue
        if child.data == "numeric":
            numeric = True
            inner = [c for c in child.children if isinstance(c, Tree) and c.data == "answers"]
            answers = tuple(_answer(a, offset) for a in inner[0].children if isinstance(a, Tree)) if inner else ()
        elif child.data == "answers":
            answers = tuple(_answer(a, offset) for a in child.children if isinstance(a, Tree))
        elif child.data == "general":
            general = _subtext(child, offset)
    return AnswerBlock(line, col, numeric, answers, general)


def _answer(node: Tree[Token], offset: int) -> Answer:
    """One ``head`` or ``item`` of an answer block."""
    line, col = _position(node, offset)
    mark, weight_raw = "", ""
    text: Text | None = None
    right: Text | None = None
    feedback: list[Text] = []
    for child in node.children:
        if isinstance(child, Token) and child.type == "WEIGHT":
            weight_raw = child.value.strip()
        elif isinstance(child, Tree):
            if child.data == "mark":
                mark = str(child.children[0])
            elif child.data in ("ltext", "rtext"):
                text = _text_node(child, offset)
            elif child.data == "arrow":
                right = _subtext(child, offset)
            elif child.data == "feedback":
                feedback.append(_subtext(child, offset))
    weight = float(weight_raw.strip("%")) if weight_raw else None
    text = text if text is not None else Text.empty(line, col + len(mark) + len(weight_raw))
    return Answer(mark, text, line, col, weight, weight_raw, right, tuple(feedback))


def _subtext(node: Tree[Token], offset: int) -> Text:
    """The text after a ``#``, ``####`` or ``->`` (empty, located after the mark, when there is none)."""
    for child in node.children:
        if isinstance(child, Tree):
            return _text_node(child, offset)
    line, col = _position(node, offset)
    return Text.empty(line, col + len(str(node.children[0])))


def _text_node(node: Tree[Token], offset: int) -> Text:
    tokens = [t for t in node.children if isinstance(t, Token)]
    marker = next((t.value.strip()[1:-1] for t in tokens if t.type == "FORMAT"), None)
    return _text([t for t in tokens if t.type != "FORMAT"], offset, node, marker)


def _text(tokens: list[Token], offset: int, owner: Tree[Token] | None = None, marker: str | None = None) -> Text:
    """Join tokens into one :class:`Text`, undoing escapes and keeping where each token began."""
    pieces: list[str] = []
    anchors: list[tuple[int, int, int]] = []
    at = 0
    for token in tokens:
        value = ESCAPES.get(token.value, token.value) if token.type == "ESC" else token.value
        anchors.append((at, (token.line or 1) + offset, token.column or 1))
        pieces.append(value)
        at += len(value)
    if not anchors:
        line, col = _position(owner, offset) if owner is not None else (offset + 1, 1)
        return Text("", ((0, line, col),), marker)
    return Text("".join(pieces), tuple(anchors), marker)


def _position(node: Tree[Token], offset: int) -> tuple[int, int]:
    """Where a rule's first token stands (positions are not propagated: that halves the parse time)."""
    token = _first_token(node)
    return ((token.line or 1) + offset, token.column or 1) if token is not None else (offset + 1, 1)


def _first_token(node: Tree[Token]) -> Token | None:
    for child in node.children:
        found = child if isinstance(child, Token) else _first_token(child)
        if found is not None:
            return found
    return None


def _problem(error: UnexpectedInput, source: str, first_line: int) -> Problem:
    """A syntax error in words, with a stable code, located in the file."""
    offset = first_line - 1
    expected = set(getattr(error, "expected", None) or getattr(error, "allowed", None) or ())
    token = error.token if isinstance(error, UnexpectedToken) else None
    kind = token.type if token is not None else ""
    position = token.start_pos if token is not None and token.start_pos is not None else error.pos_in_stream
    if kind == "$END" or position is None:
        position = len(source)
    line, col = _locate(source, position)
    if "RBRACE" in expected and kind in ("$END", "_BLANK"):
        at = _open_brace(source, position)
        open_line, open_col = _locate(source, at)
        return Problem(
            open_line + offset, open_col, "G102", "this answer block is not closed: add '}' before the end of the question"
        )
    char = source[position] if position < len(source) else ""
    if char == "}" and "RBRACE" not in expected:
        return Problem(line + offset, col, "G103", "'}' closes no answer block: write \\} for a literal brace")
    if char == "{" and "RBRACE" in expected:
        at = _open_brace(source, position)
        open_line, open_col = _locate(source, at)
        return Problem(
            line + offset,
            col,
            "G104",
            f"'{{' inside the answer block opened at line {open_line + offset}, column {open_col}: "
            "close that block first, or write \\{ for a literal brace",
        )
    if "TITLE_CLOSE" in expected:
        line, col = _locate(source, _title_start(source))
        return Problem(line + offset, col, "G105", "the question title is not closed: end it with '::' on the same line")
    if isinstance(error, UnexpectedCharacters) or kind not in NAMES:
        found = repr(char) if char else "the end of the question"
    else:
        found = NAMES[kind]
    wanted = ", ".join(sorted({NAMES[name] for name in expected if name in NAMES})) or "text"
    hint = f"; write \\{char} for a literal '{char}'" if char in "~=#:" and char else ""
    return Problem(line + offset, col, "G101", f"unexpected {found} here (expected {wanted}){hint}")


def _locate(source: str, position: int) -> tuple[int, int]:
    """1-based line and column of ``position`` in ``source``."""
    position = min(max(position, 0), len(source))
    line = source.count("\n", 0, position) + 1
    return line, position - (source.rfind("\n", 0, position) + 1) + 1


def _title_start(source: str) -> int:
    """Where the ``::`` opening the title stands: at the start of the first line that is not a comment."""
    at = 0
    for line in source.split("\n"):
        if not _is_comment(line):
            return at + line.find("::") if "::" in line else at
        at += len(line) + 1
    return 0


def _open_brace(source: str, position: int) -> int:
    """Where the last unescaped ``{`` before ``position`` stands (0 if none)."""
    at = position
    while True:
        at = source.rfind("{", 0, at)
        if at <= 0:
            return max(at, 0)
        backslashes = len(source[:at]) - len(source[:at].rstrip("\\"))
        if backslashes % 2 == 0:
            return at

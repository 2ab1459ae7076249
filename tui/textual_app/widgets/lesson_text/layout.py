"""Lesson blocks laid out for a width: wrapped paragraphs, lists with hanging indents, tables in columns.

Pure functions from a :class:`lessons.markdown.Block` and a width (in cells) to the lines a block
shows, each no wider than the width. One widget draws a whole block this way, however many items
or cells it has: a lesson is a couple of dozen widgets instead of Textual's Markdown tree of a
hundred or more, which is what made lessons slow to open (issue #11, point 22).
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content

from course.domain.text_safety import strip_controls
from lessons.markdown import Block
from tui.textual_app.widgets.lesson_text.inline import inline_content

BULLETS = ("• ", "◦ ", "▪ ")
COLUMN_GAP = " │ "
BLANK = Content("")


def block_lines(block: Block, width: int, depth: int = 0) -> list[Content]:
    """The lines of one block at ``width`` (at least one cell)."""
    width = max(width, 1)
    kind = block.kind
    if block.inline is not None and kind != "list_item":
        return inline_content(block.inline.children).wrap(width)
    if kind in ("bullet_list", "ordered_list"):
        return list_lines(block, width, depth)
    if kind == "table":
        return table_lines(block, width)
    if kind in ("fence", "code_block"):
        code = strip_controls(block.token.content.rstrip("\n").expandtabs(4))
        return Content.styled(code, ".code").wrap(width)
    if kind == "hr":
        return [Content("─" * width)]
    if kind == "html_block":
        return []
    return flow_lines(block.children, width, depth)


def flow_lines(children: Sequence[Block], width: int, depth: int = 0, *, tight: bool = False) -> list[Content]:
    """Blocks one after another, a blank line between them (none in a tight list item)."""
    lines: list[Content] = []
    for block in children:
        shown = block_lines(block, width, depth)
        if not shown:
            continue
        if lines and not tight:
            lines.append(BLANK)
        lines.extend(shown)
    return lines


def list_lines(block: Block, width: int, depth: int = 0) -> list[Content]:
    """A bullet or numbered list: each item's marker, then its text indented under its first word."""
    items = [child for child in block.children if child.kind == "list_item"]
    if block.kind == "ordered_list":
        start = int(block.token.attrs.get("start", 1) or 1)
        numbers = [f"{start + n}." for n in range(len(items))]
        size = max((len(number) for number in numbers), default=2)
        markers = [number.rjust(size) + " " for number in numbers]
    else:
        markers = [BULLETS[depth % len(BULLETS)]] * len(items)
    lines: list[Content] = []
    for item, marker in zip(items, markers, strict=True):
        indent = len(marker)
        tight = all(child.token.hidden for child in item.children if child.kind == "paragraph")
        inner = flow_lines(item.children, max(width - indent, 1), depth + 1, tight=tight) or [BLANK]
        lines.append(Content(marker) + inner[0])
        lines.extend(Content(" " * indent) + line for line in inner[1:])
    return lines


def _rows(block: Block) -> tuple[list[Content], list[list[Content]]]:
    """A table's header cells and body rows."""
    header: list[Content] = []
    rows: list[list[Content]] = []
    for section in block.children:
        for row in section.children:
            cells = [inline_content(cell.inline.children if cell.inline else None) for cell in row.children]
            if section.kind == "thead":
                header = [cell.stylize(".th") for cell in cells]
            else:
                rows.append(cells)
    return header, rows


def column_widths(natural: Sequence[int], available: int) -> list[int]:
    """Column widths that fit ``available`` cells: every column its natural width if they all fit,
    else the narrow ones keep theirs and the wide ones share what is left equally."""
    widths = [max(n, 1) for n in natural]
    if sum(widths) <= available:
        return widths
    wide = list(range(len(widths)))
    room = available
    while True:
        share = max(room // max(len(wide), 1), 1)
        narrow = [i for i in wide if widths[i] <= share]
        if not narrow:
            break
        room -= sum(widths[i] for i in narrow)
        wide = [i for i in wide if i not in narrow]
    share, extra = divmod(max(room, len(wide)), max(len(wide), 1))
    for n, i in enumerate(wide):
        widths[i] = max(share + (1 if n < extra else 0), 1)
    return widths


def table_lines(block: Block, width: int) -> list[Content]:
    """A table in columns that fit ``width``, cells wrapped, a rule under the header."""
    header, rows = _rows(block)
    table = ([header] if header else []) + rows
    columns = max((len(row) for row in table), default=0)
    if not columns:
        return []
    table = [row + [BLANK] * (columns - len(row)) for row in table]
    available = max(width - len(COLUMN_GAP) * (columns - 1), columns)
    natural = [max(row[c].cell_length for row in table) for c in range(columns)]
    widths = column_widths(natural, available)
    lines: list[Content] = []
    for number, row in enumerate(table):
        wrapped = [cell.wrap(w) or [BLANK] for cell, w in zip(row, widths, strict=True)]
        for n in range(max(len(cell) for cell in wrapped)):
            parts = [(cell[n] if n < len(cell) else BLANK) for cell in wrapped]
            padded = [part.pad_right(w - part.cell_length) for part, w in zip(parts, widths, strict=True)]
            lines.append(Content(COLUMN_GAP).join(padded).truncate(width).rstrip())
        if number == 0 and header:
            lines.append(Content("─┼─".join("─" * w for w in widths)).truncate(width).rstrip())
    return lines

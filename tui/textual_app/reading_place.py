"""Where the learner is in a scrolled lesson, as a block and a fraction of it, so it survives a resize.

The blocks are the lesson's top-level pieces in reading order: each child of the scrolled column,
with every lesson text widget counted as its top-level blocks (paragraphs, headings, lists, tables).
Their number does not depend on the terminal's width; only their heights do. A block's span runs
from its top to the next block's top (margins included), so every row belongs to one block.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.containers import ScrollableContainer
from textual.widget import Widget

from course.engine.progress import Progress
from progress_store.lessons import Place
from tui.textual_app.widgets.lesson_text import LessonBlock, LessonText


def blocks(scroll: ScrollableContainer) -> list[Widget]:
    """The top-level blocks of the scrolled column, in reading order."""
    found: list[Widget] = []
    for child in scroll.children:
        if isinstance(child, LessonText):
            found.extend(child.children)
        else:
            found.append(child)
    return [block for block in found if block.display]


def first_match(scroll: ScrollableContainer, needle: str) -> Widget | None:
    """The first block of lesson text whose words contain ``needle`` (ignoring case), or ``None``."""
    folded = needle.casefold()
    return next((block for block in scroll.query(LessonBlock) if folded in block.plain.casefold()), None)


def _tops(scroll: ScrollableContainer, column: list[Widget]) -> list[float]:
    """Each block's top, in rows from the top of the scrolled content (not of the screen)."""
    origin = scroll.content_region.y - scroll.scroll_y
    return [block.region.y - origin for block in column]


def _spans(scroll: ScrollableContainer, column: list[Widget]) -> list[tuple[float, float]]:
    """(top, rows) of each block: from its top to the next block's top; the last one its own height."""
    tops = _tops(scroll, column)
    spans = []
    for index, top in enumerate(tops):
        end = tops[index + 1] if index + 1 < len(tops) else top + column[index].outer_size.height
        spans.append((top, max(end - top, 1.0)))
    return spans


def anchor(scroll: ScrollableContainer) -> tuple[int, float] | None:
    """(block index, fraction 0..1 of its span) at the top of the view; ``None`` before any block is laid out."""
    column = blocks(scroll)
    if not column or all(block.region.height == 0 for block in column):
        return None
    y = scroll.scroll_y
    index, (top, rows) = 0, _spans(scroll, column)[0]
    for n, (block_top, block_rows) in enumerate(_spans(scroll, column)):
        if block_top > y:
            break
        index, top, rows = n, block_top, block_rows
    return index, min(max((y - top) / rows, 0.0), 1.0)


def offset_of(scroll: ScrollableContainer, block: int, within: float) -> float | None:
    """The scroll offset (rows) that puts ``within`` of block ``block`` at the top; ``None`` if there is no such block."""
    column = blocks(scroll)
    if not 0 <= block < len(column):
        return None
    top, rows = _spans(scroll, column)[block]
    return float(round(top + within * rows))


class PlaceKeeper:
    """A lesson screen's reading place. Restores it, after layout, once the place is read (the lesson
    text's blocks are composed with the screen); saves it on leaving, but not before the restore, so
    leaving a lesson still loading never overwrites the saved place with the top."""

    def __init__(self, screen: Widget, on_ready: Callable[[], None]) -> None:
        self._screen, self._on_ready = screen, on_ready
        self._saved: Place | None = None
        self._started = self.restored = False

    def place_read(self, place: Place | None) -> None:
        self._saved = place
        if not self._started:
            self._started = True
            self._screen.call_after_refresh(self._on_ready)  # after layout: never on a timer

    def restore(self, scroll: ScrollableContainer, find: str | None) -> None:
        """Scroll to the first block matching ``find``, else to the saved place (unless the learner already moved)."""
        self.restored = True
        match = first_match(scroll, find) if find else None
        if match is not None:
            scroll.scroll_to_widget(match, top=True, animate=False)
            return
        saved = self._saved
        if saved is None or scroll.scroll_y:
            return
        y = saved.rows if saved.block is None else offset_of(scroll, saved.block, saved.within)
        if y:
            scroll.scroll_to(y=y, animate=False, immediate=True)

    def save(self, write: Callable[[Callable[[], None]], None], progress: Progress, lesson_id: str) -> None:
        """Queue the place at the top of the view (through ``write``), unless it is not restored yet."""
        scroll = next(self._screen.query("#lesson-scroll").results(ScrollableContainer), None)
        found = anchor(scroll) if scroll is not None and self.restored else None
        if scroll is not None and found is not None:
            (block, within), rows = found, float(scroll.scroll_y)
            write(lambda: progress.save_place(lesson_id, block, within, rows))

"""Where the learner is in a scrolled lesson, as a block and a fraction of it, so it survives a resize.

The blocks are the lesson's top-level pieces in reading order: each child of the scrolled column,
with every Markdown widget counted as its top-level blocks (paragraphs, headings, lists, tables).
Their number does not depend on the terminal's width; only their heights do. A block's span runs
from its top to the next block's top (margins included), so every row belongs to one block.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.containers import ScrollableContainer
from textual.widget import Widget
from textual.widgets import Markdown
from textual.widgets.markdown import MarkdownBlock

from course.engine.progress import Progress
from progress_store.lessons import Place


def blocks(scroll: ScrollableContainer) -> list[Widget]:
    """The top-level blocks of the scrolled column, in reading order."""
    found: list[Widget] = []
    for child in scroll.children:
        if isinstance(child, Markdown):
            found.extend(child.children)
        else:
            found.append(child)
    return [block for block in found if block.display]


def first_match(scroll: ScrollableContainer, needle: str) -> Widget | None:
    """The first Markdown block whose text contains ``needle`` (ignoring case), or ``None``."""
    folded = needle.casefold()
    for block in scroll.query(MarkdownBlock):
        content = getattr(block, "_content", None)
        if content is not None and folded in content.plain.casefold():
            return block
    return None


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
    """A lesson screen's reading place. Restores it, after layout, once the place is read and every
    Markdown widget has mounted its blocks (whichever comes last); saves it on leaving, but not before
    the restore, so leaving a lesson still loading never overwrites the saved place with the top."""

    def __init__(self, screen: Widget, on_ready: Callable[[], None]) -> None:
        self._screen, self._on_ready = screen, on_ready
        self._loaded: set[str] = set()  # ids of the Markdown widgets whose blocks are mounted
        self._saved: Place | None = None
        self._read = self._started = self.restored = False

    def markdown_loaded(self, markdown: Markdown) -> None:
        self._loaded.add(markdown.id or "")
        self._check()

    def place_read(self, place: Place | None) -> None:
        self._saved, self._read = place, True
        self._check()

    def _check(self) -> None:
        markdown_ids = {widget.id or "" for widget in self._screen.query(Markdown)}
        if self._read and markdown_ids <= self._loaded and not self._started:
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

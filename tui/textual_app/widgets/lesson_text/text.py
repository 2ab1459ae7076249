"""A Markdown body as a column of :class:`LessonBlock` widgets, with its headings and callouts."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widget import Widget

from lessons.markdown import Block, blocks
from tui.textual_app.widgets.lesson_text.blocks import LessonBlock

# (level, heading text, id of the heading's block), in reading order: what the contents dialog lists.
TableOfContents = list[tuple[int, str, str | None]]

# A block quote whose first words are one of these becomes a styled callout.
CALLOUTS = {"key point": "callout-key", "caution": "callout-caution", "evidence note": "callout-evidence"}


def callout_class(block: Block, words: str) -> str:
    """The callout class of a block quote, from its first words ("" for other blocks)."""
    if block.kind != "blockquote":
        return ""
    label = words.strip().casefold()
    return next((css for prefix, css in CALLOUTS.items() if label.startswith(prefix)), "")


class LessonText(Widget):
    """A lesson's Markdown body (or its key points, or its references) as light blocks, composed at
    once: every block exists when the widget mounts, so the reading place can be restored right after
    the first layout."""

    DEFAULT_CSS = """
    LessonText {
        width: 1fr;
        height: auto;
        layout: vertical;
        & > LessonBlock { margin: 0 0 1 0; }
        & > LessonBlock.lesson-heading { margin: 1 0 1 0; }
        & > LessonBlock.lesson-h1 { color: $markdown-h1-color; text-style: $markdown-h1-text-style; }
        & > LessonBlock.lesson-h2 { color: $markdown-h2-color; text-style: $markdown-h2-text-style; }
        & > LessonBlock.lesson-h3 { color: $markdown-h3-color; text-style: $markdown-h3-text-style; }
        & > LessonBlock.lesson-h4, & > LessonBlock.lesson-h5, & > LessonBlock.lesson-h6 { text-style: bold; }
        & > LessonBlock.lesson-blockquote { background: $boost; border-left: outer $primary 50%; padding: 0 1; }
        & > LessonBlock.lesson-table { margin: 0 0 1 0; }
    }
    """

    def __init__(self, markdown: str, *, id: str | None = None, classes: str = "") -> None:
        super().__init__(id=id, classes=classes)
        self.markdown = markdown
        self._blocks = blocks(markdown)

    def compose(self) -> ComposeResult:
        headings = 0
        for block in self._blocks:
            if block.kind == "html_block":
                continue
            widget = LessonBlock(block)
            if block.kind == "heading":
                headings += 1
                widget.id = f"heading-{headings}"
            css = callout_class(block, widget.plain)
            if css:
                widget.add_class("callout", css)
            yield widget

    @property
    def table_of_contents(self) -> TableOfContents:
        """The headings, in order, for the contents dialog."""
        return [(block.level, block.plain, block.id) for block in self.query_children(LessonBlock) if block.level]

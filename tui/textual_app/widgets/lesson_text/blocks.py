"""The widget that draws one top-level block of lesson text, laid out for its width."""

from __future__ import annotations

from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.widget import Widget

from lessons.markdown import Block, texts
from tui.textual_app.widgets.lesson_text.layout import block_lines

HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}


class LinkClicked(Message):
    """A link in lesson text was clicked (its ``href`` is checked by whoever handles this)."""

    def __init__(self, block: LessonBlock, href: str) -> None:
        super().__init__()
        self.block = block
        self.href = href


class LessonBlock(Widget):
    """A heading, paragraph, list, quote, table or code block: its lines for the width it is given,
    computed once per width (a list or table is one widget, however many items or cells it has)."""

    COMPONENT_CLASSES = {"em", "strong", "s", "code", "th"}
    DEFAULT_CSS = """
    LessonBlock {
        width: 1fr;
        height: auto;
        & > .em { text-style: italic; }
        & > .strong { text-style: bold; }
        & > .s { text-style: strike; }
        & > .th { text-style: bold; }
        &:dark > .code { background: $warning 10%; color: $text-warning 95%; }
        &:light > .code { background: $error 5%; color: $text-error 95%; }
    }
    """

    def __init__(self, block: Block, *, id: str | None = None, classes: str = "") -> None:
        kinds = f"lesson-{block.kind}" + (f" lesson-{block.token.tag}" if block.kind == "heading" else "")
        super().__init__(id=id, classes=f"{kinds} {classes}".strip())
        self.block = block
        self._laid_out: tuple[int, list[Content]] = (-1, [])

    @property
    def kind(self) -> str:
        """The block's Markdown kind (``paragraph``, ``heading``, ``bullet_list``, ``table`` ...)."""
        return self.block.kind

    @property
    def level(self) -> int:
        """A heading's level (1-6); 0 for other blocks."""
        return HEADINGS.get(self.block.token.tag, 0) if self.block.kind == "heading" else 0

    @property
    def plain(self) -> str:
        """The block's words as search indexes them (no markers, no link targets)."""
        return " ".join(text for _, text in texts((self.block,)) if text)

    def lines(self, width: int) -> list[Content]:
        """The block's lines at ``width`` (cached for the last width asked)."""
        if self._laid_out[0] != width:
            self._laid_out = (width, block_lines(self.block, width))
        return self._laid_out[1]

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return container.width

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.lines(width)) if width else 0

    def render(self) -> Content:
        return Content("\n").join(self.lines(self.content_size.width))

    def action_link(self, href: str) -> None:
        """A link's click action: tell the screen, which decides what the link may do."""
        self.post_message(LinkClicked(self, href))

"""A lesson's table of contents: pick a heading to jump to it."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.textual_app.safe_text import plain


class ContentsDialog(ModalScreen[str | None]):
    """Dismisses with the block id of the chosen heading (``None`` if closed)."""

    DEFAULT_CSS = """
    ContentsDialog { align: center middle; }
    ContentsDialog > Vertical {
        width: 64; max-width: 100%; height: auto; max-height: 90%;
        border: thick $primary; background: $surface; padding: 1 2;
    }
    ContentsDialog #contents-title { text-style: bold; margin-bottom: 1; }
    ContentsDialog OptionList { height: auto; max-height: 16; }
    """
    BINDINGS = [Binding("escape", "close", "Close", id="contents.close")]

    def __init__(self, headings: list[tuple[int, str, str | None]]) -> None:
        super().__init__()
        self.headings = headings

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("Contents", id="contents-title")
            options = [
                Option(plain("  " * max(0, level - 2) + name), id=block_id) for level, name, block_id in self.headings if block_id
            ]
            yield OptionList(*options)

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected)
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_close(self) -> None:
        self.dismiss(None)

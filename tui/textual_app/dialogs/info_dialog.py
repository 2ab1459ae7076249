"""A dialog that shows a glossary term, a reference or an outside link, and may offer to open a URL."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from tui.textual_app.safe_text import plain


class InfoDialog(ModalScreen[bool | str]):
    """Title and body text; with ``url`` set, "Open in browser" dismisses with ``True``; with
    ``card_id`` set, "Add to review" dismisses with that card id."""

    DEFAULT_CSS = """
    InfoDialog { align: center middle; }
    InfoDialog > Vertical {
        width: 70; max-width: 100%; height: auto; max-height: 90%;
        border: thick $primary; background: $surface; padding: 1 2;
    }
    InfoDialog #info-title { text-style: bold; color: $primary; margin-bottom: 1; }
    InfoDialog VerticalScroll { height: auto; max-height: 12; }
    InfoDialog #info-url { color: $text-muted; margin-top: 1; }
    InfoDialog Horizontal { height: auto; margin-top: 1; }
    InfoDialog Button { margin-right: 1; }
    """
    BINDINGS = [("escape", "close", "Close")]

    def __init__(self, title: str, body: str, url: str = "", open_label: str = "Open in browser", card_id: str = "") -> None:
        super().__init__()
        self.card_id = card_id
        self.title_text = title
        self.body = body
        self.url = url
        self.open_label = open_label

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(plain(self.title_text), id="info-title")
            with VerticalScroll():
                yield Static(plain(self.body), id="info-body")
            if self.url:
                yield Static(plain(self.url), id="info-url")
            with Horizontal():
                yield Button("Close", variant="primary", id="close")
                if self.url:
                    yield Button(self.open_label, id="open")
                if self.card_id:
                    yield Button("Add to review", id="add-card")

    def on_mount(self) -> None:
        self.query_one("#close", Button).focus()

    @on(Button.Pressed, "#close")
    def action_close(self) -> None:
        self.dismiss(False)

    @on(Button.Pressed, "#add-card")
    def add_card(self) -> None:
        self.dismiss(self.card_id)

    @on(Button.Pressed, "#open")
    def open_link(self) -> None:
        self.dismiss(True)

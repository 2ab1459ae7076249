"""The course's educational disclaimer, shown on a learner's first start."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from tui.textual_app.safe_text import plain


class DisclaimerDialog(ModalScreen[bool]):
    """Shows the disclaimer; dismissed with ``True`` once the learner acknowledges it."""

    DEFAULT_CSS = """
    DisclaimerDialog { align: center middle; }
    DisclaimerDialog > Vertical {
        width: 72; max-width: 100%; height: auto; max-height: 90%;
        border: thick $primary; background: $surface; padding: 1 2;
    }
    DisclaimerDialog #disclaimer-title { text-style: bold; margin-bottom: 1; }
    DisclaimerDialog VerticalScroll { height: auto; max-height: 14; }
    DisclaimerDialog Button { margin-top: 1; }
    """
    # Esc must not accept: only "I understand" (Enter or a click) does.
    BINDINGS = [Binding("escape", "explain", "How to continue", show=False)]

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text or "This course is for education only."

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("Before you begin", id="disclaimer-title")
            with VerticalScroll():
                yield Static(plain(self.text.strip()), id="disclaimer-text")
            yield Button("I understand", variant="primary", id="accept")

    def on_mount(self) -> None:
        self.query_one(Button).focus()

    def action_explain(self) -> None:
        """Esc: say how to go on rather than accept for the learner."""
        self.notify("Press Enter on “I understand” to begin.", timeout=4)

    @on(Button.Pressed, "#accept")
    def action_accept(self) -> None:
        self.dismiss(True)

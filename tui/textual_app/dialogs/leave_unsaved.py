"""Asked before a form is left with answers that were not submitted: stay (the default), submit, or leave."""

from __future__ import annotations

from typing import Literal

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from tui.textual_app.safe_text import plain

Choice = Literal["stay", "submit", "leave"]


class LeaveUnsavedDialog(ModalScreen[Choice]):
    """``message`` says what would be lost; Esc stays on the form."""

    DEFAULT_CSS = """
    LeaveUnsavedDialog { align: center middle; }
    LeaveUnsavedDialog > Vertical {
        width: 64; max-width: 100%; height: auto;
        border: thick $warning; background: $surface; padding: 1 2;
    }
    LeaveUnsavedDialog Horizontal { height: auto; margin-top: 1; }
    LeaveUnsavedDialog Button { margin-right: 1; }
    """
    BINDINGS = [("escape", "stay", "Stay")]

    def __init__(self, message: str) -> None:
        super().__init__()
        self.message = message

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(plain(self.message), id="leave-message")
            with Horizontal():
                yield Button("Stay", variant="primary", id="stay")
                yield Button("Submit", id="submit")
                yield Button("Leave without submitting", variant="error", id="leave")

    def on_mount(self) -> None:
        self.query_one("#stay", Button).focus()

    @on(Button.Pressed, "#stay")
    def action_stay(self) -> None:
        self.dismiss("stay")

    @on(Button.Pressed, "#submit")
    def submit(self) -> None:
        self.dismiss("submit")

    @on(Button.Pressed, "#leave")
    def leave(self) -> None:
        self.dismiss("leave")

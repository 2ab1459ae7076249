"""Pick whose progress to use when several learners share this machine, or add a new learner."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, OptionList, Static
from textual.widgets.option_list import Option

from tui.textual_app.safe_text import plain


class ProfilePicker(ModalScreen[str]):
    """Dismisses with the chosen (or new) learner name."""

    DEFAULT_CSS = """
    ProfilePicker { align: center middle; }
    ProfilePicker > Vertical {
        width: 60; max-width: 100%; height: auto; max-height: 90%;
        border: thick $primary; background: $surface; padding: 1 2;
    }
    ProfilePicker #picker-title { text-style: bold; margin-bottom: 1; }
    ProfilePicker OptionList { height: auto; max-height: 10; }
    ProfilePicker Input { margin-top: 1; }
    """

    def __init__(self, learners: list[str]) -> None:
        super().__init__()
        self.learners = learners

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("Who is learning?", id="picker-title")
            yield OptionList(*(Option(plain(name), id=name) for name in self.learners), id="learners")
            yield Input(placeholder="…or type a new name and press Enter", max_length=60, id="new-learner")
            yield Button("Start", variant="primary", id="start")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected)
    def _picked(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.dismiss(event.option.id)

    @on(Input.Submitted)
    @on(Button.Pressed, "#start")
    def _new(self) -> None:
        name = self.query_one(Input).value.strip()
        if name:
            self.dismiss(name)
            return
        highlighted = self.query_one(OptionList).highlighted_option
        if highlighted is not None and highlighted.id:
            self.dismiss(highlighted.id)
        else:
            self.notify("Pick a learner or type a new name.", severity="warning")

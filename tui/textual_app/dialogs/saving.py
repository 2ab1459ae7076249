"""Shown while quitting waits for progress to be saved; offers to quit without it only when a write is stuck."""

from __future__ import annotations

from datetime import datetime, timezone

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from tui.textual_app.store_writer import WriterStatus


def status_line(status: WriterStatus, now: datetime) -> str:
    """ "Saving 2 changes…", or what is unsaved, why, and for how long."""
    changes = f"{status.pending} change{'s' if status.pending != 1 else ''}"
    if not status.stuck or status.failing_since is None:
        return f"Saving {changes}…"
    seconds = max(0, int((now - status.failing_since).total_seconds()))
    return f"{changes} not saved yet ({seconds} s): {status.error}. Still trying; the app quits as soon as they are saved."


class SavingDialog(ModalScreen[bool]):
    """Dismissed with ``True`` when the learner chooses to quit without the unsaved changes."""

    DEFAULT_CSS = """
    SavingDialog { align: center middle; }
    SavingDialog > Vertical {
        width: 64; max-width: 100%; height: auto; border: thick $warning; background: $surface; padding: 1 2;
    }
    SavingDialog #saving-title { text-style: bold; margin-bottom: 1; }
    SavingDialog #saving-buttons { height: auto; margin-top: 1; }
    SavingDialog #saving-buttons Button { margin-right: 1; }
    """
    BINDINGS = [Binding("escape", "keep_waiting", "Keep waiting", id="saving.wait")]

    def __init__(self, status: WriterStatus, now: datetime) -> None:
        super().__init__()
        self.status = status
        self.now = now

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("Saving your progress before quitting", id="saving-title")
            yield Static(status_line(self.status, self.now), id="saving-status")
            with Horizontal(id="saving-buttons"):
                yield Button("Keep waiting", variant="primary", id="wait")
                yield Button("Quit without them", variant="error", id="abandon")

    def on_mount(self) -> None:
        self.show(self.status, self.now)
        self.set_interval(1.0, self._tick)

    def _tick(self) -> None:
        """Keep "not saved yet (N s)" counting while the writer retries."""
        self.show(self.status, datetime.now(timezone.utc))

    def show(self, status: WriterStatus, now: datetime) -> None:
        """Update the line; the choice to quit without saving appears only while a write is stuck."""
        self.status, self.now = status, now
        self.query_one("#saving-status", Static).update(status_line(status, now))
        self.query_one("#saving-buttons").display = status.stuck

    @on(Button.Pressed, "#abandon")
    def _abandon(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#wait")
    def action_keep_waiting(self) -> None:
        """Close the dialog; saving goes on, and quitting again shows it again."""
        self.dismiss(False)

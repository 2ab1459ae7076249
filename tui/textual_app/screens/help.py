"""A help screen listing every key, with the learner's own remappings applied."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from course.loading.settings import settings_path

if TYPE_CHECKING:
    from tui.textual_app.app import CourseApp


class HelpScreen(ModalScreen[None]):
    """Every key of every screen; Esc closes."""

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 76; max-width: 100%; height: 90%;
        border: thick $primary; background: $surface; padding: 0 2;
    }
    HelpScreen .help-section { text-style: bold; color: $primary; margin-top: 1; }
    """
    BINDINGS = [Binding("escape", "dismiss", "Close", id="help.close"), Binding("q", "dismiss", "Close", show=False)]

    def compose(self) -> ComposeResult:
        keymap = getattr(self.app, "_keymap", {}) or {}
        with VerticalScroll():
            yield Static(Content.styled("Keys", "bold"), classes="help-section")
            yield Static(
                Content(
                    "Everything also works with the mouse. ^ means Ctrl. "
                    f"Remap any key in {settings_path()} under [keys], using the ids below."
                )
            )
            yield Static("Moving around", classes="help-section")
            yield Static(Content("\n".join(f"{keys:<16} {what}" for keys, what in self._moving_around())))
            app = cast("CourseApp", self.app)
            for title, bindings in app.router.binding_sections():
                if title.startswith("CE ") and app.course.ce is None:
                    continue  # no clinician track in this course
                yield Static(title, classes="help-section")
                lines = []
                for binding in bindings:
                    keys = keymap.get(binding.id, binding.key) if binding.id else binding.key
                    shown = ", ".join(self.app.get_key_display(Binding(k.strip(), "")) for k in keys.split(","))
                    description = binding.description or binding.action
                    ident = f"  [{binding.id}]" if binding.id else ""
                    lines.append(f"{shown:<16} {description}{ident}")
                yield Static(Content("\n".join(lines)))

    def _moving_around(self) -> list[tuple[str, str]]:
        """The keys Textual's widgets give every screen (they have no binding of the course's own)."""
        palette = self.app.get_key_display(Binding(self.app.COMMAND_PALETTE_BINDING, ""))
        return [
            ("↑ ↓ ← →", "Move in the map, lists and choices; scroll"),
            ("Enter ⏎", "Open what is highlighted; press a button"),
            ("Space", "Fold or unfold a module; tick a choice"),
            ("Tab, Shift+Tab", "Next or previous control"),
            ("PgUp PgDn", "Scroll; in a quiz: previous or next question"),
            (palette, "Command palette: go anywhere, pick a theme"),
            ("q", "Quit where no text field has focus (else ^q)"),
            ("Esc", "Back, or close a dialog (or this help)"),
        ]

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)

"""A lesson's links and terms, listed for the keyboard: pick one to open its dialog (never a browser)."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from course.domain.text_safety import strip_controls


@dataclass(frozen=True)
class LinkEntry:
    """One row: what kind of link (``Glossary``, ``Reference``, ``Web``), its words, and the address
    or definition shown under them; ``href`` is what following it means."""

    kind: str
    words: str
    detail: str
    href: str


class LinksDialog(ModalScreen[str | None]):
    """Dismisses with the ``href`` of the link picked (``None`` if closed)."""

    DEFAULT_CSS = """
    LinksDialog { align: center middle; }
    LinksDialog > Vertical {
        width: 76; max-width: 100%; height: auto; max-height: 90%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    LinksDialog #links-title { text-style: bold; }
    LinksDialog #links-hint { color: $text-muted; }
    LinksDialog OptionList { height: auto; max-height: 16; }
    """
    BINDINGS = [Binding("escape", "close", "Close", id="links.close")]

    def __init__(self, entries: list[LinkEntry]) -> None:
        super().__init__()
        self.entries = entries

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(f"Links and terms in this lesson ({len(self.entries)})", id="links-title")
            yield Static("↑↓ choose · Enter opens its card (nothing leaves the app) · Esc closes", id="links-hint")
            yield OptionList(*[Option(self._label(entry), id=str(n)) for n, entry in enumerate(self.entries)])

    @staticmethod
    def _label(entry: LinkEntry) -> Content:
        words = " ".join(strip_controls(entry.words).split())
        detail = " ".join(strip_controls(entry.detail).split())
        head = Content.assemble((f"{entry.kind}: ", "bold"), words)
        return Content("\n").join([head, Content.styled(f"  {detail}", "dim")]) if detail else head

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected)
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.entries[int(event.option.id or 0)].href)

    def action_close(self) -> None:
        self.dismiss(None)

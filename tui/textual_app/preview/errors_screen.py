"""The preview's screen for a version of the course that does not load: every located finding."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from course.loading.findings import Finding
from tui.textual_app.safe_text import plain

SEVERITY_STYLE = {"error": "bold $error", "warning": "bold $warning"}


def finding_content(finding: Finding) -> Content:
    """``path:line:col: error[CODE]: message``, as ``course validate`` prints it, the severity coloured."""
    return Content.assemble(
        (f"{finding.display_path()}:{finding.line}:{finding.col}", "bold"),
        ": ",
        (f"{finding.severity}[{finding.code}]", SEVERITY_STYLE.get(finding.severity, "bold")),
        ": ",
        plain(finding.message),
    )


def summary(findings: Sequence[Finding]) -> str:
    errors = sum(f.severity == "error" for f in findings)
    warnings = len(findings) - errors
    counted = f"{errors} error{'s' if errors != 1 else ''}"
    return f"The course does not load: {counted}" + (f", {warnings} warning{'s' if warnings != 1 else ''}" if warnings else "")


class CourseErrorsScreen(Screen[None]):
    """What is wrong, where; the preview replaces it with the course as soon as a save fixes it."""

    CSS_PATH = "errors_screen.tcss"
    BINDINGS = [Binding("q", "app.quit", "Quit", tooltip="Quit the preview.")]  # the app's own q, shown in the footer

    def __init__(self, findings: Sequence[Finding]) -> None:
        super().__init__()
        self.findings = list(findings)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="preview-errors-title")
        yield Static(
            "Save a fix: the preview reloads and returns to where you were.",
            id="preview-errors-hint",
            classes="muted",
        )
        with VerticalScroll(id="preview-errors-list"):
            yield Static(id="preview-errors-findings")
        yield Footer()

    def on_mount(self) -> None:
        self.show(self.findings)
        self.query_one("#preview-errors-list").focus()

    def show(self, findings: Sequence[Finding]) -> None:
        """Show these findings (the latest version's) instead of the ones shown."""
        self.findings = list(findings)
        self.query_one("#preview-errors-title", Static).update(summary(self.findings))
        listing = Content("\n\n").join(finding_content(f) for f in self.findings)
        self.query_one("#preview-errors-findings", Static).update(listing)

    @property
    def lines(self) -> list[str]:
        """The findings as shown, one plain line each (what ``course validate`` prints)."""
        return [line for line in str(self.query_one("#preview-errors-findings", Static).content).split("\n") if line]

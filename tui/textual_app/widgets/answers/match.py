"""``match``: a drop-down of right-hand sides for each left-hand entry (:class:`MatchAnswer`)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Label, Select

from quizzes.questions import Matching
from quizzes.types import Response
from tui.textual_app.safe_text import plain
from tui.textual_app.widgets.answers.base import AnswerWidget, WidgetAdapter, register


class MatchAnswer(AnswerWidget):
    """Match each left-hand entry to a right-hand one with a drop-down."""

    DEFAULT_CSS = """
    MatchAnswer .match-row { height: auto; }
    MatchAnswer .match-left { width: 1fr; padding: 1 1 0 0; }
    MatchAnswer Select { width: 1fr; }
    """

    def __init__(self, lefts: list[tuple[str, str]], rights: list[tuple[str, str]]) -> None:
        super().__init__()
        self.lefts = lefts
        self.rights = rights
        self.shown_hints: tuple[str, ...] = ()

    def compose(self) -> ComposeResult:
        for n, (ident, text) in enumerate(self.lefts):
            with Horizontal(classes="match-row"):
                yield Label(plain(text), classes="match-left", markup=False)
                classes = "answer-control" if n == 0 else ""
                yield Select(
                    ((plain(right), rid) for rid, right in self.rights), prompt="Choose…", id=f"match-{ident}", classes=classes
                )

    @on(Select.Changed)
    def _changed(self, event: Select.Changed) -> None:
        event.stop()
        hints = self.hints()
        if hints and hints != self.shown_hints:  # the hint below may be off screen: say it once here too
            self.notify(hints[-1], severity="warning")
        self.shown_hints = hints
        self.show_hint(hints)

    def response(self) -> Response | None:
        chosen: dict[str, str] = {}
        for ident, _ in self.lefts:
            value = self.query_one(f"#match-{ident}", Select).value
            if value is not Select.NULL:
                chosen[ident] = value  # type: ignore[assignment]
        return chosen or None

    def show(self, response: object) -> None:
        if isinstance(response, dict):
            for ident, _ in self.lefts:
                if response.get(ident) in dict(self.rights):
                    self.query_one(f"#match-{ident}", Select).value = response[ident]


class MatchWidgets(WidgetAdapter[Matching]):
    name = "match"

    def widget(self, question: Matching, order: list[str]) -> AnswerWidget:
        rights = {p.id: p.right for p in question.pairs}
        return MatchAnswer([(p.id, p.left) for p in question.pairs], [(ident, rights[ident]) for ident in order])


register(MatchWidgets())

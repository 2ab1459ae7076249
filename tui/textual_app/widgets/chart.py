"""A one-line labelled bar chart for the dashboard: a label, one bar per value on a stated scale, a summary.

Textual's Sparkline stretches its data over its width against the data's own minimum and maximum, so one
quiz attempt drew a solid bar and no chart said what its bars meant. Here every value is one cell, the scale
is fixed (or its top is named), and the summary says the figures in words (screen readers read those).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from textual.app import RenderResult
from textual.content import Content
from textual.widget import Widget

BLOCKS = "▁▂▃▄▅▆▇█"
ZERO = "·"


def bars(values: Sequence[float], top: float) -> str:
    """One block per value, its height out of ``top``; a zero (or nothing to scale by) is a dot."""
    cells = []
    for value in values:
        if top <= 0 or value <= 0:
            cells.append(ZERO)
        else:
            level = round(min(value, top) / top * len(BLOCKS))
            cells.append(BLOCKS[max(1, level) - 1])
    return "".join(cells)


class BarChart(Widget):
    """``label`` then the bars then ``summary(values)``; ``top`` is the scale's top (``None``: the largest value)."""

    DEFAULT_CSS = """
    BarChart { height: 1; width: 1fr; }
    """

    def __init__(
        self,
        label: str,
        summary: Callable[[list[float]], str],
        *,
        top: float | None = None,
        label_width: int = 0,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.label = label.ljust(label_width)
        self.summary = summary
        self.top = top
        self._data: list[float] = []

    @property
    def data(self) -> list[float]:
        """The values, oldest first."""
        return self._data

    @data.setter
    def data(self, values: Sequence[float]) -> None:
        self._data = list(values)
        self.refresh()

    def text(self, width: int) -> tuple[str, str, str]:
        """(label, bars, summary) fitting ``width`` cells; the most recent values are kept."""
        summary = self.summary(self._data)
        room = max(0, width - len(self.label) - len(summary) - 2)
        shown = self._data[-room:] if room else []
        top = self.top if self.top is not None else max(self._data, default=0.0)
        return self.label, bars(shown, top), summary

    def render(self) -> RenderResult:
        label, drawn, summary = self.text(self.size.width or 80)
        return Content.assemble(
            Content.styled(label, "$text-muted"),
            Content.styled(drawn, "$primary"),
            " " if drawn else "",
            Content.styled(summary, "$text-muted"),
        )


def scores_summary(values: list[float]) -> str:
    """For quiz scores in percent."""
    if not values:
        return "none yet"
    count = len(values)
    return f"0–100% · {count} attempt{'s' if count != 1 else ''}, last {round(values[-1])}%"


def minutes(value: float) -> str:
    """Whole minutes; under one but some is "<1"."""
    return "<1" if 0 < value < 1 else str(round(value))


def minutes_summary(values: list[float]) -> str:
    """For minutes studied a day."""
    most = max(values, default=0.0)
    days = len(values)
    if most <= 0:
        return f"last {days} days · none yet"
    return f"last {days} days · most {minutes(most)} min, today {minutes(values[-1])}"

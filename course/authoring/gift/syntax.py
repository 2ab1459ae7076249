"""What the GIFT parser produces: question blocks, their answer blocks and located texts."""

from __future__ import annotations

from dataclasses import dataclass, field

FORMATS = ("moodle", "html", "plain", "markdown")


@dataclass(frozen=True)
class Text:
    """A piece of GIFT text with its escapes undone, able to say where each character came from.

    ``anchors`` are ``(offset in full, line, col)`` at the start of every source token; a view
    (``start``..``end``) of ``full`` is what :meth:`strip` returns, so locations survive trimming.
    """

    full: str
    anchors: tuple[tuple[int, int, int], ...]
    marker: str | None = None
    start: int = 0
    end: int = -1

    @property
    def value(self) -> str:
        """The text (escapes undone)."""
        return self.full[self.start : len(self.full) if self.end < 0 else self.end]

    def strip(self) -> Text:
        """The same text without surrounding whitespace (Moodle trims every part)."""
        value = self.value
        lead = len(value) - len(value.lstrip())
        stop = self.start + len(value.rstrip())
        return Text(self.full, self.anchors, self.marker, self.start + lead, max(stop, self.start + lead))

    def locate(self, offset: int = 0) -> tuple[int, int]:
        """The (line, col) in the GIFT file of character ``offset`` of :attr:`value`."""
        absolute = self.start + max(offset, 0)
        line, col, base = self.anchors[0][1], self.anchors[0][2], self.anchors[0][0]
        for at, anchor_line, anchor_col in self.anchors:
            if at > absolute:
                break
            line, col, base = anchor_line, anchor_col, at
        return line, col + (absolute - base)

    def concat(self, separator: str, other: Text) -> Text:
        """``self + separator + other`` as one text, each part still located (the separator just before ``other``)."""
        mine = self._rebased()
        theirs = other._rebased()
        length = len(self.value)
        line, col = other.locate(0)
        anchors = (*mine, (length, line, max(col - len(separator), 1)))
        anchors += tuple((at + length + len(separator), ln, cl) for at, ln, cl in theirs)
        return Text(self.value + separator + other.value, anchors, self.marker or other.marker)

    def _rebased(self) -> tuple[tuple[int, int, int], ...]:
        """Anchors relative to the start of :attr:`value` (the first one moved to where the value starts)."""
        line, col = self.locate(0)
        rest = tuple((at - self.start, ln, cl) for at, ln, cl in self.anchors if self.start < at < self.start + len(self.value))
        return ((0, line, col), *rest)

    @staticmethod
    def empty(line: int, col: int) -> Text:
        """An empty text located at ``line``:``col``."""
        return Text("", ((0, line, col),))


@dataclass(frozen=True)
class Answer:
    """One answer of an answer block: ``=text``, ``~%50%text#feedback``, ``=left -> right``, or
    the text before the first mark (``mark == ""``: ``T``, a numeric answer, a short answer)."""

    mark: str
    text: Text
    line: int
    col: int
    weight: float | None = None
    weight_raw: str = ""
    right: Text | None = None
    feedback: tuple[Text, ...] = ()


@dataclass(frozen=True)
class AnswerBlock:
    """``{...}``: its answers, whether it is numeric (``{#...}``) and its general feedback (``####``)."""

    line: int
    col: int
    numeric: bool = False
    answers: tuple[Answer, ...] = ()
    general: Text | None = None


Part = Text | AnswerBlock


@dataclass(frozen=True)
class Block:
    """One question block (the lines between blank lines): title, format marker, text and answer blocks."""

    line: int
    col: int
    title: Text | None = None
    marker: str | None = None
    parts: tuple[Part, ...] = ()
    comments: tuple[str, ...] = field(default=())

    @property
    def answer_blocks(self) -> list[AnswerBlock]:
        """The answer blocks, in order."""
        return [part for part in self.parts if isinstance(part, AnswerBlock)]

    @property
    def text(self) -> str:
        """The question text without its answer blocks."""
        return "".join(part.value for part in self.parts if isinstance(part, Text))

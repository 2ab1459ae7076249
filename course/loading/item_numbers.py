"""W410: a whole-number answer (1–20) that the lessons write as a word ("four") or a Roman numeral
("phase III"), where the question accepts only some of the forms a learner may type.

- A ``numeric`` question with an integer ``value`` from 1 to 20, unless its prompt asks for digits
  (says "digit" or "digits"): warned when the lessons of its own module write the number as a word,
  or any lesson of the course writes it as a Roman numeral after a word the prompt also uses ("phase
  III" for a prompt about a trial phase). A learner who types "four" or "III" is marked wrong.
- A ``text`` question: for every number 1–20 standing alone in an accepted answer (as digits, a word
  or a Roman numeral), the same answer in digits must be accepted too, and so must the word or Roman
  form wherever a lesson writes that very answer that way ("phase III" for an accepted "phase 3").
  Accepted means what grading says: ``accept`` (normalised) or the ``pattern``.

Lessons are searched in their ``body`` and ``key_points``, as whole words, the question's own module
first. Number words ignore case. Roman numerals in lessons are matched in capitals only (so "mix" and
"vi" in prose never count) and "I" is never taken for one; in accepted answers they match in any case
unless the question is ``case_sensitive``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from course.loading.item_report import Reporter
from quizzes.questions import Numeric, ShortText
from quizzes.types import question_type
from quizzes.types.text import normalise_text

_WORDS_1_TO_20 = (
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen "
    "nineteen twenty"
)
_ROMAN_1_TO_20 = "I II III IV V VI VII VIII IX X XI XII XIII XIV XV XVI XVII XVIII XIX XX"
NUMBER_WORDS = tuple(_WORDS_1_TO_20.split())
ROMAN_NUMERALS = tuple(_ROMAN_1_TO_20.split())
WORD_VALUES = {word: n for n, word in enumerate(NUMBER_WORDS, start=1)}
ROMAN_VALUES = {roman: n for n, roman in enumerate(ROMAN_NUMERALS, start=1) if roman != "I"}
ASKS_FOR_DIGITS = re.compile(r"\bdigits?\b", re.IGNORECASE)
# A number standing alone in an accepted answer: not inside a word, a hyphenated term or a decimal.
_TOKEN = re.compile(r"(?<![\w.,'’-])([0-9]{1,2}|[A-Za-z]+)(?![\w'’-]|[.,][0-9])")
_BEFORE, _AFTER = r"(?<![\w'’-])", r"(?![\w'’-])"


@dataclass(frozen=True)
class Source:
    """One searchable text of a lesson (its body or a key point) and where its raw source starts in the file."""

    path: Path
    raw: str
    line: int
    col: int

    def position(self, offset: int) -> tuple[int, int]:
        """The file line and column of ``offset`` into the raw source."""
        newline = self.raw.rfind("\n", 0, offset)
        if newline < 0:
            return self.line, self.col + offset
        return self.line + self.raw.count("\n", 0, offset), offset - newline


def forms(n: int) -> dict[str, str]:
    """The ways to write ``n``: ``digits``, ``word`` and (from 2) ``roman``."""
    written = {"digits": str(n), "word": NUMBER_WORDS[n - 1]}
    if n >= 2:
        written["roman"] = ROMAN_NUMERALS[n - 1]
    return written


def number_pattern(kind: str, text: str) -> str:
    """A regular expression for one written number: words ignore case, Roman numerals are capitals only."""
    return f"(?-i:{re.escape(text)})" if kind == "roman" else re.escape(text)


class LessonText:
    """The lessons' text, searchable for a phrase, the question's own module first."""

    def __init__(self, report: Reporter) -> None:
        self.report = report
        self._sources: list[Source] | None = None

    @property
    def sources(self) -> list[Source]:
        """The lessons' strings as written, where they stand: gathered on the first search (it scans
        every lesson file for positions, and most courses have no question that needs it)."""
        if self._sources is None:
            self._sources = []
            for path, lesson in self.report.lessons:
                positions = self.report.loaded.files[path].positions
                keys = [("body",)] + [("key_points", m) for m in range(len(lesson.key_points))]
                for key in keys:
                    raw = positions.string_sources.get(key)
                    if raw is not None:
                        line, col = positions.values.get(key, positions.locate(key))
                        self._sources.append(Source(path, raw, line, col))
        return self._sources

    def find(self, pattern: str, module: Path, *, everywhere: bool = True, label_in: str | None = None) -> str | None:
        """``path:line:col`` of the first whole-phrase match of ``pattern``, or ``None``.

        The lessons of ``module`` (a module folder) come first, then, when ``everywhere``, the rest of the
        course. With ``label_in``, a match counts only when the word just before it is also a word of
        ``label_in`` ("phase III" counts for a prompt about a phase).
        """
        label = r"(?P<label>[^\W\d_]+)[\s-]+" if label_in is not None else ""
        compiled = re.compile(_BEFORE + label + f"(?P<number>{pattern})" + _AFTER, re.IGNORECASE)
        wanted = set(normalise_text(label_in).split()) if label_in is not None else set()
        for source in sorted(self.sources, key=lambda s: s.path.parent != module):
            if source.path.parent != module and not everywhere:
                break
            for found in compiled.finditer(source.raw):
                if label_in is None or found.group("label").casefold() in wanted:
                    line, col = source.position(found.start("number"))
                    return f"{self.report.shown(source.path)}:{line}:{col}"
        return None


def check_number_forms(report: Reporter) -> None:
    """W410 for every numeric and text question (see the module notes)."""
    lessons = LessonText(report)
    for path, quiz in report.quizzes:
        for n, question in enumerate(quiz.questions):
            if isinstance(question, Numeric):
                check_numeric(report, lessons, path, n, question)
            elif isinstance(question, ShortText):
                check_text(report, lessons, path, n, question)


def check_numeric(report: Reporter, lessons: LessonText, path: Path, n: int, question: Numeric) -> None:
    value = question.value
    if value is None or not value.is_integer() or not 1 <= value <= 20 or ASKS_FOR_DIGITS.search(question.prompt):
        return
    number = int(value)
    written = []
    for kind, text in forms(number).items():
        if kind == "digits":
            continue
        if kind == "word":  # read in this module's lessons
            where = lessons.find(number_pattern(kind, text), path.parent, everywhere=False)
        else:  # a label's numeral anywhere in the course, when the prompt names the label
            where = lessons.find(number_pattern(kind, text), path.parent, label_in=question.prompt)
        if where:
            written.append((text, where))
    if written:
        said = " and ".join(f"'{text}' ({where})" for text, where in written)
        typed = " or ".join(f"'{text}'" for text, _ in written)
        accept = ", ".join(f'"{text}"' for text in [str(number)] + [text for text, _ in written])
        message = (
            f"the answer {number} is written {said} in the lessons; a learner who types {typed} is marked wrong"
            f": ask for the answer as a digit, or make it a text question with accept = [{accept}]"
        )
        report.warn(path, ("question", n, "value"), "W410", message)


def _numbers_in(answer: str, case_sensitive: bool) -> list[tuple[int, int, int, str]]:
    """Each number 1–20 standing alone in ``answer``: (value, start, end, kind)."""
    found = []
    for token in _TOKEN.finditer(answer):
        text = token.group(1)
        roman = text if case_sensitive else text.upper()
        if text.isdigit() and 1 <= int(text) <= 20 and text == str(int(text)):
            found.append((int(text), token.start(1), token.end(1), "digits"))
        elif text.casefold() in WORD_VALUES:
            found.append((WORD_VALUES[text.casefold()], token.start(1), token.end(1), "word"))
        elif roman in ROMAN_VALUES:
            found.append((ROMAN_VALUES[roman], token.start(1), token.end(1), "roman"))
    return found


def check_text(report: Reporter, lessons: LessonText, path: Path, n: int, question: ShortText) -> None:
    kind_of = question_type(question)
    for m, answer in enumerate(question.accept):
        for number, start, end, kind in _numbers_in(answer, question.case_sensitive):
            for other, text in forms(number).items():
                if other == kind:
                    continue
                variant = answer[:start] + text + answer[end:]
                if kind_of.fraction(question, variant) >= 1.0:
                    continue
                if other == "digits":
                    why = ""
                else:
                    phrase = re.escape(answer[:start]) + number_pattern(other, text) + re.escape(answer[end:])
                    where = lessons.find(re.sub(r"(?:\\ )+", r"[\\s-]+", phrase), path.parent)
                    if where is None:
                        continue
                    why = f" (the lessons write it so at {where})"
                message = (
                    f"accept has '{answer}' but not '{variant}'{why}; a learner who types that is marked wrong"
                    ": add it to accept, or ask in a form with one reading"
                )
                report.warn(path, ("question", n, "accept", m), "W410", message)
                return

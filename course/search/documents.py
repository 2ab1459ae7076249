"""What search indexes: a course as documents (lesson sections, key points, glossary terms,
questions) of plain text, read with the Markdown pipeline of :mod:`lessons.markdown` so the words
indexed are the words the learner reads."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from lessons.markdown import Section, inline_plain, plain_text, sections

if TYPE_CHECKING:
    from course.domain.models import Course

__all__ = ["Document", "Hit", "HitKind", "Section", "course_documents", "markdown_to_plain", "split_sections"]

HitKind = Literal["lesson", "term", "question"]


def markdown_to_plain(markdown: str) -> str:
    """A Markdown block as one line of plain text (whitespace collapsed)."""
    return plain_text(markdown)


def split_sections(body: str) -> list[Section]:
    """``body`` cut at its Markdown headings (never inside code), each with its plain text."""
    return sections(body)


@dataclass(frozen=True)
class Document:
    """One searchable unit. ``title``/``heading``/``body`` are plain text (the three BM25F fields)."""

    kind: HitKind
    target_id: str
    lesson_id: str | None
    title: str
    heading: str
    body: str

    @property
    def display_title(self) -> str:
        """What a result shows as its title."""
        if self.kind == "lesson" and self.heading:
            return f"{self.title} › {self.heading}"
        if self.kind == "question":
            return self.heading
        return self.title


@dataclass(frozen=True)
class Hit:
    """One search result.

    ``target_id`` is the lesson, term or question id; ``lesson_id`` is set for lesson hits only.
    ``snippet`` is plain text (about 100 characters) around the first match and ``spans`` are the
    ``(start, end)`` offsets of the matched words in it; ``title_spans`` likewise for ``title``.
    ``match_text`` is the first matched word as written in the source (to find it on screen) and
    ``section`` the heading of the lesson section that matched ("" for the text before any heading).
    """

    kind: HitKind
    target_id: str
    lesson_id: str | None
    title: str
    snippet: str
    spans: tuple[tuple[int, int], ...]
    score: float
    match_text: str
    section: str = ""
    title_spans: tuple[tuple[int, int], ...] = field(default=())


def course_documents(course: Course) -> Iterable[Document]:
    """Every searchable document of ``course``, in course order."""
    for module in course.modules:
        for lesson in module.lessons:
            title = inline_plain(lesson.title)
            for section in sections(lesson.body):
                yield Document("lesson", lesson.id, lesson.id, title, section.heading, section.text)
            if lesson.key_points:
                points = " · ".join(plain_text(point) for point in lesson.key_points)
                yield Document("lesson", lesson.id, lesson.id, title, "Key points", points)
    for term in course.glossary:
        yield Document("term", term.id, None, inline_plain(term.term), "", plain_text(term.definition))
    for module in course.modules:
        if module.quiz is None:
            continue
        for question in module.quiz.questions:
            yield Document("question", question.id, None, "", plain_text(question.prompt), plain_text(question.explanation))

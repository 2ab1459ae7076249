"""Full-text search over a course: an in-memory BM25 index of lessons, glossary and explanations."""

from course.search.documents import (
    Document,
    Hit,
    HitKind,
    Section,
    course_documents,
    markdown_to_plain,
    split_sections,
)
from course.search.index import SearchIndex
from course.search.query import Query, parse_query
from course.search.tokens import tokens

__all__ = [
    "Document",
    "Hit",
    "HitKind",
    "Query",
    "SearchIndex",
    "Section",
    "course_documents",
    "markdown_to_plain",
    "parse_query",
    "split_sections",
    "tokens",
]

"""Full-text search over a course: an in-memory BM25 index of lessons, glossary and explanations."""

from course.search.index import (
    Document,
    Hit,
    Query,
    SearchIndex,
    Section,
    course_documents,
    markdown_to_plain,
    parse_query,
    split_sections,
    tokens,
)

__all__ = [
    "Document",
    "Hit",
    "Query",
    "SearchIndex",
    "Section",
    "course_documents",
    "markdown_to_plain",
    "parse_query",
    "split_sections",
    "tokens",
]

"""How full-text search scales: index build and query times on the bundled course and on a
synthetic course ``--scale`` times its size (its modules replicated with new ids, in memory).

    python -m benchmarks search [--repeat N] [--scale K]

Times are medians over ``N`` runs (``time.perf_counter``). The replicated course repeats the same
text, so every posting list is ``K`` times longer: a worst case for query time.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from course.domain.models import Course, Module
from course.loading.loader import bundled_course_path, load_course
from course.search import SearchIndex

# Representative queries: rare and common words, a hyphenated term, several words (AND), a
# prefix still being typed, a phrase, and a one-letter prefix (the slowest kind).
QUERIES: tuple[str, ...] = (
    "5-HT2A",
    "default mode network",
    "psilocybin depression",
    "neuro",
    '"set and setting"',
    "critical per",
    "the",
    "s",
)


def replicate(course: Course, times: int) -> Course:
    """``course`` with its modules and glossary repeated ``times`` times under new ids."""
    modules: list[Module] = []
    glossary = []
    for copy in range(times):
        suffix = "" if copy == 0 else f"-x{copy}"
        for module in course.modules:
            lessons = [lesson.model_copy(update={"id": lesson.id + suffix}) for lesson in module.lessons]
            quiz = module.quiz
            if quiz is not None:
                questions = [q.model_copy(update={"id": q.id + suffix}) for q in quiz.questions]
                quiz = quiz.model_copy(update={"id": quiz.id + suffix, "questions": questions})
            modules.append(module.model_copy(update={"id": module.id + suffix, "lessons": lessons, "quiz": quiz}))
        glossary += [term.model_copy(update={"id": term.id + suffix}) for term in course.glossary]
    return course.model_copy(update={"modules": modules, "glossary": glossary})


def median_seconds(run: Callable[[], object], repeat: int) -> float:
    """The median wall time of ``repeat`` calls of ``run``."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


@dataclass
class Measured:
    """Timings on one course."""

    name: str
    lessons: int
    documents: int
    words: int
    build: float
    queries: dict[str, float]
    hits: dict[str, int]

    @property
    def query_median(self) -> float:
        return statistics.median(self.queries.values())

    @property
    def query_worst(self) -> float:
        return max(self.queries.values())


def measure(name: str, course: Course, repeat: int, build_repeat: int) -> Measured:
    """Build the index (median of ``build_repeat``) and run every query (median of ``repeat``)."""
    index = SearchIndex.build(course)
    build = median_seconds(lambda: SearchIndex.build(course), build_repeat)
    queries = {query: median_seconds(lambda q=query: index.search(q), repeat) for query in QUERIES}  # type: ignore[misc]
    hits = {query: len(index.search(query)) for query in QUERIES}
    lessons = sum(len(m.lessons) for m in course.modules)
    return Measured(name, lessons, len(index), len(index.vocabulary), build, queries, hits)


def ms(seconds: float) -> str:
    """Seconds as milliseconds, for the table."""
    return f"{seconds * 1000:.2f}"


def ratio(big: float, small: float) -> str:
    """``big / small`` as a factor, for the table."""
    return f"{big / small:.1f}×" if small else "-"


def table(rows: Sequence[Sequence[str]]) -> str:
    """A Markdown table (first row is the header)."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["| " + " | ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)) + " |" for row in rows]
    lines.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)


def figures(quick: bool = False, lessons: int | None = None) -> list[Any]:
    """Search over a course of about ``lessons`` lessons (the bundled one replicated): build and query times."""
    from benchmarks.common import Figure

    bundled = load_course(bundled_course_path())
    per_copy = sum(len(m.lessons) for m in bundled.modules)
    lessons = lessons or (200 if quick else 2000)
    times = max(1, round(lessons / per_copy))
    big = measure(f"synthetic x{times}", replicate(bundled, times), 3 if quick else 20, 1 if quick else 3)
    note = f"{big.lessons} lessons, {big.documents} documents, {len(QUERIES)} queries"
    return [
        Figure("search.query_slowest", big.query_worst * 1000, "ms", 20.0, note=note + " (each a median)"),
        Figure("search.query_median", big.query_median * 1000, "ms", note="median over the queries"),
        Figure("search.index_build", big.build, "s", 2.0, note=note),
    ]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks search", description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=20, help="runs per query (median reported)")
    parser.add_argument("--build-repeat", type=int, default=3, help="index builds per course (median reported)")
    parser.add_argument("--scale", type=int, default=100, help="size of the synthetic course, in bundled courses")
    args = parser.parse_args(argv)

    bundled = load_course(bundled_course_path())
    small = measure("bundled", bundled, args.repeat, args.build_repeat)
    big = measure(f"synthetic ×{args.scale}", replicate(bundled, args.scale), args.repeat, args.build_repeat)

    print(f"Full-text search (course.search), median of {args.repeat} runs per query, {args.build_repeat} builds\n")
    rows = [["course", "lessons", "documents", "distinct words", "build (s)", "query median (ms)", "slowest query (ms)"]]
    for m in (small, big):
        rows.append(
            [m.name, str(m.lessons), str(m.documents), str(m.words), f"{m.build:.3f}", ms(m.query_median), ms(m.query_worst)]
        )
    rows.append(
        [
            "ratio big/small",
            ratio(big.lessons, small.lessons),
            ratio(big.documents, small.documents),
            ratio(big.words, small.words),
            ratio(big.build, small.build),
            ratio(big.query_median, small.query_median),
            ratio(big.query_worst, small.query_worst),
        ]
    )
    print(table(rows))
    print()
    rows = [["query", "bundled (ms)", f"synthetic ×{args.scale} (ms)", "ratio", "bundled hits (of 20)"]]
    for query in QUERIES:
        small_ms, big_ms = small.queries[query], big.queries[query]
        rows.append([query, ms(small_ms), ms(big_ms), ratio(big_ms, small_ms), str(small.hits[query])])
    print(table(rows))
    return 0

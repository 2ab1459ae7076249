"""The "Limits" section of docs/authoring.md says what the loader and the models enforce.

Each number in its tables is compared with the model field (or loader constant) it stands for, and
the file limits are tried on real files: one byte over the size cap, one level over the depth limit.
"""

from __future__ import annotations

import random
import re
import time
from collections import Counter
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from course.domain.models import CourseInfo, GlossaryFile, ModuleFile, Objective, Reference, ReferencesFile, Term
from course.loading.checking import check_path
from course.loading.item_repeats import MAX_CELLS, MAX_COMPARED_CHARS, MAX_PAIRS, MAX_PER_QUESTION, check_repeats
from course.loading.item_report import Reporter
from course.loading.loader import read_course
from course.loading.safe_read import MAX_FILE_BYTES
from course.loading.toml_depth import MAX_NESTING
from course.loading.toml_syntax import LARGE, MAX_ROUNDS, rounds_for
from lessons.model import Lesson
from quizzes.questions import Choice, Pair, QuestionBase, ShortText, SingleChoice
from quizzes.quiz import Quiz
from tests.helpers.course_factory import LESSON_TOML, write_course

DOC = Path(__file__).resolve().parents[2] / "docs" / "authoring.md"

# A row of the counts-and-lengths table -> the model fields it speaks for.
ROWS: dict[str, list[tuple[type[BaseModel], str]]] = {
    "questions in a quiz": [(Quiz, "questions")],
    "glossary terms": [(GlossaryFile, "term")],
    "references": [(ReferencesFile, "reference")],
    "objectives in a module": [(ModuleFile, "objectives")],
    "objectives a lesson lists": [(Lesson, "objectives")],
    "key points of a lesson": [(Lesson, "key_points")],
    "references a lesson lists": [(Lesson, "references")],
    "authors": [(CourseInfo, "authors")],
    "`see_also` of a term": [(Term, "see_also")],
    "accepted answers of a text question": [(ShortText, "accept")],
    "an id": [(Lesson, "id"), (Term, "id"), (Choice, "id")],
    "a title (course, module, lesson, quiz) or a glossary term": [
        (CourseInfo, "title"),
        (ModuleFile, "title"),
        (Lesson, "title"),
        (Quiz, "title"),
        (Term, "term"),
    ],
    "a lesson's `summary`": [(Lesson, "summary")],
    "a course's or a module's `summary`, a term's `definition`": [
        (CourseInfo, "summary"),
        (ModuleFile, "summary"),
        (Term, "definition"),
    ],
    "an objective's `text`": [(Objective, "text")],
    "a lesson's `body`": [(Lesson, "body")],
    "a question's `prompt`, `explanation` or `case`": [
        (QuestionBase, "prompt"),
        (QuestionBase, "explanation"),
        (QuestionBase, "case"),
    ],
    "a choice's or an item's `text`, a pair's `left` or `right`, an accepted answer": [
        (Choice, "text"),
        (Pair, "left"),
        (Pair, "right"),
    ],
    "a text question's `pattern`": [(ShortText, "pattern")],
    "a reference's `citation` or `url`": [(Reference, "citation"), (Reference, "url")],
    "the course's `disclaimer`": [(CourseInfo, "disclaimer")],
}


def limits_section() -> str:
    text = DOC.read_text(encoding="utf-8")
    start = text.index("\n### Limits\n")
    end = text.find("\n### ", start + 1)
    return text[start : end if end > 0 else len(text)]


def max_of(model: type[BaseModel], name: str) -> Any:
    """The ``max_length`` of a model field (``Annotated`` constraints included)."""
    info = model.model_fields[name]
    found = [getattr(meta, "max_length", None) for meta in info.metadata]
    for arg in getattr(info.annotation, "__metadata__", ()):
        found.append(getattr(arg, "max_length", None))
    return next(n for n in found if n is not None)


def table(section: str) -> dict[str, str]:
    return {m[1]: m[2] for m in re.finditer(r"^\| (.+?) \| (.+?) \|$", section, flags=re.MULTILINE)}


def test_every_count_and_length_is_the_models() -> None:
    rows = table(limits_section())
    for label, fields in ROWS.items():
        numbers = {int(n.replace(",", "")) for n in re.findall(r"[\d,]+", rows[label])}
        assert numbers == {max_of(model, name) for model, name in fields}, label
    choices = SingleChoice.model_fields["choices"].metadata
    low = next(m.min_length for m in choices if hasattr(m, "min_length"))
    assert rows["choices, items or pairs of a question"] == f"{low} to {max_of(SingleChoice, 'choices')}"


def test_the_file_limits_are_the_loaders() -> None:
    section = limits_section()
    assert f"{MAX_FILE_BYTES:,} bytes (1 MiB); at most {MAX_FILE_BYTES + 1:,} bytes are ever read" in section
    assert f"values at most {MAX_NESTING} levels deep" in section
    assert (
        f"up to {MAX_ROUNDS} a file ({MAX_ROUNDS // 4} in a file over {LARGE:,} characters, fewer over 200,000: 1 over 500,000)"
        in section
    )
    assert [rounds_for(n) for n in (LARGE, LARGE + 1, 200_000, 200_001, 500_000, 500_001)] == [MAX_ROUNDS, 5, 5, 4, 2, 1]


def test_the_size_cap_and_the_depth_limit_hold_to_the_byte_and_the_level(tmp_path: Path) -> None:
    def codes(lesson: str) -> set[str]:
        root = write_course(tmp_path / "course", lesson=lesson)
        return {f.code for f in check_path(root) if f.severity == "error"}

    filler = LESSON_TOML + "# "
    exact = filler + "x" * (MAX_FILE_BYTES - len(filler.encode()) - 1) + "\n"
    assert len(exact.encode()) == MAX_FILE_BYTES
    assert "E002" not in codes(exact)
    assert "E002" in codes(exact + "\n")
    # "deep" and its lists: one level for the key, one for each '['.
    assert "E005" not in codes(LESSON_TOML + "deep = " + "[" * (MAX_NESTING - 1) + "]" * (MAX_NESTING - 1) + "\n")
    assert "E005" in codes(LESSON_TOML + "deep = " + "[" * MAX_NESTING + "]" * MAX_NESTING + "\n")


def test_repeats_are_bounded_and_the_limits_are_documented(tmp_path: Path) -> None:
    """Near-identical questions by the hundred: W409 reports each at most MAX_PER_QUESTION times and
    stops comparing, with one warning, after MAX_CELLS of letter-by-letter comparison, in seconds."""
    section = limits_section()
    assert f"at most {MAX_PER_QUESTION} earlier questions a question" in section
    assert (
        f"at most {MAX_PAIRS:,} pairs of questions are compared, and letter by letter (the first {MAX_COMPARED_CHARS:,} characters of"
        in section
    )
    assert f"each text) only until {MAX_CELLS:,} pairs of characters have been" in section
    words = [f"{letter * 3}word" for letter in "abcdefghijklmnopqrst"]
    rng = random.Random(7)
    rows = []
    for n in range(400):  # the same twenty words in another order: every pair is compared word by word
        prompt = " ".join(rng.sample(words, len(words))) if n % 4 else " ".join(words)  # and a quarter identical
        rows.append(
            f'[[question]]\nid = "q{n}"\ntype = "true_false"\nobjective = "m1-o1"\nprompt = "{prompt}?"\nexplanation = "E"\nanswer = true\n'
        )
    root = write_course(tmp_path / "course", quiz='id = "m1-quiz"\ntitle = "Big"\n' + "\n".join(rows))
    report = Reporter(read_course(root))
    started = time.perf_counter()
    check_repeats(report)
    assert time.perf_counter() - started < 4
    per_question = Counter(f.line for f in report.findings)
    assert max(per_question.values()) == MAX_PER_QUESTION
    stopped = [f.message for f in report.findings if "were not compared" in f.message]
    assert len(stopped) == 1 and report.findings[-1].message == stopped[0]

"""Build small course folders on disk for tests.

``write_course(root)`` writes a minimal course that validates with no findings at all (no errors, no
warnings). Any file can be replaced, added or removed:

    write_course(tmp_path, quiz="...")                              # replace a well-known file by alias
    write_course(tmp_path, files={"modules/02-more/module.toml": "..."})  # any path, text or bytes
    write_course(tmp_path, glossary=None)                           # None removes the file

``write_rich_course(root)`` writes a two-module course with every question type, also clean.
``findings_of(root)`` runs ``course.loading.checking.check_path`` and returns comparable tuples.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from pathlib import Path

from course.loading.checking import check_path
from course.loading.findings import Finding

FileText = str | bytes | None

MODULE_DIR = "modules/01-basics"

# Aliases for the files of the minimal course (keyword arguments of ``write_course``).
ALIASES: dict[str, str] = {
    "course": "course.toml",
    "glossary": "glossary.toml",
    "references": "references.toml",
    "module": f"{MODULE_DIR}/module.toml",
    "lesson": f"{MODULE_DIR}/01-agonists.toml",
    "quiz": f"{MODULE_DIR}/quiz.toml",
}

COURSE_TOML = """\
format_version = 1

[course]
id = "demo"
title = "Demo course"
version = "1.0"
summary = "A tiny course for tests."
authors = ["Test Author"]
"""

GLOSSARY_TOML = """\
[[term]]
id = "agonist"
term = "agonist"
definition = "A substance that activates a receptor."
see_also = ["receptor"]

[[term]]
id = "receptor"
term = "receptor"
definition = "A protein that responds to a signal."
"""

REFERENCES_TOML = """\
[[reference]]
id = "smith-2020"
citation = "Smith J. A study of agonists. J Test 2020."
url = "https://example.org/smith-2020"
"""

MODULE_TOML = """\
id = "m1-basics"
title = "Basics"
summary = "The basics."
estimated_minutes = 20

[[objective]]
id = "m1-o1"
text = "Explain what an agonist does."
"""

LESSON_TOML = '''\
id = "m1-agonists"
title = "Agonists"
summary = "What an agonist is."
estimated_minutes = 5
objectives = ["m1-o1"]
references = ["smith-2020"]
key_points = ["An agonist activates a receptor."]
body = """
## Agonists

An [agonist](glossary:agonist) activates a [receptor](glossary:receptor).
See [Smith](ref:smith-2020) and [the web](https://example.org/more).
"""
'''

QUIZ_TOML = """\
id = "m1-quiz"
title = "Basics quiz"

[[question]]
id = "m1-q1"
type = "single"
objective = "m1-o1"
prompt = "What does an agonist do?"
answer = "b"
explanation = "An agonist activates a receptor."

[[question.choices]]
id = "a"
text = "Blocks a receptor"
feedback = "Blocking a receptor is what an antagonist does."
[[question.choices]]
id = "b"
text = "Activates a receptor"
"""

MINIMAL_FILES: dict[str, str] = {
    "course.toml": COURSE_TOML,
    "glossary.toml": GLOSSARY_TOML,
    "references.toml": REFERENCES_TOML,
    f"{MODULE_DIR}/module.toml": MODULE_TOML,
    f"{MODULE_DIR}/01-agonists.toml": LESSON_TOML,
    f"{MODULE_DIR}/quiz.toml": QUIZ_TOML,
}


def write_files(root: Path, files: Mapping[str, FileText]) -> Path:
    """Write (or, for ``None``, delete) each ``relative path -> text or bytes`` below ``root``."""
    root.mkdir(parents=True, exist_ok=True)
    for relative, content in files.items():
        target = root / relative
        if content is None:
            if target.exists():
                target.unlink()
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            # newline="" keeps "\r\n" in the text exactly as written.
            with target.open("w", encoding="utf-8", newline="") as handle:
                handle.write(content)
    return root


def write_course(root: Path, files: Mapping[str, FileText] | None = None, **overrides: FileText) -> Path:
    """Write the minimal clean course to ``root`` with the given replacements; returns ``root``.

    ``overrides`` use the names in :data:`ALIASES` (``course``, ``glossary``, ``references``, ``module``,
    ``lesson``, ``quiz``); ``files`` uses paths relative to ``root``. ``None`` removes a file.
    """
    unknown = set(overrides) - set(ALIASES)
    if unknown:
        raise TypeError(f"unknown course file alias(es): {sorted(unknown)}; use one of {sorted(ALIASES)}")
    contents: dict[str, FileText] = dict(MINIMAL_FILES)
    contents.update({ALIASES[name]: text for name, text in overrides.items()})
    contents.update(files or {})
    return write_files(root, contents)


def path_of(root: Path, alias_or_relative: str) -> Path:
    """The resolved path of a course file given by alias (``quiz``) or relative path."""
    return (root / ALIASES.get(alias_or_relative, alias_or_relative)).resolve()


def question_toml(qid: str, qtype: str, objective: str, body: str) -> str:
    """A ``[[question]]`` block with the shared keys and ``body`` (TOML text, dedented) appended."""
    head = (
        f'[[question]]\nid = "{qid}"\ntype = "{qtype}"\nobjective = "{objective}"\n'
        f'prompt = "Prompt of {qid}?"\nexplanation = "Explanation of {qid}."\n'
    )
    return head + textwrap.dedent(body).strip("\n") + "\n"


RICH_MODULE2_TOML = """\
id = "m2-advanced"
title = "Advanced"
summary = "More."
estimated_minutes = 25

[[objective]]
id = "m2-o1"
text = "Distinguish the question types."

[[objective]]
id = "m2-o2"
text = "Evaluate a numeric claim."
"""

RICH_LESSON2_TOML = '''\
id = "m1-receptors"
title = "Receptors"
objectives = ["m1-o1"]
body = """
A [receptor](glossary:receptor) responds to a signal.
"""
'''

RICH_LESSON3_TOML = '''\
id = "m2-types"
title = "Question types"
objectives = ["m2-o1", "m2-o2"]
references = ["smith-2020", "jones-2021"]
body = """
Every type, as in [Jones](ref:jones-2021).
"""
'''

RICH_REFERENCES_TOML = (
    REFERENCES_TOML
    + """
[[reference]]
id = "jones-2021"
citation = "Jones K. Another study. J Test 2021."
"""
)

RICH_QUIZ2_TOML = "\n".join(
    [
        'id = "m2-quiz"\ntitle = "Advanced quiz"\nmode = "exam"\npass_mark = 0.8\n',
        question_toml(
            "m2-q1",
            "multiple",
            "m2-o1",
            """
            answers = ["a", "c"]
            shuffle = false
            choices = [{id = "a", text = "A"}, {id = "b", text = "B", feedback = "B is not one."}, {id = "c", text = "C"}]
            """,
        ),
        question_toml("m2-q2", "true_false", "m2-o1", 'answer = true\nfeedback_false = "It is true."'),
        question_toml(
            "m2-q3",
            "order",
            "m2-o1",
            """
            items = [{id = "first", text = "First"}, {id = "second", text = "Second"}, {id = "third", text = "Third"}]
            """,
        ),
        question_toml(
            "m2-q4",
            "match",
            "m2-o1",
            """
            pairs = [{id = "p1", left = "L1", right = "R1"}, {id = "p2", left = "L2", right = "R2"}]
            """,
        ),
        question_toml("m2-q5", "text", "m2-o1", 'accept = ["serotonin"]\npattern = "5-?ht2a"'),
        question_toml("m2-q6", "numeric", "m2-o2", 'value = 2.5\ntolerance = 0.1\nunit = "mg"'),
        question_toml("m2-q7", "numeric", "m2-o2", "min = 1\nmax = 3"),
    ]
)

RICH_FILES: dict[str, str] = {
    **MINIMAL_FILES,
    "references.toml": RICH_REFERENCES_TOML,
    f"{MODULE_DIR}/02-receptors.toml": RICH_LESSON2_TOML,
    "modules/02-advanced/module.toml": RICH_MODULE2_TOML,
    "modules/02-advanced/01-types.toml": RICH_LESSON3_TOML,
    "modules/02-advanced/quiz.toml": RICH_QUIZ2_TOML,
}

# What ``course info`` reports for the rich course.
RICH_COUNTS = {
    "modules": 2,
    "lessons": 3,
    "quizzes": 2,
    "questions": 8,
    "question_types": {"match": 1, "multiple": 1, "numeric": 2, "order": 1, "single": 1, "text": 1, "true_false": 1},
    "objectives": 3,
    "glossary_terms": 2,
    "references": 2,
    "minutes": 45,
}


def write_rich_course(root: Path, files: Mapping[str, FileText] | None = None) -> Path:
    """Write the two-module course with every question type (clean: no findings)."""
    contents: dict[str, FileText] = dict(RICH_FILES)
    contents.update(files or {})
    return write_files(root, contents)


Row = tuple[str, int, int, str, str, str]


def as_rows(findings: list[Finding], root: Path) -> list[Row]:
    """Findings as ``(path relative to root, line, col, severity, code, message)`` tuples."""
    base = root.resolve()
    rows = []
    for f in findings:
        try:
            shown = f.path.relative_to(base).as_posix()
        except ValueError:
            try:
                shown = f.path.resolve().relative_to(base).as_posix()
            except ValueError:
                shown = str(f.path)
        rows.append((shown, f.line, f.col, f.severity, f.code, f.message))
    return rows


def findings_of(root: Path) -> list[Row]:
    """Every finding ``course validate`` would report for ``root``, as :func:`as_rows` tuples."""
    return as_rows(check_path(root), root)

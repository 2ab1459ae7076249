"""Every problem in one run (issue #12): a small course with 44 planted problems of 15 kinds.

One ``course validate`` must report every planted problem, each at its line and column, and nothing
else: no false findings caused by another file failing, and none hidden behind another problem of the
same file (the issue measured 40 reported, 9 hidden and false ones first on a course like this).
"""

from __future__ import annotations

from pathlib import Path

from tests.helpers.course_factory import findings_of, write_files

M1 = "modules/01-basics"
M2 = "modules/02-more"

PLANTED_FILES: dict[str, str] = {
    "course.toml": """\
format_version = 1

[course]
id = "demo"
title = "Demo course"
sumary = "typo"
authors = "Ann"
version = 2
""",
    "glossary.toml": """\
[[term]]
id = "agonist"
term = "agonist"
definition = "A substance that activates a receptor."
see_also = ["receptors"]

[[term]]
id = "receptor"
term = "receptor"

[[term]]
id = "Bad Id"
term = "bad"
definition = "d"

[[term]]
id = "agonist"
term = "again"
definition = "d"
""",
    "references.toml": """\
[[reference]]
id = "smith-2020"
citation = "Smith."
url = "http://example.org"

[[reference]]
id = "jones-2021"
citation = "Jones."
doi = "10.1/x"
""",
    f"{M1}/module.toml": """\
id = "m1-basics"
title = "Basics"
sumary = "The basics."
estimated_minutes = 20

[[objective]]
id = "m1-o1"
text = "Explain what an agonist does."

[[objective]]
id = "m1-o2"
text = ""
""",
    f"{M1}/01-agonists.toml": '''\
id = "m1-agonists"
titel = "Agonists"
objectives = ["m1-o1", "m1-o3"]
references = ["smith-2020", "nobody"]
estimated_minutes = "five"
body = """
An [agonist](glossary:agonist) and a [receptor](glossary:receptr).
See [Smith](ref:smith-2020) and [Jones](ref:jones-2021).
Old [site](http://example.org/old) and [sleep](glossary: receptor).
"""
''',
    f"{M1}/02-receptors.md": """\
+++
id = "m1-receptors"
title = "Receptors"
objectives = ["m1-o2"]
key_points = ["ok", 3]
+++

A [receptor](glossary:receptor) responds; see [nobody](ref:nobody-2000).
""",
    f"{M1}/03-syntax.toml": """\
id = "m1-syntax"
title = oops
objectives = ["m1-o9"]
body = "Text."
""",
    f"{M1}/quiz.toml": """\
id = "m1-quiz"
title = "Basics quiz"
pass_mark = 70
draw = 9

[[question]]
id = "m1-q1"
type = "single"
objective = "m1-o1"
prompt = "What does an agonist do?"
answer = "Activates a receptor"
explanation = "An agonist activates a receptor."
choices = [{id = "a", text = "Blocks a receptor"}, {id = "b", text = "Activates a receptor"}]

[[question]]
id = "m1-q2"
type = "multiple"
objective = "m1-o2"
prompt = "Which?"
answers = ["a", "a", "z"]
explanation = "E."
choices = [{id = "a", text = "A"}, {id = "b", text = "B"}]

[[question]]
id = "m1-q3"
type = "truefalse"
objective = "m1-o1"
prompt = "P."
answer = true
explanation = "E."

[[question]]
id = "m1-q4"
type = "text"
objective = "m1-o4"
prompt = "Name it."
accept = ["serotonin"]
pattern = "([a-z]+"
explanation = "E."

[[question]]
id = "m1-q1"
type = "numeric"
objective = "m1-o1"
prompt = "How many?"
explanation = "E."
min = 3
max = 1

[[question]]
id = "m1-q6"
type = "order"
objective = "m1-o1"
prompt = "Order."
items = [{id = "x", text = "X"}, {id = "x", text = "Y"}]
""",
    f"{M2}/module.toml": """\
id = "m1-basics"
title = "More"
estimated_minutes = 0

[[objective]]
id = "m1-o1"
text = "Again."
""",
    f"{M2}/01-more.toml": '''\
id = "m2-more"
title = "More"
objectives = ["m1-o2"]
body = """
Text with a [relative](more.html) link.
"""
colour = "red"
''',
    f"{M2}/quiz.toml": """\
id = "m2-quiz"
title = "More quiz"
mode = "exams"

[[question]]
id = "m2-q1"
type = "single"
objective = "m1-o2"
prompt = "P?"
explanation = "E."
answer = "a"
choices = [{id = "a", text = "A"}, {id = "b", txt = "B"}]
""",
}

E, W = "error", "warning"

# (file, line, column, severity, code): every problem planted above, in the order validate sorts them.
PLANTED: list[tuple[str, int, int, str, str]] = [
    ("course.toml", 6, 1, E, "E101"),  # sumary
    ("course.toml", 7, 1, E, "E103"),  # authors is not a list
    ("course.toml", 8, 1, E, "E103"),  # version is not text
    ("glossary.toml", 5, 13, E, "E202"),  # see_also 'receptors'
    ("glossary.toml", 7, 1, E, "E102"),  # term 'receptor' has no definition
    ("glossary.toml", 12, 1, E, "E104"),  # 'Bad Id'
    ("glossary.toml", 17, 1, E, "E201"),  # 'agonist' again
    (f"{M1}/01-agonists.toml", 1, 1, E, "E102"),  # no title ...
    (f"{M1}/01-agonists.toml", 2, 1, E, "E101"),  # ... because of titel
    (f"{M1}/01-agonists.toml", 3, 24, E, "E202"),  # objective m1-o3
    (f"{M1}/01-agonists.toml", 4, 29, E, "E202"),  # reference nobody
    (f"{M1}/01-agonists.toml", 5, 1, E, "E103"),  # "five"
    (f"{M1}/01-agonists.toml", 7, 48, E, "E202"),  # glossary:receptr
    (f"{M1}/01-agonists.toml", 8, 40, W, "W307"),  # ref:jones-2021 not in references
    (f"{M1}/01-agonists.toml", 9, 11, W, "W306"),  # http link
    (f"{M1}/01-agonists.toml", 9, 40, E, "E208"),  # (glossary: receptor) with a space
    (f"{M1}/02-receptors.md", 5, 21, E, "E103"),  # key_points entry 3
    (f"{M1}/02-receptors.md", 8, 55, E, "E202"),  # ref:nobody-2000
    (f"{M1}/03-syntax.toml", 2, 9, E, "E001"),  # title = oops
    (f"{M1}/03-syntax.toml", 3, 15, E, "E202"),  # objective m1-o9, found despite the syntax error
    (f"{M1}/module.toml", 3, 1, E, "E101"),  # sumary
    (f"{M1}/module.toml", 12, 1, E, "E104"),  # empty objective text
    (f"{M1}/quiz.toml", 3, 1, E, "E104"),  # pass_mark 70
    (f"{M1}/quiz.toml", 4, 1, E, "E207"),  # draw 9 of 6
    (f"{M1}/quiz.toml", 11, 1, E, "E203"),  # the answer is a choice's text
    (f"{M1}/quiz.toml", 20, 17, E, "E204"),  # answer 'a' twice
    (f"{M1}/quiz.toml", 20, 22, E, "E203"),  # answer 'z'
    (f"{M1}/quiz.toml", 26, 1, E, "E105"),  # truefalse
    (f"{M1}/quiz.toml", 35, 1, E, "E202"),  # objective m1-o4
    (f"{M1}/quiz.toml", 38, 1, E, "E206"),  # bad pattern
    (f"{M1}/quiz.toml", 41, 1, E, "E104"),  # min > max
    (f"{M1}/quiz.toml", 42, 1, E, "E201"),  # question id m1-q1 again
    (f"{M1}/quiz.toml", 50, 1, E, "E102"),  # no explanation ...
    (f"{M1}/quiz.toml", 55, 35, E, "E204"),  # ... and item id 'x' twice
    (f"{M2}/01-more.toml", 5, 23, W, "W306"),  # relative link
    (f"{M2}/01-more.toml", 7, 1, E, "E101"),  # colour
    (f"{M2}/module.toml", 1, 1, E, "E201"),  # module id m1-basics again
    (f"{M2}/module.toml", 3, 1, E, "E104"),  # estimated_minutes 0
    (f"{M2}/module.toml", 6, 1, E, "E201"),  # objective m1-o1 again
    (f"{M2}/quiz.toml", 3, 1, E, "E104"),  # mode exams
    (f"{M2}/quiz.toml", 12, 36, E, "E102"),  # choice 'b' has no text ...
    (f"{M2}/quiz.toml", 12, 47, E, "E101"),  # ... because of txt
    ("references.toml", 4, 1, E, "E104"),  # http url
    ("references.toml", 9, 1, E, "E101"),  # doi
]


def write_planted_course(root: Path) -> Path:
    """The course with every problem of :data:`PLANTED`."""
    return write_files(root, PLANTED_FILES)


def test_one_run_reports_every_planted_problem_at_its_place_and_nothing_else(tmp_path: Path) -> None:
    rows = findings_of(write_planted_course(tmp_path))
    assert [row[:5] for row in rows] == PLANTED
    assert len(PLANTED) == 44 and len({code for *_, code in PLANTED}) == 15


def test_the_planted_messages_name_ids_and_give_the_fix(tmp_path: Path) -> None:
    messages = {(path, line, col): message for path, line, col, _, _, message in findings_of(write_planted_course(tmp_path))}
    assert messages[(f"{M1}/quiz.toml", 11, 1)] == (
        "answer 'Activates a receptor' is the text of choice 'b'; answers name choice ids: use 'b'"
    )
    assert messages[(f"{M1}/quiz.toml", 50, 1)] == "missing required key 'explanation' (in question 'm1-q6')"
    assert messages[(f"{M2}/quiz.toml", 12, 36)] == "missing required key 'text' (in question 'm2-q1', choice 'b')"
    assert messages[("glossary.toml", 5, 13)] == "see_also names unknown glossary term 'receptors'; did you mean 'receptor'?"
    assert messages[(f"{M1}/quiz.toml", 26, 1)].endswith("did you mean 'true_false'?")
    assert messages[(f"{M1}/quiz.toml", 4, 1)] == "draw is 9 but the pool holds only 6 questions"

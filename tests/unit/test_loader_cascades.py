"""No cascades (issue #12): a file with one wrong key keeps what loaded, so nothing that refers to it fails.

The two examples of the issue, reproduced on a small course: one bad url or one unknown key in
references.toml used to drop the whole file and give 13 false "unknown reference" errors (printed
before the real one); a typo ``sumary`` in module.toml gave 6 false "unknown objective" errors.
"""

from __future__ import annotations

from pathlib import Path

from tests.helpers.course_factory import MODULE_DIR, findings_of, question_toml, write_course

MODULE = f"{MODULE_DIR}/module.toml"
LESSON = f"{MODULE_DIR}/01-agonists.toml"

REFERENCES = """\
[[reference]]
id = "r-a"
citation = "A."
url = "https://example.org/a"

[[reference]]
id = "r-b"
citation = "B."
url = "https://example.org/b"

[[reference]]
id = "r-c"
citation = "C."

[[reference]]
id = "r-d"
citation = "D."
"""


def cited_lesson(lid: str, refs: list[str]) -> str:
    """A lesson that lists ``refs`` and cites each once in its body: two citations a reference."""
    listed = ", ".join(f'"{r}"' for r in refs)
    links = " ".join(f"[{r}](ref:{r})" for r in refs)
    body = f"{links}\nAn [agonist](glossary:agonist).\n"
    return f'id = "{lid}"\ntitle = "{lid}"\nobjectives = ["m1-o1"]\nreferences = [{listed}]\nbody = """\n{body}"""\n'


def write_cited_course(root: Path, references: str) -> Path:
    """A course whose lessons cite references 13 times (lists and links)."""
    return write_course(
        root,
        references=references,
        lesson=cited_lesson("m1-agonists", ["r-a", "r-b", "r-c"]),  # 6 citations
        files={
            f"{MODULE_DIR}/02-two.toml": cited_lesson("m1-two", ["r-a", "r-d"]),  # 4
            f"{MODULE_DIR}/03-three.toml": cited_lesson("m1-three", ["r-b", "r-d"]).replace(  # 4 ...
                "[r-d](ref:r-d)", "plain"
            ),  # ... less one link: 3
        },
    )


def test_one_bad_url_in_references_gives_only_that_error(tmp_path: Path) -> None:
    # Before: the file was dropped and 13 "unknown reference" errors came first.
    assert findings_of(write_cited_course(tmp_path / "clean", REFERENCES)) == []
    bad = REFERENCES.replace("https://example.org/b", "http://example.org/b")
    assert findings_of(write_cited_course(tmp_path, bad)) == [
        (
            "references.toml",
            9,
            1,
            "error",
            "E104",
            "invalid value for 'url': a reference's url must be an https:// address without spaces, or empty",
        ),
    ]


def test_one_unknown_key_in_references_gives_only_that_error(tmp_path: Path) -> None:
    bad = REFERENCES.replace('citation = "C."', 'citation = "C."\nsource = "a journal"')
    assert findings_of(write_cited_course(tmp_path, bad)) == [
        ("references.toml", 14, 1, "error", "E101", "unknown key 'source'"),
    ]


def test_a_syntax_error_in_references_gives_only_that_error(tmp_path: Path) -> None:
    bad = REFERENCES.replace('url = "https://example.org/b"', "url = https://example.org/b")
    assert findings_of(write_cited_course(tmp_path, bad)) == [
        ("references.toml", 9, 7, "error", "E001", "TOML syntax error: invalid value"),
    ]


def test_a_broken_id_line_in_references_still_declares_the_id(tmp_path: Path) -> None:
    # The id itself is on the broken line; the ids that line names are still known.
    bad = REFERENCES.replace('id = "r-b"', 'id = "r-b" "again"')
    assert findings_of(write_cited_course(tmp_path, bad)) == [
        ("references.toml", 7, 12, "error", "E001", "TOML syntax error: expected newline or end of document after a statement"),
    ]


OBJECTIVES_MODULE = """\
id = "m1-basics"
title = "Basics"
summary = "The basics."
estimated_minutes = 20

[[objective]]
id = "m1-o1"
text = "Explain what an agonist does."

[[objective]]
id = "m1-o2"
text = "Explain what a receptor does."
"""


def write_objectives_course(root: Path, module: str) -> Path:
    """A course whose lesson and quiz name the module's objectives 6 times."""
    lesson = cited_lesson("m1-agonists", ["r-a"]).replace('["m1-o1"]', '["m1-o1", "m1-o2"]')  # 2
    choices = 'choices = [{id = "a", text = "One", feedback = "f"}, {id = "b", text = "Two", feedback = "g"}]'
    quiz = 'id = "m1-quiz"\ntitle = "Quiz"\n\n' + "\n".join(  # 4
        question_toml(f"m1-q{n}", "single", f"m1-o{1 + n % 2}", f'answer = "{"ab"[n % 2]}"\n{choices}') for n in range(1, 5)
    )
    return write_course(root, references=REFERENCES, module=module, lesson=lesson, quiz=quiz)


def test_a_misspelt_key_in_module_toml_gives_only_that_error(tmp_path: Path) -> None:
    # Before: the module was dropped and its 6 objective ids became "unknown" in the lesson and quiz.
    assert findings_of(write_objectives_course(tmp_path / "clean", OBJECTIVES_MODULE)) == []
    root = write_objectives_course(tmp_path, OBJECTIVES_MODULE.replace("summary =", "sumary ="))
    assert findings_of(root) == [
        (MODULE, 3, 1, "error", "E101", "unknown key 'sumary'; did you mean 'summary'?"),
    ]


def test_a_broken_objective_still_declares_its_id(tmp_path: Path) -> None:
    root = write_objectives_course(tmp_path, OBJECTIVES_MODULE.replace('text = "Explain what a receptor does."', "text = 5"))
    assert findings_of(root) == [
        (MODULE, 12, 1, "error", "E103", "wrong type for 'text': expected text in quotes, found a whole number"),
    ]


def test_a_glossary_term_with_a_missing_key_still_declares_its_id(tmp_path: Path) -> None:
    glossary = '[[term]]\nid = "agonist"\nterm = "agonist"\n\n[[term]]\nid = "receptor"\nterm = "r"\ndefinition = "d"\n'
    assert findings_of(write_course(tmp_path, glossary=glossary)) == [
        ("glossary.toml", 1, 1, "error", "E102", "missing required key 'definition' (in term 'agonist')"),
    ]


def test_a_lesson_that_fails_is_still_checked_against_the_other_files(tmp_path: Path) -> None:
    # The unknown key used to hide the lesson's dangling objective and link.
    text = cited_lesson("m1-agonists", ["r-a"]).replace('["m1-o1"]', '["m1-o9"]').replace("title =", "titel =")
    assert findings_of(write_course(tmp_path, references=REFERENCES, lesson=text)) == [
        (LESSON, 1, 1, "error", "E102", "missing required key 'title'"),
        (LESSON, 2, 1, "error", "E101", "unknown key 'titel'; did you mean 'title'?"),
        (LESSON, 3, 15, "error", "E202", "unknown objective 'm1-o9'; did you mean 'm1-o1'?"),
    ]


def test_an_unreadable_glossary_gives_no_false_link_errors(tmp_path: Path) -> None:
    # Nothing can be known of a file that is not text: links into it are not reported as unknown.
    root = write_course(tmp_path, glossary=b'[[term]]\nid = "agonist"\nterm = "\xe9"\n')
    assert findings_of(root) == [("glossary.toml", 3, 9, "error", "E002", "file is not valid UTF-8 text")]

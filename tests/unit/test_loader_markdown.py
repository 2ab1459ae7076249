"""Markdown lessons (issue #12): ``NN-topic.md`` with TOML front matter between ``+++`` lines, the
Markdown after it the body; the same Lesson model, and every error at its line of the .md file."""

from __future__ import annotations

from pathlib import Path

import pytest

from course.loading.checking import check_path
from course.loading.loader import load_course, model_for
from lessons.model import Lesson
from tests.helpers.course_factory import MODULE_DIR, QUIZ_TOML, as_rows, findings_of, question_toml, write_course, write_files

MD = f"{MODULE_DIR}/02-intro.md"

FRONT = '+++\nid = "m1-intro"\ntitle = "Intro"\nestimated_minutes = 3\nobjectives = ["m1-o1"]\nkey_points = ["A point."]\n+++\n'
BODY = "\n## Receptors\n\nA [receptor](glossary:receptor) responds to an [agonist](glossary:agonist).\n"


def test_a_markdown_lesson_loads_into_the_same_model_in_prefix_order(tmp_path: Path) -> None:
    notes = {f"{MODULE_DIR}/README.md": "# Notes for authors\n", f"{MODULE_DIR}/notes.md": "x\n"}  # not lessons
    last = {f"{MODULE_DIR}/03-last.toml": 'id = "m1-last"\ntitle = "L"\nbody = "b"\n'}
    root = write_course(tmp_path, files={MD: FRONT + BODY, **last, **notes})
    assert findings_of(root) == []
    course = load_course(root)
    lessons = course.modules[0].lessons
    assert [lesson.id for lesson in lessons] == ["m1-agonists", "m1-intro", "m1-last"]
    intro = lessons[1]
    assert isinstance(intro, Lesson)
    assert (intro.title, intro.estimated_minutes, intro.objectives, intro.key_points) == ("Intro", 3, ["m1-o1"], ["A point."])
    assert intro.body == BODY


def test_errors_in_the_front_matter_and_the_body_point_at_their_lines(tmp_path: Path) -> None:
    front = FRONT.replace('title = "Intro"', 'titel = "Intro"').replace('["m1-o1"]', '["m1-o2"]')
    body = BODY + "\nA [bad](glossary:nope) and an [old](http://example.org) link.\n"  # line 13
    assert findings_of(write_course(tmp_path, files={MD: front + body})) == [
        (MD, 1, 1, "error", "E102", "missing required key 'title'"),
        (MD, 3, 1, "error", "E101", "unknown key 'titel'; did you mean 'title'?"),
        (MD, 5, 15, "error", "E202", "unknown objective 'm1-o2'; did you mean 'm1-o1'?"),
        (MD, 13, 8, "error", "E202", "link to unknown glossary term 'glossary:nope'"),
        (MD, 13, 36, "warning", "W306", "link 'http://example.org' is not https; learners will not be offered it"),
    ]


def test_a_syntax_error_in_the_front_matter_is_at_its_line_and_the_body_is_still_checked(tmp_path: Path) -> None:
    front = FRONT.replace('title = "Intro"', "title = Intro")
    body = BODY.replace("glossary:agonist", "glossary:agonists")  # line 11
    assert findings_of(write_course(tmp_path, files={MD: front + body})) == [
        (MD, 3, 9, "error", "E001", "TOML syntax error: invalid value"),
        (MD, 11, 57, "error", "E202", "link to unknown glossary term 'glossary:agonists'; did you mean 'glossary:agonist'?"),
    ]


def test_front_matter_problems(tmp_path: Path) -> None:
    none = "## Just Markdown\n\nNo front matter.\n"
    unclosed = FRONT.rsplit("+++\n", 1)[0] + BODY
    with_body = FRONT.replace("+++\n", '+++\nbody = "twice"\n', 1) + BODY
    empty = FRONT
    root = write_course(
        tmp_path,
        files={
            f"{MODULE_DIR}/02-none.md": none,
            f"{MODULE_DIR}/03-unclosed.md": unclosed,
            f"{MODULE_DIR}/04-body.md": with_body.replace("m1-intro", "m1-body"),
            f"{MODULE_DIR}/05-empty.md": empty.replace("m1-intro", "m1-empty"),
        },
    )
    message = "a Markdown lesson starts with TOML front matter between two '+++' lines"
    assert findings_of(root) == [
        (f"{MODULE_DIR}/02-none.md", 1, 1, "error", "E004", message),
        (f"{MODULE_DIR}/03-unclosed.md", 1, 1, "error", "E004", "the front matter opened here is never closed by a '+++' line"),
        (
            f"{MODULE_DIR}/04-body.md",
            2,
            1,
            "error",
            "E106",
            "the body of a Markdown lesson is the text after the front matter: remove 'body' from the front matter",
        ),
        (f"{MODULE_DIR}/05-empty.md", 8, 1, "error", "E104", "invalid value for 'body': must not be empty"),
    ]


def test_crlf_front_matter_and_control_characters(tmp_path: Path) -> None:
    text = (FRONT + BODY + "Bell\x07 and escape\x1b[2J gone.\n").replace("\n", "\r\n")
    root = write_course(tmp_path, files={MD: text})
    assert findings_of(root) == []
    body = load_course(root).modules[0].lessons[1].body
    assert body == BODY + "Bell and escape[2J gone.\n"


def test_a_lone_markdown_lesson_is_checked_as_a_lesson(tmp_path: Path) -> None:
    assert model_for(Path("01-topic.md")) is Lesson
    lone = write_files(tmp_path, {"01-topic.md": FRONT.replace("estimated_minutes = 3", "estimated_minutes = 0") + BODY})
    assert as_rows(check_path(lone / "01-topic.md"), tmp_path) == [
        ("01-topic.md", 4, 1, "error", "E104", "invalid value for 'estimated_minutes': must be at least 1"),
    ]
    good = write_files(tmp_path / "good", {"01-topic.md": FRONT + BODY})
    assert check_path(good / "01-topic.md") == []
    # Links are judged as far as they can be without the course: the https rule, links shown raw.
    links = write_files(tmp_path / "links", {"01-topic.md": FRONT + BODY + "[a](http://a.org) [b](glossary: x)\n"})
    assert [row[1:5] for row in as_rows(check_path(links / "01-topic.md"), tmp_path / "links")] == [
        (12, 4, "warning", "W306"),
        (12, 19, "error", "E208"),
    ]


def test_checking_one_markdown_file_of_a_course_reports_only_that_file(tmp_path: Path) -> None:
    root = write_course(tmp_path, files={MD: FRONT.replace('["m1-o1"]', '["nope"]') + BODY})
    assert as_rows(check_path(root / MD), root) == [(MD, 5, 15, "error", "E202", "unknown objective 'nope'")]


def test_item_writing_checks_read_a_markdown_lesson_at_its_lines(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    md = '+++\nid = "m1-intro"\ntitle = "Intro"\n+++\n\nThere are four [receptor](glossary:receptor) types.\n'
    quiz = QUIZ_TOML + "\n" + question_toml("m1-q2", "numeric", "m1-o1", "value = 4")
    [(path, line, _, severity, code, message)] = findings_of(write_course(tmp_path, files={MD: md}, quiz=quiz))
    assert (path, line, severity, code) == (f"{MODULE_DIR}/quiz.toml", 26, "warning", "W410")
    assert f"written 'four' ({MD}:6:11)" in message

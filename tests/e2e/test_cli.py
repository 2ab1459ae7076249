"""The ``course`` command line, run in a subprocess: validate, info and help (not the app itself)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers.course_factory import MODULE_DIR, QUIZ_TOML, RICH_COUNTS, write_course, write_rich_course

REPO = Path(__file__).resolve().parents[2]
CONSOLE_SCRIPT = Path(sys.executable).parent / ("course.exe" if os.name == "nt" else "course")


def run(args: list[str], cwd: Path, command: list[str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``python -m course ARGS`` (or ``command ARGS``) in ``cwd`` and capture its output."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(REPO), *filter(None, [env.get("PYTHONPATH")])])
    env["COLUMNS"] = "100"
    env.pop("COURSE_DB", None)
    return subprocess.run(
        (command or [sys.executable, "-m", "course"]) + args,
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )


BROKEN_LESSON = '''\
id = "m1-agonists"
title = "Agonists"
objectives = ["m1-o1", "m9-o9"]
body = """
See [the web](http://example.org).
"""
'''


def write_broken(root: Path) -> Path:
    return write_course(
        root,
        lesson=BROKEN_LESSON,
        quiz=QUIZ_TOML.replace('answer = "b"', 'answer = "z"'),
        files={f"{MODULE_DIR}/02-syntax.toml": 'id = "m1-syntax"\ntitle = oops\nbody = "b"\n'},
    )


def expected_broken(prefix: str) -> list[dict[str, object]]:
    module_dir = os.path.join(prefix, "modules", "01-basics")
    return [
        {
            "path": os.path.join(module_dir, "01-agonists.toml"),
            "line": 3,
            "col": 24,
            "severity": "error",
            "code": "E202",
            "message": "unknown objective 'm9-o9'",
        },
        {
            "path": os.path.join(module_dir, "01-agonists.toml"),
            "line": 5,
            "col": 14,
            "severity": "warning",
            "code": "W306",
            "message": "link 'http://example.org' is not https; learners will not be offered it",
        },
        {
            "path": os.path.join(module_dir, "02-syntax.toml"),
            "line": 2,
            "col": 9,
            "severity": "error",
            "code": "E001",
            "message": "TOML syntax error: invalid value",
        },
        {
            "path": os.path.join(module_dir, "quiz.toml"),
            "line": 9,
            "col": 1,
            "severity": "error",
            "code": "E203",
            "message": "answer 'z' points at no choice (choices: a, b)",
        },
    ]


def as_text(finding: dict[str, object]) -> str:
    return "{path}:{line}:{col}: {severity}[{code}]: {message}".format(**finding)


# --- validate -------------------------------------------------------------------------------------


def test_validate_prints_every_finding_and_exits_1(tmp_path: Path) -> None:
    write_broken(tmp_path / "broken")
    result = run(["validate", "broken"], cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert result.stdout.splitlines() == [as_text(f) for f in expected_broken("broken")]
    assert result.stderr.strip() == "3 error(s), 1 warning(s)"


def test_validate_with_an_absolute_path_inside_the_working_folder(tmp_path: Path) -> None:
    root = write_broken(tmp_path / "broken")
    result = run(["validate", str(root), "--format", "text"], cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [as_text(f) for f in expected_broken("broken")]


def test_validate_json_lists_the_same_findings(tmp_path: Path) -> None:
    write_broken(tmp_path / "broken")
    result = run(["validate", "broken", "--format", "json"], cwd=tmp_path)
    assert result.returncode == 1
    findings = json.loads(result.stdout)
    assert isinstance(findings, list)
    assert all(set(f) == {"path", "line", "col", "severity", "code", "message"} for f in findings)
    assert findings == expected_broken("broken")
    assert result.stderr == ""


def test_validate_a_clean_course_exits_0(tmp_path: Path) -> None:
    write_rich_course(tmp_path / "good")
    result = run(["validate", "good"], cwd=tmp_path)
    assert (result.returncode, result.stdout, result.stderr.strip()) == (0, "", "no problems found")
    as_json = run(["validate", "good", "--format", "json"], cwd=tmp_path)
    assert (as_json.returncode, json.loads(as_json.stdout)) == (0, [])


def test_validate_warnings_pass_unless_strict(tmp_path: Path) -> None:
    write_course(tmp_path / "warned", quiz=None)
    line = (
        os.path.join("warned", "modules", "01-basics", "module.toml")
        + ":7:1: warning[W301]: objective 'm1-o1' is assessed by no question"
    )
    relaxed = run(["validate", "warned"], cwd=tmp_path)
    assert (relaxed.returncode, relaxed.stdout.splitlines(), relaxed.stderr.strip()) == (0, [line], "0 error(s), 1 warning(s)")
    strict = run(["validate", "warned", "--strict"], cwd=tmp_path)
    assert (strict.returncode, strict.stdout.splitlines()) == (1, [line])


def test_validate_one_file_reports_only_that_file(tmp_path: Path) -> None:
    write_broken(tmp_path / "broken")
    result = run(["validate", os.path.join("broken", "modules", "01-basics", "quiz.toml")], cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [as_text(expected_broken("broken")[3])]


def test_validate_a_nonexistent_path_exits_2(tmp_path: Path) -> None:
    result = run(["validate", "no-such-course"], cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.strip() == "course: error: no such file or folder: no-such-course"


def test_validate_a_folder_without_course_toml_exits_1(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = run(["validate", "empty"], cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        os.path.join("empty", "course.toml") + ":1:1: error[E003]: missing course.toml: every course folder needs one"
    ]


def test_validate_rejects_an_unknown_format(tmp_path: Path) -> None:
    write_course(tmp_path / "good")
    result = run(["validate", "good", "--format", "xml"], cwd=tmp_path)
    assert result.returncode == 2
    assert "invalid choice: 'xml'" in result.stderr


def test_validate_paths_outside_the_working_folder_are_absolute(tmp_path: Path) -> None:
    root = write_broken(tmp_path / "broken")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = run(["validate", str(root), "--format", "json"], cwd=elsewhere)
    paths = [f["path"] for f in json.loads(result.stdout)]
    assert paths == [str(root.resolve() / str(f["path"]).split(os.sep, 1)[1]) for f in expected_broken("broken")]


# --- info -----------------------------------------------------------------------------------------


def test_info_json_counts_what_the_course_holds(tmp_path: Path) -> None:
    root = write_rich_course(tmp_path / "rich")
    result = run(["info", "rich", "--json"], cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    info = json.loads(result.stdout)
    for key in (
        "path",
        "title",
        "modules",
        "lessons",
        "questions",
        "question_types",
        "objectives",
        "glossary_terms",
        "references",
        "minutes",
    ):
        assert key in info
    assert info["path"] == str(root.resolve())
    assert info["title"] == "Demo course"
    assert info["id"] == "demo"
    assert info["version"] == "1.0"
    assert {key: info[key] for key in RICH_COUNTS} == RICH_COUNTS
    assert info["supported_question_types"] == ["single", "multiple", "true_false", "order", "match", "text", "numeric"]


def test_info_json_for_the_minimal_course(tmp_path: Path) -> None:
    write_course(tmp_path / "mini")
    info = json.loads(run(["info", "mini", "--json"], cwd=tmp_path).stdout)
    assert {
        k: info[k]
        for k in (
            "modules",
            "lessons",
            "quizzes",
            "questions",
            "question_types",
            "objectives",
            "glossary_terms",
            "references",
            "minutes",
        )
    } == {
        "modules": 1,
        "lessons": 1,
        "quizzes": 1,
        "questions": 1,
        "question_types": {"single": 1},
        "objectives": 1,
        "glossary_terms": 2,
        "references": 1,
        "minutes": 20,
    }


def test_info_text_lists_one_line_per_count(tmp_path: Path) -> None:
    write_rich_course(tmp_path / "rich")
    result = run(["info", "rich"], cwd=tmp_path)
    assert result.returncode == 0
    lines = {line.split("  ", 1)[0].strip(): line.split("  ", 1)[1].strip() for line in result.stdout.splitlines()}
    assert lines["title"] == "Demo course"
    assert lines["modules"] == "2"
    assert lines["lessons"] == "3"
    assert lines["questions"] == "8"
    assert lines["glossary terms"] == "2"
    assert lines["minutes"] == "45"
    assert lines["question types"] == "match 1, multiple 1, numeric 2, order 1, single 1, text 1, true_false 1"


def test_info_of_a_file_describes_its_course(tmp_path: Path) -> None:
    write_rich_course(tmp_path / "rich")
    result = run(["info", os.path.join("rich", "modules", "02-advanced", "quiz.toml"), "--json"], cwd=tmp_path)
    assert result.returncode == 0
    assert json.loads(result.stdout)["lessons"] == 3


def test_info_on_a_broken_course_exits_1_and_lists_the_errors(tmp_path: Path) -> None:
    write_broken(tmp_path / "broken")
    result = run(["info", "broken", "--json"], cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[:-1] == [as_text(f) for f in expected_broken("broken")]
    summary = "the course has errors (3 error(s), 1 warning(s)); fix them and try again (see `course validate`)"
    assert lines[-1] == f"course: error: {summary}"


def test_info_on_a_nonexistent_path_exits_2(tmp_path: Path) -> None:
    result = run(["info", "nowhere", "--json"], cwd=tmp_path)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.strip() == "course: error: no such file or folder: nowhere"


def test_info_on_a_file_outside_any_course_exits_2(tmp_path: Path) -> None:
    (tmp_path / "lone.toml").write_text('id = "x"\n', encoding="utf-8")
    result = run(["info", "lone.toml"], cwd=tmp_path)
    assert result.returncode == 2
    assert "is not inside a course folder (no course.toml found)" in result.stderr


# --- help -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "mentions"),
    [
        (["--help"], ["usage: course", "--course", "--db", "--learner", "validate", "info", "COURSE_DB"]),
        (["validate", "--help"], ["usage: course validate", "path", "--format", "text", "json", "--strict"]),
        (["info", "--help"], ["usage: course info", "path", "--json"]),
    ],
)
def test_help_mentions_every_option(tmp_path: Path, args: list[str], mentions: list[str]) -> None:
    result = run(args, cwd=tmp_path)
    assert result.returncode == 0
    assert result.stderr == ""
    for word in mentions:
        assert word in result.stdout


def test_an_unknown_command_is_a_usage_error(tmp_path: Path) -> None:
    result = run(["frobnicate"], cwd=tmp_path)
    assert result.returncode == 2
    assert "invalid choice: 'frobnicate'" in result.stderr


# --- the console script ---------------------------------------------------------------------------


@pytest.mark.skipif(not CONSOLE_SCRIPT.exists(), reason="the `course` console script is not installed in this environment")
@pytest.mark.parametrize(
    "args", [["validate", "broken"], ["validate", "broken", "--format", "json"], ["info", "good", "--json"], ["--help"]]
)
def test_console_script_behaves_like_python_m_course(tmp_path: Path, args: list[str]) -> None:
    write_broken(tmp_path / "broken")
    write_rich_course(tmp_path / "good")
    module = run(args, cwd=tmp_path)
    script = run(args, cwd=tmp_path, command=[str(CONSOLE_SCRIPT)])
    assert (script.returncode, script.stdout, script.stderr) == (module.returncode, module.stdout, module.stderr)

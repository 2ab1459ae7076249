"""``course import-gift`` and ``course export-gift`` run as an instructor would, in a subprocess, on
courses written by the course factory; each result is checked with ``course validate``."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from course.loading.loader import bundled_course_path
from tests.helpers.cli import run_course
from tests.helpers.course_factory import MODULE_DIR, QUIZ_TOML, write_course

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "gift"
LOCATED = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<severity>error|warning)\[(?P<code>G\d{3})\]: .+$")


def validate_errors(course: Path, cwd: Path) -> list[str]:
    result = run_course("validate", str(course), cwd=cwd)
    assert "Traceback" not in result.stderr
    return [line for line in result.stdout.splitlines() if ": error[" in line]


def test_every_good_fixture_imports_and_the_course_validates(tmp_path: Path) -> None:
    course = write_course(tmp_path / "course")
    names = ["every-type", "escapes-and-comments", "markers", "weights-and-numbers", "not-imported"]
    for name in names:
        result = run_course("import-gift", str(FIXTURES / f"{name}.gift"), "--module", str(course / MODULE_DIR), cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr
        assert re.search(
            rf"^imported \d+ question\(s\) from .*{name}\.gift into course/{MODULE_DIR}/quiz\.toml", result.stdout, re.M
        )
        assert all(LOCATED.match(line) for line in result.stderr.splitlines()), result.stderr
    assert validate_errors(course, tmp_path) == []
    info = run_course("info", str(course), "--json", cwd=tmp_path)
    assert '"questions": 21' in info.stdout


def test_the_report_says_what_was_not_imported_and_which_objective_was_used(tmp_path: Path) -> None:
    course = write_course(tmp_path / "course")
    result = run_course("import-gift", str(FIXTURES / "not-imported.gift"), "--module", str(course / MODULE_DIR), cwd=tmp_path)
    warnings = [m.group("code", "line") for m in map(LOCATED.match, result.stderr.splitlines()) if m]
    assert [w for w in warnings if w[0] != "G213"] == [
        ("G201", "3"),
        ("G201", "5"),
        ("G202", "7"),
        ("G203", "9"),
        ("G203", "12"),
        ("G204", "14"),
    ]
    assert "essay 'Essay' is not imported" in result.stderr
    assert (
        "objective: 'm1-o1' for 1 question(s) (the module's first objective; choose another with --objective ID)" in result.stdout
    )
    assert "not imported: 6 question(s)" in result.stdout


def test_a_malformed_file_gives_located_errors_exit_1_and_writes_nothing(tmp_path: Path) -> None:
    course = write_course(tmp_path / "course")
    result = run_course("import-gift", str(FIXTURES / "malformed.gift"), "--module", str(course / MODULE_DIR), cwd=tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    errors = [
        m.group("line", "col", "code") for m in map(LOCATED.match, result.stderr.splitlines()) if m and m["severity"] == "error"
    ]
    assert errors == [("3", "48", "G102"), ("5", "33", "G103"), ("7", "25", "G104"), ("9", "1", "G105"), ("11", "30", "G111")]
    assert result.stderr.strip().endswith("nothing was imported")
    assert (course / MODULE_DIR / "quiz.toml").read_text(encoding="utf-8") == QUIZ_TOML


def test_html_with_a_script_is_rejected_with_its_line(tmp_path: Path) -> None:
    course = write_course(tmp_path / "course", quiz=None)
    result = run_course("import-gift", str(FIXTURES / "html-script.gift"), "--module", str(course / MODULE_DIR), cwd=tmp_path)
    assert result.returncode == 1
    rows = [m.group("line", "code") for m in map(LOCATED.match, result.stderr.splitlines()) if m]
    assert rows == [("3", "G116"), ("5", "G116"), ("7", "G116"), ("9", "G116"), ("11", "G116"), ("13", "G116")]
    assert "HTML <script> is not imported" in result.stderr
    assert not (course / MODULE_DIR / "quiz.toml").exists()


def test_dry_run_prints_the_toml_and_writes_nothing(tmp_path: Path) -> None:
    course = write_course(tmp_path / "course")
    result = run_course(
        "import-gift", str(FIXTURES / "every-type.gift"), "--module", str(course / MODULE_DIR), "--dry-run", cwd=tmp_path
    )
    assert result.returncode == 0
    assert result.stdout.startswith("# Imported from every-type.gift by course import-gift.\n")
    assert result.stdout.count("[[question]]") == 8
    assert "would import 8 question(s)" in result.stderr
    assert (course / MODULE_DIR / "quiz.toml").read_text(encoding="utf-8") == QUIZ_TOML


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["missing.gift", "--module", "course/modules/01-basics"], "no such file: missing.gift"),
        (
            ["bank.gift", "--module", "course/modules"],
            "no module folder 'course/modules' in course/modules (its modules: 01-basics)",
        ),
        (["bank.gift", "--module", "loose"], "loose is not a module folder"),
        (["bank.gift", "--module", "course/modules/01-basics", "--objective", "nope"], "unknown objective 'nope'"),
        (["bank.gift"], "the following arguments are required: --module"),
    ],
)
def test_usage_errors_exit_2(tmp_path: Path, args: list[str], message: str) -> None:
    write_course(tmp_path / "course")
    (tmp_path / "loose").mkdir()
    (tmp_path / "bank.gift").write_text("Q {T}", encoding="utf-8")
    result = run_course("import-gift", *args, cwd=tmp_path)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("given", ["01-basics", "m1-basics"], ids=["folder-name", "module-id"])
def test_module_is_named_as_course_new_names_it_from_inside_the_course(tmp_path: Path, given: str) -> None:
    course = write_course(tmp_path / "course", quiz=None)
    result = run_course("import-gift", str(FIXTURES / "every-type.gift"), "--module", given, cwd=course)
    assert result.returncode == 0, result.stderr
    assert f"into {MODULE_DIR}/quiz.toml (a new quiz)" in result.stdout
    assert result.stdout.rstrip().endswith("check it: course validate .")
    assert (course / MODULE_DIR / "quiz.toml").read_text(encoding="utf-8").count("[[question]]") == 8
    assert validate_errors(course, course) == []


def test_an_unknown_module_lists_the_modules_and_course_names_the_course(tmp_path: Path) -> None:
    course = write_course(tmp_path / "course")
    (tmp_path / "bank.gift").write_text("Q {T####Yes.}", encoding="utf-8")
    unknown = run_course("import-gift", "../bank.gift", "--module", "02-nowhere", cwd=course)
    assert unknown.returncode == 2
    assert unknown.stderr.strip() == "course: error: no module folder '02-nowhere' in modules (its modules: 01-basics)"
    named = run_course("import-gift", "bank.gift", "--module", "m1-basics", "--course", "course", cwd=tmp_path)
    assert named.returncode == 0, named.stderr
    assert f"into course/{MODULE_DIR}/quiz.toml (added after what was there)" in named.stdout
    assert (course / MODULE_DIR / "quiz.toml").read_text(encoding="utf-8").startswith(QUIZ_TOML)
    assert validate_errors(course, tmp_path) == []


def test_export_a_module_to_standard_output_and_a_course_to_a_file(tmp_path: Path, mini_course_path: Path) -> None:
    course = tmp_path / "mini"
    shutil.copytree(mini_course_path, course)
    module = run_course("export-gift", str(course / "modules" / "01-basics"), cwd=tmp_path)
    assert module.returncode == 0, module.stderr
    assert module.stdout.startswith("// Exported from course 'mini'")
    assert "$CATEGORY: mini/" in module.stdout
    whole = run_course("export-gift", str(course), "--output", "all.gift", cwd=tmp_path)
    assert whole.returncode == 0, whole.stderr
    assert whole.stdout.startswith("exported ") and whole.stdout.rstrip().endswith("to all.gift")
    again = run_course("export-gift", str(course), "--output", "all.gift", cwd=tmp_path)
    assert again.returncode == 2 and "exists" in again.stderr
    assert run_course("export-gift", str(course), "-o", "all.gift", "--force", cwd=tmp_path).returncode == 0


def test_export_refuses_a_course_with_errors_and_a_folder_outside_any_course(tmp_path: Path) -> None:
    broken = write_course(tmp_path / "broken", quiz=QUIZ_TOML.replace('answer = "b"', 'answer = "z"'))
    result = run_course("export-gift", str(broken), cwd=tmp_path)
    assert result.returncode == 1 and "error[E203]" in result.stderr
    (tmp_path / "loose").mkdir()
    assert run_course("export-gift", str(tmp_path / "loose"), cwd=tmp_path).returncode == 2


def test_the_bundled_course_round_trips_through_the_cli(tmp_path: Path) -> None:
    course = tmp_path / "plasticity"
    shutil.copytree(bundled_course_path(), course)
    module = course / "modules" / "02-receptors-networks"
    exported = run_course("export-gift", str(module), "-o", "m2.gift", cwd=tmp_path)
    assert exported.returncode == 0, exported.stderr
    assert "course: not exported: question 'm2-q11': GIFT has no order questions" in exported.stderr
    original = (module / "quiz.toml").read_text(encoding="utf-8")
    (module / "quiz.toml").unlink()
    imported = run_course("import-gift", "m2.gift", "--module", str(module), cwd=tmp_path)
    assert imported.returncode == 0, imported.stderr
    assert validate_errors(course, tmp_path) == []
    again = run_course("export-gift", str(module), cwd=tmp_path)
    assert again.stdout.split("\n", 2)[2] == (tmp_path / "m2.gift").read_text(encoding="utf-8").split("\n", 2)[2]
    assert original.count("[[question]]") == (module / "quiz.toml").read_text(encoding="utf-8").count("[[question]]") + 1

"""``course transcript --format pdf|csv|json`` in a subprocess: the completed modules, scores, engaged
time, credit and certificate id of a learner who walked the CE track, for the learner the options name."""

from __future__ import annotations

import csv
import io
import json
import re
import stat
import subprocess
import sys
from pathlib import Path

import pypdf
import pytest

from course.engine import Study
from course.loading.loader import load_course
from progress_store import Store
from tests.helpers.ce_cli_course import COMPLETED_ON, ce_course, walk_track
from tests.helpers.cli import run_course
from tests.helpers.course_factory import write_course


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return {"COURSE_KEY_DIR": str(tmp_path / "keys")}


@pytest.fixture
def issued(tmp_path: Path, env: dict[str, str]) -> tuple[Path, Path, str]:
    """A CE course, a database where ana has finished the track, and the id of the certificate issued to her."""
    course, db = ce_course(tmp_path / "course"), tmp_path / "progress.db"
    walk_track(course, db)
    result = run_course("certificate", "issue", "--course", str(course), "--db", str(db), "-o", "c.pdf", cwd=tmp_path, env=env)
    assert result.returncode == 0, result.stderr
    found = re.search(r"CE-\S{4}-\S{4}-\S{4}", result.stdout)
    assert found
    return course, db, found.group(0)


def transcript(
    tmp_path: Path, course: Path, db: Path, *extra: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return run_course("transcript", "--course", str(course), "--db", str(db), *extra, cwd=tmp_path, env=env)


def test_json_on_standard_output(tmp_path: Path, issued: tuple[Path, Path, str]) -> None:
    course, db, certificate_id = issued
    result = transcript(tmp_path, course, db, "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert (data["learner"], data["course_id"], data["course_title"]) == ("ana", "demo", "Demo course")
    (module,) = data["modules"]
    assert (module["module_id"], module["completed_on"], module["best_score"], module["passed"]) == (
        "m1-basics",
        COMPLETED_ON,
        1.0,
        True,
    )
    assert module["engaged_minutes"] == 20 == data["engaged_minutes"]
    (certificate,) = data["certificates"]
    assert (certificate["certificate_id"], certificate["credit_claimed"]) == (certificate_id, 0.25)
    assert data["credit_claimed"] == 0.25


def test_csv_on_standard_output(tmp_path: Path, issued: tuple[Path, Path, str]) -> None:
    course, db, certificate_id = issued
    result = transcript(tmp_path, course, db, "--format", "csv", "--learner", "ana")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["record"], r["id"]) for r in rows] == [("module", "m1-basics"), ("certificate", certificate_id), ("total", "")]
    assert (rows[0]["score_percent"], rows[0]["passed"], rows[0]["engaged_minutes"]) == ("100.0", "yes", "20")
    assert (rows[1]["credit"], rows[1]["credit_type"], rows[1]["certificate_id"]) == (
        "0.25",
        "AMA PRA Category 1 Credit™",
        certificate_id,
    )


def test_pdf_to_its_default_file_and_never_over_another(tmp_path: Path, issued: tuple[Path, Path, str]) -> None:
    course, db, certificate_id = issued
    result = transcript(tmp_path, course, db, "--format", "pdf")
    assert result.returncode == 0, result.stderr
    target = tmp_path / "transcript-demo-ana.pdf"
    assert result.stdout == "wrote the transcript of ana to transcript-demo-ana.pdf\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    text = " ".join(pypdf.PdfReader(target).pages[0].extract_text().split())
    for wanted in (
        "Transcript",
        "Demo course",
        "Learner: ana",
        "Basics",
        COMPLETED_ON,
        "100%",
        "passed",
        "20 min",
        certificate_id,
        "0.25 AMA PRA",
    ):
        assert wanted in text, wanted
    again = transcript(tmp_path, course, db, "--format", "pdf")
    assert again.returncode == 2
    assert again.stderr == "course: error: transcript-demo-ana.pdf exists: give --force to replace it, or -o another file\n"
    assert transcript(tmp_path, course, db, "--format", "pdf", "--force").returncode == 0


def test_any_format_to_a_named_file_or_to_standard_output(tmp_path: Path, issued: tuple[Path, Path, str]) -> None:
    course, db, _ = issued
    named = transcript(tmp_path, course, db, "--format", "json", "-o", "t.json")
    assert named.returncode == 0 and json.loads((tmp_path / "t.json").read_text())["learner"] == "ana"
    command = [
        sys.executable,
        "-m",
        "course",
        "transcript",
        "--course",
        str(course),
        "--db",
        str(db),
        "--format",
        "pdf",
        "-o",
        "-",
    ]
    piped = subprocess.run(command, cwd=tmp_path, capture_output=True, timeout=60, stdin=subprocess.DEVNULL)
    assert piped.returncode == 0 and piped.stdout.startswith(b"%PDF-") and piped.stdout.rstrip().endswith(b"%%EOF")
    assert not list(tmp_path.glob("transcript-*.pdf"))


def test_a_course_without_ce_still_has_a_transcript(tmp_path: Path) -> None:
    course, db = write_course(tmp_path / "course"), tmp_path / "progress.db"
    store = Store.open(db)
    study = Study(load_course(course), store.learner("ana", "demo"))
    study.progress.open_lesson("m1-agonists")
    study.progress.complete_lesson("m1-agonists")
    store.close()
    result = transcript(tmp_path, course, db, "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert [m["module_id"] for m in data["modules"]] == ["m1-basics"]
    assert data["certificates"] == [] and data["credit_claimed"] == 0


def test_the_learner_must_be_known_and_the_format_given(tmp_path: Path, issued: tuple[Path, Path, str]) -> None:
    course, db, _ = issued
    unknown = transcript(tmp_path, course, db, "--format", "csv", "--learner", "zed")
    assert unknown.returncode == 2 and "no learner named 'zed'" in unknown.stderr
    no_format = transcript(tmp_path, course, db)
    assert no_format.returncode == 2 and "--format" in no_format.stderr
    assert "Traceback" not in unknown.stderr + no_format.stderr


def test_the_global_options_also_work_before_the_command(tmp_path: Path, issued: tuple[Path, Path, str]) -> None:
    course, db, certificate_id = issued
    args = ("--course", str(course), "--db", str(db), "--learner", "ana", "transcript", "--format", "json")
    result = run_course(*args, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["certificates"][0]["certificate_id"] == certificate_id

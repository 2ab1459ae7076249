"""``course certificate issue|verify|public-key`` in a subprocess, on a small CE course a learner has
walked through with the engine (acknowledge, read, engaged time, pass the post-test, evaluate, attest)."""

from __future__ import annotations

import os
import re
import stat
import subprocess
from pathlib import Path

import pypdf
import pytest

from course.certificates.statements import date_text
from progress_store import Store
from tests.helpers.ce_cli_course import COMPLETED_ON, ce_course, walk_track
from tests.helpers.cli import run_course
from tests.helpers.course_factory import write_course


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return {"COURSE_KEY_DIR": str(tmp_path / "keys")}


@pytest.fixture
def finished(tmp_path: Path) -> tuple[Path, Path]:
    """A CE course and a database in which learner ana has met every requirement."""
    course, db = ce_course(tmp_path / "course"), tmp_path / "progress.db"
    walk_track(course, db)
    return course, db


def issue(tmp_path: Path, course: Path, db: Path, env: dict[str, str], *extra: str) -> subprocess.CompletedProcess[str]:
    return run_course("certificate", "issue", "--course", str(course), "--db", str(db), *extra, cwd=tmp_path, env=env)


def test_public_key_is_made_on_first_use_and_printed_as_pem(tmp_path: Path, env: dict[str, str]) -> None:
    first = run_course("certificate", "public-key", cwd=tmp_path, env=env)
    assert first.returncode == 0, first.stderr
    assert first.stdout.startswith("-----BEGIN PUBLIC KEY-----") and first.stdout.rstrip().endswith("-----END PUBLIC KEY-----")
    assert "PRIVATE" not in first.stdout + first.stderr
    assert re.search(r"key sha256:[0-9a-f]{64}", first.stderr)
    private = tmp_path / "keys" / "certificate-signing-key.pem"
    assert stat.S_IMODE(private.stat().st_mode) == 0o600
    private_text = private.read_text()
    second = run_course("certificate", "public-key", cwd=tmp_path, env=env)
    assert second.stdout == first.stdout
    assert private_text.splitlines()[1] not in first.stdout + second.stdout + first.stderr


def test_issue_lists_what_is_missing_and_exits_1(tmp_path: Path, env: dict[str, str]) -> None:
    course, db = ce_course(tmp_path / "course"), tmp_path / "progress.db"
    walk_track(course, db, finish=False)
    result = issue(tmp_path, course, db, env)
    assert result.returncode == 1, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "no certificate yet for ana: 5 requirement(s) not met"
    assert [line.split(":")[0] for line in lines[1:]] == [
        "  [ ] Read every lesson",
        "  [ ] Spend at least 15 minutes engaged with the lessons and quizzes",
        "  [ ] Pass the post-test (Basics post-test) with at least 75%",
        "  [ ] Complete the evaluation of the activity",
        "  [ ] Claim your credit and affirm that the time was your own",
    ]
    assert not list(tmp_path.glob("*.pdf"))


def test_issue_writes_a_signed_pdf_that_verifies(tmp_path: Path, env: dict[str, str], finished: tuple[Path, Path]) -> None:
    course, db = finished
    result = issue(tmp_path, course, db, env)
    assert result.returncode == 0, result.stderr
    match = re.fullmatch(
        r"issued certificate (CE-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}) to ana: (certificate-CE-\S+\.pdf)\n", result.stdout
    )
    assert match, result.stdout
    pdf = tmp_path / match.group(2)
    assert pdf.name == f"certificate-{match.group(1)}.pdf"
    assert stat.S_IMODE(pdf.stat().st_mode) == 0o600
    text = pypdf.PdfReader(pdf).pages[0].extract_text()
    completed = f"Completed on {date_text(COMPLETED_ON)}"
    for wanted in ("ana", "Agonists for clinicians", completed, "0.25 AMA PRA Category 1 Credit™", match.group(1)):
        assert wanted in text
    verified = run_course("certificate", "verify", str(pdf), cwd=tmp_path, env=env)
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert verified.stdout.startswith(
        f'valid: {match.group(1)} ana, "Agonists for clinicians", completed {COMPLETED_ON}, 0.25 AMA PRA'
    )


def test_issuing_again_gives_the_same_certificate_and_never_overwrites_without_force(
    tmp_path: Path, env: dict[str, str], finished: tuple[Path, Path]
) -> None:
    course, db = finished
    target = tmp_path / "mine.pdf"
    assert issue(tmp_path, course, db, env, "-o", str(target)).returncode == 0
    written = target.read_bytes()
    target.write_bytes(b"my own file")
    refused = issue(tmp_path, course, db, env, "-o", str(target))
    assert refused.returncode == 2
    assert refused.stderr == f"course: error: {target} exists: give --force to replace it, or -o another file\n"
    assert target.read_bytes() == b"my own file"
    forced = issue(tmp_path, course, db, env, "-o", str(target), "--force")
    assert forced.returncode == 0, forced.stderr
    assert target.read_bytes() == written  # the same certificate, signed by the same key


def test_verify_with_the_published_key_and_with_a_wrong_one(
    tmp_path: Path, env: dict[str, str], finished: tuple[Path, Path]
) -> None:
    course, db = finished
    pdf = tmp_path / "cert.pdf"
    assert issue(tmp_path, course, db, env, "-o", str(pdf)).returncode == 0
    published = tmp_path / "institution.pem"
    published.write_text(run_course("certificate", "public-key", cwd=tmp_path, env=env).stdout)
    elsewhere = {"COURSE_KEY_DIR": str(tmp_path / "other-keys")}  # another installation, with no key of its own yet
    with_key = run_course("certificate", "verify", str(pdf), "--key", str(published), cwd=tmp_path, env=elsewhere)
    assert with_key.returncode == 0 and with_key.stdout.startswith("valid: CE-")
    no_key = run_course("certificate", "verify", str(pdf), cwd=tmp_path, env=elsewhere)
    assert no_key.returncode == 2 and "has no signing key yet" in no_key.stderr and "--key FILE" in no_key.stderr
    other_pem = tmp_path / "other.pem"
    other_pem.write_text(run_course("certificate", "public-key", cwd=tmp_path, env=elsewhere).stdout)
    wrong = run_course("certificate", "verify", str(pdf), "--key", str(other_pem), cwd=tmp_path, env=env)
    assert wrong.returncode == 1
    assert wrong.stdout.startswith(f"invalid: {pdf}\n  signature does not match the key sha256:")


def test_verify_reports_a_changed_payload_byte(tmp_path: Path, env: dict[str, str], finished: tuple[Path, Path]) -> None:
    course, db = finished
    pdf = tmp_path / "cert.pdf"
    assert issue(tmp_path, course, db, env, "-o", str(pdf)).returncode == 0
    data = pdf.read_bytes()
    at = data.index(b'"credit_claimed":0.25')  # the attachment comes before the XMP copy
    pdf.write_bytes(data[:at] + b'"credit_claimed":0.75' + data[at + 21 :])
    result = run_course("certificate", "verify", str(pdf), cwd=tmp_path, env=env)
    assert result.returncode == 1
    assert "  payload altered: signature does not match\n" in result.stdout
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"hello\n", "it is not a PDF file"), (b"%PDF-1.4\n%%EOF\n", "it cannot be read as a PDF")],
    ids=["text", "empty-pdf"],
)
def test_verify_of_a_file_that_is_no_certificate_says_so(
    tmp_path: Path, env: dict[str, str], content: bytes, message: str
) -> None:
    run_course("certificate", "public-key", cwd=tmp_path, env=env)
    path = tmp_path / "file.pdf"
    path.write_bytes(content)
    result = run_course("certificate", "verify", str(path), cwd=tmp_path, env=env)
    assert result.returncode == 1
    assert result.stderr.startswith(f"course: error: {path} is not a certificate: {message}")
    assert "Traceback" not in result.stderr


def test_verify_of_a_missing_file_is_a_usage_error(tmp_path: Path, env: dict[str, str]) -> None:
    run_course("certificate", "public-key", cwd=tmp_path, env=env)
    result = run_course("certificate", "verify", str(tmp_path / "absent.pdf"), cwd=tmp_path, env=env)
    assert (result.returncode, result.stderr) == (2, f"course: error: no such file: {tmp_path / 'absent.pdf'}\n")


def test_issue_for_a_course_without_ce_says_it_is_no_activity(tmp_path: Path, env: dict[str, str]) -> None:
    course, db = write_course(tmp_path / "course"), tmp_path / "progress.db"
    Store.open(db).learner("ana", "demo")
    result = issue(tmp_path, course, db, env)
    assert result.returncode == 1
    assert result.stderr == "course: error: the course 'demo' has no [ce] section: it is not a continuing-education activity\n"


def test_issue_names_the_learner_when_several_share_the_database(
    tmp_path: Path, env: dict[str, str], finished: tuple[Path, Path]
) -> None:
    course, db = finished
    store = Store.open(db)
    store.learner("ben", "demo")
    store.close()
    ambiguous = issue(tmp_path, course, db, env)
    assert ambiguous.returncode == 2 and "several learners" in ambiguous.stderr and "--learner NAME" in ambiguous.stderr
    unknown = issue(tmp_path, course, db, env, "--learner", "cy")
    assert unknown.returncode == 2 and "no learner named 'cy'" in unknown.stderr
    named = issue(tmp_path, course, db, env, "--learner", "ana")
    assert named.returncode == 0, named.stderr
    assert not os.environ.get("COURSE_KEY_DIR")  # the key folder came from the test, not the caller


def test_a_name_the_certificate_font_lacks_issues_nothing(tmp_path: Path, env: dict[str, str]) -> None:
    course, db = ce_course(tmp_path / "course"), tmp_path / "p.db"
    walk_track(course, db, learner="李明")
    refused = issue(tmp_path, course, db, env, "--learner", "李明")
    assert refused.returncode == 1 and refused.stdout == ""
    assert refused.stderr.startswith("course: error: no certificate was issued: the certificate holds characters")
    assert "Traceback" not in refused.stderr and len(refused.stderr.strip().splitlines()) == 1
    store = Store.open(db)
    assert store.learner("李明", "demo").certificates() == []
    store.close()

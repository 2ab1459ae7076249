"""`course push` against a real LRS (ralph-malph, fs backend, in its own venv; see tests/helpers/lrs.py)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from course.lrs_client import Credentials, LrsClient, LrsError
from progress_store import Store
from tests.helpers.cli import run_course
from tests.helpers.lrs import RalphServer, RalphUnavailable, ralph_server

ADL = "http://adlnet.gov/expapi/verbs/"
LRS_ADDED = ("stored", "authority", "version")  # what an LRS sets on a statement it stores (Data 2.4.8-2.4.10)


@pytest.fixture
def lrs(tmp_path: Path) -> Iterator[RalphServer]:
    try:
        with ralph_server(tmp_path / "ralph") as server:
            yield server
    except RalphUnavailable as error:
        pytest.fail(f"the real-LRS tests need ralph-malph in its own venv and could not get it: {error}")


def seed(db: Path, learner: str = "ana", answers: int = 2) -> None:
    with Store.open(db) as store:
        progress = store.learner(learner, "mini")
        progress.open_lesson("neurons")
        attempt = progress.start_attempt("basics-quiz", 3, [f"q{i}" for i in range(answers)])
        for i in range(answers):
            progress.record_answer(attempt.id, f"q{i}", {"choice": i}, float(i % 2), 1.0, bool(i % 2))
        progress.finish_attempt(attempt.id, float(answers // 2), float(answers), False)


def push(tmp_path: Path, course: Path, lrs: RalphServer, *args: str, env: dict[str, str] | None = None) -> Any:
    base = {"COURSE_LRS_USER": lrs.user, "COURSE_LRS_PASSWORD": lrs.password, **(env or {})}
    return run_course(
        "--course", str(course), "--db", str(tmp_path / "p.db"), "push", "--lrs", lrs.xapi, *args, cwd=tmp_path, env=base
    )


def exported(tmp_path: Path, course: Path, learner: str = "ana") -> list[dict[str, Any]]:
    done = run_course(
        "--course", str(course), "--db", str(tmp_path / "p.db"), "--learner", learner, "export", "--format", "xapi", cwd=tmp_path
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return [json.loads(line) for line in done.stdout.splitlines()]


def client(lrs: RalphServer) -> LrsClient:
    return LrsClient(lrs.xapi, Credentials(user=lrs.user, password=lrs.password), retries=0)


def read_back(lrs: RalphServer, **params: str) -> list[dict[str, Any]]:
    """Every statement the LRS returns for ``params`` (following ``more`` links)."""
    found = client(lrs).get({"limit": "500", **params})
    statements = list(found["statements"])
    assert not found.get("more"), "the test expects one page"
    return statements


def stored_as_sent(statement: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in statement.items() if key not in LRS_ADDED}


def test_push_sends_every_statement_once_and_the_lrs_returns_them_by_filter(
    tmp_path: Path, mini_course_path: Path, lrs: RalphServer
) -> None:
    seed(tmp_path / "p.db")
    sent = exported(tmp_path, mini_course_path)
    first = push(tmp_path, mini_course_path, lrs)
    assert first.returncode == 0, first.stderr
    assert f"ana: sent {len(sent)} statement(s)" in first.stdout
    assert lrs.password not in first.stdout + first.stderr

    stored = {s["id"]: s for s in read_back(lrs)}
    assert sorted(stored) == sorted(s["id"] for s in sent)
    for statement in sent:  # one by one, as sent
        assert stored_as_sent(stored[statement["id"]]) == statement
    answered = read_back(lrs, verb=ADL + "answered")
    assert sorted(s["id"] for s in answered) == sorted(s["id"] for s in sent if s["verb"]["id"] == ADL + "answered")
    lesson = next(s for s in sent if s["verb"]["id"] == ADL + "launched")["object"]["id"]
    assert [s["id"] for s in read_back(lrs, activity=lesson)] == [next(s["id"] for s in sent if s["object"]["id"] == lesson)]
    registration = next(s for s in sent if "registration" in s["context"])["context"]["registration"]
    assert len(read_back(lrs, registration=registration)) == len(sent) - 1  # all but the lesson's

    again = push(tmp_path, mini_course_path, lrs)
    assert again.returncode == 0 and "ana: sent 0 statement(s)" in again.stdout, again.stderr
    lines = lrs.statements_file.read_text().splitlines()
    assert len(lines) == len(sent), "pushing again stored nothing new"

    with Store.open(tmp_path / "p.db") as store:  # new events: only they go
        store.learner("ana", "mini").complete_lesson("neurons")
    third = push(tmp_path, mini_course_path, lrs)
    assert third.returncode == 0 and "ana: sent 1 statement(s)" in third.stdout, third.stderr
    assert len(read_back(lrs)) == len(sent) + 1


def test_a_push_cut_before_marking_sends_only_the_rest_without_duplicates(
    tmp_path: Path, mini_course_path: Path, lrs: RalphServer
) -> None:
    """The LRS stored statements the store never marked (the push was cut): the next push still ends with one of each."""
    seed(tmp_path / "p.db", answers=5)
    statements = exported(tmp_path, mini_course_path)
    client(lrs).post(statements[:3])  # as if a push had sent these and died before marking them sent
    done = push(tmp_path, mini_course_path, lrs, "--batch-size", "2")
    assert done.returncode == 0, done.stderr
    ids = [s["id"] for s in read_back(lrs)]
    assert sorted(ids) == sorted(s["id"] for s in statements) and len(ids) == len(set(ids))


def test_dry_run_and_status_send_nothing(tmp_path: Path, mini_course_path: Path, lrs: RalphServer) -> None:
    seed(tmp_path / "p.db")
    statements = exported(tmp_path, mini_course_path)
    dry = push(tmp_path, mini_course_path, lrs, "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert [json.loads(line)["id"] for line in dry.stdout.splitlines()] == [s["id"] for s in statements]
    assert f"would send {len(statements)} statement(s)" in dry.stderr
    assert read_back(lrs) == []
    status = run_course("--course", str(mini_course_path), "--db", str(tmp_path / "p.db"), "push", "--status", cwd=tmp_path)
    assert status.returncode == 0 and "ana: 0 queued, 0 sent" in status.stdout, status.stderr
    assert push(tmp_path, mini_course_path, lrs).returncode == 0
    status = run_course("--course", str(mini_course_path), "--db", str(tmp_path / "p.db"), "push", "--status", cwd=tmp_path)
    assert f"ana: 0 queued, {len(statements)} sent; last sent" in status.stdout


def test_a_second_lrs_gets_everything_and_status_names_both(tmp_path: Path, mini_course_path: Path, lrs: RalphServer) -> None:
    seed(tmp_path / "p.db")
    statements = exported(tmp_path, mini_course_path)
    assert push(tmp_path, mini_course_path, lrs).returncode == 0
    try:
        with ralph_server(tmp_path / "second") as second:
            moved = push(tmp_path, mini_course_path, second)
            assert moved.returncode == 0 and f"ana: sent {len(statements)} statement(s)" in moved.stdout, moved.stderr
            assert sorted(s["id"] for s in read_back(second)) == sorted(s["id"] for s in statements)
            again = push(tmp_path, mini_course_path, second)
            assert "ana: sent 0 statement(s)" in again.stdout
            status = run_course(
                "--course", str(mini_course_path), "--db", str(tmp_path / "p.db"), "push", "--status", cwd=tmp_path
            )
            lines = status.stdout.splitlines()
            assert lines[0].startswith(f"ana: 0 queued, {len(statements)} sent; last sent ")
            assert sorted(line.split(": ")[0].strip() for line in lines[1:]) == sorted(
                f"{url}/statements" for url in (lrs.xapi, second.xapi)
            )
            one = push(tmp_path, mini_course_path, second, "--status")
            assert one.stdout.startswith(f"ana: 0 queued, {len(statements)} sent; last sent ") and second.xapi in one.stdout
    except RalphUnavailable as error:
        pytest.fail(f"the real-LRS tests need ralph-malph in its own venv and could not get it: {error}")
    assert len(read_back(lrs)) == len(statements), "the first LRS got nothing twice"


def test_wrong_credentials_leave_everything_queued(tmp_path: Path, mini_course_path: Path, lrs: RalphServer) -> None:
    seed(tmp_path / "p.db")
    done = push(tmp_path, mini_course_path, lrs, env={"COURSE_LRS_PASSWORD": "not the password"})
    assert done.returncode == 1 and "HTTP 401" in done.stderr and "stay queued" in done.stderr
    assert "not the password" not in done.stdout + done.stderr and "Traceback" not in done.stderr
    status = run_course("--course", str(mini_course_path), "--db", str(tmp_path / "p.db"), "push", "--status", cwd=tmp_path)
    assert "ana: 5 queued, 0 sent" in status.stdout


def test_credentials_from_a_private_file(tmp_path: Path, mini_course_path: Path, lrs: RalphServer) -> None:
    seed(tmp_path / "p.db")
    secrets = tmp_path / "lrs.toml"
    secrets.write_text(f'user = "{lrs.user}"\npassword = "{lrs.password}"\n')
    secrets.chmod(0o644)
    env = {"COURSE_LRS_USER": "", "COURSE_LRS_PASSWORD": ""}
    loose = push(tmp_path, mini_course_path, lrs, "--credentials", str(secrets), env=env)
    assert loose.returncode == 2 and "readable by others" in loose.stderr
    secrets.chmod(0o600)
    done = push(tmp_path, mini_course_path, lrs, "--credentials", str(secrets), env=env)
    assert done.returncode == 0, done.stderr
    assert len(read_back(lrs)) == 5


def test_ralph_5_1_fs_backend_needs_the_wrapper(tmp_path: Path, mini_course_path: Path) -> None:
    """What tests/helpers/ralph_fs_app.py fixes is true of the pinned ralph: without it a second write fails
    and verb filters match nothing. If this test fails, the pinned ralph fixed them: drop the wrapper."""
    seed(tmp_path / "p.db")
    statements = exported(tmp_path, mini_course_path)
    try:
        with ralph_server(tmp_path / "plain", fixed=False) as plain:
            client(plain).post(statements[:1])
            with pytest.raises(LrsError, match="HTTP 5"):
                client(plain).post(statements[1:2])
            assert read_back(plain, verb=statements[0]["verb"]["id"]) == []
            assert len(read_back(plain)) == 1
    except RalphUnavailable as error:
        pytest.fail(f"the real-LRS tests need ralph-malph in its own venv and could not get it: {error}")

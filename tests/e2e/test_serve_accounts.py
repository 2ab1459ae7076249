"""``course serve`` accounts on real files: hashed, private, first claim wins, failures slowed down."""

from __future__ import annotations

import json
import stat
import threading
import time
from pathlib import Path

from course.serve.accounts import Accounts, name_key
from course.serve.server import ServeOptions, is_loopback, session_command


def test_password_is_hashed_private_and_checked(tmp_path: Path) -> None:
    accounts = Accounts.beside(tmp_path / "class.db")
    assert accounts.folder == tmp_path / "class.accounts"
    assert accounts.check("Ann", "anything at all") == "new"
    assert accounts.create("Ann", "correct horse battery") == "ok"
    file = accounts.folder / f"{name_key('Ann')}.json"
    assert stat.S_IMODE(accounts.folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(file.stat().st_mode) == 0o600
    record = json.loads(file.read_text())
    assert record["name"] == "Ann" and "correct horse" not in file.read_text()
    assert (record["n"], record["r"], record["p"]) == (2**14, 8, 1) and len(record["salt"]) == 24
    assert accounts.check("Ann", "correct horse battery") == "ok"
    assert accounts.check("ann", "correct horse battery") == "new"  # names are exact, as in the store
    assert [p.name for p in accounts.folder.iterdir()] == [file.name]  # no temporary file left


def test_same_password_two_learners_two_different_hashes(tmp_path: Path) -> None:
    accounts = Accounts(tmp_path / "accounts")
    accounts.create("Ann", "the same password")
    accounts.create("Bob", "the same password")
    hashes = {json.loads(p.read_text())["hash"] for p in accounts.folder.iterdir()}
    assert len(hashes) == 2  # a salt of its own each


def test_wrong_password_waits_and_says_only_wrong(tmp_path: Path) -> None:
    accounts = Accounts(tmp_path / "accounts", delay_s=0.3)
    accounts.create("Ann", "correct horse battery")
    started = time.monotonic()
    assert accounts.check("Ann", "Correct horse battery") == "wrong"
    assert time.monotonic() - started >= 0.3
    started = time.monotonic()
    assert accounts.check("Ann", "correct horse battery") == "ok"
    assert time.monotonic() - started < 0.3


def test_a_damaged_account_file_never_lets_anyone_in(tmp_path: Path) -> None:
    accounts = Accounts(tmp_path / "accounts", delay_s=0)
    accounts.create("Ann", "correct horse battery")
    file = accounts.folder / f"{name_key('Ann')}.json"
    for damaged in ("{not json", json.dumps({"name": "Ann"}), json.dumps({"name": "Eve", "salt": "", "hash": ""})):
        file.write_text(damaged)
        assert accounts.check("Ann", "correct horse battery") == "wrong"
    assert accounts.create("Ann", "a new password") == "taken"  # nor can it be claimed again


def test_two_visitors_claiming_one_new_name_at_once_one_wins(tmp_path: Path) -> None:
    accounts = Accounts(tmp_path / "accounts")
    outcomes: dict[int, str] = {}
    barrier = threading.Barrier(4)

    def claim(number: int) -> None:
        barrier.wait()
        outcomes[number] = accounts.create("Ann", f"password number {number}")

    threads = [threading.Thread(target=claim, args=(i,)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes.values()) == ["ok", "taken", "taken", "taken"]
    winner = next(number for number, outcome in outcomes.items() if outcome == "ok")
    fast = Accounts(accounts.folder, delay_s=0)
    assert [fast.check("Ann", f"password number {i}") for i in range(4)] == ["ok" if i == winner else "wrong" for i in range(4)]


def test_loopback_and_the_command_each_visitor_runs(tmp_path: Path) -> None:
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.10") and not is_loopback("example.org")
    options = ServeOptions(course=tmp_path / "my course", db=tmp_path / "class; rm -rf.db", require_password=True)
    command = session_command(options)
    assert command.startswith("exec ") and "'" + str(tmp_path / "class; rm -rf.db") + "'" in command
    assert command.endswith("--require-password")

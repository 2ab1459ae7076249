"""Every command against mistakes (issue #15): missing, wrong or conflicting options, unwritable outputs
and whitespace-only names answer in one line on stderr, print nothing on stdout, exit 2, never show a
traceback and leave no file behind (no database, no data folder).

The cases come from the parser itself (``course.cli.build_parser``): every sub-command, and every
required argument, typed or choice option, output and ``--learner`` option of each, so a new command
or option is covered as soon as it exists. Only the conflicting options are listed by hand.
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from course.cli import build_parser
from course.cli_context import learner_name
from course.cli_options import sub_commands
from progress_store import Store
from tests.helpers.cli import run_course

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini-course"
GIFT = Path(__file__).resolve().parents[1] / "fixtures" / "gift" / "every-type.gift"
BAD_VALUE = "no-such-value"
# A value for each required argument, so that a case has exactly one mistake (the workspace's files).
SAMPLES = {
    "dir": "{course}",
    "path": "{course}",
    "what": "fresh-course",
    "file": "{gift}",
    "module": "{course}/modules/01-basics",
    "files": "{export}",
    "format": "json",
}
# Options that are required only together with others, or for what a command is asked to do.
MISSING: list[tuple[list[str], str]] = [
    (["push"], "name the LRS with --lrs URL"),
    (["export", "--format", "csv"], "--format csv writes several files"),
    (["new", "lesson", "A title"], "needs --module MODULE_DIR"),
]
CONFLICTS: list[tuple[list[str], str]] = [
    (["validate", "{course}", "--course", "{gift}"], "give PATH or --course, not both"),
    (["info", "{course}", "--course", "{gift}"], "give PATH or --course, not both"),
    (["export", "{course}", "--course", "{gift}"], "give PATH or --course, not both"),
    (["push", "--status", "--dry-run"], "argument --dry-run: not allowed with argument --status"),
    (["push", "--lrs", "http://127.0.0.1:9/xAPI", "--user", "u", "--token", "t"], "give --user/--password or --token, not both"),
    (["--plain", "preview", "{course}"], "it has no --plain mode"),
    (["new", "quiz", "A title", "--module", "{course}/modules/01-basics"], "takes no TITLE argument"),
    (["new", "module", "A title", "--module", "{course}/modules/01-basics"], "takes no --module"),
]


def commands(
    parser: argparse.ArgumentParser, words: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], argparse.ArgumentParser]]:
    """Every command the parser runs: ``course`` itself (the app) and each leaf sub-command, with its words."""
    if not words:
        yield (), parser
    _, subs = sub_commands(parser)
    for name, sub in subs.items():
        if sub_commands(sub)[1]:
            yield from commands(sub, (*words, name))
        else:
            yield (*words, name), sub


def own_actions(parser: argparse.ArgumentParser) -> list[argparse.Action]:
    skipped = (argparse._HelpAction, argparse._VersionAction, argparse._SubParsersAction)
    return [a for a in parser._actions if not isinstance(a, skipped)]


def is_required(action: argparse.Action) -> bool:
    return action.required or (not action.option_strings and action.nargs not in ("?", "*"))


def takes_value(action: argparse.Action) -> bool:
    return action.nargs != 0


def is_output(action: argparse.Action) -> bool:
    return action.dest == "output" or (action.help or "").startswith("where to write")


def given(action: argparse.Action, value: str) -> list[str]:
    return [value] if not action.option_strings else [action.option_strings[0], value]


def base(parser: argparse.ArgumentParser, words: tuple[str, ...], leave_out: argparse.Action | None = None) -> list[str]:
    """``words`` and a sample value for each required argument but ``leave_out``."""
    args = list(words)
    for action in own_actions(parser):
        if is_required(action) and action is not leave_out:
            assert action.dest in SAMPLES, f"`course {' '.join(words)}` needs a sample {action.dest} in SAMPLES"
            args += given(action, SAMPLES[action.dest])
    return args


def cases() -> Iterator[tuple[str, list[str], str]]:
    """(id, arguments, words expected in the one line) for every mistake of every command."""
    for words, parser in commands(build_parser()):
        name = "-".join(words) or "course"
        actions = own_actions(parser)
        yield f"{name}:unknown-option", [*base(parser, words), "--no-such-option"], "unrecognized arguments: --no-such-option"
        for action in filter(is_required, actions):
            yield f"{name}:missing-{action.dest}", base(parser, words, action), "the following arguments are required"
        valued = [a for a in actions if a.option_strings and takes_value(a)]
        if valued:
            option = valued[0].option_strings[0]
            yield f"{name}:no-value-for-{option}", [*base(parser, words), option], "expected one argument"
        for action in actions:
            typed = action.type not in (None, str, Path, learner_name)
            if action.choices is not None or typed:
                shown = action.option_strings[0] if action.option_strings else action.metavar or action.dest
                yield f"{name}:wrong-{action.dest}", [*base(parser, words), *given(action, BAD_VALUE)], f"argument {shown}"
            if action.type is learner_name:
                yield f"{name}:blank-learner", [*base(parser, words), "--learner", "   "], "cannot be empty or only spaces"
                yield f"{name}:control-learner", [*base(parser, words), "--learner", "\x1b[31mana"], "control characters"
            if is_output(action):
                db = ["--db", "{db}"] if any(a.dest == "db" for a in actions) else []
                yield f"{name}:unwritable-{action.dest}", [*base(parser, words), *db, *given(action, "{a_file}/out")], "a-file"
    for number, (args, expected) in enumerate(MISSING):
        yield f"{args[0]}:missing-together-{number}", args, expected
    for number, (args, expected) in enumerate(CONFLICTS):
        yield f"{args[0] if args[0] != '--plain' else args[1]}:conflict-{number}", args, expected


CASES = list(cases())


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """A course, a GIFT file, an export file, a regular file (no folder can be made under it) and a
    progress database where ana has records."""
    folder = tmp_path_factory.mktemp("mistakes")
    shutil.copytree(MINI, folder / "course")
    shutil.copy(GIFT, folder / "quiz.gift")
    (folder / "ana.json").write_text("{}\n", encoding="utf-8")
    (folder / "a-file").write_text("a file, not a folder\n", encoding="utf-8")
    with Store.open(folder / "p.db") as store:
        store.learner("ana", "mini").complete_lesson("neurons")
    return {
        "course": str(folder / "course"),
        "gift": str(folder / "quiz.gift"),
        "export": str(folder / "ana.json"),
        "a_file": str(folder / "a-file"),
        "db": str(folder / "p.db"),
        "root": str(folder),
    }


def tree(*folders: Path) -> set[Path]:
    return {path for folder in folders for path in folder.rglob("*")}


def test_the_cases_cover_every_command() -> None:
    names = {case_id.split(":")[0] for case_id, _, _ in CASES}
    expected = {"course", "validate", "info", "export", "db-check", "db-backup", "new", "schema", "preview"}
    expected |= {"import-gift", "export-gift", "certificate-issue", "certificate-verify", "certificate-public-key"}
    assert expected | {"transcript", "stats", "push"} <= names
    kinds = {case_id.split(":")[1].split("-")[0] for case_id, _, _ in CASES}
    assert {"unknown", "missing", "no", "wrong", "blank", "control", "unwritable", "conflict"} <= kinds


@pytest.mark.parametrize(("args", "words"), [case[1:] for case in CASES], ids=[case[0] for case in CASES])
def test_a_mistake_is_one_line_and_exit_2(args: list[str], words: str, workspace: dict[str, str], tmp_path: Path) -> None:
    argv = [arg.format(**workspace) for arg in args]
    env = {"COURSE_DB": str(tmp_path / "progress.db"), "COURSE_KEY_DIR": str(tmp_path / "keys")}
    before = tree(tmp_path, Path(workspace["root"]))
    result = run_course(*argv, cwd=tmp_path, env=env)
    assert result.returncode == 2, (argv, result.stdout, result.stderr)
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1 and result.stderr.endswith("\n"), result.stderr
    assert result.stderr.startswith("course"), result.stderr
    assert words in result.stderr
    assert tree(tmp_path, Path(workspace["root"])) == before, "a mistake leaves no file behind"


def older_databases(folder: Path) -> dict[str, Path]:
    """An empty file, a released m001 database (rollback journal) and an m003 one in WAL mode."""
    fixtures = Path(__file__).resolve().parents[1] / "fixtures" / "databases"
    (folder / "empty.db").write_bytes(b"")
    shutil.copy(fixtures / "m001.db", folder / "m001.db")
    shutil.copy(fixtures / "m003.db", folder / "m003-wal.db")
    conn = sqlite3.connect(folder / "m003-wal.db")
    assert conn.execute("PRAGMA journal_mode = WAL").fetchone() == ("wal",)
    conn.close()
    return {"empty": folder / "empty.db", "m001": folder / "m001.db", "m003-wal": folder / "m003-wal.db"}


READ_ONLY = [["export"], ["export", "--format", "csv"], ["transcript", "--format", "json"]]
WORDS = {"empty": "is empty, not a progress database", "m001": "is from an older version", "m003-wal": "is from an older version"}


@pytest.mark.parametrize("command", READ_ONLY, ids=[" ".join(c) for c in READ_ONLY])
@pytest.mark.parametrize("kind", sorted(WORDS))
def test_a_read_only_command_never_changes_an_empty_or_older_database(command: list[str], kind: str, tmp_path: Path) -> None:
    """An empty --db does not become a database; an older one is not upgraded: one line, exit 2, same bytes."""
    db = older_databases(tmp_path)[kind]
    before, files = db.read_bytes(), tree(tmp_path)
    argv = ["--db", str(db), *command, "--course", str(MINI), "--learner", "ana", "-o", str(tmp_path / "out")]
    result = run_course(*argv, cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and WORDS[kind] in result.stderr, result.stderr
    if kind != "empty":
        assert "start `course` (the app) once to upgrade it" in result.stderr
    assert db.read_bytes() == before
    assert tree(tmp_path) == files, "no backup, no output, no -wal or -shm file left behind"

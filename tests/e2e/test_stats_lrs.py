"""`course stats --lrs`: a class's statements pushed to a real LRS (ralph, see tests/helpers/lrs.py) and
read back, page after page, give the same item analysis as the class's `course export` files."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.helpers.cli import run_course
from tests.helpers.lrs import RalphServer, RalphUnavailable, ralph_server
from tests.helpers.stats_class import LEARNERS, MINI, take_class

PAGE = 7  # statements a page, so that reading the class's ~40 statements follows `more` links


@pytest.fixture
def lrs(tmp_path: Path) -> Iterator[RalphServer]:
    try:
        with ralph_server(tmp_path / "ralph", settings={"RALPH_RUNSERVER_MAX_SEARCH_HITS_COUNT": str(PAGE)}) as server:
            yield server
    except RalphUnavailable as error:
        pytest.fail(f"the real-LRS tests need ralph-malph in its own venv and could not get it: {error}")


def course(tmp_path: Path, *args: str, lrs: RalphServer | None = None) -> Any:
    env = {"COURSE_LRS_USER": lrs.user, "COURSE_LRS_PASSWORD": lrs.password} if lrs else {}
    return run_course("--course", str(MINI), "--db", str(tmp_path / "class.db"), *args, cwd=tmp_path, env=env)


def test_stats_from_the_lrs_equal_stats_from_the_exports(tmp_path: Path, lrs: RalphServer) -> None:
    take_class(tmp_path / "class.db")
    pushed = course(tmp_path, "push", "--lrs", lrs.xapi, lrs=lrs)
    assert pushed.returncode == 0, pushed.stderr
    assert len(lrs.statements_file.read_text().splitlines()) > 3 * PAGE
    for learner in LEARNERS:
        done = course(tmp_path, "--learner", learner, "export", "-o", str(tmp_path / f"{learner}.json"))
        assert done.returncode == 0, done.stderr
    files = course(tmp_path, "stats", "--format", "json", *(str(tmp_path / f"{n}.json") for n in LEARNERS))
    remote = course(tmp_path, "stats", "--lrs", lrs.xapi, "--format", "json", lrs=lrs)
    assert remote.returncode == 0 and remote.stderr == "", remote.stderr
    from_files, from_lrs = json.loads(files.stdout), json.loads(remote.stdout)
    assert from_lrs.pop("lrs") == lrs.xapi + "/statements" and from_files.pop("files") == 5
    assert from_lrs == from_files
    quiz = next(q for q in from_lrs["quizzes"] if q["id"] == "basics-quiz")
    assert (quiz["attempts"], quiz["mean"]) == (4, 0.5)
    assert lrs.password not in remote.stdout + remote.stderr

    text = course(tmp_path, "stats", "--lrs", lrs.xapi, lrs=lrs)
    assert f"Statements read from the LRS at {lrs.xapi}/statements" in text.stdout
    assert "  4 attempt(s) by 4 learner(s) · mean 50% · median 50% · SD 58%" in text.stdout.splitlines()


def test_stats_lrs_mistakes_answer_in_one_line(tmp_path: Path, lrs: RalphServer) -> None:
    both = course(tmp_path, "stats", "x.json", "--lrs", lrs.xapi)
    assert (both.returncode, both.stderr) == (2, "course: error: give export files or --lrs URL (one of the two)\n")
    neither = course(tmp_path, "stats")
    assert neither.returncode == 2 and neither.stderr.count("\n") == 1
    refused = course(tmp_path, "stats", "--lrs", lrs.xapi, "--user", lrs.user, "--password", "wrong", "--format", "json")
    assert refused.returncode == 1 and refused.stdout == ""
    assert refused.stderr.startswith("course: error: the LRS at ") and "HTTP 401" in refused.stderr
    assert refused.stderr.count("\n") == 1

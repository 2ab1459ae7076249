"""Item analysis from xAPI statements: the statements a class's events project to give the same
attempts, and so the same figures, as the class's `course export` files."""

from __future__ import annotations

import copy
import json
import random
from pathlib import Path
from typing import Any

from course.analysis.exports import read_exports
from course.analysis.report import analyse
from course.analysis.xapi_records import attempt_records
from course.loading.loader import load_course
from course.xapi.statements import Projection, project
from progress_store import Store
from progress_store.export import export_learner, write_private_text
from tests.helpers.stats_class import LEARNERS, MINI, take_class

IRIS = Projection("https://lrs.example.org/school/")
COURSE_IRI, PLAN = IRIS.course_iri("mini"), IRIS.extension("attempt")


def class_statements_and_exports(tmp_path: Path) -> tuple[list[dict[str, Any]], list[Path]]:
    take_class(tmp_path / "class.db")
    statements, files = [], []
    with Store.open(tmp_path / "class.db") as store:
        for learner in LEARNERS:
            progress = store.learner(learner, "mini")
            statements += project(progress.events(), IRIS)
            files.append(tmp_path / f"{learner}.json")
            write_private_text(files[-1], json.dumps(export_learner(progress)))
    return statements, files


def comparable(records: list[Any]) -> list[tuple[Any, ...]]:
    """The parts of attempt records both sources have (the learner's key and the tie-break order differ)."""
    return sorted((r.quiz_id, r.started_at[:19], r.finished, r.question_ids, r.answers, r.max_score, r.retry) for r in records)


def test_statements_give_the_exports_attempts_and_figures(tmp_path: Path) -> None:
    statements, files = class_statements_and_exports(tmp_path)
    course = load_course(MINI)
    random.Random(5).shuffle(statements)  # an LRS returns them newest first, or in any order
    found = attempt_records(statements, COURSE_IRI, PLAN)
    exported = read_exports(files, "mini")
    assert found.skipped == 0 and found.learners == 5
    assert comparable(found.records) == comparable(exported.records)
    assert len(found.records) == 6 and sum(not r.finished for r in found.records) == 1  # eve never submitted
    from_lrs, from_files = analyse(course, found.records), analyse(course, exported.records)
    assert from_lrs.quizzes == from_files.quizzes and from_lrs.learners == from_files.learners == 4


def test_other_courses_and_unreadable_statements_are_left_out(tmp_path: Path) -> None:
    statements, _ = class_statements_and_exports(tmp_path)
    answered = next(s for s in statements if s["verb"]["id"].endswith("/answered"))
    elsewhere = copy.deepcopy(answered)
    elsewhere["object"]["id"] = IRIS.object_iri("other", "question", "bq1")
    no_score = copy.deepcopy(answered)
    no_score["id"], no_score["result"] = "x", {"success": True}
    odd_actor = copy.deepcopy(answered)
    odd_actor["actor"] = {"objectType": "Group"}
    not_a_statement: Any = {"verb": "answered"}
    found = attempt_records([*statements, elsewhere, no_score, odd_actor, not_a_statement], COURSE_IRI, PLAN)
    assert found.skipped == 3  # the other course's statement is simply not this course's
    assert comparable(found.records) == comparable(attempt_records(statements, COURSE_IRI, PLAN).records)


def test_a_retry_and_a_replaced_answer_are_read_as_the_store_has_them(tmp_path: Path) -> None:
    with Store.open(tmp_path / "p.db") as store:
        ann = store.learner("ann", "mini")
        first = ann.start_attempt("basics-quiz", 1, ["bq1", "bq2"])
        ann.record_answer(first.id, "bq1", "a", 0.0, 1.0, False)
        ann.record_answer(first.id, "bq1", "b", 1.0, 1.0, True)  # changed before submitting
        ann.finish_attempt(first.id, 1.0, 2.0, False)
        retry = ann.start_attempt("basics-quiz", 2, ["bq2"], kind="retry")
        ann.record_answer(retry.id, "bq2", ["a", "b"], 1.0, 1.0, True)
        ann.finish_attempt(retry.id, 1.0, 1.0, True)
        statements = project(ann.events(), IRIS)
    full, again = attempt_records(statements, COURSE_IRI, PLAN).records
    assert (full.question_ids, full.retry, full.max_score, full.finished) == (("bq1", "bq2"), False, 2.0, True)
    assert [(a.question_id, a.response, a.correct) for a in full.answers] == [("bq1", "b", True)]
    assert (again.question_ids, again.retry) == (("bq2",), True)
    assert [a.response for a in again.answers] == [["a", "b"]]

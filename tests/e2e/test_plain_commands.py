"""Plain-mode commands a screen reader can tell apart (issue #11, points 20 and 8): no command depends
on case, whole words work as well as letters, every prompt lists its commands, plain mode asks which
learner when several share the machine, glossary terms are named, and points have one format."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pytest

from course.domain.models import Course
from course.loading.loader import bundled_course_path, load_course
from progress_store import Store
from tests.e2e.test_plain_mode import Clock, play, stored
from tui.plain.session import run_plain

PROMPT = re.compile(r"(?m)^(Map|Module|Lesson|Answer|Submit|Results|Feeling|Rating|Learner)> ")


@pytest.fixture
def mini(mini_course_path: Path) -> Course:
    return load_course(mini_course_path)


def test_capital_q_quits_like_q_and_the_quiz_has_its_own_letter_and_word(mini: Course, db_path: Path) -> None:
    """Before: ``Q`` opened the quiz and ``q`` quit, which a screen reader does not tell apart."""
    text = play(mini, db_path, ["", "1", "Q"])
    assert "Basics quiz\n===========" not in text, "Q quits, as q does"
    for command in ("t", "T", "quiz", "QUIZ"):
        again = play(mini, db_path, ["m", "1", command, "q"])
        assert "Basics quiz\n===========" in again, command


def test_whole_words_work_as_well_as_letters(mini: Course, db_path: Path) -> None:
    script = ["", "HELP", "1", "1", "Done", "glossary neuron", "add", "next", "previous", "lesson", "map", "continue"]
    text = play(mini, db_path, [*script, "Review", "QUIT"])
    assert "Commands here:" in text, "help"
    assert "Lesson marked done." in text
    assert "neuron\n------\nA nerve cell" in text and "Added 'neuron' to your review cards." in text
    assert text.count("Basics: lesson 1 of 2\nNeurons") == 3, "opened, previous, read again"
    assert text.count("Basics: lesson 2 of 2\nSynapses") == 2, "next, continue"
    assert text.count("Course map\n----------") == 2, "map"
    assert "Review\n------" in text, "review"
    with stored(db_path) as progress:
        assert progress.lesson_statuses() == {"neurons": "done", "synapses": "started"}
        assert progress.card("t:neuron") is not None


def test_every_prompt_lists_its_commands(mini: Course, db_path: Path) -> None:
    clock = Clock()
    # Map, module, lesson, a practice quiz with a miss (results with a retry), then a review.
    script = ["", "1", "1", "m", "1", "t", "1", "", "1 2", "", "2", "", "1", "", "x", "2", "", "m", "r", "q"]
    text = play(mini, db_path, script, clock=clock)
    seen = set()
    for match in PROMPT.finditer(text):
        seen.add(match.group(1))
        before = text[: match.start()].rstrip("\n").split("\n")
        listing = " ".join(before[-3:])
        assert "Commands: " in listing and listing.endswith("h help, q quit."), (match.group(1), listing)
    assert {"Map", "Module", "Lesson", "Answer", "Results"} <= seen
    assert "Commands: 1-2 module, c continue; r review, h help, q quit." in text
    assert "t quiz" in text and "d done, n next, p previous" in text
    exam = play(mini, db_path, ["m", "2", "t", "q"])
    assert "Commands: your answer; m map, r review, h help, q quit.\nAnswer> " in exam


def test_the_words_of_the_global_commands_are_answers_to_a_typed_text_question(mini: Course, db_path: Path) -> None:
    """A whole word (``map``) is an answer where the answer is typed text; its letter still works."""
    from tests.e2e.test_plain_mode import match_answer, order_answer

    text = play(mini, db_path, ["", "2", "t", order_answer(mini), match_answer(mini), "map", "2", "s", "q"])
    assert "Your answer: map" in text
    with stored(db_path) as progress:
        (attempt,) = progress.attempts("more-quiz")
        assert progress.answers(attempt.id)["mq3"].response == "map"


def _learners(db_path: Path, *names: str) -> None:
    store = Store.open(db_path)
    try:
        for name in names:
            store.learner(name, "mini")
    finally:
        store.close()


def _run(course: Course, db_path: Path, lines: list[str]) -> str:
    store = Store.open(db_path)
    out = io.StringIO()
    try:
        code = run_plain(course, store, None, stdin=io.StringIO("".join(f"{line}\n" for line in lines)), stdout=out)
    finally:
        store.close()
    assert code == 0
    return out.getvalue()


def test_plain_mode_asks_which_learner_when_several_exist(mini: Course, db_path: Path) -> None:
    _learners(db_path, "ana", "ben")
    text = _run(mini, db_path, ["2", "", "1", "1", "d", "q"])
    assert "Who is learning?\n----------------\n1. ana\n2. ben" in text
    assert "Commands: 1-2 or a name; h help, q quit.\nLearner> " in text
    store = Store.open(db_path)
    try:
        assert store.learner("ben", "mini").lesson_statuses() == {"neurons": "done"}
        assert store.learner("ana", "mini").lesson_statuses() == {}
        assert "default" not in store.learners()
    finally:
        store.close()
    # By name (any case), or a new name.
    _run(mini, db_path, ["ANA", "", "1", "2", "q"])
    _run(mini, db_path, ["cleo", "", "q"])
    store = Store.open(db_path)
    try:
        assert store.learner("ana", "mini").lesson_statuses() == {"synapses": "started"}
        assert store.learners() == ["ana", "ben", "cleo"]
    finally:
        store.close()


def test_one_learner_is_used_without_asking(mini: Course, db_path: Path) -> None:
    _learners(db_path, "ana")
    text = _run(mini, db_path, ["", "1", "1", "q"])
    assert "Who is learning?" not in text
    store = Store.open(db_path)
    try:
        assert store.learners() == ["ana"]
        assert store.learner("ana", "mini").lesson_statuses() == {"neurons": "started"}
    finally:
        store.close()


def test_glossary_terms_are_shown_by_name_not_id(tmp_path: Path) -> None:
    course = load_course(bundled_course_path())
    text = play(course, tmp_path / "p.db", ["agree", "c", "g", "g randomised", "q"])  # the CE page acknowledged first
    terms = "controlled substance, psilocybin, randomised controlled trial, neuroplasticity"
    assert f"Glossary terms in this lesson: {terms}." in text.replace("\n", " ")
    assert f"Terms in this lesson: {terms}." in text.replace("\n", " ")
    assert "controlled-substance" not in text and "randomized-controlled-trial" not in text
    assert "randomised controlled trial\n---------------------------" in text


def test_points_are_shown_with_at_most_one_decimal(tmp_path: Path, mini_course_path: Path) -> None:
    """Partial credit of a third, in the feedback, the results line and the answer list."""
    root = tmp_path / "course"
    shutil.copytree(mini_course_path, root)
    quiz = root / "modules" / "01-basics" / "quiz.toml"
    text = quiz.read_text()
    text = text.replace('answers = ["a", "b"]', 'answers = ["a", "b", "d"]').replace(
        'text = "A nucleus"\n', 'text = "A nucleus"\n\n[[question.choices]]\nid = "d"\ntext = "A synaptic cleft"\n', 1
    )
    quiz.write_text(text)
    course = load_course(root)
    out = play(course, tmp_path / "p.db", ["", "1", "t", "2", "", "1", "", "2", "", "1", "", "q"])
    assert "Partly right: 0.3 of 1 point." in out
    assert "Passed: 3.3 of 4 points (83%); pass mark 50%." in out
    assert "2. Partly right (0.3 of 1 point): Which parts does a synapse have?" in out
    assert not re.search(r"\d\.\d\d", out), "no score with two decimals"

"""The plain mode end to end: scripted input, printed text, and what the progress store holds after.

Each run drives ``run_plain`` with an ``io.StringIO`` script against the fixture course and a real
SQLite file; the end of the script is the end of input (the learner closing the terminal).
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator, Sequence
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from course.domain.models import Course
from course.loading.loader import load_course
from progress_store import LearnerProgress, Store
from quizzes.attempt_plan import option_order, plan_questions
from tui.plain.session import run_plain

FIXED_SEED = 12345
REPO = Path(__file__).resolve().parents[2]


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = datetime(2026, 3, 1, 9, 0, tzinfo=timezone.utc)

    def __call__(self) -> datetime:
        return self.now


def play(
    course: Course,
    db_path: Path,
    lines: Sequence[str],
    clock: Clock | None = None,
    seed: int = FIXED_SEED,
) -> str:
    """Run the plain mode on ``lines`` (then end of input); the printed text. It must exit 0."""
    clock = clock or Clock()
    store = Store.open(db_path, clock=clock)
    out = io.StringIO()
    try:
        code = run_plain(
            course,
            store,
            stdin=io.StringIO("".join(line + "\n" for line in lines)),
            stdout=out,
            clock=clock,
            new_seed=lambda: seed,
            fuzz_reviews=False,
        )
    finally:
        store.close()
    text = out.getvalue()
    assert code == 0, text
    assert "Traceback" not in text
    assert text.rstrip().endswith("Your progress is saved. Goodbye.")
    return text


@contextlib.contextmanager
def stored(db_path: Path) -> Iterator[LearnerProgress]:
    """The default learner's progress in the fixture course, read from the file afterwards."""
    store = Store.open(db_path)
    try:
        yield store.learner("default", "mini")
    finally:
        store.close()


@pytest.fixture
def mini(mini_course_path: Path) -> Course:
    return load_course(mini_course_path)


def question(course: Course, quiz_id: str, question_id: str):
    module = course.module_of_quiz(quiz_id)
    assert module is not None and module.quiz is not None
    return next(q for q in module.quiz.questions if q.id == question_id)


def order_answer(course: Course, seed: int = FIXED_SEED) -> str:
    """What to type for the ordering question mq1 (items shown shuffled by the seed)."""
    shown = option_order(question(course, "more-quiz", "mq1"), seed, False)
    return " ".join(str(shown.index(ident) + 1) for ident in ["d", "c", "x"])


def match_answer(course: Course, seed: int = FIXED_SEED) -> str:
    """What to type for the matching question mq2 (right-hand side shown shuffled by the seed)."""
    shown = option_order(question(course, "more-quiz", "mq2"), seed, False)
    return " ".join(f"{n}{'abcdefghijkl'[shown.index(pid)]}" for n, pid in enumerate(["p1", "p2"], start=1))


def course_copy(tmp_path: Path, mini_course_path: Path, *edits: tuple[str, str]) -> Course:
    root = tmp_path / "course"
    shutil.copytree(mini_course_path, root)
    quiz = root / "modules" / "02-more" / "quiz.toml"
    text = quiz.read_text()
    for old, new in edits:
        text = text.replace(old, new)
    quiz.write_text(text)
    return load_course(root)


# --- starting and the map -------------------------------------------------------------------------


def test_first_start_shows_the_disclaimer_once_then_the_map(mini: Course, db_path: Path) -> None:
    text = play(mini, db_path, ["", "h", "q"])
    assert text.startswith("Mini Course\n===========\n")
    assert "For testing only. Not medical advice." in text
    assert "Press Enter to continue." in text
    assert "0 of 3 lessons done. 0 reviews due." in text
    assert "1. Basics: 0/2 lessons done; quiz not taken yet" in text
    assert "2. More question types: 0/1 lessons done; quiz not taken yet" in text
    for command in ("c ", "h ", "m ", "r ", "q "):
        assert f"\n  {command}" in text, f"help lists {command.strip()}"
    assert "\x1b" not in text
    with stored(db_path) as progress:
        position = progress.position()
        assert position is not None and position.screen == "map"

    again = play(mini, db_path, ["q"])
    assert "Not medical advice" not in again and "Welcome back." in again and "Course map" in again


def test_end_of_input_at_the_disclaimer_saves_nothing_and_exits_cleanly(mini: Course, db_path: Path) -> None:
    text = play(mini, db_path, [])
    assert "Press Enter to continue." in text
    with stored(db_path) as progress:
        assert progress.position() is None


def test_ctrl_c_quits_cleanly(mini: Course, db_path: Path) -> None:
    class Interrupting(io.StringIO):
        def readline(self, *args: object) -> str:  # type: ignore[override]
            raise KeyboardInterrupt

    store = Store.open(db_path)
    out = io.StringIO()
    try:
        code = run_plain(mini, store, stdin=Interrupting(), stdout=out)
    finally:
        store.close()
    assert code == 0 and out.getvalue().rstrip().endswith("Your progress is saved. Goodbye.")


def test_invalid_choices_at_the_map_and_module_prompts_ask_again(mini: Course, db_path: Path) -> None:
    text = play(mini, db_path, ["", "7", "banana", "1", "9", "m", "q"])
    assert text.count("Type a module number from 1 to 2, c to continue, or h for help.") == 2
    assert "Type a lesson number from 1 to 2, t for the quiz, m for the map, or h for help." in text.replace("\n", " ")
    assert text.count("Course map\n----------") == 2


# --- lessons ------------------------------------------------------------------------------------


def test_read_a_lesson_and_mark_it_done(mini: Course, db_path: Path) -> None:
    text = play(mini, db_path, ["", "1", "1", "d", "g neuron", "a", "g nothing-like-it", "x", "q"])
    assert "Basics: lesson 1 of 2\nNeurons\n=======\n3 min read." in text
    assert "What a neuron is\n----------------" in text
    assert "A neuron (see glossary: neuron) is a cell that signals." in text
    assert "[@click=app.quit]do not quit[/]" in text, "markup is printed literally"
    assert "Key points\n----------\n- Neurons signal.\n- They connect at synapses." in text
    assert "1. Example A. A Textbook of Examples. 2020.\n   https://example.org/textbook" in text
    assert "Lesson marked done." in text
    assert "neuron\n------\nA nerve cell that signals electrically and chemically.\nSee also: synapse." in text
    assert "Added 'neuron' to your review cards." in text
    assert "No glossary term matches 'nothing-like-it'." in text
    assert "Type d, n, p, g and a term, l, m, or h for help." in text
    with stored(db_path) as progress:
        assert progress.lesson_statuses() == {"neurons": "done"}
        position = progress.position()
        assert position is not None and (position.screen, position.target_id) == ("lesson", "neurons")
        lesson_events = [(e["verb"], e["object_id"]) for e in progress.events() if e["object_type"] == "lesson"]
        assert lesson_events == [("opened", "neurons"), ("completed", "neurons")]
        card = progress.card("t:neuron")
        assert card is not None and card.kind == "term" and card.reps == 0


def test_quitting_in_a_lesson_resumes_there_and_next_previous_move(mini: Course, db_path: Path) -> None:
    play(mini, db_path, ["", "1", "2", "q"])
    text = play(mini, db_path, ["p", "n", "n", "m", "q"])
    assert text.index("Welcome back. Resuming the lesson you were reading.") < text.index("Synapses\n========")
    assert "Part | Role\nPre | sends\nPost | receives" in text, "tables are rows of cells"
    after_previous = text.split("Lesson> ", 1)[1]
    assert after_previous.lstrip().startswith("Basics: lesson 1 of 2\nNeurons")
    assert "Basics quiz\n===========" in text, "n after the last lesson of a module opens its quiz"
    with stored(db_path) as progress:
        assert progress.lesson_statuses() == {"neurons": "started", "synapses": "started"}
        position = progress.position()
        assert position is not None and position.screen == "map"
        (attempt,) = progress.attempts("basics-quiz")
        assert not attempt.finished, "leaving a quiz keeps its attempt open"


# --- quizzes ------------------------------------------------------------------------------------


def test_practice_quiz_with_every_practice_type(mini: Course, db_path: Path) -> None:
    script = ["", "1", "t", "2", "", "1 2", "", "2", "", "1, 2", "", "", "q"]
    text = play(mini, db_path, script)
    assert "4 questions. Pass mark 50%. Practice: you see feedback after each answer." in text
    assert "Question 1 of 4 (0 answered).\nWhat is a neuron?\n1. A junction between cells\n2. A cell that signals" in text
    assert "Question 3 of 4 (2 answered).\nNeurons signal only electrically.\n1. True\n2. False" in text
    assert text.count("Correct.") == 3
    assert "Not quite.\nYour answer: Synapses; Dendrites\nRight answer: Synapses\nWhy: Synapses join neurons" in text
    assert "Passed: 3 of 4 points (75%); pass mark 50%." in text
    assert "- 2 of 2 right (100%): Identify what a neuron is." in text
    assert "- 1 of 2 right (50%): Describe a synapse." in text
    assert "4. Wrong: Which of these join neurons?" in text
    with stored(db_path) as progress:
        (attempt,) = progress.attempts("basics-quiz")
        assert attempt.finished and attempt.seed == FIXED_SEED and attempt.kind == "full"
        assert (attempt.score, attempt.max_score, attempt.passed) == (3, 4, True)
        answers = progress.answers(attempt.id)
        assert {qid: a.response for qid, a in answers.items()} == {
            "bq1": "b",
            "bq2": ["a", "b"],
            "bq3": False,
            "bq4": ["a", "b"],
        }
        assert [(e.card_id, e.rating, e.source) for e in progress.review_log()] == [
            ("q:bq1", 3, "quiz"),
            ("q:bq2", 3, "quiz"),
            ("q:bq3", 3, "quiz"),
            ("q:bq4", 1, "quiz"),
        ]
        events = [e for e in progress.events() if e["attempt_id"] == attempt.id]
        assert [e["verb"] for e in events] == ["attempted", "answered", "answered", "answered", "answered", "completed"]
        assert events[0]["result"] == {"seed": FIXED_SEED, "question_ids": ["bq1", "bq2", "bq3", "bq4"], "kind": "full"}
        assert events[1]["result"] == {"score": 1.0, "max_score": 1.0, "correct": True, "response": "b"}
        assert progress.best_scores() == {"basics-quiz": 0.75}
        position = progress.position()
        assert position is not None and position.screen == "map", "Enter on the results goes to the map"


def test_exam_quiz_every_type_with_an_invalid_answer_first(mini: Course, db_path: Path) -> None:
    script = ["", "2", "t", "9 9 9", order_answer(mini), "1z", match_answer(mini), "Synapse", "two", "2", "s", "q"]
    text = play(mini, db_path, script)
    assert "4 questions. Pass mark 75%. Exam: your answers are marked when you submit." in text
    assert "There is no number 9. Type each number from 1 to 3 once, in the right order, for example 3 2 1." in text
    assert "There is no letter z." in text
    assert "That is not a number. Type digits, for example 2 or 2.5." in text
    assert text.count("Answer saved.") == 4
    before_submit = text.split("Submit> ")[0]
    assert "Correct." not in before_submit and "Why:" not in before_submit, "exam mode gives no feedback before submitting"
    assert "Your answer: Dendrite, then Cell body, then Axon" in before_submit
    assert "Passed: 4 of 4 points (100%); pass mark 75%." in text
    assert "- 4 of 4 right (100%): Order and match basic facts." in text
    assert (
        "2. Right: Match each part to its role.\n   Your answer: Dendrite = receives; Axon = sends\n   Why: Dendrites receive, axons send."
        in text
    )
    with stored(db_path) as progress:
        (attempt,) = progress.attempts("more-quiz")
        assert attempt.finished and (attempt.score, attempt.max_score, attempt.passed) == (4, 4, True)
        assert {qid: a.response for qid, a in progress.answers(attempt.id).items()} == {
            "mq1": ["d", "c", "x"],
            "mq2": {"p1": "p1", "p2": "p2"},
            "mq3": "Synapse",
            "mq4": "2",
        }
        assert all(a.correct for a in progress.answers(attempt.id).values())
        position = progress.position()
        assert position is not None and (position.screen, position.target_id) == ("results", "more-quiz")


def test_exam_answers_can_be_changed_before_submitting(mini: Course, db_path: Path) -> None:
    script = ["", "2", "t", order_answer(mini), match_answer(mini), "axon", "2", "3", "a synapse", "s", "", "q"]
    text = play(mini, db_path, script)
    assert "Your answer: axon" in text and "Passed: 4 of 4 points (100%)" in text
    with stored(db_path) as progress:
        (attempt,) = progress.attempts("more-quiz")
        assert progress.answers(attempt.id)["mq3"].response == "a synapse"
        answered = [e["object_id"] for e in progress.events() if e["verb"] == "answered"]
        assert answered == ["mq1", "mq2", "mq3", "mq4", "mq3"]


def test_attempt_limit_shows_the_last_results(mini: Course, db_path: Path) -> None:
    one_attempt = ["Synapse", "1", "s"]
    first = [order_answer(mini), match_answer(mini)]
    play(mini, db_path, ["", "2", "t", *first, *one_attempt, "a", "1 2 3", "1a 2a", *one_attempt, "a", "q"])
    with stored(db_path) as progress:
        attempts = progress.attempts("more-quiz")
        assert [a.finished for a in attempts] == [True, True]
        assert progress.best_scores() == {"more-quiz": 0.75}
    text = play(mini, db_path, ["a", "q"])
    assert "Welcome back. Here are your last quiz results." in text
    assert "This quiz allows 2 attempts and you have used them all. Here are your last results." in text.replace("\n", " ")
    with stored(db_path) as progress:
        assert len(progress.attempts("more-quiz")) == 2


def test_retrying_missed_questions_is_a_retry_attempt(mini: Course, db_path: Path) -> None:
    play(mini, db_path, ["", "1", "t", "1", "", "1 2", "", "2", "", "1", "", "x", "2", "", "q"])
    with stored(db_path) as progress:
        full, retry = progress.attempts("basics-quiz")
        assert (full.kind, retry.kind) == ("full", "retry")
        assert retry.question_ids == ["bq1"] and retry.finished and retry.passed
        assert progress.best_scores() == {"basics-quiz": 0.75}, "a retry never changes the best score"


def test_quit_mid_quiz_and_resume_at_the_same_question_in_the_same_order(tmp_path: Path, mini_course_path: Path) -> None:
    course = course_copy(tmp_path, mini_course_path, ("max_attempts = 2", "max_attempts = 2\nshuffle_questions = true"))
    db_path = tmp_path / "p.db"
    quiz = course.modules[1].quiz
    assert quiz is not None and plan_questions(quiz, 999) != plan_questions(quiz, FIXED_SEED)
    play(course, db_path, ["", "2", "t"])  # input ends at the first question
    with stored(db_path) as progress:
        (attempt,) = progress.attempts("more-quiz")
        order = attempt.question_ids
        assert order == plan_questions(quiz, FIXED_SEED) and not attempt.finished
        position = progress.position()
        assert position is not None and (position.screen, position.target_id) == ("quiz", "more-quiz")
    answers = {"mq1": order_answer(course), "mq2": match_answer(course), "mq3": "synapse", "mq4": "2"}
    text = play(course, db_path, [answers[order[0]]], seed=999)
    assert f"Question 1 of 4 (0 answered).\n{question(course, 'more-quiz', order[0]).prompt}" in text
    text = play(course, db_path, [answers[order[1]]], seed=999)
    assert "Welcome back. Resuming your quiz." in text
    assert f"Question 2 of 4 (1 answered).\n{question(course, 'more-quiz', order[1]).prompt}" in text
    text = play(course, db_path, [answers[order[2]], answers[order[3]], "s", "q"], seed=4242)
    assert f"Question 3 of 4 (2 answered).\n{question(course, 'more-quiz', order[2]).prompt}" in text
    assert "Passed: 4 of 4 points (100%)" in text
    with stored(db_path) as progress:
        (attempt,) = progress.attempts("more-quiz")
        assert attempt.question_ids == order and attempt.seed == FIXED_SEED, "the same plan, not a new seed"
        assert list(progress.answers(attempt.id)) == order and attempt.finished


def test_resume_mid_exam_shows_the_first_unanswered_question(mini: Course, db_path: Path) -> None:
    play(mini, db_path, ["", "2", "t", order_answer(mini)])
    text = play(mini, db_path, [match_answer(mini), "synapse", "2", "s", "q"], seed=999)
    assert "You have answered 1 of 4; carrying on from there." in text
    assert "Question 2 of 4 (1 answered).\nMatch each part to its role." in text
    assert "Passed: 4 of 4 points (100%)" in text
    with stored(db_path) as progress:
        (attempt,) = progress.attempts("more-quiz")
        assert attempt.finished and attempt.score == 4


def test_time_limit_runs_on_the_wall_clock(tmp_path: Path, mini_course_path: Path) -> None:
    course = course_copy(tmp_path, mini_course_path, ("max_attempts = 2", "max_attempts = 2\ntime_limit_minutes = 5"))
    db_path = tmp_path / "p.db"
    clock = Clock()
    text = play(course, db_path, ["", "2", "t", order_answer(course)], clock=clock)
    assert "Time limit: 5 minutes. Time left: 5:00." in text
    clock.now += timedelta(minutes=4)
    text = play(course, db_path, ["q"], clock=clock)
    assert "Question 2 of 4 (1 answered). Time left: 1:00." in text
    clock.now += timedelta(minutes=2)
    text = play(course, db_path, ["", "q"], clock=clock)
    assert "Time is up: your answers have been submitted." in text
    assert "Not passed yet: 1 of 4 points (25%); pass mark 75%." in text
    with stored(db_path) as progress:
        (attempt,) = progress.attempts("more-quiz")
        assert attempt.finished and attempt.score == 1 and list(progress.answers(attempt.id)) == ["mq1"]


def test_a_busy_store_is_retried_not_skipped(mini: Course, db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from progress_store import StoreError
    from progress_store.learner import LearnerProgress as Progress

    real = Progress.record_answer
    failures = iter([StoreError("the progress database is locked by another program")])

    def flaky(self: Progress, *args: object, **kwargs: object) -> object:
        for error in failures:
            raise error
        return real(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Progress, "record_answer", flaky)
    text = play(mini, db_path, ["", "1", "t", "2", "", "", "q"])
    assert "Could not save: the progress database is locked by another program" in text
    assert "Press Enter to try again, or q to quit." in text
    assert text.index("Could not save") < text.index("Correct.")
    with stored(db_path) as progress:
        (attempt,) = progress.attempts("basics-quiz")
        assert list(progress.answers(attempt.id)) == ["bq1"]
        assert [e["verb"] for e in progress.events()].count("answered") == 1


# --- spaced review --------------------------------------------------------------------------------


def test_review_a_due_question_card_with_a_fixed_clock(mini: Course, db_path: Path) -> None:
    clock = Clock()
    play(mini, db_path, ["", "1", "t", "1", "", "m", "r", "q"], clock=clock)  # bq1 wrong: Again, due soon
    with stored(db_path) as progress:
        card = progress.card("q:bq1")
        assert card is not None and card.reps == 1 and card.due - clock.now < timedelta(hours=1)
    clock.now += timedelta(hours=1)
    shown = option_order(question(mini, "basics-quiz", "bq1"), 2, True)  # review cards shuffle by reps + 1
    right = str(shown.index("b") + 1)
    text = play(mini, db_path, ["m", "r", "x", right, "1", "q"], clock=clock)
    assert "0 of 3 lessons done. 1 review due." in text
    review = text.split("Review\n------\n", 1)[1]
    assert review.startswith("1 card due now.\n\nCard 1 of 1.\nWhat is a neuron?")
    assert "Type one number from 1 to 2." in review
    assert "Correct." in review and "How did it feel? 1 easy, 2 good, 3 unsure." in review
    assert "Saved. It comes back in" in review and "That is every card due now." in review
    assert "0 of 3 lessons done. 0 reviews due." in review
    with stored(db_path) as progress:
        assert [(e.rating, e.source) for e in progress.review_log("q:bq1")] == [(1, "quiz"), (4, "review")]
        card = progress.card("q:bq1")
        assert card is not None and card.reps == 2 and card.due - clock.now >= timedelta(days=1)
        assert progress.count_due(clock.now) == 0
        position = progress.position()
        assert position is not None and position.screen == "map"


def test_review_a_glossary_card_and_a_missed_question(mini: Course, db_path: Path) -> None:
    clock = Clock()
    play(mini, db_path, ["", "1", "1", "g synapse", "a", "q"], clock=clock)
    with stored(db_path) as progress:
        card = progress.card("t:synapse")
        assert card is not None and card.due == clock.now
    text = play(mini, db_path, ["r", "", "5", "2", "r", "q"], clock=clock)
    assert "Glossary: synapse\nRecall the definition, then press Enter to show it." in text
    assert "The junction where one neuron passes a signal to another." in text
    assert "Type a number from 1 to 4: 1 again, 2 unsure, 3 good, 4 easy." in text
    assert "Nothing is due now." in text, "the second review finds nothing due"
    with stored(db_path) as progress:
        assert [(e.card_id, e.rating, e.source) for e in progress.review_log()] == [("t:synapse", 2, "review")]


def test_review_with_nothing_due(mini: Course, db_path: Path) -> None:
    text = play(mini, db_path, ["", "r", "q"])
    assert "Nothing is due now. Cards you answer in quizzes come back here when they are due." in text.replace("\n", " ")


# --- the bundled course ----------------------------------------------------------------------------


def typed_key(q, order: list[str]) -> str:
    """What a learner types to give the right answer to ``q`` with its options shown in ``order``."""
    if q.type == "single":
        return str(order.index(q.answer) + 1)
    if q.type == "multiple":
        return ", ".join(str(order.index(a) + 1) for a in q.answers)
    if q.type == "true_false":
        return "1" if q.answer else "2"
    if q.type == "order":
        return " ".join(str(order.index(item.id) + 1) for item in q.items)
    if q.type == "match":
        return " ".join(f"{n}={'abcdefghijkl'[order.index(p.id)]}" for n, p in enumerate(q.pairs, start=1))
    if q.type == "text":
        return q.accept[0]
    return f"{q.value:g}" if q.value is not None else f"{(q.min + q.max) / 2:g}"


def test_every_question_of_the_bundled_course_can_be_answered_at_the_prompt() -> None:
    from course.loading.loader import bundled_course_path
    from quizzes.grading import grade
    from tui.plain.answers import parse_response, question_lines

    course = load_course(bundled_course_path())
    count = 0
    for module in course.modules:
        assert module.quiz is not None
        for q in module.quiz.questions:
            order = option_order(q, FIXED_SEED, module.quiz.shuffle_choices)
            lines = "\n".join(question_lines(q, order)).split("\n")
            assert all(len(line) <= 78 or " " not in line.strip() for line in lines), q.id
            assert grade(q, parse_response(q, typed_key(q, order), order)).correct, q.id
            count += 1
    assert count > 100


def test_reading_the_bundled_course_in_plain_text(tmp_path: Path) -> None:
    from course.loading.loader import bundled_course_path

    course = load_course(bundled_course_path())
    text = play(course, tmp_path / "p.db", ["agree", "c", "g dmn", "g", "n", "n", "l", "p", "m", "10", "q"])
    assert "Before you begin" in text and "education" in text.lower()
    assert "\x1b" not in text
    # In a terminal the typed line ends the prompt's line; here the reply follows the prompt on it.
    lines = [re.sub(r"^[A-Z][a-z]+(?: [a-z]+)?> ", "", line) for line in text.split("\n")]
    long = [line for line in lines if len(line) > 78 and " " in line.strip() and not line.startswith("    ")]
    assert not long, long


# --- the same records as the Textual app ---------------------------------------------------------


def _records(progress: LearnerProgress) -> dict[str, object]:
    """What a learner's store holds, without ids and wall-clock times."""
    return {
        "events": [
            (e["verb"], e["object_type"], e["object_id"], e["result"], e["attempt_id"] is not None) for e in progress.events()
        ],
        "statuses": progress.lesson_statuses(),
        "attempts": [(a.quiz_id, a.seed, a.question_ids, a.kind, a.finished) for a in progress.attempts()],
        "answers": [
            (r.question_id, r.response, r.score, r.max_score, r.correct)
            for a in progress.attempts()
            for r in progress.answers(a.id).values()
        ],
        "cards": [(c.card_id, c.kind, c.card_json, c.due, c.reps) for c in progress.cards()],
        "review_log": [(e.card_id, e.rating, e.source, e.log_json) for e in progress.review_log()],
        "position": (lambda p: p and (p.screen, p.target_id))(progress.position()),
    }


def test_continue_goes_back_to_the_lesson_last_opened(mini: Course, db_path: Path) -> None:
    """Regression: plain mode ignored the last-opened place and sent the learner to the first lesson
    not done; it now continues where the learner stopped, as the app does."""
    text = play(mini, db_path, ["", "1", "2", "m", "c", "q"])
    assert text.count("Basics: lesson 2 of 2") == 2
    with stored(db_path) as progress:
        assert progress.setting("last-opened:mini") == {"screen": "lesson", "id": "synapses"}


class Ticking(Clock):
    """A clock that moves on 10 seconds each time it is read: time passes while the learner types."""

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=10)
        return self.now


def test_time_spent_on_lessons_and_quizzes_is_recorded(mini: Course, db_path: Path) -> None:
    """Regression: plain mode recorded no study time although the app does (engaged time, so the clock must move)."""
    play(mini, db_path, ["", "1", "1", "m", "1", "t", "m", "q"], clock=Ticking())
    with stored(db_path) as progress:
        assert set(progress.seconds_by_object()) == {"lesson:neurons", "quiz:basics-quiz"}


# --- the command line -----------------------------------------------------------------------------


def test_course_plain_in_a_subprocess(tmp_path: Path, mini_course_path: Path) -> None:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(REPO), *filter(None, [env.get("PYTHONPATH")])])
    env["TERM"] = "dumb"
    env.pop("COURSE_DB", None)
    env["COURSE_SETTINGS"] = str(tmp_path / "no-settings.toml")
    db_path = tmp_path / "progress.db"
    command = [sys.executable, "-m", "course", "--plain", "--course", str(mini_course_path), "--db", str(db_path)]
    first = subprocess.run(
        command, input="\n1\n1\nd\nq\n", capture_output=True, text=True, encoding="utf-8", env=env, timeout=120
    )
    assert first.returncode == 0, first.stderr
    assert "Mini Course" in first.stdout and "Course map" in first.stdout and "Lesson marked done." in first.stdout
    assert "\x1b" not in first.stdout, "no escape sequences at all"
    second = subprocess.run(command, input="", capture_output=True, text=True, encoding="utf-8", env=env, timeout=120)
    assert second.returncode == 0, second.stderr
    assert "Welcome back. Resuming the lesson you were reading." in second.stdout
    assert second.stdout.rstrip().endswith("Your progress is saved. Goodbye.")
    with Store.open(db_path) as store:
        assert store.learner("default", "mini").lesson_statuses() == {"neurons": "done"}

"""Generated data for the benchmarks, built into the cache folder (never committed) and reused while valid.

* :func:`year_db`: a year (or ``days``) of one learner taking the bundled course, written through the
  engine with a moving clock: lessons opened and done, study time, a quiz attempt a day, review cards.
* :func:`answers_db`: a store holding ``answers`` answers of one learner (bulk SQL into the real schema:
  attempts of 20 answers, an "answered" event for each, a review card per question).
* :func:`big_course`: a clean course folder of ``lessons`` lessons and ten questions per lesson.
* :func:`long_lesson_course`: the bundled course with one more lesson of ``words`` words.
"""

from __future__ import annotations

import contextlib
import json
import random
import re
import shutil
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from benchmarks.common import cache_dir

if TYPE_CHECKING:
    from course.engine import Study

DATA_VERSION = "5"  # bump when a generator changes, so cached data is rebuilt
START = datetime(2025, 1, 6, 8, 0, tzinfo=timezone.utc)
_WORD_TEXT = (
    "receptor plasticity network cortex serotonin trial placebo dose session therapist integration memory learning"
    " window synapse dendrite evidence effect size outcome depression anxiety safety screening ethics consent"
    " regulation access cost history method bias sample control blind randomised signal pathway model"
    " brain mind neuron growth factor spine critical period default mode entropy prediction belief"
)
WORDS = _WORD_TEXT.split()


def _sentence(rng: random.Random, n: int) -> str:
    words = [rng.choice(WORDS) for _ in range(n)]
    return " ".join(words).capitalize() + "."


def _paragraphs(rng: random.Random, words: int) -> str:
    """About ``words`` words of prose in paragraphs of about 80 words, with a heading every 500."""
    out: list[str] = []
    written = 0
    while written < words:
        if written % 500 < 80:
            out.append(f"## {_sentence(rng, 3)[:-1]}")
        para = " ".join(_sentence(rng, rng.randint(8, 16)) for _ in range(7))
        out.append(para)
        written += len(para.split())
    return "\n\n".join(out)


def _built(path: Path, build: Callable[[Path], None]) -> Path:
    """``path`` as ``build(path)`` makes it; rebuilt (leftovers removed) unless this :data:`DATA_VERSION` built it."""
    stamp = path.with_name(path.name + ".version")
    if path.exists() and stamp.exists() and stamp.read_text() == DATA_VERSION:
        return path
    shutil.rmtree(path, ignore_errors=True)
    for leftover in path.parent.glob(path.name + "*"):  # a database's -wal and -shm, the old stamp
        leftover.unlink()
    build(path)
    stamp.write_text(DATA_VERSION)
    return path


def _term(rng: random.Random) -> str:
    """A made-up word of three syllables: a vocabulary large enough that generated questions differ."""
    return "".join(rng.choice("bdfgklmnprstvz") + rng.choice("aeiou") for _ in range(3))


def _terms(rng: random.Random, n: int) -> str:
    return " ".join(_term(rng) for _ in range(n))


def _bundled() -> Any:
    from course.loading.loader import bundled_course_path, load_course

    return load_course(bundled_course_path())


def _lesson_ids(course: Any) -> list[str]:
    return [lesson.id for module in course.modules for lesson in module.lessons]


def big_course(lessons: int = 2000, per_module: int = 20, questions_per_lesson: int = 10) -> Path:
    """A valid course folder: ``lessons`` lessons of ~300 words, ``questions_per_lesson`` questions each.

    Every question's prompt, options and feedback are made-up words, so no two questions look alike
    to the item-writing checks (which would otherwise report every pair)."""
    root = cache_dir() / f"big-course-{lessons}-{per_module}-{questions_per_lesson}"
    return _built(root, lambda folder: _write_big_course(folder, lessons, per_module, questions_per_lesson))


def _write_big_course(root: Path, lessons: int, per_module: int, questions_per_lesson: int) -> None:
    rng = random.Random(lessons)
    (root / "modules").mkdir(parents=True)
    (root / "course.toml").write_text(
        f'format_version = 1\n\n[course]\nid = "big"\ntitle = "A generated course of {lessons} lessons"\n'
        'version = "1.0"\nsummary = "Generated for the benchmarks."\nauthors = ["benchmarks"]\n'
    )
    (root / "glossary.toml").write_text('[[term]]\nid = "receptor"\nterm = "receptor"\ndefinition = "A protein."\n')
    (root / "references.toml").write_text('[[reference]]\nid = "r1"\ncitation = "A source."\nurl = "https://example.org/r1"\n')
    for m in range(lessons // per_module):
        folder = root / "modules" / f"{m + 1:03d}-module"
        folder.mkdir()
        (folder / "module.toml").write_text(
            f'id = "m{m}"\ntitle = "Module {m}"\nsummary = "Module {m}."\nestimated_minutes = {5 * per_module + 10}\n\n'
            f'[[objective]]\nid = "m{m}-o1"\ntext = "Explain part {m} of the course."\n'
        )
        questions: list[str] = [f'id = "m{m}-quiz"\ntitle = "Module {m} quiz"\n']
        for n in range(per_module):
            body = _paragraphs(rng, 300).replace("\\", "")
            (folder / f"{n + 1:02d}-lesson.toml").write_text(
                f'id = "m{m}-l{n}"\ntitle = "Lesson {n} of module {m}"\nsummary = "Lesson {n}."\n'
                f'estimated_minutes = 5\nobjectives = ["m{m}-o1"]\nkey_points = ["{_sentence(rng, 8)}"]\n'
                f'body = """\n{body}\n"""\n'
            )
            for q in range(questions_per_lesson):
                questions.append(_question(rng, f"m{m}-l{n}-q{q}", f"m{m}-o1"))
        (folder / "quiz.toml").write_text("".join(questions))


def _question(rng: random.Random, qid: str, objective: str) -> str:
    """One single-choice question of made-up words; the key is not always the longest option."""
    key, other = _terms(rng, rng.randint(2, 4)), _terms(rng, rng.randint(2, 4))
    first, second = (key, other) if rng.random() < 0.5 else (other, key)
    return (
        f'\n[[question]]\nid = "{qid}"\ntype = "single"\nobjective = "{objective}"\n'
        f'prompt = "Which {_terms(rng, 6)} holds?"\nanswer = "{"a" if first == key else "b"}"\n'
        f'explanation = "{_terms(rng, 8).capitalize()}."\n'
        f'[[question.choices]]\nid = "a"\ntext = "{first}"\nfeedback = "{_terms(rng, 5).capitalize()}."\n'
        f'[[question.choices]]\nid = "b"\ntext = "{second}"\nfeedback = "{_terms(rng, 5).capitalize()}."\n'
    )


LONG_LESSON_ID = "m1-long-lesson"


def long_lesson_course(words: int = 5000) -> tuple[Path, str]:
    """The bundled course plus a lesson of ``words`` words at the end of its first module; (folder, lesson id)."""
    return _built(cache_dir() / f"long-lesson-{words}", lambda root: _write_long_lesson(root, words)), LONG_LESSON_ID


def _write_long_lesson(root: Path, words: int) -> None:
    from course.loading.loader import bundled_course_path

    shutil.copytree(bundled_course_path(), root)
    first = sorted((root / "modules").iterdir())[0]
    objective = _first_objective(first / "module.toml")
    body = _paragraphs(random.Random(words), words)
    (first / "99-long-lesson.toml").write_text(
        f'id = "{LONG_LESSON_ID}"\ntitle = "A lesson of {words} words"\nsummary = "Long."\nestimated_minutes = 30\n'
        f'objectives = ["{objective}"]\nbody = """\n{body}\n"""\n'
    )


def _first_objective(module_toml: Path) -> str:
    found = re.search(r'^\[\[objective\]\]\s*\nid\s*=\s*"([^"]+)"', module_toml.read_text(), re.MULTILINE)
    return found.group(1) if found else ""


class _Clock:
    """A clock the generator moves by hand."""

    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now


def year_db(days: int = 365) -> Path:
    """A progress database with ``days`` days of one learner ("default") on the bundled course."""
    return _built(cache_dir() / f"year-{days}.db", lambda path: _write_year(path, days))


def _write_year(path: Path, days: int) -> None:
    from course.engine import Study
    from progress_store import Store
    from quizzes.grading import correct_response

    course = _bundled()
    clock = _Clock()
    store = Store.open(path, clock=clock)
    rng = random.Random(days)
    seeds = iter(range(1, 10**9))
    study = Study(course, store.learner("default", course.info.id), clock=clock, new_seed=lambda: next(seeds))
    study.progress.accept_disclaimer()
    if study.ce.activity is not None:
        study.ce.acknowledge()
    lessons = _lesson_ids(course)
    quizzes = [module.quiz.id for module in course.modules if module.quiz is not None and not module.quiz.max_attempts]
    for day in range(days):
        clock.now = START + timedelta(days=day)
        lesson = lessons[day % len(lessons)]
        study.progress.open_lesson(lesson)
        study.progress.add_study_time("lesson", lesson, rng.uniform(300, 1500))
        study.progress.complete_lesson(lesson)
        quiz_id = quizzes[day % len(quizzes)]
        opened = study.quizzes.open(quiz_id)
        state = getattr(opened, "attempt", None)
        if state is not None:
            for question_id in list(state.question_ids):
                question = course.question(question_id)
                if question is None or not state.can_answer(question_id):
                    continue
                response = correct_response(question) if rng.random() < 0.75 else _wrong(question)
                clock.now += timedelta(seconds=40)
                study.quizzes.answer(state, question_id, response)
            study.quizzes.submit(state, force=True)
            study.progress.add_study_time("quiz", quiz_id, rng.uniform(300, 900))
        for due in study.reviews.due()[:10]:
            study.reviews.rate(due, study.reviews.ratings_after(due, True)[1])
    study.progress.enter_map()
    store.close()


def _wrong(question: Any) -> Any:
    """A response that is a wrong answer for most question types (grading decides)."""
    from quizzes.grading import correct_response

    right = correct_response(question)
    if isinstance(right, bool):
        return not right
    if isinstance(right, str):
        choices = [c.id for c in getattr(question, "choices", [])]
        return next((c for c in choices if c != right), right + "x")
    if isinstance(right, (int, float)):
        return float(right) + 1000.0
    if isinstance(right, list):
        return list(reversed(right)) if len(right) > 1 else []
    return right


def answers_db(answers: int = 1_000_000, per_attempt: int = 20) -> Path:
    """A store with ``answers`` answers of learner "default" on the bundled course, written in bulk."""
    return _built(cache_dir() / f"answers-{answers}.db", lambda path: _write_answers(path, answers, per_attempt))


@contextlib.contextmanager
def learner_with_answers(stored: int) -> Iterator[tuple[Study, Path]]:
    """Learner "default" of the bundled course through the engine, on a private copy of
    :func:`answers_db` (opened as the app would: any pending migration applied), and the copy's folder."""
    from course.engine import Study
    from course.loading.loader import bundled_course_path, load_course
    from progress_store import Store

    course = load_course(bundled_course_path())
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "progress.db"
        shutil.copy(answers_db(stored), db)
        store = Store.open(db)
        try:
            yield Study(course, store.learner("default", course.info.id)), Path(folder)
        finally:
            store.close()


def _write_answers(path: Path, answers: int, per_attempt: int) -> None:
    from progress_store import Store
    from progress_store.clock import utc_iso
    from quizzes.review import ReviewScheduler

    course = _bundled()
    store = Store.open(path)
    learner = store.learner("default", course.info.id)
    learner.save_position("map")
    store.close()
    quizzes = [(m.quiz.id, [q.id for q in m.quiz.questions]) for m in course.modules if m.quiz is not None]
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA synchronous = OFF")
    learner_id = conn.execute("SELECT id FROM learners WHERE name = 'default'").fetchone()[0]
    course_id = course.info.id
    rng = random.Random(answers)
    at = START
    with conn:
        written, n = 0, 0
        while written < answers:
            quiz_id, question_ids = quizzes[n % len(quizzes)]
            plan = question_ids[: min(per_attempt, answers - written)]
            written, n = written + len(plan), n + 1
            at += timedelta(minutes=30)
            stamp = utc_iso(at)
            correct = [rng.random() < 0.7 for _ in plan]
            cursor = conn.execute(
                "INSERT INTO attempts (learner_id, course_id, quiz_id, seed, question_ids, started_at, finished_at,"
                " score, max_score, passed, kind, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'full', ?)",
                [
                    learner_id,
                    course_id,
                    quiz_id,
                    n + 1,
                    json.dumps(plan),
                    stamp,
                    stamp,
                    sum(correct),
                    len(plan),
                    int(sum(correct) >= 0.7 * len(plan)),
                    len(plan) + 1,
                ],
            )
            attempt_id = cursor.lastrowid
            conn.executemany(
                "INSERT INTO answers (attempt_id, question_id, response, score, max_score, correct, answered_at)"
                " VALUES (?, ?, '\"a\"', ?, 1, ?, ?)",
                [(attempt_id, q, float(ok), int(ok), stamp) for q, ok in zip(plan, correct, strict=True)],
            )
            conn.executemany(
                "INSERT INTO events (learner_id, course_id, verb, object_type, object_id, attempt_id, result, at)"
                " VALUES (?, ?, 'answered', 'question', ?, ?, ?, ?)",
                [
                    (
                        learner_id,
                        course_id,
                        q,
                        attempt_id,
                        json.dumps({"score": float(ok), "max_score": 1.0, "correct": ok, "response": "a"}),
                        stamp,
                    )
                    for q, ok in zip(plan, correct, strict=True)
                ],
            )
        scheduler = ReviewScheduler()
        for card_number, (_, question_ids) in enumerate(quizzes):
            due = at + timedelta(days=card_number - 3)
            conn.executemany(
                "INSERT INTO review_cards (learner_id, course_id, card_id, kind, card_json, due, created_at, reps)"
                " VALUES (?, ?, ?, 'question', ?, ?, ?, 1)",
                [
                    (learner_id, course_id, f"q:{q}", scheduler.new_card(due).card_json, utc_iso(due), utc_iso(at))
                    for q in question_ids
                ],
            )
        lessons = _lesson_ids(course)
        for day in range(n // 48 + 1):
            stamp_day = (START + timedelta(days=day)).date().isoformat()
            for lesson in lessons[day % len(lessons) : day % len(lessons) + 2]:
                conn.execute(
                    "INSERT OR IGNORE INTO study_time (learner_id, course_id, day, object_type, object_id, seconds)"
                    " VALUES (?, ?, ?, 'lesson', ?, 600)",
                    [learner_id, course_id, stamp_day, lesson],
                )
    conn.close()

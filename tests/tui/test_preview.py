"""``course preview``: real files in tmp_path, the real app through Pilot, the real watcher thread.

Every wait is for an event (a version shown, a screen, a place), polled with ``pilot.pause`` and
bounded; none is a fixed sleep.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from textual.containers import VerticalScroll
from textual.pilot import Pilot
from textual.widgets import Static
from watchfiles import Change

from progress_store import Store
from tests.helpers.course_factory import LESSON_TOML, MODULE_DIR, QUIZ_TOML, question_toml, write_course
from tests.tui.helpers import FIXED_SEED, dismiss_disclaimer, settle
from tui.textual_app import reading_place
from tui.textual_app.app import PREVIEW_LABEL, CourseApp, make_app
from tui.textual_app.preview.errors_screen import CourseErrorsScreen
from tui.textual_app.preview.session import PreviewSession, open_preview
from tui.textual_app.preview.watcher import THREAD_NAME, CourseFiles
from tui.textual_app.screens.course_map import CourseMapScreen
from tui.textual_app.screens.lesson import LessonScreen
from tui.textual_app.screens.quiz import QuizScreen

LESSON = f"{MODULE_DIR}/01-agonists.toml"
QUIZ = f"{MODULE_DIR}/quiz.toml"
PARAGRAPHS = 30
LONG_LESSON = LESSON_TOML.replace(
    "See [Smith](ref:smith-2020) and [the web](https://example.org/more).\n",
    "See [Smith](ref:smith-2020) and [the web](https://example.org/more).\n"
    + "".join(
        f"\nParagraph {n} says something about receptors, at some length, to fill a line or two.\n" for n in range(PARAGRAPHS)
    ),
)
THREE_QUESTIONS = QUIZ_TOML + "\n".join(question_toml(qid, "true_false", "m1-o1", "answer = true") for qid in ("m1-q2", "m1-q3"))


@pytest.fixture
def course_root(tmp_path: Path) -> Path:
    return write_course(tmp_path / "course", lesson=LONG_LESSON, quiz=THREE_QUESTIONS)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = Store.open(tmp_path / "progress.db")
    yield opened
    opened.close()


def preview_app(root: Path, store: Store) -> tuple[CourseApp, PreviewSession]:
    """The app as ``course preview`` builds it, with a fixed seed."""
    course, session = open_preview(root)
    return make_app(course, store, "default", new_seed=lambda: FIXED_SEED, preview=session), session


def edit(root: Path, relative: str, old: str, new: str) -> None:
    """Change one file of the course on disk as many editors save: a new file renamed over the old one."""
    path = root / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    temporary = path.with_name(f".{path.name}.saving")
    temporary.write_text(text.replace(old, new, 1), encoding="utf-8")
    os.replace(temporary, path)


async def until(pilot: Pilot[None], condition: Callable[[], bool], what: str, seconds: float = 60.0) -> None:
    """Wait (bounded) until ``condition()`` holds."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}; {state(pilot.app)}")
        await pilot.pause(0.02)


def state(app: object) -> str:
    """What the app shows, for a failure message."""
    assert isinstance(app, CourseApp)
    screen = app.screen
    shown = f"screens {[type(s).__name__ for s in app.screen_stack]}"
    if isinstance(screen, QuizScreen):
        shown += f"; quiz at {screen.index} of {screen.question_ids}, attempt {screen.attempt is not None}"
    return shown + f"; versions {app.preview.versions if app.preview else None}"


async def watching(pilot: Pilot[None], session: PreviewSession) -> None:
    await until(pilot, session.watcher.watching.is_set, "the watcher to start")


def errors_shown(app: CourseApp) -> list[str] | None:
    """The findings the errors screen shows, if it is the current screen."""
    screen = app.screen
    return screen.lines if isinstance(screen, CourseErrorsScreen) and screen.is_mounted else None


def lesson_scroll(app: CourseApp) -> VerticalScroll:
    assert isinstance(app.screen, LessonScreen)
    return app.screen.query_one("#lesson-scroll", VerticalScroll)


async def open_lesson_scrolled(pilot: Pilot[None], app: CourseApp) -> tuple[LessonScreen, float]:
    """Open the long lesson and scroll to the middle of it; the screen and its scroll offset."""
    await dismiss_disclaimer(pilot, app)
    app.screen.open_item("lesson", "m1-agonists")  # type: ignore[attr-defined]
    await settle(pilot, app)
    scroll = lesson_scroll(app)
    await until(pilot, lambda: scroll.max_scroll_y > 20, "the lesson to be laid out")
    scroll.scroll_to(y=scroll.max_scroll_y // 2, animate=False, immediate=True)
    await settle(pilot, app)
    assert isinstance(app.screen, LessonScreen)
    return app.screen, lesson_scroll(app).scroll_y


def shows(app: CourseApp, words: str) -> bool:
    """Whether the current screen is a lesson, composed, whose text holds ``words``."""
    if not isinstance(app.screen, LessonScreen) or not app.screen.is_mounted:
        return False
    return reading_place.first_match(lesson_scroll(app), words) is not None


async def back_at(pilot: Pilot[None], app: CourseApp, old: LessonScreen, words: str, rows: float) -> None:
    """Wait for a new lesson screen on the same lesson, showing ``words``, scrolled back to ``rows``."""
    await until(pilot, lambda: app.screen is not old and shows(app, words), f"the lesson with {words!r}")
    await settle(pilot, app)
    await until(pilot, lambda: lesson_scroll(app).scroll_y == rows, f"the scroll place {rows}")
    assert isinstance(app.screen, LessonScreen) and app.screen.lesson_id == "m1-agonists"


async def test_editing_a_lesson_shows_the_new_text_on_the_same_lesson_at_the_same_place(course_root: Path, store: Store) -> None:
    app, session = preview_app(course_root, store)
    async with app.run_test(size=(80, 24)) as pilot:
        await watching(pilot, session)
        old, rows = await open_lesson_scrolled(pilot, app)
        assert rows > 10 and not shows(app, "Paragraph 3 tells")

        edit(course_root, LESSON, "Paragraph 3 says", "Paragraph 3 tells")

        await back_at(pilot, app, old, "Paragraph 3 tells", rows)
        assert session.versions >= 1 and not shows(app, "Paragraph 3 says")
        assert [type(s) for s in app.screen_stack[1:]] == [CourseMapScreen, LessonScreen]
        assert app.sub_title == PREVIEW_LABEL


async def test_a_broken_file_shows_its_located_errors_and_fixing_it_goes_back_to_the_lesson(
    course_root: Path, store: Store
) -> None:
    app, session = preview_app(course_root, store)
    async with app.run_test(size=(80, 24)) as pilot:
        await watching(pilot, session)
        old, rows = await open_lesson_scrolled(pilot, app)

        edit(course_root, LESSON, "estimated_minutes = 5", "estimated_minutes = = 5")

        located = f"{(course_root / LESSON).resolve()}:4:21: error[E001]: TOML syntax error: invalid value"
        await until(pilot, lambda: errors_shown(app) == [located], "the errors screen")
        screen = app.screen
        assert isinstance(screen, CourseErrorsScreen)
        title = str(screen.query_one("#preview-errors-title", Static).content)
        assert title == "The course does not load: 1 error"
        assert [f.format() for f in session.findings] == [located]

        edit(course_root, LESSON, "estimated_minutes = = 5", "estimated_minutes = 6")

        await back_at(pilot, app, old, "Paragraph 3 says", rows)
        assert not any(isinstance(s, CourseErrorsScreen) for s in app.screen_stack)
        assert session.findings == []
        assert "6 min read" in str(app.screen.query_one("#lesson-status", Static).content)


async def test_each_new_broken_version_replaces_the_errors_shown(course_root: Path, store: Store) -> None:
    app, session = preview_app(course_root, store)
    async with app.run_test(size=(80, 24)) as pilot:
        await watching(pilot, session)
        await dismiss_disclaimer(pilot, app)
        edit(course_root, LESSON, "estimated_minutes = 5", "estimated_minutes = = 5")
        await until(pilot, lambda: bool(errors_shown(app)), "the errors of the first broken version")
        edit(course_root, "course.toml", 'version = "1.0"', 'version = = "1.0"')
        both = sorted([f"{(course_root / 'course.toml').resolve()}:6:11", f"{(course_root / LESSON).resolve()}:4:21"])
        await until(pilot, lambda: sorted(line.split(": error")[0] for line in errors_shown(app) or []) == both, "both")
        screens = [s for s in app.screen_stack if isinstance(s, CourseErrorsScreen)]
        assert len(screens) == 1 and screens[0] is app.screen


async def test_editing_a_quiz_while_on_question_2_stays_on_question_2(course_root: Path, store: Store) -> None:
    app, session = preview_app(course_root, store)
    async with app.run_test(size=(80, 24)) as pilot:
        await watching(pilot, session)
        await dismiss_disclaimer(pilot, app)
        app.screen.open_item("quiz", "m1-quiz")  # type: ignore[attr-defined]
        await settle(pilot, app)
        old = app.screen
        assert isinstance(old, QuizScreen) and old.index == 0
        await pilot.press("pagedown")
        await settle(pilot, app)
        assert old.index == 1 and old.question.id == "m1-q2"

        edit(course_root, QUIZ, 'prompt = "Prompt of m1-q2?"', 'prompt = "A clearer prompt of m1-q2?"')

        def on_question_2_again() -> bool:
            quiz = app.screen
            return isinstance(quiz, QuizScreen) and quiz is not old and quiz.attempt is not None and quiz.index == 1

        await until(pilot, on_question_2_again, "the new version on question 2")
        await settle(pilot, app)
        quiz = app.screen
        assert isinstance(quiz, QuizScreen) and quiz.index == 1
        assert quiz.question.id == "m1-q2" and quiz.question.prompt == "A clearer prompt of m1-q2?"
        assert "A clearer prompt of m1-q2?" in str(quiz.query_one("#question-prompt", Static).content)
        assert quiz.attempt is not None and old.attempt is not None and quiz.attempt.attempt_id == old.attempt.attempt_id


async def test_two_saves_in_quick_succession_still_end_on_question_2(course_root: Path, store: Store) -> None:
    """The second version may arrive before the first one's quiz screen is back on its question."""
    app, session = preview_app(course_root, store)
    async with app.run_test(size=(80, 24)) as pilot:
        await watching(pilot, session)
        await dismiss_disclaimer(pilot, app)
        app.screen.open_item("quiz", "m1-quiz")  # type: ignore[attr-defined]
        await settle(pilot, app)
        old = app.screen
        await pilot.press("pagedown")
        await settle(pilot, app)

        edit(course_root, QUIZ, 'prompt = "Prompt of m1-q2?"', 'prompt = "Second prompt of m1-q2?"')
        await until(pilot, lambda: isinstance(app.screen, QuizScreen) and app.screen is not old, "the first new version")
        first = app.screen
        edit(course_root, QUIZ, 'prompt = "Second prompt of m1-q2?"', 'prompt = "Third prompt of m1-q2?"')

        def on_the_third_version_at_question_2() -> bool:
            quiz = app.screen
            if not isinstance(quiz, QuizScreen) or quiz in (old, first) or quiz.attempt is None:
                return False
            return quiz.index == 1 and quiz.question.prompt == "Third prompt of m1-q2?"

        await until(pilot, on_the_third_version_at_question_2, "the second new version on question 2")
        await settle(pilot, app)
        assert isinstance(app.screen, QuizScreen) and app.screen.index == 1


async def test_a_course_invalid_at_start_opens_on_its_errors_and_starts_once_fixed(tmp_path: Path, store: Store) -> None:
    root = write_course(tmp_path / "course", lesson=LONG_LESSON.replace("estimated_minutes = 5", "estimated_minutes = = 5"))
    app, session = preview_app(root, store)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, CourseErrorsScreen) and app.screen.is_mounted, "the errors screen")
        assert isinstance(app.screen, CourseErrorsScreen)
        assert app.screen.lines == [f"{(root / LESSON).resolve()}:4:21: error[E001]: TOML syntax error: invalid value"]
        assert app.sub_title == PREVIEW_LABEL
        await watching(pilot, session)

        edit(root, LESSON, "estimated_minutes = = 5", "estimated_minutes = 5")

        await until(pilot, lambda: app.title == "Demo course", "the fixed version")
        await dismiss_disclaimer(pilot, app)
        assert isinstance(app.screen, CourseMapScreen) and app.title == "Demo course"
        assert [type(s) for s in app.screen_stack[1:]] == [CourseMapScreen]


def in_drain(thread: threading.Thread) -> bool:
    """Whether ``thread`` is waiting for the store writer to finish (its stack holds ``wait_idle``)."""
    frame = sys._current_frames().get(thread.ident or -1)
    while frame is not None:
        if frame.f_code.co_name == "wait_idle":
            return True
        frame = frame.f_back
    return False


async def test_a_reload_waits_until_every_queued_write_is_committed(course_root: Path, store: Store) -> None:
    app, session = preview_app(course_root, store)
    async with app.run_test(size=(80, 24)) as pilot:
        await watching(pilot, session)
        old, _rows = await open_lesson_scrolled(pilot, app)
        gate, acknowledged = threading.Event(), list[object]()
        progress = app.study.progress

        def slow_write() -> None:  # a write the store is slow to take (another program holds the file, say)
            gate.wait(60)
            progress.complete_lesson("m1-agonists")

        app.write(slow_write, acknowledged.append)
        edit(course_root, LESSON, "Paragraph 3 says", "Paragraph 3 tells")
        watcher = next(t for t in threading.enumerate() if t.name == THREAD_NAME)
        await until(pilot, lambda: in_drain(watcher), "the reload to wait for the writer")
        assert session.versions == 0 and app.screen is old and not acknowledged
        gate.set()

        await until(pilot, lambda: shows(app, "Paragraph 3 tells"), "the new version")
        assert acknowledged == [None]
        assert "✓ done" in str(app.screen.query_one("#lesson-status", Static).content)  # read after the commit


async def test_quitting_stops_the_watcher_thread(course_root: Path, store: Store) -> None:
    app, session = preview_app(course_root, store)
    async with app.run_test(size=(80, 24)) as pilot:
        await watching(pilot, session)
        assert session.watcher.alive
        assert [t.name for t in threading.enumerate()].count(THREAD_NAME) == 1
        await dismiss_disclaimer(pilot, app)
        await pilot.press("q")
    assert app.return_code == 0
    assert not session.watcher.alive
    assert THREAD_NAME not in [t.name for t in threading.enumerate()]


async def test_a_lesson_the_new_version_no_longer_has_leaves_the_author_on_the_map(course_root: Path, store: Store) -> None:
    app, session = preview_app(course_root, store)
    async with app.run_test(size=(80, 24)) as pilot:
        await watching(pilot, session)
        await open_lesson_scrolled(pilot, app)

        edit(course_root, LESSON, 'id = "m1-agonists"', 'id = "m1-agonists-renamed"')

        await until(pilot, lambda: app.course.lesson("m1-agonists-renamed") is not None, "the new version")
        await settle(pilot, app)
        await until(pilot, lambda: [type(s) for s in app.screen_stack[1:]] == [CourseMapScreen], "the map alone")
        assert app.course.lesson("m1-agonists-renamed") is not None and app.course.lesson("m1-agonists") is None


@pytest.mark.parametrize(
    ("path", "counts"),
    [
        ("/c/modules/01-basics/01-agonists.toml", True),
        ("/c/modules/01-basics/02-topic.md", True),
        ("/c/progress.db", False),  # a database kept in the folder never makes the preview reload itself
        ("/c/progress.db-wal", False),
        ("/c/modules/01-basics/.01-agonists.toml.swp", False),
        ("/c/.git/modules/01-basics/quiz.toml", False),
    ],
)
def test_only_course_files_count_as_changes(path: str, counts: bool) -> None:
    assert CourseFiles()(Change.modified, path) is counts


def test_a_module_folder_removed_counts_as_a_change() -> None:
    assert CourseFiles()(Change.deleted, "/c/modules/02-more") is True

"""Themes, remapped keys, the help screen and learner profiles."""

from __future__ import annotations

from pathlib import Path

from course.loading.loader import load_course
from course.loading.settings import Settings
from progress_store import Store
from tests.tui.helpers import FIXED_SEED, build_app, dismiss_disclaimer, settle
from tui.textual_app.app import make_app
from tui.textual_app.dialogs.profile_picker import ProfilePicker
from tui.textual_app.screens.course_map import CourseMapScreen
from tui.textual_app.screens.help import HelpScreen
from tui.textual_app.screens.lesson import LessonScreen


def app_with(mini: Path, db_path: Path, learner: str | None = "default", **options):
    return make_app(load_course(mini), Store.open(db_path), learner, new_seed=lambda: FIXED_SEED, **options)


async def test_theme_cycles_and_is_remembered_per_learner(mini_course_path: Path, db_path: Path) -> None:
    app = build_app(mini_course_path, db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await dismiss_disclaimer(pilot, app)
        assert app.theme == "textual-dark"
        await pilot.press("ctrl+t")
        await settle(pilot, app)
        assert app.theme == "textual-light"
        await pilot.press("ctrl+t")
        await settle(pilot, app)
        assert app.theme == "high-contrast"
        assert app.progress.setting("theme") == "high-contrast"
    app = build_app(mini_course_path, db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        assert app.theme == "high-contrast"
    other = build_app(mini_course_path, db_path, learner="sam")
    async with other.run_test(size=(80, 24)) as pilot:
        await settle(pilot, other)
        assert other.theme == "textual-dark", "each learner has their own settings"


async def test_settings_file_theme_is_the_default(mini_course_path: Path, db_path: Path) -> None:
    app = app_with(mini_course_path, db_path, settings=Settings(theme="light"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        assert app.theme == "textual-light"


async def test_remapped_keys_work_and_bad_ids_are_reported(mini_course_path: Path, db_path: Path) -> None:
    settings = Settings(keys={"lesson.done": "x", "nonsense.id": "z"})
    app = app_with(mini_course_path, db_path, settings=settings)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        messages = [n.message for n in app._notifications]
        assert any("unknown key binding id 'nonsense.id'" in m for m in messages)
        await pilot.press("enter")  # disclaimer
        await settle(pilot, app)
        await pilot.press("enter")
        await settle(pilot, app)
        assert isinstance(app.screen, LessonScreen)
        await pilot.press("d")  # the default key no longer marks done
        await settle(pilot, app)
        assert app.progress.lesson_statuses()["neurons"] == "started"
        await pilot.press("x")
        await settle(pilot, app)
        assert app.progress.lesson_statuses()["neurons"] == "done"


async def test_help_screen_lists_every_key_with_remappings(mini_course_path: Path, db_path: Path) -> None:
    app = app_with(mini_course_path, db_path, settings=Settings(keys={"lesson.done": "x"}))
    async with app.run_test(size=(80, 24)) as pilot:
        await dismiss_disclaimer(pilot, app)
        await pilot.press("f1")
        await settle(pilot, app)
        assert isinstance(app.screen, HelpScreen)
        text = "\n".join(str(s.content) for s in app.screen.query("Static"))
        for expected in ("Course map", "Lesson", "Quiz", "Review", "Mark done  [lesson.done]", "Check  [quiz.check]"):
            assert expected in text
        assert "x                Mark done" in text
        await pilot.press("escape")
        await settle(pilot, app)
        assert isinstance(app.screen, CourseMapScreen)


async def test_several_learners_pick_a_profile_at_start(mini_course_path: Path, db_path: Path) -> None:
    store = Store.open(db_path)
    store.learner("ana", "mini").complete_lesson("neurons")
    store.learner("ben", "mini").save_position("map")
    store.close()
    app = app_with(mini_course_path, db_path, learner=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        assert isinstance(app.screen, ProfilePicker)
        await pilot.press("enter")  # the first learner, ana
        await settle(pilot, app)
        assert app.progress.learner == "ana"
        await pilot.press("enter")  # her disclaimer (she has never started the app)
        await settle(pilot, app)
        assert "1 of 3 lessons done" in str(app.screen.query_one("#course-summary").content)
        assert app.sub_title == "learner: ana"
    app = app_with(mini_course_path, db_path, learner=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        await pilot.click("#new-learner")
        await pilot.press(*"Cleo", "enter")
        await settle(pilot, app)
        assert app.progress.learner == "Cleo"
    assert sorted(Store.open(db_path).learners()) == ["Cleo", "ana", "ben"]

"""The served app's sign-in screen through Pilot: the real app (``ServedApp``), real SQLite files and account files."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.reactive import reactive
from textual.widgets import Input, Static

from course.loading.loader import load_course
from course.serve.accounts import Accounts
from course.serve.session import ServedApp, accounts_of, learner_db, stores
from progress_store import Store
from tests.tui.helpers import FIXED_SEED, settle
from tui.textual_app.dialogs.sign_in import SignInScreen

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini-course"


@pytest.fixture(autouse=True)
def steady_cursors(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """As tests/snapshots/conftest.py: a blinking cursor would make the snapshot depend on timing."""
    blink = Input.__dict__["cursor_blink"]
    assert isinstance(blink, reactive)
    monkeypatch.setattr(blink, "_default", False)
    yield


def served_app(db: Path | None = None, db_dir: Path | None = None, password: bool = False) -> ServedApp:
    authenticator = accounts_of(db, db_dir) if password else None
    if authenticator is not None:
        authenticator = Accounts(authenticator.folder, delay_s=0.05)
    return ServedApp(load_course(MINI), stores(db, db_dir), authenticator, new_seed=lambda: FIXED_SEED)


def learners_in(db: Path) -> list[str]:
    with sqlite3.connect(db) as conn:
        return [row[0] for row in conn.execute("SELECT name FROM learners ORDER BY name")]


def message(app: ServedApp) -> str:
    return str(app.screen.query_one("#message", Static).render())


async def fill(pilot: Pilot[None], field: str, text: str, submit: bool = True) -> None:
    pilot.app.screen.query_one(f"#{field}", Input).focus()
    await pilot.pause()
    await pilot.press(*text)
    if submit:
        await pilot.press("enter")
    for _ in range(100):  # the password check runs in a thread
        await pilot.pause(0.02)
        if not getattr(pilot.app.screen, "busy", False):
            break
    await pilot.pause()


def test_sign_in_screen_snapshot(snap_compare: Any, tmp_path: Path) -> None:
    async def typed(pilot: Pilot[None]) -> None:
        await fill(pilot, "name", "Ann", submit=False)

    assert snap_compare(served_app(tmp_path / "class.db", password=True), run_before=typed, terminal_size=(80, 24))


async def test_a_name_signs_in_and_nobody_else_is_created(tmp_path: Path) -> None:
    db = tmp_path / "class.db"
    with Store.open(db) as store:
        store.learner("Ann", "mini")  # the only learner: the desktop app would pick her without asking
    app = served_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, SignInScreen)  # never the profile picker, never an implied learner
        await fill(pilot, "name", "  [b]Zoe\x1b[0m[/b]  ")
        await settle(pilot, app)
        assert app.study.records.learner == "[b]Zoe[0m[/b]"
        assert "learner: [b]Zoe[0m[/b]" in app.sub_title
    assert learners_in(db) == ["Ann", "[b]Zoe[0m[/b]"]


async def test_new_password_set_twice_then_checked(tmp_path: Path) -> None:
    db = tmp_path / "class.db"
    app = served_app(db, password=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await fill(pilot, "name", "Ann", submit=False)
        await fill(pilot, "password", "short")
        assert "at least 8 characters" in message(app)
        await fill(pilot, "password", " enough now")
        assert "is a new profile" in message(app) and app.screen.has_class("-new")
        await fill(pilot, "confirm", "different")
        assert "differ" in message(app) and not app.screen.has_class("-new")
        assert app.screen.query_one("#password", Input).value == ""
        await fill(pilot, "password", "a good password")
        await fill(pilot, "confirm", "a good password")
        await settle(pilot, app)
        assert app.study.records.learner == "Ann"
    assert Accounts.beside(db).check("Ann", "a good password") == "ok"

    again = served_app(db, password=True)
    async with again.run_test(size=(80, 24)) as pilot:
        await fill(pilot, "name", "Ann", submit=False)
        await fill(pilot, "password", "a wrong password")
        assert message(again) == "That name and password do not match. Try again."
        assert isinstance(again.screen, SignInScreen) and again.study is None
        await fill(pilot, "password", "a good password")
        await settle(pilot, again)
        assert again.study.records.learner == "Ann"


async def test_one_database_a_learner(tmp_path: Path) -> None:
    folder = tmp_path / "learners"
    folder.mkdir()
    for name in ("Ann", "Bob"):
        app = served_app(db_dir=folder, password=True)
        async with app.run_test(size=(80, 24)) as pilot:
            await fill(pilot, "name", name, submit=False)
            await fill(pilot, "password", f"{name} password")
            await fill(pilot, "confirm", f"{name} password")
            await settle(pilot, app)
            assert app.store.path == learner_db(folder, name)
        assert app.opened is not None
        app.opened.close()
    assert learners_in(learner_db(folder, "Ann")) == ["Ann"]
    assert learners_in(learner_db(folder, "Bob")) == ["Bob"]
    assert learner_db(folder, "Ann").name.startswith("ann-")
    assert sorted(p.name for p in folder.iterdir() if p.suffix == ".db") == sorted(
        learner_db(folder, n).name for n in ("Ann", "Bob")
    )
    assert (folder / "accounts").is_dir()


async def test_before_sign_in_no_palette_search_help_or_theme(tmp_path: Path) -> None:
    db = tmp_path / "class.db"
    app = served_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        theme = app.theme
        app.set_focus(None)  # as if the visitor clicked outside the fields: "/" and "?" are not typed
        for key in ("ctrl+p", "slash", "f1", "question_mark", "ctrl+t"):
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, SignInScreen) and len(app.screen_stack) == 2, key
        assert app.theme == theme and app.study is None
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code == 0
    assert not db.exists()  # nothing opened, nobody created before sign-in

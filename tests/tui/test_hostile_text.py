"""Hostile text in every field, in the real app: markup and Markdown characters show as written.

A citation goes into the lesson's References list as Markdown link text; ``[``, ``]``, ``*``, `` ` ``,
``<`` and ``\\`` in it must show literally (a ``[`` used to vanish), in the app and in plain mode.
Rich/Textual markup planted in every text field shows literally and does nothing.
"""

from __future__ import annotations

import io
from pathlib import Path

from textual.widgets import Static

from course.loading.loader import load_course
from progress_store import Store
from tests.corpus.hostile_course import hostile_course
from tests.tui.helpers import FIXED_SEED, dismiss_disclaimer, settle
from tui.plain.session import run_plain
from tui.textual_app.app import make_app
from tui.textual_app.screens.lesson import LessonScreen
from tui.textual_app.screens.quiz import QuizScreen
from tui.textual_app.widgets.lesson_text import LessonBlock

HOSTILE = r"Smith [J] *et al.* `x` <b>bold</b> a\b [1](ref:smith-2020) [bold red]Z[/] [@click=app.quit]Q[/] $accent &amp;"


async def test_citations_and_markup_show_as_written_in_the_app(tmp_path: Path) -> None:
    course = load_course(hostile_course(tmp_path, HOSTILE))
    store = Store.open(tmp_path / "p.db")
    app = make_app(course, store, "default", new_seed=lambda: FIXED_SEED)
    try:
        async with app.run_test(size=(200, 50)) as pilot:
            await dismiss_disclaimer(pilot, app)
            assert f"M {HOSTILE}" in app.export_screenshot().replace("&#160;", " ").replace("&amp;", "&").replace(
                "&lt;", "<"
            ).replace("&gt;", ">")
            app.screen.open_item("lesson", "m1-agonists")  # type: ignore[attr-defined]
            await settle(pilot, app)
            screen = app.screen
            assert isinstance(screen, LessonScreen)
            references = screen.query_one("#lesson-references")
            shown = [line.plain for block in references.query(LessonBlock) for line in block.lines(190)]
            assert shown == [f"1. C {HOSTILE}"]
            body = " ".join(
                line.plain for block in screen.query("#lesson-body LessonBlock").results(LessonBlock) for line in block.lines(190)
            )
            assert "[bold red]Z[/] [@click=app.quit]Q[/] $accent" in body
            assert app.is_running
            app.router.open_quiz("m1-quiz")
            await settle(pilot, app)
            assert isinstance(app.screen, QuizScreen)
            assert str(app.screen.query_one("#question-prompt", Static).content) == f"P1 {HOSTILE}"
            assert str(app.screen.query_one("#question-case", Static).content) == f"V1 {HOSTILE}"
    finally:
        store.close()


def test_citations_show_as_written_in_plain_mode(tmp_path: Path) -> None:
    course = load_course(hostile_course(tmp_path, HOSTILE))
    store = Store.open(tmp_path / "p.db")
    out = io.StringIO()
    try:
        run_plain(course, store, None, stdin=io.StringIO("\n1\n1\nq\n"), stdout=out)
    finally:
        store.close()
    text = out.getvalue()
    listed = text.split("References\n----------\n", 1)[1].split("\n\n", 1)[0]  # wrapped at 78 columns
    assert " ".join(listed.split()) == f"1. C {HOSTILE}"
    assert f"M {HOSTILE}" in text

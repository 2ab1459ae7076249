"""Fuzzing what renders course text: no exception, no markup interpreted, no escape sequence out.

Random text full of Rich/Textual markup, Markdown, escape sequences and control characters goes
through the lesson text widget's layout (``block_lines``, what :class:`LessonBlock` draws), the inert
content every other widget shows course text with (question prompts and cases, answer hints, the
glossary and reference dialogs, search results), the feedback of every question type, the lesson's
References list and the plain-mode printers; then through the real app (every screen a learner sees
the course's text on, down to the escape sequences it would write to the terminal) and a real
plain-mode session (down to the bytes it writes). Planted markup (``[bold]x[/]``, ``[@click=...]``)
must show as written.
"""

from __future__ import annotations

import asyncio
import io
import re
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, Phase, given, reject, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter
from textual.content import Content
from textual.style import Style

from course.domain.text_safety import escape_markdown, strip_controls
from course.loading.findings import CourseError
from course.loading.loader import load_course
from course.search.documents import Hit
from lessons.markdown import blocks
from progress_store import Store
from quizzes.grading import grade
from quizzes.questions import Question
from tests.corpus.hostile_course import hostile_course, questions
from tests.corpus.strategies import hostile_text
from tests.tui.helpers import FIXED_SEED, dismiss_disclaimer, link_clicked, settle
from tui.plain.answers import describe, feedback_lines, question_lines
from tui.plain.session import run_plain
from tui.plain.text import clean, render_inline, render_markdown, underline, wrap
from tui.textual_app.app import CourseApp, make_app
from tui.textual_app.safe_text import plain
from tui.textual_app.screens.search import hit_prompt
from tui.textual_app.widgets.feedback import feedback_content
from tui.textual_app.widgets.lesson_text.layout import block_lines

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
OUR_STYLES = {".em", ".strong", ".s", ".code", ".th"}
FEEDBACK_STYLES = {"bold $success", "bold $warning", "bold $error", "bold"}
# Markup that would change what is shown or do something if it were read; each must show as written.
MARKS = ["[bold]x[/]", "[@click=app.quit]x[/]", "[link=https://e.example]x[/link]", "[on red]x[/]", "[reverse]x"]
marked_text = st.tuples(st.sampled_from(MARKS), hostile_text).map(lambda parts: f"{parts[0]} {parts[1]}")
# Right and wrong responses to the questions of tests.corpus.hostile_course, by type.
RESPONSES: dict[str, tuple[Any, Any]] = {
    "single": ("b", "a"),
    "multiple": (["b"], ["a"]),
    "true_false": (True, False),
    "order": (["i1", "i2"], ["i2", "i1"]),
    "match": ({"p1": "p1", "p2": "p2"}, {"p1": "p2", "p2": "p1"}),
    "text": (None, "nope"),  # right: the accepted answer, which holds the text
    "numeric": (5.0, 1.0),
}
QUESTION = TypeAdapter(Question)
NO_SHRINK = (Phase.explicit, Phase.reuse, Phase.generate)
widths = st.integers(8, 120)


def words(text: str) -> str:
    return " ".join(text.split())


def check_content(content: Content) -> None:
    """Drawn content: no control character, and no style but the widget's own or a link's click action."""
    assert not CONTROL.search(content.plain.replace("\n", "")), repr(content.plain)
    for span in content.spans:
        if isinstance(span.style, Style):
            actions = {key: value for key, value in span.style.meta.items() if key.startswith("@")}
            assert set(actions) <= {"@click"} and all(str(v).startswith("link(") for v in actions.values()), span
        else:
            assert span.style in OUR_STYLES, span


@FUZZ
@given(hostile_text, widths)
def test_lesson_text_of_any_markdown(markdown: str, width: int) -> None:
    for block in blocks(markdown):
        for line in block_lines(block, width):
            check_content(line)


@FUZZ
@given(hostile_text, widths)
def test_escaped_text_shows_exactly_as_written(text: str, width: int) -> None:
    """What the References list does with a citation: the words shown are the words written."""
    written = words(strip_controls(text))
    lines = [line for block in blocks(escape_markdown(written)) for line in block_lines(block, width)]
    for line in lines:
        check_content(line)
    # Lines wrap (a long word too, at a narrow width): compare every character but the spaces.
    assert "".join("".join(line.plain for line in lines).split()) == "".join(written.split())


@FUZZ
@given(hostile_text)
def test_inert_content_is_the_text_without_controls(text: str) -> None:
    """Prompts, cases, hints, dialogs: the text as written, controls removed, no markup read."""
    content = plain(text)
    assert content.plain == strip_controls(text)
    assert content.spans == []


@FUZZ
@given(hostile_text, hostile_text)
def test_search_results_show_titles_and_snippets_as_written(title: str, snippet: str) -> None:
    hit = Hit("lesson", "x", "x", title, snippet, spans=((0, 1),), score=1.0, match_text=snippet[:1], title_spans=((0, 2),))
    content = hit_prompt(hit)
    assert content.plain.endswith(strip_controls(title) + "\n" + strip_controls(snippet))


@FUZZ
@given(hostile_text, st.integers(20, 100))
def test_plain_printers(text: str, width: int) -> None:
    for printed in (render_markdown(text, width), render_inline(text), wrap(text, width), underline(text), clean(text)):
        assert not CONTROL.search(printed.replace("\n", "")), repr(printed)
    assert words(wrap(text, width)) == words(clean(text))
    assert "\x1b" not in clean(text)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(marked_text)
def test_every_question_type_and_its_feedback(text: str) -> None:
    """Prompts, options and feedback of all seven types, as plain mode prints them and the app's
    feedback shows them: no control character, the author's words as written, no style but ours."""
    for n, data in enumerate(questions(text), start=1):
        question = QUESTION.validate_python(data)
        order = [c.id for c in getattr(question, "choices", [])] or [i.id for i in getattr(question, "items", [])]
        order = order or [p.id for p in getattr(question, "pairs", [])]
        printed = "\n".join(question_lines(question, order))
        assert not CONTROL.search(printed.replace("\n", "")), repr(printed)
        assert words(clean(f"P{n} {text}")) in words(printed)
        right, wrong = RESPONSES[question.type]
        right = f"A {text}" if right is None else right
        for response in (right, wrong):
            result = grade(question, response)
            lines = "\n".join(feedback_lines(question, response, result.score, result.max_score, result.correct))
            assert not CONTROL.search(lines.replace("\n", "")), repr(lines)
            assert words(clean(f"Why: E{n} {text}")) in words(lines)
            assert not CONTROL.search(wrap("Your answer: " + describe(question, response)).replace("\n", ""))
            content = feedback_content(question, response, result.score, result.max_score, result.correct)
            assert content.plain.endswith(f"Why: {strip_controls(f'E{n} {text}')}")
            assert {str(span.style) for span in content.spans} <= FEEDBACK_STYLES, content.spans
            assert not CONTROL.search(content.plain.replace("\n", ""))


# What the app writes to the terminal: SGR styles and cursor positions, nothing else.
OUR_SEQUENCES = re.compile(r"\x1b\[[0-9;]*m|\x1b\[\d+;\d+H")


def look(app: CourseApp, mark: str) -> str:
    """The screen as the terminal would get it: no control character in any text drawn, no click
    action but a lesson link's, only SGR and cursor sequences written; and ``mark`` on it as written."""
    lines = []
    for strip in app.screen._compositor.render_strips():
        for segment in strip:
            assert segment.control is None and not CONTROL.search(segment.text), repr(segment)
            meta = segment.style.meta if segment.style is not None else {}
            assert all(not key.startswith("@") or str(value).startswith("link(") for key, value in meta.items()), meta
        lines.append(strip.text)
    written = OUR_SEQUENCES.sub("", app.screen._compositor.render_full_update().render_segments(app.console))
    assert not re.search(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]", written), repr(written[:200])  # (lines end in a newline)
    screen = "\n".join(lines)
    assert mark in screen, f"{type(app.screen).__name__}: {mark!r} not shown as written:\n{screen}"
    return screen


async def walk(app: CourseApp, mark: str) -> list[str]:
    """Every screen with course text: the disclaimer, the map, the lesson, a glossary term and a
    reference, every question of the quiz and the feedback of one; each screen's name once looked at."""
    seen = []
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        look(app, f"D {mark}")
        await dismiss_disclaimer(pilot, app)
        look(app, f"M {mark}")
        app.screen.open_item("lesson", "m1-agonists")  # type: ignore[attr-defined]
        await settle(pilot, app)
        look(app, f"B {mark}")
        for href, shown in (("glossary:agonist", "A"), ("ref:smith-2020", "C")):
            link_clicked(app.screen, href)
            await settle(pilot, app)
            look(app, f"{shown} {mark}")
            seen.append(type(app.screen).__name__)
            await pilot.press("escape")
            await settle(pilot, app)
        app.router.open_quiz("m1-quiz")
        await settle(pilot, app)
        for n in range(1, 8):
            look(app, f"P{n} {mark}")
            seen.append(app.screen.question.type)  # type: ignore[attr-defined]
            if n == 1:
                await pilot.press("enter", "enter")  # the first choice (the wrong one), checked
                await settle(pilot, app)
                look(app, f"F {mark}")
            await pilot.press("pagedown")
            await settle(pilot, app)
    return seen


# A few examples, each a whole walk through the app (a few seconds); no shrinking (a failure is
# reported as found, instead of minutes spent walking smaller texts).
@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow], phases=NO_SHRINK)
@given(st.sampled_from(MARKS), hostile_text)
def test_the_app_shows_hostile_text_as_written_on_every_screen(mark: str, text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        try:
            course = load_course(hostile_course(Path(folder), f"{mark} {text}"))
        except CourseError:  # text the validator refuses (a javascript: link in the body) never reaches the app
            reject()
        store = Store.open(Path(folder) / "p.db")
        try:
            seen = asyncio.run(walk(make_app(course, store, "default", new_seed=lambda: FIXED_SEED), mark))
        finally:
            store.close()
    assert seen == ["InfoDialog", "InfoDialog", "single", "multiple", "true_false", "order", "match", "text", "numeric"]


# Plain mode: read the lesson and a glossary term, then answer every question of the quiz.
PLAIN_SCRIPT = ["", "1", "1", "g agonist", "n", "t", "1", "", "1", "", "t", "", "1 2", "", "1a 2b", "", "nope", "", "5", "", "q"]


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(marked_text)
def test_a_plain_session_writes_no_escape_sequence(text: str) -> None:
    """Every byte a plain-mode session writes is inert, and the course's words show as written."""
    with tempfile.TemporaryDirectory() as folder:
        try:
            course = load_course(hostile_course(Path(folder), text))
        except CourseError:
            reject()
        store = Store.open(Path(folder) / "p.db")
        raw = io.BytesIO()
        out = io.TextIOWrapper(raw, encoding="utf-8", write_through=True)
        try:
            run_plain(course, store, None, stdin=io.StringIO("".join(f"{line}\n" for line in PLAIN_SCRIPT)), stdout=out)
        finally:
            store.close()
    written = raw.getvalue()
    assert b"\x1b" not in written and b"\xc2\x9b" not in written and b"\x07" not in written
    assert not re.search(rb"[\x00-\x08\x0b-\x1f\x7f]", written)
    shown = words(written.decode("utf-8"))
    for field in ("T", "M", "L", "A", "P1", "X", "F", "P2", "P3", "FT", "P4", "I1", "P5", "R1", "P6", "P7", "E7", "O"):
        assert words(clean(strip_controls(f"{field} {text}"))) in shown, field
    assert f"B {text.split(' ')[0]}" in shown  # the body is Markdown: its mark, at least, shows as written

"""The clinician track in the Textual app, walked with the keyboard on a course with [ce] and a fixed clock."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Button, RadioSet, Static

import tui.textual_app.app
from course.certificates.keys import load_signing_key
from course.certificates.verify import verify_file
from course.loading.loader import load_course
from progress_store import Store
from tests.helpers.ce_course import right_answers, write_ce_course
from tests.helpers.clock import FakeClock
from tests.tui.helpers import settle
from tui.textual_app.app import CourseApp, make_app
from tui.textual_app.dialogs.ce_attest import AttestDialog
from tui.textual_app.screens.ce_activity import ActivityScreen
from tui.textual_app.screens.ce_certificate import certificate_path
from tui.textual_app.screens.ce_credit import CreditScreen
from tui.textual_app.screens.ce_evaluation import EvaluationScreen
from tui.textual_app.screens.course_map import CourseMapScreen
from tui.textual_app.screens.lesson import LessonScreen
from tui.textual_app.screens.quiz import QuizScreen
from tui.textual_app.screens.results import ResultsScreen


def ce_app(tmp_path: Path, clock: FakeClock) -> CourseApp:
    course = load_course(write_ce_course(tmp_path / "course"))
    return make_app(course, Store.open(tmp_path / "p.db"), "ann", new_seed=lambda: 7, clock=clock)


async def read_for(pilot: Pilot[None], app: CourseApp, clock: FakeClock, minutes: int) -> None:
    """``minutes`` on the shown screen with a key press every minute."""
    for _ in range(minutes):
        clock.advance(60)
        await pilot.press("down")
    await settle(pilot, app)


def checklist(app: CourseApp) -> dict[str, bool]:
    return {r.name: r.met for r in app.study.ce.checklist()}


async def take_post_test(pilot: Pilot[None], app: CourseApp, right: int) -> None:
    """Answer the open post-test by keyboard, the first ``right`` questions right, and submit it."""
    quiz = app.screen
    assert isinstance(quiz, QuizScreen)
    keys = right_answers(app.course, "m1-quiz")
    for n in range(4):
        question = quiz.question
        choice = keys[question.id] if n < right else ("a" if keys[question.id] == "b" else "b")
        order = [ident for ident, _ in quiz.query_one("#answer").options]
        await pilot.press(*["down"] * order.index(choice), "enter")  # pick
        await pilot.press("enter")  # save (exam mode: no feedback yet)
        await settle(pilot, app)
    await pilot.press("enter")  # Submit quiz
    await settle(pilot, app)
    assert isinstance(app.screen, ResultsScreen)


async def to_credit_screen(pilot: Pilot[None], app: CourseApp) -> CreditScreen:
    while not isinstance(app.screen, (CourseMapScreen, CreditScreen)):
        await pilot.press("escape")
        await settle(pilot, app)
    if isinstance(app.screen, CourseMapScreen):
        await pilot.press("e")
        await settle(pilot, app)
    assert isinstance(app.screen, CreditScreen)
    return app.screen


def next_step(screen: CreditScreen) -> str:
    return str(screen.query_one("#next-step", Button).label)


async def take_next_step(pilot: Pilot[None], app: CourseApp, expected: str) -> CreditScreen:
    """Back to the credit screen, check its next step is ``expected``, and take it (Enter)."""
    credit = await to_credit_screen(pilot, app)
    assert next_step(credit) == expected
    await pilot.press("enter")
    await settle(pilot, app)
    return credit


async def test_the_whole_track_from_the_activity_page_to_a_verified_certificate(tmp_path: Path) -> None:
    clock = FakeClock()
    app = ce_app(tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")  # the disclaimer
        await settle(pilot, app)
        assert isinstance(app.screen, ActivityScreen)  # before any content
        text = " ".join(str(s.content) for s in app.screen.query(Static))
        for shown in (
            "Help clinicians explain agonists.",
            "Test Author",
            "No relevant financial relationships.",
            "Explain what an agonist does.",
            "75%",
            "tests@example.org",
            "2027-06-30",
            "not an accredited",
        ):
            assert shown in text, shown
        await pilot.press("a")
        await settle(pilot, app)
        assert isinstance(app.screen, CourseMapScreen)
        assert app.study.ce.acknowledged() is not None
        assert "CE credit: 2 of 7 requirements met" in str(app.screen.query_one("#ce-summary", Static).content)

        await take_next_step(pilot, app, "Continue the lessons")
        assert isinstance(app.screen, LessonScreen) and app.screen.lesson_id == "m1-agonists"
        await read_for(pilot, app, clock, 25)
        await pilot.press("d", "n")
        await settle(pilot, app)
        assert isinstance(app.screen, LessonScreen) and app.screen.lesson_id == "m1-receptors"
        await read_for(pilot, app, clock, 25)
        await pilot.press("d")
        await settle(pilot, app)

        credit = await to_credit_screen(pilot, app)
        assert app.study.ce.engaged_minutes() == 50  # every minute had a key press
        assert "Engaged time: 50 min" in str(credit.query_one("#engaged", Static).content)
        assert next_step(credit) == "Take the post-test"
        await pilot.press("enter")
        await settle(pilot, app)
        await take_post_test(pilot, app, right=2)
        assert not checklist(app)["post_test"]  # 50%: failed, one attempt left
        await pilot.press("r")  # another attempt
        await settle(pilot, app)
        await take_post_test(pilot, app, right=4)
        assert checklist(app)["post_test"]

        await take_next_step(pilot, app, "Evaluate the activity")
        evaluation = app.screen
        assert isinstance(evaluation, EvaluationScreen)
        await pilot.press("ctrl+s")  # nothing answered: the engine refuses, next to the required items
        await settle(pilot, app)
        assert evaluation.query_one("#problem-0", Static).display and evaluation.query_one("#problem-1", Static).display
        assert not evaluation.query_one("#problem-2", Static).display  # the comment is optional
        evaluation.query_one("#item-0", RadioSet).focus()
        await pilot.press("down", "down", "down", "enter", "tab", "enter")  # 4 Agree; Yes
        await pilot.press("tab", *"Clear.", "ctrl+s")
        await settle(pilot, app)
        assert app.study.ce.evaluation() == {"useful": 4, "bias-free": True, "comments": "Clear."}

        await take_next_step(pilot, app, "Attest your time")
        dialog = app.screen
        assert isinstance(dialog, AttestDialog)
        assert dialog.query_one("#hours").value == "0.75"
        await pilot.press("enter")  # without affirming the time is their own: refused
        await settle(pilot, app)
        assert dialog.query_one("#problem-own_time", Static).display
        await pilot.press("tab", "space", "shift+tab", "enter")
        await settle(pilot, app)
        assert app.study.ce.attestation() is not None and app.study.ce.attestation().hours == 0.75

        credit = await to_credit_screen(pilot, app)
        assert next_step(credit) == "Issue certificate (s)"
        await pilot.press("s")
        await settle(pilot, app)
        await app.workers.wait_for_complete()
        await settle(pilot, app)
        [payload] = app.study.ce.certificates()
        path = certificate_path(payload)
        shown = str(credit.query_one("#certificate", Static).content)
        assert payload.certificate_id in shown and str(path) in shown and "0.75" in shown
        assert path.is_file()
        key = load_signing_key(create=False)
        assert key is not None
        verification = verify_file(path, key.public_key)
        assert verification.valid, verification.problems
        assert verification.payload is not None and verification.payload.credit_claimed == 0.75
        assert verification.payload.engaged_minutes == 50 and verification.payload.post_test_score == 1.0
        assert verification.payload.learner == "ann"


async def test_idle_and_hidden_time_do_not_count_and_no_visit_is_capped(tmp_path: Path) -> None:
    from textual import events

    clock = FakeClock()
    app = ce_app(tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter", "a")
        await settle(pilot, app)
        app.screen.open_item("lesson", "m1-agonists")
        await settle(pilot, app)
        clock.advance(20 * 60)  # away from the keys for 20 minutes: only the idle allowance (5) counts
        await pilot.press("down")
        app.post_message(events.AppBlur())  # the terminal hidden for 10 minutes: none of them counts
        await pilot.pause()
        clock.advance(10 * 60)
        app.post_message(events.AppFocus())
        await pilot.pause()
        await read_for(pilot, app, clock, 40)  # 40 attentive minutes in one visit: all count, no cap at 30
        await pilot.press("escape")
        await settle(pilot, app)
        assert app.study.ce.engaged_minutes(("lesson", "m1-agonists")) == 45
        assert app.study.progress.overview().minutes_studied == 45  # study time is engaged time, counted once


async def test_escape_on_the_activity_page_does_not_acknowledge(tmp_path: Path) -> None:
    app = ce_app(tmp_path, FakeClock())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await settle(pilot, app)
        assert isinstance(app.screen, ActivityScreen)
        await pilot.press("escape")
        await settle(pilot, app)
        assert isinstance(app.screen, CourseMapScreen)
        assert app.study.ce.acknowledged() is None and not checklist(app)["acknowledgment"]
        await pilot.press("i")  # later, from the map
        await settle(pilot, app)
        assert isinstance(app.screen, ActivityScreen)
        await pilot.press("escape")
        await settle(pilot, app)
        assert app.study.ce.acknowledged() is None
    store = Store.open(tmp_path / "p.db")
    assert [e for e in store.learner("ann", app.course.info.id).events() if e.get("verb") == "acknowledged"] == []
    store.close()


async def test_a_returning_learner_who_never_acknowledged_sees_the_activity_page_before_the_lesson(tmp_path: Path) -> None:
    app = ce_app(tmp_path, FakeClock())
    app.progress.save_position("lesson", "m1-receptors")  # left in a lesson before the course had [ce]
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        assert isinstance(app.screen, ActivityScreen)
        await pilot.press("a")
        await settle(pilot, app)
        assert isinstance(app.screen, LessonScreen) and app.screen.lesson_id == "m1-receptors"
        assert app.study.ce.acknowledged() is not None


async def test_the_content_waits_for_the_acknowledgment(tmp_path: Path) -> None:
    """Esc leaves the activity page unacknowledged, and then no lesson, quiz or review opens: each way in
    shows the page again, and acknowledging it goes on to what was asked for."""
    app = ce_app(tmp_path, FakeClock())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter", "escape")  # the disclaimer, then Esc on the activity page
        await settle(pilot, app)
        assert isinstance(app.screen, CourseMapScreen)
        for open_it in (
            lambda: app.router.open_lesson("m1-agonists"),
            lambda: app.router.open_quiz("m1-quiz"),
            app.router.open_review,
            lambda: app.screen.open_item("lesson", "m1-receptors"),
        ):
            open_it()
            await settle(pilot, app)
            assert isinstance(app.screen, ActivityScreen)
            await pilot.press("escape")
            await settle(pilot, app)
            assert isinstance(app.screen, CourseMapScreen) and app.study.ce.content_locked()
        app.router.open_lesson("m1-receptors")
        await settle(pilot, app)
        await pilot.press("a")
        await settle(pilot, app)
        assert isinstance(app.screen, LessonScreen) and app.screen.lesson_id == "m1-receptors"
        assert not app.study.ce.content_locked()
    store = Store.open(tmp_path / "p.db")
    opened = [e["object_id"] for e in store.learner("ann", app.course.info.id).events() if e.get("verb") == "opened"]
    store.close()
    assert opened == ["m1-receptors"]  # nothing opened before the acknowledgment


async def test_leaving_the_evaluation_with_answers_asks_first(tmp_path: Path) -> None:
    from tests.helpers.ce_course import engage, read_all
    from tests.helpers.ce_course import take_post_test as pass_post_test
    from tui.textual_app.dialogs.leave_unsaved import LeaveUnsavedDialog

    clock = FakeClock()
    app = ce_app(tmp_path, clock)
    app.study.ce.acknowledge()
    read_all(app.study)
    engage(app.study, clock, 47)
    pass_post_test(app.study, 4)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        app.router.open_ce()
        await settle(pilot, app)
        await pilot.press("enter")  # Evaluate the activity
        await settle(pilot, app)
        assert isinstance(app.screen, EvaluationScreen)
        await pilot.press("escape")  # nothing chosen: leaves at once
        await settle(pilot, app)
        assert isinstance(app.screen, CreditScreen)
        await pilot.press("enter")
        await settle(pilot, app)
        await pilot.press("down", "down", "down", "enter")  # item 1: a rating
        await pilot.press("escape")
        await settle(pilot, app)
        assert isinstance(app.screen, LeaveUnsavedDialog)
        await pilot.press("escape")  # stay: the rating is still chosen
        await settle(pilot, app)
        assert isinstance(app.screen, EvaluationScreen) and app.screen.answers() == {"useful": 4}
        await pilot.press("escape")
        await settle(pilot, app)
        await pilot.click("#leave")
        await settle(pilot, app)
        assert isinstance(app.screen, CreditScreen) and app.study.ce.evaluation() is None


async def test_a_certificate_the_pdf_cannot_draw_is_not_issued(tmp_path: Path) -> None:
    from tests.helpers.ce_course import ce_study, complete

    clock = FakeClock()
    course = load_course(write_ce_course(tmp_path / "course"))
    store = Store.open(tmp_path / "p.db", clock=clock)
    complete(ce_study(course, store, clock, learner="李明"), clock)
    app = make_app(course, store, "李明", new_seed=lambda: 7, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        app.router.open_ce()
        await settle(pilot, app)
        await pilot.press("s")
        await settle(pilot, app)
        shown = [n.message for n in app._notifications]
        assert any(m.startswith("No certificate was issued: the certificate holds characters") for m in shown), shown
        assert app.study.ce.certificates() == []


class QuickFlushApp(CourseApp):
    CSS_PATH = str(Path(tui.textual_app.app.__file__).parent / CourseApp.CSS_PATH)  # relative to this file otherwise
    ENGAGEMENT_FLUSH_SECONDS = 0.05  # the real timer, fired often enough for a test


async def test_engaged_time_is_stored_every_minute_while_reading(tmp_path: Path) -> None:
    """The flush timer queues the engaged time counted so far without the lesson being left, so a
    crash or a killed terminal loses at most the last interval."""
    import asyncio

    clock = FakeClock()
    course = load_course(write_ce_course(tmp_path / "course"))
    store = Store.open(tmp_path / "p.db", clock=clock)
    store.learner("ann", course.info.id).acknowledge_activity(course.info.version)
    app = QuickFlushApp(course, store, "ann", new_seed=lambda: 7, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        app.router.open_lesson("m1-agonists")
        await settle(pilot, app)
        await read_for(pilot, app, clock, 3)
        await asyncio.sleep(0.2)  # a few ticks of the timer
        await settle(pilot, app)
        assert isinstance(app.screen, LessonScreen)  # still reading
        assert app.study.ce.engaged_minutes(("lesson", "m1-agonists")) == 3


async def test_suspending_with_ctrl_z_does_not_count(tmp_path: Path) -> None:
    """^z (Textual's suspend and resume signals, as its driver publishes them) hides the terminal: the
    time until the learner comes back is not engaged time."""
    clock = FakeClock()
    app = ce_app(tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter", "a")
        await settle(pilot, app)
        app.router.open_lesson("m1-agonists")
        await settle(pilot, app)
        await read_for(pilot, app, clock, 2)
        app.app_suspend_signal.publish(app)
        clock.advance(30 * 60)  # suspended for half an hour
        app.app_resume_signal.publish(app)
        await read_for(pilot, app, clock, 2)
        await pilot.press("escape")
        await settle(pilot, app)
        assert app.study.ce.engaged_minutes(("lesson", "m1-agonists")) == 4

"""The clinician track in plain mode (issue #13): the activity page and its acknowledgment, the ``ce``
command's checklist, the evaluation, the attestation and the certificate, and engaged time.

The learner's typing is scripted: a number in the script moves the fixed clock on (the learner reads
or thinks) before the next line is typed, so engaged time is exact. Certificates go to ``tmp_path``
and are checked with ``course.certificates.verify``.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import subprocess
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

from course.certificates.keys import load_signing_key
from course.certificates.verify import verify_file
from course.domain.models import Course
from progress_store import LearnerProgress, Store
from quizzes.attempt_plan import option_order, plan_questions
from tests.helpers.ce_course import LESSONS, load_ce_course, right_answers
from tests.helpers.clock import FakeClock
from tui.plain.session import run_plain

SEED = 7
REPO = Path(__file__).resolve().parents[2]
Script = Sequence[str | float]
PROMPT = re.compile(r"^[A-Z][a-z]+(?: [a-z]+)?> ")


class Typist(io.StringIO):
    """Standard input typed on a fixed clock: a number in the script is seconds that pass before the next line."""

    def __init__(self, script: Script, clock: FakeClock) -> None:
        super().__init__()
        self.script = list(script)
        self.clock = clock

    def readline(self, size: int | None = -1, /) -> str:  # type: ignore[override]  # typeshed: _IOBase says bytes
        while self.script and not isinstance(self.script[0], str):
            self.clock.advance(float(self.script.pop(0)))
        return f"{self.script.pop(0)}\n" if self.script else ""


def play(course: Course, db_path: Path, script: Script, clock: FakeClock, certificates: Path) -> str:
    """Run plain mode on the script (then end of input); the printed text. It must exit 0."""
    store = Store.open(db_path, clock=clock)
    out = io.StringIO()
    try:
        code = run_plain(
            course,
            store,
            stdin=Typist(script, clock),
            stdout=out,
            clock=clock,
            new_seed=lambda: SEED,
            fuzz_reviews=False,
            certificates=certificates,
        )
    finally:
        store.close()
    text = out.getvalue()
    assert code == 0, text
    assert "Traceback" not in text and "\x1b" not in text
    assert text.rstrip().endswith("Your progress is saved. Goodbye.")
    # In a terminal the typed line ends the prompt's line; here the reply follows the prompt on it.
    lines = [PROMPT.sub("", line) for line in text.split("\n")]
    long = [line for line in lines if len(line) > 78 and " " in line.strip()]
    assert not long, long
    return text


def flat(text: str) -> str:
    """``text`` with every run of white space (line breaks of the wrapping too) as one space."""
    return " ".join(text.split())


@contextlib.contextmanager
def stored(db_path: Path, course: Course) -> Iterator[LearnerProgress]:
    store = Store.open(db_path)
    try:
        yield store.learner("default", course.info.id)
    finally:
        store.close()


@pytest.fixture
def course(tmp_path: Path) -> Course:
    return load_ce_course(tmp_path / "course")


def post_test(course: Course, right: int) -> list[str | float]:
    """Typing the post-test (a minute per answer) with the first ``right`` answers right, then submitting."""
    quiz = course.quiz("m1-quiz")
    assert quiz is not None
    keys = right_answers(course, "m1-quiz")
    lines: list[str | float] = []
    for n, qid in enumerate(plan_questions(quiz, SEED)):
        question = next(q for q in quiz.questions if q.id == qid)
        order = option_order(question, SEED, quiz.shuffle_choices)
        key = keys[qid] if n < right else next(o for o in order if o != keys[qid])
        lines += [60, str(order.index(str(key)) + 1)]
    return [*lines, 60, "s"]


def reading(minutes: int) -> list[str | float]:
    """Reading the lesson shown, a key every four minutes (never idle), ``minutes`` a multiple of 4."""
    return [part for _ in range(minutes // 4) for part in (240, "l")]


def test_the_whole_track_in_plain_mode(course: Course, db_path: Path, tmp_path: Path) -> None:
    clock = FakeClock()
    certificates = tmp_path / "certificates"
    certificates.mkdir()
    script: list[str | float] = ["agree", "1", "1", *reading(20), "d", "n", *reading(20), "d", "n"]
    script += [*post_test(course, 2), "", "ce", ""]  # fail (50%), back to the map, ce: Enter takes the post-test again
    script += [*post_test(course, 4), "", "ce"]  # pass, then the checklist
    script += ["", "7", "yes", "", "4"]  # Enter: the evaluation; 7 is refused and asked again
    script += ["", "", "yes"]  # Enter: the attestation, the claimable hours (Enter) and own time
    script += ["", "m", "q"]  # Enter: the certificate
    text = play(course, db_path, script, clock, certificates)

    # The activity page, before the content, with the sample notice first.
    page = text.split("Acknowledge> ", 1)[0]
    assert flat(page).index("Sample activity: this is not an accredited") < flat(page).index("Purpose -------")
    for shown in (
        "Help clinicians explain agonists.",
        "Audience\n--------\nClinicians.",
        "1. Explain what an agonist does.",
        "- Test Author, Author: No relevant financial relationships.",
        "No relevant financial relationships, so none to mitigate.",
        "Estimated time: 1 hour (60 minutes). Maximum credit: 1 hour of test credit hours.",
        "Accreditation: This test activity is not accredited.",
        "Pass mark: 75%.",
        "You have 2 attempts.",
        "Offered from 2025-01-01; credit can be claimed until 2027-06-30.",
        "tests@example.org",
        "Commands: agree acknowledge it, Enter not now; m map, r review, h help, q quit.",
    ):
        assert flat(shown) in flat(page), shown
    assert page.index("Before you begin") < page.index("Continuing-education activity")
    assert "Acknowledged on 2025-03-01 09:30 UTC" in flat(text)
    # The ce command: listed at the map, the checklist with the engaged time, the next step.
    assert "c continue, ce credit; r review, h help, q quit." in flat(text)
    assert "post-test not passed yet (best 50%, pass 75%; 1 of 2 attempts left)" in flat(text)
    assert "Press Enter to take the post-test." in flat(text)
    assert "Engaged time: 50 minutes; up to 0.75 hours can be claimed (maximum 1 hour)." in flat(text)
    assert "- Done: Read every lesson: 2 of 2 lessons read." in flat(text)
    # The evaluation: the engine's refusal, then the item again.
    evaluation = text.split("Evaluation\n----------", 1)[1]
    assert "Item 1 of 3 (required): The activity was useful." in flat(evaluation)
    assert "takes a rating from 1 (strongly disagree) to 5 (strongly agree)" in flat(evaluation)
    assert "Please answer that item again." in flat(evaluation)
    assert flat(evaluation).count("Item 1 of 3 (required)") == 2 and flat(evaluation).count("Item 2 of 3") == 1
    assert "Thank you: your evaluation is saved." in flat(evaluation)
    assert "Claimed 0.75 hours of test credit hours." in flat(text)
    # The certificate: where and its id.
    (pdf,) = certificates.glob("certificate-*.pdf")
    assert f"Written to: {pdf.resolve()}" in flat(text)
    assert "Certificate id: CE-" in flat(text) and "Credit claimed: 0.75 hours of test credit hours" in flat(text)

    with stored(db_path, course) as progress:
        assert progress.activity_acknowledgment() is not None
        assert progress.lesson_statuses() == dict.fromkeys(LESSONS, "done")
        assert sum(progress.engaged_seconds().values()) == 50 * 60
        evaluation_record = progress.evaluation()
        assert evaluation_record is not None and dict(evaluation_record.answers) == {"useful": 4, "bias-free": True}
        attestation = progress.attestation()
        assert attestation is not None and attestation.hours == 0.75 and attestation.own_time
        (certificate,) = progress.certificates()
        verbs = [e["verb"] for e in progress.events()]
        for verb in ("acknowledged", "engaged", "evaluated", "attested", "issued"):
            assert verb in verbs, verb
    assert f"Certificate id: {certificate.certificate_id}" in flat(text)
    key = load_signing_key(create=False)
    assert key is not None
    verification = verify_file(pdf, key.public_key)
    assert verification.valid, verification.problems
    payload = verification.payload
    assert payload is not None
    assert (payload.certificate_id, payload.learner, payload.credit_claimed) == (certificate.certificate_id, "default", 0.75)
    assert (payload.engaged_minutes, payload.post_test_score, payload.completed_on) == (50, 1.0, "2025-03-01")

    # Once issued, the CE screen says so, and issuing again gives the same certificate, already written.
    again = play(course, db_path, ["ce", "certificate", "m", "q"], clock, certificates)
    assert f"Your certificate {certificate.certificate_id} was issued on 2025-03-01." in flat(again)
    assert f"Already written to: {pdf.resolve()}" in flat(again)
    assert list(certificates.glob("*.pdf")) == [pdf]


def test_refusing_the_acknowledgment(course: Course, db_path: Path, tmp_path: Path) -> None:
    clock = FakeClock()
    text = play(course, db_path, ["no", "ce", "m", "q"], clock, tmp_path)
    assert "Not acknowledged.\nThe lessons and quizzes open once you acknowledge it" in text.split("Acknowledge> ", 1)[1]
    assert "Course map" in flat(text)
    assert "- Not yet: Read the activity information and disclosures, and acknowledge them: not acknowledged yet." in flat(text)
    assert "Press Enter to read the activity information and acknowledge it." in flat(text)
    with stored(db_path, course) as progress:
        assert progress.activity_acknowledgment() is None
        assert "acknowledged" not in [e["verb"] for e in progress.events()]
    # The next start shows the page again; leaving it with m does not acknowledge either.
    text = play(course, db_path, ["m", "q"], clock, tmp_path)
    assert "Continuing-education activity" in flat(text) and "Not acknowledged." in flat(text) and "Course map" in flat(text)
    with stored(db_path, course) as progress:
        assert progress.activity_acknowledgment() is None
    # From the CE screen, Enter leads to the page; agree acknowledges.
    clock.advance(3600)
    text = play(course, db_path, ["", "ce", "", "agree", "m", "q"], clock, tmp_path)
    assert "Acknowledged on 2025-03-01 10:30 UTC" in flat(text)
    assert "- Done: Read the activity information and disclosures, and acknowledge them: acknowledged on 2025-03-01." in flat(
        text
    )
    with stored(db_path, course) as progress:
        assert progress.activity_acknowledgment() is not None
    text = play(course, db_path, ["q"], clock, tmp_path)
    assert "Continuing-education activity" not in text, "an acknowledged page is not shown at the start again"


def test_the_lessons_and_quizzes_wait_for_the_acknowledgment(course: Course, db_path: Path, tmp_path: Path) -> None:
    """Without the acknowledgment a lesson (or the quiz) shows the activity page instead; agree goes on to it."""
    clock = FakeClock()
    text = play(course, db_path, ["", "1", "1", "", "1", "2", "agree", "m", "q"], clock, tmp_path)
    before, after = text.split("Acknowledged on", 1)
    assert flat(before).count("The activity information comes first: the lessons and quizzes open once you acknowledge it.") == 2
    assert "Lesson> " not in before and "Quiz> " not in before, "no lesson before the acknowledgment"
    assert "Lesson> " in after
    with stored(db_path, course) as progress:
        opened = [e["object_id"] for e in progress.events() if e["verb"] == "opened"]
    assert opened == ["m1-receptors"], "only the lesson asked for once acknowledged"


def test_idle_time_does_not_count_and_study_time_is_not_counted_twice(course: Course, db_path: Path, tmp_path: Path) -> None:
    clock = FakeClock()
    play(course, db_path, ["agree", "1", "1", 120, "l", 20 * 60, "d", "m", "q"], clock, tmp_path)
    with stored(db_path, course) as progress:
        # 2 minutes, then 20 minutes without a key: only the idle allowance (5 minutes) of those counts.
        assert progress.engaged_seconds() == {("lesson", "m1-agonists"): 7 * 60}
        assert progress.seconds_by_object() == {"lesson:m1-agonists": 7 * 60}, "the meter is the only study time"


def test_the_attestation_is_asked_again_when_the_engine_refuses_it(course: Course, db_path: Path, tmp_path: Path) -> None:
    clock = FakeClock()
    play(course, db_path, ["agree", "1", "1", *reading(32), "m", "q"], clock, tmp_path)
    text = play(course, db_path, ["ce", "attest", "2", "no", "lots", "0.5", "yes", "m", "q"], clock, tmp_path)
    assert "You can claim up to 0.5 hours (the maximum is 1 hour), in quarter hours." in flat(text)
    assert "at most 1 hour can be claimed for this activity" in flat(text)
    assert "affirm that the time you claim was your own engagement with the activity" in flat(text)
    assert "That is not a number of hours." in flat(text)
    assert "Claimed 0.5 hours of test credit hours." in flat(text)
    with stored(db_path, course) as progress:
        attestation = progress.attestation()
        assert attestation is not None and attestation.hours == 0.5


def test_course_plain_in_a_subprocess_acknowledges_and_lists_the_checklist(course: Course, tmp_path: Path) -> None:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(REPO), *filter(None, [env.get("PYTHONPATH")])])
    env["TERM"] = "dumb"
    db_path = tmp_path / "progress.db"
    command = [sys.executable, "-m", "course", "--plain", "--course", str(course.path), "--db", str(db_path)]
    run = subprocess.run(
        command, input="agree\nce\nm\nq\n", capture_output=True, text=True, encoding="utf-8", env=env, timeout=120, cwd=tmp_path
    )
    assert run.returncode == 0, run.stderr
    assert "Acknowledged on " in flat(run.stdout) and "What a certificate needs:" in flat(run.stdout)
    assert "- Done: Read the activity information and disclosures, and acknowledge them" in flat(run.stdout)
    assert "- Not yet: Read every lesson: 0 of 2 lessons read." in flat(run.stdout)
    with Store.open(db_path) as store:
        assert store.learner("default", course.info.id).activity_acknowledgment() is not None


def test_leaving_the_evaluation_says_the_answers_were_not_kept(course: Course, db_path: Path, tmp_path: Path) -> None:
    from course.engine import Study
    from tests.helpers.ce_course import engage, read_all, take_post_test

    clock = FakeClock()
    store = Store.open(db_path, clock=clock)
    study = Study(course, store.learner("default", course.info.id), clock=clock)
    study.progress.accept_disclaimer()
    study.ce.acknowledge()
    read_all(study)
    engage(study, clock, 47)
    take_post_test(study, 4)
    store.close()
    text = play(course, db_path, ["m", "ce", "", "4", "m", "q"], clock, tmp_path)
    assert "Evaluation> The evaluation was not submitted: your answer was not kept." in text
    with stored(db_path, course) as progress:
        assert progress.evaluation() is None

"""W409's candidate pairs (an inverted index over each question's rarest words) give exactly the
warnings of comparing every pair, and the positions scanner stops early exactly where a full scan agrees."""

from __future__ import annotations

import random
from pathlib import Path

from course.loading.item_repeats import MAX_PER_QUESTION, Entry, Ratios, check_repeats, normalised, repeat_reason
from course.loading.item_report import Reporter
from course.loading.loader import read_course
from course.loading.toml_positions import scan
from quizzes.types.text import normalise_text
from tests.helpers.course_factory import write_course


def _question(rng: random.Random, n: int, vocabulary: list[str]) -> str:
    def words(low: int, high: int) -> str:
        return " ".join(rng.choice(vocabulary) for _ in range(rng.randint(low, high)))

    head = f'[[question]]\nid = "q{n}"\nobjective = "m1-o1"\nprompt = "{words(1, 9)}?"\nexplanation = "E"\n'
    kind = rng.random()
    if kind < 0.5:
        return head + (
            f'type = "single"\nanswer = "a"\nchoices = [{{id = "a", text = "{words(1, 5)}", feedback = "x"}}, '
            f'{{id = "b", text = "{words(1, 5)}", feedback = "y"}}]\n'
        )
    if kind < 0.75:
        return head + f'type = "text"\naccept = ["{words(1, 4)}"]\n'
    return head + 'type = "true_false"\nanswer = true\n'


def _every_pair(report: Reporter) -> list[tuple[int, str]]:
    """(question number, reason) of each warning W409 gives when every pair is compared."""
    entries = [Entry.of(path, n, q) for path, quiz in report.quizzes for n, q in enumerate(quiz.questions)]
    found: list[tuple[int, str]] = []
    for j, later in enumerate(entries):
        reasons = [r for r in (repeat_reason(earlier, later, Ratios()) for earlier in entries[:j]) if r is not None]
        found += [(later.index, r) for r in reasons[:MAX_PER_QUESTION]]
    return found


def test_candidate_pairs_give_the_warnings_of_every_pair(tmp_path: Path) -> None:
    rng = random.Random(16)
    flagged = 0
    for trial in range(8):
        vocabulary = [f"w{n}x" for n in range(rng.choice([8, 15, 30, 60]))]
        rows = [_question(rng, n, vocabulary) for n in range(rng.randint(30, 90))]
        root = write_course(tmp_path / f"c{trial}", quiz='id = "m1-quiz"\ntitle = "Q"\n' + "\n".join(rows))
        report = Reporter(read_course(root))
        check_repeats(report)
        expected = _every_pair(report)
        got = [f.message.split("): ", 1)[1].split("; a learner", 1)[0] for f in report.findings]
        assert got == [reason for _, reason in expected]
        assert [f.code for f in report.findings] == ["W409"] * len(expected)
        flagged += len(expected)
    assert flagged > 50  # the vocabularies are small enough for many overlaps


def test_normalised_is_normalise_text() -> None:
    rng = random.Random(4)
    samples = ["5-HT2A (receptor), 'agonist'!", "Über — naïve café", "tab\tand\x1fcontrol", "ＦＵＬＬ width"]
    samples += ["".join(chr(rng.randrange(128)) for _ in range(rng.randrange(40))) for _ in range(2000)]
    for text in samples:
        assert normalised(text) == normalise_text(text)


def test_locating_stops_early_where_the_full_scan_agrees() -> None:
    text = (
        'id = "quiz"\nx.y.z = 1\n[a.b]\nc = 1\n[a]\nd = 2\n[[q]]\nid = "1"\n[[q.ch]]\nk = 1\n[[q]]\nid = "2"\n'
        "[t]\narr = [1, [2, 3], {p = 1}]\n"
    )
    full = scan(text)
    full.keys  # noqa: B018 - scans the whole text
    paths = [*full.keys, ("a", "zz"), ("q", 5), ("nope",)]
    for path in paths:
        partial = scan(text)
        assert partial.locate(path) == full.locate(path), path
    early = scan(text)
    assert early.locate(("id",)) == (1, 1) and not early.scanned  # the first line was enough
    assert early.locate(("a",)) == (5, 1)  # [a.b] made 'a' on line 3; its own header, line 5, is where it is

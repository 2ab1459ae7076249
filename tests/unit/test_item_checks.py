"""Item-writing checks in ``course validate`` (W401–W411) and the cue figures of ``course info``.

Each check has a small course written as real TOML files that trips it, with the exact place and
message, and a clean version of the same course that gives no finding at all.
"""

from __future__ import annotations

import json
import random
import time
from pathlib import Path

import pytest

from course.loading.item_repeats import check_repeats
from course.loading.item_report import Reporter
from course.loading.loader import read_course
from quizzes.item_cues import (
    ABSOLUTE_WORDS,
    HEDGE_WORDS,
    absolutes_in,
    hedges_in,
    key_is_longest,
    longest_key_share,
    true_share,
    word_cue,
)
from quizzes.questions import SingleChoice
from quizzes.quiz import Quiz
from tests.helpers.cli import run_course
from tests.helpers.course_factory import LESSON_TOML, MODULE_DIR, findings_of, write_course

QUIZ = f"{MODULE_DIR}/quiz.toml"
HEAD = 'id = "m1-quiz"\ntitle = "Basics quiz"\n'  # lines 1-2; the first question starts on line 4
WRONG = "Wrong: that is not what the lesson says."

Choice = tuple[str, str] | tuple[str, str, str]


def _choices(choices: list[Choice], keys: set[str]) -> str:
    rows = []
    for choice in choices:
        cid, text = choice[0], choice[1]
        feedback = choice[2] if len(choice) == 3 else ("" if cid in keys else f"{WRONG} ({cid})")
        extra = f', feedback = "{feedback}"' if feedback else ""
        rows.append(f'  {{id = "{cid}", text = "{text}"{extra}}},')
    return "choices = [\n" + "\n".join(rows) + "\n]\n"


def question(qid: str, qtype: str, prompt: str, key: str, extra: str = "") -> str:
    """A question block: lines +0 header, +1 id, +2 type, +3 objective, +4 prompt, +5 explanation, +6 key, then ``extra``."""
    return (
        f'[[question]]\nid = "{qid}"\ntype = "{qtype}"\nobjective = "m1-o1"\nprompt = "{prompt}"\n'
        f'explanation = "Explanation of {qid}."\n{key}\n{extra}'
    )


def single(qid: str, prompt: str, answer: str, *choices: Choice) -> str:
    """A single-choice question; the choices start on line +8 (one per line)."""
    return question(qid, "single", prompt, f'answer = "{answer}"', _choices(list(choices), {answer}))


def multiple(qid: str, prompt: str, answers: list[str], *choices: Choice, shuffle: bool | None = None) -> str:
    """A multiple-choice question; ``shuffle = ...`` (if given) on line +7, then the choices."""
    extra = "" if shuffle is None else f"shuffle = {str(shuffle).lower()}\n"
    return question(qid, "multiple", prompt, f"answers = {json.dumps(answers)}", extra + _choices(list(choices), set(answers)))


def true_false(qid: str, prompt: str, answer: bool, feedback: str | None = "Not so: see the lesson.") -> str:
    field = "feedback_false" if answer else "feedback_true"
    extra = f'{field} = "{feedback}"\n' if feedback else ""
    return question(qid, "true_false", prompt, f"answer = {str(answer).lower()}", extra)


def quiz(*questions: str, head: str = HEAD) -> str:
    return head + "\n" + "\n".join(questions)


def lesson_with(body: str) -> str:
    return LESSON_TOML.replace("See [Smith](ref:smith-2020)", body + "\nSee [Smith](ref:smith-2020)")


def rows(root: Path) -> list[tuple[str, int, int, str, str]]:
    """Findings without their messages: (path, line, col, severity, code)."""
    return [row[:5] for row in findings_of(root)]


def messages(root: Path, code: str) -> list[str]:
    return [row[5] for row in findings_of(root) if row[4] == code]


# Four single-choice questions on different topics: keys in positions 1, 2, 3, 1, never the strictly longest
# option, no absolute or hedging words. Each question takes 12 lines (4-15, 16-27, 28-39, 40-51).
AGONIST = single(
    "m1-q1",
    "What does an agonist do at a receptor?",
    "a",
    ("a", "Activates it"),
    ("b", "Blocks it off"),
    ("c", "Destroys it"),
)
ANTAGONIST = single(
    "m1-q2",
    "What does an antagonist do at a receptor?",
    "b",
    ("a", "Activates it"),
    ("b", "Blocks it"),
    ("c", "Copies it"),
)
MEMBRANE = single(
    "m1-q3",
    "Where in a nerve cell does a receptor for a transmitter sit?",
    "c",
    ("a", "Inside the nucleus"),
    ("b", "In the axon hillock"),
    ("c", "In the membrane"),
)
MESSENGER = single(
    "m1-q4",
    "Which signal molecule carries a message across a synapse?",
    "a",
    ("a", "A transmitter"),
    ("b", "A ribosome"),
    ("c", "A mitochondrion"),
)
CLEAN_SINGLES = [AGONIST, ANTAGONIST, MEMBRANE, MESSENGER]


def test_the_clean_fixture_quiz_gives_no_finding(tmp_path: Path) -> None:
    assert findings_of(write_course(tmp_path, quiz=quiz(*CLEAN_SINGLES))) == []


def test_item_checks_wait_until_the_course_has_no_errors(tmp_path: Path) -> None:
    flawed = quiz(
        single("m1-q1", "What does an agonist do at a receptor?", "a", ("a", "Activates it"), ("b", "None of the above"))
    )
    assert rows(write_course(tmp_path / "ok", quiz=flawed))[0][4] == "W405"
    broken = write_course(tmp_path / "broken", quiz=flawed, lesson=LESSON_TOML.replace('["m1-o1"]', '["nope"]'))
    assert {row[4] for row in rows(broken)} == {"E202"}


# --- W401 -------------------------------------------------------------------------------------------


def test_w401_single_key_much_longer_than_every_distractor(tmp_path: Path) -> None:
    long_key = "Activates it and sets off the same response as the natural signal"
    root = write_course(
        tmp_path, quiz=quiz(single("m1-q1", "What does an agonist do?", "b", ("a", "Blocks it"), ("b", long_key)))
    )
    assert findings_of(root) == [
        (
            QUIZ,
            13,
            14,
            "warning",
            "W401",
            "the key is 65 characters, 7.2× the longest distractor (9); learners learn to pick the longest option: "
            "shorten the key or make the distractors as long and specific",
        )
    ]
    # 1.5× but not 20 characters longer: fine (short options differ in length naturally).
    fine = quiz(single("m1-q1", "What does an agonist do?", "b", ("a", "Blocks it"), ("b", "Activates it fully")))
    assert findings_of(write_course(tmp_path / "clean", quiz=fine)) == []


def test_w401_multiple_every_key_longer_than_every_distractor(tmp_path: Path) -> None:
    choices: list[Choice] = [
        ("a", "It activates the receptor"),
        ("b", "It mimics the natural signal"),
        ("c", "It is blue"),
        ("d", "It is a salt"),
    ]
    root = write_course(tmp_path, quiz=quiz(multiple("m1-q1", "Which describe an agonist?", ["a", "b"], *choices)))
    assert findings_of(root) == [
        (
            QUIZ,
            12,
            14,
            "warning",
            "W401",
            "every key is longer than every distractor (shortest key 25 characters, 2.1× the longest distractor, 12); "
            "picking all but the short options scores full marks: even out the lengths",
        )
    ]
    choices[3] = ("d", "It is a salt of the receptor protein")
    assert (
        findings_of(
            write_course(tmp_path / "clean", quiz=quiz(multiple("m1-q1", "Which describe an agonist?", ["a", "b"], *choices)))
        )
        == []
    )


# --- W402 -------------------------------------------------------------------------------------------


def test_w402_the_key_is_the_longest_option_too_often(tmp_path: Path) -> None:
    longest = [
        AGONIST.replace('"Activates it"', '"Activates it fully"'),
        ANTAGONIST.replace('"Blocks it"', '"Blocks its site"'),
        MEMBRANE.replace('"In the membrane"', '"In the cell membrane"'),
        MESSENGER,
    ]
    root = write_course(tmp_path, quiz=quiz(*longest))
    assert findings_of(root) == [
        (
            QUIZ,
            1,
            1,
            "warning",
            "W402",
            "the key is the longest option in 3 of 4 single-choice questions (75%); a learner who always picks the "
            "longest option scores that much: lengthen distractors or shorten keys so that length tells nothing",
        )
    ]
    # Two of four (50%) is still over 40%; one of four is not.
    assert rows(write_course(tmp_path / "two", quiz=quiz(*longest[:2], MEMBRANE, MESSENGER))) == [(QUIZ, 1, 1, "warning", "W402")]
    assert findings_of(write_course(tmp_path / "one", quiz=quiz(longest[0], *CLEAN_SINGLES[1:]))) == []
    # Fewer than four single-choice questions: no finding, however long the keys.
    assert findings_of(write_course(tmp_path / "few", quiz=quiz(*longest[:3]))) == []


# --- W403 / W404 ------------------------------------------------------------------------------------


def test_w403_absolute_words_mark_the_distractors(tmp_path: Path) -> None:
    flagged = [
        single(
            "m1-q1",
            "What does an agonist do at a receptor?",
            "a",
            ("a", "Activates it"),
            ("b", "Always blocks it"),
            ("c", "Never binds"),
        ),
        single(
            "m1-q2",
            "Which signal molecule crosses a synapse?",
            "a",
            ("a", "A transmitter"),
            ("b", "Only a hormone"),
            ("c", "A ribosome"),
        ),
    ]
    root = write_course(tmp_path, quiz=quiz(*flagged))
    assert findings_of(root) == [
        (
            QUIZ,
            1,
            1,
            "warning",
            "W403",
            "75% of distractor options use an absolute word (always, never, only, all …) but 0% of key options do; "
            "learners learn to rule such options out: use these words in some keys too, or drop them",
        )
    ]
    calm = [flagged[0].replace("Always blocks it", "Blocks it").replace("Never binds", "Breaks it"), flagged[1]]
    assert findings_of(write_course(tmp_path / "clean", quiz=quiz(*calm))) == []


def test_w404_hedges_mark_the_keys(tmp_path: Path) -> None:
    hedged = [
        single(
            "m1-q1",
            "What does an agonist do at a receptor?",
            "a",
            ("a", "It can activate it"),
            ("b", "It blocks it"),
            ("c", "It breaks it"),
        ),
        single(
            "m1-q2",
            "What can a transmitter do?",
            "b",
            ("a", "Turn into a cell"),
            ("b", "Often cross a synapse"),
            ("c", "Split a gene"),
        ),
        single(
            "m1-q3",
            "What is early trial evidence?",
            "a",
            ("a", "Preliminary data"),
            ("b", "A final verdict"),
            ("c", "A legal ruling"),
        ),
    ]
    root = write_course(tmp_path, quiz=quiz(*hedged))
    assert findings_of(root) == [
        (
            QUIZ,
            1,
            1,
            "warning",
            "W404",
            "100% of key options hedge (may, can, some, often …) but 0% of distractor options do; learners learn to "
            "pick the hedged option: hedge some distractors too, or state keys plainly",
        )
    ]
    plain = [hedged[0].replace("It can activate it", "It activates it"), *hedged[1:]]
    assert findings_of(write_course(tmp_path / "clean", quiz=quiz(*plain))) == []


# --- W405 / W406 ------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["None of the above", "all of the above", "Both of the above", "All the above"])
def test_w405_of_the_above_options(tmp_path: Path, text: str) -> None:
    root = write_course(
        tmp_path,
        quiz=quiz(single("m1-q1", "What does an agonist do?", "a", ("a", "Activates it"), ("b", "Blocks it"), ("c", text))),
    )
    assert rows(root) == [(QUIZ, 14, 14, "warning", "W405")]
    assert messages(root, "W405")[0].endswith(
        "as an option lets partial knowledge find the key, and depends on the order shown: replace it with a specific option"
    )


def test_w405_clean(tmp_path: Path) -> None:
    clean = quiz(
        single(
            "m1-q1", "What does an agonist do?", "a", ("a", "Activates it"), ("b", "Blocks it"), ("c", "Above all, destroys it")
        )
    )
    assert findings_of(write_course(tmp_path, quiz=clean)) == []


@pytest.mark.parametrize(
    ("prompt", "said"),
    [
        ("Which two of these are receptors?", "Which two"),
        ("Select 2 of these receptors.", "Select 2"),
        ("Choose three receptors.", "Choose three"),
        ("Name the two receptors.", "Name the two"),
        ("Which are receptors? (two answers)", "(two answers)"),
        ("Which are receptors? There are 2 correct answers.", "2 correct answers"),
    ],
)
def test_w406_the_prompt_tells_the_number_of_keys(tmp_path: Path, prompt: str, said: str) -> None:
    choices: list[Choice] = [("a", "5-HT2A"), ("b", "D2"), ("c", "Ribosome")]
    root = write_course(tmp_path, quiz=quiz(multiple("m1-q1", prompt, ["a", "b"], *choices)))
    assert findings_of(root) == [
        (
            QUIZ,
            8,
            1,
            "warning",
            "W406",
            f"the prompt tells how many choices are right ('{said}'); a learner can stop after finding that many: "
            "ask to 'Select all that apply' and let the number vary",
        )
    ]


def test_w406_clean(tmp_path: Path) -> None:
    choices: list[Choice] = [("a", "5-HT2A"), ("b", "D2"), ("c", "Ribosome")]
    for n, prompt in enumerate(
        ["Which of these are receptors? Select all that apply.", "Which of these two families hold 5-HT2A?"]
    ):
        root = write_course(tmp_path / str(n), quiz=quiz(multiple("m1-q1", prompt, ["a", "b"], *choices)))
        assert findings_of(root) == []


# --- W407 -------------------------------------------------------------------------------------------

STATEMENTS = [
    "Agonists activate receptors.",
    "Synapses are made of bone tissue.",
    "Transmitters are stored inside vesicles.",
]


def test_w407_true_false_keys_lean_to_one_side(tmp_path: Path) -> None:
    all_false = [true_false(f"m1-q{n}", text, False) for n, text in enumerate(STATEMENTS, start=1)]
    assert findings_of(write_course(tmp_path, quiz=quiz(*all_false))) == [
        (
            QUIZ,
            1,
            1,
            "warning",
            "W407",
            "0 of 3 true/false statements are true (0%); a learner who always answers False scores 100%: "
            "rewrite some statements so that true and false are nearer half and half",
        )
    ]
    all_true = [true_false(f"m1-q{n}", text, True) for n, text in enumerate(STATEMENTS, start=1)]
    assert messages(write_course(tmp_path / "true", quiz=quiz(*all_true)), "W407") == [
        "3 of 3 true/false statements are true (100%); a learner who always answers True scores 100%: "
        "rewrite some statements so that true and false are nearer half and half"
    ]
    balanced = [true_false("m1-q1", STATEMENTS[0], True), *all_false[1:]]
    assert findings_of(write_course(tmp_path / "clean", quiz=quiz(*balanced))) == []
    assert findings_of(write_course(tmp_path / "few", quiz=quiz(*all_false[:2]))) == []


# --- W408 -------------------------------------------------------------------------------------------


def test_w408_single_key_always_in_the_same_place(tmp_path: Path) -> None:
    second = [
        single(
            "m1-q1",
            "What does an agonist do at a receptor?",
            "b",
            ("a", "Destroys it"),
            ("b", "Activates it"),
            ("c", "Blocks it off"),
        ),
        ANTAGONIST,
        single(
            "m1-q3",
            "Where in a nerve cell does a receptor sit?",
            "b",
            ("a", "Inside the nucleus"),
            ("b", "In the membrane"),
            ("c", "In the axon hillock"),
        ),
        MESSENGER,
    ]
    root = write_course(tmp_path, quiz=quiz(*second))
    assert findings_of(root) == [
        (
            QUIZ,
            1,
            1,
            "warning",
            "W408",
            "the key is choice 2 in 3 of 4 unshuffled single-choice questions (75%); a learner who always picks it "
            "scores that much: move keys to other positions, or set shuffle_choices = true",
        )
    ]
    shuffled = quiz(*second, head=HEAD + "shuffle_choices = true\n")
    assert findings_of(write_course(tmp_path / "clean", quiz=shuffled)) == []


def test_w408_multiple_first_choice_always_a_key(tmp_path: Path) -> None:
    def three(shuffle: bool | None) -> list[str]:
        return [
            multiple(
                "m1-q1",
                "Which of these are receptors?",
                ["a", "b"],
                ("a", "5-HT2A"),
                ("b", "D2"),
                ("c", "Ribosome"),
                shuffle=shuffle,
            ),
            multiple(
                "m1-q2",
                "Which of these are transmitters?",
                ["a"],
                ("a", "Dopamine"),
                ("b", "Keratin"),
                ("c", "Collagen"),
                shuffle=shuffle,
            ),
            multiple(
                "m1-q3",
                "Which of these are nerve cells?",
                ["a", "c"],
                ("a", "Neurons"),
                ("b", "Platelets"),
                ("c", "Interneurons"),
                shuffle=shuffle,
            ),
        ]

    assert findings_of(write_course(tmp_path, quiz=quiz(*three(shuffle=False)))) == [
        (
            QUIZ,
            1,
            1,
            "warning",
            "W408",
            "the first choice is a key in 3 of 3 unshuffled multiple-choice questions (100%); learners learn to tick it: "
            "put distractors first too, or drop shuffle = false",
        )
    ]
    # Multiple-select questions are shuffled unless they say otherwise.
    assert findings_of(write_course(tmp_path / "clean", quiz=quiz(*three(shuffle=None)))) == []


# --- W409 -------------------------------------------------------------------------------------------

RECEPTOR = single(
    "m1-q1",
    "At which receptor do classical psychedelics such as psilocybin and LSD mainly act?",
    "b",
    ("a", "The dopamine D2 receptor"),
    ("b", "The serotonin 5-HT2A receptor"),
    ("c", "The GABA-A receptor"),
)


def test_w409_a_reworded_question_in_another_module(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    again = single(
        "m2-q1",
        "Classical psychedelics such as psilocybin and LSD mainly act at which receptor?",
        "a",
        ("a", "The serotonin 5-HT2A receptor"),
        ("b", "The GABA-A receptor"),
        ("c", "The dopamine D2 receptor"),
    )
    second = {
        "modules/02-more/module.toml": 'id = "m2"\ntitle = "More"\n',
        "modules/02-more/quiz.toml": quiz(again, head='id = "m2-quiz"\ntitle = "More quiz"\n'),
    }
    root = write_course(tmp_path, quiz=quiz(RECEPTOR), files=second)
    assert findings_of(root) == [
        (
            "modules/02-more/quiz.toml",
            8,
            1,
            "warning",
            "W409",
            f"question 'm2-q1' overlaps 'm1-q1' ({QUIZ}:8): prompt and key 82% alike; a learner who has seen one "
            "answers the other from memory: ask about the objective another way, or drop one",
        )
    ]
    other = single(
        "m2-q1",
        "Which brain network is most active during mind-wandering and self-focused thought?",
        "a",
        ("a", "The default mode network"),
        ("b", "The visual network"),
        ("c", "The motor network"),
    )
    second["modules/02-more/quiz.toml"] = quiz(other, head='id = "m2-quiz"\ntitle = "More quiz"\n')
    assert findings_of(write_course(tmp_path / "clean", quiz=quiz(RECEPTOR), files=second)) == []


def test_w409_one_question_gives_away_the_key_of_another(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    term = question(
        "m1-q2",
        "text",
        "What is the continued monitoring of harms after a treatment is approved called?",
        'accept = ["post-marketing surveillance"]',
    )
    definition = single(
        "m1-q3",
        "What is post-marketing surveillance?",
        "a",
        ("a", "Watching for rare harms once a treatment is in everyday use"),
        ("b", "Screening patients before they join a trial"),
        ("c", "Tracking how well an advertising campaign performs"),
    )
    assert findings_of(write_course(tmp_path, quiz=quiz(term, definition))) == [
        (
            QUIZ,
            16,
            1,
            "warning",
            "W409",
            f"question 'm1-q3' overlaps 'm1-q2' ({QUIZ}:8): the key of 'm1-q2' ('post marketing surveillance') stands in "
            "the prompt of 'm1-q3'; a learner who has seen one answers the other from memory: ask about the objective "
            "another way, or drop one",
        )
    ]
    assert findings_of(write_course(tmp_path / "clean", quiz=quiz(term, RECEPTOR.replace('"m1-q1"', '"m1-q3"')))) == []


def test_w409_stays_fast_on_two_hundred_questions(tmp_path: Path) -> None:
    rng = random.Random(7)
    vocabulary = [f"word{n}" for n in range(400)]

    def words(count: int) -> str:
        return " ".join(rng.sample(vocabulary, count))

    questions = [
        single(f"m1-q{n}", f"Which of these {words(14)}?", "a", ("a", words(8)), ("b", words(8)), ("c", words(8)))
        for n in range(200)
    ]
    root = write_course(tmp_path, quiz=quiz(*questions))
    report = Reporter(read_course(root))
    started = time.perf_counter()
    check_repeats(report)
    assert time.perf_counter() - started < 3.0
    assert report.findings == []


# --- W410 -------------------------------------------------------------------------------------------


def test_w410_numeric_answer_the_lessons_write_as_a_word(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    lesson = lesson_with("A protocol has four stages.")
    asked = quiz(question("m1-q1", "numeric", "How many stages does a protocol have?", "value = 4"))
    assert findings_of(write_course(tmp_path, quiz=asked, lesson=lesson)) == [
        (
            QUIZ,
            10,
            1,
            "warning",
            "W410",
            f"the answer 4 is written 'four' ({MODULE_DIR}/01-agonists.toml:12:16) in the lessons; a learner who types "
            '\'four\' is marked wrong: ask for the answer as a digit, or make it a text question with accept = ["4", "four"]',
        )
    ]
    digits = asked.replace("have?", "have? Type a digit.")
    assert findings_of(write_course(tmp_path / "digits", quiz=digits, lesson=lesson)) == []
    assert findings_of(write_course(tmp_path / "unsaid", quiz=asked)) == []


def test_w410_numeric_answer_the_lessons_write_as_a_roman_numeral(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    lesson = lesson_with("Large trials are in phase III. I think so.")
    asked = quiz(question("m1-q1", "numeric", "Which trial phase are large trials in?", "value = 3"))
    assert messages(write_course(tmp_path, quiz=asked, lesson=lesson), "W410") == [
        f"the answer 3 is written 'III' ({MODULE_DIR}/01-agonists.toml:12:27) in the lessons; a learner who types "
        '\'III\' is marked wrong: ask for the answer as a digit, or make it a text question with accept = ["3", "III"]'
    ]
    # A numeral counts only after a word the prompt also uses, and "I" is never a numeral.
    unrelated = quiz(question("m1-q1", "numeric", "How many sides does a synapse have?", "value = 3"))
    assert findings_of(write_course(tmp_path / "unrelated", quiz=unrelated, lesson=lesson)) == []
    one = quiz(question("m1-q1", "numeric", "How many nuclei does a neuron have?", "value = 1"))
    assert findings_of(write_course(tmp_path / "one", quiz=one, lesson=lesson)) == []


def test_w410_text_answer_accepts_one_form_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    lesson = lesson_with("Large trials are in phase III.")

    def asked(accept: list[str]) -> str:
        return quiz(question("m1-q1", "text", "Which phase are large trials in?", f"accept = {json.dumps(accept)}"))

    assert findings_of(write_course(tmp_path, quiz=asked(["phase III"]), lesson=lesson)) == [
        (
            QUIZ,
            10,
            11,
            "warning",
            "W410",
            "accept has 'phase III' but not 'phase 3'; a learner who types that is marked wrong: add it to accept, or "
            "ask in a form with one reading",
        )
    ]
    assert messages(write_course(tmp_path / "digits", quiz=asked(["phase 3"]), lesson=lesson), "W410") == [
        f"accept has 'phase 3' but not 'phase III' (the lessons write it so at digits/{MODULE_DIR}/01-agonists.toml:12:21); "
        "a learner who types that is marked wrong: add it to accept, or ask in a form with one reading"
    ]
    assert findings_of(write_course(tmp_path / "both", quiz=asked(["phase 3", "phase III"]), lesson=lesson)) == []
    assert findings_of(write_course(tmp_path / "unsaid", quiz=asked(["phase 3"]))) == []
    assert findings_of(write_course(tmp_path / "term", quiz=asked(["5-HT2A"]), lesson=lesson)) == []


# --- W411 -------------------------------------------------------------------------------------------


def test_w411_distractor_without_feedback(tmp_path: Path) -> None:
    bare = quiz(single("m1-q1", "What does an agonist do?", "a", ("a", "Activates it"), ("b", "Blocks it", "")))
    assert findings_of(write_course(tmp_path, quiz=bare)) == [
        (
            QUIZ,
            13,
            3,
            "warning",
            "W411",
            "distractor 'b' has no feedback; a learner who picks it is not told why it is wrong: add feedback",
        )
    ]


def test_w411_two_distractors_with_the_same_feedback(tmp_path: Path) -> None:
    same = quiz(
        multiple(
            "m1-q1",
            "Which are receptors?",
            ["a"],
            ("a", "5-HT2A"),
            ("b", "Keratin", "Not a receptor."),
            ("c", "Collagen", "not a receptor"),
        )
    )
    assert findings_of(write_course(tmp_path, quiz=same)) == [
        (
            QUIZ,
            14,
            33,
            "warning",
            "W411",
            "distractors 'b' and 'c' have the same feedback; say why each one is wrong, or merge them into one option",
        )
    ]


def test_w411_true_false_without_feedback_for_the_wrong_answer(tmp_path: Path) -> None:
    bare = quiz(true_false("m1-q1", "Agonists block receptors.", False, feedback=None))
    assert findings_of(write_course(tmp_path, quiz=bare)) == [
        (
            QUIZ,
            4,
            1,
            "warning",
            "W411",
            "no feedback_true for the wrong answer 'True'; a learner who picks it is not told why: add feedback_true",
        )
    ]
    # Feedback for the right answer does not count; feedback for the wrong one does.
    right_only = bare.replace("answer = false\n", 'answer = false\nfeedback_false = "Right."\n')
    assert rows(write_course(tmp_path / "right", quiz=right_only)) == [(QUIZ, 4, 1, "warning", "W411")]
    assert findings_of(write_course(tmp_path / "clean", quiz=quiz(true_false("m1-q1", "Agonists block receptors.", False)))) == []


# --- quizzes.item_cues ------------------------------------------------------------------------------


def test_words_are_whole_and_case_insensitive() -> None:
    assert absolutes_in("It ALWAYS works, for everyone's sake") == {"always", "everyone"}
    assert absolutes_in("an all-or-nothing response") == {"all", "nothing"}
    assert absolutes_in("totally unproven, finally, anyhow") == set()
    assert hedges_in("It can't; it may; SOME do") == {"may", "some"}
    assert hedges_in("cannot, canine, mayor") == set()
    assert {"always", "never", "only", "any", "cure", "guaranteed"} <= ABSOLUTE_WORDS
    assert {"may", "might", "can", "suggests", "preliminary", "usually"} <= HEDGE_WORDS
    assert not ABSOLUTE_WORDS & HEDGE_WORDS


def _quiz(*questions: dict[str, object]) -> Quiz:
    return Quiz.model_validate({"id": "q", "title": "Q", "question": list(questions)})


def _single(qid: str, key: str, *others: str) -> dict[str, object]:
    choices = [{"id": "k", "text": key}] + [{"id": f"d{n}", "text": t} for n, t in enumerate(others)]
    return {"id": qid, "type": "single", "prompt": "P", "explanation": "E", "objective": "o", "answer": "k", "choices": choices}


def _true_false(qid: str, answer: bool) -> dict[str, object]:
    return {"id": qid, "type": "true_false", "prompt": "P", "explanation": "E", "objective": "o", "answer": answer}


def test_key_is_longest_is_strict_and_ignores_outer_spaces() -> None:
    quiz = _quiz(_single("a", "longer", "short"), _single("b", "same", "same"), _single("c", "  key  ", "keys"))
    first, second, third = quiz.questions
    assert isinstance(first, SingleChoice) and isinstance(second, SingleChoice) and isinstance(third, SingleChoice)
    assert key_is_longest(first) and not key_is_longest(second) and not key_is_longest(third)
    assert longest_key_share(quiz) == pytest.approx(1 / 3)
    assert true_share(quiz) is None


def test_true_share_and_a_quiz_without_single_choice() -> None:
    quiz = _quiz(_true_false("a", True), _true_false("b", False), _true_false("c", False), _true_false("d", True))
    assert true_share(quiz) == 0.5
    assert longest_key_share(quiz) is None


def test_word_cue_counts_key_and_distractor_options() -> None:
    cue = word_cue(_quiz(_single("a", "It may help", "It always works", "It never works")), ABSOLUTE_WORDS)
    assert (cue.keys, cue.keys_with, cue.distractors, cue.distractors_with) == (1, 0, 2, 2)
    assert (cue.key_share, cue.distractor_share) == (0.0, 1.0)


# --- course info ------------------------------------------------------------------------------------


def test_course_info_reports_the_cue_figures_per_quiz(tmp_path: Path) -> None:
    questions = [
        AGONIST.replace('"Activates it"', '"Activates it fully"'),  # the key is the longest option
        ANTAGONIST,
        *(
            true_false(f"m1-t{n}", text, answer)
            for n, (text, answer) in enumerate(zip(STATEMENTS, [True, True, False], strict=True))
        ),
    ]
    write_course(tmp_path / "course", quiz=quiz(*questions))
    result = run_course("info", "course", "--json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["quiz_details"] == [
        {
            "id": "m1-quiz",
            "module": "m1-basics",
            "questions": 5,
            "single_choice": 2,
            "longest_key_share": 0.5,
            "true_false": 3,
            "true_share": 2 / 3,
        }
    ]
    text = run_course("info", "course", cwd=tmp_path)
    assert text.returncode == 0, text.stderr
    [line] = [line for line in text.stdout.splitlines() if line.startswith("quiz m1-quiz")]
    assert line.split("  ", 1)[1].strip() == (
        "5 questions; longest option is the key in 1 of 2 single-choice (50%); 2 of 3 true/false are true (67%)"
    )


def test_course_info_figures_are_null_without_such_questions(tmp_path: Path) -> None:
    write_course(tmp_path / "course")  # one single-choice question whose key is the longer option
    info = json.loads(run_course("info", "course", "--json", cwd=tmp_path).stdout)
    assert info["quiz_details"] == [
        {
            "id": "m1-quiz",
            "module": "m1-basics",
            "questions": 1,
            "single_choice": 1,
            "longest_key_share": 1.0,
            "true_false": 0,
            "true_share": None,
        }
    ]

"""Item-writing checks (W401–W411): cues that let a learner answer without knowing the content.

Grounded in published item-writing guidance (docs/validation-codes.md, "Item writing", cites it):
options homogeneous in length, no "all/none of the above", no specific determiners that mark the
distractors, a balanced key position, no clue to the number of keys, feedback for every wrong option.
The measurements live in :mod:`quizzes.item_cues`; this module turns them into located warnings.

Run by :func:`course.loading.lint.lint` only when the course has no errors (like W301/W302): the
checks read whole quizzes and the lessons together, and answer keys must be sound first.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from course.loading.findings import Finding
from course.loading.item_numbers import check_number_forms
from course.loading.item_repeats import check_repeats
from course.loading.item_report import Reporter
from course.loading.loaded import Loaded
from quizzes.item_cues import (
    ABSOLUTE_WORDS,
    HEDGE_WORDS,
    ChoiceQuestion,
    distractors_of,
    key_is_longest,
    keys_of,
    single_choice,
    true_false,
    word_cue,
)
from quizzes.questions import MultipleChoice, SingleChoice, TrueFalse
from quizzes.quiz import Quiz
from quizzes.types import question_type
from quizzes.types.text import normalise_text

# W401: a single-choice key this much longer than the longest distractor, by ratio and by characters.
LONG_KEY_RATIO, LONG_KEY_CHARS = 1.5, 20
# W401: every key of a multiple-choice question (with at least 2 distractors) this much longer than any distractor.
LONG_KEYS_RATIO = 1.3
# W402: the key is the longest option in more than this share of a quiz's single-choice questions (at least 4).
LONGEST_SHARE, LONGEST_MIN_QUESTIONS = 0.40, 4
# W403/W404: the difference of shares between distractor and key options, and the fewest options with the word.
WORD_SHARE_GAP, WORD_MIN_OPTIONS = 0.15, 3
# W407: true/false keys outside this band of True shares (with at least 3 such questions).
TRUE_LOW, TRUE_HIGH, TRUE_MIN_QUESTIONS = 0.30, 0.70, 3
# W408: one key position in more than this share of unshuffled single-choice questions (at least 4) ...
POSITION_SHARE, POSITION_MIN_SINGLE = 0.50, 4
# ... or the first choice a key in more than this share of unshuffled multiple-choice questions (at least 3).
FIRST_KEY_SHARE, POSITION_MIN_MULTIPLE = 0.75, 3

ABOVE = re.compile(r"\b(?:all|none|both)\s+(?:of\s+)?the\s+above\b", re.IGNORECASE)
_N = r"(?:[2-9]|10|two|three|four|five|six|seven|eight|nine|ten)(?![\w-])"
KEY_COUNT = re.compile(
    "|".join(
        [
            rf"\bwhich\s+{_N}",
            rf"\b(?:select|choose|pick|name|identify|tick|mark|give|list)\s+(?:the\s+|any\s+|exactly\s+)?{_N}",
            rf"\(\s*{_N}\s+(?:correct\s+|right\s+)?(?:answers?|options?|choices?)\s*\)",
            rf"\b{_N}\s+(?:correct|right)\s+(?:answers?|options?|choices?|statements?)\b",
        ]
    ),
    re.IGNORECASE,
)


def item_findings(loaded: Loaded) -> list[Finding]:
    """Every item-writing warning for a course that loaded without errors."""
    report = Reporter(loaded)
    for path, quiz in report.quizzes:
        check_quiz(report, path, quiz)
    check_repeats(report)
    check_number_forms(report)
    return report.findings


def check_quiz(report: Reporter, path: Path, quiz: Quiz) -> None:
    """The checks of one quiz: each question's options, then the quiz's patterns."""
    for n, question in enumerate(quiz.questions):
        at = ("question", n)
        if isinstance(question, (SingleChoice, MultipleChoice)):
            check_lengths(report, path, at, question)
            check_options(report, path, at, question)
            check_feedback(report, path, at, question)
        if isinstance(question, MultipleChoice) and (said := KEY_COUNT.search(question.prompt)):
            message = (
                f"the prompt tells how many choices are right ('{said.group(0)}'); a learner can stop after finding that many"
                ": ask to 'Select all that apply' and let the number vary"
            )
            report.warn(path, at + ("prompt",), "W406", message)
        if isinstance(question, TrueFalse):
            wrong, field = ("True", "feedback_true") if not question.answer else ("False", "feedback_false")
            feedback = question.feedback_true if not question.answer else question.feedback_false
            if not feedback.strip():
                message = f"no {field} for the wrong answer '{wrong}'; a learner who picks it is not told why: add {field}"
                report.warn(path, at, "W411", message)
    check_longest_share(report, path, quiz)
    check_words(report, path, quiz)
    check_true_share(report, path, quiz)
    check_positions(report, path, quiz)


def _index(question: ChoiceQuestion, choice_id: str) -> int:
    return next(m for m, c in enumerate(question.choices) if c.id == choice_id)


def check_lengths(report: Reporter, path: Path, at: tuple[object, ...], question: ChoiceQuestion) -> None:
    """W401: the key (or every key) is the longest option by a wide margin."""
    keys, wrong = keys_of(question), distractors_of(question)
    if not keys or not wrong:
        return
    longest = max(len(c.text.strip()) for c in wrong)
    if isinstance(question, SingleChoice):
        key = len(keys[0].text.strip())
        if key >= LONG_KEY_RATIO * longest and key - longest >= LONG_KEY_CHARS:
            message = (
                f"the key is {key} characters, {key / max(longest, 1):.1f}× the longest distractor ({longest}); "
                "learners learn to pick the longest option: shorten the key or make the distractors as long and specific"
            )
            report.warn(path, at + ("choices", _index(question, keys[0].id), "text"), "W401", message)
        return
    shortest = min(keys, key=lambda c: len(c.text.strip()))
    size = len(shortest.text.strip())
    if len(wrong) >= 2 and size >= LONG_KEYS_RATIO * longest and size > longest:
        message = (
            f"every key is longer than every distractor (shortest key {size} characters, "
            f"{size / max(longest, 1):.1f}× the longest distractor, {longest}); picking all but the short options "
            "scores full marks: even out the lengths"
        )
        report.warn(path, at + ("choices", _index(question, shortest.id), "text"), "W401", message)


def check_options(report: Reporter, path: Path, at: tuple[object, ...], question: ChoiceQuestion) -> None:
    """W405: "all of the above" and its kin as an option."""
    for m, choice in enumerate(question.choices):
        found = ABOVE.search(choice.text)
        if found:
            message = (
                f"'{found.group(0)}' as an option lets partial knowledge find the key, and depends on the order shown"
                ": replace it with a specific option"
            )
            report.warn(path, at + ("choices", m, "text"), "W405", message)


def check_feedback(report: Reporter, path: Path, at: tuple[object, ...], question: ChoiceQuestion) -> None:
    """W411: a distractor without feedback, or two distractors with the same feedback."""
    wrong = {c.id for c in distractors_of(question)}
    seen: dict[str, str] = {}
    for m, choice in enumerate(question.choices):
        if choice.id not in wrong:
            continue
        said = normalise_text(choice.feedback)
        if not said:
            message = (
                f"distractor '{choice.id}' has no feedback; a learner who picks it is not told why it is wrong: add feedback"
            )
            report.warn(path, at + ("choices", m), "W411", message)
        elif said in seen:
            message = (
                f"distractors '{seen[said]}' and '{choice.id}' have the same feedback; "
                "say why each one is wrong, or merge them into one option"
            )
            report.warn(path, at + ("choices", m, "feedback"), "W411", message)
        else:
            seen[said] = choice.id


def check_longest_share(report: Reporter, path: Path, quiz: Quiz) -> None:
    """W402: across the quiz, the key is the longest option too often."""
    questions = single_choice(quiz)
    longest = sum(key_is_longest(q) for q in questions)
    if len(questions) >= LONGEST_MIN_QUESTIONS and longest / len(questions) > LONGEST_SHARE:
        message = (
            f"the key is the longest option in {longest} of {len(questions)} single-choice questions "
            f"({longest / len(questions):.0%}); a learner who always picks the longest option scores that much"
            ": lengthen distractors or shorten keys so that length tells nothing"
        )
        report.warn(path, ("id",), "W402", message)


def check_words(report: Reporter, path: Path, quiz: Quiz) -> None:
    """W403 (absolute words mark the distractors) and W404 (hedges mark the keys)."""
    absolutes = word_cue(quiz, ABSOLUTE_WORDS)
    gap = absolutes.distractor_share - absolutes.key_share
    if gap > WORD_SHARE_GAP and absolutes.distractors_with >= WORD_MIN_OPTIONS:
        message = (
            f"{absolutes.distractor_share:.0%} of distractor options use an absolute word (always, never, only, all …) "
            f"but {absolutes.key_share:.0%} of key options do; learners learn to rule such options out"
            ": use these words in some keys too, or drop them"
        )
        report.warn(path, ("id",), "W403", message)
    hedges = word_cue(quiz, HEDGE_WORDS)
    gap = hedges.key_share - hedges.distractor_share
    if gap > WORD_SHARE_GAP and hedges.keys_with >= WORD_MIN_OPTIONS:
        message = (
            f"{hedges.key_share:.0%} of key options hedge (may, can, some, often …) "
            f"but {hedges.distractor_share:.0%} of distractor options do; learners learn to pick the hedged option"
            ": hedge some distractors too, or state keys plainly"
        )
        report.warn(path, ("id",), "W404", message)


def check_true_share(report: Reporter, path: Path, quiz: Quiz) -> None:
    """W407: the true/false keys lean to one side."""
    questions = true_false(quiz)
    if len(questions) < TRUE_MIN_QUESTIONS:
        return
    true = sum(q.answer for q in questions)
    share = true / len(questions)
    if share < TRUE_LOW or share > TRUE_HIGH:
        side, score = ("True", share) if share > TRUE_HIGH else ("False", 1 - share)
        message = (
            f"{true} of {len(questions)} true/false statements are true ({share:.0%}); a learner who always answers "
            f"{side} scores {score:.0%}: rewrite some statements so that true and false are nearer half and half"
        )
        report.warn(path, ("id",), "W407", message)


def check_positions(report: Reporter, path: Path, quiz: Quiz) -> None:
    """W408: among questions shown in authored order, the key sits in one place too often."""
    fixed = [q for q in quiz.questions if not question_type(q).shuffles(q, quiz.shuffle_choices)]
    single = [q for q in fixed if isinstance(q, SingleChoice)]
    if len(single) >= POSITION_MIN_SINGLE:
        positions = Counter(_index(q, q.answer) + 1 for q in single if q.answer in {c.id for c in q.choices})
        if positions:
            place, count = positions.most_common(1)[0]
            if count / len(single) > POSITION_SHARE:
                message = (
                    f"the key is choice {place} in {count} of {len(single)} unshuffled single-choice questions "
                    f"({count / len(single):.0%}); a learner who always picks it scores that much"
                    ": move keys to other positions, or set shuffle_choices = true"
                )
                report.warn(path, ("id",), "W408", message)
    multiple = [q for q in fixed if isinstance(q, MultipleChoice)]
    if len(multiple) >= POSITION_MIN_MULTIPLE:
        first = sum(q.choices[0].id in q.answers for q in multiple)
        if first / len(multiple) > FIRST_KEY_SHARE:
            message = (
                f"the first choice is a key in {first} of {len(multiple)} unshuffled multiple-choice questions "
                f"({first / len(multiple):.0%}); learners learn to tick it"
                ": put distractors first too, or drop shuffle = false"
            )
            report.warn(path, ("id",), "W408", message)

"""A learner who ignores the lessons must not pass the bundled course's quizzes on test-taking cues.

The learner (tests/helpers/content_free.py) picks the longest option that has no absolute word, takes
all but the shortest option in multiple select, answers every true/false question False and arranges
order and match items at random; a second one ("planner") instead takes the option that does the
most in case vignettes. Each quiz, and the graded post-test above all, keeps both below 40%.
"""

from __future__ import annotations

import pytest

from course.domain.models import Course
from course.loading.loader import bundled_course_path, load_course
from quizzes.questions import Question
from quizzes.quiz import Quiz
from tests.helpers.content_free import guess_fraction, guess_score, quiz_cues

CEILING = 0.40


@pytest.fixture(scope="module")
def course() -> Course:
    return load_course(bundled_course_path())


def _quizzes(course: Course) -> list[Quiz]:
    return [m.quiz for m in course.modules if m.quiz]


@pytest.mark.parametrize("planner", [False, True], ids=["longest-option", "most-steps-in-cases"])
def test_every_quiz_keeps_the_content_free_learner_below_40_percent(course: Course, planner: bool) -> None:
    scores = {quiz.id: round(guess_score(quiz, planner), 3) for quiz in _quizzes(course)}
    assert len(scores) == len(course.modules)
    too_high = {quiz_id: score for quiz_id, score in scores.items() if score >= CEILING}
    assert not too_high, f"quizzes a content-free learner scores {CEILING:.0%} or more on: {too_high}"


def test_the_key_is_the_longest_option_in_at_most_a_third_of_each_quizs_single_choice_questions(course: Course) -> None:
    crowded = {}
    for quiz in _quizzes(course):
        hits, total = (int(n) for n in quiz_cues(quiz).longest_keys.split("/"))
        if hits > round(total / 3 + 0.5):  # "about one in three": 3 of 8 is fine, 4 of 8 is not
            crowded[quiz.id] = f"{hits}/{total}"
    assert not crowded, crowded


def test_true_false_keys_are_balanced_in_each_quiz(course: Course) -> None:
    skewed = {}
    for quiz in _quizzes(course):
        flags = [q for q in quiz.questions if q.type == "true_false"]
        trues = sum(bool(q.answer) for q in flags)  # type: ignore[union-attr]
        if flags and not (0.3 <= trues / len(flags) <= 0.7):
            skewed[quiz.id] = f"{trues} True of {len(flags)}"
    assert not skewed, skewed


def _quiz(*questions: dict[str, object]) -> Quiz:
    return Quiz.model_validate({"id": "q", "title": "Q", "question": list(questions)})


def _single(key_text: str, *others: str) -> dict[str, object]:
    choices = [{"id": "k", "text": key_text}] + [{"id": f"d{n}", "text": t} for n, t in enumerate(others)]
    return {
        "id": f"s{len(key_text)}",
        "type": "single",
        "prompt": "P?",
        "explanation": "E.",
        "objective": "o",
        "answer": "k",
        "choices": choices,
    }


def test_the_learner_exploits_the_cues_it_claims_to() -> None:
    cued = _quiz(
        _single("It may help some people under careful supervision", "It cures everyone", "It never works"),
        {"id": "t", "type": "true_false", "prompt": "P", "explanation": "E.", "objective": "o", "answer": False},
        {
            "id": "m",
            "type": "multiple",
            "prompt": "P?",
            "explanation": "E.",
            "objective": "o",
            "answers": ["a", "b"],
            "choices": [
                {"id": "a", "text": "A long right answer"},
                {"id": "b", "text": "Another right one"},
                {"id": "c", "text": "No"},
            ],
        },
    )
    assert guess_score(cued) == 1.0
    fair = _quiz(_single("Serotonin 5-HT2A", "Dopamine D2 receptors in the striatum", "Never any receptor at all"))
    assert guess_score(fair) == 0.0


def test_the_planner_takes_the_option_that_does_the_most_in_a_case() -> None:
    case = _single("Refer her", "Check the records, call the team, and then wait", "Wait a month")
    case["case"] = "A patient asks to be referred."
    assert guess_score(_quiz(case), planner=True) == 0.0
    assert guess_score(_quiz(case)) == 0.0  # the other learner takes the longest: also wrong here
    case["choices"][0]["text"] = "Check her history, tell the team, and then refer her"  # type: ignore[index]
    assert guess_score(_quiz(case), planner=True) == 1.0


def test_order_and_match_score_at_chance_and_typed_answers_at_zero() -> None:
    items = [{"id": x, "text": x.upper()} for x in "abcd"]
    order: Question = _quiz(
        {"id": "o", "type": "order", "prompt": "P", "explanation": "E.", "objective": "o", "items": items}
    ).questions[0]
    typed: Question = _quiz(
        {"id": "x", "type": "text", "prompt": "P", "explanation": "E.", "objective": "o", "accept": ["5-HT2A"]}
    ).questions[0]
    assert guess_fraction(order) == 0.25
    assert guess_fraction(typed) == 0.0

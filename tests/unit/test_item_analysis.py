"""Item analysis on generated attempt records whose statistics are worked out by hand (mini course, basics-quiz)."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from course.analysis import AttemptRecord, ItemResponse, QuestionStats, QuizStats, analyse, counted
from course.analysis.measures import cronbach_alpha, discrimination_index, discriminative_efficiency, histogram
from course.domain.models import Course
from course.loading.loader import load_course

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini-course"
QUESTIONS = ("bq1", "bq2", "bq3", "bq4")
RIGHT: dict[str, object] = {"bq1": "b", "bq2": ["a", "b"], "bq3": False, "bq4": ["a"]}
WRONG: dict[str, object] = {"bq1": "a", "bq2": ["c"], "bq3": True, "bq4": ["b"]}


@pytest.fixture(scope="module")
def mini() -> Course:
    return load_course(MINI)


def attempt(
    learner: str,
    marks: str,
    *,
    started: str = "2025-01-01T10:00:00+00:00",
    finished: bool = True,
    retry: bool = False,
    quiz: str = "basics-quiz",
    questions: tuple[str, ...] = QUESTIONS,
) -> AttemptRecord:
    """An attempt whose ``marks`` say, question by question, R (right), W (wrong) or - (not answered)."""
    answers = []
    for qid, mark in zip(questions, marks, strict=True):
        if mark != "-":
            right = mark == "R"
            answers.append(ItemResponse(qid, (RIGHT if right else WRONG).get(qid, "x"), float(right), 1.0, right))
    return AttemptRecord(learner, quiz, started, finished, questions, tuple(answers), float(len(questions)), retry)


def quiz_of(analysis_quizzes: tuple[QuizStats, ...], quiz_id: str = "basics-quiz") -> QuizStats:
    return next(q for q in analysis_quizzes if q.quiz_id == quiz_id)


def question(quiz: QuizStats, qid: str) -> QuestionStats:
    return next(q for q in quiz.questions if q.question_id == qid)


def codes(stats: QuestionStats) -> list[str]:
    return [f.code for f in stats.flags]


# --- the measures themselves --------------------------------------------------------------------


def test_a_question_that_follows_the_rest_exactly_discriminates_perfectly() -> None:
    assert discrimination_index([1, 1, 0, 0], [3, 3, 0, 0]) == pytest.approx(1.0)
    assert discriminative_efficiency([1, 1, 0, 0], [3, 3, 0, 0]) == pytest.approx(1.0)


def test_a_reversed_question_has_a_negative_index_and_efficiency() -> None:
    assert discrimination_index([0, 0, 1, 1], [3, 3, 0, 0]) == pytest.approx(-1.0)
    assert discriminative_efficiency([0, 0, 1, 1], [3, 3, 0, 0]) == pytest.approx(-1.0)


def test_the_index_is_worked_out_with_sample_moments() -> None:
    # x mean 0.6, rest mean 1.4: cov = 1.8/4, var(x) = 1.2/4, var(rest) = 5.2/4, r = 0.45 / sqrt(0.3 * 1.3)
    x, rest = [1, 1, 0, 1, 0], [3, 1, 1, 2, 0]
    assert discrimination_index(x, rest) == pytest.approx(0.45 / math.sqrt(0.39))
    # sorted, the same marks pair as (0,0) (0,1) (1,1) (1,2) (1,3): cov_max is 1.8/4 as well
    assert discriminative_efficiency(x, rest) == pytest.approx(1.0)


def test_efficiency_compares_with_the_best_pairing_of_the_same_marks() -> None:
    # cov(x, rest) = ((-.5)(.5) + (.5)(-.5) + (.5)(1.5) + (-.5)(-1.5)) / 3 = 1/3; sorted pairing gives 2/3
    assert discriminative_efficiency([0, 1, 1, 0], [2, 1, 3, 0]) == pytest.approx(0.5)


def test_nothing_to_say_when_marks_do_not_vary_or_there_is_one_attempt() -> None:
    assert discrimination_index([1, 1, 1], [0, 2, 3]) is None
    assert discrimination_index([1], [2]) is None
    assert discriminative_efficiency([1, 1], [0, 2]) is None
    with pytest.raises(ValueError):
        discrimination_index([1, 0], [1])


def test_identical_questions_give_alpha_one_and_the_formula_holds() -> None:
    assert cronbach_alpha([[1, 1, 1], [0, 0, 0], [1, 1, 1]]) == pytest.approx(1.0)
    # variances of the four columns 0.3 each, of the totals 4,2,1,3,0 2.5: 4/3 * (1 - 1.2/2.5)
    table = [[1, 1, 1, 1], [1, 0, 1, 0], [0, 1, 0, 0], [1, 1, 0, 1], [0, 0, 0, 0]]
    assert cronbach_alpha(table) == pytest.approx(4 / 3 * (1 - 1.2 / 2.5))
    assert cronbach_alpha([[1], [0]]) is None  # one question
    assert cronbach_alpha([[1, 0]]) is None  # one attempt
    assert cronbach_alpha([[1, 0], [0, 1]]) is None  # the totals do not vary


def test_the_histogram_puts_boundaries_in_the_bin_above_and_one_in_the_last() -> None:
    assert histogram([0.0, 0.0999, 0.1, 0.3, 0.7, 0.99, 1.0]) == (2, 1, 0, 1, 0, 0, 0, 1, 0, 2)
    assert sum(histogram([i / 100 for i in range(101)])) == 101


# --- analyse over records --------------------------------------------------------------------------


def test_perfectly_discriminating_identical_items(mini: Course) -> None:
    records = [attempt("ann", "RRRR"), attempt("ben", "RRRR"), attempt("cat", "WWWW"), attempt("dan", "WWWW")]
    quiz = quiz_of(analyse(mini, records).quizzes)
    assert (quiz.attempts, quiz.learners, quiz.mean, quiz.median) == (4, 4, 0.5, 0.5)
    assert quiz.alpha == pytest.approx(1.0) and quiz.alpha_questions == QUESTIONS
    for qid in QUESTIONS:
        stats = question(quiz, qid)
        assert (stats.facility, stats.share_correct, stats.responses) == (0.5, 0.5, 4)
        assert stats.discrimination == pytest.approx(1.0) and stats.efficiency == pytest.approx(1.0)
        assert "negative_discrimination" not in codes(stats)


def test_a_reversed_item_is_flagged(mini: Course) -> None:
    records = [attempt("ann", "WRRR"), attempt("ben", "WRRR"), attempt("cat", "RWWW"), attempt("dan", "RWWW")]
    quiz = quiz_of(analyse(mini, records).quizzes)
    reversed_item = question(quiz, "bq1")
    assert reversed_item.discrimination == pytest.approx(-1.0)
    assert "negative_discrimination" in codes(reversed_item)
    # bq2 (right with bq3 and bq4, against bq1): rest is 2 + 0 against 0 + 1, still r = 1
    assert question(quiz, "bq2").discrimination == pytest.approx(1.0)


def test_the_hand_worked_table(mini: Course) -> None:
    rows = ["RRRR", "RWRW", "WRWW", "RRWR", "WWWW"]
    quiz = quiz_of(analyse(mini, [attempt(f"l{i}", marks) for i, marks in enumerate(rows)]).quizzes)
    assert quiz.mean == pytest.approx(0.5) and quiz.median == pytest.approx(0.5)
    assert quiz.sd == pytest.approx(math.sqrt(0.625 / 4))  # scores 1, .5, .25, .75, 0
    assert quiz.histogram == (1, 0, 1, 0, 0, 1, 0, 1, 0, 1)
    assert quiz.alpha == pytest.approx(4 / 3 * (1 - 1.2 / 2.5))
    bq1 = question(quiz, "bq1")
    assert bq1.facility == pytest.approx(0.6) and bq1.discrimination == pytest.approx(0.45 / math.sqrt(0.39))
    assert bq1.sd == pytest.approx(math.sqrt(0.3))
    assert [(c.id, c.key, c.count) for c in bq1.choices] == [("a", False, 2), ("b", True, 3)]
    assert [c.share for c in bq1.choices] == [pytest.approx(0.4), pytest.approx(0.6)]


def test_low_discrimination_needs_enough_responses(mini: Course) -> None:
    # rest 3,3,2,2,1,1,0,0,3,0,2,1 (bq2..bq4) against bq1 0,0,0,1,1,1,0,0,1,0,1,1: r = 1 / sqrt(3 * 15)
    rests = {3: "RRR", 2: "RRW", 1: "RWW", 0: "WWW"}
    pattern = [
        (3, "W"),
        (3, "W"),
        (2, "W"),
        (2, "R"),
        (1, "R"),
        (1, "R"),
        (0, "W"),
        (0, "W"),
        (3, "R"),
        (0, "W"),
        (2, "R"),
        (1, "R"),
    ]
    records = [attempt(f"l{i:02}", first + rests[rest]) for i, (rest, first) in enumerate(pattern)]
    bq1 = question(quiz_of(analyse(mini, records).quizzes), "bq1")
    assert bq1.discrimination == pytest.approx(1 / math.sqrt(45)) and bq1.facility == 0.5
    assert codes(bq1) == ["low_discrimination"]
    fewer = question(quiz_of(analyse(mini, records, min_responses=13).quizzes), "bq1")
    assert codes(fewer) == []


def test_too_easy_and_too_hard_are_strict_thresholds(mini: Course) -> None:
    nine_of_ten = [attempt(f"l{i}", ("R" if i < 9 else "W") + ("R" if i < 2 else "W") + "RR") for i in range(10)]
    quiz = quiz_of(analyse(mini, nine_of_ten).quizzes)
    assert question(quiz, "bq1").facility == pytest.approx(0.9) and "too_easy" not in codes(question(quiz, "bq1"))
    assert question(quiz, "bq2").facility == pytest.approx(0.2) and "too_hard" not in codes(question(quiz, "bq2"))
    assert "too_easy" in codes(question(quiz, "bq3"))  # everyone right
    nineteen = [attempt(f"l{i:02}", ("R" if i < 19 else "W") + ("R" if i < 1 else "W") + "RR") for i in range(20)]
    quiz = quiz_of(analyse(mini, nineteen).quizzes)
    assert "too_easy" in codes(question(quiz, "bq1")) and "too_hard" in codes(question(quiz, "bq2"))


def test_a_distractor_nobody_chose_is_flagged_but_an_unchosen_key_is_not(mini: Course) -> None:
    records = [attempt("ann", "RRRR"), attempt("ben", "RRRR"), attempt("cat", "RRRR")]
    quiz = quiz_of(analyse(mini, records).quizzes)
    assert [f.message for f in question(quiz, "bq2").flags if f.code == "unchosen_distractor"] == [
        "distractor 'c' was never chosen"
    ]
    tf = question(quiz, "bq3")
    assert [(c.id, c.key, c.count) for c in tf.choices] == [("true", False, 0), ("false", True, 3)]
    assert "unchosen_distractor" in codes(tf)
    wrong = quiz_of(analyse(mini, [attempt("ann", "WWWW")]).quizzes)
    assert "unchosen_distractor" not in codes(question(wrong, "bq1"))  # "b" (the key) was not chosen: no flag


def test_multiple_choice_counts_each_picked_option_and_partial_credit_sets_facility(mini: Course) -> None:
    half = ItemResponse("bq2", ["a"], 0.5, 1.0, False)
    records = [
        AttemptRecord("ann", "basics-quiz", "2025-01-01T10:00:00+00:00", True, ("bq2",), (half,)),
        AttemptRecord(
            "ben", "basics-quiz", "2025-01-01T10:00:00+00:00", True, ("bq2",), (ItemResponse("bq2", ["a", "b"], 1.0, 1.0, True),)
        ),
        AttemptRecord(
            "cat", "basics-quiz", "2025-01-01T10:00:00+00:00", True, ("bq2",), (ItemResponse("bq2", "nonsense", 0.0, 1.0, False),)
        ),
    ]
    bq2 = question(quiz_of(analyse(mini, records).quizzes), "bq2")
    assert bq2.facility == pytest.approx(0.5) and bq2.share_correct == pytest.approx(1 / 3)
    assert [(c.id, c.count) for c in bq2.choices] == [("a", 2), ("b", 1), ("c", 0)]
    assert bq2.other_responses == 1


def test_first_attempt_of_each_learner_counts_unless_all_are_asked_for(mini: Course) -> None:
    records = [
        attempt("ann", "RRRR", started="2025-01-02T10:00:00+00:00"),
        attempt("ann", "WWWW", started="2025-01-01T10:00:00+00:00"),  # listed second, started first
        attempt("ann", "RRRR", started="2025-01-01T09:00:00+00:00", finished=False),
        attempt("ann", "RRRR", started="2025-01-01T11:00:00+00:00", retry=True),
        attempt("ben", "RRRR"),
    ]
    first = quiz_of(analyse(mini, records).quizzes)
    assert (first.attempts, first.learners, first.mean) == (2, 2, 0.5)
    every = quiz_of(analyse(mini, records, "all").quizzes)
    assert (every.attempts, every.learners) == (3, 2) and every.mean == pytest.approx(2 / 3)
    assert [r.started_at for r in counted(records, "all")["basics-quiz"][:2]] == [
        "2025-01-01T10:00:00+00:00",
        "2025-01-02T10:00:00+00:00",
    ]
    with pytest.raises(ValueError):
        counted(records, "best")  # type: ignore[arg-type]


def test_unanswered_questions_score_zero_and_leave_alpha(mini: Course) -> None:
    records = [attempt("ann", "RRR-"), attempt("ben", "RRRR"), attempt("cat", "WWWW")]
    quiz = quiz_of(analyse(mini, records).quizzes)
    bq4 = question(quiz, "bq4")
    assert (bq4.presented, bq4.responses, bq4.omitted) == (3, 2, 1)
    assert bq4.facility == pytest.approx(1 / 3)
    assert quiz.alpha_questions == ("bq1", "bq2", "bq3") and quiz.alpha_left_out == ("bq4",)
    assert quiz.alpha == pytest.approx(1.0)
    assert quiz.mean == pytest.approx((0.75 + 1 + 0) / 3)


def test_questions_drawn_from_a_pool_count_where_asked(mini: Course) -> None:
    records = [
        attempt("ann", "RR", questions=("bq1", "bq2")),
        attempt("ben", "WR", questions=("bq1", "bq3")),
        attempt("cat", "RW", questions=("bq2", "bq3")),
    ]
    quiz = quiz_of(analyse(mini, records).quizzes)
    assert [(q.question_id, q.presented) for q in quiz.questions] == [("bq1", 2), ("bq2", 2), ("bq3", 2), ("bq4", 0)]
    assert question(quiz, "bq4").facility is None and question(quiz, "bq4").flags == ()
    assert quiz.alpha is None and quiz.alpha_questions == () and quiz.alpha_left_out == ("bq1", "bq2", "bq3")


def test_quizzes_and_questions_the_course_lacks_are_kept_and_flagged(mini: Course) -> None:
    records = [
        attempt("ann", "RR", quiz="gone-quiz", questions=("g1", "g2")),
        attempt("ann", "RRRRR", questions=(*QUESTIONS, "bq9")),
    ]
    analysis = analyse(mini, records)
    assert [q.quiz_id for q in analysis.quizzes] == ["basics-quiz", "more-quiz", "gone-quiz"]
    gone = quiz_of(analysis.quizzes, "gone-quiz")
    assert not gone.in_course and gone.title == "gone-quiz"
    assert [(q.question_id, q.type, codes(q)[:1]) for q in gone.questions] == [
        ("g1", None, ["not_in_course"]),
        ("g2", None, ["not_in_course"]),
    ]
    basics = quiz_of(analysis.quizzes)
    assert basics.questions[-1].question_id == "bq9" and basics.questions[-1].number == 5
    assert quiz_of(analysis.quizzes, "more-quiz").attempts == 0 and analysis.learners == 1


def test_a_quiz_without_attempts_has_no_figures(mini: Course) -> None:
    quiz = quiz_of(analyse(mini, []).quizzes, "more-quiz")
    assert (quiz.attempts, quiz.mean, quiz.sd, quiz.alpha, quiz.histogram) == (0, None, None, None, (0,) * 10)
    assert all(q.facility is None and q.discrimination is None for q in quiz.questions)

"""The learner's way through the course through the engine: status, Continue, resume, neighbours."""

from __future__ import annotations

from course.domain.models import Course
from course.engine import Study, Target
from course.engine.progress import module_status
from progress_store import Store
from tests.engine.conftest import make_study, with_quiz
from tests.helpers.clock import FakeClock


def test_five_point_six_of_seven_passes_a_mark_of_eighty_percent_everywhere(mini: Course, store: Store, clock: FakeClock) -> None:
    """Regression: results said "Passed" (1e-9 tolerance) while the map said "not yet passed" (bare >=)
    and Continue kept sending the learner back to the quiz."""
    course = with_quiz(mini, "basics-quiz", pass_mark=0.8)
    study = make_study(course, store, clock)
    for lesson in course.modules[0].lessons:
        study.progress.complete_lesson(lesson.id)
    attempt = study.records.start_attempt("basics-quiz", 1, ["bq1"])
    study.records.finish_attempt(attempt.id, 5.6, 7.0, True)
    assert 5.6 / 7.0 < 0.8  # the float sum falls just short
    assert study.progress.quiz_standing("basics-quiz").passed
    assert study.progress.overview().modules[0].status == "passed"
    assert study.progress.continue_target() == Target("lesson", course.modules[1].lessons[0].id)


def test_module_status_goes_from_not_started_to_passed(mini: Course) -> None:
    module = mini.modules[0]
    assert module_status(module, {}, {}) == "not started"
    assert module_status(module, {"neurons": "started"}, {}) == "in progress"
    done = {lesson.id: "done" for lesson in module.lessons}
    assert module_status(module, done, {}) == "done"
    assert module_status(module, done, {"basics-quiz": 0.49}) == "done"
    assert module_status(module, done, {"basics-quiz": 0.5}) == "passed"


def test_continue_reopens_the_last_lesson_opened_until_it_is_done(study: Study) -> None:
    study.progress.open_lesson("synapses")
    assert study.progress.continue_target() == Target("lesson", "synapses")
    study.progress.complete_lesson("synapses")
    assert study.progress.continue_target() == Target("lesson", "neurons")


def test_continue_reopens_a_quiz_left_open(study: Study) -> None:
    study.progress.open_lesson("neurons")
    study.quizzes.open("more-quiz")
    assert study.progress.continue_target() == Target("quiz", "more-quiz")


def test_continue_is_none_when_everything_is_done_and_passed(mini: Course, study: Study) -> None:
    for module in mini.modules:
        for lesson in module.lessons:
            study.progress.complete_lesson(lesson.id)
        assert module.quiz is not None
        attempt = study.records.start_attempt(module.quiz.id, 1, [module.quiz.questions[0].id])
        study.records.finish_attempt(attempt.id, 1.0, 1.0, True)
    assert study.progress.continue_target() is None


def test_resume_target_follows_the_last_place(study: Study) -> None:
    assert study.progress.resume_target() is None
    study.progress.accept_disclaimer()
    assert study.progress.resume_target() == Target("map")
    study.progress.open_lesson("neurons")
    assert study.progress.resume_target() == Target("lesson", "neurons")


def test_next_and_previous_follow_course_order(study: Study) -> None:
    assert study.progress.neighbour("neurons", +1) == Target("lesson", "synapses")
    assert study.progress.neighbour("synapses", +1) == Target("quiz", "basics-quiz")
    assert study.progress.neighbour("types", -1) == Target("lesson", "synapses")
    assert study.progress.neighbour("neurons", -1) is None


def test_opening_a_lesson_is_one_transaction_of_status_position_and_continue(study: Study) -> None:
    study.progress.open_lesson("neurons")
    assert study.records.lesson_statuses() == {"neurons": "started"}
    assert study.records.setting("last-opened:mini") == {"screen": "lesson", "id": "neurons"}
    assert [e["verb"] for e in study.records.events()] == ["opened"]


def test_overview_counts_lessons_time_and_due_reviews(study: Study, clock: FakeClock) -> None:
    study.progress.complete_lesson("neurons")
    study.progress.add_study_time("lesson", "neurons", 120)
    overview = study.progress.overview()
    assert (overview.lessons_done, overview.lessons_total, overview.minutes_studied) == (1, 3, 2)
    assert overview.minutes_by_day[-1] == 2.0 and len(overview.minutes_by_day) == 14
    assert overview.modules[0].seconds == 120 and overview.modules[0].status == "in progress"

"""The learner implied when none is named, shared by the app, plain mode and ``course export``."""

from __future__ import annotations

from course.engine.learners import implied_learner


def test_the_only_learner_else_default_else_ask() -> None:
    assert implied_learner(["ana"]) == "ana"
    assert implied_learner([]) == "default"
    assert implied_learner(["ana", "ben"]) is None

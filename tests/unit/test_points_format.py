"""Points are shown the same way everywhere: at most one decimal, none when whole."""

from __future__ import annotations

import pytest

from quizzes.scoring import format_points, points_phrase


@pytest.mark.parametrize(
    ("value", "shown"),
    [(0.666667, "0.7"), (14.4167, "14.4"), (21, "21"), (2.0, "2"), (0, "0"), (1 / 3, "0.3"), (99.96, "100")],
)
def test_points_have_at_most_one_decimal(value: float, shown: str) -> None:
    assert format_points(value) == shown


def test_a_phrase_says_point_or_points() -> None:
    assert points_phrase(0.666667, 1) == "0.7 of 1 point"
    assert points_phrase(14.4167, 21) == "14.4 of 21 points"

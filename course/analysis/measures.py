"""The numbers of item analysis, on plain lists of marks: pure functions over the stdlib ``statistics``.

The discrimination index and the discriminative efficiency follow Moodle's quiz statistics report
(``question/classes/statistics/questions/calculator.php``): with ``x`` the marks one question earned
and ``rest`` the marks the rest of each attempt earned, both sample (n - 1) moments,

- discrimination index = cov(x, rest) / sqrt(var(x) var(rest)), Pearson's r (the point-biserial
  correlation when the question is marked right or wrong); Moodle prints it times 100;
- discriminative efficiency = cov(x, rest) / cov_max, where cov_max pairs the sorted ``x`` with the
  sorted ``rest`` (the largest covariance those marks could have).

Each returns ``None`` where Moodle shows nothing: fewer than two attempts or a zero denominator.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence

HISTOGRAM_BINS = 10


def mean(values: Sequence[float]) -> float | None:
    """The arithmetic mean, ``None`` for no values."""
    return statistics.fmean(values) if values else None


def median(values: Sequence[float]) -> float | None:
    """The median, ``None`` for no values."""
    return float(statistics.median(values)) if values else None


def sample_sd(values: Sequence[float]) -> float | None:
    """The sample standard deviation (n - 1), ``None`` for fewer than two values."""
    return statistics.stdev(values) if len(values) >= 2 else None


def discrimination_index(x: Sequence[float], rest: Sequence[float]) -> float | None:
    """Pearson's r between a question's marks and the marks of the rest of each attempt (see the module)."""
    _same_length(x, rest)
    if len(x) < 2:
        return None
    spread = statistics.variance(x) * statistics.variance(rest)
    if spread <= 0:
        return None
    return _clamped(statistics.covariance(x, rest) / spread**0.5)


def discriminative_efficiency(x: Sequence[float], rest: Sequence[float]) -> float | None:
    """cov(x, rest) over the largest covariance the same marks could have (see the module)."""
    _same_length(x, rest)
    if len(x) < 2:
        return None
    largest = statistics.covariance(sorted(x), sorted(rest))
    if largest <= 0:
        return None
    return _clamped(statistics.covariance(x, rest) / largest)


def cronbach_alpha(rows: Sequence[Sequence[float]]) -> float | None:
    """Cronbach's alpha of a table of marks, one row per attempt and one column per question.

    alpha = k / (k - 1) * (1 - sum of the questions' variances / variance of the row totals), all
    sample variances. ``None`` with fewer than two questions or two attempts, or when the totals do
    not vary (every attempt scored the same).
    """
    if len(rows) < 2 or not rows[0] or len(rows[0]) < 2:
        return None
    k = len(rows[0])
    if any(len(row) != k for row in rows):
        raise ValueError("every row of marks needs one mark per question")
    total_variance = statistics.variance([sum(row) for row in rows])
    if total_variance <= 0:
        return None
    item_variances = sum(statistics.variance([row[i] for row in rows]) for i in range(k))
    return k / (k - 1) * (1 - item_variances / total_variance)


def histogram(fractions: Sequence[float], bins: int = HISTOGRAM_BINS) -> tuple[int, ...]:
    """How many scores (fractions 0..1) fall in each of ``bins`` equal bins; the last bin holds 1.0.

    A score on a boundary goes to the bin above it (0.3 in 30–40%), computed on the percentage
    rounded to 9 places so that 0.3 is not taken for 0.29999….
    """
    counts = [0] * bins
    for fraction in fractions:
        share = min(1.0, max(0.0, fraction))
        index = int(round(share * 100, 9) // (100 / bins))
        counts[min(index, bins - 1)] += 1
    return tuple(counts)


def _same_length(x: Sequence[float], rest: Sequence[float]) -> None:
    if len(x) != len(rest):
        raise ValueError(f"need one rest-of-attempt mark per question mark ({len(x)} against {len(rest)})")


def _clamped(value: float) -> float:
    """``value`` within -1..1 (rounding can carry a perfect correlation to 1.0000000000000002)."""
    return max(-1.0, min(1.0, value))

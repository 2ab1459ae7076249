"""What every benchmark shares: side-by-side timing (A B A B, medians, p99), figures, and their output.

A figure is one measured value with its unit and target; ``ok`` says whether this run met the target
(``None`` when the figure is only reported). Benchmarks never fail on a missed target: the suite's
exit status is for crashes only, since absolute times on a shared machine are noise.
"""

from __future__ import annotations

import json
import math
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path


@dataclass
class Figure:
    """One measured value against its target (``target`` a bound: ``value <= target`` is ok)."""

    name: str
    value: float | None
    unit: str
    target: float | None = None
    ok: bool | None = None
    note: str = ""
    extra: dict[str, object] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.ok is None and self.target is not None and self.value is not None:
            self.ok = self.value <= self.target

    def problem(self) -> str | None:
        """What makes this figure malformed (``None`` when it is well formed)."""
        if not isinstance(self.name, str) or not self.name or not isinstance(self.unit, str):
            return "no name, or a unit that is not text"
        for what, number in (("value", self.value), ("target", self.target)):
            if number is not None and (
                isinstance(number, bool) or not isinstance(number, (int, float)) or not math.isfinite(number)
            ):
                return f"its {what} {number!r} is not a finite number"
        if self.ok is not None and not isinstance(self.ok, bool):
            return f"its ok {self.ok!r} is not true, false or null"
        if self.value is None and self.target is not None:
            return "a target but no value"
        return None


def median(values: Sequence[float]) -> float:
    """The median (0.0 for no values)."""
    return statistics.median(values) if values else 0.0


def percentile(values: Sequence[float], fraction: float) -> float:
    """The ``fraction`` (0..1) percentile by the nearest-rank method."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(1, math.ceil(fraction * len(ordered)))
    return ordered[rank - 1]


def timed(run: Callable[[], object]) -> float:
    """The wall time of one call of ``run``, in seconds."""
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def alternate(runs: dict[str, Callable[[], object]], rounds: int) -> dict[str, list[float]]:
    """Each of ``runs`` timed ``rounds`` times, interleaved (A B A B ...), so a busy machine slows all alike."""
    times: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(rounds):
        for name, run in runs.items():
            times[name].append(timed(run))
    return times


def cache_dir() -> Path:
    """Where generated data is kept between runs (never in the repository): ``$BENCH_CACHE`` or the user cache."""
    chosen = os.environ.get("BENCH_CACHE")
    if chosen:
        folder = Path(chosen)
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
        folder = base / "plasticity-course-benchmarks"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def machine() -> dict[str, object]:
    """The machine the figures were measured on."""
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = os.getloadavg() if hasattr(os, "getloadavg") else (0.0, 0.0, 0.0)
    return {
        "nproc": os.cpu_count(),
        "cpu": model or platform.processor(),
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "load_average": [round(x, 2) for x in load],
    }


def _shown(value: float | None) -> str:
    if value is None:
        return "-"
    if value == 0 or abs(value) >= 100:
        return f"{value:.0f}"
    return f"{value:.3g}" if abs(value) < 1 else f"{value:.2f}"


def table(figures: Sequence[Figure]) -> str:
    """The figures as a Markdown table."""
    rows = [["figure", "value", "unit", "target", "ok", "note"]]
    for f in figures:
        verdict = "-" if f.ok is None else ("yes" if f.ok else "NO")
        target = "-" if f.target is None else f"<= {_shown(f.target)}"
        rows.append([f.name, _shown(f.value), f.unit, target, verdict, f.note])
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["| " + " | ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)) + " |" for row in rows]
    lines.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)


def as_json(figures: Sequence[Figure], quick: bool, seconds: float) -> str:
    """One JSON object: the machine, the mode, and every figure."""
    return json.dumps(
        {"quick": quick, "seconds": round(seconds, 2), "machine": machine(), "figures": [asdict(f) for f in figures]},
        indent=2,
    )

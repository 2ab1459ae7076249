"""How long a lesson takes to open in the app at 80x24, as a ratio against a floor.

    python -m benchmarks lesson [--rounds N]

Every lesson of the bundled course is opened from the map (``n`` and ``p`` switch screens the same
way), in the real app on a throw-away store, headless. "Open" ends when the lesson's text (every block) is mounted
and the screen has been laid out and painted once; the clock never includes waiting for the
machine to go idle (between opens the benchmark waits, untimed, for the store writes to finish). The floor is the same round trip for a screen holding one
line of text, so the ratio says how much the lesson itself costs whatever the machine's speed (the
goal: under 100 ms a lesson on an idle machine, which is a ratio of a few times the floor).

Textual is imported only when this benchmark runs, never when the package is imported.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

TARGET_MS = 100.0


async def _idle(pilot: Any, ready: Any) -> None:
    """Untimed: pause (wait for the process to go idle) until ``ready()`` holds."""
    for _ in range(1000):
        await pilot.pause()
        if ready():
            break


async def _until(app: Any, ready: Any) -> None:
    """Timed: yield to the event loop (no idle waits, which measure the machine's load) until
    ``ready()`` holds, then lay out and paint the screen once, as a refresh tick would."""
    for _ in range(20_000):  # 10 s at most
        if ready():
            break
        await asyncio.sleep(0.0005)  # checking costs a DOM query: not on every turn of the loop
    else:
        raise RuntimeError(f"the screen never got ready: {app.screen_stack}")
    app.screen._on_timer_update()


async def _measure(rounds: int, course: Any = None, only: Sequence[str] = ()) -> tuple[dict[str, list[float]], list[float]]:
    from textual.screen import Screen
    from textual.widgets import Footer, Header, Static

    from course.engine import Study
    from course.loading.loader import bundled_course_path, load_course
    from progress_store import Store
    from tui.textual_app.app import make_app
    from tui.textual_app.widgets.lesson_text import LessonText

    class Floor(Screen[None]):
        def compose(self) -> Any:
            yield Header()
            yield Static("One line of text.")
            yield Footer()

    course = course if course is not None else load_course(bundled_course_path())
    lessons = list(only) or [lesson.id for module in course.modules for lesson in module.lessons]
    with tempfile.TemporaryDirectory() as folder:
        store = Store.open(Path(folder) / "bench.db")
        study = Study(course, store.learner("bench", course.info.id))
        study.progress.accept_disclaimer()  # past the first-start disclaimer and the CE activity page,
        if study.ce.activity is not None:  # which come before any lesson
            study.ce.acknowledge()
        study.progress.enter_map()
        app = make_app(course, store, "bench", new_seed=lambda: 1)
        opened: dict[str, list[float]] = {lesson_id: [] for lesson_id in lessons}
        floor: list[float] = []
        async with app.run_test(size=(80, 24)) as pilot:
            await _idle(pilot, lambda: app.screen.id != "_default" and app.writer.pending == 0)
            start_screen = app.screen

            def lesson_ready(lesson_id: str) -> bool:
                screen = app.screen
                if getattr(screen, "lesson_id", None) != lesson_id:
                    return False
                bodies = list(screen.query(LessonText))
                return bool(bodies) and all(body.children and body.is_mounted for body in bodies)

            for _ in range(rounds):
                for lesson_id in lessons:
                    begin = time.perf_counter()
                    app.router.open_lesson(lesson_id)
                    await _until(app, lambda lesson_id=lesson_id: lesson_ready(lesson_id))
                    opened[lesson_id].append(time.perf_counter() - begin)
                    await _idle(pilot, lambda: app.writer.pending == 0)
                    while app.screen is not start_screen:
                        app.pop_screen()
                        await _idle(pilot, lambda: app.writer.pending == 0)
                    begin = time.perf_counter()
                    screen = Floor()
                    app.push_screen(screen)
                    await _until(app, lambda screen=screen: app.screen is screen and screen.is_mounted)
                    floor.append(time.perf_counter() - begin)
                    await _idle(pilot, lambda: True)
                    app.pop_screen()
                    await _idle(pilot, lambda: app.screen is start_screen)
        store.close()
    return opened, floor


def figures(quick: bool = False, rounds: int | None = None, words: int = 5000) -> list[Any]:
    """Opening a lesson of ``words`` words (the bundled course plus that lesson), key press to rendered."""
    from benchmarks.common import Figure, median
    from benchmarks.data import long_lesson_course
    from course.loading.loader import load_course

    rounds = rounds or (2 if quick else 10)
    root, lesson_id = long_lesson_course(words)
    opened, floor = asyncio.run(_measure(rounds, load_course(root), [lesson_id]))
    lesson_ms, floor_ms = median(opened[lesson_id]) * 1000, median(floor) * 1000
    note = f"{words} words, 80x24, median of {rounds} opens alternating with the floor"
    return [
        Figure("lesson.open_5000_words", lesson_ms, "ms", TARGET_MS, note=note),
        Figure("lesson.floor", floor_ms, "ms", note="a screen with one line of text, opened the same way"),
        Figure("lesson.ratio_to_floor", lesson_ms / floor_ms, "x", note="reported"),
    ]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks lesson", description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3, help="times each lesson is opened (median reported)")
    args = parser.parse_args(argv)
    opened, floor = asyncio.run(_measure(args.rounds))
    medians = {lesson_id: statistics.median(times) for lesson_id, times in opened.items()}
    floor_ms = statistics.median(floor) * 1000
    median_ms = statistics.median(medians.values()) * 1000
    slowest_id = max(medians, key=lambda k: medians[k])
    slowest_ms = medians[slowest_id] * 1000
    print(f"Opening a lesson at 80x24 (bundled course, {len(medians)} lessons, median of {args.rounds} opens each)\n")
    print("| what | ms | ratio to the floor |")
    print("|---|---|---|")
    print(f"| floor: a screen with one line of text | {floor_ms:.1f} | 1.0× |")
    print(f"| lesson, median | {median_ms:.1f} | {median_ms / floor_ms:.1f}× |")
    print(f"| lesson, slowest ({slowest_id}) | {slowest_ms:.1f} | {slowest_ms / floor_ms:.1f}× |")
    verdict = "within" if median_ms <= TARGET_MS else "over"
    print(f"\nTarget: {TARGET_MS:.0f} ms a lesson on an idle machine; the median is {verdict} it on this run.")
    return 0

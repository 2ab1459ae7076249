"""The store writer on its own: order, non-blocking delivery, retries with an honest status, contained errors."""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from progress_store import StoreError
from tui.textual_app.store_writer import StoreWriter, WriterStatus


class FakeUI:
    """Collects what the writer delivers; ``run`` plays it as the UI thread would."""

    def __init__(self) -> None:
        self.calls: queue.Queue[Callable[[], None]] = queue.Queue()
        self.statuses: list[WriterStatus] = []
        self.errors: list[BaseException] = []

    def deliver(self, call: Callable[[], None]) -> None:
        self.calls.put(call)

    def run(self, timeout: float = 2.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                self.calls.get(timeout=0.05)()
            except queue.Empty:
                return


@pytest.fixture
def ui() -> FakeUI:
    return FakeUI()


def writer_for(ui: FakeUI, retry: float = 0.01) -> StoreWriter:
    writer = StoreWriter(ui.deliver, ui.statuses.append, ui.errors.append, retry_seconds=retry)
    writer.start()
    return writer


def test_writes_run_in_order_and_results_come_back(ui: FakeUI) -> None:
    writer = writer_for(ui)
    done: list[int] = []
    for n in range(20):
        writer.submit(lambda n=n: n * n, done.append)
    assert writer.wait_idle(2)
    ui.run()
    assert done == [n * n for n in range(20)]
    assert writer.pending == 0


def test_delivery_never_waits_for_the_ui(ui: FakeUI) -> None:
    """Regression: the writer used call_from_thread, which blocks until the UI runs the callback, so
    quitting (the UI waiting for the writer) froze for 10 s and dropped the queued writes."""
    writer = writer_for(ui)
    for _ in range(5):
        writer.submit(lambda: None, lambda _result: None)
    assert writer.wait_idle(1), "nobody runs the UI queue here, and the writes still finish"


def test_a_locked_database_is_retried_with_a_status_saying_since_when(ui: FakeUI) -> None:
    writer = writer_for(ui)
    attempts = []

    def flaky() -> str:
        attempts.append(1)
        if len(attempts) < 4:
            raise StoreError("the progress database is locked by another program")
        return "saved"

    results: list[str] = []
    writer.submit(flaky, results.append)
    assert writer.wait_idle(2)
    ui.run()
    assert results == ["saved"] and len(attempts) == 4
    stuck = [s for s in ui.statuses if s.stuck]
    assert stuck and stuck[0].pending == 1 and stuck[0].failing_since is not None and "locked" in (stuck[0].error or "")
    assert not ui.statuses[-1].stuck and ui.statuses[-1].pending == 0


def test_a_bug_in_a_write_is_reported_and_the_writer_carries_on(ui: FakeUI) -> None:
    writer = writer_for(ui)

    def broken() -> None:
        raise RuntimeError("boom")

    later: list[str] = []
    writer.submit(broken, lambda _r: later.append("never"))
    writer.submit(lambda: "next", later.append)
    assert writer.wait_idle(2)
    ui.run()
    assert [str(e) for e in ui.errors] == ["boom"] and later == ["next"]


def test_wait_idle_times_out_while_a_write_is_stuck_and_abandon_stops_it(ui: FakeUI) -> None:
    writer = writer_for(ui)
    release = threading.Event()

    def locked() -> None:
        if not release.is_set():
            raise StoreError("database is locked")

    writer.submit(locked)
    assert not writer.wait_idle(0.2)
    assert writer.status().stuck
    writer.abandon()
    assert not writer.finish(0.2), "after abandoning, nothing is waited for"


def test_a_database_found_damaged_is_reported_once_and_never_written_again(ui: FakeUI) -> None:
    """Regression: with the events table damaged every save was retried forever and nothing was recorded."""
    from progress_store.errors import DamagedDatabase

    writer = writer_for(ui)
    calls: list[str] = []

    def damaged() -> None:
        calls.append("damaged")
        raise DamagedDatabase(Path("progress.db"), "database disk image is malformed")

    writer.submit(damaged)
    writer.submit(lambda: calls.append("later"))
    assert writer.wait_idle(2), "no endless retrying"
    ui.run()
    assert calls == ["damaged"], "nothing more is written to a damaged file"
    assert len(ui.errors) == 1 and "damaged" in str(ui.errors[0])
    assert writer.status().stuck


def test_the_quit_status_says_what_is_unsaved_why_and_for_how_long() -> None:
    from datetime import datetime, timedelta, timezone

    from tui.textual_app.dialogs.saving import status_line

    now = datetime(2026, 3, 1, 9, 0, tzinfo=timezone.utc)
    assert status_line(WriterStatus(1), now) == "Saving 1 change…"
    stuck = WriterStatus(3, "the progress database is locked by another program", now - timedelta(seconds=7))
    assert status_line(stuck, now) == (
        "3 changes not saved yet (7 s): the progress database is locked by another program."
        " Still trying; the app quits as soon as they are saved."
    )

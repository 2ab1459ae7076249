"""Write to the progress store off the UI thread, in order, and never block or kill the UI.

Every write the app makes goes through one queue served by one daemon thread, so writes keep their
order (an answer is saved before the attempt that holds it is finished) and the UI never waits on
disk. A result goes back to the UI without blocking (``deliver`` posts it). A write that fails with a
``StoreError`` (the database is locked by another program, say) is kept and retried, and the status
says what is unsaved and since when; any other exception is reported and the writer carries on.
Nothing the app has shown as recorded is dropped unless the learner chooses to quit without it.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import partial
from typing import Any

from progress_store import StoreError
from progress_store.errors import DamagedDatabase

RETRY_SECONDS = 0.5

Deliver = Callable[[Callable[[], None]], None]
"""Run a callable on the UI thread later, without waiting for it (thread-safe)."""


@dataclass(frozen=True)
class WriterStatus:
    """What the writer has not saved yet: how many writes, the error holding them up, and since when."""

    pending: int
    error: str | None = None
    failing_since: datetime | None = None

    @property
    def stuck(self) -> bool:
        return self.error is not None


@dataclass
class _Job:
    write: Callable[[], Any]
    done: Callable[[Any], None] | None


class StoreWriter:
    """A FIFO of store writes served by its own thread (:meth:`start`)."""

    def __init__(
        self,
        deliver: Deliver,
        on_status: Callable[[WriterStatus], None],
        on_error: Callable[[BaseException], None],
        retry_seconds: float = RETRY_SECONDS,
    ) -> None:
        self._jobs: queue.Queue[_Job | None] = queue.Queue()
        self._deliver = deliver
        self._on_status = on_status
        self._on_error = on_error
        self._retry_seconds = retry_seconds
        self._lock = threading.Lock()
        self._pending = 0
        self._idle = threading.Condition(self._lock)
        self._error: str | None = None
        self._failing_since: datetime | None = None
        self._abandon = threading.Event()
        self._damaged: DamagedDatabase | None = None
        self._damaged_reported = False
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        """Start serving the queue (once)."""
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="store-writer", daemon=True)
            self._thread.start()

    def submit(self, write: Callable[[], Any], done: Callable[[Any], None] | None = None) -> None:
        """Queue ``write``; ``done(result)`` later runs on the UI thread, once the write is committed."""
        with self._lock:
            self._pending += 1
        self._jobs.put(_Job(write, done))

    @property
    def pending(self) -> int:
        """How many writes are queued or in progress."""
        with self._lock:
            return self._pending

    def status(self) -> WriterStatus:
        with self._lock:
            return WriterStatus(self._pending, self._error, self._failing_since)

    def wait_idle(self, timeout: float | None = None) -> bool:
        """Block (never on the UI thread) until every queued write is done; ``False`` on timeout."""
        deadline = None if timeout is None else time.monotonic() + timeout
        with self._idle:
            while self._pending:
                left = None if deadline is None else deadline - time.monotonic()
                if left is not None and left <= 0:
                    return False
                self._idle.wait(left)
            return True

    def finish(self, timeout: float = 30.0) -> bool:
        """After the UI has gone: let the writes still queued reach the disk (unless abandoned)."""
        return not self._abandon.is_set() and self.wait_idle(timeout)

    def abandon(self) -> None:
        """Stop retrying: the learner chose to quit without the writes that cannot be saved."""
        self._abandon.set()
        self._jobs.put(None)

    # the writer thread

    def _run(self) -> None:
        while True:
            job = self._jobs.get()
            if job is None or self._abandon.is_set():
                return
            try:
                result = self._perform(job)
            except _Abandoned:
                return
            except DamagedDatabase as error:
                self._finish_job()
                if self._damaged_reported is False:  # said once; later writes are dropped without a word
                    self._damaged_reported = True
                    self._deliver(partial(self._on_error, error))
                continue
            except Exception as error:  # a bug in a write: report it, keep serving the queue
                self._finish_job()
                self._deliver(partial(self._on_error, error))
                continue
            self._finish_job()
            if job.done is not None:
                self._deliver(partial(job.done, result))

    def _perform(self, job: _Job) -> Any:
        while True:
            if self._damaged is not None:
                raise self._damaged
            try:
                result = job.write()
            except DamagedDatabase as error:  # retrying cannot help, and the file must not be written again
                with self._lock:
                    self._damaged = error
                    self._error = str(error)
                    self._failing_since = self._failing_since or datetime.now(timezone.utc)
                raise
            except StoreError as error:
                self._failed(str(error))
                if self._abandon.wait(self._retry_seconds):
                    raise _Abandoned from error
                continue
            self._recovered()
            return result

    def _finish_job(self) -> None:
        with self._idle:
            self._pending -= 1
            if self._pending == 0:
                self._idle.notify_all()
        self._report()

    def _failed(self, error: str) -> None:
        with self._lock:
            first = self._error is None
            self._error = error
            if self._failing_since is None:
                self._failing_since = datetime.now(timezone.utc)
        if first:
            self._report()

    def _recovered(self) -> None:
        with self._lock:
            was_failing = self._error is not None
            self._error = None
            self._failing_since = None
        if was_failing:
            self._report()

    def _report(self) -> None:
        self._deliver(partial(self._on_status, self.status()))


class _Abandoned(Exception):
    """The learner quit without the writes that could not be saved."""

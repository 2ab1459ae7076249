"""The schema, as sqlite-utils migrations, and the checks run before applying them.

Never edit a released migration: add a new ``@_migration`` function below the last one.

Reading which steps are applied is plain SQL on the bookkeeping table sqlite-utils keeps
(``_sqlite_migrations``), so opening a database whose schema is current never imports sqlite-utils
(about 40 ms of a start): it is imported only to apply a step (``apply_pending``, ``migrations``).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from progress_store.errors import StoreError

if TYPE_CHECKING:
    from sqlite_utils import Database
    from sqlite_utils.migrations import Migrations

MIGRATION_SET = "plasticity-course"
MIGRATIONS_TABLE = "_sqlite_migrations"  # sqlite-utils' ``Migrations.migrations_table``
MIGRATION_NAMES: list[str] = []  # every migration this version knows, in order
_STEPS: list[Callable[[Database], None]] = []


class HasConnection(Protocol):
    """Anything holding an open sqlite3 connection: sqlite-utils' ``Database``, ``connection.Connection``."""

    @property
    def conn(self) -> sqlite3.Connection: ...


def _migration(fn: Callable[[Database], None]) -> Callable[[Database], None]:
    """Remember ``fn`` as the next schema step (registered with sqlite-utils when first needed)."""
    MIGRATION_NAMES.append(fn.__name__)
    _STEPS.append(fn)
    return fn


@cache
def _migration_set() -> Migrations:
    """The sqlite-utils migration set holding every step, built (and sqlite-utils imported) once."""
    from sqlite_utils.migrations import Migrations

    steps = Migrations(MIGRATION_SET)
    for fn in _STEPS:
        steps()(fn)
    return steps


def __getattr__(name: str) -> Migrations:
    """``migrations``: the sqlite-utils migration set, built on first use."""
    if name == "migrations":
        return _migration_set()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


_M001 = [
    """CREATE TABLE learners (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL
    )""",
    """CREATE TABLE lesson_progress (
        learner_id INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
        course_id TEXT NOT NULL,
        lesson_id TEXT NOT NULL,
        status TEXT CHECK (status IN ('started', 'done')),
        first_opened_at TEXT,
        completed_at TEXT,
        scroll_y REAL NOT NULL DEFAULT 0.0,
        PRIMARY KEY (learner_id, course_id, lesson_id)
    )""",
    """CREATE TABLE positions (
        learner_id INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
        course_id TEXT NOT NULL,
        screen TEXT NOT NULL,
        target_id TEXT,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (learner_id, course_id)
    )""",
    """CREATE TABLE attempts (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        learner_id INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
        course_id TEXT NOT NULL,
        quiz_id TEXT NOT NULL,
        seed INTEGER NOT NULL,
        question_ids TEXT NOT NULL,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        score REAL,
        max_score REAL,
        passed INTEGER CHECK (passed IN (0, 1))
    )""",
    "CREATE INDEX attempts_by_quiz ON attempts (learner_id, course_id, quiz_id, finished_at)",
    """CREATE TABLE answers (
        attempt_id INTEGER NOT NULL REFERENCES attempts(id) ON DELETE CASCADE,
        question_id TEXT NOT NULL,
        response TEXT NOT NULL,
        score REAL NOT NULL,
        max_score REAL NOT NULL,
        correct INTEGER NOT NULL CHECK (correct IN (0, 1)),
        answered_at TEXT NOT NULL,
        PRIMARY KEY (attempt_id, question_id)
    )""",
    """CREATE TABLE events (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        learner_id INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
        course_id TEXT NOT NULL,
        verb TEXT NOT NULL,
        object_type TEXT NOT NULL,
        object_id TEXT NOT NULL,
        attempt_id INTEGER REFERENCES attempts(id) ON DELETE CASCADE,
        result TEXT,
        at TEXT NOT NULL
    )""",
    "CREATE INDEX events_by_learner ON events (learner_id, course_id, id)",
    "CREATE INDEX events_by_attempt ON events (attempt_id)",
    """CREATE TRIGGER events_append_only BEFORE UPDATE ON events
       BEGIN SELECT RAISE(ABORT, 'events are append-only'); END""",
]


@_migration
def m001_initial(db: Database) -> None:
    """Learners, lesson progress, resume positions, quiz attempts and answers, and the event log."""
    for statement in _M001:
        db.execute(statement)


_M002 = [
    """CREATE TABLE review_cards (
        learner_id INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
        course_id TEXT NOT NULL,
        card_id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('question', 'term')),
        card_json TEXT NOT NULL,
        due TEXT NOT NULL,
        created_at TEXT NOT NULL,
        last_review_at TEXT,
        reps INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (learner_id, course_id, card_id)
    )""",
    "CREATE INDEX review_cards_by_due ON review_cards (learner_id, course_id, due)",
    """CREATE TABLE review_log (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        learner_id INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
        course_id TEXT NOT NULL,
        card_id TEXT NOT NULL,
        rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 4),
        source TEXT NOT NULL CHECK (source IN ('quiz', 'review')),
        log_json TEXT NOT NULL,
        reviewed_at TEXT NOT NULL,
        FOREIGN KEY (learner_id, course_id, card_id) REFERENCES review_cards (learner_id, course_id, card_id)
    )""",
    "CREATE INDEX review_log_by_card ON review_log (learner_id, course_id, card_id, id)",
    """CREATE TRIGGER review_log_append_only BEFORE UPDATE ON review_log
       BEGIN SELECT RAISE(ABORT, 'the review log is append-only'); END""",
    """CREATE TABLE settings (
        learner_id INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
        key TEXT NOT NULL,
        value TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (learner_id, key)
    )""",
    "ALTER TABLE attempts ADD COLUMN kind TEXT NOT NULL DEFAULT 'full' CHECK (kind IN ('full', 'retry'))",
]


@_migration
def m002_review(db: Database) -> None:
    """Spaced review cards and their log, per-learner settings, and full vs retry attempts."""
    for statement in _M002:
        db.execute(statement)


_M003 = [
    """CREATE TABLE notes (
        learner_id INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
        course_id TEXT NOT NULL,
        lesson_id TEXT NOT NULL,
        text TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (learner_id, course_id, lesson_id)
    )""",
    "CREATE INDEX notes_by_updated ON notes (learner_id, course_id, updated_at)",
    """CREATE TABLE bookmarks (
        learner_id INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
        course_id TEXT NOT NULL,
        lesson_id TEXT NOT NULL,
        created_at TEXT NOT NULL,
        PRIMARY KEY (learner_id, course_id, lesson_id)
    )""",
    """CREATE TABLE study_time (
        learner_id INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
        course_id TEXT NOT NULL,
        day TEXT NOT NULL,
        object_type TEXT NOT NULL,
        object_id TEXT NOT NULL,
        seconds REAL NOT NULL DEFAULT 0.0 CHECK (seconds >= 0),
        PRIMARY KEY (learner_id, course_id, day, object_type, object_id)
    )""",
]


@_migration
def m003_notes(db: Database) -> None:
    """Private lesson notes, bookmarks, and study time per UTC day and object."""
    for statement in _M003:
        db.execute(statement)


_M004 = [
    "ALTER TABLE attempts ADD COLUMN version INTEGER NOT NULL DEFAULT 0",
]


@_migration
def m004_attempt_versions(db: Database) -> None:
    """A version on each attempt, bumped by every answer and by finishing it: two windows on one
    attempt cannot overwrite each other's answers (optimistic concurrency)."""
    for statement in _M004:
        db.execute(statement)


_M005 = [
    "ALTER TABLE lesson_progress ADD COLUMN scroll_anchor TEXT",
]


@_migration
def m005_scroll_anchor(db: Database) -> None:
    """Where the learner stopped reading as a block and a fraction of it (JSON ``{"block": n, "within": f}``),
    which survives a change of terminal width; NULL in rows written before, whose ``scroll_y`` (rows) is
    the fallback."""
    for statement in _M005:
        db.execute(statement)


_M006 = [
    "ALTER TABLE study_time ADD COLUMN engaged_seconds REAL NOT NULL DEFAULT 0.0 CHECK (engaged_seconds >= 0)",
    """CREATE TABLE ce_acknowledgments (
        learner_id INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
        course_id TEXT NOT NULL,
        course_version TEXT NOT NULL,
        acknowledged_at TEXT NOT NULL,
        PRIMARY KEY (learner_id, course_id)
    )""",
    """CREATE TABLE ce_evaluations (
        learner_id INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
        course_id TEXT NOT NULL,
        answers TEXT NOT NULL,
        submitted_at TEXT NOT NULL,
        PRIMARY KEY (learner_id, course_id)
    )""",
    """CREATE TABLE ce_attestations (
        learner_id INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
        course_id TEXT NOT NULL,
        hours REAL NOT NULL CHECK (hours > 0),
        own_time INTEGER NOT NULL CHECK (own_time = 1),
        attested_at TEXT NOT NULL,
        PRIMARY KEY (learner_id, course_id)
    )""",
    """CREATE TABLE ce_certificates (
        certificate_id TEXT PRIMARY KEY,
        learner_id INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
        course_id TEXT NOT NULL,
        payload TEXT NOT NULL,
        issued_at TEXT NOT NULL,
        UNIQUE (learner_id, course_id)
    )""",
    """CREATE TRIGGER ce_certificates_immutable BEFORE UPDATE ON ce_certificates
       BEGIN SELECT RAISE(ABORT, 'an issued certificate never changes'); END""",
]


@_migration
def m006_ce(db: Database) -> None:
    """The clinician track: engaged seconds beside study time (0 in rows written before, which were
    counted without idle detection), the acknowledgment of the activity page, evaluation answers, the
    attestation of credit, and issued certificates (their signed payload, never changed)."""
    for statement in _M006:
        db.execute(statement)


_M007 = [
    """CREATE TABLE xapi_queue (
        statement_id TEXT PRIMARY KEY,
        learner_id INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
        course_id TEXT NOT NULL,
        event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        statement TEXT NOT NULL,
        queued_at TEXT NOT NULL,
        sent_at TEXT,
        lrs TEXT,
        CHECK ((sent_at IS NULL) = (lrs IS NULL))
    )""",
    "CREATE INDEX xapi_queue_pending ON xapi_queue (sent_at, event_id)",
]


@_migration
def m007_xapi_queue(db: Database) -> None:
    """The xAPI outbox of ``course push``: each statement projected from an event, queued once (its id
    is derived from the event) and marked sent, with the LRS it went to, only after that LRS accepted it."""
    for statement in _M007:
        db.execute(statement)


_M008 = [
    # best_scaled: one probe per quiz for its best score (the expression must match attempts._SCALED).
    "CREATE INDEX attempts_best ON attempts (learner_id, course_id, quiz_id,"
    " (CASE WHEN max_score > 0 THEN score / max_score ELSE 0.0 END)) WHERE finished_at IS NOT NULL AND kind = 'full'",
    # recent_scaled: the last finished full attempts' scores, read from the index alone.
    "CREATE INDEX attempts_finished ON attempts (learner_id, course_id, kind, finished_at, id, score, max_score)",
    # seconds_by_object: a lesson's or quiz's study time without visiting every day's row.
    "CREATE INDEX study_time_by_object ON study_time (learner_id, course_id, object_type, object_id, seconds)",
]


@_migration
def m008_dashboard_indexes(db: Database) -> None:
    """Indexes for the dashboard's figures, so the map opens as fast with a million answers stored as with none."""
    for statement in _M008:
        db.execute(statement)


_M009 = [
    """CREATE TABLE xapi_sent (
        statement_id TEXT NOT NULL REFERENCES xapi_queue(statement_id) ON DELETE CASCADE,
        lrs TEXT NOT NULL,
        sent_at TEXT NOT NULL,
        PRIMARY KEY (statement_id, lrs)
    )""",
    "INSERT INTO xapi_sent (statement_id, lrs, sent_at)"
    " SELECT statement_id, lrs, sent_at FROM xapi_queue WHERE sent_at IS NOT NULL",
]


@_migration
def m009_xapi_sent_per_lrs(db: Database) -> None:
    """Which LRS accepted which statement, one row each, so pushing to a second LRS sends it everything
    (m007 kept one LRS a statement). Rows sent before are carried over; xapi_queue's sent_at and lrs
    columns are no longer written."""
    for statement in _M009:
        db.execute(statement)


def applied_names(db: HasConnection) -> list[str]:
    """Names of this set's migrations already applied to ``db``, in order (what sqlite-utils'
    ``Migrations.applied`` reads, read with sqlite3)."""
    conn = db.conn
    if conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [MIGRATIONS_TABLE]).fetchone() is None:
        return []
    rows = conn.execute(f"SELECT name FROM [{MIGRATIONS_TABLE}] WHERE migration_set = ? ORDER BY rowid", [MIGRATION_SET])
    return [row[0] for row in rows.fetchall()]


def check_compatible(db: HasConnection, path: Path) -> None:
    """Refuse a database of another program, or one written by a newer version of this one."""
    applied = applied_names(db)
    unknown = [name for name in applied if name not in MIGRATION_NAMES]
    if unknown:
        raise StoreError(
            f"{path} was written by a newer version of plasticity-course"
            f" (unknown schema step {unknown[0]}); upgrade plasticity-course to use it"
        )
    if not applied and _foreign_tables(db.conn):
        raise StoreError(f"{path} is not a progress database (it holds the tables of another program)")


def needs_migrating(db: HasConnection) -> bool:
    """Whether any migration is still to be applied."""
    applied = set(applied_names(db))
    return any(name not in applied for name in MIGRATION_NAMES)


def apply_pending(db: HasConnection) -> None:
    """Apply pending migrations; call inside a write transaction so two processes cannot race."""
    from sqlite_utils import Database

    _migration_set().apply(db if isinstance(db, Database) else Database(db.conn, execute_plugins=False))


def _foreign_tables(conn: sqlite3.Connection) -> list[str]:
    """User tables that are not the migrations bookkeeping table."""
    rows = conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name != ?",
        [MIGRATIONS_TABLE],
    ).fetchall()
    return [row[0] for row in rows]

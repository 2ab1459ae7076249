"""The xAPI outbox per LRS (m009): what one LRS accepted is not sent to it again, a second LRS gets
everything, and statements marked sent before m009 stay sent to the LRS that took them."""

from __future__ import annotations

from pathlib import Path

from course.xapi.statements import project_events
from progress_store import LearnerProgress, Store, xapi_queue
from progress_store.connection import open_database
from progress_store.migrations import migrations
from tests.helpers.clock import FakeClock

A, B = "https://a.example.org/xAPI/statements", "https://b.example.org/xAPI/statements"


def queue_lesson(progress: LearnerProgress) -> list[str]:
    progress.open_lesson("neurons")
    progress.complete_lesson("neurons")
    xapi_queue.enqueue(progress, project_events(xapi_queue.events(progress)))
    return [item.statement_id for item in xapi_queue.pending(progress, A)]


def test_each_lrs_gets_every_statement_once(ann: LearnerProgress) -> None:
    ids = queue_lesson(ann)
    assert len(ids) == 2
    xapi_queue.mark_sent(ann, ids[:1], A)
    assert [q.statement_id for q in xapi_queue.pending(ann, A)] == ids[1:]
    assert [q.statement_id for q in xapi_queue.pending(ann, B)] == ids, "a second LRS gets everything"
    xapi_queue.mark_sent(ann, ids, A)
    xapi_queue.mark_sent(ann, ids, A)  # marking twice changes nothing
    assert xapi_queue.pending(ann, A) == [] and xapi_queue.sent_ids(ann, A) == set(ids)
    assert xapi_queue.sent_ids(ann, B) == set()
    to_a, to_b = xapi_queue.status(ann, A), xapi_queue.status(ann, B)
    assert (to_a.queued, to_a.sent, to_a.last_lrs) == (0, 2, A)
    assert (to_b.queued, to_b.sent, to_b.last_lrs, to_b.last_sent_at) == (2, 0, None, None)
    xapi_queue.mark_sent(ann, ids[:1], B)
    overall = xapi_queue.status(ann)
    assert (overall.queued, overall.sent) == (0, 2)
    assert sorted((entry.lrs, entry.sent) for entry in overall.by_lrs) == [(A, 2), (B, 1)]


def test_statements_sent_before_m009_stay_sent_to_their_lrs(tmp_path: Path, clock: FakeClock) -> None:
    path = tmp_path / "progress.db"
    db = open_database(path)
    migrations.apply(db, stop_before="m009_xapi_sent_per_lrs")
    at = "2025-03-01T09:30:00+00:00"
    db.conn.execute("INSERT INTO learners (id, name, created_at) VALUES (1, 'ann', ?)", [at])
    for event_id, verb in ((1, "opened"), (2, "completed")):
        db.conn.execute(
            "INSERT INTO events (id, learner_id, course_id, verb, object_type, object_id, at)"
            " VALUES (?, 1, 'mini', ?, 'lesson', 'neurons', ?)",
            [event_id, verb, at],
        )
    db.conn.execute(
        "INSERT INTO xapi_queue (statement_id, learner_id, course_id, event_id, statement, queued_at, sent_at, lrs)"
        " VALUES ('s1', 1, 'mini', 1, '{}', ?, ?, ?), ('s2', 1, 'mini', 2, '{}', ?, NULL, NULL)",
        [at, at, A, at],
    )
    db.conn.commit()
    db.close()
    with Store.open(path, clock=clock) as store:
        ann = store.learner("ann", "mini")
        assert xapi_queue.sent_ids(ann, A) == {"s1"}
        assert [q.statement_id for q in xapi_queue.pending(ann, A)] == ["s2"]
        assert [q.statement_id for q in xapi_queue.pending(ann, B)] == ["s1", "s2"]
        assert xapi_queue.status(ann).by_lrs[0].last_sent_at == at

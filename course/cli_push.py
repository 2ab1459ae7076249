"""``course push``: send the learners' xAPI statements to a Learning Record Store.

The statements are projected from the event log (:mod:`course.xapi.statements`), queued in the store
(:mod:`progress_store.xapi_queue`) and marked sent only once the LRS accepted them, so a push that
stops half way sends the rest next time and sending twice never duplicates. Credentials come from
``--user/--password`` or ``--token``, a 0600 TOML file (``--credentials``), or the environment
(``COURSE_LRS_USER``, ``COURSE_LRS_PASSWORD``, ``COURSE_LRS_TOKEN``); none is ever printed. The HTTP
client is :mod:`course.lrs_client` (network IO stays at the composition root). See docs/xapi.md.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from course.cli_context import EXIT_OK, EXIT_PROBLEMS, CommandError, load_course, open_store
from course.cli_export import projection
from course.cli_lrs import add_lrs_options, check_credential_options, lrs_address, lrs_client
from course.cli_options import OptionAdder

if TYPE_CHECKING:
    from course.xapi.statements import Projection
    from progress_store.learner import LearnerProgress
    from progress_store.xapi_queue import Queued


def add_parsers(commands: Any, options: OptionAdder) -> None:
    """Add ``push`` to the ``course`` sub-parsers."""
    push = commands.add_parser(
        "push",
        help="send the learners' xAPI statements not yet sent to a Learning Record Store",
        description="Project the event log to xAPI 1.0.3 statements, queue the new ones in the progress store and "
        "POST them in batches to LRS/statements, retrying on 429, 5xx and network errors; a statement is marked sent "
        "only when the LRS accepted it. Credentials: --user/--password or --token, --credentials FILE (mode 0600, TOML "
        "with user/password or token), or $COURSE_LRS_USER/$COURSE_LRS_PASSWORD/$COURSE_LRS_TOKEN. "
        "Exit 0 when everything was sent, 1 when the LRS refused or could not be reached, 2 for usage errors.",
    )
    add_lrs_options(push, "the LRS's xAPI endpoint, e.g. https://lrs.example.org/xAPI")
    only_look = push.add_mutually_exclusive_group()
    only_look.add_argument("--dry-run", action="store_true", help="print what would be sent (JSON Lines) and send nothing")
    only_look.add_argument("--status", action="store_true", help="print how many statements are queued and sent")
    push.add_argument("--batch-size", type=int, default=100, metavar="N", help="statements per request (default: %(default)s)")
    options(push, ("course", "db", "learner"))


def run(args: argparse.Namespace) -> int | None:
    """Run ``course push``; ``None`` for any other command."""
    if args.command != "push":
        return None
    return _push(args)


def _push(args: argparse.Namespace) -> int:
    """Check the options, then send (or show) each learner's statements; the store is never created."""
    from course.lrs_client import LrsError
    from progress_store import StoreError

    if not args.status and not args.lrs:
        raise CommandError("name the LRS with --lrs URL (or ask for --status)")
    if args.batch_size < 1:
        raise CommandError("--batch-size must be at least 1")
    check_credential_options(args)
    target = lrs_address(args.lrs) if args.lrs else None
    course = load_course(args.course)
    iris = projection(getattr(args, "base_iri", None))
    client = lrs_client(args) if args.lrs and not args.status else None
    store = open_store(args.db, create=False, upgrade=True)  # it writes its queue: an old schema is upgraded
    try:
        learners = _learners(store.learners(), args.learner, store.path)
        failed = False
        for name in learners:
            progress = store.learner(name, course.info.id)
            if args.status:
                _print_status(progress, target)
            elif args.dry_run:
                _dry_run(progress, iris, target, args.batch_size)
            else:
                assert client is not None
                failed |= not _send(progress, iris, client, args.batch_size, LrsError)
    except StoreError as error:
        raise CommandError(str(error), EXIT_PROBLEMS) from None
    finally:
        store.close()
    return EXIT_PROBLEMS if failed else EXIT_OK


def _learners(known: list[str], wanted: str | None, path: Path) -> list[str]:
    if wanted is None:
        return known
    if wanted not in known:
        raise CommandError(f"no learner named {wanted!r} in {path}")
    return [wanted]


def _queue_new(progress: LearnerProgress, projection: Projection) -> int:
    from course.xapi.statements import project_events
    from progress_store import xapi_queue

    return xapi_queue.enqueue(progress, project_events(xapi_queue.events(progress), projection))


def _send(progress: LearnerProgress, projection: Projection, client: Any, batch_size: int, lrs_error: type[Exception]) -> bool:
    """Queue the new statements, then send every one not yet sent; False after an LRS error."""
    from progress_store import xapi_queue

    _queue_new(progress, projection)
    sent = 0
    while batch := xapi_queue.pending(progress, client.url, batch_size):
        try:
            _post(client, batch)
        except lrs_error as error:
            left = xapi_queue.status(progress, client.url).queued
            print(f"course: error: {error}; {left} statement(s) of {progress.learner} stay queued", file=sys.stderr)
            return False
        xapi_queue.mark_sent(progress, [item.statement_id for item in batch], client.url)
        sent += len(batch)
    print(f"{progress.learner}: sent {sent} statement(s) to {client.url}")
    return True


def _post(client: Any, batch: list[Queued]) -> None:
    """POST the batch; on 409 (some were stored by a push cut before it marked them), send only the others."""
    from course.lrs_client import LrsConflict

    try:
        client.post([item.data() for item in batch])
    except LrsConflict:
        missing = [item.data() for item in batch if not client.has(item.statement_id)]
        if missing:
            client.post(missing)


def _dry_run(progress: LearnerProgress, projection: Projection, lrs: str | None, batch_size: int) -> None:
    """Print the statements that would go, as JSON Lines, and a count on stderr; nothing is written."""
    from course.xapi.statements import project_events, to_json_lines
    from progress_store import xapi_queue

    assert lrs is not None
    sent = xapi_queue.sent_ids(progress, lrs)
    statements = [s for _, s in project_events(xapi_queue.events(progress), projection) if s["id"] not in sent]
    sys.stdout.write(to_json_lines(statements))
    batches = -(-len(statements) // batch_size)
    print(f"{progress.learner}: would send {len(statements)} statement(s) to {lrs} in {batches} request(s)", file=sys.stderr)


def _print_status(progress: LearnerProgress, lrs: str | None) -> None:
    """Queued and sent (for ``lrs``, or overall and then a line for every LRS that accepted some)."""
    from progress_store import xapi_queue

    state = xapi_queue.status(progress, lrs)
    last = f"; last sent {state.last_sent_at} to {state.last_lrs}" if state.last_sent_at else ""
    unqueued = len(xapi_queue.events(progress))
    print(f"{progress.learner}: {state.queued} queued, {state.sent} sent{last} ({unqueued} events in the log)")
    if lrs is None and len(state.by_lrs) > 1:
        for entry in state.by_lrs:
            print(f"  {entry.lrs}: {entry.sent} sent, last {entry.last_sent_at}")

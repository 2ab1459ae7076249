"""``course push``: send the learners' xAPI statements to a Learning Record Store; and the CSV and xAPI
formats of ``course export``.

The statements are projected from the event log (:mod:`course.xapi.statements`), queued in the store
(:mod:`progress_store.xapi_queue`) and marked sent only once the LRS accepted them, so a push that
stops half way sends the rest next time and sending twice never duplicates. Credentials come from
``--user/--password`` or ``--token``, a 0600 TOML file (``--credentials``), or the environment
(``COURSE_LRS_USER``, ``COURSE_LRS_PASSWORD``, ``COURSE_LRS_TOKEN``); none is ever printed. See docs/xapi.md.
"""

from __future__ import annotations

import argparse
import os
import stat
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from course.cli_options import OptionAdder

if TYPE_CHECKING:
    from course.domain.models import Course
    from course.xapi.lrs import Credentials
    from course.xapi.statements import Projection
    from progress_store import Store
    from progress_store.learner import LearnerProgress
    from progress_store.xapi_queue import Queued

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
BASE_ENV = "COURSE_XAPI_BASE"


class CommandError(Exception):
    """A one-line ``course: error:`` with its exit code."""

    def __init__(self, message: str, code: int = EXIT_USAGE) -> None:
        super().__init__(message)
        self.code = code


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
    push.add_argument("--lrs", metavar="URL", help="the LRS's xAPI endpoint, e.g. https://lrs.example.org/xAPI")
    push.add_argument("--user", help="HTTP Basic user (or $COURSE_LRS_USER)")
    push.add_argument("--password", help="HTTP Basic password (or $COURSE_LRS_PASSWORD; prefer a credentials file)")
    push.add_argument("--token", help="bearer token (or $COURSE_LRS_TOKEN)")
    push.add_argument("--credentials", metavar="FILE", type=Path, help="a TOML file readable by you alone")
    push.add_argument("--dry-run", action="store_true", help="print what would be sent (JSON Lines) and send nothing")
    push.add_argument("--status", action="store_true", help="print how many statements are queued and sent")
    push.add_argument("--batch-size", type=int, default=100, metavar="N", help="statements per request (default: %(default)s)")
    push.add_argument(
        "--base-iri", metavar="IRI", help=f"base of actor and activity IRIs (default: ${BASE_ENV} or a placeholder)"
    )
    options(push, ("course", "db", "learner"))


def run(args: argparse.Namespace) -> int | None:
    """Run ``course push``; ``None`` for any other command."""
    if args.command != "push":
        return None
    try:
        return _push(args)
    except CommandError as error:
        print(f"course: error: {error}", file=sys.stderr)
        return error.code


def _push(args: argparse.Namespace) -> int:
    from course.xapi.lrs import LrsClient, LrsError
    from progress_store import StoreError

    if not args.status and not args.lrs:
        raise CommandError("name the LRS with --lrs URL (or ask for --status)")
    if args.batch_size < 1:
        raise CommandError("--batch-size must be at least 1")
    course = _load_course(args.course)
    projection = _projection(getattr(args, "base_iri", None))
    client = None
    if args.lrs and not args.status:
        try:
            client = LrsClient(args.lrs, _credentials(args))
        except ValueError as error:
            raise CommandError(str(error)) from None
    store = _open_store(args.db)
    try:
        learners = _learners(store.learners(), args.learner, store.path)
        failed = False
        for name in learners:
            progress = store.learner(name, course.info.id)
            if args.status:
                _print_status(progress)
            elif args.dry_run:
                _dry_run(progress, projection, args.lrs, args.batch_size)
            else:
                assert client is not None
                failed |= not _send(progress, projection, client, args.batch_size, LrsError)
    except StoreError as error:
        raise CommandError(str(error), EXIT_PROBLEMS) from None
    finally:
        store.close()
    return EXIT_PROBLEMS if failed else EXIT_OK


def _load_course(path: Path | None) -> Course:
    """The checked course at ``path`` (the bundled one when ``None``)."""
    from course.loading.findings import CourseError
    from course.loading.loader import bundled_course_path, find_course_root, load_course

    target = path or bundled_course_path()
    if not target.exists():
        raise CommandError(f"no such file or folder: {target}")
    root = target if target.is_dir() else find_course_root(target)
    if root is None:
        raise CommandError(f"{target} is not inside a course folder (no course.toml found)")
    try:
        return load_course(root)
    except CourseError as error:
        for finding in error.findings:
            print(finding.format(), file=sys.stderr)
        raise CommandError("the course has errors; fix them and try again (see `course validate`)", EXIT_PROBLEMS) from None


def _open_store(db_path: Path | None) -> Store:
    """The progress store (``--db``, ``$COURSE_DB`` or the user data folder)."""
    from progress_store import Store, StoreError

    db_path = db_path or (Path(os.environ["COURSE_DB"]) if os.environ.get("COURSE_DB") else None)
    try:
        return Store.open(db_path) if db_path else Store.open_default()
    except StoreError as error:
        raise CommandError(str(error)) from None


def _learners(known: list[str], wanted: str | None, path: Path) -> list[str]:
    if wanted is None:
        return known
    if wanted not in known:
        raise CommandError(f"no learner named {wanted!r} in {path}")
    return [wanted]


def _projection(base: str | None) -> Projection:
    from course.xapi.statements import DEFAULT_BASE_IRI, Projection

    try:
        return Projection(base or os.environ.get(BASE_ENV) or DEFAULT_BASE_IRI)
    except ValueError as error:
        raise CommandError(str(error)) from None


def _credentials(args: argparse.Namespace) -> Credentials:
    """Flags first, then the credentials file, then the environment."""
    from course.xapi.lrs import Credentials

    found: dict[str, str | None] = {
        "user": os.environ.get("COURSE_LRS_USER"),
        "password": os.environ.get("COURSE_LRS_PASSWORD"),
        "token": os.environ.get("COURSE_LRS_TOKEN"),
    }
    if args.credentials is not None:
        found.update(_credentials_file(args.credentials))
    for key in ("user", "password", "token"):
        if getattr(args, key) is not None:
            found[key] = getattr(args, key)
    if found["token"] and found["user"] and (args.token or args.user):
        found.update({"user": None, "password": None} if args.token else {"token": None})
    return Credentials(user=found["user"], password=found["password"], token=found["token"])


def _credentials_file(path: Path) -> dict[str, str]:
    """``user``/``password``/``token`` from a TOML file that only its owner can read."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib

    try:
        mode = path.stat().st_mode
        if mode & (stat.S_IRWXG | stat.S_IRWXO):
            raise CommandError(f"{path} is readable by others (mode {stat.S_IMODE(mode):o}); chmod 600 it")
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise CommandError(f"cannot read {path}: {error.strerror}") from None
    except tomllib.TOMLDecodeError:
        raise CommandError(f"{path} is not a TOML file of user/password or token") from None
    unknown = sorted(set(data) - {"user", "password", "token"})
    if unknown or not all(isinstance(v, str) for v in data.values()):
        raise CommandError(f"{path}: only the string keys user, password and token are allowed")
    return {str(k): str(v) for k, v in data.items()}


def _queue_new(progress: LearnerProgress, projection: Projection) -> int:
    from course.xapi.statements import project_events
    from progress_store import xapi_queue

    return xapi_queue.enqueue(progress, project_events(xapi_queue.events(progress), projection))


def _send(progress: LearnerProgress, projection: Projection, client: Any, batch_size: int, lrs_error: type[Exception]) -> bool:
    """Queue the new statements, then send every one not yet sent; False after an LRS error."""
    from progress_store import xapi_queue

    _queue_new(progress, projection)
    sent = 0
    while batch := xapi_queue.pending(progress, batch_size):
        try:
            _post(client, batch)
        except lrs_error as error:
            left = xapi_queue.status(progress).queued
            print(f"course: error: {error}; {left} statement(s) of {progress.learner} stay queued", file=sys.stderr)
            return False
        xapi_queue.mark_sent(progress, [item.statement_id for item in batch], client.url)
        sent += len(batch)
    print(f"{progress.learner}: sent {sent} statement(s) to {client.url}")
    return True


def _post(client: Any, batch: list[Queued]) -> None:
    """POST the batch; on 409 (some were stored by a push cut before it marked them), send only the others."""
    from course.xapi.lrs import LrsConflict

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

    sent = xapi_queue.sent_ids(progress)
    statements = [s for _, s in project_events(xapi_queue.events(progress), projection) if s["id"] not in sent]
    sys.stdout.write(to_json_lines(statements))
    batches = -(-len(statements) // batch_size)
    print(f"{progress.learner}: would send {len(statements)} statement(s) to {lrs} in {batches} request(s)", file=sys.stderr)


def _print_status(progress: LearnerProgress) -> None:
    from progress_store import xapi_queue

    state = xapi_queue.status(progress)
    last = f"; last sent {state.last_sent_at} to {state.last_lrs}" if state.last_sent_at else ""
    unqueued = len(xapi_queue.events(progress))
    print(f"{progress.learner}: {state.queued} queued, {state.sent} sent{last} ({unqueued} events in the log)")


def export_as(fmt: str, progress: LearnerProgress, data: dict[str, Any], output: Path | None, base: str | None = None) -> int:
    """``course export --format csv|xapi``: write the export (``data``) or its statements; the exit code."""
    try:
        if fmt == "xapi":
            from course.xapi.statements import project, to_json_lines
            from progress_store import xapi_queue

            _write(output, to_json_lines(project(xapi_queue.events(progress), _projection(base))))
        else:
            _write_csv(output, data)
    except CommandError as error:
        print(f"course: error: {error}", file=sys.stderr)
        return error.code
    return EXIT_OK


def _write(output: Path | None, text: str) -> None:
    from progress_store import StoreError
    from progress_store.export import write_private_text

    if output is None:
        sys.stdout.write(text)
        return
    try:
        write_private_text(output, text)
    except StoreError as error:
        raise CommandError(str(error)) from None


def _write_csv(output: Path | None, data: dict[str, Any]) -> None:
    """One CSV file a table into the folder ``output``, or into the zip file ``output`` if it ends in ``.zip``."""
    import zipfile

    from course.xapi.records_csv import csv_files

    if output is None:
        raise CommandError("--format csv writes several files: name a folder or a .zip file with --output")
    files = csv_files(data)
    if output.suffix.lower() == ".zip":
        try:
            fd = os.open(output, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "wb") as raw, zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
                for name, text in files.items():
                    archive.writestr(name, text)
        except OSError as error:
            raise CommandError(f"cannot write {output}: {error.strerror}") from None
        return
    try:
        output.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as error:
        raise CommandError(f"cannot create {output}: {error.strerror}") from None
    for name, text in files.items():
        _write(output / name, text)

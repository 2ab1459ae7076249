"""``course serve``: the course for a class in the browser (textual-serve; one app process a visitor).

Every visitor signs in to a learner profile of their own (a name; with ``--require-password`` also a
password, stored hashed beside the database) and studies as that learner only. Progress goes to one
database for the class (``--db``, else ``$COURSE_DB``, else the user data folder) or to one file a learner
(``--db-per-learner DIR``). It listens on 127.0.0.1 unless ``--host`` says otherwise. See docs/deploy.md.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from course.cli_context import EXIT_OK, CommandError, course_path, db_path, load_course, open_store, say
from course.cli_options import OptionAdder


def add_parsers(commands: Any, options: OptionAdder) -> None:
    """Add ``serve`` to the ``course`` sub-parsers."""
    serve = commands.add_parser(
        "serve",
        help="serve the course in the browser for a class, each visitor signed in as their own learner",
        description="Serve the course in web browsers (one app process a visitor). Listens on 127.0.0.1 unless "
        "--host says otherwise; put it behind a reverse proxy with TLS for a class (docs/deploy.md).",
    )
    serve.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default: %(default)s; 0.0.0.0: every interface)"
    )
    serve.add_argument("--port", type=int, default=8000, help="port to listen on (default: %(default)s)")
    serve.add_argument(
        "--require-password", action="store_true", help="each learner signs in with a password (set at their first sign-in)"
    )
    serve.add_argument(
        "--db-per-learner",
        metavar="DIR",
        type=Path,
        help="one progress database a learner in DIR, instead of one for the class (--db)",
    )
    serve.add_argument(
        "--public-url",
        metavar="URL",
        help="the address visitors use, behind a reverse proxy (https://course.example.org): the page's websocket uses it",
    )
    options(serve, ("course", "db"))


def run(args: argparse.Namespace) -> int | None:
    """Check the options, prepare the database, then serve until Ctrl+C or SIGTERM."""
    if args.command != "serve":
        return None
    from course.serve.server import ServeError, ServeOptions, check_address, is_loopback, serve
    from progress_store import StoreError

    db: Path | None = getattr(args, "db", None)
    db_dir: Path | None = args.db_per_learner
    if db is not None and db_dir is not None:
        raise CommandError("give --db or --db-per-learner, not both")
    if args.public_url is not None and not args.public_url.startswith(("http://", "https://")):
        raise CommandError(f"--public-url must start with http:// or https://, not {args.public_url!r}")
    target = course_path(getattr(args, "course", None))
    course = load_course(target)
    try:
        if db_dir is None:
            db = db_path(db)
            db.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            open_store(db, create=True).close()  # create or upgrade the schema once, before visitors share it
        else:
            db_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    except (StoreError, OSError) as error:
        raise CommandError(str(error)) from None
    options = ServeOptions(
        course=target,
        host=args.host,
        port=args.port,
        db=db,
        db_dir=db_dir,
        require_password=args.require_password,
        public_url=args.public_url,
        title=course.info.title,
    )
    try:
        check_address(args.host, args.port)
        if not is_loopback(args.host):
            say(f"course serve: warning: listening on {args.host}: anyone who can reach it can connect")
        serve(options)
    except ServeError as error:
        raise CommandError(str(error)) from None
    return EXIT_OK

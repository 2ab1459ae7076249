"""``course preview DIR``: the app on a course being written, reloaded whenever one of its files changes.

Progress goes to a throwaway database (a temporary file, deleted on exit) unless ``--db`` names one;
``$COURSE_DB`` is not used, so trying a draft never writes into a learner's records. A course that
does not load opens on its located errors, and the app comes up as soon as a save fixes them.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from typing import Any

from course.cli_options import OptionAdder

EXIT_OK, EXIT_USAGE = 0, 2


def add_parsers(commands: Any, options: OptionAdder) -> None:
    """Add ``preview`` to the ``course`` sub-parsers."""
    preview = commands.add_parser(
        "preview",
        help="open the app on a course being written; reload it when a file changes",
        description="Open the app on the course in DIR and reload it each time one of its files is saved, "
        "keeping your place (the same lesson and scroll place, the same quiz question). A file with errors "
        "shows them, located as `course validate` does, until it is fixed. Exit 2 for usage errors.",
    )
    preview.add_argument("dir", type=Path, metavar="DIR", help="the course folder (the one holding course.toml)")
    preview.add_argument(
        "--db",
        metavar="FILE",
        type=Path,
        default=argparse.SUPPRESS,
        help="progress database to use (default: a throwaway one, deleted on exit)",
    )
    options(preview, ("learner",))


def run(args: argparse.Namespace) -> int | None:
    """Run ``course preview``; the exit code (``None``: not this command)."""
    if args.command != "preview":
        return None
    root: Path = args.dir
    if not root.exists():
        return _usage(f"no such folder: {root}")
    if not root.is_dir():
        return _usage(f"{root} is not a folder; give the course folder (the one holding course.toml)")
    if not (root / "course.toml").is_file():
        return _usage(f"{root} is not a course folder (no course.toml)")
    if getattr(args, "plain", False):
        return _usage("the preview needs the full-screen app; it has no --plain mode")
    if args.db is not None:
        return _preview(root.resolve(), args.db, args.learner)
    with tempfile.TemporaryDirectory(prefix="course-preview-") as folder:
        return _preview(root.resolve(), Path(folder) / "progress.db", args.learner)


def _usage(message: str) -> int:
    print(f"course: error: {message}", file=sys.stderr)
    return EXIT_USAGE


def _preview(root: Path, db_path: Path, learner: str | None) -> int:
    """Open the store, load the course (or its findings) and run the app until the author quits."""
    from course.cli_context import open_store
    from course.loading.settings import load_settings
    from tui.textual_app.app import make_app
    from tui.textual_app.preview.session import open_preview

    store = open_store(db_path, create=True)  # the author takes the course: the store may be new
    try:
        course, session = open_preview(root)
        settings, problems = load_settings()
        app = make_app(course, store, learner=learner, settings=settings, settings_problems=problems, preview=session)
        try:
            app.run()
        finally:
            session.stop()
        app.writer.finish()  # quitting drained the writes; this covers an exit that did not
    finally:
        store.close()
    return EXIT_OK

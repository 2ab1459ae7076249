"""One visitor's app process under ``course serve``: sign in, then the course as that learner only.

textual-serve runs ``python -m course.serve.session ...`` once per browser connection. The app is the
ordinary ``CourseApp``; only how the learner is chosen differs: the sign-in screen instead of the profile
picker, and no way to switch afterwards. With ``--db-dir`` every learner has a progress file of their own.
"""

from __future__ import annotations

import argparse
import hashlib
import inspect
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, cast

from course.domain.models import Course
from course.serve.accounts import Accounts
from progress_store import Store, StoreError
from tui.textual_app.app import CourseApp
from tui.textual_app.dialogs.sign_in import SignInScreen

SIGNED_OUT_ACTIONS = frozenset({"quit", "help_quit", "focus_next", "focus_previous"})


def learner_db(folder: Path, name: str) -> Path:
    """A learner's own progress file in ``folder`` (``--db-per-learner``): a readable slug and a hash of the name."""
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:24] or "learner"
    return folder / f"{slug}-{hashlib.sha256(name.encode('utf-8')).hexdigest()[:12]}.db"


class ServedApp(CourseApp):
    """The course app for one visitor: who is learning comes from the sign-in screen, once."""

    CSS_PATH = str(Path(inspect.getfile(CourseApp)).parent / str(CourseApp.CSS_PATH))  # Textual resolves it beside the class

    def __init__(
        self,
        course: Course,
        open_store: Callable[[str], Store],
        authenticator: Accounts | None,
        **options: Any,
    ) -> None:
        # No learner yet ("" leaves the study unset without asking the store who learns here).
        super().__init__(course, cast(Store, None), "", **options)
        self.open_store = open_store
        self.authenticator = authenticator
        self.opened: Store | None = None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Before sign-in only quitting and moving between the fields: no palette, search, help or theme
        (they would reach a course and records that are not anybody's yet)."""
        if self.study is None and action not in SIGNED_OUT_ACTIONS:
            return False
        return super().check_action(action, parameters)

    def open_course(self) -> None:
        """The sign-in screen, never the profile picker: a visitor studies as the learner they signed in as."""
        if self.study is None:
            self.push_screen(SignInScreen(self.course.info.title, self.authenticator), self._start_as)
        else:
            self._start()

    def _start_as(self, learner: str | None) -> None:
        if not learner:
            self.exit()
            return
        try:
            self.store = self.opened = self.open_store(learner)
        except StoreError as error:
            self.notify(f"Your progress cannot be opened: {error}", severity="error", timeout=30)
            return
        super()._start_as(learner)

    def _learner_label(self) -> str:
        """The learner is always named in the header: several people share this server."""
        return f"learner: {self.study.records.learner}" if self.study is not None else ""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m course.serve.session", description=__doc__)
    parser.add_argument("--course", type=Path, required=True, help="the course folder")
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--db", type=Path, help="the class's progress database")
    where.add_argument("--db-dir", type=Path, help="a folder of one progress database a learner")
    parser.add_argument("--require-password", action="store_true")
    return parser


def stores(db: Path | None, db_dir: Path | None) -> Callable[[str], Store]:
    """How a learner's store is opened: the class's one file, or the learner's own file in ``db_dir``."""
    if db is not None:
        return lambda _learner: Store.open(db)
    assert db_dir is not None
    return lambda learner: Store.open(learner_db(db_dir, learner))


def accounts_of(db: Path | None, db_dir: Path | None) -> Accounts:
    """The accounts folder: beside the class database, or ``accounts`` inside the per-learner folder."""
    return Accounts.beside(db) if db is not None else Accounts(cast(Path, db_dir) / "accounts")


def main(argv: Sequence[str] | None = None) -> int:
    """Run one visitor's app; the exit code is 0 unless the course or the store cannot be opened."""
    from course.loading.course_cache import load_course_cached
    from course.loading.findings import CourseError
    from course.loading.settings import Settings

    args = build_parser().parse_args(argv)
    try:
        course = load_course_cached(args.course)  # every visitor's process: checked once, then from the cache
    except CourseError as error:
        print(f"course serve: the course has {len(error.findings)} problem(s)", file=sys.stderr)
        return 1
    authenticator = accounts_of(args.db, args.db_dir) if args.require_password else None
    # The server's own settings file would be every visitor's: a served app uses the defaults.
    app = ServedApp(course, stores(args.db, args.db_dir), authenticator, settings=Settings())
    try:
        app.run()
        app.writer.finish()
    finally:
        if app.opened is not None:
            app.opened.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())

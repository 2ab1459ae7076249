"""What the ``course`` commands share: the course they name, the progress store, the learner, and
one-line errors.

Every command loads its course with :func:`load_course` (``--course`` or the bundled one, located
findings on stderr), opens the store with :func:`open_store` (``--db``, else ``$COURSE_DB``, else the
user data folder; a command that only reads never creates it), picks the learner with
:func:`pick_learner` and stops with :class:`CommandError`, which ``course.cli.main`` prints as one
``course: error:`` line. Nothing heavy is imported until a command runs.
"""

from __future__ import annotations

import contextlib
import os
import sys
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from course.domain.models import Course
    from progress_store import Store
    from progress_store.learner import LearnerProgress

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


class CommandError(Exception):
    """Stop the command: ``course: error: <message>`` on stderr, exit ``code`` (2, a usage error, by default)."""

    def __init__(self, message: str, code: int = EXIT_USAGE) -> None:
        super().__init__(message)
        self.code = code


def say_error(message: str, code: int = EXIT_USAGE) -> int:
    """Print ``course: error: <message>`` as one line (even when stderr is gone); returns ``code``."""
    say(f"course: error: {one_line(message)}")
    return code


def say(line: str) -> None:
    """Print ``line`` on stderr; a stderr that cannot be written is not worth a traceback."""
    with contextlib.suppress(OSError, ValueError):
        print(line, file=sys.stderr, flush=True)


def one_line(text: str) -> str:
    """``text`` on one line, without control characters (a file name may hold escape sequences)."""
    return "".join(ch if unicodedata.category(ch)[0] != "C" else "?" for ch in " ".join(text.split()))


def learner_name(text: str) -> str:
    """The ``--learner`` value, surrounding spaces removed; blank or control characters are refused
    (argparse's ``type``: its error is one line and exit 2, before any front end starts)."""
    import argparse

    name = text.strip()
    if not name:
        raise argparse.ArgumentTypeError("a learner name cannot be empty or only spaces")
    if any(unicodedata.category(ch)[0] == "C" for ch in name):
        raise argparse.ArgumentTypeError("a learner name cannot hold control characters")
    return name


def course_path(path: Path | None) -> Path:
    """The course folder or file to use (the bundled course when ``None``); it must exist."""
    from course.loading.loader import bundled_course_path

    if path is None:
        return bundled_course_path()
    if not path.exists():
        raise CommandError(f"no such file or folder: {path}")
    return path


def load_course(path: Path | None, *, cached: bool = False) -> Course:
    """The checked course at ``path`` (a course folder or a file in one; the bundled course when ``None``).

    ``cached``: through the course cache (:mod:`course.loading.course_cache`), for starting the course;
    what checks a course (``course validate``) never passes it. A course with errors prints every
    finding on stderr, then stops with exit 1."""
    from course.loading.course_cache import load_course_cached
    from course.loading.findings import CourseError
    from course.loading.loader import find_course_root
    from course.loading.loader import load_course as load_checked

    target = course_path(path)
    root = target if target.is_dir() else find_course_root(target)
    if root is None:
        raise CommandError(f"{target} is not inside a course folder (no course.toml found)")
    try:
        return load_course_cached(root) if cached else load_checked(root)
    except CourseError as error:
        for finding in error.findings:
            say(finding.format())
        errors = sum(f.severity == "error" for f in error.findings)
        counts = f"{errors} error(s), {len(error.findings) - errors} warning(s)"
        raise CommandError(
            f"the course has errors ({counts}); fix them and try again (see `course validate`)", EXIT_PROBLEMS
        ) from None


def db_path(given: Path | None) -> Path:
    """The progress file a command uses: ``--db``, else ``$COURSE_DB``, else the user data folder."""
    from progress_store import default_db_path

    return given.expanduser() if given is not None else default_db_path()


def open_store(given: Path | None, *, create: bool, upgrade: bool | None = None) -> Store:
    """The progress store at :func:`db_path`. ``create=False`` for a command that only reads: a missing
    file is a one-line error and nothing is created (no data folder, no database), and an older schema
    is refused unless ``upgrade`` (a command that writes to an existing database)."""
    from progress_store import Store, StoreError

    try:
        if given is not None:
            return Store.open(given, create=create, upgrade=upgrade)
        return Store.open_default(create=create, upgrade=upgrade)
    except StoreError as error:
        raise CommandError(str(error)) from None


def pick_learner(store: Store, wanted: str | None) -> str:
    """The learner ``--learner`` names (they must have records), or the one implied when none was named."""
    from course.engine.learners import implied_learner

    known = store.learners()
    if wanted is None:
        wanted = implied_learner(known)
        if wanted is None:
            raise CommandError(f"several learners in {store.path} ({', '.join(known)}); name one with --learner NAME")
    if wanted not in known:
        raise CommandError(f"no learner named {wanted!r} in {store.path}")
    return wanted


@contextlib.contextmanager
def learner_records(
    course_arg: Path | None, db_arg: Path | None, learner: str | None
) -> Iterator[tuple[Course, LearnerProgress]]:
    """The course and the named (or implied) learner's records in an existing store, closed afterwards."""
    course = load_course(course_arg)
    store = open_store(db_arg, create=False)
    try:
        yield course, store.learner(pick_learner(store, learner), course.info.id)
    finally:
        store.close()


def check_output_file(path: Path) -> None:
    """Refuse, before any work, an output file that cannot be written: a folder, an existing file not
    writable by you, or a new file whose folder is missing, not a folder or not writable."""
    if path.is_dir():
        raise CommandError(f"cannot write {path}: it is a folder")
    if path.exists():
        if not os.access(path, os.W_OK):
            raise CommandError(f"cannot write {path}: permission denied")
        return
    check_output_folder(path.parent, path)


def check_output_folder(folder: Path, shown: Path | None = None) -> None:
    """Refuse an output folder (``shown``: the file in it being written) that is not there or not writable."""
    what = shown if shown is not None else folder
    if not folder.exists():
        raise CommandError(f"cannot write {what}: folder {folder} does not exist")
    if not folder.is_dir():
        raise CommandError(f"cannot write {what}: {folder} is not a folder")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise CommandError(f"cannot write {what}: folder {folder} is not writable")

"""Where the progress database lives unless the user says otherwise."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "plasticity-course"
DB_FILENAME = "progress.db"
ENV_VAR = "COURSE_DB"


def user_data_db_path() -> Path:
    """The per-user default: ``<user data dir>/plasticity-course/progress.db``."""
    return platformdirs.user_data_path(APP_NAME) / DB_FILENAME


def env_db_path() -> Path | None:
    """The path from ``COURSE_DB``, if that variable is set and not empty."""
    value = os.environ.get(ENV_VAR, "").strip()
    return Path(value).expanduser() if value else None


def default_db_path() -> Path:
    """``COURSE_DB`` if set, else the per-user data path."""
    return env_db_path() or user_data_db_path()


def make_private_dirs(folder: Path) -> None:
    """Create ``folder`` and any missing parents, each 0700 whatever the umask; existing ones are left as they are."""
    missing: list[Path] = []
    current = folder
    while not current.exists():
        missing.append(current)
        if current.parent == current:
            break
        current = current.parent
    for path in reversed(missing):
        try:
            path.mkdir(mode=0o700)
        except FileExistsError:
            continue  # created meanwhile by someone else: not ours to change
        os.chmod(path, 0o700)  # mkdir's mode is filtered by the umask

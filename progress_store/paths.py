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

"""Write a certificate or transcript file: readable by its owner only, never replacing a file unless asked."""

from __future__ import annotations

import os
import re
from pathlib import Path

from course.certificates.errors import CertificateError

FILE_MODE = 0o600
UNSAFE_NAME = re.compile(r"[^\w.-]+")


def safe_name(text: str, fallback: str) -> str:
    """``text`` as part of a file name: letters, digits, ``.``, ``_`` and ``-`` only, not starting with a dot."""
    name = UNSAFE_NAME.sub("-", text).strip(".-")[:80]
    return name or fallback


def write_new_file(path: Path, data: bytes, *, force: bool = False) -> None:
    """Write ``data`` to ``path`` whole or not at all (0600 whatever the umask).

    Without ``force`` an existing file is never replaced (``FileExistsError``); with it, it is replaced
    atomically. Other failures raise :class:`CertificateError` with a one-line reason.
    """
    partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
    try:
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
        with os.fdopen(fd, "wb") as file:
            os.fchmod(file.fileno(), FILE_MODE)
            file.write(data)
        if force:
            os.replace(partial, path)
        else:
            place_new(partial, path, data)
    except FileExistsError:
        raise
    except OSError as error:
        raise CertificateError(f"cannot write {path}: {error.strerror}") from error
    finally:
        partial.unlink(missing_ok=True)


def place_new(partial: Path, path: Path, data: bytes) -> None:
    """Give the written file ``partial`` the name ``path`` unless a file has it (``FileExistsError``).

    A hard link does it atomically; where the file system has none, ``data`` is written to ``path``
    opened with ``O_EXCL`` instead.
    """
    try:
        os.link(partial, path)
    except FileExistsError:
        raise
    except OSError:  # no hard links here (some network and FAT file systems)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
        with os.fdopen(fd, "wb") as file:
            os.fchmod(file.fileno(), FILE_MODE)
            file.write(data)

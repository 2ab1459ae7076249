"""Read one course file without trusting it: inside the course folder, a regular file, bounded in size.

Every file the loader reads comes through :func:`read_course_bytes`. Before anything is opened the
path is resolved (symlinks followed) and must lie inside the course folder, and ``os.stat`` must say
it is a regular file: a FIFO, a device or a socket is never opened, so nothing can hang or stream
without end. The file is then opened with ``O_NOFOLLOW | O_NONBLOCK`` and checked again (the same
file, still regular), so a file swapped for a link or a FIFO in between is refused too, and at most
:data:`MAX_FILE_BYTES` + 1 bytes are read. A regular file with more than one hard link is refused:
its other names may lie outside the course folder, and nothing tells where (the course shipped in
this package is exempt, as installers such as uv hard-link installed files to their cache).
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from course.loading.findings import Finding

MAX_FILE_BYTES = 1_048_576
_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
_BUNDLED = (Path(__file__).resolve().parent.parent / "content").resolve()

KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def kind_of(mode: int) -> str:
    """What a non-regular file is, in words."""
    return next((words for test, words in KINDS if test(mode)), "not a regular file")


def outside(root: Path, path: Path) -> bool:
    """Whether ``path``, with every symlink followed, lies outside the folder ``root``."""
    try:
        path.resolve().relative_to(root.resolve())
    except (ValueError, OSError, RuntimeError):
        return True
    return False


def refusal(root: Path, path: Path) -> Finding | None:
    """Why ``path`` must not be read as a file of the course at ``root`` (checked without opening it)."""
    try:
        path.resolve()
    except RuntimeError:  # a loop of symbolic links (Python 3.13 leaves it to os.stat, which says the same)
        return _finding(path, f"cannot read file: {os.strerror(errno.ELOOP)}")
    if outside(root, path):
        return _finding(path, "links outside the course folder; it is skipped")
    try:
        info = os.stat(path)
    except OSError as error:
        return _finding(path, f"cannot read file: {error.strerror or error}")
    if not stat.S_ISREG(info.st_mode):
        return _finding(path, f"is {kind_of(info.st_mode)}, not a regular file; it is not read")
    if info.st_nlink > 1 and not bundled(path):
        message = (
            f"has {info.st_nlink} hard links: another name of it may be outside the course folder, "
            "so it is not read; copy the file instead of linking it"
        )
        return _finding(path, message)
    return None


def read_course_bytes(path: Path, root: Path | None = None) -> tuple[bytes | None, Finding | None]:
    """The bytes of ``path`` (a file of the course at ``root``; its own folder when ``None``), or ``None``
    and a located E002 finding. Never reads more than ``MAX_FILE_BYTES + 1`` bytes."""
    root = path.parent if root is None else root
    problem = refusal(root, path)
    if problem is not None:
        return None, problem
    try:
        before = os.stat(path)
        fd = os.open(path.resolve(), _FLAGS)
    except OSError as error:
        return None, _finding(path, f"cannot read file: {error.strerror or error}")
    try:
        now = os.fstat(fd)
        if not stat.S_ISREG(now.st_mode) or (now.st_dev, now.st_ino) != (before.st_dev, before.st_ino):
            return None, _finding(path, "changed while it was being read (replaced by another kind of file); it is not read")
        raw = _read_at_most(fd, MAX_FILE_BYTES + 1)
    except OSError as error:
        return None, _finding(path, f"cannot read file: {error.strerror or error}")
    finally:
        os.close(fd)
    if len(raw) > MAX_FILE_BYTES:
        size = max(now.st_size, len(raw))
        return None, _finding(path, f"file is {size:,} bytes; course files may be at most {MAX_FILE_BYTES:,} bytes")
    return raw, None


def peek_course_bytes(path: Path, root: Path, count: int) -> bytes | None:
    """The first ``count`` bytes of ``path`` if it may be read at all (see :func:`refusal`), else ``None``."""
    if refusal(root, path) is not None:
        return None
    try:
        fd = os.open(path.resolve(), _FLAGS)
    except OSError:
        return None
    try:
        return _read_at_most(fd, count) if stat.S_ISREG(os.fstat(fd).st_mode) else None
    except OSError:
        return None
    finally:
        os.close(fd)


def _read_at_most(fd: int, limit: int) -> bytes:
    chunks: list[bytes] = []
    got = 0
    while got < limit:
        chunk = os.read(fd, min(65_536, limit - got))
        if not chunk:
            break
        chunks.append(chunk)
        got += len(chunk)
    return b"".join(chunks)


def bundled(path: Path) -> bool:
    """Whether ``path`` is a file of the course shipped in this package (trusted as its code is)."""
    try:
        path.resolve().relative_to(_BUNDLED)
    except ValueError:
        return False
    return True


def _finding(path: Path, message: str) -> Finding:
    return Finding(path, 1, 1, "error", "E002", message)

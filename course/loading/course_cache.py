"""A cache of the validated course, so a start reads one JSON file instead of checking every course file.

The cache file (one per course folder, in the user cache folder, 0600) holds a header line with its
key and then the course as JSON. The key is a SHA-256 over: the package version, the size and mtime of
the code that reads courses (so an edited loader never serves a stale course), the course folder's
path, and the path, size and SHA-256 of every course file in the folder (``*.toml`` and ``*.md``
outside hidden folders: all the loader ever reads). Every file is hashed on every start (a few
milliseconds for the bundled course): sizes and mtimes alone would miss an edit that keeps both, and
reading the files is cheap next to parsing them. A course holding a link, or a course file that is
not a regular file (a FIFO, a device), is never cached: it is loaded (and reported) every time.

JSON, never pickle: reading the cache cannot execute anything, and the course is validated again by
the same pydantic models (strict), so a damaged or altered file fails validation. Any mismatch,
damage or error means the cache is ignored and rewritten from a full :func:`load_course`; only a
course without errors is ever cached. Errors are never cached: a course with errors always reports
them from its files.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
import tempfile
from pathlib import Path

from course.domain.models import Course
from course.package_version import package_version

APP_NAME = "plasticity-course"
FORMAT = 1
_CODE = Path(__file__).resolve().parent.parent.parent  # the folder holding the course, lessons and quizzes packages
_CODE_PACKAGES = ("course/domain", "course/loading", "lessons", "quizzes")
COURSE_SUFFIXES = (".toml", ".md")


def default_cache_folder() -> Path:
    """``<user cache dir>/plasticity-course/courses``."""
    import platformdirs

    return platformdirs.user_cache_path(APP_NAME) / "courses"


def load_course_cached(root: Path, cache_folder: Path | None = None) -> Course:
    """The course at ``root``, fully checked: from the cache when its key matches, else loaded and cached.

    Raises :class:`~course.loading.findings.CourseError` exactly as :func:`load_course` does.
    """
    root = root.resolve()
    key = cache_key(root)
    if key is None:
        return load_course(root)
    folder = cache_folder if cache_folder is not None else default_cache_folder()
    target = folder / f"course-{hashlib.sha256(str(root).encode()).hexdigest()[:24]}.json"
    cached = _read(target, key)
    if cached is not None:
        return cached
    course = load_course(root)
    with contextlib.suppress(OSError, ValueError):  # an unwritable cache only costs the next start its time
        _write(folder, target, key, course)
    return course


def load_course(root: Path) -> Course:
    """Load and check every file of the course: the loader and its lints are imported only on a miss."""
    from course.loading import loader

    return loader.load_course(root)


def cache_key(root: Path) -> str | None:
    """The key the cache must match (version, reading code, folder, every course file's size and hash),
    or ``None`` for a course that is never cached (it holds a link or a course file that is not a file)."""
    digest = hashlib.sha256()
    digest.update(json.dumps([FORMAT, package_version(), str(root)]).encode())
    for package in _CODE_PACKAGES:
        for path in sorted((_CODE / package).rglob("*.py")):
            info = path.stat()
            digest.update(f"code {path.relative_to(_CODE).as_posix()} {info.st_size} {info.st_mtime_ns}\n".encode())
    files = _course_files(root)
    if files is None:
        return None
    for relative in files:
        size, sha = _hash_file(root / relative)
        digest.update(f"file {relative} {size} {sha}\n".encode())
    return digest.hexdigest()


def _course_files(root: Path) -> list[str] | None:
    """Every ``*.toml`` and ``*.md`` under ``root`` outside hidden folders, sorted; ``None`` on a link or a special file."""
    found: list[str] = []
    for folder, folders, names in os.walk(root):
        here = Path(folder)
        if any((here / name).is_symlink() for name in folders):
            return None
        folders[:] = [name for name in folders if not name.startswith(".")]
        for name in names:
            if name.startswith(".") or not name.endswith(COURSE_SUFFIXES):
                continue
            mode = os.lstat(here / name).st_mode
            if not stat.S_ISREG(mode):
                return None
            found.append((here / name).relative_to(root).as_posix())
    return sorted(found)


def _hash_file(path: Path) -> tuple[int, str]:
    """(size, SHA-256) of ``path``, read in chunks."""
    digest, size = hashlib.sha256(), 0
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
            size += len(chunk)
    return size, digest.hexdigest()


def _read(target: Path, key: str) -> Course | None:
    """The cached course if ``target`` is ours, private, and holds exactly ``key``; else ``None``."""
    try:
        with target.open("rb") as handle:
            info = os.fstat(handle.fileno())
            if info.st_mode & 0o077 or (hasattr(os, "getuid") and info.st_uid != os.getuid()):
                return None  # readable or owned by someone else: not trusted
            header = json.loads(handle.readline())
            if not isinstance(header, dict) or header.get("format") != FORMAT or header.get("key") != key:
                return None
            return Course.model_validate_json(handle.read(), strict=True)
    except (OSError, ValueError):  # missing, unreadable, not JSON, or not a valid course (ValidationError)
        return None


def _write(folder: Path, target: Path, key: str, course: Course) -> None:
    """Write the cache file atomically, 0600 (``mkstemp`` creates it so), in a folder made 0700."""
    _private_folder(folder)
    header = json.dumps({"format": FORMAT, "key": key})
    body = course.model_dump_json(by_alias=True)
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=".course-", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(header + "\n" + body)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _private_folder(folder: Path) -> None:
    """Create ``folder`` 0700 whatever the umask (its missing parents as the umask says); an existing one is left alone."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    try:
        folder.mkdir(mode=0o700)
    except FileExistsError:
        return
    os.chmod(folder, 0o700)  # mkdir's mode is filtered by the umask

"""Check a course folder or a single course file and return every finding."""

from __future__ import annotations

from pathlib import Path

from course.loading.findings import Finding
from course.loading.lint import lint
from course.loading.loader import find_course_root, read_course, read_single_file, resolved_folder


def check_path(path: Path) -> list[Finding]:
    """Every finding for ``path``: a course folder, or one file (checked within its course if it has one)."""
    path = resolved_folder(path)
    if path.is_dir():
        loaded = read_course(path)
        loaded.findings.extend(lint(loaded))
        return sorted(set(loaded.findings))
    root = find_course_root(path)
    if root is None:
        return sorted(read_single_file(path).findings)
    loaded = read_course(root)
    loaded.findings.extend(lint(loaded))
    return sorted({f for f in loaded.findings if f.path == path})

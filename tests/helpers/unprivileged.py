"""Folder-permission tests that hold for root too: a read-only folder, checked by a process it binds.

Root ignores folder permissions through two capabilities, CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH.
When the tests run as root, the command runs under util-linux's ``setpriv`` with both dropped from
its bounding and inheritable sets, so the folder's permissions bind it as they bind any user.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

DROPPED = "-dac_override,-dac_read_search"


@contextmanager
def read_only_folder() -> Iterator[Path]:
    """An empty folder no process without the override capabilities may write into."""
    outer = Path(tempfile.mkdtemp(prefix="course-ro-"))
    folder = outer / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        yield folder
    finally:
        folder.chmod(0o755)
        shutil.rmtree(outer)


def bound_by_permissions(command: Sequence[str]) -> list[str]:
    """``command``, run so that file permissions bind it even when this user is root."""
    if os.geteuid() != 0:
        return list(command)
    setpriv = shutil.which("setpriv")
    assert setpriv, "setpriv (util-linux) is needed to drop root's permission overrides"
    return [setpriv, f"--bounding-set={DROPPED}", f"--inh-caps={DROPPED}", *command]


def run_bound_by_permissions(command: Sequence[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """Run ``command`` bound by file permissions (see :func:`bound_by_permissions`)."""
    return subprocess.run(
        bound_by_permissions(command), cwd=cwd, env=env, capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL
    )

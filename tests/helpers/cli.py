"""Run the ``course`` command in a subprocess, as a learner or instructor would."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def run_course(
    *args: str, cwd: Path, env: dict[str, str] | None = None, umask: int | None = None
) -> subprocess.CompletedProcess[str]:
    """``python -m course ARGS`` with no standard input; ``umask`` for the child if given."""
    return subprocess.run(
        [sys.executable, "-m", "course", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, **(env or {})},
        stdin=subprocess.DEVNULL,
        preexec_fn=(lambda: os.umask(umask)) if umask is not None else None,
    )

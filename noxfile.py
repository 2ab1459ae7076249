"""The test suite on every supported Python: ``python3 -m nox``, or one with ``nox -s tests-3.12``.

Arguments after ``--`` go to pytest: ``nox -s tests-3.10 -- tests/unit -x``.
"""

from __future__ import annotations

import os
from pathlib import Path

import nox

# Keep in step with requires-python and the classifiers in pyproject.toml.
PYTHONS = ["3.10", "3.11", "3.12", "3.13"]

nox.options.sessions = ["tests"]
# A version that is not installed is skipped, so ``python3 -m nox`` runs what the machine has;
# .ci/run passes --error-on-missing-interpreters for the versions it found.
nox.options.error_on_missing_interpreters = False


def _version_key(folder: Path) -> tuple[int, ...]:
    return tuple(int(part) if part.isdigit() else -1 for part in folder.name.split("."))


def _put_pyenv_pythons_on_path() -> None:
    """Put the newest pyenv build of each version in PYTHONS ahead of PATH.

    pyenv's shims answer ``python3.10`` only for the versions pyenv has selected, and fail for the
    others; the version's own ``bin`` folder always works.
    """
    root = Path(os.environ.get("PYENV_ROOT") or Path.home() / ".pyenv") / "versions"
    folders = []
    for version in PYTHONS:
        builds = [
            path.parent
            for path in root.glob(f"{version}.*/bin/python{version}")
            if path.parent.parent.name.replace(".", "").isdigit()
        ]
        if builds:
            folders.append(str(max(builds, key=lambda bin_dir: _version_key(bin_dir.parent))))
    if folders:
        os.environ["PATH"] = os.pathsep.join([*folders, os.environ.get("PATH", "")])


_put_pyenv_pythons_on_path()


@nox.session(python=PYTHONS)
def tests(session: nox.Session) -> None:
    """Install .[test] in a fresh venv under .nox/ and run the whole pytest suite."""
    session.install(".[test]")
    session.run("python", "-m", "pytest", *session.posargs)

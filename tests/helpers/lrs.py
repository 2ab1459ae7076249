"""A real xAPI LRS for tests: ralph-malph in a venv of its own, served by uvicorn on 127.0.0.1.

ralph cannot share the project's environment (its ``cli`` extra pins click below what sqlite-utils 4
needs), so :func:`ralph_python` builds a separate venv, keyed by a hash of :data:`REQUIREMENTS`,
under ``$COURSE_RALPH_VENV`` or ``.ci-cache/`` and reuses it after. :func:`ralph_server` writes a
bcrypt basic-auth file in ralph's format, starts the app with the ``fs`` backend in a temporary
folder on a free port, waits for ``/__heartbeat__`` and stops it afterwards. No network to build
the venv is a test failure with the reason, never a skip.

``python -m tests.helpers.lrs`` builds (or finds) the venv and prints its Python; ``.ci/run`` runs it.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
# ralph 5.1 has no backend-fs extra (the fs backend is in the core); its lrs extra brings uvicorn but
# uses requests without declaring it.
REQUIREMENTS = ("ralph-malph[lrs]==5.1.0", "requests==2.34.2")
WRAPPER = Path(__file__).with_name("ralph_fs_app.py")
START_SECONDS = 60.0


class RalphUnavailable(RuntimeError):
    """ralph's venv could not be built or its server did not start (the message says why)."""


def venv_path() -> Path:
    """Where the venv for :data:`REQUIREMENTS` lives (it may not exist yet)."""
    key = hashlib.sha256("\n".join(REQUIREMENTS).encode()).hexdigest()[:16]  # any Python may have built it
    root = Path(os.environ.get("COURSE_RALPH_VENV") or REPO / ".ci-cache")
    return root / f"ralph-{key}"


def ralph_python() -> Path:
    """The Python of ralph's venv, built first if needed (one builder at a time, across processes)."""
    target = venv_path()
    python = target / "bin" / "python"
    if (target / "requirements.txt").is_file():
        return python
    target.parent.mkdir(parents=True, exist_ok=True)
    ignore = target.parent / ".gitignore"
    if target.parent == REPO / ".ci-cache" and not ignore.exists():
        ignore.write_text("*\n")  # keep the cache out of git, ruff and pytest
    with open(target.parent / f"{target.name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (target / "requirements.txt").is_file():
            _build(target)
    return python


def _build(target: Path) -> None:
    building = target.with_name(target.name + ".building")
    shutil.rmtree(building, ignore_errors=True)
    steps = [
        [sys.executable, "-m", "venv", str(building)],
        [str(building / "bin" / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", *REQUIREMENTS],
    ]
    for step in steps:
        done = subprocess.run(step, capture_output=True, text=True, timeout=900, stdin=subprocess.DEVNULL)
        if done.returncode != 0:
            tail = "\n".join((done.stderr or done.stdout).strip().splitlines()[-15:])
            raise RalphUnavailable(
                f"cannot build ralph's venv at {building} ({' '.join(step[:4])} ... exited {done.returncode});"
                f" it needs PyPI for {', '.join(REQUIREMENTS)}:\n{tail}"
            )
    (building / "requirements.txt").write_text("\n".join(REQUIREMENTS) + "\n")
    building.rename(target)


@dataclass(frozen=True)
class RalphServer:
    """A running LRS: ``xapi`` is the endpoint to push to, ``folder`` holds its statements file."""

    xapi: str
    user: str
    password: str
    folder: Path
    log: Path

    @property
    def statements_file(self) -> Path:
        return self.folder / "fs_lrs.jsonl"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _auth_file(python: Path, path: Path, user: str, password: str) -> None:
    """ralph's basic-auth file: a JSON list of users with a bcrypt hash, scopes and the agent they write as."""
    code = "import bcrypt, sys; print(bcrypt.hashpw(sys.argv[1].encode(), bcrypt.gensalt()).decode())"
    hashed = subprocess.run([str(python), "-c", code, password], capture_output=True, text=True, check=True, timeout=60)
    users = [
        {"username": user, "hash": hashed.stdout.strip(), "scopes": ["all"], "agent": {"mbox": f"mailto:{user}@example.org"}}
    ]
    path.write_text(json.dumps(users))
    path.chmod(0o600)


@contextlib.contextmanager
def ralph_server(folder: Path, *, fixed: bool = True, settings: Mapping[str, str] | None = None) -> Iterator[RalphServer]:
    """Start ralph on 127.0.0.1 with the fs backend in ``folder``; ``fixed`` runs it through the wrapper
    (tests/helpers/ralph_fs_app.py) that fixes 5.1's fs writes and filters; ``settings``: more ``RALPH_*``
    environment variables."""
    python = ralph_python()
    folder.mkdir(parents=True, exist_ok=True)
    user, password = "course-tests", "pushing statements"
    _auth_file(python, folder / "auth.json", user, password)
    port = _free_port()
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(folder),
        "RALPH_APP_DIR": str(folder / "app"),
        "RALPH_AUTH_FILE": str(folder / "auth.json"),
        "RALPH_RUNSERVER_BACKEND": "fs",
        "RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH": str(folder / "lrs"),
        "RALPH_BACKENDS__DATA__FS__DEFAULT_DIRECTORY_PATH": str(folder / "lrs"),
        **(settings or {}),
    }
    (folder / "lrs").mkdir(exist_ok=True)
    app = "ralph_fs_app:app" if fixed else "ralph.api:app"
    log = folder / "ralph.log"
    args = [str(python), "-m", "uvicorn", app, "--host", "127.0.0.1", "--port", str(port), "--app-dir", str(WRAPPER.parent)]
    with open(log, "w") as out:
        process = subprocess.Popen(args, env=env, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    try:
        _wait(f"http://127.0.0.1:{port}/__heartbeat__", process, log)
        yield RalphServer(f"http://127.0.0.1:{port}/xAPI", user, password, folder / "lrs", log)
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=15)


def _wait(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RalphUnavailable(f"ralph exited with {process.returncode} before it answered:\n{log.read_text()[-2000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise RalphUnavailable(f"ralph did not answer {url} within {START_SECONDS:.0f}s:\n{log.read_text()[-2000:]}")


if __name__ == "__main__":
    try:
        print(ralph_python())
    except RalphUnavailable as error:
        print(f"ralph venv: {error}", file=sys.stderr)
        sys.exit(1)

"""``course serve`` in a real browser: the server as a subprocess, headless Chromium through Playwright.

textual-serve draws the app with xterm.js on a canvas, and its terminal object is not exposed on the page.
An init script catches it as it is created (the page's code assigns ``this.terminal = new Terminal(...)``:
a setter on ``Object.prototype`` sees that assignment), and the screen text is then read from xterm.js's
own buffer, row by row: what the visitor sees, without OCR.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path(os.environ.get("COURSE_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
KEY_DELAY_MS = 20
SETTLE_S = 0.4
CATCH_TERMINAL = """
window.__terminals = [];
Object.defineProperty(Object.prototype, "terminal", {
  configurable: true,
  set(value) {
    Object.defineProperty(this, "terminal", {value, writable: true, configurable: true, enumerable: true});
    window.__terminals.push(value);
  },
});
"""
READ_SCREEN = """() => {
  const terminal = window.__terminals[0];
  if (!terminal) return "";
  const buffer = terminal.buffer.active, rows = [];
  for (let y = 0; y < terminal.rows; y++) {
    const line = buffer.getLine(buffer.viewportY + y);
    rows.push(line ? line.translateToString(true) : "");
  }
  return rows.join("\\n");
}"""


def chromium_path() -> Path:
    """The Chromium binary, or the test fails saying how to install it (CI installs it: it must not skip)."""
    if not CHROMIUM.is_file():
        pytest.fail(
            f"no Chromium at {CHROMIUM}: install Debian's package (apt-get install -y chromium) or set COURSE_CHROMIUM",
            pytrace=False,
        )
    return CHROMIUM


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def group_members(pgid: int) -> list[int]:
    """The processes still in process group ``pgid`` (the server and the app processes it started)."""
    members = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[2]) == pgid and fields[0] != "Z":
                members.append(int(entry.name))
    return members


class Served:
    """A running ``course serve``: its URL, its process (the leader of its own process group) and its output."""

    def __init__(self, process: subprocess.Popen[str], url: str, log: Path) -> None:
        self.process = process
        self.url = url
        self.log = log

    def children(self) -> list[int]:
        """The app processes (one a connected visitor)."""
        return [pid for pid in group_members(self.process.pid) if pid != self.process.pid]

    def output(self) -> str:
        return self.log.read_text(errors="replace")


@contextmanager
def served(*args: str, cwd: Path, timeout: float = 30) -> Iterator[Served]:
    """``course serve ARGS --port FREE`` until the block ends; then SIGTERM, and every process it started must be gone."""
    port = free_port()
    log = cwd / f"serve-{port}.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "course", "serve", "--port", str(port), *args],
            cwd=cwd,
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            text=True,
            start_new_session=True,  # its own process group: the app processes it starts are counted by it
            env={**os.environ, "COLUMNS": "100"},
        )
    server = Served(process, f"http://127.0.0.1:{port}/", log)
    try:
        wait_until(lambda: "serving" in server.output() or process.poll() is not None, timeout, server.output)
        assert process.poll() is None, f"course serve stopped at once:\n{server.output()}"
        yield server
    finally:
        stop(server)


def stop(server: Served) -> None:
    """Stop the server as systemd would (SIGTERM); fail if it or any app process outlives it by 20 s."""
    if server.process.poll() is None:
        server.process.send_signal(signal.SIGTERM)
    try:
        server.process.wait(timeout=20)
        wait_until(lambda: not group_members(server.process.pid), 20, lambda: "app processes left")
    finally:
        left = group_members(server.process.pid)
        for pid in left:
            os.kill(pid, signal.SIGKILL)
        if server.process.poll() is None:
            server.process.kill()
            server.process.wait()
        assert not left, f"processes left after stopping course serve: {left}\n{server.output()}"


def wait_until(done: Callable[[], object], timeout: float, explain: Callable[[], str]) -> None:
    deadline = time.monotonic() + timeout
    while not done():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s: {explain()}")
        time.sleep(0.1)


class TerminalPage:
    """One browser tab on the served course, read through xterm.js's buffer and typed into with the keyboard."""

    def __init__(self, page: Any) -> None:
        self.page = page

    def text(self) -> str:
        return str(self.page.evaluate(READ_SCREEN))

    def wait_for(self, wanted: str, timeout: float = 30) -> str:
        """Wait until ``wanted`` is on the screen; the screen text."""
        wait_until(lambda: wanted in self.text(), timeout, lambda: f"{wanted!r} not on the screen:\n{self.text()}")
        return self.text()

    def type(self, text: str) -> None:
        """Type at a brisk human pace (a burst of keys reaches the app in one read, and keys after a focus
        change would still go to the old field: Textual moves focus only once the earlier keys are handled)."""
        self.page.keyboard.type(text, delay=KEY_DELAY_MS)

    def press(self, *keys: str) -> None:
        for key in keys:
            self.page.keyboard.press(key)
            time.sleep(SETTLE_S)  # Enter and Tab move focus or open screens: let the app get there first


def open_terminal(browser: Any, url: str, size: tuple[int, int] = (1000, 640)) -> TerminalPage:
    """A new browser context (its own cookies and storage: another visitor) on ``url``, the terminal focused."""
    context = browser.new_context(viewport={"width": size[0], "height": size[1]})
    page = context.new_page()
    page.add_init_script(CATCH_TERMINAL)
    page.goto(url)
    page.wait_for_function("() => window.__terminals.length > 0 && document.body.classList.contains('-first-byte')")
    page.evaluate("() => window.__terminals[0].focus()")
    return TerminalPage(page)


@contextmanager
def chromium() -> Iterator[Any]:
    """Headless Chromium (Debian's), through Playwright."""
    from playwright.sync_api import sync_playwright

    path = chromium_path()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(path), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()

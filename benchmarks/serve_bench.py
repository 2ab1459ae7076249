"""``course serve``: memory per connected learner, and how many learners fit in 2 GB.

    python -m benchmarks.serve_bench [--learners N] [--quick] [--json]

Starts ``course serve`` on the bundled course (127.0.0.1, a free port, a temporary class database) and
connects N websocket clients speaking textual-serve's browser protocol (the same messages xterm.js sends:
a resize, then keystrokes), one after another: each signs in as its own learner, accepts the first-start
disclaimer, acknowledges the CE activity page and opens the first lesson, and stays connected, so every app
process holds a loaded course, a learner's progress and a rendered lesson when memory is read. The run
fails unless every learner has a lesson opened in the database.
A websocket client is used instead of N Chromiums because the browser's memory is the visitor's, not the
server's; the server side (one process a visitor) is exactly what a browser would start.

Then it reads /proc/PID/smaps_rollup of the server and of every app process: RSS, PSS (shared pages split
between the processes sharing them) and USS (private pages: what one more learner adds). Learners in 2 GB
= (2048 MiB - the server's PSS) / the mean PSS of an app process.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

BUDGET_MIB = 2048
STEP_S = 2.0  # after the screen changed: time for the app to finish handling the keys
FIRST_SCREEN_BYTES = 2000  # the sign-in screen is drawn (the first bytes are only terminal set-up)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def memory(pid: int) -> dict[str, float]:
    """RSS, PSS and USS of ``pid`` in MiB, from /proc/PID/smaps_rollup."""
    fields: dict[str, int] = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
        key, _, rest = line.partition(":")
        fields[key] = int(rest.split()[0])  # kB
    uss = fields.get("Private_Clean", 0) + fields.get("Private_Dirty", 0)
    return {"rss": fields["Rss"] / 1024, "pss": fields["Pss"] / 1024, "uss": uss / 1024}


def children(pid: int) -> list[int]:
    """The app processes the server started (its direct children)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(stat[1]) == pid:
                found.append(int(entry.name))
    return found


async def visitor(url: str, name: str, ready: asyncio.Semaphore, stop: asyncio.Event) -> int:
    """One learner's tab: sign in, accept the disclaimer, open the first lesson; stay until ``stop``. Bytes received."""
    import aiohttp

    received = 0
    async with aiohttp.ClientSession() as session, session.ws_connect(f"{url}ws?width=100&height=30") as ws:
        await ws.send_json(["resize", {"width": 100, "height": 30}])

        async def drain() -> None:
            nonlocal received
            async for message in ws:
                if message.type == aiohttp.WSMsgType.BINARY:
                    received += len(message.data)

        async def settled(before: int) -> None:
            """Until the screen has changed since ``before`` bytes, and a moment more (a blinking cursor
            keeps sending, so "no more bytes" never comes)."""
            while received <= before:
                await asyncio.sleep(0.1)
            await asyncio.sleep(STEP_S)

        reader = asyncio.create_task(drain())
        # name, sign in, "I understand", acknowledge the CE activity page, open the first lesson
        before = FIRST_SCREEN_BYTES
        for keys in (name, "\r", "\r", "a", "\r"):
            await asyncio.wait_for(settled(before), timeout=60)
            before = received
            for key in keys:
                await ws.send_json(["stdin", key])
        await asyncio.wait_for(settled(before), timeout=60)
        ready.release()
        await stop.wait()
        await ws.close()
        reader.cancel()
    return received


async def connect_all(url: str, count: int, server_pid: int) -> tuple[list[int], dict[str, Any]]:
    stop = asyncio.Event()
    ready = asyncio.Semaphore(0)
    tasks = []
    for number in range(count):  # one after the other, as a class sits down: each gets to a lesson first
        tasks.append(asyncio.create_task(visitor(url, f"learner {number + 1:03d}", ready, stop)))
        await asyncio.wait_for(ready.acquire(), timeout=120)
    await asyncio.sleep(2)  # let the last writes and screens settle
    apps = children(server_pid)
    measured = {"server": memory(server_pid), "apps": [memory(pid) for pid in apps]}
    stop.set()
    received = await asyncio.gather(*tasks)
    return received, measured


def summary(measured: dict[str, Any], learners: int) -> list[dict[str, Any]]:
    apps = measured["apps"]
    mean = {key: statistics.fmean(app[key] for app in apps) for key in ("rss", "pss", "uss")}
    server = measured["server"]
    fit = int((BUDGET_MIB - server["pss"]) // mean["pss"]) if mean["pss"] else 0
    figures = [
        ("serve.app_processes", len(apps), "processes", learners),
        ("serve.server_rss", server["rss"], "MiB", None),
        ("serve.server_pss", server["pss"], "MiB", None),
        ("serve.learner_rss_mean", mean["rss"], "MiB", None),
        ("serve.learner_rss_max", max(app["rss"] for app in apps), "MiB", None),
        ("serve.learner_pss_mean", mean["pss"], "MiB", None),
        ("serve.learner_uss_mean", mean["uss"], "MiB", None),
        ("serve.learners_in_2GB", fit, "learners", None),
    ]
    return [{"name": n, "value": round(v, 1), "unit": u, "target": t, "ok": t is None or v == t} for n, v, u, t in figures]


def lessons_opened(db: Path) -> int:
    """How many learners have a lesson opened: each visitor signed in and got as far as a lesson."""
    import sqlite3

    with sqlite3.connect(db) as conn:
        return int(conn.execute("SELECT COUNT(DISTINCT learner_id) FROM lesson_progress").fetchone()[0])


def started_serving(log: Path, server: subprocess.Popen[bytes], timeout: float = 60) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and server.poll() is None:
        if "serving" in log.read_text(errors="replace"):
            return True
        time.sleep(0.1)
    return False


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.serve_bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--learners", type=int, default=8, help="connected learners (default: %(default)s)")
    parser.add_argument("--quick", action="store_true", help="2 learners (for CI)")
    parser.add_argument("--json", action="store_true", help="one JSON object of figures")
    args = parser.parse_args(argv)
    count = 2 if args.quick else args.learners
    port = free_port()
    # SIGTERM (a CI timeout) unwinds like Ctrl+C, so the server below is always stopped with its app processes.
    previous = signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        return measure(count, port, args.json)
    finally:
        signal.signal(signal.SIGTERM, previous)


def measure(count: int, port: int, as_json: bool) -> int:
    """Serve, connect ``count`` learners, read the memory figures and print them; the exit code."""
    with tempfile.TemporaryDirectory() as folder, (Path(folder) / "serve.log").open("w+") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "course", "serve", "--port", str(port), "--db", str(Path(folder) / "class.db")],
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
        try:
            if not started_serving(Path(log.name), server):
                print(f"serve_bench: course serve did not start:\n{Path(log.name).read_text()}", file=sys.stderr)
                return 1
            started = time.monotonic()
            received, measured = asyncio.run(connect_all(f"http://127.0.0.1:{port}/", count, server.pid))
            elapsed = time.monotonic() - started
            reached = lessons_opened(Path(folder) / "class.db")
        finally:
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait()
    figures = summary(measured, count)
    if min(received) == 0 or reached != count:
        print(f"serve_bench: only {reached} of {count} learners reached their first lesson", file=sys.stderr)
        return 1
    if as_json:
        print(json.dumps({"benchmark": "serve", "learners": count, "seconds": round(elapsed, 1), "figures": figures}))
    else:
        print(f"course serve, bundled course, {count} learners connected ({elapsed:.0f} s)")
        for figure in figures:
            print(f"  {figure['name']:<26} {figure['value']:>8} {figure['unit']}")
    return 0 if all(figure["ok"] for figure in figures) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

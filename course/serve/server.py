"""The web server of ``course serve``: textual-serve running one ``course.serve.session`` process a visitor."""

from __future__ import annotations

import ipaddress
import shlex
import socket
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from aiohttp import web
from textual_serve.server import Server

TEMPLATES = Path(__file__).parent / "templates"


class ServeError(Exception):
    """A bad option (host, port, path), said in one line."""


@dataclass(frozen=True)
class ServeOptions:
    """Where to listen and what each visitor's process opens."""

    course: Path
    host: str = "127.0.0.1"
    port: int = 8000
    db: Path | None = None
    db_dir: Path | None = None
    require_password: bool = False
    public_url: str | None = None
    title: str = "Course"


def session_command(options: ServeOptions) -> str:
    """The shell command textual-serve runs for each visitor (``exec``: the app is the child, not a shell)."""
    parts = [sys.executable, "-m", "course.serve.session", "--course", str(options.course.resolve())]
    if options.db is not None:
        parts += ["--db", str(options.db.resolve())]
    elif options.db_dir is not None:
        parts += ["--db-dir", str(options.db_dir.resolve())]
    if options.require_password:
        parts.append("--require-password")
    return "exec " + shlex.join(parts)


def is_loopback(host: str) -> bool:
    """Whether ``host`` only accepts connections from this machine."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_address(host: str, port: int) -> None:
    """Raise ``ServeError`` unless ``host`` resolves and ``port`` is free to listen on."""
    if not 0 < port < 65536:
        raise ServeError(f"port {port} is not between 1 and 65535")
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    except (socket.gaierror, UnicodeError) as error:
        raise ServeError(f"cannot listen on host {host!r}: {error}") from None
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as aiohttp does: TIME_WAIT is not "in use"
        try:
            probe.bind(address)
        except OSError as error:
            reason = "already in use" if error.errno == 98 else error.strerror
            raise ServeError(f"cannot listen on {host}:{port}: {reason}") from None


class CourseServer(Server):
    """textual-serve's server with the course's page (no third-party font) and a quieter start."""

    def __init__(self, options: ServeOptions) -> None:
        super().__init__(
            session_command(options),
            host=options.host,
            port=options.port,
            title=options.title,
            public_url=options.public_url,
            templates_path=TEMPLATES,
        )
        self.given_public_url = options.public_url

    async def handle_index(self, request: web.Request) -> Any:
        """The page; without ``--public-url`` its websocket address follows the address the browser used."""
        if self.given_public_url is None:
            self.public_url = f"{request.scheme}://{request.host}"  # no await before the page is built
        return await super().handle_index(request)

    async def on_startup(self, app: web.Application) -> None:
        shown = self.given_public_url or f"http://{self.host}:{self.port}"
        self.console.print(f"course serve: serving {self.title!r} on {shown} (Ctrl+C stops)", highlight=False)


def serve(options: ServeOptions) -> None:
    """Serve until SIGINT or SIGTERM (each visitor's app is stopped with it); ``ServeError`` if it cannot listen."""
    try:
        CourseServer(options).serve()
    except OSError as error:  # the port was taken between the check and now
        raise ServeError(f"cannot listen on {options.host}:{options.port}: {error.strerror}") from None

"""The LRS client against a real local HTTP server that fails on cue: headers, retries with backoff, refusals."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from course.lrs_client import Credentials, LrsClient, LrsConflict, LrsError, statements_url


class Flaky(ThreadingHTTPServer):
    """Answers each request with the next status of ``script`` (200 with the ids once it runs out)."""

    def __init__(self, script: list[int], retry_after: str | None = None) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.script, self.retry_after = list(script), retry_after
        self.seen: list[dict[str, Any]] = []


class Handler(BaseHTTPRequestHandler):
    server: Flaky

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.server.seen.append({"path": self.path, "headers": {k.lower(): v for k, v in self.headers.items()}, "body": body})
        status = self.server.script.pop(0) if self.server.script else 200
        self.send_response(status)
        if status == 429 and self.server.retry_after:
            self.send_header("Retry-After", self.server.retry_after)
        payload = json.dumps([s["id"] for s in body] if status == 200 else {"detail": "no"}).encode()
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def serve() -> Iterator[Any]:
    servers: list[Flaky] = []

    def start(script: list[int], retry_after: str | None = None) -> Flaky:
        server = Flaky(script, retry_after)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def url(server: Flaky) -> str:
    return f"http://127.0.0.1:{server.server_address[1]}/xAPI"


STATEMENTS = [{"id": "6f1c2d3e-0000-5000-8000-000000000001", "actor": {}, "verb": {}, "object": {}}]


def test_posts_with_the_version_header_and_basic_auth(serve: Any) -> None:
    server = serve([])
    client = LrsClient(url(server), Credentials(user="u", password="p w"))
    assert client.post(STATEMENTS) == [STATEMENTS[0]["id"]]
    (request,) = server.seen
    assert request["path"] == "/xAPI/statements" and request["body"] == STATEMENTS
    assert request["headers"]["x-experience-api-version"] == "1.0.3"
    assert request["headers"]["authorization"] == "Basic dTpwIHc="
    assert request["headers"]["content-type"] == "application/json"


def test_retries_429_and_5xx_with_exponential_backoff_then_succeeds(serve: Any) -> None:
    server = serve([503, 500, 429, 502])
    waits: list[float] = []
    client = LrsClient(url(server), Credentials(token="t"), backoff=0.5, sleep=waits.append)
    assert client.post(STATEMENTS) == [STATEMENTS[0]["id"]]
    assert waits == [0.5, 1.0, 2.0, 4.0] and len(server.seen) == 5
    assert server.seen[0]["headers"]["authorization"] == "Bearer t"


def test_retry_after_is_honoured_and_capped(serve: Any) -> None:
    server = serve([429, 429], retry_after="3")
    waits: list[float] = []
    LrsClient(url(server), sleep=waits.append).post(STATEMENTS)
    assert waits == [3.0, 3.0]
    server = serve([429], retry_after="9999")
    waits.clear()
    LrsClient(url(server), sleep=waits.append).post(STATEMENTS)
    assert waits == [30.0]


def test_gives_up_after_the_retries_and_says_so(serve: Any) -> None:
    server = serve([503] * 10)
    client = LrsClient(url(server), retries=2, sleep=lambda _: None)
    with pytest.raises(LrsError, match="HTTP 503"):
        client.post(STATEMENTS)
    assert len(server.seen) == 3


def test_a_refusal_is_not_retried(serve: Any) -> None:
    for status, kind in ((400, LrsError), (401, LrsError), (409, LrsConflict)):
        server = serve([status])
        with pytest.raises(kind, match=f"HTTP {status}"):
            LrsClient(url(server), sleep=lambda _: pytest.fail("no retry")).post(STATEMENTS)
        assert len(server.seen) == 1


def test_an_unreachable_lrs_is_retried_then_an_error_without_secrets(serve: Any) -> None:
    server = serve([])
    port = server.server_address[1]
    server.shutdown()
    server.server_close()
    waits: list[float] = []
    client = LrsClient(f"http://127.0.0.1:{port}/xAPI", Credentials(user="u", password="secret"), retries=3, sleep=waits.append)
    with pytest.raises(LrsError, match="cannot reach") as caught:
        client.post(STATEMENTS)
    assert waits == [0.5, 1.0, 2.0] and "secret" not in str(caught.value)
    assert "secret" not in repr(client.credentials)


def test_statements_url() -> None:
    assert statements_url("https://lrs.example.org/xAPI/") == "https://lrs.example.org/xAPI/statements"
    assert statements_url("https://lrs.example.org/xAPI/statements") == "https://lrs.example.org/xAPI/statements"
    for bad in ("ftp://lrs.example.org/xAPI", "lrs.example.org", "https://u:p@lrs.example.org/xAPI"):
        with pytest.raises(ValueError):
            statements_url(bad)

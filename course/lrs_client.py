"""Send statements to a Learning Record Store: ``POST {lrs}/statements`` with the standard library.

xAPI 1.0.3 Communication 2.1.2 (POST Statements) and 3.3 (the ``X-Experience-API-Version`` header);
retries with exponential backoff on 429, 5xx and network errors (``Retry-After`` honoured, capped).
Credentials go in the ``Authorization`` header only: no message of this module shows them. It sits
beside the ``course push`` command (the composition root), not in ``course.xapi``: network IO stays
out of the layers below the command line.
"""

from __future__ import annotations

import base64
import http.client
import json
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

XAPI_VERSION = "1.0.3"
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
MAX_WAIT_SECONDS = 30.0


class LrsError(Exception):
    """The LRS refused the statements, or could not be reached after every retry (one line, no secrets)."""


class LrsConflict(LrsError):
    """HTTP 409: statements with some of these ids are stored already (sent before, maybe by a push that was cut)."""


@dataclass(frozen=True)
class Credentials:
    """HTTP Basic (``user`` and ``password``) or a bearer ``token``; ``repr`` hides the secrets."""

    user: str | None = field(default=None, repr=False)
    password: str | None = field(default=None, repr=False)
    token: str | None = field(default=None, repr=False)

    def header(self) -> str | None:
        """The ``Authorization`` header value, or ``None`` for no authentication."""
        if self.token:
            return f"Bearer {self.token}"
        if self.user is not None:
            pair = f"{self.user}:{self.password or ''}".encode()
            return "Basic " + base64.b64encode(pair).decode("ascii")
        return None


def statements_url(lrs: str) -> str:
    """The statements resource of the LRS at ``lrs`` (``.../xAPI`` or ``.../xAPI/statements``).

    Raises ``ValueError`` for a URL that is not http(s) or that carries credentials in it.
    """
    parts = urlsplit(lrs)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"the LRS must be an http(s) URL, got {lrs!r}")
    if parts.username is not None or parts.password is not None:
        raise ValueError("put the LRS credentials in $COURSE_LRS_USER/$COURSE_LRS_PASSWORD or a credentials file, not the URL")
    base = lrs.rstrip("/")
    return base if base.endswith("/statements") else base + "/statements"


Opener = Callable[[urllib.request.Request, float], Any]


def _urlopen(request: urllib.request.Request, timeout: float) -> Any:
    return urllib.request.urlopen(request, timeout=timeout)


@dataclass
class LrsClient:
    """A client for one LRS; ``sleep`` and ``opener`` are there for tests of the retry schedule."""

    lrs: str
    credentials: Credentials = field(default_factory=Credentials)
    timeout: float = 30.0
    retries: int = 5
    backoff: float = 0.5
    sleep: Callable[[float], None] = time.sleep
    opener: Opener = _urlopen
    waits: list[float] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.url = statements_url(self.lrs)

    def post(self, statements: Sequence[Mapping[str, Any]]) -> list[str]:
        """Send one batch; returns the ids the LRS reports as stored (existing identical ones it may leave out)."""
        body = json.dumps(list(statements), ensure_ascii=False).encode("utf-8")
        status, text = self._request("POST", self.url, body)
        if status in (200, 204):
            try:
                ids = json.loads(text) if text.strip() else []
            except ValueError:
                ids = []
            return [str(i) for i in ids] if isinstance(ids, list) else []
        if status == 409:
            raise LrsConflict(f"the LRS at {self.url} already holds statements with these ids: HTTP 409{_detail(text)}")
        raise LrsError(f"the LRS at {self.url} refused the statements: HTTP {status}{_detail(text)}")

    def has(self, statement_id: str) -> bool:
        """Whether the LRS holds the statement ``statement_id`` (``GET ?statementId=``, Communication 2.1.3)."""
        status, text = self._request("GET", f"{self.url}?statementId={statement_id}", None)
        if status == 404:
            return False
        if status != 200:
            raise LrsError(f"the LRS at {self.url} refused the query: HTTP {status}{_detail(text)}")
        return True

    def get(self, params: Mapping[str, str]) -> dict[str, Any]:
        """``GET`` statements with query ``params`` (xAPI Communication 2.1.3); the decoded StatementResult."""
        from urllib.parse import urlencode

        status, text = self._request("GET", f"{self.url}?{urlencode(params)}" if params else self.url, None)
        if status != 200:
            raise LrsError(f"the LRS at {self.url} refused the query: HTTP {status}{_detail(text)}")
        result: dict[str, Any] = json.loads(text)
        return result

    def every(self, params: Mapping[str, str], max_pages: int = 10_000) -> Iterator[dict[str, Any]]:
        """Every statement the LRS returns for ``params``, page after page (its ``more`` links, which are
        relative to the LRS's address); stops at ``max_pages`` or a link seen before. A link to another
        server is refused: the credentials go to this LRS only."""
        from urllib.parse import urlencode, urljoin

        url, seen = (f"{self.url}?{urlencode(params)}" if params else self.url), set()
        for _ in range(max_pages):
            seen.add(url)
            status, text = self._request("GET", url, None)
            if status != 200:
                raise LrsError(f"the LRS at {self.url} refused the query: HTTP {status}{_detail(text)}")
            try:
                page = json.loads(text)
                statements, more = page["statements"], page.get("more") or ""
            except (ValueError, KeyError, TypeError):
                raise LrsError(f"the LRS at {self.url} answered with something that is not a StatementResult") from None
            yield from (s for s in statements if isinstance(s, dict))
            url = urljoin(self.url, more) if isinstance(more, str) and more else ""
            if url and urlsplit(url)[:2] != urlsplit(self.url)[:2]:
                raise LrsError(f"the LRS at {self.url} sent a next-page link to another server; not followed")
            if not url or url in seen or not statements:
                return

    def _request(self, method: str, url: str, body: bytes | None) -> tuple[int, str]:
        headers = {"X-Experience-API-Version": XAPI_VERSION, "Accept": "application/json"}
        if body is not None:
            headers["Content-Type"] = "application/json"
        auth = self.credentials.header()
        if auth:
            headers["Authorization"] = auth
        attempt = 0
        while True:
            request = urllib.request.Request(url, data=body, method=method, headers=headers)
            retry_after: str | None = None
            try:
                with self.opener(request, self.timeout) as response:
                    return int(response.status), response.read().decode("utf-8", "replace")
            except urllib.error.HTTPError as error:
                text = error.read().decode("utf-8", "replace") if error.fp else ""
                if error.code not in RETRY_STATUSES or attempt >= self.retries:
                    return int(error.code), text
                retry_after = error.headers.get("Retry-After") if error.headers else None
            except (TimeoutError, urllib.error.URLError, http.client.HTTPException, ConnectionError) as error:
                if attempt >= self.retries:
                    raise LrsError(f"cannot reach the LRS at {self.url}: {_reason(error)} (after {attempt + 1} tries)") from None
            wait = self._wait(attempt, retry_after)
            self.waits.append(wait)
            self.sleep(wait)
            attempt += 1

    def _wait(self, attempt: int, retry_after: str | None) -> float:
        """Exponential backoff (``backoff * 2**attempt``), or the server's ``Retry-After`` seconds; capped."""
        if retry_after is not None and retry_after.strip().isdigit():
            return min(float(retry_after.strip()), MAX_WAIT_SECONDS)
        return min(float(self.backoff) * 2.0**attempt, MAX_WAIT_SECONDS)


def _reason(error: BaseException) -> str:
    reason = getattr(error, "reason", None)
    return str(reason if reason is not None else error) or type(error).__name__


def _detail(text: str) -> str:
    """A short, single-line piece of the LRS's answer for an error message."""
    text = " ".join(text.split())
    return f": {text[:200]}" if text else ""

"""One link, asked once: HEAD (GET when HEAD is refused), redirects followed by hand.

Redirects are followed here rather than by urllib so that every hop is seen (a
permanent move is reported with its new address) and a loop is recognised. A GET
reads at most :data:`MAX_BODY` bytes and then drops the connection, so a huge
document is never downloaded. Every failure becomes an :class:`Outcome` with an
error message; nothing here raises for a network problem.
"""

from __future__ import annotations

import http.client
import socket
import ssl
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, urljoin, urlsplit

from fcheck.editorial_settings import LinkSettings

MAX_BODY = 4096  # bytes read from a GET response, at most
REDIRECTS = {301, 302, 303, 307, 308}
PERMANENT = {301, 308}
DEAD = {404, 410}
# Statuses after which HEAD is retried as GET: servers that refuse or mishandle HEAD.
_RETRY_WITH_GET = {400, 403, 404, 405, 406, 409, 410, 429, 500, 501, 502, 503}

Slot = Callable[[str], AbstractContextManager[Any]]


@dataclass
class Hop:
    url: str
    status: int
    location: str


@dataclass
class Outcome:
    """What happened to one URL: its final status, or the error that stopped it."""

    url: str
    status: int | None = None  # the final HTTP status, None when there was none
    error: str | None = None
    final_url: str | None = None
    hops: list[Hop] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.error is None and self.status is not None and 200 <= self.status < 300

    @property
    def dead(self) -> bool:
        return self.error is None and self.status in DEAD

    @property
    def moved_to(self) -> str | None:
        """The new address when the first hop is a permanent move to a working page."""
        if self.ok and self.hops and self.hops[0].status in PERMANENT:
            # the last permanent hop of the leading permanent ones
            target = self.hops[0].location
            for hop in self.hops:
                if hop.status not in PERMANENT:
                    break
                target = hop.location
            return target
        return None

    def to_dict(self) -> dict[str, Any]:
        return {
            "url": self.url,
            "status": self.status,
            "error": self.error,
            "final_url": self.final_url,
            "hops": [[h.url, h.status, h.location] for h in self.hops],
        }

    @classmethod
    def from_dict(cls, data: Any) -> Outcome | None:
        """An outcome read back from the cache; None when the entry is malformed."""
        try:
            hops = [Hop(str(u), int(s), str(loc)) for u, s, loc in data["hops"]]
            status = data["status"]
            error = data["error"]
            final = data["final_url"]
            if not (status is None or (isinstance(status, int) and not isinstance(status, bool))):
                return None
            if not (error is None or isinstance(error, str)):
                return None
            if not (final is None or isinstance(final, str)):
                return None
            return cls(str(data["url"]), status, error, final, hops)
        except (KeyError, TypeError, ValueError):
            return None


@dataclass
class Response:
    status: int
    location: str | None
    body: bytes
    content_type: str
    content_location: str | None = None


def request(url: str, method: str, settings: LinkSettings, limit: int = MAX_BODY) -> Response:
    """One request without following redirects; reads at most ``limit`` bytes.

    Raises OSError (socket.timeout, ssl.SSLError and connection errors are OSErrors)
    or http.client.HTTPException; the caller turns them into messages.
    """
    parts = urlsplit(url)
    host = parts.hostname or ""
    port = parts.port  # ValueError on a bad port; caught by the caller
    connection: http.client.HTTPConnection
    if parts.scheme == "https":
        connection = http.client.HTTPSConnection(
            host, port, timeout=settings.timeout, context=ssl.create_default_context()
        )
    else:
        connection = http.client.HTTPConnection(host, port, timeout=settings.timeout)
    target = parts.path or "/"
    if parts.query:
        target += "?" + parts.query
    # as a browser sends it: non-ASCII and spaces percent-encoded, escapes kept
    target = quote(target, safe="/?&=%:@!$'()*+,;~-._[]")
    sent = {
        "User-Agent": settings.user_agent,
        "Accept": "*/*",
        "Accept-Encoding": "identity",
    }
    try:
        connection.request(method, target, headers=sent)
        response = connection.getresponse()
        body = b"" if method == "HEAD" else response.read(limit)
        return Response(
            response.status,
            response.getheader("Location"),
            body,
            response.getheader("Content-Type") or "",
            response.getheader("Content-Location"),
        )
    finally:
        # Closing without reading the rest drops the connection: a big body is
        # never transferred beyond what the socket buffers already hold.
        connection.close()


def describe_error(exc: BaseException) -> str:
    if isinstance(exc, (socket.timeout, TimeoutError)):
        return "timed out"
    if isinstance(exc, socket.gaierror):
        return "host not found"
    if isinstance(exc, ssl.SSLCertVerificationError):
        return f"TLS certificate not valid ({exc.verify_message})"
    if isinstance(exc, ssl.SSLError):
        return f"TLS error ({exc.reason or exc})"
    if isinstance(exc, ConnectionRefusedError):
        return "connection refused"
    if isinstance(exc, ConnectionResetError):
        return "connection reset by the server"
    if isinstance(exc, http.client.RemoteDisconnected):
        return "the server closed the connection without answering"
    if isinstance(exc, http.client.HTTPException):
        return f"not a valid HTTP answer ({type(exc).__name__})"
    if isinstance(exc, OSError):
        return exc.strerror or str(exc) or type(exc).__name__
    return str(exc) or type(exc).__name__


def probe(url: str, settings: LinkSettings, slot: Slot) -> Outcome:
    """Follow ``url`` to its final answer. ``slot(host)`` is held around each request
    (the per-host limits); it is entered once per request, redirects included."""
    outcome = Outcome(url)
    seen = {url}
    current = url
    while True:
        parts = urlsplit(current)
        if parts.scheme not in ("http", "https"):
            where = "" if current == url else " (after a redirect)"
            outcome.error = f"not an http(s) URL{where}: scheme '{parts.scheme or '(none)'}'"
            return outcome
        if not parts.hostname:
            outcome.error = "the URL has no host"
            return outcome
        try:
            host = parts.hostname.lower()
            with slot(host):
                response = request(current, "HEAD", settings)
            if response.status in _RETRY_WITH_GET:
                with slot(host):
                    response = request(current, "GET", settings)
        except (OSError, http.client.HTTPException, ValueError) as exc:
            outcome.error = describe_error(exc)
            return outcome
        if response.status in REDIRECTS and response.location:
            target = urljoin(current, response.location.strip())
            outcome.hops.append(Hop(current, response.status, target))
            if target in seen:
                outcome.error = f"redirect loop ({response.status} back to {target})"
                return outcome
            if len(outcome.hops) > settings.max_redirects:
                outcome.error = f"more than {settings.max_redirects} redirects"
                return outcome
            seen.add(target)
            current = target
            continue
        outcome.status = response.status
        outcome.final_url = current
        return outcome

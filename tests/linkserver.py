"""Real HTTP servers on 127.0.0.1 for the link checker's tests (nothing else is asked).

:class:`LinkServer` answers fixed routes (see ``ROUTES``), a Wayback-style
availability API and a save endpoint, and records every request. :func:`silent_server`
is a socket that accepts connections and never answers.
"""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

HUGE_BYTES = 512 * 1024 * 1024  # announced by /huge; a full download would take long
CHUNK = 64 * 1024

# path -> (status, Location) for GET and HEAD alike
ROUTES: dict[str, tuple[int, str | None]] = {
    "/ok": (200, None),
    "/ok2": (200, None),
    "/missing": (404, None),
    "/gone": (410, None),
    "/error": (500, None),
    "/moved": (301, "/moved-again"),
    "/moved-again": (308, "/ok"),
    "/temporary": (302, "/ok"),
    "/moved-dead": (301, "/missing"),
    "/loop-a": (301, "/loop-b"),
    "/loop-b": (301, "/loop-a"),
    "/to-ftp": (302, "ftp://127.0.0.1/file.txt"),
    "/caf%C3%A9%20menu": (200, None),
}


class LinkServer:
    def __init__(self) -> None:
        self.requests: list[dict[str, Any]] = []
        self.huge_sent = 0
        self.huge_finished = False
        # url -> snapshot url (or None: no snapshot) for the availability API
        self.snapshots: dict[str, str | None] = {}
        self.saved: list[str] = []
        self.lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def _record(self) -> None:
                with server.lock:
                    server.requests.append(
                        {
                            "method": self.command,
                            "path": self.path,
                            "agent": self.headers.get("User-Agent", ""),
                        }
                    )

            def _send(self, status: int, body: bytes = b"", headers: dict[str, str] | None = None):
                self.send_response(status)
                for key, value in (headers or {}).items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(body)

            def do_HEAD(self) -> None:
                self._handle()

            def do_GET(self) -> None:
                self._handle()

            def _handle(self) -> None:
                self._record()
                parts = urlsplit(self.path)
                path = parts.path
                if path == "/no-head":
                    self._send(405 if self.command == "HEAD" else 200, b"hello")
                elif path == "/huge":
                    if self.command == "HEAD":
                        self._send(405)
                        return
                    self._huge()
                elif path == "/wayback/available":
                    url = parse_qs(parts.query).get("url", [""])[0]
                    snapshot = server.snapshots.get(url)
                    closest = (
                        {
                            "archived_snapshots": {
                                "closest": {
                                    "available": True,
                                    "url": snapshot,
                                    "timestamp": "20240101000000",
                                    "status": "200",
                                }
                            }
                        }
                        if snapshot
                        else {"archived_snapshots": {}}
                    )
                    body = json.dumps({"url": url, **closest}).encode()
                    self._send(200, body, {"Content-Type": "application/json"})
                elif path.startswith("/save/"):
                    url = unquote(self.path[len("/save/") :])
                    with server.lock:
                        server.saved.append(url)
                    self._send(302, b"", {"Location": f"/web/20260101000000/{url}"})
                elif path in ROUTES:
                    status, location = ROUTES[path]
                    self._send(status, b"body", {"Location": location} if location else {})
                else:
                    self._send(404, b"not here")

            def _huge(self) -> None:
                self.send_response(200)
                self.send_header("Content-Length", str(HUGE_BYTES))
                self.end_headers()
                chunk = b"x" * CHUNK
                try:
                    while server.huge_sent < HUGE_BYTES:
                        self.wfile.write(chunk)
                        server.huge_sent += CHUNK
                    server.huge_finished = True
                except OSError:
                    pass  # the client hung up, as it should
                self.close_connection = True

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def paths(self, method: str | None = None) -> list[str]:
        with self.lock:
            return [r["path"] for r in self.requests if method in (None, r["method"])]

    def start(self) -> LinkServer:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@contextmanager
def running() -> Iterator[LinkServer]:
    server = LinkServer().start()
    try:
        yield server
    finally:
        server.stop()


@contextmanager
def silent_server() -> Iterator[str]:
    """A URL whose server accepts the connection and never says a word."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)  # never accepted: the kernel completes the handshake, nobody answers
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}/slow"
    finally:
        sock.close()

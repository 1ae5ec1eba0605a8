"""A receiver of webhooks for the tests: a small HTTP server in a thread on 127.0.0.1 that checks
each delivery's signature as docs/formats/webhooks.md tells a receiver to, and answers with the
codes it is told (the last one again once they run out)."""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

SECRET = "mottagarens-hemlighet-2026"  # noqa: S105 (the tests' receiver's own)


def verify(secret: str, body: bytes, header: str) -> bool:
    """The check of docs/formats/webhooks.md, word for word."""
    expected = "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, header)


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: bytes
    signed: bool

    @property
    def payload(self) -> dict[str, Any]:
        result: dict[str, Any] = json.loads(self.body)
        return result


class Receiver:
    def __init__(self, secret: str = SECRET) -> None:
        self.secret = secret
        self.answers: list[int] = [200]
        self.received: list[Received] = []
        # Seconds to wait before answering, and between the lines of a slow answer.
        self.delay = 0.0
        self.drip = 0.0
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (http.server's name)
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                receiver.received.append(
                    Received(
                        path=self.path,
                        headers=dict(self.headers.items()),
                        body=body,
                        signed=verify(
                            receiver.secret, body, self.headers.get("X-Samverkan-Signature", "")
                        ),
                    )
                )
                code = receiver.answers.pop(0) if len(receiver.answers) > 1 else receiver.answers[0]
                time.sleep(receiver.delay)
                if receiver.drip:
                    # The sender hangs up half-way: that is the point.
                    with contextlib.suppress(OSError):
                        self.wfile.write(f"HTTP/1.1 {code} OK\r\n".encode())
                        for n in range(40):
                            self.wfile.write(f"X-Line-{n}: slow\r\n".encode())
                            self.wfile.flush()
                            time.sleep(receiver.drip)
                    return
                self.send_response(code)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"ok")

            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/samverkan/hook"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver(settings: Any) -> Iterator[Receiver]:
    """A receiver on 127.0.0.1, which the operator allows for the test."""
    settings.WEBHOOK_ALLOWED_NETWORKS = ["127.0.0.1/32"]
    found = Receiver()
    yield found
    found.close()

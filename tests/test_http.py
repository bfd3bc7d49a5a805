"""URL sources against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import contextlib
import gzip
import json
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from conftest import Run

CSV = b"handle,followers\nana,12500\nbo,200\n"
ROUTES: dict[str, tuple[int, dict[str, str], bytes]] = {
    "/creators.csv": (200, {"Content-Type": "text/csv"}, CSV),
    "/export": (
        200,
        {"Content-Type": "application/json"},
        json.dumps([{"handle": "cy", "followers": 5}]).encode(),
    ),
    "/creators.csv.gz": (200, {"Content-Type": "application/gzip"}, gzip.compress(CSV)),
    "/missing.csv": (404, {}, b"not here"),
    "/broken.csv": (500, {}, b"oops"),
    "/moved.csv": (302, {"Location": "/creators.csv"}, b""),
    "/loop.csv": (302, {"Location": "/loop.csv"}, b""),
}


class Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path == "/slow.csv":
            time.sleep(2)
            self._send(200, {}, CSV)
        elif self.path == "/big.csv":
            body = b"handle,followers\n" + b"x,1\n" * 50_000
            self._send(200, {"Content-Type": "text/csv"}, body, chunked_length=False)
        else:
            status, headers, body = ROUTES.get(self.path, (404, {}, b""))
            self._send(status, headers, body)

    def _send(
        self, status: int, headers: dict[str, str], body: bytes, chunked_length: bool = True
    ) -> None:
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        if chunked_length:
            self.send_header("Content-Length", str(len(body)))
        else:
            self.send_header("Connection", "close")
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def handles(result) -> list[str]:  # type: ignore[no-untyped-def]
    assert result.exit_code == 0, result.stderr
    return [r["handle"] for r in json.loads(result.stdout)]


def test_csv_by_url(run: Run, server: str) -> None:
    assert handles(run("classify", f"{server}/creators.csv")) == ["ana", "bo"]


def test_format_from_content_type_and_gzip(run: Run, server: str) -> None:
    assert handles(run("classify", f"{server}/export")) == ["cy"]
    assert handles(run("classify", f"{server}/creators.csv.gz")) == ["ana", "bo"]


def test_redirect_is_followed(run: Run, server: str) -> None:
    assert handles(run("classify", f"{server}/moved.csv")) == ["ana", "bo"]


def test_mixed_sources(run: Run, server: str, write) -> None:  # type: ignore[no-untyped-def]
    local = write("local.json", '[{"handle": "di", "followers": 30000}]')
    result = run("classify", str(local), f"{server}/creators.csv", "--fields", "handle,source")
    rows = json.loads(result.stdout)
    assert {r["source"] for r in rows} == {str(local), f"{server}/creators.csv"}


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/missing.csv", "HTTP 404 Not Found"),
        ("/broken.csv", "HTTP 500 Internal Server Error"),
        ("/loop.csv", "more than 5 redirects"),
    ],
)
def test_http_errors_exit_3_naming_the_url(run: Run, server: str, path: str, message: str) -> None:
    result = run("classify", f"{server}{path}")
    assert result.exit_code == 3
    assert result.stderr.startswith(f"error: {server}{path}: {message}")


def test_timeout_exits_3(run: Run, server: str) -> None:
    result = run("classify", f"{server}/slow.csv", "--timeout", "0.5")
    assert result.exit_code == 3
    assert "timed out" in result.stderr and f"{server}/slow.csv" in result.stderr


def test_body_over_max_bytes_exits_3(run: Run, server: str) -> None:
    result = run("classify", f"{server}/big.csv", "--max-bytes", "100000")
    assert result.exit_code == 3
    assert "over" in result.stderr and "--max-bytes" in result.stderr
    assert result.stdout == ""


def test_refused_connection_exits_3(run: Run) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    result = run("classify", f"http://127.0.0.1:{port}/x.csv")
    assert result.exit_code == 3
    assert f"http://127.0.0.1:{port}/x.csv: cannot connect" in result.stderr


def test_other_schemes_are_refused(run: Run) -> None:
    result = run("classify", "ftp://127.0.0.1/x.csv")
    assert result.exit_code == 3
    assert "ftp:// scheme is not supported" in result.stderr

"""URL sources under attack: slow servers, gzip bombs, redirects to internal addresses."""

from __future__ import annotations

import contextlib
import gzip
import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from conftest import Run

CSV = b"handle,followers\nana,12500\nbo,2000\n"
PUBLIC = "http://93.184.216.34"  # a global address; requests for it go through the proxy below


class Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        # as a proxy, the path is the whole URL: http://93.184.216.34/...
        path = self.path.split("93.184.216.34", 1)[-1] if "://" in self.path else self.path
        port = self.server.server_address[1]
        if path == "/dribble.csv":
            self.send_response(200)
            self.send_header("Content-Type", "text/csv")
            self.end_headers()
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                for byte in CSV * 100:
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                    time.sleep(0.05)
        elif path == "/bomb.csv.gz":
            body = gzip.compress(b"handle,followers\n" + b"a,5000\n" * 2_000_000, 9)
            self._send(200, {"Content-Type": "application/gzip"}, body)
        elif path == "/bomb-encoded.csv":
            body = gzip.compress(b"handle,followers\n" + b"a,5000\n" * 2_000_000, 9)
            self._send(200, {"Content-Type": "text/csv", "Content-Encoding": "gzip"}, body)
        elif path == "/to-loopback.csv":
            self._send(302, {"Location": f"http://127.0.0.1:{port}/creators.csv"}, b"")
        elif path == "/to-metadata.csv":
            self._send(302, {"Location": "http://169.254.169.254/latest/meta-data/"}, b"")
        elif path == "/to-public.csv":
            self._send(302, {"Location": f"{PUBLIC}/creators.csv"}, b"")
        elif path == "/creators.csv":
            self._send(200, {"Content-Type": "text/csv"}, CSV)
        else:
            self._send(404, {}, b"")

    def _send(self, status: int, headers: dict[str, str], body: bytes) -> None:
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
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


@pytest.fixture
def proxied(server: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """The test server as the HTTP proxy, so that a global address reaches it."""
    monkeypatch.setenv("HTTP_PROXY", server)
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    return PUBLIC


def test_a_dribbling_server_meets_the_deadline(run: Run, server: str) -> None:
    started = time.monotonic()
    result = run("classify", f"{server}/dribble.csv", "--deadline", "1", "--timeout", "5")
    assert result.exit_code == 3
    assert "took longer than its deadline" in result.stderr
    assert "--deadline" in result.stderr
    assert time.monotonic() - started < 30  # not a timing assertion: the run would never end


@pytest.mark.parametrize("path", ["/bomb.csv.gz", "/bomb-encoded.csv"])
def test_a_gzip_body_is_capped_after_decompression(run: Run, server: str, path: str) -> None:
    result = run("classify", f"{server}{path}", "--max-bytes", "1000000")
    assert result.exit_code == 3
    assert "over 1,000,000 bytes" in result.stderr or "more than 1,000,000 bytes" in result.stderr
    assert "--max-bytes" in result.stderr


def test_a_redirect_from_a_public_url_to_loopback_is_refused(run: Run, proxied: str) -> None:
    result = run("classify", f"{proxied}/to-loopback.csv")
    assert result.exit_code == 3
    assert "a loopback, link-local or private address; not followed" in result.stderr


def test_a_redirect_to_link_local_metadata_is_refused(run: Run, proxied: str) -> None:
    result = run("classify", f"{proxied}/to-metadata.csv")
    assert result.exit_code == 3
    assert "169.254.169.254" in result.stderr and "not followed" in result.stderr


def test_a_redirect_between_public_addresses_is_followed(run: Run, proxied: str) -> None:
    result = run("classify", f"{proxied}/to-public.csv")
    assert result.exit_code == 0, result.stderr
    assert [r["handle"] for r in json.loads(result.stdout)] == ["ana", "bo"]


def test_a_loopback_url_typed_by_the_user_may_redirect_to_loopback(run: Run, server: str) -> None:
    result = run("classify", f"{server}/to-loopback.csv")
    assert result.exit_code == 0, result.stderr
    assert [r["handle"] for r in json.loads(result.stdout)] == ["ana", "bo"]

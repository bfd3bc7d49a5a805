"""http(s) sources: streamed with httpx (imported only when a URL is read)."""

from __future__ import annotations

import contextlib
import io
import ipaddress
import socket
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from microinf.errors import SourceError
from microinf.read.limits import DEFAULT_MAX_BYTES, READ_TIMEOUT, Limits

CONNECT_TIMEOUT = 10.0
MAX_REDIRECTS = 5
DEADLINE = Limits().deadline


@dataclass
class Response:
    """An open response body as a binary stream."""

    stream: Any
    size: int | None
    content_type: str | None


class _Body(io.RawIOBase):
    """The body of a streamed response, capped at `limit` bytes and at a deadline."""

    def __init__(self, url: str, chunks: Iterator[bytes], limit: int, deadline: float) -> None:
        super().__init__()
        self._url = url
        self._chunks = chunks
        self._limit = limit
        self._deadline = deadline  # time.monotonic() after which the download is given up
        self._seen = 0
        self._pending = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        import httpx

        while not self._pending:
            try:
                chunk = next(self._chunks, None)
            except httpx.TimeoutException:
                raise SourceError(f"{self._url}: timed out while reading the response") from None
            except httpx.HTTPError as exc:
                raise SourceError(f"{self._url}: the transfer failed ({exc})") from None
            if chunk is None:
                return 0
            _check_deadline(self._url, self._deadline)
            self._seen += len(chunk)
            if self._seen > self._limit:
                raise SourceError(
                    f"{self._url}: the response is over {self._limit:,} bytes",
                    hint="raise the cap with --max-bytes",
                )
            self._pending = chunk
        n = min(len(buffer), len(self._pending))
        buffer[:n] = self._pending[:n]
        self._pending = self._pending[n:]
        return n


def _check_deadline(url: str, deadline: float) -> None:
    if time.monotonic() > deadline:
        raise SourceError(
            f"{url}: the download took longer than its deadline",
            hint="raise it with --deadline SECONDS",
        )


def _internal(host: str) -> bool:
    """True when a host is, or resolves to, a loopback, link-local or private address."""
    try:
        addresses = [ipaddress.ip_address(host.strip("[]"))]
    except ValueError:
        try:
            infos = socket.getaddrinfo(host, None)
        except (OSError, UnicodeError):
            return False  # the request itself will fail and say why
        addresses = [ipaddress.ip_address(str(info[4][0]).split("%", 1)[0]) for info in infos]
    return any(not a.is_global or a.is_multicast for a in addresses)


def _redirect_guard(url: str) -> Any:
    """A request hook refusing a redirect to an internal address, unless `url` is internal."""
    import httpx

    first = httpx.URL(url)
    trusted = _internal(first.host)

    def check(request: Any) -> None:
        if trusted or request.url == first:
            return
        if _internal(request.url.host):
            raise SourceError(
                f"{url}: redirected to {request.url}, a loopback, link-local or private "
                "address; not followed",
                hint="give that address yourself if you mean to read from it",
            )

    return check


@contextlib.contextmanager
def open_url(
    url: str,
    max_bytes: int = DEFAULT_MAX_BYTES,
    read_timeout: float = READ_TIMEOUT,
    deadline: float = DEADLINE,
) -> Iterator[Response]:
    """GET a URL and stream its body; every failure is a SourceError naming the URL."""
    import httpx

    limit = max_bytes
    until = time.monotonic() + deadline
    timeout = httpx.Timeout(min(read_timeout, deadline), connect=min(CONNECT_TIMEOUT, deadline))
    try:
        hook = _redirect_guard(url)
        with (
            httpx.Client(
                timeout=timeout,
                follow_redirects=True,
                max_redirects=MAX_REDIRECTS,
                event_hooks={"request": [hook]},
            ) as client,
            client.stream("GET", url, headers={"Accept-Encoding": "gzip"}) as response,
        ):
            _check_deadline(url, until)
            if response.status_code >= 400:
                raise SourceError(
                    f"{url}: HTTP {response.status_code} {response.reason_phrase}".rstrip()
                )
            length = response.headers.get("content-length")
            size = int(length) if length and length.isdigit() else None
            if size is not None and size > limit:
                raise SourceError(
                    f"{url}: the response is {size:,} bytes, over the {limit:,}-byte cap",
                    hint="raise the cap with --max-bytes",
                )
            body = _Body(url, response.iter_bytes(), limit, until)
            yield Response(body, size, response.headers.get("content-type"))
    except httpx.TooManyRedirects:
        raise SourceError(f"{url}: more than {MAX_REDIRECTS} redirects") from None
    except httpx.ConnectTimeout:
        raise SourceError(f"{url}: timed out connecting") from None
    except httpx.TimeoutException:
        raise SourceError(f"{url}: timed out waiting for the server") from None
    except httpx.ConnectError as exc:
        raise SourceError(f"{url}: cannot connect ({_reason(exc)})") from None
    except httpx.HTTPError as exc:
        raise SourceError(f"{url}: request failed ({exc})") from None
    except (httpx.InvalidURL, ValueError) as exc:
        raise SourceError(f"{url}: not a valid URL ({exc})") from None


def _reason(exc: Exception) -> str:
    text = str(exc)
    if "Name or service not known" in text or "nodename nor servname" in text:
        return "the host name could not be resolved"
    if "Connection refused" in text:
        return "connection refused"
    return text or type(exc).__name__

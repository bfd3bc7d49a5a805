"""http(s) sources: streamed with httpx (imported only when a URL is read)."""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from microinf.errors import SourceError
from microinf.read.limits import DEFAULT_MAX_BYTES, READ_TIMEOUT

CONNECT_TIMEOUT = 10.0
MAX_REDIRECTS = 5


@dataclass
class Response:
    """An open response body as a binary stream."""

    stream: Any
    size: int | None
    content_type: str | None


class _Body(io.RawIOBase):
    """The body of a streamed response, capped at `limit` bytes."""

    def __init__(self, url: str, chunks: Iterator[bytes], limit: int) -> None:
        super().__init__()
        self._url = url
        self._chunks = chunks
        self._limit = limit
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


@contextlib.contextmanager
def open_url(
    url: str, max_bytes: int = DEFAULT_MAX_BYTES, read_timeout: float = READ_TIMEOUT
) -> Iterator[Response]:
    """GET a URL and stream its body; every failure is a SourceError naming the URL."""
    import httpx

    limit = max_bytes
    timeout = httpx.Timeout(read_timeout, connect=CONNECT_TIMEOUT)
    try:
        with (
            httpx.Client(
                timeout=timeout, follow_redirects=True, max_redirects=MAX_REDIRECTS
            ) as client,
            client.stream("GET", url, headers={"Accept-Encoding": "gzip"}) as response,
        ):
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
            body = _Body(url, response.iter_bytes(), limit)
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


def _reason(exc: Exception) -> str:
    text = str(exc)
    if "Name or service not known" in text or "nodename nor servname" in text:
        return "the host name could not be resolved"
    if "Connection refused" in text:
        return "connection refused"
    return text or type(exc).__name__

"""A source (path, `-` for stdin, http(s) URL) -> a name and a binary stream."""

from __future__ import annotations

import contextlib
import gzip
import io
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import BinaryIO

from microinf.errors import SourceError
from microinf.read.limits import DEFAULT_MAX_BYTES, READ_TIMEOUT

HEAD_SIZE = 64 * 1024


@dataclass
class Opened:
    """An open source: its display name, a buffered binary stream and what is known of it."""

    name: str
    stream: io.BufferedIOBase
    head: bytes  # the first bytes, for sniffing; still readable from `stream`
    content_type: str | None = None
    size: int | None = None


class _Prefixed(io.RawIOBase):
    """Bytes already read, then the rest of the stream."""

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        super().__init__()
        self._head = memoryview(head)
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        if self._head:
            n = min(len(buffer), len(self._head))
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        data = self._rest.read(len(buffer))
        n = len(data)
        buffer[:n] = data
        return n


class _Counting(io.RawIOBase):
    """Reports the bytes read from the underlying source (compressed bytes for gzip)."""

    def __init__(
        self, raw: BinaryIO, on_bytes: Callable[[int, int | None], None], total: int | None
    ) -> None:
        super().__init__()
        self._raw = raw
        self._on_bytes = on_bytes
        self._total = total
        self.done = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        data = self._raw.read(len(buffer))
        n = len(data)
        buffer[:n] = data
        self.done += n
        self._on_bytes(self.done, self._total)
        return n


def _read_head(stream: BinaryIO) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while size < HEAD_SIZE:
        chunk = stream.read(HEAD_SIZE - size)
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def is_url(spec: str) -> bool:
    """True for http:// and https:// sources."""
    return spec.lower().startswith(("http://", "https://"))


def display_name(spec: str) -> str:
    """How a source is named in messages."""
    return "<stdin>" if spec == "-" else spec


@contextlib.contextmanager
def open_source(
    spec: str,
    on_bytes: Callable[[int, int | None], None] | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    read_timeout: float = READ_TIMEOUT,
) -> Iterator[Opened]:
    """Open a path, `-` or a URL as a buffered binary stream, gunzipping when needed.

    `on_bytes(read, total)` hears of the bytes read; the URL limits apply to URLs only.
    """
    name = display_name(spec)
    if "://" in spec and not is_url(spec):
        scheme = spec.split("://", 1)[0]
        raise SourceError(
            f"{spec}: the {scheme}:// scheme is not supported",
            hint="use a path, - or an http(s) URL",
        )
    with contextlib.ExitStack() as stack:
        raw: BinaryIO
        size: int | None = None
        content_type: str | None = None
        if spec == "-":
            raw = sys.stdin.buffer
        elif is_url(spec):
            from microinf.read.http import open_url

            response = stack.enter_context(open_url(spec, max_bytes, read_timeout))
            raw, size, content_type = response.stream, response.size, response.content_type
        else:
            raw = stack.enter_context(_open_path(spec))
            with contextlib.suppress(OSError):
                size = _file_size(spec)
        if on_bytes is not None:
            raw = _Counting(raw, on_bytes, size)  # type: ignore[assignment]
        head = _read_head(raw)
        if head[:2] == b"\x1f\x8b":
            gz = gzip.GzipFile(fileobj=io.BufferedReader(_Prefixed(head, raw)), mode="rb")
            raw = gz  # type: ignore[assignment]
            try:
                head = _read_head(raw)
            except (OSError, EOFError) as exc:
                raise SourceError(f"{name}: not a valid gzip file ({exc})") from None
        stream = io.BufferedReader(_Prefixed(head, raw), buffer_size=256 * 1024)
        yield Opened(name, stream, head, content_type, size)


def _file_size(path: str) -> int:
    import os

    return os.stat(path).st_size


@contextlib.contextmanager
def _open_path(path: str) -> Iterator[BinaryIO]:
    try:
        handle = open(path, "rb")  # noqa: SIM115 - closed below
    except FileNotFoundError:
        raise SourceError(f"{path}: no such file", hint="check the path") from None
    except IsADirectoryError:
        raise SourceError(f"{path}: is a directory, not a file") from None
    except PermissionError:
        raise SourceError(f"{path}: permission denied") from None
    except OSError as exc:
        raise SourceError(f"{path}: cannot open ({exc.strerror})") from None
    with handle:
        yield handle

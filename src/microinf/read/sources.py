"""A source (path, `-` for stdin, http(s) URL) -> a name and a binary stream."""

from __future__ import annotations

import contextlib
import gzip
import io
import sys
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from typing import BinaryIO

from microinf.errors import DataError, SourceError
from microinf.read.limits import DEFAULT_MAX_BYTES, READ_TIMEOUT, Limits

__all__ = ["DEFAULT_MAX_BYTES", "READ_TIMEOUT", "Limits", "Opened", "open_source"]

HEAD_SIZE = 64 * 1024


class Guard(io.RawIOBase):
    """Caps the bytes of a source after decompression, and the length of its lines.

    The line cap is off until the format is known: a JSON document may be one long line.
    """

    def __init__(self, raw: BinaryIO, name: str, limit: int, option: str) -> None:
        super().__init__()
        self._raw = raw
        self._name = name
        self.limit = limit
        self.option = option
        self.max_line: int | None = None
        self.done = 0
        self._run = 0  # bytes since the last line break

    def readable(self) -> bool:
        return True

    def _check_lines(self, data: bytes) -> None:
        # only the line that crosses chunks can be long: a chunk is far shorter than the cap
        ends = [i for i in (data.find(b"\n"), data.find(b"\r")) if i >= 0]
        if ends:
            longest = self._run + min(ends)
            self._run = len(data) - max(data.rfind(b"\n"), data.rfind(b"\r")) - 1
        else:
            self._run += len(data)
            longest = self._run
        if self.max_line is not None and longest > self.max_line:
            raise DataError(
                f"{self._name}: a line is longer than {self.max_line:,} bytes "
                f"(before byte {self.done:,})",
                hint="a line may be 16 times --max-field-size; raise it if the file is right",
            )

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        data = self._raw.read(len(buffer))
        n = len(data)
        self.done += n
        if self.done > self.limit:
            raise SourceError(
                f"{self._name}: more than {self.limit:,} bytes",
                hint=f"raise the cap with {self.option}",
            )
        if self.max_line is not None and n:
            self._check_lines(data)
        buffer[:n] = data
        return n


@dataclass
class Opened:
    """An open source: its display name, a buffered binary stream and what is known of it."""

    name: str
    stream: io.BufferedIOBase
    head: bytes  # the first bytes, for sniffing; still readable from `stream`
    content_type: str | None = None
    size: int | None = None
    guard: Guard | None = None  # the byte and line caps, tightened once the format is known
    limits: Limits = field(default_factory=Limits)


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
    max_bytes: int | None = None,
    read_timeout: float | None = None,
    limits: Limits | None = None,
) -> Iterator[Opened]:
    """Open a path, `-` or a URL as a buffered binary stream, gunzipping when needed.

    `on_bytes(read, total)` hears of the bytes read. `limits` caps the bytes after
    decompression (`max_bytes` and `read_timeout` override its fields).
    """
    limits = limits or Limits()
    if max_bytes is not None or read_timeout is not None:
        limits = replace(
            limits,
            max_bytes=limits.max_bytes if max_bytes is None else max_bytes,
            read_timeout=limits.read_timeout if read_timeout is None else read_timeout,
        )
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
            raw = _stdin()
        elif is_url(spec):
            from microinf.read.http import open_url

            response = stack.enter_context(
                open_url(spec, limits.max_bytes, limits.read_timeout, limits.deadline)
            )
            raw, size, content_type = response.stream, response.size, response.content_type
        else:
            raw = stack.enter_context(_open_path(spec))
            with contextlib.suppress(OSError):
                size = _file_size(spec)
        if on_bytes is not None:
            raw = _Counting(raw, on_bytes, size)  # type: ignore[assignment]
        head = _read_head_of(raw, name)
        if head[:2] == b"\x1f\x8b":
            gz = gzip.GzipFile(fileobj=io.BufferedReader(_Prefixed(head, raw)), mode="rb")
            raw = _Gunzip(gz, name)  # type: ignore[assignment]
            head = b""
        guard = Guard(_Prefixed(head, raw), name, limits.max_bytes, "--max-bytes")  # type: ignore[arg-type]
        head = _read_head_of(guard, name)  # type: ignore[arg-type]
        stream = io.BufferedReader(_Prefixed(head, guard), buffer_size=256 * 1024)  # type: ignore[arg-type]
        yield Opened(name, stream, head, content_type, size, guard, limits)


class _Gunzip(io.RawIOBase):
    """A gzip stream whose corruption is a SourceError naming the source."""

    def __init__(self, gz: gzip.GzipFile, name: str) -> None:
        super().__init__()
        self._gz = gz
        self._name = name

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        try:
            return self._gz.read(size)
        except (OSError, EOFError, zlib.error) as exc:
            raise SourceError(f"{self._name}: not a valid gzip file ({exc})") from None

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def _read_head_of(stream: BinaryIO, name: str) -> bytes:
    try:
        return _read_head(stream)
    except OSError as exc:
        raise SourceError(f"{name}: cannot read ({exc.strerror or exc})") from None


def _stdin() -> BinaryIO:
    stdin = sys.stdin
    if stdin is None or stdin.closed:
        raise SourceError("<stdin>: standard input is closed", hint="pipe a file in, or name one")
    return stdin.buffer


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

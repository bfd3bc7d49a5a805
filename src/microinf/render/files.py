"""Output files written whole or not at all: a temporary file beside the target, renamed."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable
from typing import IO

from microinf.errors import SourceError, UsageError


def _same(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.realpath(a) == os.path.realpath(b)


def target_path(path: str, inputs: Iterable[str] = (), what: str = "") -> str:
    """The file to replace for `path`: refused when it is an input or a dangling symlink.

    A live symlink is followed, so that the link stays and its target gets the new content.
    """
    label = f"{what} {path}".strip()
    for source in inputs:
        if source and source != "-" and "://" not in source and _same(path, source):
            raise UsageError(
                f"{label}: is also an input; not overwriting it", hint="write to another file"
            )
    if os.path.islink(path) and not os.path.exists(path):
        raise UsageError(
            f"{label}: is a symbolic link to a missing file; not writing through it",
            hint="remove the link or name another file",
        )
    real = os.path.realpath(path)
    folder = os.path.dirname(real) or "."
    if not os.path.isdir(folder):
        raise SourceError(f"{label}: the folder {os.path.dirname(path) or '.'} does not exist")
    if os.path.isdir(real):
        raise UsageError(f"{label}: is a directory")
    if os.path.exists(real) and not os.path.isfile(real):
        raise UsageError(f"{label}: is not a regular file (a device or a pipe); not replacing it")
    return real


class AtomicFile:
    """A text file that replaces its target only on commit(); discard() leaves it untouched."""

    def __init__(self, path: str, inputs: Iterable[str] = (), what: str = "") -> None:
        self.path = path
        self.label = f"{what} {path}".strip()
        self._target = target_path(path, inputs, what)
        folder = os.path.dirname(self._target)
        try:
            fd, self._temp = tempfile.mkstemp(
                prefix=f".{os.path.basename(self._target)[:100]}.", suffix=".tmp", dir=folder
            )
        except OSError as exc:
            raise SourceError(f"{self.label}: cannot write ({exc.strerror or exc})") from None
        self.file: IO[str] = os.fdopen(fd, "w", encoding="utf-8", newline="")
        self.closed = False

    def write(self, text: str) -> None:
        """Write text; a failure (a full disk) is a SourceError naming the file."""
        try:
            self.file.write(text)
        except OSError as exc:
            self.discard()
            raise SourceError(f"{self.label}: cannot write ({exc.strerror or exc})") from None

    def commit(self) -> None:
        """Flush, then put the file in place of its target."""
        if self.closed:
            return
        try:
            self.file.flush()
            os.fsync(self.file.fileno())
            self.file.close()
            mode = 0o666 & ~_umask()
            os.chmod(self._temp, mode)
            os.replace(self._temp, self._target)
        except OSError as exc:
            self.discard()
            raise SourceError(f"{self.label}: cannot write ({exc.strerror or exc})") from None
        self.closed = True

    def discard(self) -> None:
        """Drop what was written; the target stays as it was."""
        if self.closed:
            return
        self.closed = True
        with contextlib.suppress(OSError):
            self.file.close()
        with contextlib.suppress(OSError):
            os.unlink(self._temp)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_file(path: str, text: str, inputs: Iterable[str] = (), what: str = "") -> None:
    """Write a whole file atomically."""
    out = AtomicFile(path, inputs, what)
    out.write(text)
    out.commit()

"""The console script: the command line run with a last-resort handler around it.

This module imports nothing heavy, so that an interrupt while the rest loads still ends
with exit code 130 rather than a traceback.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import sys
import traceback

INTERNAL = 70  # ExitCode.INTERNAL, repeated here so that nothing heavy is imported first
INTERRUPTED = 130
REPORT = "this is a bug in microinf; please report it with the command and the lines above"


class _Closed(io.TextIOBase):
    """Standard output when its descriptor is closed: writing to it is an error to report."""

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, "standard output is closed")

    def isatty(self) -> bool:
        return False


def _prepare_streams() -> None:
    if sys.stdout is None:
        sys.stdout = _Closed()
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w")  # noqa: SIM115 - lives as long as the process
    # a character the terminal's encoding lacks (PYTHONIOENCODING=ascii) is replaced, not fatal
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):
                reconfigure(errors="replace" if stream is sys.stdout else "backslashreplace")


def _quiet_stdout() -> None:
    # after a failed write, keep Python's own flush at exit from failing again
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def _say(message: str) -> None:
    with contextlib.suppress(OSError, ValueError, AttributeError):
        print(message, file=sys.stderr)


def run(args: list[str] | None = None) -> int:
    """Run the command line; the exit code, whatever happens."""
    _prepare_streams()
    try:
        import typer

        from microinf.cli.app import app

        try:
            result = app(args=args, standalone_mode=False)
        except typer.Abort:  # end of input where a prompt wanted one
            _say("error: aborted")
            return 1
        except typer.exceptions.TyperException as exc:  # a usage error: its message, code 2
            show = getattr(exc, "show", None)
            if show is None:
                raise
            show()
            return int(getattr(exc, "exit_code", 2))
        code = result if isinstance(result, int) else 0
        sys.stdout.flush()
        return code
    except KeyboardInterrupt:
        _say("interrupted")
        return INTERRUPTED
    except BrokenPipeError:
        _quiet_stdout()
        return 0
    except OSError as exc:  # stdout on a full disk, a closed terminal
        _quiet_stdout()
        _say(f"error: cannot write the output ({exc.strerror or exc})")
        return 3
    except Exception:
        kind, error, tb = sys.exc_info()
        where = traceback.extract_tb(tb)[-1] if tb else None
        at = f" at {os.path.basename(where.filename)}:{where.lineno}" if where else ""
        name = kind.__name__ if kind else "error"
        _say(f"error: internal error: {name}{at}: {str(error)[:200]!r}")
        _say(f"hint: {REPORT}")
        return INTERNAL


def main() -> None:
    """The console script."""
    try:
        code = run()
    except KeyboardInterrupt:
        code = INTERRUPTED
    sys.exit(code)

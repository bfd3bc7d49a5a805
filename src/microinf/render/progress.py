"""The progress bar on stderr, for sources that take more than a second to read."""

from __future__ import annotations

from typing import Any


class ProgressBar:
    """A bar on stderr (bytes of total, rows per second) for sources slower than `delay`."""

    def __init__(self, delay: float = 1.0) -> None:
        self.delay = delay
        self._progress: Any = None
        self._task: Any = None
        self._source: str | None = None
        self._started = 0.0

    def __call__(self, source: str, done: int, total: int | None, rows: int) -> None:
        import time

        now = time.monotonic()
        if source != self._source:
            self._source, self._started, self._task = source, now, None
        if now - self._started < self.delay:
            return
        if self._progress is None:
            from rich.console import Console
            from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn

            self._progress = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                DownloadColumn(),
                TextColumn("{task.fields[rate]}"),
                console=Console(stderr=True),
                transient=True,
            )
            self._progress.start()
        if self._task is None:
            self._task = self._progress.add_task(source, total=total, rate="")
        elapsed = max(now - self._started, 1e-9)
        self._progress.update(self._task, completed=done, rate=f"{rows / elapsed:,.0f} rows/s")

    def close(self) -> None:
        """Remove the bar."""
        if self._progress is not None:
            self._progress.stop()

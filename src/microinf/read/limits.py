"""The documented limits of reading, with their defaults (each has an option)."""

from __future__ import annotations

DEFAULT_MAX_BYTES = 512 * 1024 * 1024  # --max-bytes for URLs
READ_TIMEOUT = 30.0  # --timeout: seconds of silence before a URL is given up

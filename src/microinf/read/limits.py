"""The documented limits of reading: bytes, fields, nesting, aliases, columns and time."""

from __future__ import annotations

from dataclasses import dataclass

MIB = 1024 * 1024
DEFAULT_MAX_BYTES = 512 * MIB  # --max-bytes: bytes read from any source, after decompression
READ_TIMEOUT = 30.0  # --timeout: seconds of silence before a URL is given up


@dataclass(frozen=True)
class Limits:
    """How much any one source may cost; every limit has a command-line option."""

    max_bytes: int = DEFAULT_MAX_BYTES  # --max-bytes: bytes after decompression, any source
    # JSON and YAML documents are read whole; a YAML byte costs about 8 times a JSON byte
    max_document_bytes: int = 16 * MIB  # --max-document-bytes: a JSON document
    max_yaml_bytes: int = 2 * MIB  # --max-yaml-bytes: a YAML document
    max_field: int = MIB  # --max-field-size: a CSV field or JSON/YAML string, in characters
    max_depth: int = 64  # --max-depth: nesting of JSON/YAML
    max_alias_nodes: int = 100_000  # --max-alias-nodes: YAML nodes reached through aliases
    max_columns: int = 10_000  # --max-columns: header names of one source
    deadline: float = 300.0  # --deadline: seconds for a whole URL download
    read_timeout: float = READ_TIMEOUT  # --timeout

    @property
    def max_line(self) -> int:
        """The longest line of a line-based source (CSV, TSV, JSONL), in bytes."""
        return 16 * self.max_field

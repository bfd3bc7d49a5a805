"""Text encodings of sources: BOMs, UTF-16, and a Windows-1252 fallback for stray bytes."""

from __future__ import annotations

import codecs


def decode_head(head: bytes) -> str:
    """The first bytes of a source as text, for sniffing (undecodable bytes dropped)."""
    for bom, encoding in ((codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if head.startswith(bom):
            return head.decode(encoding, errors="ignore")
    return head.decode("utf-8", errors="ignore").lstrip("\ufeff")


class _Fallback:
    """Counts bytes that were not UTF-8 and were read as Windows-1252 instead."""

    hits = 0


def _cp1252(err: UnicodeError) -> tuple[str, int]:
    assert isinstance(err, UnicodeDecodeError)
    _Fallback.hits += 1
    return err.object[err.start : err.end].decode("cp1252", errors="replace"), err.end


codecs.register_error("microinf-cp1252", _cp1252)
FALLBACK_NOTE = "some bytes are not UTF-8; they were read as Windows-1252 (cp1252)"


def fallback_hits() -> int:
    """How many undecodable UTF-8 sequences were read as cp1252 so far (for the notice)."""
    return _Fallback.hits


def choose_encoding(head: bytes) -> tuple[str, str | None]:
    """The encoding of a text source and a note when it was a guess."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig", None
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16", None
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 4:  # not just a character cut at the end of the sample
            return "cp1252", "not valid UTF-8; read as Windows-1252 (cp1252)"
    return "utf-8", None

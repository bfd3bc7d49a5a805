"""Character maps that let SQL fold text as Python does, derived from Python's own functions.

A map sends each non-ASCII character to what the Python function makes of it: one character
(done by TRANSLATE), nothing (deleted by TRANSLATE), or several (done by REPLACE).
"""

from __future__ import annotations

import re
import sys
import unicodedata
from array import array
from dataclasses import dataclass
from functools import cache

from microinf.rank.niches import fold

_WORD_CHAR = re.compile(r"[a-z0-9]")
_UNICODE = range(0x80, 0x110000)


@dataclass(frozen=True)
class CharMap:
    """source -> target: `single` one to one, `deleted` to nothing, `multi` to several."""

    single: tuple[tuple[str, str], ...]
    deleted: tuple[str, ...]
    multi: tuple[tuple[str, str], ...]

    def translate_args(self) -> tuple[str, str]:
        """TRANSLATE's from and to strings: the deleted characters sit past the end of `to`."""
        sources = "".join(s for s, _ in self.single) + "".join(self.deleted)
        return sources, "".join(t for _, t in self.single)

    def part(self, inside: bool, block: range) -> CharMap:
        """The one-to-one and deleted characters inside (or outside) a block of code points."""

        def keep(c: str) -> bool:
            return (ord(c) in block) == inside

        single = tuple((s, t) for s, t in self.single if keep(s))
        return CharMap(single, tuple(c for c in self.deleted if keep(c)), ())

    def apply(self, text: str) -> str:
        """What the SQL computes, in Python (for checking the map itself)."""
        for source, target in self.multi:
            text = text.replace(source, target)
        frm, to = self.translate_args()
        table = {ord(s): (to[i] if i < len(to) else None) for i, s in enumerate(frm)}
        return text.translate(table)


def _inert(c: str) -> bool:
    return (
        c.lower() == c
        and c.casefold() == c
        and not unicodedata.decomposition(c)
        and not unicodedata.combining(c)
    )


@cache
def every_character() -> str:
    """Every code point past ASCII, surrogates included, in order."""
    four = [t for t in "IL" if array(t).itemsize == 4]
    if not four:
        return "".join(map(chr, _UNICODE))
    # four bytes each: decoded as UTF-32 at memory speed, where chr() one by one is slow
    codec = "utf-32-le" if sys.byteorder == "little" else "utf-32-be"
    return array(four[0], _UNICODE).tobytes().decode(codec, "surrogatepass")


def _settled(block: str) -> bool:
    """True when no character of the block is changed by lower(), casefold() or NFKD: a block's
    text is unchanged by them only when each of its characters is (NFKD reorders only
    combining marks, which are looked for too)."""
    return (
        block.lower() == block
        and block.casefold() == block
        and unicodedata.normalize("NFKD", block) == block
        and not any(map(unicodedata.combining, block))
    )


@cache
def _chars() -> list[str]:
    """The characters that lower case, case folding or NFKD change (the rest map to themselves).

    Blocks of code points that none of them changes are passed over whole.
    """
    text = every_character()
    out: list[str] = []
    for big in range(0, len(text), 4096):
        if _settled(text[big : big + 4096]):
            continue
        for start in range(big, min(big + 4096, len(text)), 64):
            block = text[start : start + 64]
            if not _settled(block):
                out.extend(c for c in block if not _inert(c))
    return [c for c in out if not 0xD800 <= ord(c) < 0xE000]  # surrogates: never in text


@cache
def word_fold() -> CharMap:
    """For niche matching: each character as its word characters after `fold`.

    Only what `words()` sees matters: [a-z0-9] after folding; anything else is a separator
    (written as a space), and a character that folds to nothing is deleted.
    """
    single, deleted, multi = [], [], []
    for c in _chars():
        folded = "".join(x if _WORD_CHAR.fullmatch(x) else " " for x in fold(c))
        if folded == "":
            deleted.append(c)
        elif not folded.strip():
            continue  # a separator either way: SQL sees a non-word character too
        elif len(folded) == 1:
            single.append((c, folded))
        else:
            multi.append((c, folded))
    return CharMap(tuple(single), tuple(deleted), tuple(multi))


@cache
def case_fold() -> CharMap:
    """For ordering handles: each character as `str.casefold` makes it (ASCII is left to lower)."""
    single, deleted, multi = [], [], []
    for c in _chars():
        folded = c.casefold()
        if folded == c:
            continue
        if folded == "":
            deleted.append(c)
        elif len(folded) == 1:
            single.append((c, folded))
        else:
            multi.append((c, folded))
    return CharMap(tuple(single), tuple(deleted), tuple(multi))

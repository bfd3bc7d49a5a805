"""Folding text as Python does (accents, case) and matching niche keywords as whole words."""

from __future__ import annotations

from sqlglot import exp

from microinf.errors import UsageError
from microinf.numbers import MISSING
from microinf.rank.niches import BIO_WEIGHT, CATEGORY_WEIGHT, NicheMatcher, words
from microinf.sql.charmap import CharMap
from microinf.sql.dialects import GUARDED, NO_REGEX, NO_TRANSLATE, case, regex_match, text

# REPLACE calls nested in one stage: parsers recurse on nesting (SQLite's the least deep), and
# planners pay per stage (DuckDB plans 30 to a stage in 70% of the time 20 take;
# sqlglot, which parses it back in tests, recurses too deep at 40)
CHUNK = {"sqlite": 20}
CHUNK_DEFAULT = 30
NOT_WORD = "[^a-z0-9]"
NOT_WORD_IN_CATEGORY = "[^a-z0-9,;|]"  # categories are split on , ; | before their words are read

Stage = list[tuple[str, exp.Expr]]


def _guard(value: exp.Expr, chars: str, dialect: str) -> exp.Expr:
    return regex_match(value, f"[{chars}]", dialect)


def fold_stages(source: str, name: str, charmap: CharMap, dialect: str) -> tuple[list[Stage], str]:
    """Stages of columns that apply a map's REPLACEs to `source`; the last column's name.

    Dialects without TRANSLATE get its one-to-one part as REPLACEs too. Each stage reads the
    one before once: planners that copy expressions into later ones stay linear.
    """
    pairs = list(charmap.multi)
    if dialect in NO_TRANSLATE:
        pairs += list(charmap.single) + [(c, "") for c in charmap.deleted]
    stages: list[Stage] = []
    current = source
    if dialect in GUARDED:  # NULL unless the text holds a character to replace: cheap REPLACEs
        holds = _guard(exp.column(source), "".join(o for o, _ in pairs), dialect)
        stages.append([(f"{name}_any", exp.Case().when(holds, exp.column(source)))])
        current = f"{name}_any"
    size = CHUNK.get(dialect, CHUNK_DEFAULT)
    for n, start in enumerate(range(0, len(pairs), size)):
        value: exp.Expr = exp.column(current)
        for old, new in pairs[start : start + size]:
            value = exp.Replace(this=value, expression=text(old), replacement=text(new))
        column = f"{name}_{n}"
        stages.append([(column, value)])
        current = column
    if dialect in GUARDED:
        done = exp.Coalesce(this=exp.column(current), expressions=[exp.column(source)])
        stages.append([(f"{name}_done", done)])
        current = f"{name}_done"
    return stages, current


COMMON = range(0xC0, 0x250)  # Latin-1 letters and Latin Extended-A and -B: most accented names


def finish_fold(column: str, charmap: CharMap, dialect: str) -> exp.Expr:
    """TRANSLATE (where the dialect has it), then lower case.

    Where rows can be tested first, two TRANSLATEs each run only on text holding one of its
    characters: a long table costs per call, and most text is ASCII or plain Latin.
    """
    value: exp.Expr = exp.column(column)
    if dialect in NO_TRANSLATE:
        return exp.Lower(this=value)
    if dialect not in GUARDED:
        frm, to = charmap.translate_args()
        return exp.Lower(this=exp.Translate(this=value, from_=text(frm), to=text(to)))
    for part in (charmap.part(True, COMMON), charmap.part(False, COMMON)):
        frm, to = part.translate_args()
        translated = exp.Translate(this=value, from_=text(frm), to=text(to))
        value = exp.Case().when(_guard(value, frm, dialect), translated).else_(value)
    return exp.Lower(this=value)


def padded(value: exp.Expr) -> exp.Expr:
    """' ' || value || ' ', so that a word at either end has a non-word character beside it."""
    return exp.DPipe(this=exp.DPipe(this=text(" "), expression=value), expression=text(" "))


def check_niches(matcher: NicheMatcher, dialect: str) -> None:
    """Refuse what SQL cannot do as the classifier does."""
    if dialect in NO_REGEX:
        raise UsageError(
            f"--niche: the {dialect} dialect has no regular expressions, so niche keywords "
            "cannot be matched as whole words the way classify matches them",
            hint="use another dialect (duckdb, postgres, spark, bigquery, snowflake) or leave "
            "out --niche",
        )
    dropped = [words(m) for m in MISSING]
    for niche in matcher.niches:
        for keyword in niche.keywords:
            if any(f" {keyword} " in d for d in dropped):
                raise UsageError(
                    f'--niche {niche.name}: the keyword "{keyword}" is also a word of an empty '
                    "category (such as n/a or none), which classify drops before matching",
                    hint="choose niche keywords that are not words meaning no value",
                )


# a text's length in bytes (UTF-8) and in characters: they differ when it holds a character
# past ASCII, which a fold could turn into a word character
_LENGTHS = {
    "duckdb": ("STRLEN", "LENGTH"),
    "spark": ("OCTET_LENGTH", "CHAR_LENGTH"),
    "postgres": ("OCTET_LENGTH", "CHAR_LENGTH"),
    "bigquery": ("BYTE_LENGTH", "CHAR_LENGTH"),
}
_NOT_ASCII = "[^\x01-\x7f]"  # elsewhere (\x00 cannot be in text)


def _not_ascii(value: exp.Expr, dialect: str) -> exp.Expr:
    if dialect in _LENGTHS:
        octets, chars = _LENGTHS[dialect]
        return exp.NEQ(
            this=exp.Anonymous(this=octets, expressions=[value]),
            expression=exp.Anonymous(this=chars, expressions=[value]),
        )
    return regex_match(value, _NOT_ASCII, dialect)


def screen(matcher: NicheMatcher, cells: list[exp.Expr], dialect: str) -> exp.Expr | None:
    """False only for rows whose relevance is 0: cheap, on the cells as the table holds them.

    A keyword stands in folded text only where its first word is a substring of it; for ASCII
    text the fold is lower case (NicheMatcher.screen). Text past ASCII is left to the fold.
    None when a keyword has no word to look for.
    """
    firsts = matcher.screen
    if not firsts or not all(firsts):
        return None
    wanted = "(" + "|".join(sorted(firsts)) + ")"
    tests: list[exp.Expr] = []
    for cell in cells:
        raw = exp.cast(cell, exp.DataType.Type.TEXT)
        tests.append(regex_match(raw, wanted, dialect, ignore_case=True))
        tests.append(_not_ascii(raw, dialect))
    return exp.or_(*tests)


def keyword_match(folded: exp.Expr, keyword: str, between: str, dialect: str) -> exp.Expr:
    """True when the keyword (words separated by spaces) stands as whole words in folded text."""
    pattern = NOT_WORD + keyword.replace(" ", between + "+") + NOT_WORD
    return regex_match(folded, pattern, dialect)


def _alternation(keywords: list[str], between: str) -> str:
    return "(" + "|".join(k.replace(" ", between + "+") for k in keywords) + ")"


def category_match(matcher: NicheMatcher, folded: exp.Expr, dialect: str) -> exp.Expr:
    """A category names a wanted niche or one of its keywords (one alternation)."""
    keywords = [k for niche in matcher.niches for k in niche.keywords]
    pattern = NOT_WORD + _alternation(keywords, NOT_WORD_IN_CATEGORY) + NOT_WORD
    return exp.and_(folded.is_(exp.null()).not_(), regex_match(folded, pattern, dialect))


def bio_hits(matcher: NicheMatcher, folded: exp.Expr, dialect: str) -> exp.Expr:
    """The most keywords of one wanted niche that the bio holds as whole words."""
    counts: list[exp.Expr] = []
    for niche in matcher.niches:
        terms: list[exp.Expr] = [
            exp.Case()
            .when(keyword_match(folded, k, NOT_WORD, dialect), exp.Literal.number(1))
            .else_(exp.Literal.number(0))
            for k in niche.keywords
        ]
        total = terms[0]
        for term in terms[1:]:
            total = exp.Add(this=total, expression=term)
        # most bios hold none of the keywords: one alternation settles them
        pattern = NOT_WORD + _alternation(list(niche.keywords), NOT_WORD) + NOT_WORD
        some = regex_match(folded, pattern, dialect)
        counts.append(exp.Case().when(some, total).else_(exp.Literal.number(0)))
    if len(counts) == 1:
        return counts[0]
    return exp.Greatest(this=counts[0], expressions=counts[1:])


def relevance_value(category: bool, hits: int) -> float:
    """NicheMatcher.relevance for a category match and a number of bio hits."""
    return round((CATEGORY_WEIGHT if category else 0.0) + BIO_WEIGHT * (1 - 0.5**hits), 4)


def relevance(matcher: NicheMatcher, category: exp.Expr, hits: exp.Expr) -> exp.Expr:
    """The relevance of every (category match, hits) pair, computed in Python."""
    most = max(len(n.keywords) for n in matcher.niches)

    def by_hits(cat: bool) -> exp.Expr:
        pairs = [
            (exp.EQ(this=hits, expression=exp.Literal.number(h)), _num(relevance_value(cat, h)))
            for h in range(most + 1)
        ]
        return case(pairs, exp.null())

    return exp.Case().when(category, by_hits(True)).else_(by_hits(False))


def relevant(matcher: NicheMatcher, category: exp.Expr, hits: exp.Expr, minimum: float) -> exp.Expr:
    """relevance >= minimum, as the least number of bio hits with and without a category.

    Each column appears once: engines that push the filter down copy it into the condition.
    """
    most = max(len(n.keywords) for n in matcher.niches)

    def least(cat: bool) -> int:
        return next((h for h in range(most + 1) if relevance_value(cat, h) >= minimum), most + 1)

    needed = exp.Case().when(category, exp.Literal.number(least(True)))
    needed = needed.else_(exp.Literal.number(least(False)))
    return exp.GTE(this=hits, expression=needed)


def _num(value: float) -> exp.Expr:
    from microinf.sql.dialects import double

    return double(value)

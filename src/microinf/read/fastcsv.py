"""The hot path: regular CSV rows -> Creators by column index, in one loop.

Everything unusual in a row (a K/M suffix, a percent, a missing handle, a short row) defers to
RecordReader.build, the reference implementation, so that both give the same records and errors.
"""

from __future__ import annotations

import csv
from bisect import bisect_right
from collections.abc import Iterator
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from microinf.errors import DataError
from microinf.models import Creator
from microinf.numbers import MAX_FOLLOWERS, MISSING
from microinf.rank.niches import CATEGORY_WEIGHT, fold
from microinf.read.formats import Table, encoding_error

if TYPE_CHECKING:
    from microinf.read.records import RecordReader


def _short_text(value: str) -> str | None:
    # text_value for CSV cells: every missing token is at most 4 characters long
    value = value.strip()
    if not value or (len(value) <= 4 and value.lower() in MISSING):
        return None
    return value


def csv_creators(reader: RecordReader, table: Table) -> Iterator[Creator]:
    """Creators of a CSV table; rows the prefilter leaves out are counted, not kept."""
    from microinf.read.records import TEXT_FIELDS, RowError
    from microinf.read.values import fit, niche_values

    header = table.header or []
    source = table.source
    plan = reader.plan_of(header)
    pre = reader.prefilter
    build = reader.build

    def generic(cells: list[str], line: int) -> Creator | None:
        # the reference builder; None when a filter leaves the row out or it is rejected
        row: dict[str, Any] = (
            dict(zip(header, cells, strict=True))
            if len(cells) == len(header)
            else fit(header, cells)
        )
        try:
            return build(row, source, line)
        except RowError as err:
            reader.reject(err)
            return None

    at = {f: header.index(c) for f, c in plan.columns.fields.items() if c in header}
    csv_reader = table.csv_reader
    if "handle" not in at or "followers" not in at or csv_reader is None:  # URLs, --map
        for line, cells in table.rows:
            reader.seen += 1
            creator = generic(cells, line)
            if creator is not None:
                yield creator
        return

    width = len(header)
    h_i, f_i = at["handle"], at["followers"]
    p_i, n_i, r_i = at.get("platform", -1), at.get("niche", -1), at.get("engagement_rate", -1)
    l_i, c_i, v_i = at.get("avg_likes", -1), at.get("avg_comments", -1), at.get("avg_views", -1)
    more_niche = [header.index(c) for c in plan.columns.secondary.get("niche", ())]
    t_name, t_bio, t_country, t_language, t_url = (at.get(name, -1) for name in TEXT_FIELDS)
    extra_ix = [header.index(c) for c in plan.passthrough]
    extra_names = tuple(plan.output_names)
    pick = itemgetter(*extra_ix) if len(extra_ix) > 1 else None
    rules = pre.rules
    bounds, slots = rules.default.bounds, rules.default.slots
    per_platform = bool(rules.platforms)
    tiers, platforms, niches = pre.tiers, pre.platforms, pre.niches
    min_relevance = pre.min_relevance
    # with --min-relevance 0 every row passes, keywords or not: no screen then
    quick_niche = niches is not None and not more_niche and 0 < min_relevance <= CATEGORY_WEIGHT
    category_cache: dict[str, bool] = {}
    screen = niches.screen if niches is not None else ()
    o_i, s_i, k_i = at.get("following", -1), at.get("posts", -1), at.get("credibility", -1)
    m_i = at.get("price", -1)
    lo, hi = pre.min_followers, pre.max_followers
    platform_default = reader.platform_default
    sized = tiers is not None or lo is not None or hi is not None
    tiers_only = tiers is not None and lo is None and hi is None
    missing, max_followers, bisect, make = MISSING, MAX_FOLLOWERS, bisect_right, Creator
    short_text = _short_text
    seen = blank = 0
    needs_generic = ""  # platform_of's answer when only the reference builder can tell

    def platform_of(cells: list[str]) -> str | None:
        platform = None
        if p_i >= 0:
            value = short_text(cells[p_i])
            platform = value.lower() if value else None
        if platform is None:
            if t_url >= 0 and "/" in cells[t_url]:
                return needs_generic  # the platform may come from a profile URL
            platform = platform_default
        return platform

    start = csv_reader.line_num + 1
    line = start
    try:
        for seen, cells in enumerate(csv_reader, 1):
            line = start
            start = csv_reader.line_num + 1
            if not seen & 0x3FFF:
                reader.live = seen
            if len(cells) != width:
                if not cells:
                    blank += 1
                    continue
                creator = generic(cells, line)
                if creator is not None:
                    yield creator
                continue
            try:
                followers = int(cells[f_i])
            except ValueError:
                creator = generic(cells, line)
                if creator is not None:
                    yield creator
                continue
            if not 0 <= followers <= max_followers:
                generic(cells, line)  # the row's error
                continue
            if per_platform:
                platform = platform_of(cells)
                if platform == needs_generic:
                    creator = generic(cells, line)
                    if creator is not None:
                        yield creator
                    continue
                index = rules.index_for(platform)
                tier = index.slots[bisect(index.bounds, followers)]
            else:
                tier = slots[bisect(bounds, followers)]
            if tiers_only:
                if tier not in tiers:  # type: ignore[operator]
                    continue
            elif sized and (
                (tiers is not None and tier not in tiers)
                or (lo is not None and followers < lo)
                or (hi is not None and followers > hi)
            ):
                continue
            if quick_niche:
                # the category settles most rows; else a bio without any keyword cannot pass
                raw = cells[n_i] if n_i >= 0 else ""
                settled = category_cache.get(raw)
                if settled is None:
                    settled = category_cache[raw] = niches.category_match(  # type: ignore[union-attr]
                        niche_values(raw)
                    )
                if not settled:
                    bio_raw = cells[t_bio] if t_bio >= 0 else ""
                    folded = bio_raw.lower() if bio_raw.isascii() else fold(bio_raw)
                    for key in screen:
                        if key in folded:
                            break
                    else:
                        continue
            niche: tuple[str, ...] = ()
            if n_i >= 0:
                raw = cells[n_i]
                if "," in raw or ";" in raw or "|" in raw:
                    niche = tuple(niche_values(raw))
                elif raw:
                    raw = raw.strip()
                    if raw and (len(raw) > 4 or raw.lower() not in missing):
                        niche = (raw,)
            for j in more_niche:
                niche += tuple(v for v in niche_values(cells[j]) if v not in niche)
            if niches is not None and not niches.passes(
                niche, cells[t_bio] if t_bio >= 0 else None, min_relevance
            ):
                continue  # exact, for the rows the quick test could not settle
            if not per_platform:
                platform = platform_of(cells)
                if platform == needs_generic:
                    creator = generic(cells, line)
                    if creator is not None:
                        yield creator
                    continue
            if platforms is not None and platform not in platforms:
                continue
            # the handle is checked once the filters have kept the row, as build() does
            handle = cells[h_i].strip()
            if handle[:1] == "@":
                handle = handle[1:].strip()
            if not handle or "/" in handle or (len(handle) <= 4 and handle.lower() in missing):
                creator = generic(cells, line)  # a profile URL, or the row's error
                if creator is not None:
                    yield creator
                continue
            try:
                likes = float(cells[l_i]) if l_i >= 0 and cells[l_i] else None
                comments = float(cells[c_i]) if c_i >= 0 and cells[c_i] else None
                views = float(cells[v_i]) if v_i >= 0 and cells[v_i] else None
                given = float(cells[r_i]) if r_i >= 0 and cells[r_i] else None
                following = int(cells[o_i]) if o_i >= 0 and cells[o_i] else None
                posts = int(cells[s_i]) if s_i >= 0 and cells[s_i] else None
                credibility = float(cells[k_i]) if k_i >= 0 and cells[k_i] else None
                price = float(cells[m_i]) if m_i >= 0 and cells[m_i] else None
                if credibility is not None and not 0.0 <= credibility <= 1.0:
                    raise ValueError  # a percentage, or an error: the reference reads it
                total = (likes or 0.0) + (comments or 0.0) + (views or 0.0) + (given or 0.0)
                total += price or 0.0
                if total - total != 0.0:  # NaN or infinity: missing values, as the reference reads
                    raise ValueError
            except ValueError:  # K/M suffixes, separators, percents, missing tokens, errors
                creator = generic(cells, line)
                if creator is not None:
                    yield creator
                continue
            rate: float | None = None
            rate_source: str | None = None
            if given is not None:
                if not 0.0 <= given <= 1.0:  # percentages need their note; NaN is an error
                    creator = generic(cells, line)
                    if creator is not None:
                        yield creator
                    continue
                rate, rate_source = given, "given"
            elif likes is not None and followers > 0:
                rate = (likes + (comments or 0.0)) / followers
                rate_source = "likes+comments" if comments is not None else "likes only"
            # inlined short_text() for the five text fields: this loop runs once per row
            name = bio = country = language = url = None
            if t_name >= 0:
                name = cells[t_name].strip()
                if not name or (len(name) <= 4 and name.lower() in missing):
                    name = None
            if t_bio >= 0:
                bio = cells[t_bio].strip()
                if not bio or (len(bio) <= 4 and bio.lower() in missing):
                    bio = None
            if t_country >= 0:
                country = cells[t_country].strip()
                if not country or (len(country) <= 4 and country.lower() in missing):
                    country = None
            if t_language >= 0:
                language = cells[t_language].strip()
                if not language or (len(language) <= 4 and language.lower() in missing):
                    language = None
            if t_url >= 0:
                url = cells[t_url].strip()
                if not url or (len(url) <= 4 and url.lower() in missing):
                    url = None
            extra = pick(cells) if pick is not None else tuple(cells[j] for j in extra_ix)
            yield make(
                handle, followers, platform, name, niche, bio, likes, comments, views, rate,
                rate_source, country, language, url, following, posts, credibility, price,
                extra_names, extra, source, line, tier,
            )  # fmt: skip
    except UnicodeDecodeError as exc:
        raise encoding_error(source, start, exc) from None
    except csv.Error as exc:
        raise DataError(f"{source}:{start}: malformed CSV ({exc})") from None
    finally:
        reader.seen += seen - blank

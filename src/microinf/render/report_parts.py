"""The parts of the report page: the shortlist, the charts, the quartiles and the tiers."""

from __future__ import annotations

from typing import TYPE_CHECKING

from microinf.numbers import human
from microinf.render.svg import bars, inert, ranges

if TYPE_CHECKING:
    from microinf.jobs.report import Report
    from microinf.models import Creator

NICHES_CHARTED = 12
COMPUTED = ("likes+comments", "likes only")


def _pct(rate: float | None) -> str:
    return "—" if rate is None else f"{rate * 100:.2f}%"


def _url(c: Creator) -> str | None:
    url = (c.url or "").strip()
    return url if url.lower().startswith(("https://", "http://")) else None


def why(c: Creator) -> str:
    """The score in words, from its parts."""
    parts = c.parts or {}
    said = []
    if parts.get("relevance") is not None:
        said.append(f"niche relevance {parts['relevance']:.2f}")
    bench = parts.get("benchmark_rate")
    if c.engagement_rate is None:
        said.append("no engagement data: quality 0")
    elif bench is not None:
        said.append(
            f"engagement {_pct(c.engagement_rate)} against {_pct(bench)} typical of its tier"
            f" (quality {parts.get('engagement_quality', 0):.2f})"
        )
    if c.flags:
        said.append(f"score x{parts.get('flag_factor', 1):g} for {len(c.flags)} flag(s)")
    return "; ".join(said)


def _row(c: Creator, rank: int, tier_rank: dict[str, int]) -> str:
    url = _url(c)
    handle = inert(c.handle)
    if url:
        handle = f'<a href="{inert(url)}" rel="noopener noreferrer">{handle}</a>'
    bio = f'<span class="bio">{inert(c.bio)}</span>' if c.bio else ""
    rate = c.engagement_rate
    star = "*" if c.engagement_method in COMPUTED else ""
    reasons = (c.parts or {}).get("flags", {})
    flags = "".join(
        f'<span class="flag">{inert(name)}</span>'
        f'<span class="reason">{inert(reasons.get(name, ""))}</span>'
        for name in c.flags
    )
    cells = [
        f'<td class="num" data-value="{rank}">{rank}</td>',
        f'<td data-value="{inert(c.handle.casefold())}">{handle}</td>',
        f'<td class="who">{inert(c.name or "")}{bio}</td>',
        f"<td>{inert(c.platform or '')}</td>",
        f'<td class="num" data-value="{c.followers}">{human(c.followers)}</td>',
        f'<td data-value="{tier_rank.get(c.tier or "", 99)}">{inert(c.tier or "—")}</td>',
        f"<td>{inert(', '.join(c.niche))}</td>",
        f'<td class="num" data-value="{"" if rate is None else rate}">{_pct(rate)}{star}</td>',
        f'<td class="num" data-value="{c.score}">{c.score:.3f}</td>',
        f'<td data-value="{len(c.flags)}">{flags}</td>',
        f'<td class="why">{inert(why(c))}</td>',
    ]
    return "<tr>" + "".join(cells) + "</tr>"


_COLUMNS = (
    ("#", "number"), ("handle", "text"), ("name", "text"), ("platform", "text"),
    ("followers", "number"), ("tier", "number"), ("niche", "text"), ("engagement", "number"),
    ("score", "number"), ("flags", "number"), ("why", None),
)  # fmt: skip


def shortlist(r: Report) -> str:
    """The shortlist table, sortable by every column but the last."""
    order = {t: i for i, t in enumerate(r.summary.tier_order)}
    head = []
    for name, kind in _COLUMNS:
        css = ' class="num"' if kind == "number" and name not in ("tier", "flags") else ""
        if kind is None:
            head.append(f"<th{css}>{name}</th>")
        else:
            head.append(f'<th{css} data-type="{kind}"><button type="button">{name}</button></th>')
    rows = "\n".join(_row(c, i, order) for i, c in enumerate(r.result.creators, 1))
    return (
        '<div class="scroll"><table id="shortlist"><thead><tr>'
        + "".join(head)
        + f"</tr></thead>\n<tbody>\n{rows}\n</tbody></table></div>"
    )


def charts(r: Report) -> str:
    """The summary's counts and quartiles as SVG charts."""
    from microinf.jobs.summary import ordered

    s = r.summary
    tiers = [(t.tier or "(no tier)", t.creators) for t in s.by_tier()]
    niches = ordered(s.niches)
    if len(niches) > NICHES_CHARTED:
        rest = sum(n for _, n in niches[NICHES_CHARTED:])
        niches = [*niches[:NICHES_CHARTED], (f"({len(niches) - NICHES_CHARTED} more)", rest)]
    if s.without_niche:
        niches.append(("(no niche)", s.without_niche))
    flags = [*ordered(s.flags), ("(no flag)", s.creators - s.flagged)]
    followers = [(t.tier or "(no tier)", t.followers.five()) for t in s.by_tier()]
    engagement = [(t.tier or "(no tier)", t.engagement.five()) for t in s.by_tier()]
    blocks = [
        ("Creators by tier", bars(tiers, "creators by tier")),
        ("Creators by platform", bars(ordered(s.platforms), "creators by platform")),
        ("Creators by niche", bars(niches, "creators by niche")),
        ("Authenticity flags", bars(flags, "authenticity flags")),
        (
            "Followers by tier (log scale; box: middle half; tick: median)",
            ranges(followers, "followers by tier", human, log=True),
        ),
        (
            "Engagement rate by tier (box: middle half; tick: median)",
            ranges(engagement, "engagement by tier", lambda v: f"{v * 100:.1f}%"),
        ),
    ]
    return (
        '<div class="charts">'
        + "".join(f'<div class="chart"><h3>{inert(title)}</h3>{svg}</div>' for title, svg in blocks)
        + "</div>"
    )


def quartile_table(r: Report) -> str:
    """Followers and engagement quartiles per tier, as numbers."""
    rows = []
    for t in r.summary.by_tier():
        f, e = t.followers.five(), t.engagement.five()
        cells = [inert(t.tier or "(no tier)"), f"{t.creators:,}"]
        cells += [human(v) if v is not None else "—" for v in f.values()]
        cells += [f"{t.engagement.count:,}"] + [_pct(e[k]) for k in ("q1", "median", "q3")]
        rows.append(
            "<tr>" + "".join(
                f'<td{"" if i == 0 else " class=num"}>{c}</td>' for i, c in enumerate(cells)
            ) + "</tr>"
        )  # fmt: skip
    heads = ["tier", "creators", "min", "q1", "median", "q3", "max", "with a rate", "eng. q1",
             "eng. median", "eng. q3"]  # fmt: skip
    head = "".join(f"<th{'' if i == 0 else ' class=num'}>{h}</th>" for i, h in enumerate(heads))
    body = "".join(rows)
    table = f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    return f'<div class="scroll">{table}</div>'


def tiers_table(r: Report) -> str:
    """The tiers in effect, per list."""
    rows = []
    for where, specs in r.tiers:
        for t in specs:
            top = f"{t.max:,}" if t.max is not None else "and more"
            rows.append(
                f"<tr><td>{inert(where)}</td><td>{inert(t.name)}</td>"
                f'<td class="num">{t.min:,}</td><td class="num">{top}</td>'
                f"<td>{inert(t.label or '')}</td></tr>"
            )
    return (
        "<table><thead><tr><th>list</th><th>tier</th><th class=num>from</th>"
        "<th class=num>below</th><th>label</th></tr></thead><tbody>"
        + "".join(rows)
        + "</tbody></table>"
    )

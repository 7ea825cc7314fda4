"""The world view from the packaged data: production and shares by country (and company where known) per
chain stage, the HHI, prices and demand by application, each figure with its source, vintage and confidence.

Stages and what the sources give:
- mining: USGS mine production by country (t REO) — full country split; newest vintage holding the year wins.
- separation, magnet: the IEA gives China's share only. The rest of the world is then one bucket "rest of
  world (not split in the sources)": the HHI counts it as one producer, which is an upper bound (``hhi``),
  and ``hhi_min`` counts it as infinitely many small ones (lower bound).
- metal: nothing in the packaged data; an analyst's imported figures (``reechain market import``) fill
  any stage.
Company shares: China's mining and separation quotas by group (china_quotas.csv) split China's share.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from reechain import refdata
from reechain.domain.elements import ELEMENT_SYMBOLS
from reechain.domain.errors import InvalidInput, NotFound, Problem

STAGES = ("mining", "separation", "metal", "magnet")
REST = "rest of world (not split in the sources)"
_VINTAGE_RANK = {"USGS MCS 2026": 0, "USGS MCS 2025": 1, "USGS Minerals Yearbook 2022 (T8)": 2}
_WORLD = ("World", "World total", "World total (rounded)")
_LEADER_SHARES = {
    # stage: metric rows of world_production.csv giving China's share
    "separation": ("share_separation_refining_China", "share_refining_China"),
    "magnet": ("share_permanent_magnet_manufacturing_China",),
}
_QUOTA_TYPE = {"mining": "mining", "separation": "smelting_separation"}


@dataclass(frozen=True)
class Figure:
    """One sourced figure (packaged or imported by an analyst)."""

    stage: str
    country: str
    year: int
    value: float
    unit: str
    source: str
    vintage: str
    confidence: str
    element: str | None = None
    company: str | None = None
    note: str = ""


@dataclass(frozen=True)
class CompanyShare:
    company: str
    share: float
    """Fraction of the world stage."""
    share_of_country: float
    source: str


@dataclass(frozen=True)
class CountryShare:
    country: str
    share: float
    source: str
    vintage: str
    confidence: str
    value: float | None = None
    unit: str = ""
    companies: list[CompanyShare] = field(default_factory=list)


@dataclass(frozen=True)
class Concentration:
    stage: str
    year: int
    element: str | None
    hhi: float
    hhi_min: float
    shares: list[CountryShare]
    basis: str
    rest_counting: str


def hhi(shares: Sequence[float]) -> float:
    """Herfindahl-Hirschman index on the 0-10,000 scale of fractions SHARES."""
    return float(sum((100.0 * s) ** 2 for s in shares))


def _number(text: str) -> float | None:
    t = text.replace(",", "").strip()
    try:
        return float(t)
    except ValueError:
        return None


def mine_production() -> list[Figure]:
    out = []
    for r in refdata.read_csv("rare_earths/world_production.csv"):
        if r["metric"] != "mine_production" or r["vintage"] not in _VINTAGE_RANK:
            continue
        v = _number(r["value"])
        if v is None:
            continue
        out.append(
            Figure(
                "mining",
                r["country"],
                int(r["year"]),
                v,
                r["unit"],
                r["source"],
                r["vintage"],
                r["confidence"],
                note=r["note"],
            )
        )
    return out


def world_mine_production_t_reo(year: int) -> Figure | None:
    """The world total of the newest vintage for YEAR, or None."""
    rows = [f for f in mine_production() if f.country in _WORLD and f.year == year]
    return min(rows, key=lambda f: _VINTAGE_RANK[f.vintage]) if rows else None


def latest_mining_year() -> int:
    return max(f.year for f in mine_production())


def _years(text: str) -> list[int]:
    return [int(y) for y in re.findall(r"\d{4}", text)]


def _leader_rows(stage: str) -> list[dict[str, str]]:
    return [
        r
        for r in refdata.read_csv("rare_earths/world_production.csv")
        if r["metric"] in _LEADER_SHARES.get(stage, ())
    ]


def _company_split(
    stage: str, year: int, country_value: float | None
) -> tuple[list[tuple[str, float, str]], int]:
    """Groups' full-year quota shares of China (or the latest earlier year with them)."""
    kind = _QUOTA_TYPE.get(stage)
    if kind is None:
        return [], 0
    rows = [r for r in refdata.china_quotas() if r["quota_type"] == kind and r["batch"] == "full"]
    for y in range(year, year - 3, -1):
        national = [
            _number(r["value_t_REO"]) for r in rows if int(r["year"]) == y and r["entity"] == "national"
        ]
        groups = [r for r in rows if int(r["year"]) == y and r["entity"] != "national"]
        if national and national[0] and groups:
            total = national[0]
            out = []
            for r in groups:
                v = _number(r["value_t_REO"])
                if v is not None:
                    out.append((r["entity"], v / total, f"{r['source']} ({y} full-year quota / national)"))
            return out, y
    return [], 0


def _with_companies(stage: str, year: int, s: CountryShare) -> CountryShare:
    if s.country != "China":
        return s
    split, _ = _company_split(stage, year, s.value)
    comps = [CompanyShare(name, s.share * f, f, src) for name, f, src in split]
    return CountryShare(s.country, s.share, s.source, s.vintage, s.confidence, s.value, s.unit, comps)


def _from_values(figs: list[Figure]) -> list[CountryShare]:
    total = sum(f.value for f in figs)
    if total <= 0:
        return []
    return [
        CountryShare(f.country, f.value / total, f.source, f.vintage, f.confidence, f.value, f.unit)
        for f in sorted(figs, key=lambda f: -f.value)
        if f.value > 0
    ]


def concentration(
    stage: str, *, element: str | None = None, year: int | None = None, imported: Sequence[Figure] = ()
) -> Concentration:
    """Shares by country of one chain stage and their HHI (see the module text for how gaps are counted)."""
    problems = []
    if stage not in STAGES:
        problems.append(Problem(f"one of {', '.join(STAGES)}, got {stage!r}", field="stage"))
    if element is not None and element not in ELEMENT_SYMBOLS:
        problems.append(Problem(f"unknown element {element!r}", field="element"))
    if year is not None and not 1900 <= year <= 2200:
        problems.append(Problem(f"a year, got {year}", field="year"))
    if problems:
        raise InvalidInput("market concentration: bad input", problems)
    own = [f for f in imported if f.stage == stage and f.element == element]
    if not own and element is not None:
        own = []
    if own:
        y = year if year is not None else max(f.year for f in own)
        figs = [f for f in own if f.year == y]
        if figs:
            shares = _from_values(figs)
            return Concentration(
                stage,
                y,
                element,
                hhi([s.share for s in shares]),
                hhi([s.share for s in shares]),
                shares,
                "imported figures (all countries given)",
                "every country is in the imported figures",
            )
    basis_el = (
        ""
        if element is None
        else f"; no per-element split by country in the sources: shares of total REO shown for {element}"
    )
    if stage == "mining":
        y = year if year is not None else latest_mining_year()
        rows = [f for f in mine_production() if f.year == y and f.country not in _WORLD]
        if not rows:
            raise NotFound(
                f"no mine production figures for {y}", [Problem("no sourced figures", field="year")]
            )
        best = min(_VINTAGE_RANK[f.vintage] for f in rows)
        figs = [f for f in rows if _VINTAGE_RANK[f.vintage] == best]
        shares = [_with_companies(stage, y, s) for s in _from_values(figs)]
        counting = (
            "every producing country listed by USGS; 'Other' (other countries) is counted as one producer"
        )
        return Concentration(
            stage,
            y,
            element,
            hhi([s.share for s in shares]),
            hhi([s.share for s in shares if s.country != "Other"]),
            shares,
            f"USGS mine production, t REO ({figs[0].vintage}){basis_el}",
            counting,
        )
    leader_rows = _leader_rows(stage)
    if not leader_rows:
        raise NotFound(
            f"no sourced figures for the {stage} stage in the packaged data; "
            "import your own (reechain market import)",
            [Problem("no sourced figures", field="stage")],
        )
    candidates = [(row, _years(row["year"])) for row in leader_rows]
    if year is None:
        r, ys = max(candidates, key=lambda c: max(c[1]))
        y = max(ys)
    else:
        found = [c for c in candidates if year in c[1]]
        if not found:
            have = sorted({y for _, ys in candidates for y in ys})
            raise NotFound(
                f"no {stage} figures for {year}; the sources cover {', '.join(map(str, have))}",
                [Problem("no sourced figures", field="year")],
            )
        r, _ = found[0]
        y = year
    leader = float(r["value"]) / 100.0
    vintage = r["vintage"] if r["vintage"] != "shares/other" else r["year"]
    china = _with_companies(stage, y, CountryShare("China", leader, r["source"], vintage, r["confidence"]))
    rest = CountryShare(
        REST, 1.0 - leader, f"DERIVED: 1 - China's share ({r['source']})", vintage, r["confidence"]
    )
    counting = (
        "the sources give only China's share; the rest of the world is one bucket: "
        "hhi counts it as one producer (upper bound), hhi_min as many small ones (lower bound)"
    )
    return Concentration(
        stage,
        y,
        element,
        hhi([leader, 1 - leader]),
        hhi([leader]),
        [china, rest],
        f"China's share only ({r['metric']}){basis_el}",
        counting,
    )


def prices(product: str | None = None) -> list[dict[str, str]]:
    """Price rows (prices.csv) with their basis, unit, source and confidence; PRODUCT filters (substring)."""
    rows = refdata.read_csv("rare_earths/prices.csv")
    if product:
        rows = [r for r in rows if product.lower() in r["product"].lower()]
    return rows


def demand() -> list[dict[str, str]]:
    """Demand by application (demand.csv), with source and confidence."""
    return refdata.read_csv("rare_earths/demand.csv")

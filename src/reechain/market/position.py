"""The group's market position: share of a market by element and by light / medium / heavy segment.

Market sizes (t REO a year) are entered or imported by the analyst with their source and year; the group's
sales come from the ledger. A segment's market size is the one entered for it, or else the sum of the
entered sizes of its elements (said in ``basis``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from reechain.domain.elements import ElementTable


@dataclass(frozen=True)
class MarketSize:
    year: int
    scope: str  # element | segment
    key: str  # element symbol or segment name
    market_t_reo: float
    source: str


@dataclass(frozen=True)
class Share:
    year: int
    scope: str
    key: str
    group_sales_t_reo: float
    market_t_reo: float | None
    share: float | None
    source: str
    basis: str  # entered | sum of elements | no market size


def shares(
    year: int,
    group_sales_t_reo_by_element: Mapping[str, float],
    sizes: list[MarketSize],
    elements: ElementTable,
) -> list[Share]:
    by_key = {(m.scope, m.key): m for m in sizes if m.year == year}
    known = set(elements)
    out: list[Share] = []
    element_keys = sorted(
        {k for k, v in group_sales_t_reo_by_element.items() if v > 0}
        | {k for s, k in by_key if s == "element"},
        key=lambda sym: elements[sym].atomic_number if sym in known else 999,
    )
    for sym in element_keys:
        sold = group_sales_t_reo_by_element.get(sym, 0.0)
        m = by_key.get(("element", sym))
        out.append(
            _share(year, "element", sym, sold, m.market_t_reo if m else None, m.source if m else "", m)
        )
    for segment in ("light", "medium", "heavy"):
        members = [e.symbol for e in elements.values() if e.segment.value == segment]
        sold = sum(group_sales_t_reo_by_element.get(sym, 0.0) for sym in members)
        m = by_key.get(("segment", segment))
        if m is not None:
            out.append(_share(year, "segment", segment, sold, m.market_t_reo, m.source, m))
            continue
        parts = [by_key[("element", sym)] for sym in members if ("element", sym) in by_key]
        if parts:
            size = sum(p.market_t_reo for p in parts)
            # the share is of the elements with a market size only
            sold_covered = sum(group_sales_t_reo_by_element.get(p.key, 0.0) for p in parts)
            src = "; ".join(sorted({p.source for p in parts}))
            out.append(
                Share(
                    year, "segment", segment, sold_covered, size, sold_covered / size, src, "sum of elements"
                )
            )
        else:
            out.append(Share(year, "segment", segment, sold, None, None, "", "no market size"))
    return out


def _share(
    year: int, scope: str, key: str, sold: float, size: float | None, source: str, m: MarketSize | None
) -> Share:
    if size is None or m is None:
        return Share(year, scope, key, sold, None, None, "", "no market size")
    return Share(year, scope, key, sold, size, sold / size, source, "entered")

"""Stock cover and alerts (pure): what is below its safety stock or reorder point, outside its band, short
of cover, or not moving.

Cover in days = stock / average daily sales over the window. An element's cover uses t REO of that element
in stock and sold, so oxides, metals and alloys carrying the same element add up.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

ALL_LOCATIONS = "*"


@dataclass(frozen=True)
class StockPolicy:
    product: str
    location: str  # a location code, or "*" for the group's stock at every location
    safety_stock_t: float | None = None
    reorder_point_t: float | None = None
    order_quantity_t: float | None = None
    min_t: float | None = None
    max_t: float | None = None
    lot_multiple_t: float | None = None
    source: str = ""


@dataclass(frozen=True)
class Cover:
    scope: str  # product | element
    key: str
    stock: float  # t of product, or t REO of the element
    daily_sales: float
    cover_days: float | None  # None: nothing sold in the window


@dataclass(frozen=True)
class Alert:
    kind: str  # below_safety_stock | below_reorder_point | below_band | above_band | low_cover | slow_mover
    severity: str  # bad | warn | info
    product: str
    location: str
    message: str
    stock_t: float
    threshold_t: float | None = None
    cover_days: float | None = None


def cover(scope: str, stock: Mapping[str, float], sold: Mapping[str, float], window_days: int) -> list[Cover]:
    keys = sorted({k for k, v in stock.items() if v > 0} | {k for k, v in sold.items() if v > 0})
    out = []
    for k in keys:
        daily = sold.get(k, 0.0) / window_days
        s = stock.get(k, 0.0)
        out.append(Cover(scope, k, s, daily, s / daily if daily > 0 else None))
    return out


def policy_alerts(stock_t: Mapping[tuple[str, str], float], policies: Sequence[StockPolicy]) -> list[Alert]:
    """Compare stock per (product, location) with each policy (location "*": the product's total)."""
    out = []
    for p in policies:
        if p.location == ALL_LOCATIONS:
            s = sum(q for (prod, _), q in stock_t.items() if prod == p.product)
        else:
            s = stock_t.get((p.product, p.location), 0.0)
        where = "all locations" if p.location == ALL_LOCATIONS else p.location
        if p.safety_stock_t is not None and s < p.safety_stock_t:
            out.append(
                Alert(
                    "below_safety_stock",
                    "bad",
                    p.product,
                    p.location,
                    f"{p.product} at {where}: {s:.6g} t, below safety stock {p.safety_stock_t:.6g} t",
                    s,
                    p.safety_stock_t,
                )
            )
        elif p.reorder_point_t is not None and s <= p.reorder_point_t:
            out.append(
                Alert(
                    "below_reorder_point",
                    "warn",
                    p.product,
                    p.location,
                    f"{p.product} at {where}: {s:.6g} t, at or below reorder point "
                    f"{p.reorder_point_t:.6g} t: order {p.order_quantity_t or 0:.6g} t",
                    s,
                    p.reorder_point_t,
                )
            )
        if p.min_t is not None and s < p.min_t:
            out.append(
                Alert(
                    "below_band",
                    "bad",
                    p.product,
                    p.location,
                    f"{p.product} at {where}: {s:.6g} t, below band minimum {p.min_t:.6g} t",
                    s,
                    p.min_t,
                )
            )
        if p.max_t is not None and p.min_t is not None and s > p.max_t:
            out.append(
                Alert(
                    "above_band",
                    "warn",
                    p.product,
                    p.location,
                    f"{p.product} at {where}: {s:.6g} t, above band maximum {p.max_t:.6g} t",
                    s,
                    p.max_t,
                )
            )
    return out


def cover_alerts(covers: Sequence[Cover], *, low_days: float, slow_days: float) -> list[Alert]:
    """Products with little cover left, and slow movers (stock with no sale, or more cover than slow_days)."""
    out = []
    for cv in covers:
        if cv.scope != "product" or cv.stock <= 0:
            continue
        if cv.cover_days is None:
            out.append(
                Alert(
                    "slow_mover",
                    "info",
                    cv.key,
                    ALL_LOCATIONS,
                    f"{cv.key}: {cv.stock:.6g} t in stock and no sale in the window",
                    cv.stock,
                )
            )
        elif cv.cover_days > slow_days:
            out.append(
                Alert(
                    "slow_mover",
                    "info",
                    cv.key,
                    ALL_LOCATIONS,
                    f"{cv.key}: {cv.cover_days:.0f} days of cover at the current sales rate",
                    cv.stock,
                    None,
                    cv.cover_days,
                )
            )
        elif cv.cover_days < low_days:
            out.append(
                Alert(
                    "low_cover",
                    "warn",
                    cv.key,
                    ALL_LOCATIONS,
                    f"{cv.key}: only {cv.cover_days:.1f} days of cover",
                    cv.stock,
                    None,
                    cv.cover_days,
                )
            )
    return out

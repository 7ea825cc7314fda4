"""Sales velocity: tonnes sold per 30 days, per product and channel, over a window of days."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

DAYS_PER_MONTH = 30.0


@dataclass(frozen=True)
class Sale:
    on: date
    product: str
    channel: str
    quantity_t: float
    t_reo: float
    lot: str = ""


@dataclass(frozen=True)
class Velocity:
    product: str
    channel: str
    sold_t: float
    t_per_30_days: float
    sales: int
    last_sale_on: date


def velocity(sales: Iterable[Sale], since: date, until: date) -> list[Velocity]:
    """Per (product, channel): tonnes sold in [since, until] and the rate per 30 days."""
    days = (until - since).days + 1
    acc: dict[tuple[str, str], list[Sale]] = {}
    for s in sales:
        if since <= s.on <= until:
            acc.setdefault((s.product, s.channel), []).append(s)
    rows = [
        Velocity(
            product=p,
            channel=ch,
            sold_t=sum(s.quantity_t for s in group),
            t_per_30_days=sum(s.quantity_t for s in group) / days * DAYS_PER_MONTH,
            sales=len(group),
            last_sale_on=max(s.on for s in group),
        )
        for (p, ch), group in acc.items()
    ]
    return sorted(rows, key=lambda v: (-v.t_per_30_days, v.product, v.channel))

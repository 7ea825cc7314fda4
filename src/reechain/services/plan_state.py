"""What the planner reads from the database, read in the caller's session (one transaction, one snapshot).

``reechain.services.planning.ledger_state`` opens the unit of work; these readers only take its session so
that plants, products, quota use, stock, contracts and stock policies all come from the same snapshot.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from reechain.domain.quotas import QuotaKind
from reechain.inventory.alerts import StockPolicy
from reechain.ledger.quota_usage import used_by_holder
from reechain.planning.ledger_problem import LedgerContract, QuotaBatch
from reechain.store.tables import inventory as inv
from reechain.store.tables import ledger as led
from reechain.store.tables import trade as trd
from reechain.trade.orders import OrderStatus

POLICY_LEVELS = ("safety_stock_t", "reorder_point_t", "order_quantity_t", "min_t", "max_t", "lot_multiple_t")


def quota_batches(s: Session, year: int) -> list[QuotaBatch]:
    """The year's quota batches in order of issue per (kind, holder), with the use derived from the ledger
    filled into them in that order (any excess on the last batch), as ``services.quotas.quota_status``."""
    q = led.quotas
    rows = list(
        s.execute(select(q).where(q.c.year == year).order_by(q.c.kind, q.c.holder, q.c.issued_on, q.c.batch))
    )
    used = {kind: used_by_holder(s, year, kind) for kind in QuotaKind}
    left: dict[tuple[str, str], float] = {}
    last: dict[tuple[str, str], int] = {(r.kind, r.holder): i for i, r in enumerate(rows)}
    out = []
    for i, r in enumerate(rows):
        key = (r.kind, r.holder)
        remaining = left.get(key, used[QuotaKind(r.kind)].get(r.holder, 0.0))
        take = remaining if last[key] == i else min(remaining, float(r.limit_t_reo))
        left[key] = remaining - take
        out.append(QuotaBatch(r.kind, r.holder, r.batch, float(r.limit_t_reo), round(take, 6)))
    return out


def contracts(s: Session) -> list[LedgerContract]:
    """Every sales contract with what is ordered on it (orders not cancelled), one query."""
    c, o = trd.contracts, trd.orders
    ordered = (
        select(o.c.contract_id, func.sum(o.c.quantity_t).label("ordered_t"))
        .where(o.c.contract_id.is_not(None), o.c.status != OrderStatus.CANCELLED.value)
        .group_by(o.c.contract_id)
        .subquery()
    )
    q = (
        select(c, func.coalesce(ordered.c.ordered_t, 0.0).label("ordered_t"))
        .outerjoin(ordered, ordered.c.contract_id == c.c.id)
        .order_by(c.c.code)
    )
    return [
        LedgerContract(
            code=r.code,
            product=r.product,
            volume_t=float(r.volume_t),
            ordered_t=float(r.ordered_t or 0.0),
            start_on=_day(r.start_on),
            end_on=_day(r.end_on),
            price_basis=r.price_basis,
            price_cny_per_t=None if r.price_cny_per_t is None else float(r.price_cny_per_t),
            index_factor=None if r.index_factor is None else float(r.index_factor),
            premium_cny_per_t=float(r.premium_cny_per_t or 0.0),
        )
        for r in s.execute(q)
    ]


def policies(s: Session) -> list[StockPolicy]:
    p = inv.stock_policies
    rows = s.execute(select(p).order_by(p.c.product, p.c.location)).mappings()
    return [
        StockPolicy(r["product"], r["location"], source=r["source"], **{n: r[n] for n in POLICY_LEVELS})
        for r in rows
    ]


def _day(value: object) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])

"""The stock bridge computed the straightforward way, as it was before the fast path: each distinct
composition's JSON expanded in the query, every movement of the period ranked with window functions, and
opening and closing stock read from the stock page's balance by element. Kept only to check that the fast
path returns the same bridge."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Float, case, cast, func, select, true
from sqlalchemy.orm import Session

from reechain.bootstrap import Container
from reechain.domain.locations import HELD_KIND_VALUES
from reechain.domain.quantities import to_t
from reechain.ledger import bridge, queries
from reechain.ledger.bridge import EXAMPLES_PER_LINE, BridgeMovement, StockBridge
from reechain.store.tables import ledger as t


def reference_bridge(
    c: Container, chosen: list[str], start: date, end: date, location: str | None = None
) -> StockBridge:
    with c.uow() as uow:
        s = uow.session

        def held_t_reo(at: date) -> float:
            rows = queries.stock_balance(s, at, "element", location=location)
            return round(sum(r.t_reo for r in rows if r.key in chosen), 6)

        opening, closing = held_t_reo(bridge.opening_day(start)), held_t_reo(end)
        return _lines(s, chosen, start, end, location, opening, closing)


def _lines(
    session: Session,
    chosen: list[str],
    start: date,
    end: date,
    location: str | None,
    opening_t_reo: float,
    closing_t_reo: float,
) -> StockBridge:
    m, lots, products, locs, tf = t.movements, t.lots, t.products, t.locations, t.transformations
    frm, to = locs.alias("frm"), locs.alias("to_loc")
    in_period = (m.c.occurred_on >= start) & (m.c.occurred_on <= end)
    comps = (
        select(lots.c.composition.label("comp")).distinct().join(m, m.c.lot_id == lots.c.id).where(in_period)
    )
    comps_cte = comps.cte("moved_compositions")
    el = queries.composition_elements(session, comps_cte.c.comp)
    share = (
        select(comps_cte.c.comp, func.sum(cast(el.c.value, Float)).label("share"))
        .select_from(comps_cte)
        .join(el, true())
        .where(el.c.key.in_(chosen))
        .group_by(comps_cte.c.comp)
        .cte("chosen_share")
    )

    def held(place: Any) -> Any:
        cond = place.c.kind.in_(HELD_KIND_VALUES)
        if location is not None:
            cond = cond & (place.c.code == location)
        return case((cond, 1), else_=0)

    from_held, to_held = held(frm), held(to)
    place = case((to_held == 1, None), else_=to.c.code if location else to.c.kind)
    moved = (
        select(
            m.c.id,
            m.c.kind,
            m.c.occurred_on,
            m.c.quantity_g,
            m.c.source,
            m.c.reference,
            lots.c.code,
            products.c.code.label("product"),
            frm.c.code.label("from_code"),
            to.c.code.label("to_code"),
            tf.c.process,
            from_held.label("from_held"),
            to_held.label("to_held"),
            place.label("place"),
            (m.c.quantity_g * lots.c.reo_fraction * share.c.share).label("reo"),
        )
        .join(lots, lots.c.id == m.c.lot_id)
        .join(share, share.c.comp == lots.c.composition)
        .join(products, products.c.id == lots.c.product_id)
        .outerjoin(frm, frm.c.id == m.c.from_location_id)
        .outerjoin(to, to.c.id == m.c.to_location_id)
        .outerjoin(tf, tf.c.id == m.c.transformation_id)
        .where(in_period, from_held != to_held, share.c.share != 0)
        .cte("moved")
    )
    v = moved.c
    group = (v.kind, v.source, v.process, v.from_held, v.to_held, v.place)
    flows: dict[str, bridge._Flow] = {}
    labels: dict[str, str] = {}
    counts: dict[str, int] = {}
    rank = (
        func.row_number()
        .over(partition_by=group, order_by=(func.abs(v.reo).desc(), v.occurred_on, v.id))
        .label("rank")
    )
    total = func.sum(v.reo).over(partition_by=group).label("group_reo")
    count = func.count().over(partition_by=group).label("group_n")
    ranked = select(moved, rank, total, count).subquery()
    for r in session.execute(select(ranked).where(ranked.c.rank <= EXAMPLES_PER_LINE)):
        sign = int(r.to_held) - int(r.from_held)
        flow = bridge._Flow(r.kind, r.source, r.process, None if r.to_held else r.place or "outside")
        key, label = bridge._key_and_label(flow, sign)
        labels[key] = label
        flow = flows.setdefault(key, flow)
        if r.rank == 1:
            flow.grams_reo += sign * float(r.group_reo)
            counts[key] = counts.get(key, 0) + int(r.group_n)
        flow.movements.append(
            BridgeMovement(
                int(r.id),
                r.occurred_on,
                r.code,
                r.product,
                to_t(int(r.quantity_g)),
                round(sign * float(r.reo) / 1e6, 6),
                r.from_code,
                r.to_code,
                r.reference,
            )
        )
    return bridge.assemble(chosen, start, end, location, opening_t_reo, closing_t_reo, flows, labels, counts)

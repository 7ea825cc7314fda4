"""Stock bridge: why an element's stock sits where it does.

Opening stock at the start of a period, every flow into and out of the group's held stock during it
(receipts by source, output of each process, feed consumed by each process, sales, adjustments, material
leaving to a non-held place), and closing stock, in t REO of the chosen elements:

    opening + sum(flows) = closing      (exact to the gram before rounding)

Held stock is what sits at mines, plants, warehouses and in transit (``HELD_KINDS``). A transfer between
two held places moves nothing in or out and is left out; each line keeps the movements behind it so that
every figure can be traced back (``examples``: the largest movements of the line, with lot and date).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Float, case, cast, func, select, true
from sqlalchemy.orm import Session

from reechain.domain.errors import InvalidInput, Problem
from reechain.domain.locations import HELD_KIND_VALUES
from reechain.domain.quantities import to_t
from reechain.ledger.queries import composition_elements
from reechain.refdata import elements
from reechain.store.tables import ledger as t

EXAMPLES_PER_LINE = 5


@dataclass(frozen=True)
class BridgeMovement:
    """One stored movement behind a bridge line."""

    movement_id: int
    occurred_on: date
    lot: str
    product: str
    t_product: float
    t_reo: float
    """Signed: positive into held stock, negative out of it."""
    from_location: str | None
    to_location: str | None
    reference: str | None


@dataclass(frozen=True)
class BridgeLine:
    key: str
    """Stable key, e.g. ``receipt:own_mine``, ``produce:separation``, ``consume:separation``, ``sale``."""
    label: str
    t_reo: float
    movements: int
    examples: list[BridgeMovement] = field(default_factory=list)


@dataclass(frozen=True)
class StockBridge:
    elements: list[str]
    start: date
    end: date
    location: str | None
    opening_t_reo: float
    lines: list[BridgeLine]
    closing_t_reo: float
    flows_t_reo: float
    """The sum of the lines: opening + flows = closing."""


@dataclass
class _Flow:
    entry_kind: str
    source: str | None
    process: str | None
    to_place: str | None
    grams_reo: float = 0.0
    movements: list[BridgeMovement] = field(default_factory=list)


def parse_elements(text: str | Sequence[str]) -> list[str]:
    """``"Pr,Nd"`` or ``["Pr", "Nd"]`` → known element symbols; ``"PrNd"`` is accepted for Pr + Nd."""
    items = [text] if isinstance(text, str) else list(text)
    symbols: list[str] = []
    for item in items:
        for part in item.replace(" ", ",").split(","):
            if not part:
                continue
            symbols += ["Pr", "Nd"] if part.lower() == "prnd" else [part[:1].upper() + part[1:].lower()]
    table = elements()
    known = set(table)
    unknown = [s for s in symbols if s not in known]
    if unknown:
        raise InvalidInput(
            "unknown element",
            [Problem(f"{', '.join(unknown)} is not a rare-earth element symbol", "elements")],
        )
    return sorted(set(symbols), key=lambda s: table[s].atomic_number)


def _key_and_label(flow: _Flow, sign: int) -> tuple[str, str]:
    k = flow.entry_kind
    if k == "receipt":
        source = flow.source or "unspecified"
        return f"receipt:{source}", f"received ({source.replace('_', ' ')})"
    if k in ("produce", "consume"):
        process = flow.process or "transformation"
        return f"{k}:{process}", (f"made by {process}" if k == "produce" else f"fed to {process}")
    if k == "adjustment":
        return (
            ("adjustment:found", "adjustment, found") if sign > 0 else ("adjustment:lost", "adjustment, lost")
        )
    if k == "sale":
        return ("sale", "sold") if sign < 0 else ("sale:returned", "returned by customers")
    if sign > 0:
        return f"{k}:in", "moved in"
    return f"{k}:out:{flow.to_place}", f"moved out to {flow.to_place}"


def stock_bridge(
    session: Session,
    elements_: Sequence[str],
    start: date,
    end: date,
    *,
    location: str | None = None,
    opening_t_reo: float,
    closing_t_reo: float,
) -> StockBridge:
    """The flows of ``elements_`` into and out of held stock between ``start`` and ``end`` (both included).

    Opening (end of the day before ``start``) and closing (end of ``end``) come from the balance query so
    that the bridge closes against the same figures the stock page shows."""
    check_period(start, end)
    m, lots, products, locs, tf = t.movements, t.lots, t.products, t.locations, t.transformations
    frm, to = locs.alias("frm"), locs.alias("to_loc")
    chosen = list(elements_)
    in_period = (m.c.occurred_on >= start) & (m.c.occurred_on <= end)
    # The share of the chosen elements in each distinct composition of the lots moved in the period.
    comps = (
        select(lots.c.composition.label("comp")).distinct().join(m, m.c.lot_id == lots.c.id).where(in_period)
    )
    # Both computed once (MATERIALIZED): a planner without statistics yet (a freshly loaded database) would
    # otherwise expand the JSON again for every movement.
    comps_cte = comps.cte("moved_compositions").prefix_with("MATERIALIZED")
    el = composition_elements(session, comps_cte.c.comp)
    share = (
        select(comps_cte.c.comp, func.sum(cast(el.c.value, Float)).label("share"))
        .select_from(comps_cte)
        .join(el, true())
        .where(el.c.key.in_(chosen))
        .group_by(comps_cte.c.comp)
        .cte("chosen_share")
        .prefix_with("MATERIALIZED")
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
    flows: dict[str, _Flow] = {}
    labels: dict[str, str] = {}
    counts: dict[str, int] = {}

    def flow_of(r: Any) -> tuple[str, _Flow, int]:
        sign = int(r.to_held) - int(r.from_held)
        flow = _Flow(r.kind, r.source, r.process, None if r.to_held else r.place or "outside")
        key, label = _key_and_label(flow, sign)
        labels[key] = label
        return key, flows.setdefault(key, flow), sign

    # Each line's total and count, and its largest movements, from one pass in the database.
    rank = (
        func.row_number()
        .over(partition_by=group, order_by=(func.abs(v.reo).desc(), v.occurred_on, v.id))
        .label("rank")
    )
    total = func.sum(v.reo).over(partition_by=group).label("group_reo")
    count = func.count().over(partition_by=group).label("group_n")
    ranked = select(moved, rank, total, count).subquery()
    for r in session.execute(select(ranked).where(ranked.c.rank <= EXAMPLES_PER_LINE)):
        key, flow, sign = flow_of(r)
        if r.rank == 1:
            flow.grams_reo += sign * float(r.group_reo)
            counts[key] = counts.get(key, 0) + int(r.group_n)
        reo_g = sign * float(r.reo)
        flow.movements.append(
            BridgeMovement(
                int(r.id),
                r.occurred_on,
                r.code,
                r.product,
                to_t(int(r.quantity_g)),
                round(reo_g / 1e6, 6),
                r.from_code,
                r.to_code,
                r.reference,
            )
        )
    order = {"receipt": 0, "produce": 1, "transfer": 2, "adjustment": 3, "consume": 4, "sale": 5}
    lines = [
        BridgeLine(
            key,
            labels[key],
            round(f.grams_reo / 1e6, 6),
            counts[key],
            sorted(f.movements, key=lambda mv: (-abs(mv.t_reo), mv.occurred_on, mv.movement_id))[
                :EXAMPLES_PER_LINE
            ],
        )
        for key, f in sorted(flows.items(), key=lambda kv: (order.get(kv[1].entry_kind, 9), kv[0]))
    ]
    flows_t_reo = round(sum(ln.t_reo for ln in lines), 6)
    return StockBridge(chosen, start, end, location, opening_t_reo, lines, closing_t_reo, flows_t_reo)


def check_period(start: date, end: date) -> None:
    if start.year < 1900:
        raise InvalidInput("bad start date", [Problem("must be in 1900 or later", "start")])
    if end < start:
        raise InvalidInput("empty period", [Problem("the end date is before the start date", "end")])


def opening_day(start: date) -> date:
    """Opening stock of a period is the stock at the end of the day before it starts."""
    return start - timedelta(days=1)

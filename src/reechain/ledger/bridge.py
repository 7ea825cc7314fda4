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

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from reechain.domain.errors import InvalidInput, Problem
from reechain.domain.locations import HELD_KIND_VALUES
from reechain.domain.quantities import to_t
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


def _share(composition: dict[str, float], chosen: Iterable[str]) -> float:
    return sum(composition.get(el, 0.0) for el in chosen)


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
    q = (
        select(
            m.c.id,
            m.c.kind,
            m.c.occurred_on,
            m.c.quantity_g,
            m.c.source,
            m.c.reference,
            lots.c.code,
            lots.c.reo_fraction,
            lots.c.composition,
            products.c.code.label("product"),
            frm.c.code.label("from_code"),
            frm.c.kind.label("from_kind"),
            to.c.code.label("to_code"),
            to.c.kind.label("to_kind"),
            tf.c.process,
        )
        .join(lots, lots.c.id == m.c.lot_id)
        .join(products, products.c.id == lots.c.product_id)
        .outerjoin(frm, frm.c.id == m.c.from_location_id)
        .outerjoin(to, to.c.id == m.c.to_location_id)
        .outerjoin(tf, tf.c.id == m.c.transformation_id)
        .where(m.c.occurred_on >= start, m.c.occurred_on <= end)
        .order_by(m.c.occurred_on, m.c.id)
    )
    chosen = list(elements_)
    flows: dict[str, _Flow] = {}
    labels: dict[str, str] = {}
    shares: dict[str, float] = {}
    for r in session.execute(q):
        from_held = r.from_kind in HELD_KIND_VALUES and (location is None or r.from_code == location)
        to_held = r.to_kind in HELD_KIND_VALUES and (location is None or r.to_code == location)
        sign = int(to_held) - int(from_held)
        if sign == 0:
            continue
        share = shares.get(r.composition)
        if share is None:
            share = shares[r.composition] = _share(json.loads(r.composition), chosen)
        if share == 0:
            continue
        reo_g = sign * int(r.quantity_g) * float(r.reo_fraction) * share
        flow = _Flow(
            r.kind,
            r.source,
            r.process,
            None if to_held else (r.to_code if location else r.to_kind) or "outside",
        )
        key, label = _key_and_label(flow, sign)
        flow = flows.setdefault(key, flow)
        labels[key] = label
        flow.grams_reo += reo_g
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
            len(f.movements),
            sorted(f.movements, key=lambda mv: -abs(mv.t_reo))[:EXAMPLES_PER_LINE],
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

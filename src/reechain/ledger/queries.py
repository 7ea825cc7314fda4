"""Read side of the ledger: stock balances at any date, lists, and lot traces."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from sqlalchemy import JSON, Float, Select, String, cast, func, literal, select, text, union_all
from sqlalchemy.orm import Session

from reechain.domain.elements import ELEMENT_SYMBOLS
from reechain.domain.errors import InvalidInput, NotFound, Problem
from reechain.domain.locations import HELD_KIND_VALUES
from reechain.domain.quantities import to_t
from reechain.ledger.views import BalanceRow, LocationRow, LotRow, MovementRow, ProductRow, Trace, TraceNode
from reechain.refdata import elements
from reechain.store.tables import ledger as t

BalanceBy = Literal["element", "product", "lot", "location"]
BALANCE_BY: tuple[str, ...] = ("element", "product", "lot", "location")


@dataclass(frozen=True)
class _Holding:
    lot: str
    product: str
    location: str
    quantity_g: int
    reo_fraction: float
    composition: dict[str, float]


def per_lot_location(session: Session, at: date | None, *, grouped: bool = True) -> Any:
    """(lot_id, location_id, q): the running balances now; as of the end of ``at``, whichever reads fewer
    movements: the running balance less the movements dated after ``at`` (a recent date), or the movements
    dated up to ``at`` summed (an early date). Ungrouped (several rows per lot and location) when only sums
    over them are wanted."""
    b, m = t.balances, t.movements
    now = select(b.c.lot_id.label("lot_id"), b.c.location_id.label("location_id"), b.c.quantity_g.label("q"))
    if at is None:
        return now.subquery()
    later, earlier = session.execute(  # one pass over the dates, not one per side
        select(func.count().filter(m.c.occurred_on > at), func.count().filter(m.c.occurred_on <= at))
    ).one()
    if earlier <= later:
        parts = [
            select(m.c.lot_id, m.c.to_location_id.label("location_id"), m.c.quantity_g.label("q")).where(
                m.c.to_location_id.is_not(None), m.c.occurred_on <= at
            ),
            select(m.c.lot_id, m.c.from_location_id, (-m.c.quantity_g).label("q")).where(
                m.c.from_location_id.is_not(None), m.c.occurred_on <= at
            ),
        ]
    else:
        parts = [
            now,
            select(m.c.lot_id, m.c.to_location_id, (-m.c.quantity_g).label("q")).where(
                m.c.to_location_id.is_not(None), m.c.occurred_on > at
            ),
            select(m.c.lot_id, m.c.from_location_id, m.c.quantity_g.label("q")).where(
                m.c.from_location_id.is_not(None), m.c.occurred_on > at
            ),
        ]
    u = union_all(*parts).subquery()
    if not grouped:
        return u
    return (
        select(u.c.lot_id, u.c.location_id, func.sum(u.c.q).label("q"))
        .group_by(u.c.lot_id, u.c.location_id)
        .subquery()
    )


def filtered(
    q: Select[Any], per: Any, location: str | None, product: str | None, held_only: bool
) -> Select[Any]:
    L, P, LOC = t.lots, t.products, t.locations
    q = (
        q.select_from(per)
        .join(L, L.c.id == per.c.lot_id)
        .join(P, P.c.id == L.c.product_id)
        .join(LOC, LOC.c.id == per.c.location_id)
        .where(per.c.q != 0)
    )
    if held_only:
        q = q.where(LOC.c.kind.in_(HELD_KIND_VALUES))
    if location:
        q = q.where(LOC.c.code == location)
    if product:
        q = q.where(P.c.code == product)
    return q


def _holdings(
    session: Session,
    at: date | None,
    location: str | None,
    product: str | None,
    held_only: bool,
    *,
    limit: int | None = None,
    offset: int = 0,
) -> list[_Holding]:
    L, P, LOC = t.lots, t.products, t.locations
    per = per_lot_location(session, at)
    q = filtered(
        select(
            L.c.code.label("lot"),
            P.c.code.label("product"),
            LOC.c.code.label("location"),
            per.c.q,
            L.c.reo_fraction,
            L.c.composition,
        ),
        per,
        location,
        product,
        held_only,
    )
    if limit is not None:
        q = q.order_by(L.c.code, LOC.c.code).limit(limit).offset(offset)
    comp_cache: dict[str, dict[str, float]] = {}
    out = []
    for r in session.execute(q):
        comp = comp_cache.get(r.composition)
        if comp is None:
            comp = comp_cache[r.composition] = json.loads(r.composition)
        out.append(_Holding(r.lot, r.product, r.location, int(r.q), float(r.reo_fraction), comp))
    return out


def composition_elements(session: Session, composition: Any) -> Any:
    """A composition (JSON text) as rows (key = element, value = fraction of its REO): a table-valued JSON
    function that may refer to an earlier item of the same FROM (PostgreSQL and SQLite both allow it)."""
    if session.get_bind().dialect.name == "postgresql":
        return func.json_each_text(cast(composition, JSON)).table_valued("key", "value")
    return func.json_each(composition).table_valued("key", "value")


def _aggregate(
    session: Session,
    at: date | None,
    by: str,
    location: str | None,
    product: str | None,
    held_only: bool,
    rows_counted: dict[str, int] | None = None,
) -> tuple[dict[str, int], dict[tuple[str, str], float]]:
    """Grouped in SQL: (group -> t of product in grams, (group, element) -> t REO in grams). The group is
    the product or location code (``""`` by element). The holdings are first summed per group and lot
    composition, then each composition's element fractions are read from its ``ledger_compositions`` row
    (derived, one column per element; NULL when the composition does not name the element) instead of
    expanding its JSON: one row per group, a sum per element."""
    L, P, LOC, C = t.lots, t.products, t.locations, t.compositions
    roomy(session)
    per = per_lot_location(
        session, at, grouped=False
    )  # sums are linear: no need to net each (lot, location) first
    key = {"product": P.c.code, "location": LOC.c.code}.get(by, literal(""))
    g = (
        filtered(
            select(
                key.label("k"),
                L.c.composition.label("comp"),
                func.sum(per.c.q).label("q"),
                func.sum(per.c.q * L.c.reo_fraction).label("reo"),
                func.count().label("n"),
            ),
            per,
            location,
            product,
            held_only,
        )
        .group_by(key, L.c.composition)
        .cte("per_composition")
    )
    q = (
        select(
            g.c.k,
            cast(func.sum(g.c.q), Float).label("q"),
            func.sum(g.c.n).label("n"),
            *(func.sum(g.c.reo * C.c[s.lower()]).label(f"el_{s.lower()}") for s in ELEMENT_SYMBOLS),
        )
        .select_from(g)
        .outerjoin(C, C.c.composition == g.c.comp)
        .group_by(g.c.k)
    )
    totals: dict[str, int] = {}
    by_element: dict[tuple[str, str], float] = {}
    for r in session.execute(q):
        k = str(r.k)
        totals[k] = round(r.q)
        if rows_counted is not None:  # the (lot, location) rows summed (one each when ``at`` is None)
            rows_counted[k] = int(r.n)
        for s in ELEMENT_SYMBOLS:
            v = r._mapping[f"el_{s.lower()}"]
            if v is not None:  # some composition of the group names the element
                by_element[(k, s)] = float(v)
    # Held balances are never negative, so a group holds something exactly when its total is above zero
    # (a group whose rows net to zero at the date holds nothing then).
    empty = {k for k, g_ in totals.items() if g_ == 0}
    totals = {k: g_ for k, g_ in totals.items() if k not in empty}
    by_element = {ke: v for ke, v in by_element.items() if ke[0] not in empty}
    return totals, by_element


def stock_balance(
    session: Session,
    at: date | None = None,
    by: str = "element",
    *,
    location: str | None = None,
    product: str | None = None,
    held_only: bool = True,
    limit: int | None = None,
    offset: int = 0,
) -> list[BalanceRow]:
    """Stock grouped BY element, product or location, aggregated in SQL (per element through the lots'
    compositions); by lot, one row per (lot, location), ordered by lot and location, LIMIT rows from
    OFFSET when a limit is given."""
    if by not in BALANCE_BY:
        raise InvalidInput(
            f"cannot group stock by {by!r}", [Problem(f"one of {', '.join(BALANCE_BY)}", "by")]
        )
    if by == "lot":
        return _by_lot(_holdings(session, at, location, product, held_only, limit=limit, offset=offset))
    totals, by_element = _aggregate(session, at, by, location, product, held_only)
    if by == "element":
        return _element_rows(by_element)
    per_group: dict[str, dict[str, float]] = defaultdict(dict)
    for (k, el), g in by_element.items():
        per_group[k][el] = to_t(1) * g
    rows = []
    for k in sorted(totals):
        by_el = per_group.get(k, {})
        rows.append(
            BalanceRow(
                by=by,
                key=k,
                t_reo=round(sum(by_el.values()), 6),
                t_reo_by_element={el: round(v, 6) for el, v in by_el.items()},
                t_product=None if by == "location" else to_t(totals[k]),
                product=k if by == "product" else None,
                location=k if by == "location" else None,
            )
        )
    return rows


def _element_rows(by_element: dict[tuple[str, str], float]) -> list[BalanceRow]:
    """Stock by element from the grams of REO per (group, element): one row per element above half a
    gram, in atomic-number order."""
    table = elements()
    reo: dict[str, float] = defaultdict(float)
    for (_, el), g in by_element.items():
        reo[el] += to_t(1) * g
    return [
        BalanceRow(
            by="element",
            key=el,
            t_reo=round(v, 6),
            t_reo_by_element={el: round(v, 6)},
            t_metal=round(table[el].reo_to_metal_t(v), 6),
            segment=table[el].segment.value,
        )
        for el, v in sorted(reo.items(), key=lambda kv: table[kv[0]].atomic_number)
        if abs(v) >= 5e-7
    ]


def held_now(session: Session) -> tuple[list[BalanceRow], dict[tuple[str, str], float]]:
    """Held stock now, both ways the overview and the inventory page show it, from one pass over the
    running balances: (``stock_balance(by="element")``, ``held_by_product_location``). The holdings are
    summed per (product, location, lot composition) once; the t of product per (product, location) and the
    REO per element (through the ``ledger_compositions`` columns) are both summed from those few rows."""
    L, P, LOC, C = t.lots, t.products, t.locations, t.compositions
    roomy(session)
    per = per_lot_location(session, None)
    g = (
        filtered(
            select(
                P.c.code.label("product"),
                LOC.c.code.label("location"),
                L.c.composition.label("comp"),
                func.sum(per.c.q).label("q"),
                func.sum(per.c.q * L.c.reo_fraction).label("reo"),
            ),
            per,
            None,
            None,
            True,
        )
        .group_by(P.c.code, LOC.c.code, L.c.composition)
        .cte("per_place_composition")
        .prefix_with("MATERIALIZED")
    )
    nothing = literal(None, Float)
    q = union_all(
        select(
            g.c.product, g.c.location, cast(func.sum(g.c.q), Float), *(nothing for _ in ELEMENT_SYMBOLS)
        ).group_by(g.c.product, g.c.location),
        select(
            literal(None, String),
            literal(None, String),
            cast(func.sum(g.c.q), Float),
            *(func.sum(g.c.reo * C.c[s.lower()]) for s in ELEMENT_SYMBOLS),
        )
        .select_from(g)
        .outerjoin(C, C.c.composition == g.c.comp),
    )
    stock: dict[tuple[str, str], float] = {}
    by_element: dict[tuple[str, str], float] = {}
    for product, location, grams, *per_element in session.execute(q):
        if product is not None:
            if grams:
                stock[(str(product), str(location))] = to_t(round(grams))
        elif grams is not None and round(grams) != 0:  # nothing held: no element either
            by_element = {
                ("", el): float(v)
                for el, v in zip(ELEMENT_SYMBOLS, per_element, strict=True)
                if v is not None
            }
    return _element_rows(by_element), stock


def roomy(session: Session) -> None:
    """Give this transaction's sorts and hashes room (PostgreSQL): grouping 200,000 holdings by their
    composition otherwise spills to disk at the default ``work_mem`` of 4 MB and sorts instead of hashing."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SET LOCAL work_mem = '64MB'"))


def _by_lot(holdings: list[_Holding]) -> list[BalanceRow]:
    """One row per (lot, location): nothing to aggregate."""
    rows = []
    for h in sorted(holdings, key=lambda h: (h.lot, h.location)):
        by_el = {el: to_t(h.quantity_g) * h.reo_fraction * f for el, f in h.composition.items()}
        rows.append(
            BalanceRow(
                by="lot",
                key=h.lot,
                t_reo=round(sum(by_el.values()), 6),
                t_reo_by_element={el: round(v, 6) for el, v in by_el.items()},
                t_product=to_t(h.quantity_g),
                product=h.product,
                location=h.location,
            )
        )
    return rows


def element_total_and_count(
    session: Session,
    at: date | None = None,
    *,
    location: str | None = None,
    product: str | None = None,
    held_only: bool = True,
) -> tuple[float, int]:
    """What the stock page by lot shows under its page of lots: the t REO held over every lot (the rows of
    ``stock_balance(by="element")`` added up) and how many (lot, location) rows there are
    (``count_holdings``). Now, both come from the same pass over the running balances (one row per lot and
    location, so the rows summed are the holdings counted); at a past date the count is a second query."""
    counted: dict[str, int] = {}
    totals, by_element = _aggregate(session, at, "element", location, product, held_only, counted)
    total_t_reo = sum(r.t_reo for r in _element_rows(by_element))
    if at is not None:
        return total_t_reo, count_holdings(
            session, at, location=location, product=product, held_only=held_only
        )
    return total_t_reo, counted.get("", 0) if totals else 0


def count_holdings(
    session: Session,
    at: date | None = None,
    *,
    location: str | None = None,
    product: str | None = None,
    held_only: bool = True,
) -> int:
    """How many (lot, location) rows ``stock_balance(by="lot")`` gives with these filters."""
    per = per_lot_location(session, at)
    return int(
        session.execute(filtered(select(func.count()), per, location, product, held_only)).scalar_one()
    )


def held_by_product_location(session: Session) -> dict[tuple[str, str], float]:
    """t of product held now per (product, location), summed in SQL from the running balances."""
    P, LOC = t.products, t.locations
    roomy(session)
    per = per_lot_location(session, None)
    q = filtered(select(P.c.code, LOC.c.code, func.sum(per.c.q)), per, None, None, True).group_by(
        P.c.code, LOC.c.code
    )
    return {(p, loc): to_t(int(g)) for p, loc, g in session.execute(q) if g}


def lot_compositions(session: Session, codes: Iterable[str]) -> dict[str, dict[str, float]]:
    """The element composition of each lot named (unknown codes are left out)."""
    L = t.lots
    out: dict[str, dict[str, float]] = {}
    wanted = sorted(set(codes))
    for i in range(0, len(wanted), 5000):
        q = select(L.c.code, L.c.composition).where(L.c.code.in_(wanted[i : i + 5000]))
        for code, comp in session.execute(q):
            out[code] = json.loads(comp)
    return out


def list_locations(session: Session, kind: str | None = None) -> list[LocationRow]:
    L = t.locations
    q = select(L).order_by(L.c.code)
    if kind:
        q = q.where(L.c.kind == kind)
    return [LocationRow(r.code, r.name, r.kind, r.holder, r.country) for r in session.execute(q)]


def list_products(session: Session, form: str | None = None) -> list[ProductRow]:
    P = t.products
    q = select(P).order_by(P.c.code)
    if form:
        q = q.where(P.c.form == form)
    return [
        ProductRow(r.code, r.name, r.form, r.reo_fraction, json.loads(r.composition), r.spec, r.purity)
        for r in session.execute(q)
    ]


def list_lots(
    session: Session,
    product: str | None = None,
    on_hand_only: bool = False,
    limit: int = 100,
    offset: int = 0,
) -> list[LotRow]:
    L, P, B, LOC = t.lots, t.products, t.balances, t.locations
    held = (
        select(B.c.lot_id, func.sum(B.c.quantity_g).label("q"))
        .join(LOC, LOC.c.id == B.c.location_id)
        .where(LOC.c.kind.in_(HELD_KIND_VALUES))
        .group_by(B.c.lot_id)
        .subquery()
    )
    q = (
        select(L, P.c.code.label("p"), func.coalesce(held.c.q, 0).label("held_g"))
        .join(P, P.c.id == L.c.product_id)
        .outerjoin(held, held.c.lot_id == L.c.id)
        .order_by(L.c.created_on.desc(), L.c.code)
        .limit(limit)
        .offset(offset)
    )
    if product:
        q = q.where(P.c.code == product)
    if on_hand_only:
        q = q.where(held.c.q > 0)
    return [
        LotRow(r.code, r.p, r.reo_fraction, json.loads(r.composition), r.created_on, to_t(int(r.held_g)))
        for r in session.execute(q)
    ]


def _movement_select() -> Select[Any]:
    m, L, P = t.movements, t.lots, t.products
    frm, to = t.locations.alias("frm"), t.locations.alias("to_loc")
    return (
        select(m, L.c.code.label("lot_code"), P.c.code.label("product_code"), frm.c.code.label("frm"))
        .add_columns(to.c.code.label("to"))
        .join(L, L.c.id == m.c.lot_id)
        .join(P, P.c.id == L.c.product_id)
        .outerjoin(frm, frm.c.id == m.c.from_location_id)
        .outerjoin(to, to.c.id == m.c.to_location_id)
    )


def _movement_rows(rows: Iterable[Any]) -> list[MovementRow]:
    return [
        MovementRow(
            id=int(r.id),
            kind=r.kind,
            occurred_on=r.occurred_on,
            lot=r.lot_code,
            product=r.product_code,
            from_location=r.frm,
            to_location=r.to,
            quantity_t=to_t(int(r.quantity_g)),
            t_reo=to_t(int(r.reo_g)),
            source=r.source,
            transformation_id=r.transformation_id,
            override_id=r.override_id,
            reason=r.reason,
            reference=r.reference,
            posted_by=r.posted_by,
        )
        for r in rows
    ]


def list_movements(
    session: Session,
    *,
    lot: str | None = None,
    location: str | None = None,
    kind: str | None = None,
    since: date | None = None,
    until: date | None = None,
    limit: int = 100,
    offset: int = 0,
) -> list[MovementRow]:
    m = t.movements
    q = _movement_select()
    if lot:
        q = q.where(t.lots.c.code == lot)
    if location:
        loc_id = select(t.locations.c.id).where(t.locations.c.code == location).scalar_subquery()
        q = q.where((m.c.from_location_id == loc_id) | (m.c.to_location_id == loc_id))
    if kind:
        q = q.where(m.c.kind == kind)
    if since:
        q = q.where(m.c.occurred_on >= since)
    if until:
        q = q.where(m.c.occurred_on <= until)
    q = q.order_by(m.c.occurred_on.desc(), m.c.id.desc()).limit(limit).offset(offset)
    return _movement_rows(session.execute(q))


def count_movements(session: Session) -> int:
    return int(session.execute(select(func.count()).select_from(t.movements)).scalar_one())


# -- trace ---------------------------------------------------------------------------------------------


class _Tracer:
    def __init__(self, session: Session) -> None:
        self.s = session

    def lot(self, code: str) -> Any:
        L, P = t.lots, t.products
        row = self.s.execute(
            select(L.c.id, L.c.code, L.c.created_on, P.c.code.label("p"), P.c.form)
            .join(P, P.c.id == L.c.product_id)
            .where(L.c.code == code)
        ).first()
        if row is None:
            raise NotFound(f"no lot {code!r}")
        return row

    def node(self, lot_id: int, via: str | None) -> TraceNode:
        L, P, m, loc = t.lots, t.products, t.movements, t.locations
        r = self.s.execute(
            select(L.c.code, L.c.created_on, P.c.code.label("p"), P.c.form)
            .join(P, P.c.id == L.c.product_id)
            .where(L.c.id == lot_id)
        ).one()
        node = TraceNode(r.code, r.p, r.form, r.created_on, via)
        q = (
            select(
                m.c.kind, m.c.occurred_on, m.c.quantity_g, m.c.source, m.c.reference, loc.c.code.label("loc")
            )
            .join(loc, loc.c.id == m.c.to_location_id)
            .where(m.c.lot_id == lot_id, m.c.kind.in_(["receipt", "sale"]))
            .order_by(m.c.occurred_on, m.c.id)
        )
        for mv in self.s.execute(q):
            item: dict[str, object] = {
                "on": mv.occurred_on.isoformat(),
                "quantity_t": to_t(int(mv.quantity_g)),
            }
            if mv.kind == "receipt":
                node.receipts.append({**item, "location": mv.loc, "source": mv.source})
            else:
                node.sales.append({**item, "customer": mv.loc, "reference": mv.reference})
        return node

    def links(self, lot_id: int, upward: bool) -> list[tuple[int, str]]:
        lk, tr, loc = t.lot_links, t.transformations, t.locations
        mine, other = (
            (lk.c.child_lot_id, lk.c.parent_lot_id) if upward else (lk.c.parent_lot_id, lk.c.child_lot_id)
        )
        q = (
            select(other.label("other"), tr.c.process, tr.c.occurred_on, loc.c.code)
            .join(tr, tr.c.id == lk.c.transformation_id)
            .join(loc, loc.c.id == tr.c.plant_location_id)
            .where(mine == lot_id)
            .order_by(other)
        )
        return [
            (int(r.other), f"{r.process} at {r.code} on {r.occurred_on.isoformat()}")
            for r in self.s.execute(q)
        ]

    def tree(self, lot_id: int, upward: bool, seen: set[int]) -> list[TraceNode]:
        out = []
        for other, via in self.links(lot_id, upward):
            if other in seen:
                continue
            seen.add(other)
            n = self.node(other, via)
            n.children = self.tree(other, upward, seen)
            out.append(n)
        return out


def trace_lot(session: Session, lot_code: str) -> Trace:
    tracer = _Tracer(session)
    row = tracer.lot(lot_code)
    root = tracer.node(int(row.id), None)
    return Trace(
        lot=root,
        ancestors=tracer.tree(int(row.id), True, {int(row.id)}),
        descendants=tracer.tree(int(row.id), False, {int(row.id)}),
    )

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

from sqlalchemy import (
    Float,
    String,
    and_,
    case,
    cast,
    func,
    literal,
    literal_column,
    or_,
    select,
    text,
    tuple_,
    union_all,
)
from sqlalchemy.orm import Session

from reechain.domain.errors import InvalidInput, Problem
from reechain.domain.locations import HELD_KIND_VALUES
from reechain.domain.quantities import to_t
from reechain.ledger import queries
from reechain.refdata import elements
from reechain.store.tables import ledger as t

EXAMPLES_PER_LINE = 5
RESOLUTION = 1024
CLOSING = "~closing"
"""The kind of the rows that carry the closing stock in the bridge's statement (no movement kind)."""


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
) -> StockBridge:
    """The flows of ``elements_`` into and out of held stock between ``start`` and ``end`` (both included).

    Opening (end of the day before ``start``, given) and closing (end of ``end``, summed in the same
    statement as the flows, from the same lots' shares) are the stock page's figures (``held_t_reo``), so
    that the bridge closes against the same figures the stock page shows."""
    check_period(start, end)
    m, tf = t.movements, t.transformations
    chosen = list(elements_)
    places = {int(r.id): r for r in session.execute(select(t.locations))}
    held_ids = held_location_ids(session, location)
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SET LOCAL jit = off"))  # compiling costs more than these queries take
    queries.roomy(session)

    def held(location_id: Any) -> Any:
        return case((location_id.in_(held_ids), 1), else_=0) if held_ids else literal_column("0")

    from_held, to_held = held(m.c.from_location_id), held(m.c.to_location_id)
    # The lots that hold any of the chosen elements, with their REO fraction and the chosen elements' share
    # of it (the derived per-composition columns: no JSON is expanded here), computed once: a hash table
    # the movements are joined to by lot id, instead of joining every movement to its lot and then its
    # lot's composition text. Lots whose composition names none of them move nothing of them.
    shares = (
        lot_shares(chosen)
        .add_columns(chosen_share(chosen).label("share"))
        .cte("shares")
        .prefix_with("MATERIALIZED")
    )
    sh = shares.c
    # The closing stock from the same shares: held stock at the end of ``end`` (``held_t_reo``), one row.
    closing_sums = (
        _held_sums(session, chosen, end, location, shares).cte("closing").prefix_with("MATERIALIZED")
    )
    reo = m.c.quantity_g * sh.reo_fraction * sh.share
    # One narrow row per movement of the period that moves the chosen elements into or out of held stock,
    # computed once (MATERIALIZED), with no column that may be NULL in its group: kind, source, process,
    # into / out of held stock, and where to when it leaves (0: nowhere).
    moved = (
        select(
            m.c.id,
            m.c.occurred_on,
            m.c.kind,
            func.coalesce(m.c.source, "").label("source"),
            func.coalesce(tf.c.process, "").label("process"),
            from_held.label("from_held"),
            to_held.label("to_held"),
            case((to_held == 1, 0), else_=func.coalesce(m.c.to_location_id, 0)).label("dest"),
            reo.label("reo"),
        )
        .join(shares, sh.lot_id == m.c.lot_id)
        .outerjoin(tf, tf.c.id == m.c.transformation_id)
        .where((m.c.occurred_on >= start) & (m.c.occurred_on <= end), from_held != to_held, reo != 0)
        .cte("moved")
        .prefix_with("MATERIALIZED")
    )
    v = moved.c
    group = (v.kind, v.source, v.process, v.from_held, v.to_held, v.dest)
    # Only the movements above a threshold are ranked (sorting them all costs more than the rest): sizes
    # are counted in RESOLUTION buckets of the largest one; each group keeps its buckets from the top down
    # until they hold at least EXAMPLES_PER_LINE movements and ranks every movement at or above the last
    # one kept; none below can be among its largest. The same bucket expression is used in both places,
    # so no movement falls between them.
    # The bucket width, computed once (a one-row CTE) for both places it is used.
    step_cte = (
        select((cast(func.max(func.abs(v.reo)), Float) / literal(float(RESOLUTION), Float)).label("width"))
        .cte("step")
        .prefix_with("MATERIALIZED")
    )
    step = select(step_cte.c.width).scalar_subquery()
    bucket = func.floor(func.abs(v.reo) / step)
    # Each group's movements per bucket: how many and their sum. The lines' totals and counts are the sums
    # of these (one pass over the movements for both), the cut is found from the counts.
    hist = (
        select(*group, bucket.label("bucket"), func.count().label("n"), func.sum(v.reo).label("reo"))
        .group_by(*group, bucket)
        .cte("histogram")
        .prefix_with("MATERIALIZED")
    )
    h = hist.c
    h_group = (h.kind, h.source, h.process, h.from_held, h.to_held, h.dest)
    above = func.sum(h.n).over(partition_by=h_group, order_by=h.bucket.desc())
    counted = select(*h_group, h.bucket, above.label("above")).subquery()
    c_ = counted.c
    c_group = (c_.kind, c_.source, c_.process, c_.from_held, c_.to_held, c_.dest)
    cut = (
        select(*c_group, func.max(c_.bucket).label("bucket"))
        .where(c_.above >= EXAMPLES_PER_LINE)
        .group_by(*c_group)
        .cte("group_cut")
        .prefix_with("MATERIALIZED")  # a few rows, computed once: never re-planned per movement
    )
    # The (group, bucket) pairs at or above their group's cut (every bucket of a group without one): a few
    # dozen rows. The movements are picked by looking their (group, bucket) up among them (a hash of those
    # few rows) before anything is sorted: only the picked ones are sorted and ranked, instead of sorting
    # every movement of the period by group to merge it with the cuts.
    same_group = and_(*(a == b for a, b in zip(h_group, (cut.c[c.name] for c in group), strict=True)))
    kept = (
        select(*h_group, h.bucket)
        .outerjoin(cut, same_group)
        .where(cut.c.bucket.is_(None) | (h.bucket >= cut.c.bucket))
    )
    rank = func.row_number().over(partition_by=group, order_by=(func.abs(v.reo).desc(), v.occurred_on, v.id))
    ranked = (
        select(*group, v.id, v.reo, rank.label("rank")).where(tuple_(*group, bucket).in_(kept)).subquery()
    )
    r_ = ranked.c
    # Each group's total and count (over all its movements), then the ids of its largest ones.
    lines_q = union_all(
        select(
            *h_group,
            literal_column("0").label("rank"),
            func.sum(h.reo).label("reo"),
            func.sum(h.n).label("n"),
        ).group_by(*h_group),
        select(
            r_.kind, r_.source, r_.process, r_.from_held, r_.to_held, r_.dest, r_.rank, r_.reo, r_.id
        ).where(r_.rank <= EXAMPLES_PER_LINE),
        # the closing sums as rows of rank -1 (t of product held) and -2, -3, ... (each chosen element)
        *(
            select(
                literal(CLOSING, String).label("kind"),
                literal("", String),
                literal("", String),
                literal(0),
                literal(0),
                literal(0),
                literal(-1 - i),
                cast(closing_sums.c[col], Float),
                literal(0),
            )
            for i, col in enumerate(closing_sums.c.keys())
        ),
    )
    flows: dict[str, _Flow] = {}
    labels: dict[str, str] = {}
    counts: dict[str, int] = {}

    def flow_of(r: Any) -> tuple[str, _Flow, int]:
        sign = int(r.to_held) - int(r.from_held)
        dest = places.get(int(r.dest))
        to_place = None if r.to_held else (dest.code if location else dest.kind) if dest else "outside"
        flow = _Flow(r.kind, r.source or None, r.process or None, to_place)
        key, label = _key_and_label(flow, sign)
        labels[key] = label
        return key, flows.setdefault(key, flow), sign

    examples: list[tuple[_Flow, int, float]] = []
    closing: dict[int, Any] = {}
    for r in session.execute(lines_q):
        if r.kind == CLOSING:
            closing[-1 - int(r.rank)] = r.reo
            continue
        key, flow, sign = flow_of(r)
        if r.rank == 0:
            flow.grams_reo += sign * float(r.reo)
            counts[key] = counts.get(key, 0) + int(r.n)
        else:
            examples.append((flow, int(r.n), sign * float(r.reo)))
    details = _movement_details(session, [i for _, i, _ in examples])
    for flow, i, reo_g in examples:
        d = details[i]
        flow.movements.append(
            BridgeMovement(
                i,
                d.occurred_on,
                d.code,
                d.product,
                to_t(int(d.quantity_g)),
                round(reo_g / 1e6, 6),
                d.from_code,
                d.to_code,
                d.reference,
            )
        )
    total_g, *grams = (closing.get(i) for i in range(len(chosen) + 1))
    closing_t_reo = _stock_page_t_reo(total_g, grams)
    return assemble(chosen, start, end, location, opening_t_reo, closing_t_reo, flows, labels, counts)


def assemble(
    chosen: list[str],
    start: date,
    end: date,
    location: str | None,
    opening_t_reo: float,
    closing_t_reo: float,
    flows: dict[str, _Flow],
    labels: dict[str, str],
    counts: dict[str, int],
) -> StockBridge:
    """The bridge from its flows: lines in a fixed order, each with its largest movements."""
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


def held_location_ids(session: Session, location: str | None = None) -> list[int]:
    """The places whose stock is held (mines, plants, warehouses, in transit), or just ``location`` if it
    is one: a short list of ids, which the planner estimates better than a join on their kind."""
    L = t.locations
    q = select(L.c.id).where(L.c.kind.in_(HELD_KIND_VALUES)).order_by(L.c.id)
    if location is not None:
        q = q.where(L.c.code == location)
    return [int(i) for i in session.execute(q).scalars()]


def held_t_reo(session: Session, elements_: Sequence[str], at: date, location: str | None = None) -> float:
    """t REO of the chosen elements held at the end of ``at``: the figures of the stock page by element
    (``queries.stock_balance``: each element rounded, those below half a gram left out) added up, with
    only the chosen elements summed, each in one pass over the holdings of the lots whose composition
    names any of them (``lot_shares``) instead of expanding every composition."""
    chosen = list(elements_)
    queries.roomy(session)
    shares = lot_shares(chosen).subquery("shares")
    total_g, *grams = session.execute(_held_sums(session, chosen, at, location, shares)).one()
    return _stock_page_t_reo(total_g, grams)


def _held_sums(session: Session, chosen: list[str], at: date, location: str | None, shares: Any) -> Any:
    """One row: grams held at the end of ``at`` of the lots in ``shares`` (``lot_shares``), then grams of
    REO of each chosen element."""
    per = queries.per_lot_location(session, at, grouped=False)
    sh = shares.c
    sums = [func.sum(per.c.q * sh.reo_fraction * sh[f"s_{el.lower()}"]) for el in chosen]
    return (
        select(
            func.sum(per.c.q).label("total_g"),
            *(v.label(f"g_{el.lower()}") for v, el in zip(sums, chosen, strict=True)),
        )
        .select_from(per)
        .join(shares, sh.lot_id == per.c.lot_id)
        .where(per.c.q != 0, per.c.location_id.in_(held_location_ids(session, location)))
    )


def _stock_page_t_reo(total_g: Any, grams: Sequence[Any]) -> float:
    """The chosen elements' t REO as the stock page shows them: each element rounded, those below half a
    gram left out, added up; nothing when the holdings net to zero."""
    per_element = [to_t(1) * float(g) for g in grams if g is not None] if total_g else []
    return round(sum(round(v, 6) for v in per_element if abs(v) >= 5e-7), 6)


def lot_shares(chosen: Sequence[str]) -> Any:
    """(lot_id, reo_fraction, s_<element> for each chosen element) of the lots whose composition names any
    of the chosen elements, from the derived per-composition columns (0 for an element it does not name)."""
    lots, C = t.lots, t.compositions
    return (
        select(
            lots.c.id.label("lot_id"),
            lots.c.reo_fraction.label("reo_fraction"),
            *(func.coalesce(C.c[el.lower()], 0.0).label(f"s_{el.lower()}") for el in chosen),
        )
        .join(C, C.c.composition == lots.c.composition)
        .where(or_(*(C.c[el.lower()].is_not(None) for el in chosen)) if chosen else literal(False))
    )


def _movement_details(session: Session, ids: list[int]) -> dict[int, Any]:
    """What the page shows of each example movement, by id (a handful: looked up by primary key)."""
    if not ids:
        return {}
    m, lots, products, locs = t.movements, t.lots, t.products, t.locations
    frm, to = locs.alias("frm"), locs.alias("to_loc")
    q = (
        select(
            m.c.id,
            m.c.occurred_on,
            m.c.quantity_g,
            m.c.reference,
            lots.c.code,
            products.c.code.label("product"),
            frm.c.code.label("from_code"),
            to.c.code.label("to_code"),
        )
        .join(lots, lots.c.id == m.c.lot_id)
        .join(products, products.c.id == lots.c.product_id)
        .outerjoin(frm, frm.c.id == m.c.from_location_id)
        .outerjoin(to, to.c.id == m.c.to_location_id)
        .where(m.c.id.in_(sorted(set(ids))))
    )
    return {int(r.id): r for r in session.execute(q)}


def chosen_share(chosen: Sequence[str]) -> Any:
    """The fraction of a lot's REO that is the chosen elements, from its ``ledger_compositions`` row: the
    elements the composition names, added in the order of its (sorted) JSON keys."""
    cols = [func.coalesce(t.compositions.c[s.lower()], 0.0) for s in sorted(chosen)]
    if not cols:
        return literal(0.0)
    total: Any = cols[0]
    for c in cols[1:]:
        total = total + c
    return total


def check_period(start: date, end: date) -> None:
    if start.year < 1900:
        raise InvalidInput("bad start date", [Problem("must be in 1900 or later", "start")])
    if end < start:
        raise InvalidInput(
            "empty period", [Problem(f"the end date {end} is before the start date {start}", "end")]
        )


def opening_day(start: date) -> date:
    """Opening stock of a period is the stock at the end of the day before it starts."""
    return start - timedelta(days=1)

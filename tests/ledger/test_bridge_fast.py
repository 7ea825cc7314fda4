"""The stock bridge's fast path (derived per-composition columns, only the largest movements ranked,
opening and closing summed for the chosen elements alone) returns the same bridge as the straightforward
computation, on SQLite and PostgreSQL; the derived compositions equal their recomputation from the lots."""

from __future__ import annotations

import contextlib
import itertools
import json
import math
from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from reechain.bootstrap import Container
from reechain.domain.errors import InvalidInput, NotFound, RuleViolation
from reechain.domain.movements import LotLine, MovementInput, MovementKind
from reechain.ledger.bridge import StockBridge
from reechain.services import ledger
from reechain.store.tables import ledger as t

from .bridge_reference import reference_bridge
from .helpers import Y, post_story, receipt, sale, separation, transfer

# Own assays of received lots: some without Pr or Nd, one with heavy elements, one the product's.
ASSAYS = [
    None,
    {"La": 0.6, "Ce": 0.4},
    {"Ce": 0.3, "Nd": 0.5, "Pr": 0.1, "Dy": 0.07, "Tb": 0.03},
    {"La": 0.2, "Ce": 0.45, "Pr": 0.06, "Nd": 0.24, "Sm": 0.05},
    {"Y": 0.7, "Dy": 0.2, "Er": 0.1},
]
PLACES = ["MINE", "WH", "SEP", "MET"]
_run = itertools.count()
ops = st.lists(
    st.tuples(
        st.sampled_from(["receipt", "receipt", "transfer", "sale", "found", "lost", "separate"]),
        st.integers(0, 5),  # which lot (of this run's)
        st.sampled_from(PLACES),
        st.sampled_from(PLACES),
        st.sampled_from([0.001, 0.5, 1.0, 1.0, 2.0, 2.0, 7.5, 250.0]),  # ties and a wide spread of sizes
        st.integers(0, 40),  # day
        st.integers(0, len(ASSAYS) - 1),
    ),
    min_size=5,
    max_size=40,
)


def same_bridge(fast: StockBridge, ref: StockBridge) -> None:
    assert (fast.opening_t_reo, fast.closing_t_reo) == (ref.opening_t_reo, ref.closing_t_reo)
    assert [(ln.key, ln.label, ln.movements, ln.examples) for ln in fast.lines] == [
        (ln.key, ln.label, ln.movements, ln.examples) for ln in ref.lines
    ]
    # A line's total may be added up in another order: equal to well below the gram shown.
    for a, b in zip(fast.lines, ref.lines, strict=True):
        assert math.isclose(a.t_reo, b.t_reo, abs_tol=2e-6), (a.key, a.t_reo, b.t_reo)
    assert math.isclose(fast.flows_t_reo, ref.flows_t_reo, abs_tol=1e-5)


def post_run(c: Container, run: int, steps: list[tuple[str, int, str, str, float, int, int]]) -> None:
    start = date(Y, 4, 1)
    for i, (kind, n, a, b, qty, day, assay) in enumerate(steps):
        lot, on = f"F{run}-{n}", start + timedelta(days=day)
        m: MovementInput
        if kind == "receipt":
            comp = ASSAYS[assay]
            extra: dict[str, object] = {} if comp is None else {"composition": comp, "reo_fraction": 0.4}
            m = receipt(lot, qty * 10, to=a, on=on, **extra)
        elif kind == "transfer":
            m = transfer(lot, qty, a, b, on=on) if a != b else sale(lot, qty, frm=a, on=on)
        elif kind == "sale":
            m = sale(lot, qty, frm=a, on=on)
        elif kind in ("found", "lost"):
            sign = 1 if kind == "found" else -1
            m = MovementInput(
                MovementKind.ADJUSTMENT, on, lot=lot, quantity_t=sign * qty, to_location=a, reason="count"
            )
        else:  # separate part of the lot at the plant into La and PrNd oxide at 96 % (the rest is residue)
            reo = qty * 0.5
            m = separation(
                [(lot, qty)],
                [
                    LotLine(f"{lot}-{i}-LA", round(reo * 0.25 * 0.96, 6), "LA-OX"),
                    LotLine(f"{lot}-{i}-PN", round(reo * 0.25 * 0.96, 6), "PRND-OX"),
                ],
                on=on,
            )
        with contextlib.suppress(RuleViolation, InvalidInput, NotFound):  # refused postings change nothing
            ledger.post_movement(c, m)


@settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=ops, a=st.integers(0, 30), span=st.integers(0, 40))
def test_fast_bridge_equals_the_straightforward_one(
    world: Container, steps: list[tuple[str, int, str, str, float, int, int]], a: int, span: int
) -> None:
    post_run(world, next(_run), steps)
    first = date(Y, 4, 1) + timedelta(days=a - 1)
    last = first + timedelta(days=span)
    for elements in (["Pr", "Nd"], ["La"], ["Dy", "Tb"], ["Y"], ["Sm"]):
        for location in (None, "MINE", "SEP", "WH"):
            fast = ledger.stock_bridge(world, elements, first, last, location=location)
            same_bridge(fast, reference_bridge(world, elements, first, last, location))


def test_fast_bridge_on_a_known_story_and_many_equal_movements(world: Container) -> None:
    """Hand-checked story plus 30 sales of the same size: the examples are the first ones by date and id
    whichever way the tie is broken, the count and total take them all."""
    post_story(world)
    ledger.post_movement(world, receipt("BIG", 1000.0, on=date(Y, 3, 3)))
    ledger.post_movements(world, [sale("BIG", 2.0, frm="MINE", on=date(Y, 3, 4 + i % 5)) for i in range(30)])
    ledger.post_movement(world, sale("BIG", 0.001, frm="MINE", on=date(Y, 3, 3)))
    for elements in (["Pr", "Nd"], ["La"], ["Ce"]):
        fast = ledger.stock_bridge(world, elements, date(Y, 1, 1), date(Y, 3, 31))
        same_bridge(fast, reference_bridge(world, elements, date(Y, 1, 1), date(Y, 3, 31)))
    prnd = ledger.stock_bridge(world, ["Pr", "Nd"], date(Y, 1, 1), date(Y, 3, 31))
    sold = next(ln for ln in prnd.lines if ln.key == "sale")
    assert sold.movements == 2 + 31
    # 30 × 2 t × 50 % REO × 25 % PrNd = 7.5 t, the 0.001 t sale 0.000125 t, the story's sales 4.25 t
    assert math.isclose(sold.t_reo, -(7.5 + 0.000125 + 4.25), abs_tol=1e-9)
    assert [mv.t_reo for mv in sold.examples] == [-3.0, -1.25, -0.25, -0.25, -0.25]
    firsts = [mv for mv in sold.examples if mv.t_reo == -0.25]
    assert [mv.occurred_on for mv in firsts] == [date(Y, 3, 4)] * 3
    assert [mv.movement_id for mv in firsts] == sorted(mv.movement_id for mv in firsts)
    assert math.isclose(prnd.opening_t_reo + prnd.flows_t_reo, prnd.closing_t_reo, abs_tol=1e-6)


@settings(
    max_examples=5,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=ops)
def test_derived_compositions_equal_their_recomputation_from_the_lots(
    world: Container, steps: list[tuple[str, int, str, str, float, int, int]]
) -> None:
    post_run(world, next(_run), steps)
    with world.uow() as uow:
        s = uow.session
        lot_texts = set(s.execute(select(t.lots.c.composition).distinct()).scalars())
        rows = {r.composition: r for r in s.execute(select(t.compositions))}
    assert set(rows) == lot_texts  # one row per distinct lot composition, none other
    for text_, row in rows.items():
        parts = json.loads(text_)
        for symbol in t.ELEMENT_SYMBOLS:
            assert getattr(row, symbol.lower()) == parts.get(symbol), (text_, symbol)
    assert set().union(*(json.loads(x) for x in lot_texts)) <= set(t.ELEMENT_SYMBOLS)

"""Stock summed in the database gives the same figures as summing every holding in Python (the way the
ledger computed them before), on the sample group plus a few thousand lots with their own assays."""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import date, timedelta

import pytest

from reechain.bootstrap import Container
from reechain.domain.movements import MovementInput, MovementKind, ReceiptSource
from reechain.domain.quantities import to_t
from reechain.ledger import queries
from reechain.ledger.views import BalanceRow
from reechain.refdata import elements
from reechain.services import ledger
from reechain.services.sample import load_sample_group

LOTS = 2_000
GRAM_T = 1e-6


def _old_way(holdings: list[queries._Holding], by: str) -> dict[str, tuple[float, dict[str, float], float]]:
    """key -> (t REO, t REO by element, t product), summed holding by holding as before."""
    out: dict[str, list] = {}
    for h in holdings:
        key = {"element": "", "product": h.product, "location": h.location}[by]
        row = out.setdefault(key, [0.0, defaultdict(float), 0])
        for el, f in h.composition.items():
            v = to_t(h.quantity_g) * h.reo_fraction * f
            row[0] += v
            row[1][el] += v
        row[2] += h.quantity_g
    return {k: (v[0], dict(v[1]), to_t(v[2])) for k, v in out.items()}


def _import(c: Container, seed: int = 3) -> date:
    rng = random.Random(seed)
    held = [loc.code for loc in ledger.list_locations(c) if loc.kind in ("warehouse", "plant")]
    customers = [loc.code for loc in ledger.list_locations(c, "customer")]
    products = [
        p for p in ledger.list_products(c) if p.form in ("oxide", "metal", "concentrate") and p.composition
    ]
    start = date(2026, 3, 1)
    moves: list[MovementInput] = []
    for i in range(LOTS):
        p = rng.choice(products)
        comp = None
        if i % 3 == 0:
            shifted = {el: f * rng.uniform(0.8, 1.2) for el, f in p.composition.items()}
            total = sum(shifted.values())
            comp = {el: v / total for el, v in shifted.items()}
        lot, where, on = f"AGG-{i:05d}", rng.choice(held), start + timedelta(days=rng.randrange(200))
        moves.append(
            MovementInput(
                MovementKind.RECEIPT,
                on,
                lot=lot,
                product=p.code,
                quantity_t=round(rng.uniform(0.1, 30), 3),
                to_location=where,
                source=ReceiptSource.PURCHASE,
                composition=comp,
                reo_fraction=None if comp is None else p.reo_fraction * rng.uniform(0.95, 1.0),
            )
        )
        if i % 4 == 0:  # part of it moves on, or is sold, later
            other = rng.choice([h for h in held if h != where] + customers)
            kind = MovementKind.SALE if other in customers else MovementKind.TRANSFER
            moves.append(
                MovementInput(
                    kind,
                    on + timedelta(days=5),
                    lot=lot,
                    quantity_t=0.05,
                    from_location=where,
                    to_location=other,
                )
            )
    ledger.post_movements(c, moves)
    return start + timedelta(days=100)


def _check(
    session: object,
    rows: list[BalanceRow],
    expected: dict[str, tuple[float, dict[str, float], float]],
    by: str,
) -> None:
    if by == "element":
        reo_by_el: dict[str, float] = defaultdict(float)
        for _, by_el, _ in expected.values():
            for el, v in by_el.items():
                reo_by_el[el] += v
        table = elements()
        want = {el: v for el, v in reo_by_el.items() if abs(v) >= 5e-7}
        assert [r.key for r in rows] == sorted(want, key=lambda el: table[el].atomic_number)
        for r in rows:
            assert r.t_reo == pytest.approx(want[r.key], abs=GRAM_T)
            assert r.t_metal == pytest.approx(table[r.key].reo_to_metal_t(want[r.key]), abs=GRAM_T)
            assert r.segment == table[r.key].segment.value
        return
    assert [r.key for r in rows] == sorted(expected)
    for r in rows:
        t_reo, by_el, t_product = expected[r.key]
        assert r.t_reo == pytest.approx(t_reo, abs=GRAM_T)
        assert set(r.t_reo_by_element) == set(by_el)
        for el, v in by_el.items():
            assert r.t_reo_by_element[el] == pytest.approx(v, abs=GRAM_T)
        assert r.t_product == (None if by == "location" else pytest.approx(t_product, abs=GRAM_T))
        assert r.product == (r.key if by == "product" else None)
        assert r.location == (r.key if by == "location" else None)


def test_sql_sums_equal_the_python_sums_of_every_holding(container: Container) -> None:
    load_sample_group(container)
    mid = _import(container)
    with container.uow() as uow:
        s = uow.session
        assert queries.count_holdings(s) > LOTS
        wh = next(loc.code for loc in queries.list_locations(s, "warehouse"))
        prod = "CONC-BO" if any(p.code == "CONC-BO" for p in queries.list_products(s)) else None
        # early and late dates: the stock at a date is read from the movements up to it or from the running
        # balances less the later movements, whichever is fewer
        for at in (None, date(2026, 3, 3), mid, mid + timedelta(days=95)):
            for location, product in ((None, None), (wh, None), (None, prod)):
                holdings = queries._holdings(s, at, location, product, True)
                assert holdings or product, (at, location, product)
                for by in ("element", "product", "location"):
                    rows = queries.stock_balance(s, at, by, location=location, product=product)
                    _check(s, rows, _old_way(holdings, by), by)
        # stock per (product, location) for the inventory page, and the by-lot pages put back together
        per_pl: dict[tuple[str, str], int] = defaultdict(int)
        holdings = queries._holdings(s, None, None, None, True)
        for h in holdings:
            per_pl[(h.product, h.location)] += h.quantity_g
        got = queries.held_by_product_location(s)
        assert set(got) == set(per_pl)
        for k, g in per_pl.items():
            assert got[k] == pytest.approx(to_t(g), abs=GRAM_T)
        whole = queries.stock_balance(s, None, "lot")
        paged = [
            r
            for off in range(0, len(whole), 700)
            for r in queries.stock_balance(s, None, "lot", limit=700, offset=off)
        ]
        assert paged == whole
        assert len(whole) == len(holdings) == queries.count_holdings(s)
        # the overview's and inventory page's single pass gives both figures the separate queries give
        by_element, per_place = queries.held_now(s)
        assert [r.key for r in by_element] == [r.key for r in queries.stock_balance(s, None, "element")]
        for r, want in zip(by_element, queries.stock_balance(s, None, "element"), strict=True):
            assert r.t_reo == pytest.approx(want.t_reo, abs=GRAM_T)
            assert r.t_metal == pytest.approx(want.t_metal, abs=GRAM_T)
            assert r.segment == want.segment
        assert per_place == pytest.approx(got, abs=GRAM_T)
        assert set(per_place) == set(got)
        # the by-lot page's total and count: one pass now, two queries at a past date; same figures as the
        # element rows added up and the holdings counted
        for at in (None, date(2026, 3, 3), mid):
            for location, product in ((None, None), (wh, None), (None, prod)):
                total, count = queries.element_total_and_count(s, at, location=location, product=product)
                want_rows = queries.stock_balance(s, at, "element", location=location, product=product)
                assert total == pytest.approx(sum(r.t_reo for r in want_rows), abs=GRAM_T)
                assert count == queries.count_holdings(s, at, location=location, product=product)
                assert count == len(queries._holdings(s, at, location, product, True))

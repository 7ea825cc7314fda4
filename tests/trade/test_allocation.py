"""Allocation of lots: FIFO, FEFO, purity spec, all or nothing (pure)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reechain.domain.errors import RuleViolation
from reechain.trade.allocation import AllocationRule, LotStock, allocate


def lot(code: str, free: float, created: int, expires: int | None = None, purity: float = 0.995) -> LotStock:
    return LotStock(
        code, "WH", "P", purity, date(2026, 1, created), date(2026, 6, expires) if expires else None, free
    )


LOTS = [lot("A", 2, 10, expires=20), lot("B", 3, 5), lot("C", 1.5, 1, expires=5, purity=0.9999)]


def test_fifo_takes_oldest_first() -> None:
    lines = allocate(4, LOTS, AllocationRule.FIFO)
    assert [(x.lot, x.quantity_t) for x in lines] == [("C", 1.5), ("B", 2.5)]


def test_fefo_takes_earliest_expiry_first_then_undated_by_age() -> None:
    lines = allocate(4, LOTS, AllocationRule.FEFO)
    assert [(x.lot, x.quantity_t) for x in lines] == [("C", 1.5), ("A", 2.0), ("B", 0.5)]


def test_purity_spec_and_expired_lots() -> None:
    lines = allocate(1.0, LOTS, AllocationRule.FIFO, min_purity=0.999)
    assert [(x.lot, x.quantity_t) for x in lines] == [("C", 1.0)]
    lines = allocate(1.0, LOTS, AllocationRule.FEFO, today=date(2026, 6, 10))  # C expired on 6-5
    assert [x.lot for x in lines] == ["A"]


def test_not_enough_is_refused_with_what_is_free() -> None:
    with pytest.raises(RuleViolation) as e:
        allocate(2.0, LOTS, AllocationRule.FIFO, min_purity=0.999)
    assert "1.5 t free, 2 t ordered" in e.value.message
    assert [p.reason for p in e.value.problems] == ["C@WH: 1.5 t free"]


@settings(max_examples=100, deadline=None)
@given(
    frees=st.lists(st.one_of(st.just(0.0), st.floats(0.001, 50)), min_size=1, max_size=8),
    purities=st.lists(st.sampled_from([0.99, 0.995, 0.999, 0.9999]), min_size=8, max_size=8),
    share=st.floats(0.01, 1.2),
    spec=st.sampled_from([None, 0.995, 0.999]),
    rule=st.sampled_from(list(AllocationRule)),
)
def test_allocation_properties(
    frees: list[float], purities: list[float], share: float, spec: float | None, rule: AllocationRule
) -> None:
    lots = [
        lot(f"L{i}", f, i + 1, expires=(i * 7) % 28 + 1 if i % 2 else None, purity=purities[i])
        for i, f in enumerate(frees)
    ]
    eligible = {x.lot: x for x in lots if spec is None or x.purity >= spec}
    want = round(sum(x.free_t for x in eligible.values()) * share, 6)
    if want <= 0:
        return
    try:
        lines = allocate(want, lots, rule, min_purity=spec)
    except RuleViolation:
        assert want > sum(x.free_t for x in eligible.values()) + 1e-6 - 1e-9
        return
    assert sum(x.quantity_t for x in lines) == pytest.approx(want, abs=1e-5)
    for x in lines:
        assert x.lot in eligible and 0 < x.quantity_t <= eligible[x.lot].free_t + 1e-6
    assert len({x.lot for x in lines}) == len(lines)

"""Licence assignment (pure): the right licence, shared quantity, and the reasons for refusing one."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from reechain.compliance.classification import classify_line
from reechain.compliance.licences import Licence, LineLicence, assign_licences, name_key
from reechain.compliance.order import Order, OrderLine, Party
from reechain.compliance.rules import load_rules

from .support import dy_licence

BOOK = load_rules()
DAY = date(2026, 3, 2)
EXPORTER = "Sample Rare Earth Group International Trade Co., Ltd."


def order(*quantities_kg: float) -> Order:
    lines = tuple(
        OrderLine(i, "Dy2O3", "oxide", 0.995, "2846901500", {"Dy": 1.0}, q)
        for i, q in enumerate(quantities_kg, 1)
    )
    parties = (
        Party("consignee", "Example Magnetics K.K.", "JP"),
        Party("end_user", "Example Magnetics Kyushu Plant", "JP"),
    )
    return Order("O-1", DAY, EXPORTER, "CN", "JP", "", parties, lines)


def assign(o: Order, licences: list[Licence]) -> dict[int, LineLicence]:
    classes = {ln.line: classify_line(BOOK, ln, o.date) for ln in o.lines}
    return assign_licences(o, classes, licences)


def test_names_compare_without_case_spacing_or_punctuation() -> None:
    assert name_key("Example Magnetics K.K.") == name_key("EXAMPLE  MAGNETICS KK")
    assert name_key("示例磁材（九州）") == name_key("示例磁材(九州)")
    assert name_key("Example Magnetics") != name_key("Example Magnetic")


def test_lines_share_one_licence_until_it_runs_out() -> None:
    got = assign(order(400, 400, 300), [dy_licence(quantity_kg=1000.0)])
    assert [got[i].licence_no for i in (1, 2, 3)] == ["DU-2026-001", "DU-2026-001", None]
    assert "only 200 kg left" in got[3].reason


def test_the_licence_expiring_first_is_used_first() -> None:
    late = dy_licence("DU-LATE", valid_until=date(2026, 12, 31))
    early = dy_licence("DU-EARLY", valid_until=date(2026, 6, 30))
    assert assign(order(100), [late, early])[1].licence_no == "DU-EARLY"


def test_an_export_licence_does_not_cover_a_dual_use_item() -> None:
    got = assign(order(100), [dy_licence("EX-1", kind="export")])
    assert got[1].licence_no is None and "kind export (needs dual_use)" in got[1].reason


@settings(max_examples=60)
@given(
    st.lists(st.integers(1, 900), min_size=1, max_size=6),
    st.lists(st.tuples(st.integers(0, 1500), st.integers(0, 1500)), min_size=0, max_size=4),
)
def test_no_licence_is_assigned_more_than_it_has_left(
    quantities: list[int], specs: list[tuple[int, int]]
) -> None:
    licences = [
        dy_licence(f"L{i}", quantity_kg=float(max(q, d, 1)), drawn_kg=float(min(d, max(q, d, 1))))
        for i, (q, d) in enumerate(specs)
    ]
    got = assign(order(*map(float, quantities)), licences)
    used: dict[str, float] = {}
    for ln in order(*map(float, quantities)).lines:
        a = got[ln.line]
        if a.licence_no is not None:
            used[a.licence_no] = used.get(a.licence_no, 0.0) + ln.quantity_kg
    remaining = {lic.licence_no: lic.remaining_kg for lic in licences}
    for no, kg in used.items():
        assert kg <= remaining[no] + 1e-9
    # a line left without a licence really had none with enough left at its turn
    if not licences:
        assert all(got[i].licence_no is None for i in got)

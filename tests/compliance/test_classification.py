"""Classification of order lines against the measures in force on the order's day."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reechain.compliance.classification import classify_line
from reechain.compliance.order import RARE_EARTHS, OrderLine, parse_order
from reechain.compliance.rules import FORMS, Status, load_rules
from reechain.domain.errors import InvalidInput

BOOK = load_rules()


def line(form: str = "oxide", hs: str = "2846901500", **comp: float) -> OrderLine:
    return OrderLine(1, "product", form, 0.995, hs, comp or {"Dy": 1.0}, 500.0)


def ids(day: date, ln: OrderLine) -> set[str]:
    return {f.measure_id for f in classify_line(BOOK, ln, day).findings}


def test_dy_oxide_after_no_18_needs_a_dual_use_licence_with_its_code_and_reason() -> None:
    c = classify_line(BOOK, line(), date(2026, 3, 2))
    f = next(f for f in c.findings if f.measure_id == "MOFCOM_GAC_2025_18")
    assert f.control_codes == ("1C905.b",)
    assert f.licence_kinds == {"dual_use"}
    assert "Dy 100 %" in f.reason and "form oxide" in f.reason and "unverified" in f.reason
    cat = next(f for f in c.findings if f.measure_id == "MOFCOM_EXPORT_LICENCE_GOODS_2026")
    assert "HS 2846901500 is listed" in cat.reason and "氧化镝" in cat.reason
    assert c.needs_licence


def test_dy_oxide_before_no_18_is_not_caught_by_it() -> None:
    assert ids(date(2025, 4, 3), line()) == set()
    assert ids(date(2025, 4, 4), line()) == {"MOFCOM_GAC_2025_18"}


def test_holmium_oxide_during_and_after_the_no_70_suspension() -> None:
    ho = line(hs="2846901999", Ho=1.0)
    during = classify_line(BOOK, ho, date(2026, 3, 2))
    assert "MOFCOM_GAC_2025_57" not in {f.measure_id for f in during.findings}
    assert any("MOFCOM_GAC_2025_57" in n and "suspended" in n for n in during.not_applied)
    after = classify_line(BOOK, ho, date(2026, 11, 11))
    f = next(f for f in after.findings if f.measure_id == "MOFCOM_GAC_2025_57")
    assert f.control_codes == ("1C909.b",)


def test_magnet_with_a_little_dysprosium_is_a_metal_form_item() -> None:
    c = classify_line(BOOK, line(form="magnet", hs="8505111000", Nd=0.29, Pr=0.01, Dy=0.03), date(2026, 3, 2))
    (f,) = c.findings
    assert f.measure_id == "MOFCOM_GAC_2025_18" and f.control_codes == ("1C905.a",)
    assert f.elements == ("Dy",)


def test_lanthanum_oxide_is_caught_only_by_the_licence_catalogue() -> None:
    assert ids(date(2026, 3, 2), line(hs="2846901200", La=1.0)) == {"MOFCOM_EXPORT_LICENCE_GOODS_2026"}
    assert ids(date(2027, 1, 1), line(hs="2846901200", La=1.0)) == set()  # the 2026 catalogue lapsed


def test_samarium_cobalt_alloy_gets_code_a() -> None:
    c = classify_line(BOOK, line(form="alloy", hs="7202999900", Sm=1.0), date(2026, 3, 2))
    (f,) = c.findings
    assert f.control_codes == ("1C902.a",)
    assert "unverified" not in f.reason


@given(
    st.dates(min_value=date(2024, 6, 1), max_value=date(2028, 1, 1)),
    st.sampled_from(sorted(FORMS)),
    st.sampled_from(sorted(RARE_EARTHS)),
    st.sampled_from(["2846901500", "2846101000", "2805301200", "8505111000", "7202991900"]),
)
def test_only_measures_in_force_are_applied(day: date, form: str, el: str, hs: str) -> None:
    c = classify_line(BOOK, line(form=form, hs=hs, **{el: 1.0}), day)
    for f in c.findings:
        assert BOOK.status(BOOK.by_id(f.measure_id), day)[0] is Status.IN_FORCE
        assert f.reason


def test_a_bad_order_names_each_field_and_line(example_order) -> None:  # type: ignore[no-untyped-def]
    o = example_order()
    o["lines"][0]["composition"] = {"Dy": 1.2, "Xx": 0.1}
    o["lines"][1]["form"] = "powder"
    o["lines"][1]["quantity_kg"] = -5
    o["destination_country"] = "Japan"
    with pytest.raises(InvalidInput) as e:
        parse_order(o)
    got = {(p.field, p.line) for p in e.value.problems}
    assert ("composition", 1) in got and ("form", 2) in got and ("quantity_kg", 2) in got
    assert ("destination_country", None) in got

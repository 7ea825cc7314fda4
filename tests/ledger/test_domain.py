"""Elements, quantities and products: pure domain, no database."""

from __future__ import annotations

import math

import pytest

from reechain import refdata
from reechain.domain.elements import ELEMENT_SYMBOLS, Segment
from reechain.domain.errors import InvalidInput, RuleViolation
from reechain.domain.lots import Lot
from reechain.domain.movements import balance_transformation
from reechain.domain.products import Form, Product, metal_reo_fraction
from reechain.domain.quantities import Basis, MixedBasis, t_metal, t_product, t_reo


def test_seventeen_elements_with_source_columns() -> None:
    table = refdata.elements()
    assert len(table) == 17 and set(table) == set(ELEMENT_SYMBOLS)
    assert table["Ce"].reference_oxide == "CeO2"
    assert table["Pr"].reference_oxide == "Pr6O11"
    assert table["Tb"].reference_oxide == "Tb4O7"
    assert table["Nd"].reference_oxide == "Nd2O3"
    assert "No.18/2025" in table["Dy"].china_export_control_status_2025
    assert table["Tb"].class_usgs_mcs2026_heavy_chapter == "heavy(listed)"


@pytest.mark.parametrize(
    ("symbol", "factor"), [("Nd", 0.8574), ("Pr", 0.8277), ("Ce", 0.8141), ("Tb", 0.8502), ("Dy", 0.8713)]
)
def test_reo_to_metal_factors_match_the_readme_examples(symbol: str, factor: float) -> None:
    el = refdata.elements()[symbol]
    assert el.reo_to_metal_factor == factor
    metal = t_reo(10.0, symbol).to_metal(el)
    assert metal.basis is Basis.METAL and math.isclose(metal.t, 10 * factor)
    assert math.isclose(metal.to_reo(el).t, 10.0, rel_tol=1e-4)  # factors are rounded to 4 digits


def test_factor_recomputed_from_atomic_weights() -> None:
    # Nd2O3: 2·144.242 / (2·144.242 + 3·15.999) = 0.85737…
    nd = refdata.elements()["Nd"]
    assert math.isclose(
        2 * nd.atomic_weight / (2 * nd.atomic_weight + 3 * 15.999), nd.reo_to_metal_factor, abs_tol=5e-5
    )


def test_segments_follow_the_chinese_three_way_split() -> None:
    table = refdata.elements()
    assert {e.symbol for e in table.in_segment(Segment.LIGHT)} == {"La", "Ce", "Pr", "Nd", "Pm"}
    assert {e.symbol for e in table.in_segment(Segment.MEDIUM)} == {"Sm", "Eu", "Gd", "Tb", "Dy"}
    assert {e.symbol for e in table.in_segment(Segment.HEAVY)} == {"Ho", "Er", "Tm", "Yb", "Lu", "Y"}
    assert table["Sc"].segment is Segment.NOT_CLASSIFIED


def test_unknown_element_is_invalid_input() -> None:
    with pytest.raises(InvalidInput, match="Xx"):
        refdata.elements()["Xx"]


def test_mixing_bases_fails_loudly() -> None:
    with pytest.raises(MixedBasis):
        t_product(1.0, "CONC") + t_reo(1.0, "Nd")
    with pytest.raises(MixedBasis):
        t_reo(1.0, "Nd") + t_reo(1.0, "Pr")
    with pytest.raises(MixedBasis):
        t_reo(1.0, "Nd") + t_metal(1.0, "Nd")
    with pytest.raises(MixedBasis):
        _ = t_reo(1.0, "Nd") < t_metal(1.0, "Nd")
    with pytest.raises(MixedBasis):
        t_reo(1.0, "Nd").to_metal(refdata.elements()["Pr"])
    assert (t_reo(1.0, "Nd") + t_reo(2.5, "Nd")).t == 3.5
    assert str(t_metal(2, "Dy")) == "2.000 t Dy metal"


def test_product_reo_by_element() -> None:
    conc = Product("CONC", "c", Form.CONCENTRATE, 0.5, {"La": 0.25, "Ce": 0.5, "Pr": 0.05, "Nd": 0.2})
    reo = conc.reo_by_element(t_product(100.0, "CONC"))
    assert {k: v.t for k, v in reo.items()} == {"La": 12.5, "Ce": 25.0, "Pr": 2.5, "Nd": 10.0}
    with pytest.raises(InvalidInput):
        conc.reo_by_element(t_reo(1.0))


def test_product_validation_names_the_fields() -> None:
    with pytest.raises(InvalidInput) as e:
        Product("BAD", "b", Form.OXIDE, 0.99, {"La": 0.5, "Ce": 0.4}).validate()
    assert "sum to 1" in str(e.value)
    with pytest.raises(InvalidInput) as e:
        Product("BAD", "b", Form.OXIDE, 0.99, {"Qq": 1.0}).validate()
    assert "Qq" in str(e.value)


def test_metal_reo_fraction_hand_computed() -> None:
    # PrNd metal 25 % Pr / 75 % Nd by mass: REO per t = 0.25·1.2082 + 0.75·1.1664 = 1.17685
    reo, comp = metal_reo_fraction({"Pr": 0.25, "Nd": 0.75}, refdata.elements())
    assert math.isclose(reo, 1.17685)
    assert math.isclose(comp["Pr"], 0.25 * 1.2082 / 1.17685)


def test_transformation_balance_and_residue() -> None:
    conc = Lot("C", "CONC", 0.5, {"La": 0.25, "Ce": 0.5, "Pr": 0.05, "Nd": 0.2})
    la, ce = Lot("L", "LA-OX", 1.0, {"La": 1.0}), Lot("E", "CE-OX", 1.0, {"Ce": 1.0})
    prnd = Lot("P", "PRND-OX", 1.0, {"Pr": 0.2, "Nd": 0.8})
    # 100 t concentrate = 50 t REO: La 12.5, Ce 25, Pr 2.5, Nd 10; outputs at 96 %.
    bal = balance_transformation([(conc, 100.0)], [(la, 12.0), (ce, 24.0), (prnd, 12.0)], 0.95)
    assert math.isclose(bal.residue_t_reo, 0.5 + 1.0 + 0.1 + 0.4)
    assert math.isclose(bal.residue_composition()["Ce"], 1.0 / 2.0)


def test_unbalanced_transformation_names_element_and_gap() -> None:
    conc = Lot("C", "CONC", 0.5, {"La": 0.25, "Ce": 0.5, "Pr": 0.05, "Nd": 0.2})
    la, ce = Lot("L", "LA-OX", 1.0, {"La": 1.0}), Lot("E", "CE-OX", 1.0, {"Ce": 1.0})
    with pytest.raises(RuleViolation) as e:  # 13 t La out of 12.5 t in
        balance_transformation([(conc, 100.0)], [(la, 13.0), (ce, 24.0)], 0.0001)
    assert e.value.problems[0].field == "La" and "0.500000" in e.value.problems[0].reason
    with pytest.raises(RuleViolation) as e:  # Ce 20 t out of 25 t = 80 % < 95 %: gap 23.75 - 20 = 3.75
        balance_transformation([(conc, 100.0)], [(la, 12.0), (ce, 20.0)], 0.95)
    fields = {p.field: p.reason for p in e.value.problems}
    assert "Ce" in fields and "3.750000" in fields["Ce"]
    assert "Nd" in fields  # nothing came out for Nd either

"""KPIs per t REO on a small ledger whose production is known by hand (world.py), on SQLite and PostgreSQL."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reechain.bootstrap import Container
from reechain.domain.errors import InvalidInput, NotFound
from reechain.green.kpis import Factor, Limit, exceedances, kpis
from reechain.green.records import ConsumptionRecord, Zone
from reechain.ledger.production import produced_t_reo
from reechain.services import green as svc

from .world import FEB_RECORDS, FEB_T_REO, JAN_RECORDS, JAN_T_REO


def store(c: Container, rows: list[dict[str, object]], **kw: object) -> svc.ImportReport:
    return svc.store_records(c, list(enumerate(rows, start=2)), source="test", actor=None, **kw)  # type: ignore[arg-type]


def test_t_reo_come_from_the_ledger_transformations(green_world: Container) -> None:
    with green_world.uow() as uow:
        produced = produced_t_reo(uow.session)
    assert produced == {("SEP", "2026-01"): JAN_T_REO, ("SEP", "2026-02"): FEB_T_REO}


def test_kpis_per_t_reo_hand_computed(green_world: Container) -> None:
    store(green_world, JAN_RECORDS + FEB_RECORDS)
    report = svc.plant_kpis(green_world, plant="SEP", period="2026-01")
    (jan,) = report.months
    assert jan.t_reo == 48.0
    assert jan.per_t_reo["electricity_kwh"] == 3000.0
    assert jan.per_t_reo["sulfuric_acid_t"] == 2.5
    assert jan.per_t_reo["thorium_slag_t"] == 1.0
    assert jan.per_t_reo["thorium_slag_activity_mbq"] == 9.0
    # CO2e = quantity × factor: 144,000 kWh × 0.5568 (scope 2), 1,000 m3 × 2.184 (scope 1)
    assert math.isclose(jan.co2e_scope2_kg, 144_000 * 0.5568)
    assert math.isclose(jan.co2e_scope1_kg, 1_000 * 2.184)
    assert math.isclose(jan.co2e_kg_per_t_reo or 0, (80_179.2 + 2_184) / 48)
    assert jan.cost_cny_per_t_reo == 7000.0
    assert jan.exceedances == []  # 15.0 is at the limit, not above it
    year = svc.plant_kpis(green_world, plant="SEP", period="2026")
    assert [k.period for k in year.months] == ["2026-01", "2026-02"]
    (whole,) = year.plants
    assert whole.t_reo == 72.0 and whole.per_t_reo["electricity_kwh"] == 240_000 / 72
    assert whole.cost_cny_per_t_reo == (336_000 + 216_000) / 72
    assert [(e.period, e.measured, e.limit) for e in whole.exceedances] == [("2026-02", 15.1, 15.0)]


def test_a_month_without_production_has_no_intensity(green_world: Container) -> None:
    store(green_world, [{"plant": "MET", "period": "2026-03", "item": "electricity_kwh", "quantity": 5}])
    (k,) = svc.plant_kpis(green_world, plant="MET").months
    assert k.t_reo == 0.0 and k.totals["electricity_kwh"] == 5.0 and k.per_t_reo["electricity_kwh"] is None
    assert k.co2e_kg_per_t_reo is None and k.cost_cny_per_t_reo is None


def test_unknown_plant_and_bad_filters(green_world: Container) -> None:
    with pytest.raises(NotFound):
        svc.plant_kpis(green_world, plant="NOPE")
    with pytest.raises(InvalidInput):
        svc.plant_kpis(green_world, period="2026-13")


LIMITS = [
    Limit("ammonia_nitrogen_mg_per_l", Zone.GENERAL, 15.0, "mg_per_l", "GB 26451-2011", "2011-10-01", "s"),
    Limit("ammonia_nitrogen_mg_per_l", Zone.SPECIAL, 5.0, "mg_per_l", "GB 26451-2011", "2011-10-01", "s"),
]


@pytest.mark.parametrize(
    ("measured", "zone", "flagged"),
    [(15.0, Zone.GENERAL, False), (15.1, Zone.GENERAL, True), (5.0, Zone.SPECIAL, False),
     (5.1, Zone.SPECIAL, True), (14.0, Zone.SPECIAL, True)],
)  # fmt: skip
def test_limit_flag(measured: float, zone: Zone, flagged: bool) -> None:
    r = ConsumptionRecord("P", "2026-01", "ammonia_nitrogen_mg_per_l", measured, zone)
    assert bool(exceedances([r], LIMITS)) is flagged


def test_packaged_limits_are_the_sourced_ones() -> None:
    got = {(lim.item, lim.zone.value): lim.limit for lim in svc.limits()}
    assert got == {
        ("ammonia_nitrogen_mg_per_l", "general"): 15.0,
        ("ammonia_nitrogen_mg_per_l", "special"): 5.0,
    }
    for row in svc.reference_rows("gb26451_limits") + svc.reference_rows("co2e_factors"):
        assert row["source"] and row["confidence"] and row["url"].startswith("https://")


amount = st.floats(min_value=0, max_value=1e9, allow_nan=False, allow_infinity=False)
t_reo = st.floats(min_value=1e-3, max_value=1e6, allow_nan=False, allow_infinity=False)


@given(quantity=amount, produced=t_reo, k=st.floats(min_value=0.01, max_value=100))
def test_kpis_scale_with_the_records_and_inversely_with_production(
    quantity: float, produced: float, k: float
) -> None:
    cat = svc.catalogue()
    factors = {"electricity_kwh": Factor("electricity_kwh", 2, 0.5568, "s")}
    one = kpis(
        "P",
        "2026-01",
        [ConsumptionRecord("P", "2026-01", "electricity_kwh", quantity)],
        produced,
        cat,
        factors,
        [],
    )
    scaled = kpis(
        "P",
        "2026-01",
        [ConsumptionRecord("P", "2026-01", "electricity_kwh", quantity * k)],
        produced * k,
        cat,
        factors,
        [],
    )
    a, b = one.per_t_reo["electricity_kwh"], scaled.per_t_reo["electricity_kwh"]
    assert a is not None and b is not None and a >= 0 and one.co2e_kg >= 0
    assert math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)
    assert math.isclose(one.co2e_kg_per_t_reo or 0, 0.5568 * a, rel_tol=1e-9, abs_tol=1e-9)

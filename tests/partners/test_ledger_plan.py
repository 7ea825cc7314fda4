"""A plan from the ledger with the registered partners: the sample JV's capacity and the parent's
concentrate enter the plan, their take is reported, and without the option the plan is unchanged."""

from __future__ import annotations

import math
from datetime import date

from reechain.bootstrap import Container
from reechain.services.planning import ledger_problem, run_plan
from reechain.services.sample import load_sample_group


def test_plan_from_the_ledger_uses_the_register(sqlite_file_container: Container) -> None:
    c = sqlite_file_container
    load_sample_group(c)  # loads the illustrative partners and agreements too
    plain, _ = ledger_problem(c, 2026, today=date(2026, 10, 1))
    assert "partners" not in plain and not any(p.get("partner") for p in plain["plants"])
    data, notes = ledger_problem(c, 2026, today=date(2026, 10, 1), with_partners=True)
    jv = next(p for p in data["plants"] if p.get("partner") == "P-JV-OXIDE")
    assert jv["capacity_t_reo_per_period"] == 1250.0  # 5,000 t REO a year over four quarters
    offtake = next(a for a in data["agreements"] if a["kind"] == "offtake")
    assert offtake["volume_t_reo_per_period"] == 875.0  # 3,500 t REO a year over four quarters
    supply = next(a for a in data["agreements"] if a["kind"] == "supply")
    assert (supply["min_t_per_period"], supply["max_t_per_period"]) == (5000.0, 15000.0)
    assert any("AG-TOLL-MAG" in n for n in notes)  # tolling at the magnet JV is not planned
    doc = run_plan(c, 2026, today=date(2026, 10, 1), with_partners=True)
    parent = next(p for p in doc["partners"] if p["partner"] == "P-PARENT")
    assert 5000.0 - 1e-6 <= parent["supplied_t"] <= 15000.0 + 1e-6
    assert math.isclose(parent["supply_cost"], parent["supplied_t"] * 26834.0, rel_tol=1e-9)
    usable = doc["periods"][0]["plants"]["JV-OX-BT"]
    assert usable["capacity_t_reo"] == 875.0 and usable["reo_fed_t"] <= 875.0 + 1e-6
    without = run_plan(c, 2026, today=date(2026, 10, 1))
    assert "partners" not in without

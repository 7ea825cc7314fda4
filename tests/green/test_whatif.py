"""What-if: an upgrade's savings lower the cost per t REO by (net saving / 12) / t REO, hand-computed."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reechain.bootstrap import Container
from reechain.domain.errors import InvalidInput
from reechain.green.appraisal import UpgradeProject
from reechain.green.kpis import Kpis
from reechain.green.whatif import annual_net_savings, what_if
from reechain.services import green as svc

from .world import FEB_RECORDS, JAN_RECORDS


def test_what_if_on_the_small_ledger(green_world: Container) -> None:
    svc.store_records(green_world, list(enumerate(JAN_RECORDS + FEB_RECORDS, 2)), source="t", actor=None)
    # 1,152,000 CNY a year = 96,000 a month; from February only: 96,000 / 24 t REO = 4,000 CNY/t REO less
    months = svc.cost_what_if(
        green_world, plant="SEP", annual_net_savings_cny=1_152_000, start_period="2026-02"
    )
    assert [(m.period, m.cost_cny_per_t_reo, m.saving_cny, m.cost_after_cny_per_t_reo) for m in months] == [
        ("2026-01", 7000.0, 0.0, 7000.0),
        ("2026-02", 9000.0, 96_000.0, 5000.0),
    ]
    from_jan = svc.cost_what_if(
        green_world, plant="SEP", annual_net_savings_cny=1_152_000, start_period="2026-01"
    )
    assert from_jan[0].cost_after_cny_per_t_reo == 7000.0 - 96_000 / 48
    with pytest.raises(InvalidInput):
        svc.cost_what_if(green_world, plant="SEP", annual_net_savings_cny=math.inf, start_period="2026-01")
    with pytest.raises(InvalidInput):
        svc.cost_what_if(green_world, plant="SEP", annual_net_savings_cny=1.0, start_period="2026")


def test_net_savings_of_an_appraised_project() -> None:
    p = UpgradeProject("x", (120.0, 80.0), 65.0, 10.0, 10, 0.08, 0.25, 2)
    assert annual_net_savings(p, 1e6) == 55e6


@given(
    t_reo=st.floats(min_value=1.0, max_value=1e5),
    cost=st.floats(min_value=0.0, max_value=1e9),
    saving=st.floats(min_value=0.0, max_value=1e9),
)
def test_what_if_never_raises_the_cost_of_a_saving(t_reo: float, cost: float, saving: float) -> None:
    k = Kpis("P", "2026-05", t_reo, totals={"cost_labour_cny": cost})
    (m,) = what_if([k], saving, "2026-01")
    assert m.cost_after_cny_per_t_reo is not None and m.cost_cny_per_t_reo is not None
    assert m.cost_after_cny_per_t_reo <= m.cost_cny_per_t_reo
    assert math.isclose(
        m.cost_cny_per_t_reo - m.cost_after_cny_per_t_reo, saving / 12 / t_reo, rel_tol=1e-9, abs_tol=1e-6
    )

"""What-if: an upgrade's savings fed back into a plant's cost per t REO.

The upgrade's yearly net saving (``annual_savings − annual_opex_change`` of the appraisal, before tax: a cost
view, not a cash-flow one) is spread evenly over the months from the month it starts; in each such month the
cost per t REO falls by (net saving / 12) / t REO produced that month. Months before the start, or without
production or cost records, are unchanged.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reechain.green.appraisal import UpgradeProject
from reechain.green.kpis import Kpis


@dataclass(frozen=True)
class WhatIfMonth:
    period: str
    t_reo: float
    cost_cny_per_t_reo: float | None
    saving_cny: float
    cost_after_cny_per_t_reo: float | None

    def as_json(self) -> dict[str, object]:
        return {
            "period": self.period,
            "t_reo": self.t_reo,
            "cost_cny_per_t_reo": self.cost_cny_per_t_reo,
            "saving_cny": self.saving_cny,
            "cost_after_cny_per_t_reo": self.cost_after_cny_per_t_reo,
        }


def annual_net_savings(project: UpgradeProject, unit_cny: float = 1.0) -> float:
    """The project's yearly net saving in CNY (its amounts are in units of UNIT_CNY, e.g. 1e6)."""
    return (project.annual_savings - project.annual_opex_change) * unit_cny


def what_if(months: Sequence[Kpis], annual_net_savings_cny: float, start_period: str) -> list[WhatIfMonth]:
    """MONTHS are one plant's monthly KPIs; periods compare as text (YYYY-MM)."""
    monthly_saving = annual_net_savings_cny / 12
    out = []
    for k in months:
        before = k.cost_cny_per_t_reo
        active = k.period >= start_period and before is not None
        saving = monthly_saving if active else 0.0
        after = before - saving / k.t_reo if active and before is not None else before
        out.append(WhatIfMonth(k.period, k.t_reo, before, saving, after))
    return out

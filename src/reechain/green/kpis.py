"""Green and cost KPIs of a plant and period, per t REO produced; CO2e; limits of GB 26451-2011.

The t REO produced come from the ledger (the REO in the outputs of the plant's transformations); they are
passed in, never typed. An amount (reagent, energy, water, emission, residue, cost) divided by the t REO is
its intensity; a measured concentration (mg/L) is checked against the packaged limits instead.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from reechain.green.records import INTENSIVE, Catalogue, Category, ConsumptionRecord, Zone

COST_COMPONENTS = ("cost_reagents_cny", "cost_energy_cny", "cost_labour_cny", "cost_depreciation_cny")


@dataclass(frozen=True)
class Factor:
    item: str
    scope: int
    kg_co2e_per_unit: float
    source: str


@dataclass(frozen=True)
class Limit:
    item: str
    zone: Zone
    limit: float
    unit: str
    standard: str
    effective: str
    source: str


@dataclass(frozen=True)
class Exceedance:
    plant: str
    period: str
    item: str
    zone: Zone
    measured: float
    limit: float
    unit: str
    standard: str


@dataclass
class Kpis:
    """KPIs of one plant over one period (a month, or several months summed)."""

    plant: str
    period: str
    t_reo: float
    totals: dict[str, float] = field(default_factory=dict)
    """Each amount item summed over the period, in its own unit."""
    per_t_reo: dict[str, float | None] = field(default_factory=dict)
    """Each amount item per t REO (``None`` when nothing was produced)."""
    measured: dict[str, float] = field(default_factory=dict)
    """Concentrations: the highest measurement of the period."""
    co2e_scope1_kg: float = 0.0
    co2e_scope2_kg: float = 0.0
    exceedances: list[Exceedance] = field(default_factory=list)

    @property
    def co2e_kg(self) -> float:
        return self.co2e_scope1_kg + self.co2e_scope2_kg

    @property
    def co2e_kg_per_t_reo(self) -> float | None:
        return per_t(self.co2e_kg, self.t_reo)

    @property
    def cost_cny(self) -> float:
        return math.fsum(self.totals.get(c, 0.0) for c in COST_COMPONENTS)

    @property
    def cost_cny_per_t_reo(self) -> float | None:
        """Cost per t REO; ``None`` when nothing was produced or no cost was recorded."""
        if not any(c in self.totals for c in COST_COMPONENTS):
            return None
        return per_t(self.cost_cny, self.t_reo)

    def as_json(self) -> dict[str, object]:
        return {
            "plant": self.plant,
            "period": self.period,
            "t_reo": self.t_reo,
            "totals": dict(sorted(self.totals.items())),
            "per_t_reo": dict(sorted(self.per_t_reo.items())),
            "measured": dict(sorted(self.measured.items())),
            "co2e_scope1_kg": self.co2e_scope1_kg,
            "co2e_scope2_kg": self.co2e_scope2_kg,
            "co2e_kg_per_t_reo": self.co2e_kg_per_t_reo,
            "cost_cny_per_t_reo": self.cost_cny_per_t_reo,
            "exceedances": [exceedance_json(e) for e in self.exceedances],
        }


def exceedance_json(e: Exceedance) -> dict[str, object]:
    return {
        "plant": e.plant,
        "period": e.period,
        "item": e.item,
        "zone": e.zone.value,
        "measured": e.measured,
        "limit": e.limit,
        "unit": e.unit,
        "standard": e.standard,
    }


def per_t(amount: float, t_reo: float) -> float | None:
    return amount / t_reo if t_reo > 0 else None


def exceedances(records: Iterable[ConsumptionRecord], limits: Sequence[Limit]) -> list[Exceedance]:
    """Each measurement strictly above the limit of its item and zone (equal to the limit passes)."""
    by_key = {(lim.item, lim.zone): lim for lim in limits}
    out = []
    for r in records:
        lim = by_key.get((r.item, r.zone))
        if lim is not None and r.quantity > lim.limit:
            out.append(
                Exceedance(r.plant, r.period, r.item, r.zone, r.quantity, lim.limit, lim.unit, lim.standard)
            )
    return out


def kpis(
    plant: str,
    period: str,
    records: Iterable[ConsumptionRecord],
    t_reo: float,
    catalogue: Catalogue,
    factors: Mapping[str, Factor],
    limits: Sequence[Limit],
) -> Kpis:
    """The KPIs of RECORDS (one plant's, over the period named PERIOD) for T_REO produced."""
    records = list(records)
    sums: dict[str, list[float]] = defaultdict(list)
    out = Kpis(plant, period, t_reo)
    for r in records:
        if catalogue.category(r.item) in INTENSIVE:
            out.measured[r.item] = max(out.measured.get(r.item, r.quantity), r.quantity)
        else:
            sums[r.item].append(r.quantity)
    for item, values in sums.items():
        total = math.fsum(values)
        out.totals[item] = total
        out.per_t_reo[item] = per_t(total, t_reo)
        factor = factors.get(item)
        if factor is not None:
            if factor.scope == 1:
                out.co2e_scope1_kg += total * factor.kg_co2e_per_unit
            else:
                out.co2e_scope2_kg += total * factor.kg_co2e_per_unit
    out.exceedances = exceedances(records, limits)
    return out


def monthly(
    records: Iterable[ConsumptionRecord],
    produced: Mapping[tuple[str, str], float],
    catalogue: Catalogue,
    factors: Mapping[str, Factor],
    limits: Sequence[Limit],
) -> list[Kpis]:
    """KPIs per (plant, month) for every month that has records or production, in plant and month order."""
    grouped: dict[tuple[str, str], list[ConsumptionRecord]] = defaultdict(list)
    for r in records:
        grouped[(r.plant, r.period)].append(r)
    keys = sorted(set(grouped) | set(produced))
    return [
        kpis(p, m, grouped.get((p, m), []), produced.get((p, m), 0.0), catalogue, factors, limits)
        for p, m in keys
    ]


def summary(months: Sequence[Kpis], catalogue: Catalogue, factors: Mapping[str, Factor]) -> Kpis:
    """One plant's months taken together: amounts and t REO summed, the highest concentration kept."""
    assert months and len({k.plant for k in months}) == 1
    t_reo = math.fsum(k.t_reo for k in months)
    label = months[0].period if len(months) == 1 else f"{months[0].period}..{months[-1].period}"
    out = Kpis(months[0].plant, label, t_reo)
    for item in sorted({i for k in months for i in k.totals}):
        total = math.fsum(k.totals.get(item, 0.0) for k in months)
        out.totals[item] = total
        out.per_t_reo[item] = per_t(total, t_reo)
    for k in months:
        for item, value in k.measured.items():
            out.measured[item] = max(out.measured.get(item, value), value)
        out.exceedances.extend(k.exceedances)
    out.co2e_scope1_kg = math.fsum(k.co2e_scope1_kg for k in months)
    out.co2e_scope2_kg = math.fsum(k.co2e_scope2_kg for k in months)
    return out


def category_items(catalogue: Catalogue, category: Category) -> list[str]:
    return [i.item for i in catalogue.items.values() if i.category is category]

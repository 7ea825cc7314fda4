"""Appraisal of a plant upgrade (green smelting, reagent recovery, …): NPV, IRR, payback, discounted payback.

Conventions (docs/plants.md, "Upgrade appraisal"):
- ``capex[t]`` is paid at time t, t = 0 … construction_years − 1 (construction_years defaults to the length of
  capex; a longer construction period has no capex in its last years);
- the operating cash flow at times construction_years … construction_years + life_years − 1 is
  (annual_savings − annual_opex_change)(1 − tax_rate) + tax_rate · sum(capex) / life_years, i.e. the after-tax
  saving plus the tax shield of straight-line depreciation of the capex over the life;
- NPV discounts the flow at time t by (1 + r)^t;
- payback counts from t = 0 and interpolates linearly inside the year in which the cumulative flow turns
  non-negative: t − 1 + (−cumulative[t − 1]) / flow[t]; None if it never does. Discounted payback does the
  same with discounted flows.
- IRR is the rate at which NPV is 0, found by bracketing and bisection (Brent) on the rate; when the flows
  change sign more than once and several rates qualify, the one closest to 0 is given (as numpy-financial
  does); None when there is none.
Amounts are in whatever currency unit the project states (the packaged examples use million CNY).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from scipy.optimize import brentq

IRR_LOW = -0.99
IRR_HIGH = 100.0
IRR_GRID = 2000


@dataclass(frozen=True)
class UpgradeProject:
    id: str
    capex: tuple[float, ...]
    annual_savings: float
    annual_opex_change: float
    life_years: int
    discount_rate: float
    tax_rate: float
    construction_years: int

    def operating_cash_flow(self) -> float:
        depreciation = sum(self.capex) / self.life_years
        return (self.annual_savings - self.annual_opex_change) * (
            1 - self.tax_rate
        ) + self.tax_rate * depreciation

    def cash_flows(self) -> tuple[float, ...]:
        """The flow at each time t = 0 … construction_years + life_years − 1."""
        flows = [0.0] * (self.construction_years + self.life_years)
        for t, amount in enumerate(self.capex):
            flows[t] -= amount
        operating = self.operating_cash_flow()
        for t in range(self.construction_years, len(flows)):
            flows[t] += operating
        return tuple(flows)


@dataclass(frozen=True)
class Appraisal:
    id: str
    npv: float
    irr: float | None
    payback_years: float | None
    discounted_payback_years: float | None
    cash_flows: tuple[float, ...]

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "npv": self.npv,
            "irr": self.irr,
            "payback_years": self.payback_years,
            "discounted_payback_years": self.discounted_payback_years,
            "cash_flows": list(self.cash_flows),
        }


def npv(rate: float, flows: Sequence[float]) -> float:
    return math.fsum(f / (1 + rate) ** t for t, f in enumerate(flows))


def payback(flows: Sequence[float]) -> float | None:
    cumulative = 0.0
    for t, f in enumerate(flows):
        before = cumulative
        cumulative += f
        if cumulative >= 0:
            return 0.0 if t == 0 else t - 1 + (-before) / f
    return None


def irr(flows: Sequence[float]) -> float | None:
    """The rate of zero NPV closest to 0 within (−99 %, 10,000 %), or None."""
    if not any(f > 0 for f in flows) or not any(f < 0 for f in flows):
        return None
    # a grid in log(1 + r) brackets every sign change; Brent's method refines each root
    grid = [math.expm1(math.log1p(IRR_LOW) + (math.log1p(IRR_HIGH) - math.log1p(IRR_LOW)) * i / IRR_GRID)
            for i in range(IRR_GRID + 1)]  # fmt: skip
    values = [npv(r, flows) for r in grid]
    roots = []
    for (a, fa), (b, fb) in zip(
        zip(grid, values, strict=True), zip(grid[1:], values[1:], strict=True), strict=False
    ):
        if fa == 0:
            roots.append(a)
        elif fb != 0 and (fa > 0) != (fb > 0):  # not fa * fb < 0: tiny flows underflow to 0
            roots.append(float(brentq(npv, a, b, args=(flows,), xtol=1e-14, rtol=1e-15, maxiter=200)))
    return min(roots, key=abs) if roots else None


def appraise(project: UpgradeProject) -> Appraisal:
    flows = project.cash_flows()
    discounted = [f / (1 + project.discount_rate) ** t for t, f in enumerate(flows)]
    return Appraisal(
        id=project.id,
        npv=npv(project.discount_rate, flows),
        irr=irr(flows),
        payback_years=payback(flows),
        discounted_payback_years=payback(discounted),
        cash_flows=flows,
    )

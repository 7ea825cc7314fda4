"""Name the constraints of an infeasible plan that conflict, in the words of the planning file.

HiGHS computes an irreducible infeasible subset (IIS: remove any one of its constraints and the rest can
be met).
Its limits — quotas, capacities, contract minimums, supplies, hard safety stocks — are reported with the field
path a planner would change (the ``--set`` path syntax); the balance equations that link them (element,
product and feed balances) are named once as the mechanism.
"""

from __future__ import annotations

from collections import defaultdict

import highspy
import numpy as np

from reechain.domain.errors import Problem
from reechain.planning.model import PlanningModel

IIS_IRREDUCIBLE = 4  # HiGHS iis_strategy: irreducible subset found from the LP, not only a ray certificate
BOUND_LOWER, BOUND_UPPER, BOUND_BOXED = 2, 3, 4  # HiGHS IisBoundStatus

LINKS = {
    "element-balance": "element balance",
    "product-balance": "product balance",
    "feed-balance": "feed balance",
    "safety-stock": "safety stock",
    "plant-min-run-if-on": "minimum run if on",
    "plant-off-means-idle": "idle when off",
    "variable-mix": "mix of a product of variable composition",
}


def diagnose_infeasible(m: PlanningModel) -> list[Problem]:
    h = highspy.Highs()  # type: ignore[no-untyped-call]
    h.setOptionValue("output_flag", False)
    h.setOptionValue("iis_strategy", IIS_IRREDUCIBLE)
    m.lp.to_highs(h, relax_integers=True)  # an IIS is defined for the linear relaxation
    h.run()
    if m.lp.has_integers and h.getModelStatus() == highspy.HighsModelStatus.kOptimal:
        switched = [p for p in m.problem.plants if p.can_shut_down and p.min_run_t_reo_per_period > 0]
        return [
            Problem(
                f"the plant can only stop or run at {p.min_run_t_reo_per_period:g} t REO per period or more; "
                "with these on/off choices the other limits cannot all be met (they could at part load)",
                field=f"plants.{p.id}.min_run_t_reo_per_period",
            )
            for p in switched
        ]
    status, iis = h.getIis()
    if status == highspy.HighsStatus.kError or not iis.valid_:
        return [Problem("HiGHS found no feasible plan but could not isolate the conflicting constraints")]
    v = m.lp.vectors()
    limits: dict[tuple[str, str], list[str]] = defaultdict(list)
    links: dict[str, set[str]] = defaultdict(set)
    for row, bound in zip(iis.row_index_, iis.row_bound_, strict=True):
        block = m.lp.row_block(int(row))
        where = block.coordinates(int(row))
        if block.name in LINKS:
            links[LINKS[block.name]].add(
                where.get("element") or where.get("product") or where.get("feed") or where.get("output") or ""
            )
            continue
        side = v["row_upper"][row] if bound == BOUND_UPPER else v["row_lower"][row]
        field, reason = _describe_row(m, block.name, where, float(side), bound)
        limits[(field, reason)].append(where.get("period", ""))
    for col, bound in zip(iis.col_index_, iis.col_bound_, strict=True):
        if bound not in (BOUND_LOWER, BOUND_UPPER, BOUND_BOXED):
            continue
        value = v["col_upper"][col] if bound == BOUND_UPPER else v["col_lower"][col]
        if bound == BOUND_LOWER and value == 0:
            continue  # non-negativity is not a planner's choice
        block = m.lp.column_block(int(col))
        where = block.coordinates(int(col))
        described = _describe_column(block.name, where, float(value), bound)
        if described is not None:
            limits[described].append(where.get("period", ""))
    problems = []
    for (field, reason), periods in limits.items():
        named = [p for p in periods if p]
        when = f" in {', '.join(dict.fromkeys(named))}" if named else ""
        problems.append(Problem(f"{reason}{when}", field=field))
    if links:
        text = "; ".join(
            f"{name} ({', '.join(sorted(x for x in what if x))})" for name, what in links.items()
        )
        problems.append(Problem(f"these limits conflict through the {text}", field="(linked by)"))
    if not problems:
        problems.append(Problem("the problem is infeasible; HiGHS returned an empty conflict set"))
    return problems


def _fmt(value: float) -> str:
    return f"{value:,.6g}" if abs(value) < 1e6 else f"{value:,.0f}"


def _describe_row(
    m: PlanningModel, name: str, where: dict[str, str], side: float, bound: int
) -> tuple[str, str]:
    if name == "quota":
        label = where["limit"]
        quota_id = label.split(" to ")[0]
        quota = next(q for q in m.problem.quotas if q.id == quota_id)
        used = f" ({_fmt(quota.used_t_reo)} t already used before the plan)" if quota.used_t_reo else ""
        if " to " in label:
            period = label.split(" to ")[1]
            limit = quota.cumulative_limits[period]
            return (
                f"quotas.{quota_id}.cumulative_limits.{period}",
                f"quota batch: at most {_fmt(limit)} t REO used up to {period}{used}",
            )
        return (
            f"quotas.{quota_id}.limit_t_reo",
            f"{quota.kind} quota: at most {_fmt(quota.limit_t_reo)} t REO{used}",
        )
    if name == "plant-capacity":
        return f"plants.{where['plant']}.capacity_t_reo_per_period", f"capacity {_fmt(side)} t REO per period"
    if name == "plant-min-run":
        return (
            f"plants.{where['plant']}.min_run_t_reo_per_period",
            f"minimum run {_fmt(side)} t REO per period",
        )
    if name == "contract-minimum":
        return f"demand.{where['line']}.min_t_per_period", f"contract minimum {_fmt(side)} t per period"
    if name == "demand-limit":
        return f"demand.{where['line']}.max_t_per_period", f"at most {_fmt(side)} t sold per period"
    if name == "export-licence":
        return f"licences.{where['licence']}", f"export licence allows at most {_fmt(side)} t"
    label = m.lp.rows[name].name
    return label, f"{'at most' if bound == BOUND_UPPER else 'at least'} {_fmt(side)}"


def _describe_column(name: str, where: dict[str, str], value: float, bound: int) -> tuple[str, str] | None:
    upper = bound == BOUND_UPPER
    if name == "feed-bought" and upper:
        return f"feeds.{where['feed']}.supply_t_per_period", f"supply at most {_fmt(value)} t per period"
    if name == "stock" and upper:
        return f"inventory.{where['product']}.max_t", f"stock at most {_fmt(value)} t"
    if name == "stock":
        return f"inventory.{where['product']}.min_t", f"safety stock at least {_fmt(value)} t (hard)"
    if name == "process-activity" and upper:
        return f"processes.{where['process']}.capacity_per_period", f"capacity {_fmt(value)} per period"
    if name == "agreement-take":
        what = "at most" if upper else "take-or-pay minimum"
        field = "max_t_per_period" if upper else "min_t_per_period"
        return (
            f"agreements.{where['agreement']}.{field}",
            f"supply agreement: {what} {_fmt(value)} t per period",
        )
    if name == "feed-stock" and upper:
        return f"feeds.{where['feed']}.max_stock_t", f"feed stock at most {_fmt(value)} t"
    if np.isfinite(value) and value != 0:
        return name, f"{'at most' if upper else 'at least'} {_fmt(value)}"
    return None

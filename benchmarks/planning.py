"""Planning benchmark: a generated year of weekly periods (52 × 20 plants × 8 feeds × 17 elements × 60
products, the size of DESIGN.md).

Measures, in one run and on the same generated problem:
  * reechain's model (numpy blocks → one highspy ``passModel``): build time and HiGHS solve time
    (interior point + crossover, and optionally HiGHS's default dual simplex with ``--all-solvers``);
  * the same model written with linopy (``Model.to_highspy``), same solver options;
  * the naive baseline: the same model written one constraint at a time in Python loops with PuLP,
    solved by the same HiGHS through PuLP's highspy interface.
All three must reach the same objective. Build time counts validation of the problem data (as
``reechain plan solve`` does it) plus the model build and the hand-over to HiGHS. Exits with status 1 when
the target (optimal in < 10 s build + solve, build < 30 % of the solve) is missed.
Run: ``.venv/bin/python benchmarks/planning.py [--all-solvers]``.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
import time
from typing import Any

import highspy
import numpy as np

from reechain.planning.model import build_model
from reechain.planning.problem import PlanningProblem
from reechain.planning.results import plan_document
from reechain.planning.solve import SolveOptions, make_highs, solve_model
from reechain.planning.validation import problem_from_data

ELEMENTS = [
    "La",
    "Ce",
    "Pr",
    "Nd",
    "Pm",
    "Sm",
    "Eu",
    "Gd",
    "Tb",
    "Dy",
    "Ho",
    "Er",
    "Tm",
    "Yb",
    "Lu",
    "Y",
    "Sc",
]
MIXES = {
    "LaCe-oxide": {"La": 0.35, "Ce": 0.65},
    "PrNd-oxide": {"Pr": 0.25, "Nd": 0.75},
    "SmEuGd-oxide": {"Sm": 0.5, "Eu": 0.1, "Gd": 0.4},
    "TbDy-oxide": {"Tb": 0.2, "Dy": 0.8},
    "HoErTm-oxide": {"Ho": 0.3, "Er": 0.6, "Tm": 0.1},
    "YbLu-oxide": {"Yb": 0.8, "Lu": 0.2},
}
PRICE = {
    "La": 4,
    "Ce": 8,
    "Pr": 500,
    "Nd": 560,
    "Pm": 0,
    "Sm": 15,
    "Eu": 190,
    "Gd": 160,
    "Tb": 7000,
    "Dy": 1600,
    "Ho": 450,
    "Er": 280,
    "Tm": 900,
    "Yb": 100,
    "Lu": 5000,
    "Y": 45,
    "Sc": 4000,
}  # thousand CNY per t


def generate(seed: int = 7, n_periods: int = 52, n_plants: int = 20, n_feeds: int = 8) -> dict[str, Any]:
    rng = np.random.default_rng(seed)
    periods = [f"2026-W{w + 1:02d}" for w in range(n_periods)]
    light = np.array([25, 50, 5, 17, 0, 1, 0.2, 0.5, 0.05, 0.1, 0.02, 0.05, 0.01, 0.02, 0.01, 0.3, 0.01])
    heavy = np.array([20, 2, 5, 18, 0, 4, 0.5, 5, 1, 6, 1.5, 4, 0.6, 3, 0.5, 28, 0.1])
    feeds = []
    for f in range(n_feeds):
        base = light if f % 2 == 0 else heavy
        comp = base * rng.uniform(0.7, 1.3, size=len(ELEMENTS))
        comp = comp / comp.sum()
        feeds.append(
            {
                "id": f"feed-{f}",
                "reo_fraction": float(rng.uniform(0.3, 0.6)),
                "composition": {e: float(c) for e, c in zip(ELEMENTS, comp, strict=True) if e != "Pm"},
                "supply_t_per_period": float(rng.uniform(800, 2000)),
                "cost_per_t": float(rng.uniform(8000, 30000)),
                "quotas": [f"mining-{'light' if f % 2 == 0 else 'heavy'}"],
            }
        )
    for feed in feeds:  # renormalise without Pm
        total = sum(feed["composition"].values())
        feed["composition"] = {e: c / total for e, c in feed["composition"].items()}
    oxides = [e for e in ELEMENTS if e != "Pm"]
    products: list[dict[str, Any]] = [
        {"id": f"{e}-oxide", "reo_fraction": 0.99, "composition": {e: 1.0}} for e in oxides
    ]
    products += [{"id": k, "reo_fraction": 0.99, "composition": v} for k, v in MIXES.items()]
    products += [
        {"id": f"{e}-oxide-4N", "reo_fraction": 0.995, "composition": {e: 1.0}, "grade": "4N"}
        for e in ("La", "Ce", "Pr", "Nd", "Sm", "Eu", "Gd", "Tb", "Dy", "Y")
    ]
    products += [
        {"id": f"{e}-oxide-5N", "reo_fraction": 0.999, "composition": {e: 1.0}, "grade": "5N"}
        for e in ("La", "Ce", "Pr", "Nd", "Eu", "Gd", "Tb", "Dy", "Lu", "Y")
    ]
    metals = [f"{e}-metal" for e in oxides] + ["PrNd-metal", "TbDy-metal"]
    products += [{"id": m} for m in metals]
    processes = [
        {
            "id": f"reduce-{m}",
            "inputs": {m.replace("-metal", "-oxide"): 1.18},
            "outputs": {m: 1.0},
            "capacity_per_period": float(rng.uniform(5, 40)),
            "cost_per_unit": float(rng.uniform(20, 60)) * 1e3,
        }
        for m in metals
    ]
    separable = [p["id"] for p in products if "composition" in p]
    plants = []
    for i in range(n_plants):
        takes = sorted(rng.choice(n_feeds, size=int(rng.integers(2, 5)), replace=False).tolist())
        plants.append(
            {
                "id": f"plant-{i:02d}",
                "feeds": [f"feed-{f}" for f in takes],
                "capacity_t_reo_per_period": float(rng.uniform(150, 450)),
                "recovery": float(rng.uniform(0.9, 0.97)),
                "cost_per_t_reo": float(rng.uniform(2500, 5000)),
                "quotas": [f"separation-{i % 2}"],
                "outputs": separable,
            }
        )
    quotas = [
        {
            "id": "mining-light",
            "kind": "mining",
            "limit_t_reo": 60000.0,
            "cumulative_limits": {periods[25]: 33000.0},
        },
        {
            "id": "mining-heavy",
            "kind": "mining",
            "limit_t_reo": 9000.0,
            "cumulative_limits": {periods[25]: 5000.0},
        },
        {"id": "separation-0", "kind": "separation", "limit_t_reo": 45000.0},
        {"id": "separation-1", "kind": "separation", "limit_t_reo": 40000.0},
    ]
    demand = []
    for p in products:
        comp = (
            p.get("composition") or {p["id"].split("-")[0]: 1.0}
            if p["id"] not in ("PrNd-metal", "TbDy-metal")
            else MIXES[p["id"].replace("metal", "oxide")]
        )
        value = sum(PRICE.get(e, 0) * share for e, share in comp.items()) * 1e3
        factor = 1.3 if "metal" in p["id"] else (1.08 if "4N" in p["id"] else 1.0)
        scale = float(rng.uniform(0.5, 1.5))
        cap = 400.0 / max(value / 1e5, 1.0) * scale
        demand.append(
            {
                "product": p["id"],
                "channel": "contract",
                "max_t_per_period": round(cap, 3),
                "price_per_t": round(value * factor, 2),
            }
        )
        demand.append(
            {
                "product": p["id"],
                "channel": "spot",
                "max_t_per_period": round(cap * 2, 3),
                "price_per_t": round(value * factor * 0.8, 2),
            }
        )
    inventory = [
        {
            "product": p["id"],
            "initial_t": 10.0,
            "max_t": 5000.0,
            "holding_cost_per_t_period": round(float(rng.uniform(10, 100)), 2),
        }
        for p in products
    ]
    for row in inventory[:10]:
        row.update(min_t=5.0, shortfall_penalty_per_t=1e6)
    return {
        "name": "benchmark-52w",
        "currency": "CNY",
        "periods": periods,
        "elements": ELEMENTS,
        "quotas": quotas,
        "feeds": feeds,
        "plants": plants,
        "products": products,
        "processes": processes,
        "inventory": inventory,
        "demand": demand,
    }


# ---------------------------------------------------------------- linopy formulation of the same model


def build_linopy(p: PlanningProblem) -> Any:
    import linopy
    import xarray as xr

    linopy.options["semantics"] = "legacy"  # absent (masked) slots count as 0, as written here

    T, E = list(p.periods), list(p.elements)
    F, P, K = [f.id for f in p.feeds], [x.id for x in p.plants], [x.id for x in p.products]
    m = linopy.Model()
    feed = {f.id: f for f in p.feeds}
    supply = xr.DataArray(
        [[f.supply_t_per_period[t] for t in range(len(T))] for f in p.feeds],
        coords=[("feed", F), ("period", T)],
    )
    buy = m.add_variables(lower=0, upper=supply, name="buy")
    route = xr.DataArray([[f in pl.feeds for f in F] for pl in p.plants], coords=[("plant", P), ("feed", F)])
    makes = xr.DataArray(
        [[k in pl.outputs for k in K] for pl in p.plants], coords=[("plant", P), ("product", K)]
    )
    period_da = xr.DataArray(np.ones(len(T)), coords=[("period", T)])
    feed_in = m.add_variables(
        lower=0,
        coords=[P, F, T],
        dims=["plant", "feed", "period"],
        name="feed_in",
        mask=route * period_da > 0,
    )
    make = m.add_variables(
        lower=0,
        coords=[P, K, T],
        dims=["plant", "product", "period"],
        name="make",
        mask=makes * period_da > 0,
    )
    reo = xr.DataArray([f.reo_fraction for f in p.feeds], coords=[("feed", F)])
    comp = xr.DataArray(
        [[f.composition.get(e, 0.0) for e in E] for f in p.feeds], coords=[("feed", F), ("element", E)]
    )
    rec = xr.DataArray(
        [[pl.recovery_of(e) for e in E] for pl in p.plants], coords=[("plant", P), ("element", E)]
    )
    preo = xr.DataArray([x.reo_fraction or 0.0 for x in p.products], coords=[("product", K)])
    pcomp = xr.DataArray(
        [[x.composition.get(e, 0.0) for e in E] for x in p.products], coords=[("product", K), ("element", E)]
    )
    m.add_constraints(buy == feed_in.sum("plant"), name="feed_balance")
    m.add_constraints(
        (feed_in * (reo * comp * rec)).sum("feed") == (make * (preo * pcomp)).sum("product"),
        name="element_balance",
    )
    fed = (feed_in * reo).sum("feed")
    cap = xr.DataArray([pl.capacity_t_reo_per_period for pl in p.plants], coords=[("plant", P)])
    m.add_constraints(fed <= cap, name="capacity")
    for q in p.quotas:
        if q.kind == "mining":
            members = [f.id for f in p.feeds if q.id in f.quotas]
            use = (buy.sel(feed=members) * reo.sel(feed=members)).sum("feed")
        else:
            members = [pl.id for pl in p.plants if q.id in pl.quotas]
            use = fed.sel(plant=members).sum("plant")
        m.add_constraints(use.sum() <= q.limit_t_reo, name=f"quota-{q.id}")
        for period, limit in q.cumulative_limits.items():
            upto = T[: T.index(period) + 1]
            m.add_constraints(use.sel(period=upto).sum() <= limit, name=f"quota-{q.id}-{period}")
    A = [k.id for k in p.processes]
    acap = xr.DataArray([k.capacity_per_period for k in p.processes], coords=[("process", A)])
    activity = m.add_variables(lower=0, upper=acap * period_da, name="activity")
    inv = [p.inventory_of(k) for k in K]
    smax = xr.DataArray([r.max_t if r.max_t is not None else np.inf for r in inv], coords=[("product", K)])
    stock = m.add_variables(lower=0, upper=smax * period_da, name="stock")
    soft = [r.product for r in inv if r.shortfall_penalty_per_t is not None and r.min_t > 0]
    short = m.add_variables(lower=0, coords=[soft, T], dims=["product", "period"], name="short")
    smin = xr.DataArray([p.inventory_of(k).min_t for k in soft], coords=[("product", soft)])
    m.add_constraints(stock.sel(product=soft) + short >= smin, name="safety")
    lines = [d.id for d in p.demand]
    dmax = xr.DataArray([d.max_t_per_period for d in p.demand], coords=[("line", lines)])
    sales = m.add_variables(lower=0, upper=dmax * period_da, name="sales")
    line_product = xr.DataArray(
        [[1.0 if d.product == k else 0.0 for k in K] for d in p.demand],
        coords=[("line", lines), ("product", K)],
    )
    io = xr.DataArray(
        [[k.outputs.get(x, 0.0) - k.inputs.get(x, 0.0) for x in K] for k in p.processes],
        coords=[("process", A), ("product", K)],
    )
    initial = xr.DataArray([r.initial_t for r in inv], coords=[("product", K)])
    previous = stock.shift(period=1)
    first = xr.DataArray([t == T[0] for t in T], coords=[("period", T)])
    lhs = stock - make.sum("plant") - (activity * io).sum("process") + (sales * line_product).sum("line")
    m.add_constraints(
        lhs.where(first) == initial.where(first, 0) * first,
        name="balance_first",
        mask=first.broadcast_like(initial),
    )
    m.add_constraints(
        (lhs - previous).where(~first) == 0, name="balance", mask=(~first).broadcast_like(initial)
    )
    price = xr.DataArray([d.price_per_t for d in p.demand], coords=[("line", lines)])
    cost = xr.DataArray([f.cost_per_t for f in p.feeds], coords=[("feed", F)])
    pcost = xr.DataArray([pl.cost_per_t_reo for pl in p.plants], coords=[("plant", P)])
    kcost = xr.DataArray([k.cost_per_unit for k in p.processes], coords=[("process", A)])
    hold = xr.DataArray([r.holding_cost_per_t_period for r in inv], coords=[("product", K)])
    pen = xr.DataArray(
        [p.inventory_of(k).shortfall_penalty_per_t or 0.0 for k in soft], coords=[("product", soft)]
    )
    m.add_objective(
        (sales * price).sum()
        - (buy * cost).sum()
        - (fed * pcost).sum()
        - (activity * kcost).sum()
        - (stock * hold).sum()
        - (short * pen).sum(),
        sense="max",
    )
    del feed
    return m


# ---------------------------------------------------------------- naive baseline: one constraint at a time


def build_pulp(p: PlanningProblem) -> Any:
    import pulp

    T = range(len(p.periods))
    m = pulp.LpProblem("naive", pulp.LpMaximize)
    buy = {
        (f.id, t): pulp.LpVariable(f"buy_{i}_{t}", 0, f.supply_t_per_period[t])
        for i, f in enumerate(p.feeds)
        for t in T
    }
    feed_in = {
        (pl.id, f, t): pulp.LpVariable(f"in_{a}_{b}_{t}", 0)
        for a, pl in enumerate(p.plants)
        for b, f in enumerate(pl.feeds)
        for t in T
    }
    make = {
        (pl.id, k, t): pulp.LpVariable(f"mk_{a}_{b}_{t}", 0)
        for a, pl in enumerate(p.plants)
        for b, k in enumerate(pl.outputs)
        for t in T
    }
    act = {
        (k.id, t): pulp.LpVariable(f"act_{a}_{t}", 0, k.capacity_per_period)
        for a, k in enumerate(p.processes)
        for t in T
    }
    stock, short = {}, {}
    for a, x in enumerate(p.products):
        r = p.inventory_of(x.id)
        for t in T:
            stock[x.id, t] = pulp.LpVariable(f"st_{a}_{t}", 0, r.max_t)
            if r.shortfall_penalty_per_t is not None and r.min_t > 0:
                short[x.id, t] = pulp.LpVariable(f"sh_{a}_{t}", 0)
    sales = {
        (a, t): pulp.LpVariable(f"sl_{a}_{t}", 0, d.max_t_per_period)
        for a, d in enumerate(p.demand)
        for t in T
    }
    feeds = {f.id: f for f in p.feeds}
    products = {x.id: x for x in p.products}
    objective = []
    for t in T:
        for f in p.feeds:
            m += buy[f.id, t] == pulp.lpSum(feed_in[pl.id, f.id, t] for pl in p.plants if f.id in pl.feeds)
            objective.append(-f.cost_per_t * buy[f.id, t])
        for pl in p.plants:
            fed = pulp.lpSum(feed_in[pl.id, f, t] * feeds[f].reo_fraction for f in pl.feeds)
            m += fed <= pl.capacity_t_reo_per_period
            objective.append(-pl.cost_per_t_reo * fed)
            for e in p.elements:
                into = pulp.lpSum(
                    feed_in[pl.id, f, t]
                    * feeds[f].reo_fraction
                    * feeds[f].composition.get(e, 0.0)
                    * pl.recovery_of(e)
                    for f in pl.feeds
                )
                out = pulp.lpSum(
                    make[pl.id, k, t] * (products[k].reo_fraction or 0) * products[k].composition.get(e, 0)
                    for k in pl.outputs
                )
                m += into == out
        for x in p.products:
            r = p.inventory_of(x.id)
            flow = pulp.lpSum(make[pl.id, x.id, t] for pl in p.plants if x.id in pl.outputs)
            flow += pulp.lpSum(
                act[k.id, t] * (k.outputs.get(x.id, 0) - k.inputs.get(x.id, 0)) for k in p.processes
            )
            flow -= pulp.lpSum(sales[a, t] for a, d in enumerate(p.demand) if d.product == x.id)
            before = r.initial_t if t == 0 else stock[x.id, t - 1]
            m += stock[x.id, t] == before + flow
            objective.append(-r.holding_cost_per_t_period * stock[x.id, t])
            if (x.id, t) in short:
                m += stock[x.id, t] + short[x.id, t] >= r.min_t
                objective.append(-(r.shortfall_penalty_per_t or 0) * short[x.id, t])
        for k in p.processes:
            objective.append(-k.cost_per_unit * act[k.id, t])
        for a, d in enumerate(p.demand):
            objective.append(d.price_per_t * sales[a, t])
    for q in p.quotas:

        def use(t: int, q: Any = q) -> Any:
            if q.kind == "mining":
                return pulp.lpSum(buy[f.id, t] * f.reo_fraction for f in p.feeds if q.id in f.quotas)
            return pulp.lpSum(
                feed_in[pl.id, f, t] * feeds[f].reo_fraction
                for pl in p.plants
                if q.id in pl.quotas
                for f in pl.feeds
            )

        m += pulp.lpSum(use(t) for t in T) <= q.limit_t_reo
        for period, limit in q.cumulative_limits.items():
            m += pulp.lpSum(use(t) for t in range(p.periods.index(period) + 1)) <= limit
    m += pulp.lpSum(objective)
    return m


CPU_S: list[float] = []  # CPU seconds of every timed() call, in order (robust to other load on the machine)


def timed(fn: Any) -> tuple[Any, float]:
    """Run FN; return its result and wall seconds, and append its CPU seconds (all threads) to CPU_S."""
    started, cpu = time.perf_counter(), time.process_time()
    out = fn()
    CPU_S.append(time.process_time() - cpu)
    return out, time.perf_counter() - started


def run_highs(h: highspy.Highs, options: SolveOptions) -> tuple[float, float, str]:
    for name, value in (
        ("solver", options.solver),
        ("run_crossover", options.run_crossover),
        ("presolve", options.presolve),
        ("output_flag", False),
        ("time_limit", options.time_limit_s),
    ):
        h.setOptionValue(name, value)
    _, seconds = timed(h.run)
    return h.getInfo().objective_function_value, seconds, h.modelStatusToString(h.getModelStatus())


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "--all-solvers", action="store_true", help="also time dual simplex and IPM without crossover"
    )
    parser.add_argument("--skip-naive", action="store_true")
    parser.add_argument("--json", default=None)
    args = parser.parse_args()
    ipm = SolveOptions(solver="ipm", run_crossover="on")
    data = generate()
    problem, t_validate = timed(lambda: problem_from_data(data))
    model, t_build = timed(lambda: build_model(problem))
    cpu_build = CPU_S[-1]
    h = make_highs(ipm)
    _, t_pass = timed(lambda: model.lp.to_highs(h))
    cpu_build += CPU_S[-1]
    objective, t_solve, status = run_highs(h, ipm)
    cpu_solve = CPU_S[-1]
    n_cols, n_rows, nnz = model.lp.n_cols, model.lp.n_rows, model.lp.matrix().nnz
    build = t_validate + t_build + t_pass
    cpu_build += CPU_S[0]  # validation
    total = build + t_solve
    # full pipeline as used by `reechain plan solve` (solve + extraction of the plan document)
    doc_objective = plan_document(model, solve_model(model, ipm))["objective"]
    print(
        f"problem: {len(problem.periods)} periods, {len(problem.plants)} plants, {len(problem.feeds)} feeds, "
        f"{len(problem.elements)} elements, {len(problem.products)} products, {len(problem.demand)} "
        f"demand lines"
    )
    print(f"model: {n_cols:,} columns, {n_rows:,} rows, {nnz:,} non-zeros; validation {t_validate:.2f} s")
    print(
        f"reechain (numpy → passModel): build {build:.2f} s (validation {t_validate:.2f} + model "
        f"{t_build + t_pass:.2f}), solve (ipm+crossover) {t_solve:.2f} s "
        f"[{status}], "
        f"total {total:.2f} s, build share {100 * build / total:.1f} %, objective {objective:,.2f}"
    )
    cpu_total = cpu_build + cpu_solve
    print(
        f"  CPU seconds (all threads; robust to other load): build {cpu_build:.2f}, "
        f"solve {cpu_solve:.2f}, total {cpu_total:.2f}, build share {100 * cpu_build / cpu_total:.1f} %"
    )
    results: dict[str, Any] = {
        "columns": n_cols,
        "rows": n_rows,
        "nonzeros": nnz,
        "build_s": build,
        "solve_ipm_s": t_solve,
        "total_s": total,
        "objective": objective,
        "cpu_build_s": cpu_build,
        "cpu_solve_s": cpu_solve,
    }
    assert math.isclose(doc_objective, objective, rel_tol=1e-7)

    import warnings

    import linopy  # imported before timing: the import is not part of the build

    warnings.filterwarnings("ignore", category=Warning, module="linopy")
    del linopy
    lm, t_lbuild = timed(lambda: build_linopy(problem))
    lh, t_lconv = timed(lambda: lm.to_highspy())
    cpu_lbuild = CPU_S[-2] + CPU_S[-1]
    lobj, t_lsolve, lstatus = run_highs(lh, ipm)
    cpu_lsolve = CPU_S[-1]
    lbuild = t_lbuild + t_lconv
    print(
        f"linopy: build {t_lbuild:.2f} s + to_highspy {t_lconv:.2f} s = {lbuild:.2f} s, solve "
        f"{t_lsolve:.2f} s "
        f"[{lstatus}], objective {lobj:,.2f}; build ratio linopy/reechain {lbuild / build:.1f}×"
    )
    print(f"  CPU seconds: build {cpu_lbuild:.2f}, solve {cpu_lsolve:.2f}")
    results.update(linopy_build_s=lbuild, linopy_solve_s=t_lsolve, linopy_objective=lobj)

    if not args.skip_naive:
        pm, t_pbuild = timed(lambda: build_pulp(problem))
        cpu_pbuild = CPU_S[-1]
        import pulp

        solver = pulp.HiGHS(msg=False, solver="ipm", run_crossover="on")
        _, t_psolve = timed(lambda: pm.solve(solver))
        cpu_psolve = CPU_S[-1]
        pobj = pulp.value(pm.objective)
        ptotal = t_pbuild + t_psolve
        print(
            f"naive baseline (PuLP, one constraint at a time): build {t_pbuild:.2f} s, solve "
            f"{t_psolve:.2f} s "
            f"(incl. PuLP → HiGHS), total {ptotal:.2f} s, objective {pobj:,.2f}"
        )
        print(f"ratio naive/reechain: build {t_pbuild / build:.1f}×, total {ptotal / total:.1f}×")
        print(
            f"  CPU seconds: build {cpu_pbuild:.2f}, solve {cpu_psolve:.2f}; ratio on CPU: build "
            f"{cpu_pbuild / cpu_build:.1f}×, total {(cpu_pbuild + cpu_psolve) / cpu_total:.1f}×"
        )
        results.update(naive_build_s=t_pbuild, naive_total_s=ptotal, naive_objective=pobj)
        assert math.isclose(pobj, objective, rel_tol=1e-6), (pobj, objective)
    assert math.isclose(lobj, objective, rel_tol=1e-6), (lobj, objective)

    if args.all_solvers:
        for name, opts in (
            ("dual simplex (HiGHS default)", SolveOptions(solver="simplex", time_limit_s=300)),
            ("ipm without crossover", SolveOptions(solver="ipm", run_crossover="off")),
            ("ipm+crossover, presolve off", SolveOptions(solver="ipm", presolve="off")),
        ):
            h = make_highs(opts)
            model.lp.to_highs(h)
            obj, seconds, st = run_highs(h, opts)
            print(f"{name}: {seconds:.2f} s (CPU {CPU_S[-1]:.2f} s) [{st}], objective {obj:,.2f}")
            results[f"solve {name}"] = seconds
    target = status == "Optimal" and total < 10 and build < 0.3 * t_solve
    print(f"load average during the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"target (optimal, < 10 s build + solve, build < 30 % of solve): {'met' if target else 'NOT met'}")
    if args.json:
        with open(args.json, "w") as fh:
            json.dump(results, fh, indent=2)
    return 0 if target else 1


if __name__ == "__main__":
    sys.exit(main())

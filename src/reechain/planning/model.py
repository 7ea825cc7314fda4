"""Build the planning linear programme from a :class:`PlanningProblem`, one ``define_*`` function per family.

Semantics: the header of ``planning_small.yaml`` and ``docs/planning.md``. Variables and constraints are
numpy blocks of a :class:`LinearModel`; names are the ones used in explanations and infeasibility reports.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from reechain.planning.lp import INF, Floats, Index, LinearModel
from reechain.planning.problem import PlanningProblem


@dataclass
class Sets:
    """Index sets and dense parameter arrays derived once from the problem."""

    periods: tuple[str, ...]
    elements: tuple[str, ...]
    feeds: tuple[str, ...]
    plants: tuple[str, ...]
    products: tuple[str, ...]
    processes: tuple[str, ...]
    routes: list[tuple[int, int]]  # (plant, feed)
    outputs: list[tuple[int, int]]  # (plant, product)
    offers: list[tuple[int, int]]  # (demand line, product)
    mixes: list[tuple[int, int]]  # (output, element) for outputs whose product has a variable composition
    feed_reo: Floats
    feed_comp: Floats  # feed × element
    product_reo: Floats
    product_comp: Floats  # product × element
    recovery: Floats  # plant × element

    @property
    def route_labels(self) -> tuple[str, ...]:
        return tuple(f"{self.plants[p]}<-{self.feeds[f]}" for p, f in self.routes)

    @property
    def mix_labels(self) -> tuple[str, ...]:
        return tuple(f"{self.output_labels[o]}:{self.elements[e]}" for o, e in self.mixes)

    @property
    def output_labels(self) -> tuple[str, ...]:
        return tuple(f"{self.plants[p]}->{self.products[k]}" for p, k in self.outputs)


def make_sets(problem: PlanningProblem) -> Sets:
    elements = problem.elements
    feeds = tuple(f.id for f in problem.feeds)
    plants = tuple(p.id for p in problem.plants)
    products = tuple(p.id for p in problem.products)
    fi = {f: i for i, f in enumerate(feeds)}
    ki = {k: i for i, k in enumerate(products)}
    routes = [(p, fi[f]) for p, plant in enumerate(problem.plants) for f in plant.feeds]
    outputs = [(p, ki[k]) for p, plant in enumerate(problem.plants) for k in plant.outputs]
    offers = [(d, ki[k]) for d, line in enumerate(problem.demand) for k in line.products]
    variable = {i for i, p in enumerate(problem.products) if p.variable_composition}
    mixes = [
        (o, elements.index(e))
        for o, (_, k) in enumerate(outputs)
        if k in variable
        for e in problem.products[k].composition
    ]
    feed_comp = np.array([[f.composition.get(e, 0.0) for e in elements] for f in problem.feeds]).reshape(
        len(feeds), len(elements)
    )
    product_comp = np.array(
        [[p.composition.get(e, 0.0) for e in elements] for p in problem.products]
    ).reshape(len(products), len(elements))
    recovery = np.array([[p.recovery_of(e) for e in elements] for p in problem.plants]).reshape(
        len(plants), len(elements)
    )
    return Sets(
        periods=problem.periods,
        elements=elements,
        feeds=feeds,
        plants=plants,
        products=products,
        processes=tuple(k.id for k in problem.processes),
        routes=routes,
        outputs=outputs,
        offers=offers,
        mixes=mixes,
        feed_reo=np.array([f.reo_fraction for f in problem.feeds], dtype=np.float64),
        feed_comp=feed_comp,
        product_reo=np.array([p.reo_fraction or 0.0 for p in problem.products], dtype=np.float64),
        product_comp=product_comp,
        recovery=recovery,
    )


@dataclass
class PlanningModel:
    problem: PlanningProblem
    sets: Sets
    lp: LinearModel
    var: dict[str, Index] = field(default_factory=dict)
    con: dict[str, Index] = field(default_factory=dict)
    # quota rows: (quota index, last period index) per row of con["quota"]
    quota_rows: list[tuple[int, int]] = field(default_factory=list)


def build_model(problem: PlanningProblem) -> PlanningModel:
    m = PlanningModel(problem=problem, sets=make_sets(problem), lp=LinearModel(maximize=True))
    define_feed_supply(m)
    define_separation(m)
    define_partner_supply(m)
    define_element_balance(m)
    define_plant_capacity(m)
    define_quotas(m)
    define_processes(m)
    define_stock(m)
    define_sales(m)
    define_inventory_balance(m)
    define_licences(m)
    return m


def _axis(name: str, labels: tuple[str, ...]) -> tuple[str, tuple[str, ...]]:
    return (name, labels)


def define_feed_supply(m: PlanningModel) -> None:
    """buy[f,t] <= supply; feed stock (extension) carried between periods where a feed asks for it."""
    s, feeds = m.sets, m.problem.feeds
    T = ("period", s.periods)
    supply = np.array([f.supply_t_per_period for f in feeds]).reshape(len(feeds), len(s.periods))
    cost = np.array([f.cost_per_t for f in feeds])[:, None]
    m.var["buy"] = m.lp.add_variables("feed-bought", [_axis("feed", s.feeds), T], upper=supply, cost=-cost)
    carrying = [i for i, f in enumerate(feeds) if f.carries_stock]
    if carrying:
        upper = np.array(
            [feeds[i].max_stock_t if feeds[i].max_stock_t is not None else INF for i in carrying]
        )
        hold = np.array([feeds[i].holding_cost_per_t_period for i in carrying])
        m.var["feed_stock"] = m.lp.add_variables(
            "feed-stock",
            [_axis("feed", tuple(s.feeds[i] for i in carrying)), T],
            upper=upper[:, None],
            cost=-hold[:, None],
        )
    m.var["feed_carrying"] = np.array(carrying, dtype=np.int64)


def define_separation(m: PlanningModel) -> None:
    """feed_in[plant,f,t] (one column per route) and make[plant,product,t]; feed bought = feed used (+ "
    "stock)."""
    s, lp = m.sets, m.lp
    T = ("period", s.periods)
    plant_cost = np.array([p.cost_per_t_reo for p in m.problem.plants])
    route_plant = np.array([p for p, _ in s.routes], dtype=np.int64)
    route_feed = np.array([f for _, f in s.routes], dtype=np.int64)
    route_cost = plant_cost[route_plant] * s.feed_reo[route_feed] if s.routes else np.zeros(0)
    m.var["feed_in"] = lp.add_variables(
        "feed-in", [_axis("route", s.route_labels), T], cost=-route_cost[:, None]
    )
    m.var["make"] = lp.add_variables("made", [_axis("output", s.output_labels), T])
    # buy + stock[t-1] - used - stock[t] = 0, with the opening feed stock moved to the right-hand side
    carrying = m.var["feed_carrying"]
    opening = np.zeros((len(s.feeds), len(s.periods)))
    if len(carrying):
        opening[carrying, 0] = [m.problem.feeds[i].initial_stock_t for i in carrying]
    rows = lp.add_constraints("feed-balance", [_axis("feed", s.feeds), T], lower=-opening, upper=-opening)
    lp.add_terms(rows, m.var["buy"], 1.0)
    lp.add_terms(rows[route_feed], m.var["feed_in"], -1.0)
    if len(carrying):
        stock = m.var["feed_stock"]
        lp.add_terms(rows[carrying], stock, -1.0)
        lp.add_terms(rows[carrying][:, 1:], stock[:, :-1], 1.0)
    m.con["feed_balance"] = rows


def define_partner_supply(m: PlanningModel) -> None:
    """Supply agreements (extension): take[a,t] between the agreement's minimum and maximum at its price,
    added to the balance of the feed it delivers. Partner plants need no columns of their own: their usable
    capacity (share or offtake volume) is the upper bound of their ``plant-capacity`` rows."""
    s, lp = m.sets, m.lp
    supply = m.problem.supply_agreements
    nT = len(s.periods)
    low = np.array([a.min_t_per_period for a in supply], dtype=np.float64).reshape(len(supply), nT)
    high = np.array([a.max_t_per_period for a in supply], dtype=np.float64).reshape(len(supply), nT)
    price = np.array([a.price_per_t for a in supply], dtype=np.float64)
    take = lp.add_variables(
        "agreement-take",
        [("agreement", tuple(a.id for a in supply)), ("period", s.periods)],
        lower=low,
        upper=high,
        cost=-price[:, None],
    )
    m.var["take"] = take
    if supply:
        feed_index = {f: i for i, f in enumerate(s.feeds)}
        feed_of = np.array([feed_index[a.feed or ""] for a in supply], dtype=np.int64)
        lp.add_terms(m.con["feed_balance"][feed_of], take, 1.0)


def define_element_balance(m: PlanningModel) -> None:
    """For every plant, element and period: recovered REO of the element == element in the products made."""
    s, lp = m.sets, m.lp
    T = ("period", s.periods)
    rows = lp.add_constraints(
        "element-balance", [_axis("plant", s.plants), _axis("element", s.elements), T], lower=0.0, upper=0.0
    )
    if s.routes:
        rp = np.array([p for p, _ in s.routes])
        rf = np.array([f for _, f in s.routes])
        coef = s.feed_reo[rf, None] * s.feed_comp[rf] * s.recovery[rp]  # route × element
        lp.add_terms(rows[rp], m.var["feed_in"][:, None, :], coef[:, :, None])
    if s.outputs:
        op = np.array([p for p, _ in s.outputs])
        ok = np.array([k for _, k in s.outputs])
        fixed = np.array([not m.problem.products[k].variable_composition for k in ok])
        coef = s.product_reo[ok, None] * s.product_comp[ok] * fixed[:, None]  # output × element
        lp.add_terms(rows[op], m.var["make"][:, None, :], -coef[:, :, None])
    define_variable_mixes(m, rows)
    m.con["element_balance"] = rows


def define_variable_mixes(m: PlanningModel, balance_rows: Index) -> None:
    """Products of variable composition: the plant chooses how much of each allowed element goes in (t REO);
    their sum is the product's REO (``reo_fraction`` × tonnes made)."""
    s, lp = m.sets, m.lp
    T = ("period", s.periods)
    mix = lp.add_variables("made-element", [_axis("mix", s.mix_labels), T])
    m.var["make_element"] = mix
    variable_outputs = sorted({o for o, _ in s.mixes})
    axis = _axis("output", tuple(s.output_labels[o] for o in variable_outputs))
    rows = lp.add_constraints("variable-mix", [axis, T], lower=0.0, upper=0.0)
    position = {o: j for j, o in enumerate(variable_outputs)}
    for j, (o, e) in enumerate(s.mixes):
        plant = s.outputs[o][0]
        lp.add_terms(balance_rows[plant, e], mix[j], -1.0)
        lp.add_terms(rows[position[o]], mix[j], 1.0)
    for o in variable_outputs:
        lp.add_terms(rows[position[o]], m.var["make"][o], -s.product_reo[s.outputs[o][1]])


def _plant_reo_terms(m: PlanningModel, rows_by_plant: Index) -> None:
    """Add the REO fed to each plant (sum of feed_in * reo_fraction) to rows indexed plant × period."""
    s = m.sets
    if s.routes:
        rp = np.array([p for p, _ in s.routes])
        rf = np.array([f for _, f in s.routes])
        m.lp.add_terms(rows_by_plant[rp], m.var["feed_in"], s.feed_reo[rf, None])


def define_plant_capacity(m: PlanningModel) -> None:
    """REO fed <= capacity; minimum run rate (extension) hard, or 0-or-at-least-minimum with a binary."""
    s, lp, plants = m.sets, m.lp, m.problem.plants
    T = ("period", s.periods)
    P = ("plant", s.plants)
    capacity = np.array([m.problem.available_capacity_t_reo(p) for p in plants])
    hard_min = np.array([0.0 if p.can_shut_down else p.min_run_t_reo_per_period for p in plants])
    rows = lp.add_constraints("plant-capacity", [P, T], upper=capacity[:, None])
    _plant_reo_terms(m, rows)
    m.con["plant_capacity"] = rows
    if hard_min.any():
        rows = lp.add_constraints("plant-min-run", [P, T], lower=hard_min[:, None])
        _plant_reo_terms(m, rows)
        m.con["plant_min_run"] = rows
    switched = [i for i, p in enumerate(plants) if p.can_shut_down and p.min_run_t_reo_per_period > 0]
    if switched:
        sw = ("plant", tuple(s.plants[i] for i in switched))
        on = lp.add_variables("plant-on", [sw, T], upper=1.0, integer=True)
        index = np.array(switched)
        low = lp.add_constraints("plant-min-run-if-on", [sw, T], lower=0.0)
        high = lp.add_constraints("plant-off-means-idle", [sw, T], upper=0.0)
        for rows_ in (low, high):
            full = np.full((len(plants), len(s.periods)), -1, dtype=np.int64)
            full[index] = rows_
            if s.routes:
                rp = np.array([p for p, _ in s.routes])
                rf = np.array([f for _, f in s.routes])
                mask = full[rp][:, 0] >= 0
                lp.add_terms(full[rp[mask]], m.var["feed_in"][mask], s.feed_reo[rf[mask], None])
        lp.add_terms(low, on, -np.array([plants[i].min_run_t_reo_per_period for i in switched])[:, None])
        lp.add_terms(high, on, -np.array([plants[i].capacity_t_reo_per_period for i in switched])[:, None])
        m.var["plant_on"] = on


def define_quotas(m: PlanningModel) -> None:
    """Quota use over the horizon and at each cumulative (batch) limit, net of what was used before."""
    s, lp, problem = m.sets, m.lp, m.problem
    labels: list[str] = []
    upper: list[float] = []
    for q, quota in enumerate(problem.quotas):
        for period, limit in quota.cumulative_limits.items():
            k = s.periods.index(period)
            if k == len(s.periods) - 1 and limit >= quota.limit_t_reo:
                continue
            labels.append(f"{quota.id} to {period}")
            upper.append(limit - quota.used_t_reo)
            m.quota_rows.append((q, k))
        labels.append(quota.id)
        upper.append(quota.limit_t_reo - quota.used_t_reo)
        m.quota_rows.append((q, len(s.periods) - 1))
    rows = lp.add_constraints("quota", [("limit", tuple(labels))], upper=np.array(upper))
    feed_index = {f: i for i, f in enumerate(s.feeds)}
    for row, (q, k) in zip(rows, m.quota_rows, strict=True):
        quota = problem.quotas[q]
        if quota.kind == "mining":
            for feed in problem.feeds:
                if quota.id in feed.quotas:
                    f = feed_index[feed.id]
                    lp.add_terms(row, m.var["buy"][f, : k + 1], feed.reo_fraction)
        else:
            for r, (p, f) in enumerate(s.routes):
                if quota.id in problem.plants[p].quotas:
                    lp.add_terms(row, m.var["feed_in"][r, : k + 1], s.feed_reo[f])
    m.con["quota"] = rows


def define_processes(m: PlanningModel) -> None:
    s, processes = m.sets, m.problem.processes
    capacity = np.array([k.capacity_per_period for k in processes])
    cost = np.array([k.cost_per_unit for k in processes])
    m.var["activity"] = m.lp.add_variables(
        "process-activity",
        [("process", s.processes), ("period", s.periods)],
        upper=capacity[:, None] if len(processes) else 0.0,
        cost=-cost[:, None] if len(processes) else 0.0,
    )


def define_stock(m: PlanningModel) -> None:
    """Product stock at the end of each period; safety stock hard (bound) or soft (shortfall at a penalty)."""
    s, lp, problem = m.sets, m.lp, m.problem
    rows = [problem.inventory_of(p) for p in s.products]
    lower = np.array([r.min_t if r.shortfall_penalty_per_t is None else 0.0 for r in rows])
    upper = np.array([r.max_t if r.max_t is not None else INF for r in rows])
    hold = np.array([r.holding_cost_per_t_period for r in rows])
    T = ("period", s.periods)
    m.var["stock"] = lp.add_variables(
        "stock", [("product", s.products), T], lower=lower[:, None], upper=upper[:, None], cost=-hold[:, None]
    )
    soft = [i for i, r in enumerate(rows) if r.shortfall_penalty_per_t is not None and r.min_t > 0]
    axis = ("product", tuple(s.products[i] for i in soft))
    penalty = np.array([rows[i].shortfall_penalty_per_t or 0.0 for i in soft])
    m.var["stock_shortfall"] = lp.add_variables("safety-stock-shortfall", [axis, T], cost=-penalty[:, None])
    minimum = np.array([rows[i].min_t for i in soft])
    safety = lp.add_constraints("safety-stock", [axis, T], lower=minimum[:, None])
    lp.add_terms(safety, m.var["stock"][np.array(soft, dtype=np.int64)], 1.0)
    lp.add_terms(safety, m.var["stock_shortfall"], 1.0)
    m.var["stock_soft"] = np.array(soft, dtype=np.int64)


def define_sales(m: PlanningModel) -> None:
    """sales per demand line (and product shipped on it) <= max; contract minimum hard or at a penalty."""
    s, lp, demand = m.sets, m.lp, m.problem.demand
    T = ("period", s.periods)
    offer_labels = tuple(f"{demand[d].id}:{s.products[k]}" for d, k in s.offers)
    price = np.array([demand[d].price_per_t for d, _ in s.offers])
    m.var["sales"] = lp.add_variables("sold", [("offer", offer_labels), T], cost=price[:, None])
    line_ids = tuple(d.id for d in demand)
    offer_line = np.array([d for d, _ in s.offers], dtype=np.int64)
    cap = np.array([d.max_t_per_period for d in demand])
    rows = lp.add_constraints("demand-limit", [("line", line_ids), T], upper=cap[:, None])
    lp.add_terms(rows[offer_line], m.var["sales"], 1.0)
    m.con["demand_limit"] = rows
    contract = [i for i, d in enumerate(demand) if d.min_t_per_period > 0]
    soft = [i for i in contract if demand[i].shortfall_penalty_per_t is not None]
    caxis = ("line", tuple(line_ids[i] for i in contract))
    minimum = np.array([demand[i].min_t_per_period for i in contract])
    crows = lp.add_constraints("contract-minimum", [caxis, T], lower=minimum[:, None])
    position = {line: j for j, line in enumerate(contract)}
    for o, (d, _) in enumerate(s.offers):
        if d in position:
            lp.add_terms(crows[position[d]], m.var["sales"][o], 1.0)
    penalty = np.array([demand[i].shortfall_penalty_per_t or 0.0 for i in soft])
    unmet = lp.add_variables(
        "contract-unmet", [("line", tuple(line_ids[i] for i in soft)), T], cost=-penalty[:, None]
    )
    for j, i in enumerate(soft):
        lp.add_terms(crows[position[i]], unmet[j], 1.0)
    m.con["contract_minimum"] = crows
    m.var["unmet"] = unmet
    m.var["contract_lines"] = np.array(contract, dtype=np.int64)
    m.var["soft_contract_lines"] = np.array(soft, dtype=np.int64)


def define_inventory_balance(m: PlanningModel) -> None:
    """stock[t] = stock[t-1] + made + process outputs - process inputs - sales, per product and period."""
    s, lp, problem = m.sets, m.lp, m.problem
    T = ("period", s.periods)
    initial = np.zeros((len(s.products), len(s.periods)))
    initial[:, 0] = [problem.inventory_of(p).initial_t for p in s.products]
    rows = lp.add_constraints("product-balance", [("product", s.products), T], lower=initial, upper=initial)
    stock = m.var["stock"]
    lp.add_terms(rows, stock, 1.0)
    lp.add_terms(rows[:, 1:], stock[:, :-1], -1.0)
    if s.outputs:
        ok = np.array([k for _, k in s.outputs])
        lp.add_terms(rows[ok], m.var["make"], -1.0)
    index = {p: i for i, p in enumerate(s.products)}
    for k, process in enumerate(problem.processes):
        for product, ratio in process.outputs.items():
            lp.add_terms(rows[index[product]], m.var["activity"][k], -ratio)
        for product, ratio in process.inputs.items():
            lp.add_terms(rows[index[product]], m.var["activity"][k], ratio)
    if s.offers:
        ok = np.array([k for _, k in s.offers])
        lp.add_terms(rows[ok], m.var["sales"], 1.0)
    m.con["product_balance"] = rows


def define_licences(m: PlanningModel) -> None:
    """Export sales to a destination are capped by the licences held for that product and destination."""
    problem, lp, s = m.problem, m.lp, m.sets
    labels: list[str] = []
    upper: list[float] = []
    members: list[list[int]] = []
    for licence in problem.licences:
        labels.append(licence.id)
        upper.append(licence.limit_t)
        members.append(
            [
                o
                for o, (d, _) in enumerate(s.offers)
                if problem.demand[d].product == licence.product
                and problem.demand[d].destination == licence.destination
            ]
        )
    for d, line in enumerate(problem.demand):
        needs = line.destination is not None and line.destination in problem.licence_required_destinations
        covered = any(
            lic.product == line.product and lic.destination == line.destination for lic in problem.licences
        )
        if needs and not covered:
            labels.append(f"no licence for {line.id}")
            upper.append(0.0)
            members.append([o for o, (dd, _) in enumerate(s.offers) if dd == d])
    rows = lp.add_constraints("export-licence", [("licence", tuple(labels))], upper=np.array(upper))
    for row, offer_list in zip(rows, members, strict=True):
        for o in offer_list:
            lp.add_terms(row, m.var["sales"][o], 1.0)
    m.con["licence"] = rows

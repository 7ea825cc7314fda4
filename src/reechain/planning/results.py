"""Turn a solved model into the plan document (plain JSON-ready dicts; format in ``docs/planning.md``)."""

from __future__ import annotations

from typing import Any

import numpy as np

from reechain.planning.model import PlanningModel
from reechain.planning.solve import Solution

DUAL_CONVENTION = (
    "value_per_t is the change of the objective (in the plan currency) if the limit were one tonne higher: "
    "> 0 when the limit binds, 0 when it is slack; for quotas per period it is the value of one more tonne "
    "usable in that period (the horizon limit plus every batch limit that covers the period)."
)


def _r(value: float, digits: int = 6) -> float:
    out = round(float(value), digits)
    return 0.0 if out == 0 else out


def plan_document(m: PlanningModel, sol: Solution) -> dict[str, Any]:
    p, s = m.problem, m.sets
    x, dual = sol.x, sol.row_dual
    nT = len(s.periods)

    def val(name: str) -> np.ndarray[Any, Any]:
        idx = m.var[name]
        return x[idx] if idx.size else np.zeros(idx.shape)

    buy, feed_in, make, activity, stock = (
        val("buy"),
        val("feed_in"),
        val("make"),
        val("activity"),
        val("stock"),
    )
    sales, shortfall, unmet = val("sales"), val("stock_shortfall"), val("unmet")
    make_element = val("make_element")
    feed_stock = val("feed_stock") if "feed_stock" in m.var else np.zeros((0, nT))
    plant_on = val("plant_on") if "plant_on" in m.var else None
    route_reo = feed_in * s.feed_reo[[f for _, f in s.routes]][:, None] if s.routes else np.zeros((0, nT))
    quota_period_use = _quota_use(m, buy, route_reo)  # quota × period
    quota_dual = dual[m.con["quota"]] if m.con["quota"].size else np.zeros(0)
    cap_dual = dual[m.con["plant_capacity"]]
    balance_dual = dual[m.con["product_balance"]]
    demand_dual = dual[m.con["demand_limit"]]
    # value of one more tonne of quota usable in period t: every quota row whose cumulative window covers t
    quota_value = np.zeros((len(p.quotas), nT))
    for row, (q, k) in enumerate(m.quota_rows):
        quota_value[q, : k + 1] += quota_dual[row]

    # Index lists, sums and rounding done once per array, not per period and value. Sums run in the order
    # a per-period sum would, and ``_rounded`` gives ``_r``'s numbers, so every figure is the same to the bit.
    n_plants = len(p.plants)
    routes_of_plant: list[list[int]] = [[] for _ in range(n_plants)]
    routes_of_feed: list[list[int]] = [[] for _ in p.feeds]
    for r, (i, f) in enumerate(s.routes):
        routes_of_plant[i].append(r)
        routes_of_feed[f].append(r)
    outs_of_plant: list[list[int]] = [[] for _ in range(n_plants)]
    for o, (i, _) in enumerate(s.outputs):
        outs_of_plant[i].append(o)
    offers_of_line: list[list[int]] = [[] for _ in p.demand]
    for o, (d, _) in enumerate(s.offers):
        offers_of_line[d].append(o)
    mixed_outputs = {o for o, _ in s.mixes}
    plant_mixes = [any(o in mixed_outputs for o in outs) for outs in outs_of_plant]
    plant_on_labels = m.lp.columns["plant-on"].axes[0][1] if plant_on is not None else ()
    plant_on_row = {label: j for j, label in enumerate(plant_on_labels)}
    feed_carrying = {int(f): j for j, f in enumerate(m.var["feed_carrying"])}
    soft_lines = {int(d): j for j, d in enumerate(m.var["soft_contract_lines"])}
    soft_stock = [int(i) for i in m.var["stock_soft"]]
    usable = [p.available_capacity_t_reo(plant) for plant in p.plants]

    fed = np.array([_ordered_sum(route_reo, routes, nT) for routes in routes_of_plant]).reshape(n_plants, nT)
    used = np.array([_ordered_sum(feed_in, routes, nT) for routes in routes_of_feed]).reshape(
        len(p.feeds), nT
    )
    sold = np.array([_ordered_sum(sales, offers, nT) for offers in offers_of_line]).reshape(len(p.demand), nT)
    price = np.array([line.price_per_t for line in p.demand], dtype=np.float64)
    made = np.zeros((len(s.products), nT))  # product × period
    for o, (_, k) in enumerate(s.outputs):
        made[k] += make[o]
    element_t = np.zeros((nT, len(s.elements)))  # period × element
    for o, (_, k) in enumerate(s.outputs):
        if not p.products[k].variable_composition:
            element_t += (make[o] * s.product_reo[k])[:, None] * s.product_comp[k][None, :]
    for j, (_, e) in enumerate(s.mixes):
        element_t[:, e] += make_element[j]
    sold_by_product = np.zeros((len(s.products), nT))  # product × period
    for offers in offers_of_line:
        for o in offers:
            sold_by_product[s.offers[o][1]] += sales[o]

    fed_r, used_r, sold_r = _rounded(fed), _rounded(used), _rounded(sold)
    util_r = _rounded(fed / np.array([u or 1.0 for u in usable], dtype=np.float64)[:, None], 4)
    revenue_r = _rounded(sold * price[:, None], 2)
    feed_in_r, make_r, sales_r, buy_r = _rounded(feed_in), _rounded(make), _rounded(sales), _rounded(buy)
    activity_r, stock_r, shortfall_r = _rounded(activity), _rounded(stock), _rounded(shortfall)
    unmet_r, feed_stock_r = _rounded(unmet), _rounded(feed_stock)
    made_r, sold_by_product_r, element_r = _rounded(made.T), _rounded(sold_by_product.T), _rounded(element_t)
    cap_dual_r, balance_dual_r, demand_dual_r = (
        _rounded(cap_dual),
        _rounded(balance_dual),
        _rounded(demand_dual),
    )
    quota_use_r, quota_value_r = _rounded(quota_period_use), _rounded(quota_value)
    plant_on_l = plant_on.tolist() if plant_on is not None else []
    feed_names = [s.feeds[f] for _, f in s.routes]
    output_names = [s.products[k] for _, k in s.outputs]
    offer_names = [s.products[k] for _, k in s.offers]
    made_products = [(i, k) for i, k in enumerate(s.products) if s.product_reo[i] > 0]

    periods = []
    for t, period in enumerate(s.periods):
        plants = {}
        for i, plant in enumerate(p.plants):
            routes = routes_of_plant[i]
            outs = outs_of_plant[i]
            entry: dict[str, Any] = {
                "reo_fed_t": fed_r[i][t],
                "capacity_t_reo": usable[i],
                "utilisation": util_r[i][t] if usable[i] else 0.0,
                "feed_t": {feed_names[r]: feed_in_r[r][t] for r in routes},
                "made_t": {output_names[o]: make_r[o][t] for o in outs},
                **({"mix_t_reo": _mixes(m, make_element, outs, t)} if plant_mixes[i] else {}),
                "capacity_value_per_t": cap_dual_r[i][t],
            }
            if plant.id in plant_on_row:
                entry["running"] = bool(plant_on_l[plant_on_row[plant.id]][t] > 0.5)
            if plant.partner is not None:
                entry["partner"] = plant.partner
                entry["plant_capacity_t_reo"] = plant.capacity_t_reo_per_period
            plants[plant.id] = entry
        lines = []
        for d, line in enumerate(p.demand):
            sale: dict[str, Any] = {
                "line": line.id,
                "product": line.product,
                "channel": line.channel,
                "sold_t": sold_r[d][t],
                "price_per_t": line.price_per_t,
                "revenue": revenue_r[d][t],
                "max_t": line.max_t_per_period,
                "min_t": line.min_t_per_period,
                "limit_value_per_t": demand_dual_r[d][t],
            }
            if line.destination:
                sale["destination"] = line.destination
            if line.accepts:
                sale["shipped_t"] = {offer_names[o]: sales_r[o][t] for o in offers_of_line[d]}
            if d in soft_lines:
                sale["unmet_t"] = unmet_r[soft_lines[d]][t]
            lines.append(sale)
        made_t, element_made_t, sold_t = made_r[t], element_r[t], sold_by_product_r[t]
        periods.append(
            {
                "period": period,
                "feeds": {
                    feed.id: {
                        "bought_t": buy_r[f][t],
                        "used_t": used_r[f][t],
                        **({"stock_t": feed_stock_r[feed_carrying[f]][t]} if f in feed_carrying else {}),
                    }
                    for f, feed in enumerate(p.feeds)
                },
                "plants": plants,
                "production_t": {k: made_t[i] for i, k in made_products},
                "elements_made_t_reo": {e: element_made_t[j] for j, e in enumerate(s.elements)},
                "processes": {
                    k.id: {"activity": activity_r[i][t], "capacity": k.capacity_per_period}
                    for i, k in enumerate(p.processes)
                },
                "stock_t": {k: stock_r[i][t] for i, k in enumerate(s.products)},
                "safety_stock_shortfall_t": {
                    s.products[i]: shortfall_r[j][t] for j, i in enumerate(soft_stock)
                },
                "sales": lines,
                "sales_t": {k: sold_t[i] for i, k in enumerate(s.products)},
                "product_value_per_t": {k: balance_dual_r[i][t] for i, k in enumerate(s.products)},
                "quota_use_t_reo": {q.id: quota_use_r[j][t] for j, q in enumerate(p.quotas)},
                "quota_value_per_t": {q.id: quota_value_r[j][t] for j, q in enumerate(p.quotas)},
            }
        )
    quotas = []
    for j, quota in enumerate(p.quotas):
        rows = [(row, k) for row, (q, k) in enumerate(m.quota_rows) if q == j]
        quotas.append(
            {
                "id": quota.id,
                "kind": quota.kind,
                "limit_t_reo": quota.limit_t_reo,
                "used_before_t_reo": quota.used_t_reo,
                "planned_t_reo": _r(quota_period_use[j].sum()),
                "remaining_t_reo": _r(quota.limit_t_reo - quota.used_t_reo - quota_period_use[j].sum()),
                "value_per_t": _r(quota_dual[rows[-1][0]]),
                "batches": [
                    {
                        "to_period": s.periods[k],
                        "limit_t_reo": quota.cumulative_limits[s.periods[k]],
                        "used_to_date_t_reo": _r(quota.used_t_reo + quota_period_use[j, : k + 1].sum()),
                        "value_per_t": _r(quota_dual[row]),
                    }
                    for row, k in rows[:-1]
                ],
            }
        )
    document: dict[str, Any] = {
        "name": p.name,
        "currency": p.currency,
        "status": sol.status,
        "objective": sol.objective,
        "mip": sol.mip,
        "objective_terms": _objective_terms(m, sol),
        "dual_convention": DUAL_CONVENTION,
        "periods": periods,
        "quotas": quotas,
        "licences": _licences(m, sol),
        "solve_s": round(sol.solve_s, 4),
    }
    if p.partners or p.agreements:  # files without partners keep exactly their former output
        document["partners"] = partner_takes(m, route_reo, val("take"))
        document["agreements"] = _agreements(m, val("take"))
        document["objective_terms"]["partner_supply_cost"] = _r(
            float((val("take") * np.array([a.price_per_t for a in p.supply_agreements])[:, None]).sum())
            if p.supply_agreements
            else 0.0,
            2,
        )
    return document


def _rounded(values: np.ndarray[Any, Any], digits: int = 6) -> Any:
    """``_r`` of every value of an array, as nested lists of floats: the same numbers to the last bit.

    ``round(x, n)`` rounds the exact binary value of x to n decimals, half to even. Scaling by 10**n and
    rounding to an integer with numpy picks the same integer except where the scaled value lies within its
    rounding error of a half, or is too large to be exact; those few values are rounded by ``round``
    itself. Dividing the integer by 10**n then gives the float nearest to it, as ``round`` does."""
    x = np.asarray(values, dtype=np.float64)
    scale = 10.0**digits
    y = x * scale
    out = np.rint(y) / scale
    with np.errstate(invalid="ignore"):
        doubt = ~(np.abs(y) < 2.0**52) | (np.abs(y - np.floor(y) - 0.5) <= 2 * np.abs(np.spacing(y)))
    for index in np.argwhere(doubt):
        at = tuple(index)
        out[at] = round(float(x[at]), digits)
    out[out == 0] = 0.0
    return out.tolist()


def _ordered_sum(values: np.ndarray[Any, Any], rows: list[int], n: int) -> np.ndarray[Any, Any]:
    """``sum(values[r, t] for r in rows)`` for every column t, adding in the order of ROWS."""
    total = np.zeros(n)
    for r in rows:
        total += values[r]
    return total


def partner_takes(
    m: PlanningModel, route_reo: np.ndarray[Any, Any], take: np.ndarray[Any, Any]
) -> list[dict[str, Any]]:
    """What the plan takes from each partner, per period and in total: t REO processed at its plants (and
    the processing cost) and t of feed bought under its supply agreements (and what they cost)."""
    p, s = m.problem, m.sets
    nT = len(s.periods)
    route_plant = np.array([i for i, _ in s.routes], dtype=np.int64)
    plant_cost = np.array([pl.cost_per_t_reo for pl in p.plants], dtype=np.float64)
    supply = p.supply_agreements
    out = []
    for partner in p.partners:
        own = np.array([pl.partner == partner.id for pl in p.plants], dtype=bool)
        mask = own[route_plant] if s.routes else np.zeros(0, dtype=bool)
        processed = route_reo[mask].sum(axis=0) if mask.any() else np.zeros(nT)
        cost = (
            (route_reo[mask] * plant_cost[route_plant[mask], None]).sum(axis=0)
            if mask.any()
            else np.zeros(nT)
        )
        mine = np.array([a.partner == partner.id for a in supply], dtype=bool)
        bought = take[mine].sum(axis=0) if mine.any() else np.zeros(nT)
        paid = (
            (take[mine] * np.array([a.price_per_t for a in supply])[mine, None]).sum(axis=0)
            if mine.any()
            else np.zeros(nT)
        )
        out.append(
            {
                "partner": partner.id,
                "name": partner.name,
                "share": partner.share,
                "plants": [pl.id for pl in p.plants if pl.partner == partner.id],
                "agreements": [a.id for a in p.agreements if a.partner == partner.id],
                "processed_t_reo": _r(processed.sum()),
                "processing_cost": _r(cost.sum(), 2),
                "supplied_t": _r(bought.sum()),
                "supply_cost": _r(paid.sum(), 2),
                "periods": [
                    {
                        "period": period,
                        "processed_t_reo": _r(processed[t]),
                        "processing_cost": _r(cost[t], 2),
                        "supplied_t": _r(bought[t]),
                        "supply_cost": _r(paid[t], 2),
                    }
                    for t, period in enumerate(s.periods)
                ],
            }
        )
    return out


def _agreements(m: PlanningModel, take: np.ndarray[Any, Any]) -> list[dict[str, Any]]:
    p, s = m.problem, m.sets
    out: list[dict[str, Any]] = []
    j = 0
    for a in p.agreements:
        if a.kind == "supply":
            out.append(
                {
                    "id": a.id,
                    "kind": a.kind,
                    "partner": a.partner,
                    "feed": a.feed,
                    "price_per_t": a.price_per_t,
                    "taken_t": {period: _r(take[j, t]) for t, period in enumerate(s.periods)},
                    "min_t": dict(zip(s.periods, a.min_t_per_period, strict=True)),
                    "max_t": dict(zip(s.periods, a.max_t_per_period, strict=True)),
                    "cost": _r(float(take[j].sum()) * a.price_per_t, 2),
                }
            )
            j += 1
        else:
            plant = next(pl for pl in p.plants if pl.id == a.plant)
            out.append(
                {
                    "id": a.id,
                    "kind": a.kind,
                    "partner": a.partner,
                    "plant": a.plant,
                    "volume_t_reo_per_period": a.volume_t_reo_per_period,
                    "usable_capacity_t_reo": p.available_capacity_t_reo(plant),
                }
            )
    return out


def _mixes(m: PlanningModel, make_element: np.ndarray[Any, Any], outs: list[int], t: int) -> dict[str, Any]:
    """Element content (t REO) of the variable-composition products a plant made in period t."""
    s = m.sets
    out: dict[str, dict[str, float]] = {}
    for j, (o, e) in enumerate(s.mixes):
        if o in outs:
            out.setdefault(s.products[s.outputs[o][1]], {})[s.elements[e]] = _r(make_element[j, t])
    return out


def _quota_use(
    m: PlanningModel, buy: np.ndarray[Any, Any], route_reo: np.ndarray[Any, Any]
) -> np.ndarray[Any, Any]:
    p, s = m.problem, m.sets
    use = np.zeros((len(p.quotas), len(s.periods)))
    for j, quota in enumerate(p.quotas):
        if quota.kind == "mining":
            for f, feed in enumerate(p.feeds):
                if quota.id in feed.quotas:
                    use[j] += buy[f] * feed.reo_fraction
        else:
            for r, (i, _) in enumerate(s.routes):
                if quota.id in p.plants[i].quotas:
                    use[j] += route_reo[r]
    return use


def _objective_terms(m: PlanningModel, sol: Solution) -> dict[str, float]:
    """The objective split by family of columns (revenue positive, costs as positive amounts)."""
    cost = m.lp.vectors()["col_cost"]
    contribution = cost * sol.x
    names = {
        "revenue": ["sold"],
        "feed_cost": ["feed-bought"],
        "separation_cost": ["feed-in"],
        "process_cost": ["process-activity"],
        "holding_cost": ["stock", "feed-stock"],
        "penalties": ["safety-stock-shortfall", "contract-unmet"],
    }
    out = {}
    for term, blocks in names.items():
        total = 0.0
        for name in blocks:
            block = m.lp.columns.get(name)
            if block is not None and block.size:
                total += float(contribution[block.start : block.start + block.size].sum())
        out[term] = _r(total if term == "revenue" else -total, 2)
    return out


def _licences(m: PlanningModel, sol: Solution) -> list[dict[str, Any]]:
    block = m.lp.rows["export-licence"]
    labels = block.axes[0][1]
    upper = m.lp.vectors()["row_upper"]
    return [
        {
            "licence": label,
            "limit_t": float(upper[row]),
            "used_t": _r(sol.row_value[row]),
            "value_per_t": _r(sol.row_dual[row]),
        }
        for label, row in zip(labels, m.con["licence"], strict=True)
    ]

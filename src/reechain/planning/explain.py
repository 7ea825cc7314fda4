"""Explain a solved plan to a planner: what binds, which co-products pile up or sell cheap, what quota "
"is worth.

Works on the plan document alone (``results.plan_document``), so a stored plan can be explained again.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

TOL_T = 1e-3
TOL_VALUE = 1e-6


@dataclass
class Binding:
    kind: str  # quota | quota batch | capacity | process | demand | contract | licence
    name: str
    periods: list[str]
    value_per_t: float  # average over the binding periods
    detail: str


@dataclass
class Explanation:
    sentences: list[str] = field(default_factory=list)
    binding: list[Binding] = field(default_factory=list)
    co_products: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "sentences": self.sentences,
            "binding": [b.__dict__ for b in self.binding],
            "co_products": self.co_products,
        }


def _money(value: float, currency: str) -> str:
    return f"{value:,.0f} {currency}"


def _t(value: float) -> str:
    return f"{value:,.1f} t" if abs(value) < 100 else f"{value:,.0f} t"


def explain(doc: dict[str, Any]) -> Explanation:
    cur = doc.get("currency", "")
    out = Explanation()
    periods = doc["periods"]
    names = [p["period"] for p in periods]
    out.sentences.append(
        f"The plan earns a margin of {_money(doc['objective'], cur)} over "
        + (f"{len(names)} periods ({names[0]} to {names[-1]})." if len(names) > 1 else f"{names[0]}.")
    )
    _quotas(doc, out, cur)
    _capacities(doc, out, cur)
    _demand(doc, out, cur)
    _co_products(doc, out, cur)
    return out


def _quotas(doc: dict[str, Any], out: Explanation, cur: str) -> None:
    for q in doc["quotas"]:
        left = q["remaining_t_reo"]
        if q["value_per_t"] > TOL_VALUE or left <= TOL_T:
            out.binding.append(
                Binding("quota", q["id"], [], q["value_per_t"], f"{_t(q['limit_t_reo'])} REO used in full")
            )
            before = q.get("used_before_t_reo", 0.0)
            scope = (
                f"the {_t(q['limit_t_reo'] - before)} REO left of {_t(q['limit_t_reo'])} are all used"
                if before > TOL_T
                else f"all {_t(q['limit_t_reo'])} REO are used"
            )
            out.sentences.append(
                f"The {q['kind']} quota {q['id']} binds: {scope}; one more tonne of it would add "
                f"{_money(q['value_per_t'], cur)} to the margin."
            )
        else:
            out.sentences.append(
                f"The {q['kind']} quota {q['id']} does not bind: {_t(left)} REO of "
                f"{_t(q['limit_t_reo'])} stay "
                "unused, so more quota is worth nothing in this plan."
            )
        for batch in q["batches"]:
            if batch["value_per_t"] > TOL_VALUE:
                out.binding.append(
                    Binding(
                        "quota batch",
                        f"{q['id']} to {batch['to_period']}",
                        [batch["to_period"]],
                        batch["value_per_t"],
                        f"at most {_t(batch['limit_t_reo'])} REO by {batch['to_period']}",
                    )
                )
                out.sentences.append(
                    f"The first batch of {q['id']} ({_t(batch['limit_t_reo'])} REO up to "
                    f"{batch['to_period']}) "
                    f"binds: one more tonne released earlier would add {_money(batch['value_per_t'], cur)}."
                )


def _capacities(doc: dict[str, Any], out: Explanation, cur: str) -> None:
    quota_binds = [b.name for b in out.binding if b.kind in ("quota", "quota batch")]
    full: dict[str, list[tuple[str, float]]] = defaultdict(list)
    use: dict[str, list[float]] = defaultdict(list)
    process_full: dict[str, list[str]] = defaultdict(list)
    for p in doc["periods"]:
        for plant, row in p["plants"].items():
            use[plant].append(row["utilisation"])
            if row["capacity_value_per_t"] > TOL_VALUE or row["utilisation"] >= 0.9999:
                full[plant].append((p["period"], row["capacity_value_per_t"]))
        for k, row in p["processes"].items():
            if row["capacity"] and row["activity"] >= row["capacity"] - TOL_T:
                process_full[k].append(p["period"])
    for plant, rates in use.items():
        if plant in full:
            values = [v for _, v in full[plant]]
            mean = sum(values) / len(values)
            when = [w for w, _ in full[plant]]
            out.binding.append(Binding("capacity", plant, when, mean, "separation capacity (t REO)"))
            worth = (
                f"one more tonne REO of capacity is worth {_money(mean, cur)} on average in those periods"
                if mean > TOL_VALUE
                else "more capacity would add nothing (another limit binds first)"
            )
            out.sentences.append(f"Plant {plant} runs at capacity in {', '.join(when)}; {worth}.")
        else:
            reason = (
                f"the quota ({', '.join(quota_binds)}) limits what is processed"
                if quota_binds
                else "markets for the co-products set how much ore is worth processing"
            )
            out.sentences.append(
                f"Plant {plant} runs at {100 * sum(rates) / len(rates):.0f} % of capacity on average: "
                f"its capacity does not bind; {reason}."
            )
    for k, when in process_full.items():
        out.binding.append(Binding("process", k, when, 0.0, "process capacity"))
        out.sentences.append(f"Process {k} runs at capacity in {', '.join(when)}.")


def _demand(doc: dict[str, Any], out: Explanation, cur: str) -> None:
    full: dict[str, list[tuple[str, float]]] = defaultdict(list)
    forced: dict[str, list[str]] = defaultdict(list)
    for p in doc["periods"]:
        for line in p["sales"]:
            if line["limit_value_per_t"] > TOL_VALUE and line["sold_t"] >= line["max_t"] - TOL_T:
                full[line["line"]].append((p["period"], line["limit_value_per_t"]))
            value = p["product_value_per_t"].get(line["product"], 0.0)
            if (
                line["min_t"] > 0
                and abs(line["sold_t"] - line["min_t"]) <= TOL_T
                and value > line["price_per_t"]
            ):
                forced[line["line"]].append(p["period"])
    for name, rows in full.items():
        mean = sum(v for _, v in rows) / len(rows)
        when = [w for w, _ in rows]
        out.binding.append(Binding("demand", name, when, mean, "all that this line takes is sold"))
    if full:
        demand = sorted((b for b in out.binding if b.kind == "demand"), key=lambda b: -b.value_per_t)
        tops = ", ".join(f"{b.name} ({_money(b.value_per_t, cur)}/t)" for b in demand[:3])
        lines = f"{len(full)} demand lines are" if len(full) > 1 else "1 demand line is"
        out.sentences.append(
            f"{lines} sold out in some period; the most valuable extra tonne would go to {tops}."
        )
    for name, when in forced.items():
        out.binding.append(Binding("contract", name, when, 0.0, "contract minimum only"))
        out.sentences.append(
            f"Contract {name} gets only its minimum in {', '.join(when)}: the product is worth more "
            f"elsewhere."
        )


def _co_products(doc: dict[str, Any], out: Explanation, cur: str) -> None:
    periods = doc["periods"]
    first, last = periods[0], periods[-1]
    produced: dict[str, float] = defaultdict(float)
    for p in periods:
        for product, made in p["production_t"].items():
            produced[product] += made
    for product, end in last["stock_t"].items():
        start = first["stock_t"].get(product, 0.0) - first["production_t"].get(product, 0.0)
        start += first["sales_t"].get(product, 0.0)
        value = last["product_value_per_t"].get(product, 0.0)
        growth = end - max(start, 0.0)
        if growth > max(TOL_T, 0.05 * produced.get(product, 0.0)) and value <= 1.0:
            text = (
                f"{product} piles up: stock grows to {_t(end)} by {last['period']} because the ore brings it "
                f"with the valuable elements and every channel for it is full; one more tonne of it is worth "
                f"{_money(value, cur)}."
            )
            out.co_products.append(text)
    cheap: dict[tuple[str, str, str], float] = defaultdict(float)
    for p in periods:
        by_product: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for line in p["sales"]:
            by_product[line["product"]].append(line)
        for product, lines in by_product.items():
            best = max(lines, key=lambda x: x["price_per_t"])
            for line in lines:
                if line is best or line["sold_t"] <= TOL_T or line["price_per_t"] >= best["price_per_t"]:
                    continue
                if best["sold_t"] >= best["max_t"] - TOL_T:
                    cheap[(product, line["channel"], best["channel"])] += line["sold_t"]
    for (product, channel, best_channel), tonnes in cheap.items():
        out.co_products.append(
            f"{product}: {_t(tonnes)} sold on {channel} below the {best_channel} price "
            f"({best_channel} is full)."
        )
    out.sentences.extend(out.co_products)

"""Work orders from a plan period, and the transformation a confirmed work order posts (pure: no database).

A released plan period becomes one work order per plant step that runs in it: a separation plant fed in the
period (feed t by product, expected output t by product and their element content, t REO) or a downstream
process (e.g. reduction to metal) with a non-zero activity. Confirming a work order turns the feed actually
taken (lots at the plant) into output lots: each element of the feed goes to the products that carried it in
the plan, in the plan's proportions, at the recovery achieved; the ledger then checks the element mass
balance of the whole transformation.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from reechain.domain.errors import InvalidInput, Problem, RuleViolation

GRAM_T = 1e-6


@dataclass(frozen=True)
class PlannedStep:
    """One work order as the plan asks for it."""

    period: str
    step: str  # plant code, or "PLANT:PRODUCT" for a downstream process
    plant: str
    kind: str  # separation | process
    feed_t: dict[str, float]
    outputs_t: dict[str, float]
    expected_t_reo: dict[str, dict[str, float]]  # output product -> element -> t REO


@dataclass(frozen=True)
class FeedLot:
    """A lot held at the plant: t of product and its REO per element (t REO per t of product)."""

    lot: str
    product: str
    available_t: float
    reo_per_t: Mapping[str, float]


@dataclass(frozen=True)
class OutputLot:
    product: str
    quantity_t: float
    reo_fraction: float
    composition: dict[str, float]
    t_reo: dict[str, float] = field(default_factory=dict)


def _r(x: float) -> float:
    return round(float(x), 6)


def planned_steps(doc: Mapping[str, Any], problem: Mapping[str, Any], period: str) -> list[PlannedStep]:
    """The work orders of one period of a solved plan (``doc``) and the data it was solved from."""
    periods = [p["period"] for p in doc.get("periods", [])]
    if period not in periods:
        raise InvalidInput(
            f"the plan has no period {period!r}",
            [Problem(f"one of {', '.join(periods) or '(none)'}", field="period")],
        )
    row = doc["periods"][periods.index(period)]
    products = {str(p["id"]): p for p in problem.get("products", []) if isinstance(p, Mapping)}
    steps: list[PlannedStep] = []
    for plant, entry in row.get("plants", {}).items():
        feed = {k: _r(v) for k, v in entry.get("feed_t", {}).items() if v > GRAM_T}
        if not feed:
            continue
        made = {k: _r(v) for k, v in entry.get("made_t", {}).items() if v > GRAM_T}
        mixes = entry.get("mix_t_reo", {})
        expected = {}
        for product, t in made.items():
            if product in mixes:
                expected[product] = {e: _r(v) for e, v in mixes[product].items() if v > 0}
            else:
                info = products.get(product, {})
                reo = float(info.get("reo_fraction") or 0.0)
                expected[product] = {
                    e: _r(t * reo * float(f)) for e, f in (info.get("composition") or {}).items() if f
                }
        steps.append(PlannedStep(period, plant, plant, "separation", feed, made, expected))
    processes = {str(k["id"]): k for k in problem.get("processes", []) if isinstance(k, Mapping)}
    for process_id, entry in row.get("processes", {}).items():
        activity = float(entry.get("activity", 0.0))
        if activity <= GRAM_T or process_id not in processes:
            continue
        spec = processes[process_id]
        plant = process_id.split(":", 1)[0]
        feed = {k: _r(activity * float(v)) for k, v in spec.get("inputs", {}).items()}
        outputs = {k: _r(activity * float(v)) for k, v in spec.get("outputs", {}).items()}
        fed: dict[str, float] = {}
        for product, t in feed.items():
            info = products.get(product, {})
            for e, f in (info.get("composition") or {}).items():
                fed[e] = fed.get(e, 0.0) + t * float(info.get("reo_fraction") or 0.0) * float(f)
        total_out = sum(outputs.values()) or 1.0
        expected = {p: {e: _r(v * t / total_out) for e, v in fed.items()} for p, t in outputs.items()}
        steps.append(PlannedStep(period, process_id, plant, "process", feed, outputs, expected))
    return steps


def take_feed(
    lots: Sequence[FeedLot], wanted_t: Mapping[str, float], plant: str
) -> list[tuple[FeedLot, float]]:
    """Take the feed from the lots held at the plant, oldest code first; RuleViolation naming each product
    short."""
    taken: list[tuple[FeedLot, float]] = []
    problems = []
    for product, want in wanted_t.items():
        left = want
        for lot in sorted((x for x in lots if x.product == product), key=lambda x: x.lot):
            if left <= GRAM_T / 2:
                break
            take = min(left, lot.available_t)
            if take > GRAM_T / 2:
                taken.append((lot, round(take, 6)))
                left -= take
        if left > GRAM_T / 2:
            problems.append(
                Problem(
                    f"needs {want:,.3f} t, {want - left:,.3f} t held at {plant}: receive or transfer the "
                    f"other {left:,.3f} t there first, or confirm with the feed the plant really took",
                    field=f"feed.{product}",
                )
            )
    if problems:
        raise RuleViolation(f"not enough feed at {plant} for this work order", problems)
    return taken


def output_lots(
    taken: Sequence[tuple[FeedLot, float]],
    expected_t_reo: Mapping[str, Mapping[str, float]],
    product_reo_fraction: Mapping[str, float],
    recovery: float,
    actual_outputs_t: Mapping[str, float] | None = None,
) -> list[OutputLot]:
    """Split the REO of the feed taken among the planned outputs, element by element in the plan's
    proportions, at ``recovery``; quantities are rounded down to the ledger's gram. An output quantity
    given in ``actual_outputs_t`` replaces the computed one (its composition stays): the ledger's mass
    balance then decides whether it is possible."""
    fed: dict[str, float] = {}
    for lot, t in taken:
        for e, per_t in lot.reo_per_t.items():
            fed[e] = fed.get(e, 0.0) + t * per_t
    carried: dict[str, float] = {}
    for elements in expected_t_reo.values():
        for e, v in elements.items():
            carried[e] = carried.get(e, 0.0) + v
    missing = sorted(e for e, v in fed.items() if v > GRAM_T and carried.get(e, 0.0) <= 0)
    if missing:
        raise RuleViolation(
            "the plan makes no product that carries some elements of the feed",
            [Problem(f"{e}: {fed[e]:.6f} t REO fed, no planned output carries it", field=e) for e in missing],
        )
    actual = dict(actual_outputs_t or {})
    unknown = sorted(set(actual) - set(expected_t_reo))
    if unknown:
        raise InvalidInput(
            "actual quantities for products this work order does not make",
            [Problem(f"outputs are {', '.join(expected_t_reo)}", field=f"actual.{p}") for p in unknown],
        )
    out = []
    for product, elements in expected_t_reo.items():
        t_reo = {e: fed.get(e, 0.0) * recovery * v / carried[e] for e, v in elements.items() if v > 0}
        total = sum(t_reo.values())
        if total <= GRAM_T:
            continue
        reo_fraction = product_reo_fraction[product]
        quantity = actual.get(product, math.floor(total / reo_fraction / GRAM_T) * GRAM_T)
        composition = {e: v / total for e, v in t_reo.items()}
        scaled = {e: _r(quantity * reo_fraction * f) for e, f in composition.items()}
        out.append(OutputLot(product, round(quantity, 6), reo_fraction, composition, scaled))
    return out

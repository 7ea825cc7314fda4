"""Build planning-file data from the group's master data, quotas and stock (no database access here).

The service (``reechain.services.planning.run_plan``) reads the ledger and passes plain values in; the
result is
the same raw data a planning file holds, so validation, ``--set`` overrides and storage work unchanged.
Assumptions (documented in ``docs/planning.md``, "Plans from the ledger"): batches of a quota are released
evenly over the year in order of issue; demand is open at reference prices; holding cost is 8 % a year of the
price; mixed oxides take the composition of their feed; a sales contract's volume still to order is spread
evenly over the plan's periods at its formula price; stored stock policies set the group's safety stock and
maximum stock of each product.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from reechain.domain.errors import InvalidInput
from reechain.domain.locations import Plant, PlantKind
from reechain.inventory.alerts import ALL_LOCATIONS, StockPolicy
from reechain.partners.model import Register
from reechain.partners.planning import planning_sections
from reechain.trade.channels import contract_price_cny_per_t

OPEN_DEMAND_T_PER_PERIOD = 1_000_000.0
HOLDING_RATE_PER_YEAR = 0.08
MIXED_DISCOUNT = 0.6  # a mixed oxide still has to be separated: worth this share of its separated content


@dataclass(frozen=True)
class LedgerProduct:
    code: str
    form: str
    reo_fraction: float | None
    composition: Mapping[str, float]


@dataclass(frozen=True)
class QuotaBatch:
    kind: str
    holder: str
    batch: str
    limit_t_reo: float
    used_t_reo: float


@dataclass(frozen=True)
class LedgerContract:
    """A sales contract as the planner sees it (``reechain.services.sales.list_contracts``)."""

    code: str
    product: str
    volume_t: float
    ordered_t: float  # ordered so far on orders not cancelled
    start_on: date
    end_on: date
    price_basis: str  # fixed | index
    price_cny_per_t: float | None = None
    index_factor: float | None = None
    premium_cny_per_t: float = 0.0

    @property
    def remaining_t(self) -> float:
        return max(self.volume_t - self.ordered_t, 0.0)


@dataclass(frozen=True)
class LedgerState:
    year: int
    plants: Sequence[Plant]
    products: Mapping[str, LedgerProduct]
    quotas: Sequence[QuotaBatch]  # in order of issue within each (kind, holder)
    opening_stock_t: Mapping[str, float]  # t of product by product code
    oxide_price_cny_per_t: Mapping[str, float]  # by element symbol
    product_price_cny_per_t: Mapping[str, float] = field(default_factory=dict)  # by product code (overrides)
    today: date | None = None
    contracts: Sequence[LedgerContract] = ()
    policies: Sequence[StockPolicy] = ()  # stored stock policies (``reechain.services.inventory``)
    partners: Register | None = None  # the partners register (``reechain.services.partners``)


def periods_of(year: int, kind: str) -> list[str]:
    if kind == "months":
        return [f"{year}-{m:02d}" for m in range(1, 13)]
    if kind == "weeks":
        return [f"{year}-W{w:02d}" for w in range(1, 53)]
    return [f"{year}-Q{q}" for q in range(1, 5)]


def period_dates(year: int, kind: str, label: str) -> tuple[date, date]:
    """First and last day of a period label made by ``periods_of`` (ISO weeks for ``weeks``)."""
    if kind == "weeks":
        week = int(label.rsplit("W", 1)[1])
        return date.fromisocalendar(year, week, 1), date.fromisocalendar(year, week, 7)
    if kind == "months":
        first_month = last_month = int(label.rsplit("-", 1)[1])
    else:
        quarter = int(label.rsplit("Q", 1)[1])
        first_month, last_month = 3 * quarter - 2, 3 * quarter
    end = date(year + 1, 1, 1) if last_month == 12 else date(year, last_month + 1, 1)
    return date(year, first_month, 1), date.fromordinal(end.toordinal() - 1)


def _first_open_period(year: int, kind: str, today: date | None) -> int:
    if today is None or today.year != year:
        return 0
    if kind == "months":
        return today.month - 1
    if kind == "weeks":
        return min(today.isocalendar()[1], 52) - 1
    return (today.month - 1) // 3


def _price(state: LedgerState, product: LedgerProduct) -> float:
    if product.code in state.product_price_cny_per_t:
        return state.product_price_cny_per_t[product.code]
    value = sum(share * state.oxide_price_cny_per_t.get(e, 0.0) for e, share in product.composition.items())
    value *= product.reo_fraction or 1.0
    return value * (MIXED_DISCOUNT if len(product.composition) > 1 else 1.0)


def problem_data_from_ledger(state: LedgerState, *, period_kind: str = "quarters") -> dict[str, Any]:
    """The planning data of the year (see ``ledger_problem_with_notes`` for what could not be carried)."""
    return ledger_problem_with_notes(state, period_kind=period_kind)[0]


def ledger_problem_with_notes(
    state: LedgerState, *, period_kind: str = "quarters"
) -> tuple[dict[str, Any], list[str]]:
    """The planning data of the year and notes, in words, on contracts and stock policies the plan does not
    carry (or carries only in part)."""
    notes: list[str] = []
    all_periods = periods_of(state.year, period_kind)
    start = _first_open_period(state.year, period_kind, state.today)
    periods = all_periods[start:]
    per_year = len(all_periods)
    separation = [p for p in state.plants if p.kind == PlantKind.SEPARATION]
    metal = [p for p in state.plants if p.kind == PlantKind.METAL]
    quotas, quota_ids = _quotas(state, all_periods, start)
    feed_codes = list(dict.fromkeys(f for p in separation for f in p.feeds if f in state.products))
    elements = sorted({e for p in state.products.values() for e in p.composition})
    holders = {q.holder for q in state.quotas}

    def quota_for(kind: str, holder: str | None) -> list[str]:
        if holder is None and len({h for (k, h) in quota_ids if k == kind}) == 1:
            return [i for (k, _), i in quota_ids.items() if k == kind]
        return [i for (k, h), i in quota_ids.items() if k == kind and h == holder]

    group = next(iter(holders)) if len(holders) == 1 else None
    feeds = []
    for code in feed_codes:
        product = state.products[code]
        takers = [p for p in separation if code in p.feeds]
        supply = sum(p.capacity_t_reo_per_year / per_year for p in takers) / (product.reo_fraction or 1.0)
        feed: dict[str, Any] = {
            "id": code,
            "reo_fraction": product.reo_fraction,
            "composition": dict(product.composition),
            "supply_t_per_period": round(supply, 3),
            "cost_per_t": round(state.product_price_cny_per_t.get(code, 0.3 * _price(state, product)), 2),
            "quotas": quota_for("mining", group),
        }
        if state.opening_stock_t.get(code, 0.0) > 0:
            feed["initial_stock_t"] = state.opening_stock_t[code]
            feed["holding_cost_per_t_period"] = round(
                HOLDING_RATE_PER_YEAR * feed["cost_per_t"] / per_year, 2
            )
        feeds.append(feed)
    made = list(dict.fromkeys(k for p in separation for k in p.products if k in state.products))
    plants = [
        {
            "id": p.location,
            "feeds": [f for f in p.feeds if f in feed_codes],
            "capacity_t_reo_per_period": round(p.capacity_t_reo_per_year / per_year, 3),
            "recovery": p.recovery,
            "cost_per_t_reo": p.extra.get("cost_cny_per_t_reo", 0.0),
            "quotas": quota_for("separation", p.holder or group),
            "outputs": [k for k in p.products if k in made],
        }
        for p in separation
    ]
    plant_holders = [p.holder or group for p in separation]
    notes.extend(_unbound_notes(state.year, quota_ids, feeds, plants, plant_holders))
    processes, metals = _processes(state, metal, per_year)
    products: list[dict[str, Any]] = []
    for code in [*made, *metals]:
        product = state.products[code]
        if code in metals:
            products.append({"id": code})
            continue
        products.append(
            {
                "id": code,
                "reo_fraction": product.reo_fraction,
                "composition": dict(product.composition),
                **({"variable_composition": True} if len(product.composition) > 1 else {}),
            }
        )
    prices = {code: _price(state, state.products[code]) for code in made}
    for code in metals:
        prices[code] = state.product_price_cny_per_t.get(code, 0.0) or _metal_price(state, code, processes)
    inventory = [
        {
            "product": code,
            "initial_t": round(state.opening_stock_t.get(code, 0.0), 6),
            "holding_cost_per_t_period": round(HOLDING_RATE_PER_YEAR * prices[code] / per_year, 2),
            **_stock_levels(state, code, notes),
        }
        for code in [*made, *metals]
    ]
    planned = {*made, *metals}
    for code in sorted({p.product for p in state.policies} - planned):
        notes.append(f"stock policy for {code} not carried: the plan neither makes nor sells {code}")
    demand = [
        {
            "product": code,
            "channel": "spot",
            "max_t_per_period": OPEN_DEMAND_T_PER_PERIOD,
            "price_per_t": round(prices[code], 2),
        }
        for code in [*made, *metals]
        if prices[code] > 0
    ]
    bounds = (
        period_dates(state.year, period_kind, periods[0])[0],
        period_dates(state.year, period_kind, periods[-1])[1],
    )
    for contract in state.contracts:
        line = _contract_line(contract, bounds, len(periods), planned, prices, notes)
        if line is not None:
            demand.append(line)
    data = {
        "name": f"ledger-plan-{state.year}",
        "currency": "CNY",
        "periods": periods,
        "elements": elements,
        "quotas": quotas,
        "feeds": feeds,
        "plants": plants,
        "products": products,
        "processes": processes,
        "inventory": inventory,
        "demand": demand,
    }
    if state.partners is not None:
        sections, partner_notes = planning_sections(
            state.partners,
            year=state.year,
            periods_per_year=per_year,
            feeds=feed_codes,
            plants=plants,
            separation_quotas=quota_for("separation", group),
        )
        notes.extend(partner_notes)
        if sections:
            data["partners"] = sections["partners"]
            data["plants"] = [*plants, *sections["plants"]]
            data["agreements"] = sections["agreements"]
    return data, notes


def _stock_levels(state: LedgerState, code: str, notes: list[str]) -> dict[str, float]:
    """``min_t`` / ``max_t`` of a product from its stored policies. The plan has no locations: the group's
    stock must cover the group-wide policy (location ``*``) and the sum of the per-location ones; a maximum
    holds if the group-wide policy or every per-location policy gives one (the product is then assumed to be
    kept only where it has a policy). Safety stock and band minimum are floors; reorder point, order quantity
    and lot multiple are ordering rules, not stock limits, and are not carried."""
    policies = [p for p in state.policies if p.product == code]
    if not policies:
        return {}
    group = [p for p in policies if p.location == ALL_LOCATIONS]
    local = [p for p in policies if p.location != ALL_LOCATIONS]

    def floor(p: StockPolicy) -> float:
        return max(p.safety_stock_t or 0.0, p.min_t or 0.0)

    min_t = max([floor(p) for p in group] + [sum(floor(p) for p in local)])
    caps = [p.max_t for p in group if p.max_t is not None]
    if local and all(p.max_t is not None for p in local):
        caps.append(sum(p.max_t or 0.0 for p in local))
    out: dict[str, float] = {}
    if min_t > 0:
        out["min_t"] = round(min_t, 6)
    if caps:
        max_t = round(min(caps), 6)
        opening = state.opening_stock_t.get(code, 0.0)
        if opening > max_t:
            notes.append(
                f"stock policy maximum {max_t:g} t for {code} not carried: the opening stock "
                f"({opening:g} t) is already above it"
            )
        else:
            out["max_t"] = max_t
    return out


def _contract_line(
    contract: LedgerContract,
    bounds: tuple[date, date],
    n_periods: int,
    planned: set[str],
    prices: Mapping[str, float],
    notes: list[str],
) -> dict[str, Any] | None:
    """A demand line for what is still to order on a contract within the horizon, or None (with a note).

    The volume still to order (volume less orders not cancelled) is spread evenly over the contract's days
    left from the plan's first day; the share falling inside the horizon is spread evenly over the plan's
    periods (a demand line has one minimum per period), and the line takes exactly that much."""
    first, last = bounds
    start = max(contract.start_on, first)
    if contract.end_on < start or contract.start_on > last:
        notes.append(f"contract {contract.code} not carried: it does not run between {first} and {last}")
        return None
    if contract.remaining_t <= 0:
        notes.append(f"contract {contract.code} not carried: its whole volume is already ordered")
        return None
    if contract.product not in planned:
        notes.append(
            f"contract {contract.code} not carried: the plan does not make {contract.product} "
            f"({contract.remaining_t:g} t still to deliver)"
        )
        return None
    days_left = (contract.end_on - start).days + 1
    days_in = (min(contract.end_on, last) - start).days + 1
    per_period = contract.remaining_t * days_in / days_left / n_periods
    reference = prices.get(contract.product) or None
    if contract.price_basis == "index" and reference is None:
        notes.append(
            f"contract {contract.code}: no reference price for {contract.product}; priced at its premium only"
        )
        reference = 0.0
    try:
        price = contract_price_cny_per_t(
            contract.price_basis,
            fixed_cny_per_t=contract.price_cny_per_t,
            index_factor=contract.index_factor,
            premium_cny_per_t=contract.premium_cny_per_t,
            index_cny_per_t=reference,
        )
    except InvalidInput as e:
        notes.append(f"contract {contract.code} not carried: {e.message}")
        return None
    quantity = round(per_period, 6)
    return {
        "product": contract.product,
        "channel": f"contract-{contract.code}",
        "min_t_per_period": quantity,
        "max_t_per_period": quantity,
        "price_per_t": round(price, 2),
    }


def _unbound_notes(
    year: int,
    quota_ids: Mapping[tuple[str, str], str],
    feeds: Sequence[Mapping[str, Any]],
    plants: Sequence[Mapping[str, Any]],
    plant_holders: Sequence[str | None],
) -> list[str]:
    """Notes on a year with no quota of a kind, and on feeds and separation plants that draw on no quota of
    the year although others do (a quota holder missing or holding no such quota): the plan lets them run up
    to their supply or capacity, which a planner must know."""
    notes: list[str] = []
    for kind, what, rows, holders in (
        ("mining", "feed", feeds, [None] * len(feeds)),
        ("separation", "plant", plants, list(plant_holders)),
    ):
        kind_holders = sorted({h for (k, h) in quota_ids if k == kind})
        if not kind_holders:
            notes.append(f"no {kind} quota is defined for {year}: the plan is not limited by one")
            continue
        for row, holder in zip(rows, holders, strict=True):
            if row["quotas"]:
                continue
            if holder is not None:
                why = f"its holder {holder} holds no {kind} quota for {year}"
            else:
                why = (
                    f"it names no quota holder and the {year} {kind} quotas belong to "
                    f"{len(kind_holders)} holders ({', '.join(kind_holders)})"
                )
            notes.append(f"{what} {row['id']} is not bound by any {kind} quota: {why}")
    return notes


def _quotas(
    state: LedgerState, all_periods: list[str], start: int
) -> tuple[list[dict[str, Any]], dict[tuple[str, str], str]]:
    grouped: dict[tuple[str, str], list[QuotaBatch]] = {}
    for batch in state.quotas:
        grouped.setdefault((batch.kind, batch.holder), []).append(batch)
    out, ids = [], {}
    for (kind, holder), batches in grouped.items():
        quota_id = f"{kind}-{state.year}-{holder}".replace(" ", "-")
        ids[(kind, holder)] = quota_id
        cumulative: dict[str, float] = {}
        running = 0.0
        for i, batch in enumerate(batches[:-1]):
            running += batch.limit_t_reo
            index = math.ceil((i + 1) / len(batches) * len(all_periods)) - 1
            if index >= start:
                cumulative[all_periods[index]] = running
        quota: dict[str, Any] = {
            "id": quota_id,
            "kind": kind,
            "limit_t_reo": sum(b.limit_t_reo for b in batches),
            "used_t_reo": sum(b.used_t_reo for b in batches),
        }
        if cumulative:
            quota["cumulative_limits"] = cumulative
        out.append(quota)
    return out, ids


def _processes(
    state: LedgerState, metal: Sequence[Plant], per_year: int
) -> tuple[list[dict[str, Any]], list[str]]:
    processes, metals = [], []
    for plant in metal:
        oxides = [f for f in plant.feeds if f in state.products]
        for code in plant.products:
            product = state.products.get(code)
            if product is None or not oxides:
                continue
            oxide = state.products[oxides[0]]
            metal_reo = product.reo_fraction or 1.0
            ratio = metal_reo / ((oxide.reo_fraction or 1.0) * plant.recovery)
            processes.append(
                {
                    "id": f"{plant.location}:{code}",
                    "inputs": {oxide.code: round(ratio, 6)},
                    "outputs": {code: 1.0},
                    "capacity_per_period": round(plant.capacity_t_reo_per_year / per_year / metal_reo, 3),
                    "cost_per_unit": round(plant.extra.get("cost_cny_per_t_reo", 0.0) * metal_reo, 2),
                }
            )
            metals.append(code)
    return processes, list(dict.fromkeys(metals))


def _metal_price(state: LedgerState, code: str, processes: list[dict[str, Any]]) -> float:
    """A metal without a reference price is valued at its oxide input plus 25 %."""
    for k in processes:
        if code in k["outputs"]:
            (oxide, ratio), *_ = k["inputs"].items()
            return 1.25 * float(ratio) * _price(state, state.products[oxide])
    return 0.0

"""Raw planning data (from YAML or Excel) → a validated :class:`PlanningProblem`, or InvalidInput.

All problems are collected and reported at once, each with its field path (``feeds[0].composition``) and,
where the source has one, its line.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from reechain.domain.errors import InvalidInput
from reechain.planning.checks import Checker
from reechain.planning.problem import (
    Agreement,
    Demand,
    Feed,
    Inventory,
    Licence,
    Partner,
    PlanningProblem,
    Plant,
    Process,
    Product,
    Quota,
)

QUOTA_KINDS = ("mining", "separation")
PLANT_KINDS = ("separation",)


def problem_from_data(raw_data: Any, *, lines: Mapping[str, int] | None = None) -> PlanningProblem:
    c = Checker(lines)
    raw = c.mapping(raw_data, "(file)")
    name = c.text(raw, "name", "name", default="plan")
    currency = c.text(raw, "currency", "currency", default="CNY")
    periods = tuple(str(p) for p in c.items(raw, "periods", "periods", required=True))
    elements = tuple(str(e) for e in c.items(raw, "elements", "elements", required=True))
    c.unique(list(periods), "periods", "period")
    c.unique(list(elements), "elements", "element")
    if isinstance(raw.get("periods"), list) and not periods:
        c.fail("periods", "must name at least one period")
    element_set = set(elements)

    products = _products(c, raw, element_set)
    product_ids = {p.id for p in products}
    quotas = _quotas(c, raw, periods)
    feeds = _feeds(c, raw, periods, element_set, quotas)
    partners = _partners(c, raw)
    plants = _plants(c, raw, feeds, quotas, products, elements, {p.id for p in partners})
    agreements = _agreements(c, raw, periods, partners, feeds, plants)
    processes = _processes(c, raw, product_ids)
    inventory = _inventory(c, raw, product_ids)
    demand = _demand(c, raw, product_ids)
    licences = _licences(c, raw, product_ids)
    required = tuple(
        str(d) for d in c.items(raw, "licence_required_destinations", "licence_required_destinations")
    )
    for i, product in enumerate(products):
        if not product.separable and not any(product.id in k.outputs for k in processes):
            c.fail(f"products[{i}]", f"{product.id!r} has no composition and no process makes it")
    if c.problems:
        raise InvalidInput(f"planning file has {len(c.problems)} problem(s)", c.problems)
    return PlanningProblem(
        name=name,
        currency=currency,
        periods=periods,
        elements=elements,
        quotas=tuple(quotas),
        feeds=tuple(feeds),
        plants=tuple(plants),
        products=tuple(products),
        processes=tuple(processes),
        inventory=tuple(inventory),
        demand=tuple(demand),
        licences=tuple(licences),
        licence_required_destinations=required,
        partners=tuple(partners),
        agreements=tuple(agreements),
    )


def _products(c: Checker, raw: Mapping[str, Any], elements: set[str]) -> list[Product]:
    out = []
    for i, item in enumerate(c.items(raw, "products", "products", required=True)):
        path = f"products[{i}]"
        d = c.mapping(item, path)
        reo = c.optional_number(d, "reo_fraction", f"{path}.reo_fraction")
        if reo is not None and not 0 < reo <= 1:
            c.fail(f"{path}.reo_fraction", f"must be in (0, 1], got {reo:g}")
        composition = c.fractions(d, "composition", f"{path}.composition", elements, required=reo is not None)
        if composition and reo is None:
            c.fail(f"{path}.reo_fraction", "is required when a composition is given")
        out.append(
            Product(
                id=c.text(d, "id", f"{path}.id"),
                reo_fraction=reo,
                composition=composition,
                grade=c.optional_text(d, "grade", f"{path}.grade"),
                variable_composition=c.flag(d, "variable_composition", f"{path}.variable_composition"),
            )
        )
    c.unique([p.id for p in out], "products", "product id")
    return out


def _quotas(c: Checker, raw: Mapping[str, Any], periods: tuple[str, ...]) -> list[Quota]:
    out = []
    for i, item in enumerate(c.items(raw, "quotas", "quotas")):
        path = f"quotas[{i}]"
        d = c.mapping(item, path)
        limit = c.number(d, "limit_t_reo", f"{path}.limit_t_reo")
        cumulative: dict[str, float] = {}
        for period, value in c.mapping(d.get("cumulative_limits"), f"{path}.cumulative_limits").items():
            where = f"{path}.cumulative_limits.{period}"
            if period not in periods:
                c.fail(where, f"unknown period {period!r}")
                continue
            cumulative[period] = c.number_value(value, where)
        out.append(
            Quota(
                id=c.text(d, "id", f"{path}.id"),
                kind=c.choice(d, "kind", f"{path}.kind", QUOTA_KINDS, default=""),
                limit_t_reo=limit,
                cumulative_limits=cumulative,
                used_t_reo=c.number(d, "used_t_reo", f"{path}.used_t_reo", default=0.0),
            )
        )
    c.unique([q.id for q in out], "quotas", "quota id")
    return out


def _per_period(c: Checker, value: Any, path: str, periods: tuple[str, ...]) -> tuple[float, ...]:
    """A number for every period, or a mapping period → number (periods not named get 0)."""
    if isinstance(value, dict):
        by_period = {str(k): v for k, v in value.items()}  # YAML may read 2026-01-05 as a date
        for period in by_period:
            if period not in periods:
                c.fail(f"{path}.{period}", f"unknown period {period!r}")
        return tuple(c.number_value(by_period.get(p, 0.0), f"{path}.{p}") for p in periods)
    if value is None or value == "":
        c.fail(path, "is required")
        return tuple(0.0 for _ in periods)
    number = c.number_value(value, path)
    return tuple(number for _ in periods)


def _feeds(
    c: Checker, raw: Mapping[str, Any], periods: tuple[str, ...], elements: set[str], quotas: list[Quota]
) -> list[Feed]:
    mining = {q.id for q in quotas if q.kind == "mining"}
    out = []
    for i, item in enumerate(c.items(raw, "feeds", "feeds", required=True)):
        path = f"feeds[{i}]"
        d = c.mapping(item, path)
        reo = c.number(d, "reo_fraction", f"{path}.reo_fraction", high=1.0)
        stock_keys = ("initial_stock_t", "max_stock_t", "holding_cost_per_t_period")
        initial = c.number(d, "initial_stock_t", f"{path}.initial_stock_t", default=0.0)
        max_stock = c.optional_number(d, "max_stock_t", f"{path}.max_stock_t")
        if max_stock is not None and initial > max_stock:
            c.fail(f"{path}.initial_stock_t", f"{initial:g} exceeds max_stock_t {max_stock:g}")
        out.append(
            Feed(
                id=c.text(d, "id", f"{path}.id"),
                reo_fraction=reo,
                composition=c.fractions(d, "composition", f"{path}.composition", elements, required=True),
                supply_t_per_period=_per_period(
                    c, d.get("supply_t_per_period"), f"{path}.supply_t_per_period", periods
                ),
                cost_per_t=c.number(d, "cost_per_t", f"{path}.cost_per_t", default=0.0),
                quotas=c.ids(d, "quotas", f"{path}.quotas", mining, "mining quota"),
                carries_stock=any(d.get(k) not in (None, "") for k in stock_keys),
                initial_stock_t=initial,
                max_stock_t=max_stock,
                holding_cost_per_t_period=c.number(
                    d, "holding_cost_per_t_period", f"{path}.holding_cost_per_t_period", default=0.0
                ),
            )
        )
    c.unique([f.id for f in out], "feeds", "feed id")
    return out


def _plants(
    c: Checker,
    raw: Mapping[str, Any],
    feeds: list[Feed],
    quotas: list[Quota],
    products: list[Product],
    elements: tuple[str, ...],
    partner_ids: set[str],
) -> list[Plant]:
    separation = {q.id for q in quotas if q.kind == "separation"}
    feed_by_id = {f.id: f for f in feeds}
    product_by_id = {p.id: p for p in products}
    out = []
    for i, item in enumerate(c.items(raw, "plants", "plants", required=True)):
        path = f"plants[{i}]"
        d = c.mapping(item, path)
        capacity = c.number(d, "capacity_t_reo_per_period", f"{path}.capacity_t_reo_per_period")
        by_element: dict[str, float] = {}
        for element, value in c.mapping(d.get("recovery_by_element"), f"{path}.recovery_by_element").items():
            where = f"{path}.recovery_by_element.{element}"
            if element not in elements:
                c.fail(where, f"unknown element {element!r}")
                continue
            by_element[element] = c.number_value(value, where, high=1.0)
        outputs = c.ids(d, "outputs", f"{path}.outputs", set(product_by_id), "product")
        for j, product_id in enumerate(outputs):
            if not product_by_id[product_id].separable:
                c.fail(
                    f"{path}.outputs[{j}]",
                    f"{product_id!r} has no element composition, a plant cannot make it",
                )
        min_run = c.number(d, "min_run_t_reo_per_period", f"{path}.min_run_t_reo_per_period", default=0.0)
        if min_run > capacity:
            c.fail(f"{path}.min_run_t_reo_per_period", f"{min_run:g} exceeds the capacity {capacity:g}")
        plant = Plant(
            id=c.text(d, "id", f"{path}.id"),
            kind=c.choice(d, "kind", f"{path}.kind", PLANT_KINDS, default="separation"),
            feeds=c.ids(d, "feeds", f"{path}.feeds", set(feed_by_id), "feed"),
            capacity_t_reo_per_period=capacity,
            recovery=c.number(d, "recovery", f"{path}.recovery", high=1.0),
            cost_per_t_reo=c.number(d, "cost_per_t_reo", f"{path}.cost_per_t_reo", default=0.0),
            quotas=c.ids(d, "quotas", f"{path}.quotas", separation, "separation quota"),
            outputs=outputs,
            recovery_by_element=by_element,
            min_run_t_reo_per_period=min_run,
            can_shut_down=c.flag(d, "can_shut_down", f"{path}.can_shut_down"),
            partner=c.optional_text(d, "partner", f"{path}.partner"),
        )
        if plant.partner is not None and plant.partner not in partner_ids:
            c.fail(f"{path}.partner", f"unknown partner {plant.partner!r} (list it under partners)")
        if not plant.feeds:
            c.fail(f"{path}.feeds", "must name at least one feed")
        # Every recovered tonne of every element must end up in some product (the balance problem).
        for element in elements:
            carried = any(feed_by_id[f].composition.get(element, 0.0) > 0 for f in plant.feeds)
            taken = any(_takes(product_by_id[p], element) for p in outputs)
            if carried and plant.recovery_of(element) > 0 and not taken:
                c.fail(
                    f"{path}.outputs",
                    f"no output takes {element}, which its feeds contain (add a product or set its "
                    f"recovery to 0)",
                )
        out.append(plant)
    c.unique([p.id for p in out], "plants", "plant id")
    return out


def _takes(product: Product, element: str) -> bool:
    if product.variable_composition:
        return element in product.composition
    return product.composition.get(element, 0.0) > 0


def _product_amounts(
    c: Checker, d: Mapping[str, Any], key: str, path: str, products: set[str]
) -> dict[str, float]:
    out = {}
    for product, value in c.mapping(d.get(key), path).items():
        if product not in products:
            c.fail(f"{path}.{product}", f"unknown product {product!r}")
            continue
        amount = c.number_value(value, f"{path}.{product}")
        if amount <= 0:
            c.fail(f"{path}.{product}", "must be positive")
        out[product] = amount
    if not out:
        c.fail(path, "must name at least one product")
    return out


def _processes(c: Checker, raw: Mapping[str, Any], products: set[str]) -> list[Process]:
    out = []
    for i, item in enumerate(c.items(raw, "processes", "processes")):
        path = f"processes[{i}]"
        d = c.mapping(item, path)
        out.append(
            Process(
                id=c.text(d, "id", f"{path}.id"),
                inputs=_product_amounts(c, d, "inputs", f"{path}.inputs", products),
                outputs=_product_amounts(c, d, "outputs", f"{path}.outputs", products),
                capacity_per_period=c.number(d, "capacity_per_period", f"{path}.capacity_per_period"),
                cost_per_unit=c.number(d, "cost_per_unit", f"{path}.cost_per_unit", default=0.0),
            )
        )
    c.unique([k.id for k in out], "processes", "process id")
    return out


def _inventory(c: Checker, raw: Mapping[str, Any], products: set[str]) -> list[Inventory]:
    out = []
    for i, item in enumerate(c.items(raw, "inventory", "inventory")):
        path = f"inventory[{i}]"
        d = c.mapping(item, path)
        product = c.text(d, "product", f"{path}.product")
        if product and product not in products:
            c.fail(f"{path}.product", f"unknown product {product!r}")
        row = Inventory(
            product=product,
            initial_t=c.number(d, "initial_t", f"{path}.initial_t", default=0.0),
            min_t=c.number(d, "min_t", f"{path}.min_t", default=0.0),
            max_t=c.optional_number(d, "max_t", f"{path}.max_t"),
            holding_cost_per_t_period=c.number(
                d, "holding_cost_per_t_period", f"{path}.holding_cost_per_t_period", default=0.0
            ),
            shortfall_penalty_per_t=c.optional_number(
                d, "shortfall_penalty_per_t", f"{path}.shortfall_penalty_per_t"
            ),
        )
        if row.max_t is not None and row.min_t > row.max_t:
            c.fail(f"{path}.min_t", f"{row.min_t:g} exceeds max_t {row.max_t:g}")
        if row.max_t is not None and row.initial_t > row.max_t:
            c.fail(f"{path}.initial_t", f"{row.initial_t:g} exceeds max_t {row.max_t:g}")
        out.append(row)
    c.unique([r.product for r in out], "inventory", "inventory row for product")
    return out


def _demand(c: Checker, raw: Mapping[str, Any], products: set[str]) -> list[Demand]:
    out = []
    for i, item in enumerate(c.items(raw, "demand", "demand")):
        path = f"demand[{i}]"
        d = c.mapping(item, path)
        product = c.text(d, "product", f"{path}.product")
        if product and product not in products:
            c.fail(f"{path}.product", f"unknown product {product!r}")
        line = Demand(
            product=product,
            channel=c.text(d, "channel", f"{path}.channel", default="sales"),
            max_t_per_period=c.number(d, "max_t_per_period", f"{path}.max_t_per_period"),
            price_per_t=c.number(d, "price_per_t", f"{path}.price_per_t", low=None),
            min_t_per_period=c.number(d, "min_t_per_period", f"{path}.min_t_per_period", default=0.0),
            shortfall_penalty_per_t=c.optional_number(
                d, "shortfall_penalty_per_t", f"{path}.shortfall_penalty_per_t"
            ),
            destination=c.optional_text(d, "destination", f"{path}.destination"),
            accepts=c.ids(d, "accepts", f"{path}.accepts", products, "product"),
        )
        if line.min_t_per_period > line.max_t_per_period:
            c.fail(
                f"{path}.min_t_per_period",
                f"{line.min_t_per_period:g} exceeds max_t_per_period {line.max_t_per_period:g}",
            )
        out.append(line)
    c.unique([d.id for d in out], "demand", "demand line (product/channel/destination)")
    return out


def _licences(c: Checker, raw: Mapping[str, Any], products: set[str]) -> list[Licence]:
    out = []
    for i, item in enumerate(c.items(raw, "licences", "licences")):
        path = f"licences[{i}]"
        d = c.mapping(item, path)
        product = c.text(d, "product", f"{path}.product")
        if product and product not in products:
            c.fail(f"{path}.product", f"unknown product {product!r}")
        out.append(
            Licence(
                id=c.text(d, "id", f"{path}.id"),
                product=product,
                destination=c.text(d, "destination", f"{path}.destination"),
                limit_t=c.number(d, "limit_t", f"{path}.limit_t"),
            )
        )
    c.unique([lic.id for lic in out], "licences", "licence id")
    return out


AGREEMENT_KINDS = ("supply", "offtake")


def _partners(c: Checker, raw: Mapping[str, Any]) -> list[Partner]:
    out = []
    for i, item in enumerate(c.items(raw, "partners", "partners")):
        path = f"partners[{i}]"
        d = c.mapping(item, path)
        share = c.number(d, "share", f"{path}.share", high=1.0)
        out.append(Partner(id=c.text(d, "id", f"{path}.id"), name=str(d.get("name") or ""), share=share))
    c.unique([p.id for p in out], "partners", "partner id")
    return out


def _agreements(
    c: Checker,
    raw: Mapping[str, Any],
    periods: tuple[str, ...],
    partners: list[Partner],
    feeds: list[Feed],
    plants: list[Plant],
) -> list[Agreement]:
    partner_ids = {p.id for p in partners}
    feed_ids = {f.id for f in feeds}
    plant_by_id = {p.id: p for p in plants}
    out = []
    for i, item in enumerate(c.items(raw, "agreements", "agreements")):
        path = f"agreements[{i}]"
        d = c.mapping(item, path)
        kind = c.choice(d, "kind", f"{path}.kind", AGREEMENT_KINDS, default="supply")
        partner = c.text(d, "partner", f"{path}.partner")
        if partner and partner not in partner_ids:
            c.fail(f"{path}.partner", f"unknown partner {partner!r} (list it under partners)")
        agreement_id = c.text(d, "id", f"{path}.id")
        if kind == "supply":
            feed = c.text(d, "feed", f"{path}.feed")
            if feed and feed not in feed_ids:
                c.fail(f"{path}.feed", f"unknown feed {feed!r}")
            zero = tuple(0.0 for _ in periods)
            low = (
                _per_period(c, d.get("min_t_per_period"), f"{path}.min_t_per_period", periods)
                if d.get("min_t_per_period") not in (None, "")
                else zero
            )
            high = _per_period(c, d.get("max_t_per_period"), f"{path}.max_t_per_period", periods)
            for period, lo, hi in zip(periods, low, high, strict=True):
                if lo > hi:
                    c.fail(f"{path}.min_t_per_period", f"{lo:g} exceeds max_t_per_period {hi:g} in {period}")
                    break
            out.append(
                Agreement(
                    id=agreement_id,
                    kind=kind,
                    partner=partner,
                    feed=feed,
                    min_t_per_period=low,
                    max_t_per_period=high,
                    price_per_t=c.number(d, "price_per_t", f"{path}.price_per_t"),
                )
            )
        elif kind == "offtake":
            plant = c.text(d, "plant", f"{path}.plant")
            if plant and plant not in plant_by_id:
                c.fail(f"{path}.plant", f"unknown plant {plant!r}")
            elif plant and plant_by_id[plant].partner is None:
                c.fail(f"{path}.plant", f"plant {plant!r} is the group's own (give it a partner)")
            out.append(
                Agreement(
                    id=agreement_id,
                    kind=kind,
                    partner=partner,
                    plant=plant,
                    volume_t_reo_per_period=c.number(
                        d, "volume_t_reo_per_period", f"{path}.volume_t_reo_per_period"
                    ),
                )
            )
    c.unique([a.id for a in out], "agreements", "agreement id")
    return out

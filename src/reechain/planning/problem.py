"""The planning problem as read from a file: plain, validated, immutable data.

Field names follow the planning file format (``docs/planning.md``); every quantity carries its unit in
its name.
Optional extensions default to values under which a file in the starter format keeps its meaning.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Quota:
    id: str
    kind: str  # "mining" | "separation"
    limit_t_reo: float
    cumulative_limits: dict[str, float] = field(default_factory=dict)
    used_t_reo: float = (
        0.0  # already drawn before the horizon (e.g. from the ledger); counts against every limit
    )


@dataclass(frozen=True)
class Feed:
    id: str
    reo_fraction: float
    composition: dict[str, float]
    supply_t_per_period: tuple[float, ...]  # one value per period
    cost_per_t: float
    quotas: tuple[str, ...] = ()
    # extension: feed stock carried between periods (off unless one of these is given)
    carries_stock: bool = False
    initial_stock_t: float = 0.0
    max_stock_t: float | None = None
    holding_cost_per_t_period: float = 0.0


@dataclass(frozen=True)
class Plant:
    id: str
    kind: str  # "separation"
    feeds: tuple[str, ...]
    capacity_t_reo_per_period: float
    recovery: float
    cost_per_t_reo: float
    quotas: tuple[str, ...]
    outputs: tuple[str, ...]
    recovery_by_element: dict[str, float] = field(default_factory=dict)  # extension: overrides `recovery`
    min_run_t_reo_per_period: float = 0.0  # extension: minimum run rate
    can_shut_down: bool = False  # extension: with a minimum run rate, 0 or at least the minimum (binary)
    partner: str | None = None  # extension: the plant belongs to a partner (joint venture or affiliate)

    def recovery_of(self, element: str) -> float:
        return self.recovery_by_element.get(element, self.recovery)


@dataclass(frozen=True)
class Product:
    id: str
    reo_fraction: float | None = None  # None: made only by a process (no element composition)
    composition: dict[str, float] = field(default_factory=dict)
    grade: str | None = None  # extension: a grade label (e.g. "99.99%"), see Demand.accepts
    # extension: the plant decides the element mix (a mixed oxide "carries the composition of its feed");
    # `composition` then names the elements it may take (its values are only a typical mix)
    variable_composition: bool = False

    @property
    def separable(self) -> bool:
        return self.reo_fraction is not None and bool(self.composition)


@dataclass(frozen=True)
class Process:
    id: str
    inputs: dict[str, float]
    outputs: dict[str, float]
    capacity_per_period: float
    cost_per_unit: float


@dataclass(frozen=True)
class Inventory:
    product: str
    initial_t: float = 0.0
    min_t: float = 0.0
    max_t: float | None = None
    holding_cost_per_t_period: float = 0.0
    shortfall_penalty_per_t: float | None = None


@dataclass(frozen=True)
class Demand:
    product: str
    channel: str
    max_t_per_period: float
    price_per_t: float
    min_t_per_period: float = 0.0
    shortfall_penalty_per_t: float | None = None
    destination: str | None = None  # extension: export destination (ISO country code)
    accepts: tuple[
        str, ...
    ] = ()  # extension: other products (higher grades) that may be shipped on this line

    @property
    def id(self) -> str:
        base = f"{self.product}/{self.channel}"
        return f"{base}/{self.destination}" if self.destination else base

    @property
    def products(self) -> tuple[str, ...]:
        return (self.product, *self.accepts)


@dataclass(frozen=True)
class Licence:
    """Extension: an export licence caps sales of a product to a destination over the horizon."""

    id: str
    product: str
    destination: str
    limit_t: float


@dataclass(frozen=True)
class Partner:
    """Extension: a joint venture or affiliate; ``share`` is the group's ownership share (0, 1]."""

    id: str
    name: str = ""
    share: float = 1.0


@dataclass(frozen=True)
class Agreement:
    """Extension: an agreement with a partner that the planner uses.

    ``supply``: the group may buy ``feed`` from the partner at ``price_per_t``, between ``min_t_per_period``
    (take-or-pay minimum, hard) and ``max_t_per_period`` in every period; it enters the feed's balance.
    ``offtake``: the group may use up to ``volume_t_reo_per_period`` of the partner ``plant``'s capacity
    (instead of its ownership share of it).
    """

    id: str
    kind: str  # "supply" | "offtake"
    partner: str
    feed: str | None = None
    plant: str | None = None
    min_t_per_period: tuple[float, ...] = ()
    max_t_per_period: tuple[float, ...] = ()
    price_per_t: float = 0.0
    volume_t_reo_per_period: float = 0.0


@dataclass(frozen=True)
class PlanningProblem:
    name: str
    currency: str
    periods: tuple[str, ...]
    elements: tuple[str, ...]
    quotas: tuple[Quota, ...]
    feeds: tuple[Feed, ...]
    plants: tuple[Plant, ...]
    products: tuple[Product, ...]
    processes: tuple[Process, ...] = ()
    inventory: tuple[Inventory, ...] = ()
    demand: tuple[Demand, ...] = ()
    licences: tuple[Licence, ...] = ()
    licence_required_destinations: tuple[str, ...] = ()  # extension: export lines there need a licence
    partners: tuple[Partner, ...] = ()  # extension: joint ventures and affiliates
    agreements: tuple[Agreement, ...] = ()  # extension: supply and offtake agreements with partners

    @property
    def supply_agreements(self) -> tuple[Agreement, ...]:
        return tuple(a for a in self.agreements if a.kind == "supply")

    def available_capacity_t_reo(self, plant: Plant) -> float:
        """What the group may use of a plant per period: all of its own, a partner plant's by the group's
        share, or by an offtake agreement's volume (capped by the plant's capacity) where one names it."""
        if plant.partner is None:
            return plant.capacity_t_reo_per_period
        offtake = [
            a.volume_t_reo_per_period for a in self.agreements if a.kind == "offtake" and a.plant == plant.id
        ]
        if offtake:
            return min(plant.capacity_t_reo_per_period, sum(offtake))
        share = next((p.share for p in self.partners if p.id == plant.partner), 1.0)
        return plant.capacity_t_reo_per_period * share

    def product(self, product_id: str) -> Product:
        return next(p for p in self.products if p.id == product_id)

    def inventory_of(self, product_id: str) -> Inventory:
        return next((i for i in self.inventory if i.product == product_id), Inventory(product=product_id))

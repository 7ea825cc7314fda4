"""Where material is: mines, plants, warehouses, in transit, customers, residue."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class LocationKind(StrEnum):
    MINE = "mine"
    PLANT = "plant"
    WAREHOUSE = "warehouse"
    IN_TRANSIT = "in_transit"
    CUSTOMER = "customer"
    RESIDUE = "residue"
    SUPPLIER = "supplier"


HELD_KINDS = frozenset(
    {LocationKind.MINE, LocationKind.PLANT, LocationKind.WAREHOUSE, LocationKind.IN_TRANSIT}
)
"""Material at these locations is the group's stock; at customers it is sold, at residue it is lost."""
HELD_KIND_VALUES = frozenset(k.value for k in HELD_KINDS)


class PlantKind(StrEnum):
    SEPARATION = "separation"
    METAL = "metal"
    ALLOY = "alloy"
    MAGNET = "magnet"


@dataclass(frozen=True)
class Location:
    code: str
    name: str
    kind: LocationKind
    holder: str | None = None
    """The group or company that holds the location (and the quotas its mining/separation draws on)."""
    country: str | None = None


@dataclass(frozen=True)
class Plant:
    """A plant's attributes the planner uses. ``location`` is a location of kind ``plant``."""

    location: str
    kind: PlantKind
    capacity_t_reo_per_year: float
    recovery: float
    """Share of each element's REO in the feed that reaches the products (the rest goes to residue)."""
    feeds: tuple[str, ...] = ()
    products: tuple[str, ...] = ()
    processes: tuple[str, ...] = ()
    residue_location: str | None = None
    holder: str | None = None
    name: str = ""
    extra: dict[str, float] = field(default_factory=dict)

    def capacity_t_reo_per_period(self, periods_per_year: int) -> float:
        return self.capacity_t_reo_per_year / periods_per_year

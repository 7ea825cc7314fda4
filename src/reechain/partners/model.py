"""The register of partners: joint ventures and affiliates, their plants, and agreements with them.

Plain, immutable data; the file readers are in ``reechain.partners.files``, storage in the services.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

PARTNER_KINDS = ("jv", "affiliate", "parent", "associate")
CONSOLIDATION = ("full", "proportional", "equity", "none")
STAGES = ("mining", "separation", "metal", "magnet")
AGREEMENT_KINDS = ("offtake", "supply", "tolling")
PRICE_BASES = ("fixed", "index")
CONFIDENCE = ("high", "medium", "low")


@dataclass(frozen=True)
class Partner:
    id: str
    name: str
    kind: str  # jv | affiliate | parent | associate
    share: float  # the group's ownership share in [0, 1] (0 for a parent the group does not own)
    consolidation: str  # full | proportional | equity | none
    since: date
    until: date | None = None
    country: str = ""
    illustrative: bool = True
    source: str = ""
    confidence: str = "low"
    note: str = ""

    def active_on(self, day: date) -> bool:
        return self.since <= day and (self.until is None or day <= self.until)


@dataclass(frozen=True)
class PartnerPlant:
    id: str
    partner: str
    stage: str  # mining | separation | metal | magnet
    capacity_t_per_year: float  # t REO for mining and separation, t of product for metal and magnet
    recovery: float = 0.95
    cost_cny_per_t: float = 0.0  # processing cost (or toll) per t REO fed / t made
    illustrative: bool = True
    source: str = ""
    confidence: str = "low"
    note: str = ""

    @property
    def unit(self) -> str:
        return "t REO" if self.stage in ("mining", "separation") else "t"


@dataclass(frozen=True)
class Agreement:
    """Offtake (the group takes a partner plant's capacity or output), supply (the partner delivers a feed
    to the group), tolling (the partner processes the group's material for a fee)."""

    id: str
    kind: str
    partner: str
    product: str  # product code of the ledger (feed delivered, output taken or material tolled)
    start_on: date
    end_on: date
    volume_t_per_year: float
    plant: str | None = None
    min_t_per_year: float = 0.0
    max_t_per_year: float | None = None  # None: the volume
    price_basis: str = "fixed"  # fixed | index
    price_cny_per_t: float | None = None
    index_factor: float | None = None
    premium_cny_per_t: float = 0.0
    illustrative: bool = True
    source: str = ""
    confidence: str = "low"
    note: str = ""

    @property
    def max_t(self) -> float:
        return self.volume_t_per_year if self.max_t_per_year is None else self.max_t_per_year

    @property
    def price_formula(self) -> str:
        if self.price_basis == "fixed":
            return f"fixed {self.price_cny_per_t:,.0f} CNY/t" if self.price_cny_per_t is not None else "fixed"
        factor = self.index_factor if self.index_factor is not None else 1.0
        premium = f" {self.premium_cny_per_t:+,.0f} CNY/t" if self.premium_cny_per_t else ""
        return f"{factor:g} × index of {self.product}{premium}"

    def overlaps(self, start: date, end: date) -> bool:
        return self.start_on <= end and start <= self.end_on

    def share_of_year(self, year: int) -> float:
        """Fraction of YEAR the agreement runs (its volume is spread evenly over its period)."""
        first, last = date(year, 1, 1), date(year, 12, 31)
        start, end = max(first, self.start_on), min(last, self.end_on)
        if end < start:
            return 0.0
        return ((end - start).days + 1) / ((last - first).days + 1)


@dataclass(frozen=True)
class Register:
    partners: tuple[Partner, ...] = ()
    plants: tuple[PartnerPlant, ...] = ()
    agreements: tuple[Agreement, ...] = ()

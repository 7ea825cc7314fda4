"""Typed rows the ledger services return (read models for the CLI, API and web pages)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class BalanceRow:
    """Stock at one key (an element, product, lot or location), exact to the gram.

    ``t_product`` is None when grouping by element (tonnes of different products do not add up);
    ``t_metal`` is only given when grouping by element (metal equivalent of that element's REO)."""

    by: str
    key: str
    t_reo: float
    t_reo_by_element: dict[str, float]
    t_product: float | None = None
    t_metal: float | None = None
    product: str | None = None
    location: str | None = None
    segment: str | None = None


@dataclass(frozen=True)
class LocationRow:
    code: str
    name: str
    kind: str
    holder: str | None
    country: str | None


@dataclass(frozen=True)
class ProductRow:
    code: str
    name: str
    form: str
    reo_fraction: float
    composition: dict[str, float]
    spec: str
    purity: float | None


@dataclass(frozen=True)
class LotRow:
    code: str
    product: str
    reo_fraction: float
    composition: dict[str, float]
    created_on: date
    on_hand_t: float
    """Held by the group now (mines, plants, warehouses, in transit)."""


@dataclass(frozen=True)
class MovementRow:
    id: int
    kind: str
    occurred_on: date
    lot: str
    product: str
    from_location: str | None
    to_location: str | None
    quantity_t: float
    t_reo: float
    source: str | None
    transformation_id: int | None
    override_id: int | None
    reason: str | None
    reference: str | None
    posted_by: str | None


@dataclass
class TraceNode:
    """One lot in a trace. ``receipts`` say where an ore/feed lot came from; ``sales`` where it went;
    ``via`` is the transformation that links it to the node above it in the tree."""

    lot: str
    product: str
    form: str
    created_on: date
    via: str | None = None
    receipts: list[dict[str, object]] = field(default_factory=list)
    sales: list[dict[str, object]] = field(default_factory=list)
    children: list[TraceNode] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        return {
            "lot": self.lot,
            "product": self.product,
            "form": self.form,
            "created_on": self.created_on.isoformat(),
            "via": self.via,
            "receipts": self.receipts,
            "sales": self.sales,
            "children": [c.to_dict() for c in self.children],
        }


@dataclass
class Trace:
    """A lot's ancestors (tree upward, leaves are receipts) and descendants (tree downward, with sales)."""

    lot: TraceNode
    ancestors: list[TraceNode]
    descendants: list[TraceNode]

    def to_dict(self) -> dict[str, object]:
        return {
            "lot": self.lot.to_dict(),
            "ancestors": [a.to_dict() for a in self.ancestors],
            "descendants": [d.to_dict() for d in self.descendants],
        }

    def origins(self) -> list[str]:
        """Codes of the ancestor lots that were received (ore/feed receipts), or the lot itself."""
        out: list[str] = []

        def walk(n: TraceNode) -> None:
            if n.receipts:
                out.append(n.lot)
            for c in n.children:
                walk(c)

        if self.lot.receipts:
            out.append(self.lot.lot)
        for a in self.ancestors:
            walk(a)
        return sorted(set(out))

    def customers(self) -> list[str]:
        out: set[str] = set()

        def walk(n: TraceNode) -> None:
            out.update(str(s["customer"]) for s in n.sales)
            for c in n.children:
                walk(c)

        out.update(str(s["customer"]) for s in self.lot.sales)
        for d in self.descendants:
            walk(d)
        return sorted(out)


@dataclass(frozen=True)
class QuotaStatusRow:
    id: int
    year: int
    batch: str
    kind: str
    holder: str
    limit_t_reo: float
    used_t_reo: float
    """Use allocated to batches in order of issue: earlier batches are used first."""
    remaining_t_reo: float
    source: str = ""

    @property
    def used_share(self) -> float:
        return self.used_t_reo / self.limit_t_reo if self.limit_t_reo else 0.0

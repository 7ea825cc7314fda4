"""Movements: what a user posts to the ledger, and the pure rules every posting obeys.

Kinds:
- ``receipt``: material enters the group at a location (own mine output, purchase, import, customer return).
- ``transfer``: a lot moves between two locations (in-transit is a location too).
- ``transformation``: input lots are consumed at a plant and output lots produced (separation, reduction to
  metal, alloying, magnet making). Element by element, outputs + residue = inputs, and outputs reach at least
  the stated recovery; the loss is posted to a residue location as a residue lot.
- ``sale``: a lot leaves for a customer location (so it can be traced to the customer).
- ``adjustment``: a stock count correction (positive or negative) with a mandatory reason.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from reechain.domain.errors import InvalidInput, Problem, RuleViolation
from reechain.domain.lots import Lot
from reechain.domain.products import composition_problems
from reechain.domain.quotas import QuotaOverride

BALANCE_TOLERANCE_T = 1e-6
"""Element mass balance tolerance per element (t REO): the ledger's resolution is 1 g."""


class MovementKind(StrEnum):
    RECEIPT = "receipt"
    TRANSFER = "transfer"
    TRANSFORMATION = "transformation"
    SALE = "sale"
    ADJUSTMENT = "adjustment"


class ReceiptSource(StrEnum):
    OWN_MINE = "own_mine"
    PURCHASE = "purchase"
    IMPORT = "import"
    RETURN = "return"


class Process(StrEnum):
    SEPARATION = "separation"
    REDUCTION = "reduction"
    ALLOYING = "alloying"
    MAGNET_MAKING = "magnet_making"
    OTHER = "other"


class EntryKind(StrEnum):
    """One stored line of a movement; a transformation stores several."""

    RECEIPT = "receipt"
    TRANSFER = "transfer"
    CONSUME = "consume"
    PRODUCE = "produce"
    RESIDUE = "residue"
    SALE = "sale"
    ADJUSTMENT = "adjustment"


@dataclass(frozen=True)
class LotLine:
    """One input (existing lot) or output (new lot) of a transformation."""

    lot: str
    quantity_t: float
    product: str | None = None
    reo_fraction: float | None = None
    composition: Mapping[str, float] | None = None


@dataclass(frozen=True)
class MovementInput:
    kind: MovementKind
    occurred_on: date
    lot: str | None = None
    quantity_t: float = 0.0
    """Positive, except for an adjustment, where the sign says up or down."""
    product: str | None = None
    """Receipt of a new lot: its product."""
    from_location: str | None = None
    to_location: str | None = None
    source: ReceiptSource | None = None
    reo_fraction: float | None = None
    """Receipt of a new lot: its REO per t (default: the product's)."""
    composition: Mapping[str, float] | None = None
    """Receipt of a new lot: its element fractions of REO (default: the product's)."""
    plant: str | None = None
    process: Process | None = None
    recovery: float | None = None
    inputs: tuple[LotLine, ...] = ()
    outputs: tuple[LotLine, ...] = ()
    reason: str | None = None
    reference: str | None = None
    override: QuotaOverride | None = None
    posted_by: str | None = None
    line: int | None = None
    """Line of the import file this came from, for error messages."""

    def problems(self) -> list[Problem]:
        return movement_problems(self)

    def validate(self) -> MovementInput:
        if p := self.problems():
            raise InvalidInput(f"{self.kind.value} is not valid", p)
        return self


def _need(m: MovementInput, name: str, out: list[Problem]) -> None:
    if not getattr(m, name):
        out.append(Problem(f"{name} is required for a {m.kind.value}", name, m.line))


def movement_problems(m: MovementInput) -> list[Problem]:
    out: list[Problem] = []
    k = m.kind
    if k is MovementKind.TRANSFORMATION:
        _need(m, "plant", out)
        if not m.inputs:
            out.append(Problem("a transformation needs at least one input lot", "inputs", m.line))
        if not m.outputs:
            out.append(Problem("a transformation needs at least one output lot", "outputs", m.line))
        if m.recovery is None or not 0 < m.recovery <= 1:
            out.append(Problem("recovery must be in (0, 1]", "recovery", m.line))
        for side, lines in (("inputs", m.inputs), ("outputs", m.outputs)):
            for ln in lines:
                if not ln.quantity_t > 0:
                    out.append(Problem(f"lot {ln.lot}: quantity must be positive", side, m.line))
                if ln.composition is not None:
                    out += composition_problems(ln.composition, side)
        codes = [ln.lot for ln in m.outputs]
        if len(set(codes)) != len(codes):
            out.append(Problem("output lots must be distinct", "outputs", m.line))
        if set(codes) & {ln.lot for ln in m.inputs}:
            out.append(Problem("a lot cannot be both input and output", "outputs", m.line))
        return out
    _need(m, "lot", out)
    if k is MovementKind.ADJUSTMENT:
        if m.quantity_t == 0:
            out.append(Problem("an adjustment needs a non-zero quantity", "quantity_t", m.line))
        if not (m.reason or "").strip():
            out.append(Problem("an adjustment needs a reason", "reason", m.line))
        if not (m.to_location or m.from_location):
            out.append(Problem("an adjustment needs a location (to_location)", "to_location", m.line))
        return out
    if not m.quantity_t > 0:
        out.append(Problem(f"quantity must be positive, got {m.quantity_t}", "quantity_t", m.line))
    if k is MovementKind.RECEIPT:
        _need(m, "to_location", out)
        if m.source is None:
            out.append(
                Problem("a receipt needs a source (own_mine, purchase, import, return)", "source", m.line)
            )
        if m.composition is not None:
            out += [Problem(p.reason, p.field, m.line) for p in composition_problems(m.composition)]
        if m.reo_fraction is not None and m.reo_fraction < 0:
            out.append(Problem("REO content cannot be negative", "reo_fraction", m.line))
    elif k in (MovementKind.TRANSFER, MovementKind.SALE):
        _need(m, "from_location", out)
        _need(m, "to_location", out)
        if m.from_location and m.from_location == m.to_location:
            out.append(Problem("from and to location are the same", "to_location", m.line))
    return out


@dataclass(frozen=True)
class ElementBalance:
    element: str
    input_t_reo: float
    output_t_reo: float

    @property
    def loss_t_reo(self) -> float:
        return self.input_t_reo - self.output_t_reo


@dataclass(frozen=True)
class TransformationBalance:
    elements: list[ElementBalance] = field(default_factory=list)

    @property
    def residue_t_reo(self) -> float:
        return sum(max(0.0, e.loss_t_reo) for e in self.elements)

    def residue_composition(self) -> dict[str, float]:
        total = self.residue_t_reo
        if total <= 0:
            return {}
        return {e.element: max(0.0, e.loss_t_reo) / total for e in self.elements if e.loss_t_reo > 0}


def balance_transformation(
    inputs: Sequence[tuple[Lot, float]], outputs: Sequence[tuple[Lot, float]], recovery: float
) -> TransformationBalance:
    """Check element by element that the outputs hold no more REO than the inputs and at least ``recovery``
    of it. Returns the per-element balance (the losses go to residue); raises RuleViolation naming each
    element that does not balance and its gap in t REO."""
    ins: dict[str, float] = {}
    outs: dict[str, float] = {}
    for lot, qty in inputs:
        for el, t in lot.reo_by_element_t(qty).items():
            ins[el] = ins.get(el, 0.0) + t
    for lot, qty in outputs:
        for el, t in lot.reo_by_element_t(qty).items():
            outs[el] = outs.get(el, 0.0) + t
    problems: list[Problem] = []
    rows = []
    for el in sorted(set(ins) | set(outs)):
        i, o = ins.get(el, 0.0), outs.get(el, 0.0)
        rows.append(ElementBalance(el, i, o))
        if o > i + BALANCE_TOLERANCE_T:
            problems.append(
                Problem(f"{el}: outputs {o:.6f} t REO exceed inputs {i:.6f} t REO by {o - i:.6f} t", el)
            )
        elif o < recovery * i - BALANCE_TOLERANCE_T:
            problems.append(
                Problem(
                    f"{el}: outputs {o:.6f} t REO are below {recovery:.2%} recovery of inputs {i:.6f} t REO; "
                    f"gap {recovery * i - o:.6f} t",
                    el,
                )
            )
    if problems:
        names = ", ".join(p.field or "" for p in problems)
        raise RuleViolation(f"transformation does not balance for {names}", problems)
    return TransformationBalance(rows)

"""Allocation of an order to lots that meet its specification, first-expired-first-out or first-in-first-out.

Pure: the candidate lots (with what is free of them) come in, the allocation lines go out. All or nothing:
an order that cannot be filled from eligible stock is refused with what is available.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from reechain.domain.errors import InvalidInput, Problem, RuleViolation

GRAM_T = 1e-6  # quantities are compared to the gram, the ledger's resolution


class AllocationRule(StrEnum):
    FIFO = "fifo"  # oldest lot first (lot creation date)
    FEFO = "fefo"  # earliest expiry first; lots without an expiry date after those with one, oldest first


@dataclass(frozen=True)
class LotStock:
    lot: str
    location: str
    product: str
    purity: float | None
    created_on: date
    expires_on: date | None
    free_t: float  # on hand less what open orders already hold


@dataclass(frozen=True)
class AllocationLine:
    lot: str
    location: str
    quantity_t: float


def parse_rule(text: str) -> AllocationRule:
    try:
        return AllocationRule(text)
    except ValueError:
        raise InvalidInput(
            f"unknown allocation rule {text!r}", [Problem("fifo or fefo", field="rule")]
        ) from None


def meets_spec(lot: LotStock, min_purity: float | None) -> bool:
    return min_purity is None or (lot.purity is not None and lot.purity >= min_purity - 1e-12)


def order_key(rule: AllocationRule, lot: LotStock) -> tuple[object, ...]:
    if rule is AllocationRule.FEFO:
        return (lot.expires_on is None, lot.expires_on or date.max, lot.created_on, lot.lot, lot.location)
    return (lot.created_on, lot.lot, lot.location)


def allocate(
    quantity_t: float,
    candidates: Sequence[LotStock],
    rule: AllocationRule,
    *,
    min_purity: float | None = None,
    today: date | None = None,
) -> list[AllocationLine]:
    """Take ``quantity_t`` from eligible lots in rule order (expired lots are never allocated)."""
    eligible = [
        lot
        for lot in candidates
        if lot.free_t > GRAM_T
        and meets_spec(lot, min_purity)
        and not (today is not None and lot.expires_on is not None and lot.expires_on < today)
    ]
    eligible.sort(key=lambda lot: order_key(rule, lot))
    available = sum(lot.free_t for lot in eligible)
    if available + GRAM_T < quantity_t:
        spec = f" with purity ≥ {min_purity:g}" if min_purity is not None else ""
        raise RuleViolation(
            f"not enough stock{spec}: {available:.6g} t free, {quantity_t:.6g} t ordered",
            [Problem(f"{lot.lot}@{lot.location}: {lot.free_t:.6g} t free", field="lot") for lot in eligible],
        )
    lines: list[AllocationLine] = []
    left = quantity_t
    for lot in eligible:
        if left <= GRAM_T:
            break
        take = min(lot.free_t, left)
        lines.append(AllocationLine(lot.lot, lot.location, round(take, 6)))
        left -= take
    return lines

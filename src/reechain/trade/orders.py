"""Orders: what a valid order is and how its status moves.

open → allocated → shipped, or cancelled from open/allocated. An export order (destination outside the
exporter's country) carries a compliance state: ``not_checked`` until the compliance gate has decided it,
then the gate's decision (``clear``, ``licence_required``, ``hold``, ``blocked``). Only ``clear`` ships; an
unchecked export order never ships.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from reechain.domain.errors import InvalidInput, Problem, RuleViolation
from reechain.trade.channels import Channel

HOME_COUNTRY = "CN"


class OrderStatus(StrEnum):
    OPEN = "open"
    ALLOCATED = "allocated"
    SHIPPED = "shipped"
    CANCELLED = "cancelled"


class ComplianceState(StrEnum):
    NOT_REQUIRED = "not_required"  # domestic order
    NOT_CHECKED = "not_checked"
    CLEAR = "clear"
    LICENCE_REQUIRED = "licence_required"
    HOLD = "hold"
    BLOCKED = "blocked"


@dataclass(frozen=True)
class OrderInput:
    code: str
    channel: Channel
    customer: str  # ledger location code of kind customer
    product: str
    quantity_t: float
    ordered_on: date
    destination_country: str | None = None
    min_purity: float | None = None
    price_cny_per_t: float | None = None
    contract: str | None = None
    export_doc: dict[str, Any] = field(default_factory=dict)  # parties, end use, HS code for the gate

    @property
    def export(self) -> bool:
        return self.destination_country is not None and self.destination_country.upper() != HOME_COUNTRY


def has_control_characters(text: str) -> bool:
    return any(ord(ch) < 32 or ord(ch) == 127 for ch in text)


def validate(order: OrderInput) -> None:
    problems: list[Problem] = []
    if not order.code.strip():
        problems.append(Problem("is required", field="code"))
    for name in ("code", "customer", "product", "contract", "destination_country"):
        value = getattr(order, name)
        if value is not None and has_control_characters(value):
            problems.append(Problem("must not contain control characters", field=name))
    if not (math.isfinite(order.quantity_t) and order.quantity_t > 0):
        problems.append(Problem(f"a finite number > 0, got {order.quantity_t}", field="quantity_t"))
    if order.min_purity is not None and not 0 < order.min_purity <= 1:  # NaN fails, inf > 1
        problems.append(Problem(f"must be in (0, 1], got {order.min_purity}", field="min_purity"))
    if order.price_cny_per_t is not None and not (
        math.isfinite(order.price_cny_per_t) and order.price_cny_per_t >= 0
    ):
        problems.append(Problem(f"a finite number ≥ 0, got {order.price_cny_per_t}", field="price_cny_per_t"))
    if order.channel is Channel.LONG_TERM and not order.contract:
        problems.append(Problem("a long-term order names its contract", field="contract"))
    if order.destination_country is not None and len(order.destination_country) != 2:
        problems.append(Problem("an ISO 3166 two-letter code", field="destination_country"))
    if order.export and not order.export_doc.get("parties"):
        problems.append(
            Problem("an export order lists its parties (buyer, consignee, end user)", field="parties")
        )
    if problems:
        raise InvalidInput(f"order {order.code!r} is not valid", problems)


def initial_compliance(order: OrderInput) -> ComplianceState:
    return ComplianceState.NOT_CHECKED if order.export else ComplianceState.NOT_REQUIRED


def require_status(code: str, status: str, *allowed: OrderStatus) -> None:
    if status not in allowed:
        raise RuleViolation(
            f"order {code} is {status}; this needs {' or '.join(a.value for a in allowed)}",
            [Problem(f"status {status}", field="status")],
        )


def require_shippable(code: str, export: bool, compliance_state: str) -> None:
    """The compliance gate: an export order ships only once the gate has cleared it."""
    if not export:
        return
    if compliance_state == ComplianceState.NOT_CHECKED:
        raise RuleViolation(
            f"export order {code} has not been checked by the compliance gate; it cannot ship",
            [Problem("not checked: run `reechain sales order check`", field="compliance_state")],
        )
    if compliance_state != ComplianceState.CLEAR:
        raise RuleViolation(
            f"export order {code} is {compliance_state} at the compliance gate; it cannot ship",
            [Problem(compliance_state, field="compliance_state")],
        )

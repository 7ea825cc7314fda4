"""Where the due-diligence register meets the compliance gate and the sales orders. Every call into
``services.compliance`` and ``services.sales`` made by the register is in this module, through their public
functions only: the thresholds of the compliance policy, the holds on record, the open orders and their
parties, and re-checking an open order (which opens a hold or blocks it through the gate itself)."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from reechain.bootstrap import Container
from reechain.domain.errors import ReechainError
from reechain.risk.scoring import History
from reechain.store.tables.compliance import CheckRow, ShipmentRow

OPEN_SALES_STATUSES = ("open", "allocated")


@dataclass(frozen=True)
class Thresholds:
    review: float
    """A hit at or above this is kept on the party (the gate holds the order for review)."""
    listed: float
    """A hit at or above this makes the party listed (the gate blocks)."""


@dataclass(frozen=True)
class OrderParty:
    order_id: str
    role: str
    name: str
    country: str | None


@dataclass(frozen=True)
class Recheck:
    order_id: str
    decision: str
    hold_id: int | None
    hold_opened: bool
    error: str | None = None


def thresholds(c: Container) -> Thresholds:
    from reechain.services import compliance

    policy = compliance.rule_book(c).policy
    return Thresholds(review=policy.review_threshold, listed=policy.block_threshold)


def history_by_name(c: Container) -> dict[str, History]:
    """Per party name (case-folded): holds on record naming it, and how many of them were rejected."""
    from reechain.services import compliance

    holds: Counter[str] = Counter()
    rejected: Counter[str] = Counter()
    for h in compliance.list_holds(c, status=None):
        for p in h["parties"]:
            key = str(p["name"]).casefold()
            holds[key] += 1
            if h["status"] == "rejected":
                rejected[key] += 1
    return {k: History(holds=holds[k] - rejected[k], rejections=rejected[k]) for k in holds}


def _open_sales_orders(c: Container) -> list[dict[str, Any]]:
    from reechain.services import sales

    return [
        o for st in OPEN_SALES_STATUSES for o in sales.list_orders(c, status=st, limit=10_000) if o["export"]
    ]


def open_order_parties(c: Container) -> list[OrderParty]:
    """The parties of every open order: export sales orders not yet shipped or cancelled, and orders the
    gate has checked (``comply check``) that have not shipped."""
    out: list[OrderParty] = []
    sales_codes: set[str] = set()
    for o in _open_sales_orders(c):
        sales_codes.add(o["code"])
        for p in o["export_doc"].get("parties", []):
            if isinstance(p, dict) and str(p.get("name") or "").strip():
                out.append(OrderParty(o["code"], str(p.get("role") or ""), str(p["name"]).strip(), _cc(p)))
    with c.uow() as uow:
        s = uow.session
        shipped = set(s.scalars(select(ShipmentRow.order_id)))
        latest: dict[str, str] = {}
        for order_id, order_json in s.execute(
            select(CheckRow.order_id, CheckRow.order_json).order_by(CheckRow.id)
        ):
            latest[order_id] = order_json
    for order_id, order_json in sorted(latest.items()):
        if order_id in shipped or order_id in sales_codes:
            continue
        order = json.loads(order_json)
        for p in order.get("parties", []) if isinstance(order, dict) else []:
            if isinstance(p, dict) and str(p.get("name") or "").strip():
                out.append(OrderParty(order_id, str(p.get("role") or ""), str(p["name"]).strip(), _cc(p)))
    return out


def _cc(p: dict[str, Any]) -> str | None:
    value = str(p.get("country") or "").strip().upper()
    return value[:2] if len(value) == 2 else None


def recheck_order(c: Container, order_id: str, *, actor: str) -> Recheck:
    """Put an open order through the gate again (the lists changed): a sales order through
    ``sales.check_order_compliance`` (which records the decision on the order), any other through
    ``compliance.check_order`` with the order as it was last checked."""
    from reechain.services import compliance, sales

    before = {h["hold_id"] for h in compliance.list_holds(c, status="pending") if h["order_id"] == order_id}
    try:
        if order_id in {o["code"] for o in _open_sales_orders(c)}:
            result = sales.check_order_compliance(c, order_id, actor=actor)
        else:
            result = compliance.check_order(c, compliance.latest_check(c, order_id)["order"], actor=actor)
    except ReechainError as e:
        return Recheck(order_id, "error", None, False, e.message)
    hold_id = result.get("hold_id")
    return Recheck(order_id, str(result["decision"]), hold_id, hold_id is not None and hold_id not in before)


ORDER_ROLES = ("buyer", "consignee", "end_user", "forwarder", "bank", "notify_party", "agent")
"""Roles an order gives its parties that the register keeps (the same words as its own roles)."""

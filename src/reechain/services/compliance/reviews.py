"""Reviews: the queue of holds, a two-person release and a rejection.

Each review locks the hold's row first (PostgreSQL ``SELECT ... FOR UPDATE``; SQLite has one writer at a
time): of two officers acting at once the second waits, then sees the first one's decision. A release or a
rejection also writes the sales order's compliance state in the same transaction, so the order never waits
on a hold that is already decided.
"""

from __future__ import annotations

import json
from collections.abc import Collection
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from reechain.bootstrap import Container
from reechain.compliance.decisions import worst
from reechain.domain.errors import NotFound, RuleViolation
from reechain.domain.roles import Role
from reechain.services import audit
from reechain.services.compliance._base import now, read_only, require
from reechain.services.compliance.audit_payloads import hold_json
from reechain.store.tables import trade as t
from reechain.store.tables.compliance import CheckRow, HoldApprovalRow, HoldRow
from reechain.store.uow import UnitOfWork
from reechain.trade.orders import OrderStatus

APPROVALS_TO_RELEASE = 2


def list_holds(c: Container, status: str | None = "pending") -> list[dict[str, Any]]:
    with c.uow() as uow:
        read_only(uow)
        q = select(HoldRow).order_by(HoldRow.id)
        if status:
            q = q.where(HoldRow.status == status)
        return [hold_json(uow.session, h) for h in uow.session.scalars(q)]


def get_hold(c: Container, hold_id: int) -> dict[str, Any]:
    with c.uow() as uow:
        read_only(uow)
        h = uow.session.get(HoldRow, hold_id)
        if h is None:
            raise NotFound(f"no hold {hold_id}")
        return hold_json(uow.session, h)


def _locked_pending(uow: UnitOfWork, hold_id: int) -> HoldRow:
    h = uow.session.scalars(
        select(HoldRow)
        .where(HoldRow.id == hold_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).first()
    if h is None:
        raise NotFound(f"no hold {hold_id}")
    if h.status != "pending":
        who = f" by {h.resolved_by}" if h.resolved_by else ""
        raise RuleViolation(f"hold {hold_id} is already {h.status}{who}")
    return h


def _set_order_state(s: Session, h: HoldRow) -> str | None:
    """The sales order whose latest check opened this hold takes the decision the review leaves: the lines'
    own decision once released (the held hits are cleared), blocked once rejected."""
    order = s.execute(
        select(t.orders.c.id, t.orders.c.compliance_check_id).where(
            t.orders.c.code == h.order_id,
            t.orders.c.status.in_([OrderStatus.OPEN.value, OrderStatus.ALLOCATED.value]),
        )
    ).first()
    if order is None or not (order.compliance_check_id or "").isdigit():
        return None
    check = s.get(CheckRow, int(order.compliance_check_id))
    if check is None:
        return None
    result = json.loads(check.result_json)
    if result.get("hold_id") != h.id:
        return None
    state = worst(*(ln["decision"] for ln in result["lines"])) if h.status == "released" else "blocked"
    s.execute(update(t.orders).where(t.orders.c.id == order.id).values(compliance_state=state))
    return state


def approve_hold(
    c: Container, hold_id: int, *, actor: str, roles: Collection[Role], note: str = ""
) -> dict[str, Any]:
    """One compliance officer's approval; the second, from a different officer, releases the hold."""
    require(roles, Role.COMPLIANCE_OFFICER, admin_passes=False)
    with c.uow() as uow:
        s = uow.session
        h = _locked_pending(uow, hold_id)
        before = list(
            s.scalars(
                select(HoldApprovalRow.username)
                .where(HoldApprovalRow.hold_id == hold_id)
                .order_by(HoldApprovalRow.approved_at, HoldApprovalRow.username)
            )
        )
        if actor in before:
            raise RuleViolation(
                f"{actor} has already approved hold {hold_id}; a second, different officer must approve it"
            )
        at = now()
        s.add(HoldApprovalRow(hold_id=hold_id, username=actor, approved_at=at, note=note))
        action = "hold.approved"
        payload: dict[str, Any] = {"hold_id": hold_id, "order_id": h.order_id, "approvers": [*before, actor]}
        if len(before) + 1 >= APPROVALS_TO_RELEASE:
            h.status, h.resolved_at, h.resolved_by, action = "released", at, actor, "hold.released"
            h.note = note
            payload["order_state"] = _set_order_state(s, h)
        s.flush()
        audit.append(uow, actor=actor, action=action, payload={**payload, "note": note})
        out = hold_json(s, h)
        uow.commit()
    return out


def reject_hold(
    c: Container, hold_id: int, *, actor: str, roles: Collection[Role], note: str = ""
) -> dict[str, Any]:
    """A compliance officer rejects a hold: the order is blocked from then on."""
    require(roles, Role.COMPLIANCE_OFFICER, admin_passes=False)
    with c.uow() as uow:
        s = uow.session
        h = _locked_pending(uow, hold_id)
        h.status, h.resolved_at, h.resolved_by, h.note = "rejected", now(), actor, note
        state = _set_order_state(s, h)
        s.flush()
        audit.append(
            uow,
            actor=actor,
            action="hold.rejected",
            payload={"hold_id": hold_id, "order_id": h.order_id, "note": note, "order_state": state},
        )
        out = hold_json(s, h)
        uow.commit()
    return out

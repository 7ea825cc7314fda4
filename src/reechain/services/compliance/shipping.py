"""Shipping a sales order: the one path every screen, command and route takes.

One transaction does all of it or nothing: the order row is locked (it ships once; a cancel waits and then
finds it shipped), an export order is decided again on its own lines and parties under the rules of the
shipping day and must come out clear, its licences are drawn down, the sale of every allocated lot is
posted through the ledger, the shipment row and the order's new status are written and the audit trail
gets the record. Should anything fail (stock moved meanwhile, a licence used up), nothing is kept and the
shipment can be tried again once the cause is fixed.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.engine import RowMapping
from sqlalchemy.exc import DBAPIError, IntegrityError

from reechain.bootstrap import Container
from reechain.compliance.order import content_sha256, parse_order
from reechain.domain.errors import Conflict, Problem, RuleViolation
from reechain.domain.movements import MovementInput, MovementKind
from reechain.ledger import posting
from reechain.services import audit, sales
from reechain.services.compliance._base import read_only
from reechain.services.compliance.checks import Prepared, prepare
from reechain.services.compliance.licences import draw
from reechain.services.compliance.party_screening import Screening
from reechain.services.compliance.sales_orders import allocations, gate_document, order_row
from reechain.store.tables import trade as t
from reechain.store.tables.compliance import ShipmentRow
from reechain.store.uow import UnitOfWork
from reechain.trade.orders import ComplianceState, OrderStatus, require_shippable, require_status

SALES_STREAM = "sales"
"""Audit stream of domestic shipments (export shipments go to the compliance stream)."""


def _require_shippable(code: str, row: RowMapping) -> None:
    require_status(code, row["status"], OrderStatus.ALLOCATED)
    if row["export"] and row["compliance_state"] == ComplianceState.NOT_CHECKED:
        require_shippable(code, True, row["compliance_state"])


def rules_day(on: date) -> date:
    """The rules that decide a shipment are those of the shipping day, or of today if that is later: a
    shipment recorded with a past date is still decided on the rules in force now."""
    return max(on, date.today())


def ship_order(
    c: Container, code: str, *, actor: str, on: date | None = None, screening: Screening | None = None
) -> dict[str, Any]:
    """Ship the allocated sales order ``code`` on ``on`` (default today), in one transaction (see the
    module). Returns ``{order_id, shipped_on, check_id, decision, drawn, lots, audit, order}``."""
    on = on or date.today()
    day = rules_day(on)
    prepared: Prepared | None = None
    with c.uow() as uow:
        read_only(uow)
        row = order_row(uow.session, code)
        _require_shippable(code, row)
        document = gate_document(uow.session, row, day) if row["export"] else None
    if document is not None:
        prepared = prepare(c, document, screening)  # screening reads the lists: before the transaction
    with c.uow() as uow:
        s = uow.session
        row = order_row(s, code, lock=True)
        _require_shippable(code, row)
        lots = allocations(s, row["id"])
        if not lots:
            raise RuleViolation(f"order {code} has nothing allocated to ship")
        check: dict[str, Any] | None = None
        drawn: list[dict[str, Any]] = []
        if row["export"]:
            assert prepared is not None
            check = _gate(uow, code, row, prepared, day, actor)
            for ln in check["lines"]:
                if ln["licence"]:
                    draw(uow, ln["licence"]["licence_no"], ln["quantity_kg"], code, ln["line"], on, actor)
                    drawn.append({"line": ln["line"], **ln["licence"]})
            s.add(ShipmentRow(order_id=code, check_id=check["check_id"], shipped_on=on, actor=actor))
        _post_sales(uow, code, row["customer"], lots, on, actor)
        values: dict[str, Any] = {"status": OrderStatus.SHIPPED.value, "shipped_on": on}
        if check is not None:
            values |= {
                "compliance_state": ComplianceState.CLEAR.value,
                "compliance_check_id": str(check["check_id"]),
            }
        s.execute(update(t.orders).where(t.orders.c.id == row["id"]).values(**values))
        s.flush()
        payload = {
            "order_id": code,
            "on": on.isoformat(),
            "check_id": check["check_id"] if check else None,
            "content_sha256": check["content_sha256"] if check else None,
            "drawn": drawn,
            "lots": [{"lot": lot, "location": loc, "quantity_t": q} for lot, loc, q in lots],
        }
        stream = audit.DEFAULT_STREAM if check is not None else SALES_STREAM
        rec = audit.append(uow, actor=actor, action="order.shipped", payload=payload, stream=stream)
        order = sales.order_json(s, order_row(s, code))
        uow.commit()
    return {
        "order_id": code,
        "shipped_on": on.isoformat(),
        "check_id": payload["check_id"],
        "decision": check["decision"] if check else None,
        "drawn": drawn,
        "lots": payload["lots"],
        "audit": {"stream": rec.stream, "seq": rec.seq, "hash": rec.hash},
        "order": order,
    }


def _gate(
    uow: UnitOfWork, code: str, row: RowMapping, prepared: Prepared, day: date, actor: str
) -> dict[str, Any]:
    """Decide the locked order again and refuse anything not clear."""
    s = uow.session
    if content_sha256(parse_order(gate_document(s, row, day))) != prepared.content_sha256:
        raise Conflict(f"order {code} changed while it was being shipped; nothing shipped, try again")
    if s.scalar(select(ShipmentRow.id).where(ShipmentRow.order_id == code)) is not None:
        raise Conflict(f"order {code} has already shipped")
    result = prepared.record(uow, actor)
    if result["decision"] != "clear":
        raise RuleViolation(
            f"export order {code} is {result['decision']} at the compliance gate; it cannot ship",
            [Problem(r, field="compliance_state") for r in result["reasons"]],
        )
    return result


def _post_sales(
    uow: UnitOfWork, code: str, customer: str, lots: list[tuple[str, str, float]], on: date, actor: str
) -> None:
    movements = [
        MovementInput(
            kind=MovementKind.SALE,
            occurred_on=on,
            lot=lot,
            quantity_t=quantity_t,
            from_location=location,
            to_location=customer,
            reference=code,
            posted_by=actor,
        )
        for lot, location, quantity_t in lots
    ]
    try:
        posting.post(uow.session, movements)
    except IntegrityError as e:
        raise Conflict(
            f"the sale of order {code} conflicts with a posting made meanwhile; nothing shipped"
        ) from e
    except DBAPIError as e:
        if getattr(e.orig, "sqlstate", None) in {"40001", "40P01", "55P03"}:
            raise Conflict(
                f"a concurrent posting got there first; order {code} not shipped, try again"
            ) from e
        raise

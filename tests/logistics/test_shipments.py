"""Shipment events, receipts and the alert queue through the services, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import func, select

from reechain.bootstrap import Container
from reechain.domain.errors import Conflict, Forbidden, InvalidInput, NotFound
from reechain.domain.roles import Role
from reechain.services import logistics
from reechain.services.auth import AuthenticatedUser
from reechain.store.tables.compliance import AuditRow, CheckRow, ShipmentRow
from reechain.store.tables.logistics import ShipmentEventRow

from .dcsa_events import event

RISK = AuthenticatedUser("rita", frozenset({Role.RISK_MANAGER}))
ANALYST = AuthenticatedUser("ana", frozenset({Role.ANALYST}))


def shipped(c: Container, ref: str, *, decision: str = "licence_required", kg: float = 1000.0) -> None:
    """A shipment as the compliance gate records it: the check it passed and the shipment row."""
    order = {
        "order_id": ref,
        "exporter": {"name": "Baotou Group", "country": "CN"},
        "destination_country": "JP",
        "parties": [{"role": "end_user", "name": "Nippon Magnet KK", "country": "JP"}],
        "lines": [{"product": "Dy2O3", "quantity_kg": kg}],
    }
    with c.uow() as uow:
        check = CheckRow(
            order_id=ref,
            decision=decision,
            order_json=json.dumps(order),
            result_json="{}",
            actor="t",
            checked_at=datetime(2026, 3, 1, tzinfo=UTC),
        )
        uow.session.add(check)
        uow.session.flush()
        uow.session.add(ShipmentRow(order_id=ref, check_id=check.id, shipped_on=date(2026, 3, 1), actor="t"))
        uow.commit()


def test_events_import_all_or_nothing_and_resend_changes_nothing(container: Container) -> None:
    shipped(container, "SO-1")
    good = [
        event("TRANSPORT", "DEPA", "2026-03-02T04:00:00Z", ref="SO-1", event_id="a"),
        event("TRANSPORT", "ARRI", "2026-03-04T04:00:00Z", ref="SO-1", event_id="b", locode="JPYOK"),
    ]
    stranger = event("TRANSPORT", "ARRI", "2026-03-04T04:00:00Z", ref="SO-404", event_id="c")
    with pytest.raises(InvalidInput) as e:
        logistics.import_shipment_events(container, [*good, stranger], user=RISK)
    assert [p.field for p in e.value.problems] == ["events[2].payload.references"]
    with container.uow() as uow:
        assert uow.session.scalar(select(func.count()).select_from(ShipmentEventRow)) == 0
    rep = logistics.import_shipment_events(container, {"events": good}, user=RISK)
    assert (rep.imported, rep.unchanged, rep.shipments) == (2, 0, {"SO-1": 2})
    again = logistics.import_shipment_events(container, good, user=RISK)
    assert (again.imported, again.unchanged) == (0, 2)
    changed = event("TRANSPORT", "ARRI", "2026-03-09T04:00:00Z", ref="SO-1", event_id="b", locode="JPYOK")
    with pytest.raises(InvalidInput, match="nothing imported"):
        logistics.import_shipment_events(container, [changed], user=RISK)


def test_receipt_closes_a_controlled_shipment_once_and_is_audited(container: Container) -> None:
    shipped(container, "SO-2")
    before = logistics.shipment_journey(container, "SO-2", user=RISK, now=datetime(2026, 3, 2, tzinfo=UTC))
    assert before.status == "in_transit" and before.facts.controlled and before.facts.loaded_kg == 1000.0
    j = logistics.confirm_receipt(
        container,
        "SO-2",
        received_at=datetime(2026, 3, 9, tzinfo=UTC),
        received_kg=980.0,
        received_by="Nippon Magnet K.K.",
        user=RISK,
    )
    assert j.status == "closed"
    assert [a.kind for a in j.alerts] == ["weight_gap"]  # -2 %, the released end user signed
    with pytest.raises(Conflict):
        logistics.confirm_receipt(
            container,
            "SO-2",
            received_at=datetime(2026, 3, 9, tzinfo=UTC),
            received_kg=1000.0,
            received_by="Nippon Magnet KK",
            user=RISK,
        )
    with container.uow() as uow:
        actions = list(
            uow.session.scalars(select(AuditRow.action).where(AuditRow.action == "logistics.receipt"))
        )
    assert actions == ["logistics.receipt"]


def test_bad_receipt_fields_and_unknown_shipment(container: Container) -> None:
    shipped(container, "SO-3")
    with pytest.raises(InvalidInput) as e:
        logistics.confirm_receipt(
            container,
            "SO-3",
            received_at=datetime(2026, 3, 9),
            received_kg=float("inf"),
            received_by=" ",
            user=RISK,
        )
    assert {p.field for p in e.value.problems} == {"received_kg", "received_by", "received_at"}
    with pytest.raises(NotFound):
        logistics.shipment_journey(container, "SO-404", user=RISK)


def test_roles(container: Container) -> None:
    shipped(container, "SO-4")
    with pytest.raises(Forbidden):
        logistics.import_shipment_events(
            container, [event("TRANSPORT", "DEPA", "2026-03-02T04:00:00Z", ref="SO-4")], user=ANALYST
        )
    with pytest.raises(Forbidden):
        logistics.shipment_queue(container, user=ANALYST)


def test_queue_puts_the_gravest_first(container: Container) -> None:
    shipped(container, "SO-5")
    shipped(container, "SO-6", decision="clear")
    logistics.import_shipment_events(
        container, [event("TRANSPORT", "ARRI", "2026-03-03T04:00:00Z", ref="SO-6", locode="KRPUS")], user=RISK
    )
    queue = logistics.shipment_queue(container, user=RISK, now=datetime(2026, 3, 4, tzinfo=UTC))
    assert [(q.reference, [a.kind for a in q.alerts]) for q in queue] == [
        ("SO-6", ["route_deviation"]),
        ("SO-5", []),
    ]

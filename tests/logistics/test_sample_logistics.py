"""The demo's logistics: the latest controlled shipment to Japan shows its vessel going dark for 14 h off its
lane and calling at Busan, from the carrier's events and the kept AIS track; loading twice changes nothing."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import func, select

from reechain.bootstrap import Container
from reechain.services import logistics, vessels
from reechain.services.sample_logistics import LOADER, load_sample_logistics
from reechain.store.tables.logistics import AisPositionRow, ShipmentEventRow

from .test_shipments import shipped


def _count(c: Container, table: type) -> int:
    with c.uow() as uow:
        return int(uow.session.scalar(select(func.count()).select_from(table)) or 0)


def test_the_demo_vessel_goes_dark_off_its_lane_and_calls_at_busan(container: Container) -> None:
    assert load_sample_logistics(container).shipment is None  # no shipment: nothing to load
    shipped(container, "SO-CLEAR", decision="clear")  # not controlled: not the demo's shipment
    shipped(container, "SO-CTRL")
    early = date(2026, 3, 10)  # both shipped on 2026-03-01: too early for the uncontrolled one's delivery
    loaded = load_sample_logistics(container, today=early)
    assert loaded.shipment == "SO-CTRL" and loaded.events == 6 and loaded.deliveries == 0
    positions = _count(container, AisPositionRow)
    assert positions == loaded.positions > 400
    assert load_sample_logistics(container, today=early).shipment == "SO-CTRL"
    assert (_count(container, AisPositionRow), _count(container, ShipmentEventRow)) == (positions, 6)

    view = vessels.shipment_vessel_view(container, "SO-CTRL", user=LOADER)
    assert view.voyage is not None and (view.voyage["departure_port"], view.voyage["destination_port"]) == (
        "Tianjin",
        "Kobe",
    )
    (gap,) = [a for a in view.alerts if a.kind == "ais_gap"]
    assert gap.details["hours"] == pytest.approx(14.0, abs=0.01)
    assert float(gap.details["offshore_nm"]) >= 50 and float(gap.details["moved_nm"]) > 50
    (call,) = [a for a in view.alerts if a.kind == "unplanned_port_call"]
    assert call.details["port"] == "Busan"
    journey = logistics.shipment_journey(
        container, "SO-CTRL", user=LOADER, now=datetime(2026, 3, 20, tzinfo=UTC)
    )
    assert any(a.kind == "unplanned_port_call" and a.severity == "critical" for a in journey.alerts)
    assert vessels.shipment_vessel_view(container, "SO-CLEAR", user=LOADER).vessel is None


def test_the_demo_delivers_uncontrolled_shipments_that_left_long_ago(container: Container) -> None:
    shipped(container, "SO-CLEAR", decision="clear")  # shipped 2026-03-01, not controlled
    shipped(container, "SO-CTRL")
    # 2026-03-01 + 18 days = 2026-03-19: not yet delivered on that day, delivered the day after
    assert load_sample_logistics(container, today=date(2026, 3, 19)).deliveries == 0
    assert load_sample_logistics(container, today=date(2026, 3, 20)).deliveries == 1
    queue = {q.reference: q for q in logistics.shipment_queue(container, user=LOADER)}
    assert queue["SO-CLEAR"].status == "closed"
    assert not [a for a in queue["SO-CLEAR"].alerts if a.kind == "no_news"]
    assert queue["SO-CTRL"].status == "in_transit"  # controlled: no delivery made up for it
    events = _count(container, ShipmentEventRow)
    assert load_sample_logistics(container, today=date(2026, 4, 1)).deliveries == 0  # loading twice
    assert _count(container, ShipmentEventRow) == events == 7

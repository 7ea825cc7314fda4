"""The demo's logistics: the latest controlled shipment to Japan shows its vessel going dark for 14 h off its
lane and calling at Busan, from the carrier's events and the kept AIS track; loading twice changes nothing."""

from __future__ import annotations

from datetime import UTC, datetime

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
    loaded = load_sample_logistics(container)
    assert loaded.shipment == "SO-CTRL" and loaded.events == 6
    positions = _count(container, AisPositionRow)
    assert positions == loaded.positions > 400
    assert load_sample_logistics(container).shipment == "SO-CTRL"
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

"""Milestones and shipment alerts, on hand-written event histories whose answers are known."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reechain.risk.logistics.dcsa import parse_events
from reechain.risk.logistics.milestones import LanePolicy, Receipt, ShipmentFacts, journey

from .dcsa_events import event

FACTS = ShipmentFacts("SO-1", date(2026, 3, 1), "CN", "JP", "Nippon Magnet KK", True, 1000.0)
POLICY = LanePolicy(
    delay_slack_h=12, weight_tolerance=0.005, transit_days=10, receipt_days=14, escalate_after_days=7
)
NOW = datetime(2026, 3, 12, tzinfo=UTC)


def run(
    events: list[dict[str, Any]],
    receipt: Receipt | None = None,
    facts: ShipmentFacts = FACTS,
    now: datetime = NOW,
) -> Any:
    return journey(parse_events(events) if events else [], facts, receipt, POLICY, now)


def kinds(j: Any) -> list[str]:
    return [a.kind for a in j.alerts]


PLAN = [
    event("TRANSPORT", "DEPA", "2026-03-02T04:00:00Z", classifier="PLN", locode="CNSHA"),
    event("TRANSPORT", "ARRI", "2026-03-05T04:00:00Z", classifier="PLN", locode="JPYOK"),
]


def test_on_time_journey_has_milestones_and_no_alerts() -> None:
    j = run(
        [
            *PLAN,
            event(
                "EQUIPMENT",
                "LOAD",
                "2026-03-02T01:00:00Z",
                equipment="MSKU1234565",
                seals=["A1"],
                locode="CNSHA",
            ),
            event("TRANSPORT", "DEPA", "2026-03-02T10:00:00Z", locode="CNSHA"),
            event("TRANSPORT", "ARRI", "2026-03-05T12:00:00Z", locode="JPYOK"),
            event(
                "EQUIPMENT",
                "DISC",
                "2026-03-05T15:00:00Z",
                equipment="MSKU1234565",
                seals=["A1"],
                locode="JPYOK",
            ),
        ]
    )
    by = {m.name: m for m in j.milestones}
    assert by["departure"].planned == datetime(2026, 3, 2, 4, tzinfo=UTC)
    assert by["departure"].actual == datetime(2026, 3, 2, 10, tzinfo=UTC)
    assert by["arrival"].location == "JPYOK"
    assert kinds(j) == []
    assert j.status == "delivered"  # controlled: not closed until the end user confirms


def test_departure_13_hours_late_on_a_12_hour_slack_is_a_delay() -> None:
    j = run(
        [*PLAN, event("TRANSPORT", "DEPA", "2026-03-02T17:00:00Z", locode="CNSHA")],
        now=datetime(2026, 3, 3, tzinfo=UTC),
    )
    assert kinds(j) == ["delay"]
    assert "13 h" in j.alerts[0].evidence and j.alerts[0].severity == "major"


def test_estimate_beyond_slack_warns_and_a_missed_plan_without_events_is_overdue() -> None:
    est = event(
        "TRANSPORT",
        "ARRI",
        "2026-03-06T10:00:00Z",
        classifier="EST",
        locode="JPYOK",
        created="2026-03-03T00:00:00Z",
    )
    j = run(
        [*PLAN, event("TRANSPORT", "DEPA", "2026-03-02T04:00:00Z", locode="CNSHA"), est],
        now=datetime(2026, 3, 4, tzinfo=UTC),
    )
    assert [(a.kind, a.severity) for a in j.alerts] == [("delay", "minor")]
    j2 = run(PLAN, now=datetime(2026, 3, 2, 17, 0, tzinfo=UTC))
    assert [(a.kind, a.severity) for a in j2.alerts] == [("delay", "major")]


def test_call_at_a_third_country_port_off_the_plan_is_critical() -> None:
    j = run(
        [
            *PLAN,
            event("TRANSPORT", "DEPA", "2026-03-02T04:00:00Z", locode="CNSHA"),
            event("TRANSPORT", "ARRI", "2026-03-03T20:00:00Z", locode="KRPUS"),
        ],
        now=datetime(2026, 3, 4, tzinfo=UTC),
    )
    assert [(a.kind, a.severity) for a in j.alerts] == [("unplanned_port_call", "critical")]
    assert "possible transshipment" in j.alerts[0].evidence


def test_without_a_plan_only_third_countries_count_as_deviation() -> None:
    j = run(
        [
            event("TRANSPORT", "ARRI", "2026-03-03T20:00:00Z", locode="CNNGB"),
            event("TRANSPORT", "ARRI", "2026-03-04T20:00:00Z", locode="TWKHH"),
        ],
        now=datetime(2026, 3, 6, tzinfo=UTC),  # a day later: not yet a week without news
    )
    assert [(a.kind, a.severity) for a in j.alerts] == [("route_deviation", "critical")]


def test_container_and_seal_changes_after_loading() -> None:
    j = run(
        [
            event("EQUIPMENT", "LOAD", "2026-03-02T01:00:00Z", equipment="MSKU1234565", seals=["A1"]),
            event("EQUIPMENT", "RSEA", "2026-03-03T01:00:00Z", equipment="MSKU1234565", seals=["C9"]),
            event("EQUIPMENT", "DISC", "2026-03-05T01:00:00Z", equipment="TGHU7654321", seals=["C9"]),
        ]
    )
    assert [(a.kind, a.severity) for a in j.alerts] == [
        ("seal_change", "major"),
        ("container_change", "critical"),
    ]


@pytest.mark.parametrize(
    ("received_kg", "alert"), [(996.0, []), (990.0, ["weight_gap"]), (1006.0, ["weight_gap"])]
)
def test_weight_gap_beyond_half_a_percent(received_kg: float, alert: list[str]) -> None:
    r = Receipt(datetime(2026, 3, 8, tzinfo=UTC), received_kg, "Nippon Magnet K.K.", "risk")
    j = run([], receipt=r)
    assert kinds(j) == alert
    assert j.status == "closed"


def test_goods_received_by_someone_else_than_the_released_end_user() -> None:
    r = Receipt(datetime(2026, 3, 8, tzinfo=UTC), 1000.0, "Hong Kong Trading Ltd", "risk")
    assert kinds(run([], receipt=r)) == ["consignee_change"]


def test_controlled_shipment_without_receipt_is_overdue_then_escalated() -> None:
    arrived = [  # discharged: delivered, so only the end user's receipt is outstanding
        event("TRANSPORT", "ARRI", "2026-03-05T12:00:00Z", locode="JPYOK"),
        event("EQUIPMENT", "DISC", "2026-03-05T15:00:00Z", locode="JPYOK"),
    ]
    due = datetime(2026, 3, 19, 12, tzinfo=UTC)
    assert kinds(run(arrived, now=due - timedelta(hours=1))) == []
    j = run(arrived, now=due + timedelta(days=2))
    assert [(a.kind, a.severity) for a in j.alerts] == [("receipt_overdue", "major")]
    j = run(arrived, now=due + timedelta(days=8))
    assert [(a.kind, a.severity) for a in j.alerts] == [("receipt_overdue", "critical")]
    uncontrolled = ShipmentFacts("SO-1", date(2026, 3, 1), "CN", "JP", "X", False, 1000.0)
    assert kinds(run(arrived, facts=uncontrolled, now=due + timedelta(days=30))) == []


@settings(max_examples=40, deadline=None)
@given(st.permutations(list(range(5))))
def test_journey_does_not_depend_on_the_order_events_arrive_in(order: list[int]) -> None:
    evs = [
        *PLAN,
        event("TRANSPORT", "DEPA", "2026-03-02T18:00:00Z", locode="CNSHA"),
        event("TRANSPORT", "ARRI", "2026-03-03T20:00:00Z", locode="KRPUS"),
    ]
    evs.append(event("EQUIPMENT", "LOAD", "2026-03-02T01:00:00Z", equipment="MSKU1234565"))
    base = run(evs)
    again = run([evs[i] for i in order])
    assert again.alerts == base.alerts
    assert [(m.name, m.planned, m.actual) for m in again.milestones] == [
        (m.name, m.planned, m.actual) for m in base.milestones
    ]

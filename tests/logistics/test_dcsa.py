"""DCSA Track & Trace 3.0.0 events: what parses, and every bad field named at once."""

from __future__ import annotations

import pytest

from reechain.domain.errors import InvalidInput
from reechain.risk.logistics.dcsa import parse_events

from .dcsa_events import event


def test_three_kinds_of_event_parse_with_their_codes_and_references() -> None:
    evs = parse_events(
        {
            "events": [
                event("SHIPMENT", "CONF", "2026-03-01T08:00:00Z", ref="SO-9"),
                event(
                    "TRANSPORT",
                    "DEPA",
                    "2026-03-02T04:00:00+08:00",
                    classifier="PLN",
                    ref="SO-9",
                    locode="CNSHA",
                ),
                event(
                    "EQUIPMENT",
                    "LOAD",
                    "2026-03-02T01:00:00Z",
                    ref="SO-9",
                    equipment="MSKU1234565",
                    seals=["S2", "S1"],
                ),
            ]
        }
    )
    assert [(e.event_type, e.type_code, e.classifier) for e in evs] == [
        ("SHIPMENT", "CONF", "ACT"),
        ("TRANSPORT", "DEPA", "PLN"),
        ("EQUIPMENT", "LOAD", "ACT"),
    ]
    assert all(e.references == ("SO-9",) for e in evs)
    assert evs[1].event_at.utcoffset() is not None and evs[1].event_at.hour == 4
    assert evs[1].location_code == "CNSHA" and evs[1].vessel_imo == "9321483"
    assert evs[2].equipment == "MSKU1234565" and evs[2].seals == ("S1", "S2")


def test_bad_events_are_refused_whole_naming_each_event_and_field() -> None:
    bad_classifier = event("EQUIPMENT", "LOAD", "2026-03-02T01:00:00Z")
    bad_classifier["payload"]["eventClassifierCode"] = "GUESS"
    no_tz = event("TRANSPORT", "ARRI", "2026-03-02T01:00:00")
    unknown_code = event("TRANSPORT", "FLY", "2026-03-02T01:00:00Z")
    no_created = event("SHIPMENT", "CONF", "2026-03-02T01:00:00Z")
    del no_created["metadata"]["eventCreatedDateTime"]
    flat = {"eventType": "TRANSPORT", "eventClassifierCode": "ACT"}
    good = event("TRANSPORT", "DEPA", "2026-03-02T01:00:00Z")
    with pytest.raises(InvalidInput) as e:
        parse_events([good, bad_classifier, no_tz, unknown_code, no_created, flat, "x"], "events.json")
    fields = {p.field for p in e.value.problems}
    assert "events[1].payload.eventClassifierCode" in fields
    assert "events[2].payload.eventDateTime" in fields
    assert "events[3].payload.transportEventTypeCode" in fields
    assert "events[4].metadata.eventCreatedDateTime" in fields
    assert "events[5]" in fields and "events[6]" in fields
    assert not any(f.startswith("events[0]") for f in fields)
    assert "nothing imported" in e.value.message


def test_shipment_events_are_actual_only_and_ids_unique() -> None:
    planned_shipment = event("SHIPMENT", "CONF", "2026-03-02T01:00:00Z", classifier="PLN")
    twice = [event("TRANSPORT", "DEPA", "2026-03-02T01:00:00Z", event_id="same")] * 2
    with pytest.raises(InvalidInput) as e:
        parse_events([planned_shipment, *twice])
    assert {p.field for p in e.value.problems} == {
        "events[0].payload.eventClassifierCode",
        "events[2].metadata.eventID",
    }


@pytest.mark.parametrize("doc", [{}, {"events": []}, {"events": "x"}, 3])
def test_not_an_event_list(doc: object) -> None:
    with pytest.raises(InvalidInput):
        parse_events(doc)

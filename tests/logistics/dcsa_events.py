"""Small builders of DCSA Track & Trace 3.0.0 events for the tests."""

from __future__ import annotations

import itertools
from typing import Any

_ids = itertools.count(1)


def event(
    event_type: str,
    code: str,
    at: str,
    *,
    classifier: str = "ACT",
    ref: str = "SO-1",
    locode: str | None = None,
    equipment: str | None = None,
    seals: list[str] | None = None,
    transshipment: bool = False,
    created: str = "2026-03-01T00:00:00Z",
    event_id: str | None = None,
) -> dict[str, Any]:
    payload: dict[str, Any] = {"eventClassifierCode": classifier, "eventDateTime": at}
    if event_type == "SHIPMENT":
        payload |= {"shipmentEventTypeCode": code, "documentTypeCode": "BKG", "documentReference": ref}
    elif event_type == "TRANSPORT":
        payload |= {
            "transportEventTypeCode": code,
            "transportCall": {
                "location": {"UNLocationCode": locode or "CNSHA"},
                "vessel": {"vesselIMONumber": "9321483"},
            },
            "references": [{"type": "FF", "value": ref}],
        }
    else:
        payload |= {
            "equipmentEventTypeCode": code,
            "references": [{"type": "FF", "value": ref}],
            "isTransshipmentMove": transshipment,
        }
        if equipment:
            payload["equipmentReference"] = equipment
        if seals:
            payload["seals"] = [{"number": s} for s in seals]
        if locode:
            payload["eventLocation"] = {"locationType": "UNLO", "UNLocationCode": locode}
    return {
        "metadata": {
            "eventID": event_id or f"ev-{next(_ids)}",
            "eventCreatedDateTime": created,
            "eventType": event_type,
            "publisher": {"partyName": "Carrier"},
            "publisherRole": "CA",
        },
        "payload": payload,
    }

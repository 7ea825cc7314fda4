"""The demo's logistics: the carrier's events and the AIS track of the vessel carrying the sample group's
latest controlled shipment to Japan (illustrative, generated here; ``sample_group/README.md``).

The vessel sails from Tianjin for Kobe, goes dark for 14 h in the Yellow Sea and reappears about 60 nm west
of its lane, then calls at Busan for 8 h, a port no planned event names. The risk manager sees on the
shipment's page the vessel, its track, the dark period and the unplanned call (AIS and carrier events alike),
and on the Vessel tracking page the shipment the voyage carries. Loaded through the services a user would
call (``import_shipment_events``, ``vessels.keep_tracks``); loading twice changes nothing.

The carrier also reports the delivery (a DCSA ``DROP`` event, ``DELIVERED_AFTER_DAYS`` after shipping) of
every other shipment that is not controlled and left more than ``DELIVERED_AFTER_DAYS`` days ago, so that such
shipments close and the "no news" alert stays for the ones that really are silent. Controlled shipments get no
delivery event: whether they reached their end user is for the risk manager to establish.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import numpy as np
from sqlalchemy import select

from reechain.bootstrap import Container
from reechain.domain.roles import Role
from reechain.risk.logistics.ais import Positions, Voyages
from reechain.risk.logistics.ais_files import read_ports
from reechain.services import logistics, vessels
from reechain.services.auth import AuthenticatedUser
from reechain.store.tables.compliance import ShipmentRow

LOADER = AuthenticatedUser("sample-loader", frozenset({Role.RISK_MANAGER}))
IMO = "9776418"  # illustrative (valid check digit)
MMSI = 477123400  # illustrative (Hong Kong prefix)
VOYAGE = "SAMPLE-TXG-UKB-1"
REPORT_S = 600
SPEED_KN = 13.0
DARK_H = 14.0
BUSAN_STAY_H = 8.0
DELIVERED_AFTER_DAYS = 18  # illustrative door-to-door time of the demo's uncontrolled shipments
# (lat, lon): Tianjin, Bohai Strait, Yellow Sea, [dark: reappears west of the lane], south of Jeju, Busan,
# Kanmon, Seto Inland Sea, Kobe
BEFORE_DARK = [(38.976, 117.74), (38.85, 118.6), (38.55, 120.2), (38.25, 121.2), (37.5, 122.6), (36.6, 123.2)]
AFTER_DARK = [(35.3, 122.6), (33.6, 125.8), (33.3, 127.4), (34.6, 128.7), (35.075, 129.035)]
AFTER_BUSAN = [
    (35.075, 129.035),
    (34.4, 129.7),
    (33.97, 130.9),
    (33.95, 131.4),
    (34.05, 132.6),
    (34.25, 133.6),
    (34.45, 134.5),
    (34.668, 135.198),
]


@dataclass
class SampleLogistics:
    shipment: str | None
    events: int
    positions: int
    deliveries: int = 0


def _nm(a: tuple[float, float], b: tuple[float, float]) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 3440.065 * math.asin(math.sqrt(h))


def _sail(
    legs: list[tuple[float, float]], start: datetime, out: list[tuple[datetime, float, float, float]]
) -> datetime:
    """Reports every 10 minutes along the legs at SPEED_KN; returns the time at the last point."""
    t = start
    for a, b in itertools.pairwise(legs):
        hours = _nm(a, b) / SPEED_KN
        steps = max(1, int(hours * 3600 // REPORT_S))
        for k in range(steps):
            f = k / steps
            out.append(
                (t + timedelta(hours=hours * f), a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f, SPEED_KN)
            )
        t += timedelta(hours=hours)
    out.append((t, legs[-1][0], legs[-1][1], 0.5))
    return t


def _stay(
    where: tuple[float, float], start: datetime, hours: float, out: list[tuple[datetime, float, float, float]]
) -> datetime:
    for k in range(int(hours * 3600 // REPORT_S) + 1):
        out.append((start + timedelta(seconds=k * REPORT_S), where[0], where[1], 0.2))
    return start + timedelta(hours=hours)


def _event(
    ref: str, n: int, code: str, classifier: str, at: datetime, locode: str, where: tuple[float, float]
) -> dict[str, Any]:
    stamp = at.strftime("%Y-%m-%dT%H:%M:%SZ")
    return {
        "metadata": {
            "eventID": f"sample-{ref}-{n}",
            "eventCreatedDateTime": stamp
            if classifier == "ACT"
            else (at - timedelta(days=3)).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "eventType": "TRANSPORT",
            "publisher": {"partyName": "Sample Ocean Carrier"},
            "publisherRole": "CA",
        },
        "payload": {
            "eventClassifierCode": classifier,
            "eventDateTime": stamp,
            "transportEventTypeCode": code,
            "transportCall": {
                "location": {"UNLocationCode": locode, "latitude": where[0], "longitude": where[1]},
                "vessel": {"vesselIMONumber": IMO, "MMSINumber": str(MMSI)},
            },
            "references": [{"type": "FF", "value": ref}],
        },
    }


def _delivery(ref: str, at: datetime) -> dict[str, Any]:
    stamp = at.strftime("%Y-%m-%dT%H:%M:%SZ")
    return {
        "metadata": {
            "eventID": f"sample-{ref}-delivered",
            "eventCreatedDateTime": stamp,
            "eventType": "EQUIPMENT",
            "publisher": {"partyName": "Sample Ocean Carrier"},
            "publisherRole": "CA",
        },
        "payload": {
            "eventClassifierCode": "ACT",
            "eventDateTime": stamp,
            "equipmentEventTypeCode": "DROP",
            "references": [{"type": "FF", "value": ref}],
        },
    }


def _deliver_past_uncontrolled(c: Container, queue: list[logistics.ShipmentSummary], today: date) -> int:
    """The carrier's delivery events of the uncontrolled shipments still in transit that left long ago."""
    due = [
        _delivery(
            q.reference, datetime.combine(q.shipped_on + timedelta(days=DELIVERED_AFTER_DAYS), time(10), UTC)
        )
        for q in queue
        if not q.controlled
        and q.status == "in_transit"
        and q.shipped_on + timedelta(days=DELIVERED_AFTER_DAYS) < today
    ]
    if due:
        logistics.import_shipment_events(c, due, user=LOADER, source="sample events")
    return len(due)


def load_sample_logistics(c: Container, today: date | None = None) -> SampleLogistics:
    """Events and the AIS track of the latest controlled shipment to Japan (none: nothing is loaded),
    and the deliveries of the uncontrolled shipments that left more than ``DELIVERED_AFTER_DAYS`` days before
    ``today``."""
    queue = logistics.shipment_queue(c, user=LOADER)
    deliveries = _deliver_past_uncontrolled(c, queue, today or datetime.now(UTC).date())
    target = max(
        (q for q in queue if q.controlled and q.destination_country == "JP"),
        key=lambda q: (q.shipped_on, q.reference),
        default=None,
    )
    if target is None:
        return SampleLogistics(None, 0, 0, deliveries)
    with c.uow() as uow:
        shipped_on = uow.session.scalar(
            select(ShipmentRow.shipped_on).where(ShipmentRow.order_id == target.reference)
        )
    assert shipped_on is not None
    planned_departure = datetime.combine(shipped_on + timedelta(days=1), time(8), UTC)
    departed = planned_departure + timedelta(hours=2)
    track: list[tuple[datetime, float, float, float]] = []
    gone_dark = _sail(BEFORE_DARK, departed, track)
    at_busan = _sail(AFTER_DARK, gone_dark + timedelta(hours=DARK_H), track)
    left_busan = _stay(AFTER_DARK[-1], at_busan, BUSAN_STAY_H, track)
    at_kobe = _sail(AFTER_BUSAN, left_busan, track)
    _stay(AFTER_BUSAN[-1], at_kobe, 6.0, track)
    planned_arrival = planned_departure + timedelta(days=4)
    ref = target.reference
    tianjin, busan, kobe = BEFORE_DARK[0], AFTER_DARK[-1], AFTER_BUSAN[-1]
    events = [
        _event(ref, 1, "DEPA", "PLN", planned_departure, "CNTXG", tianjin),
        _event(ref, 2, "ARRI", "PLN", planned_arrival, "JPUKB", kobe),
        _event(ref, 3, "DEPA", "ACT", departed, "CNTXG", tianjin),
        _event(ref, 4, "ARRI", "ACT", at_busan, "KRPUS", busan),
        _event(ref, 5, "DEPA", "ACT", left_busan, "KRPUS", busan),
        _event(ref, 6, "ARRI", "ACT", at_kobe, "JPUKB", kobe),
    ]
    logistics.import_shipment_events(c, events, user=LOADER, source="sample events")
    ports = read_ports(None).index_of()
    by_second = {int(p[0].timestamp()): p for p in track}  # a leg's end and the next leg's start: one report
    track = [by_second[k] for k in sorted(by_second)]
    t_s = np.array([int(t.timestamp()) for t, *_ in track], dtype=np.int64)
    positions = Positions(
        np.full(len(track), MMSI, dtype=np.int64),
        t_s,
        np.array([round(p[1], 5) for p in track]),
        np.array([round(p[2], 5) for p in track]),
        np.array([p[3] for p in track]),
    )
    voyages = Voyages(
        [VOYAGE],
        np.array([MMSI], dtype=np.int64),
        np.array([ports["Tianjin"]], dtype=np.intp),
        np.array([ports["Kobe"]], dtype=np.intp),
        np.array([int(planned_departure.timestamp())], dtype=np.int64),
        np.array([int(planned_arrival.timestamp())], dtype=np.int64),
        [IMO],
    )
    vessels.keep_tracks(c, positions, voyages, user=LOADER)
    return SampleLogistics(ref, len(events), len(track), deliveries)

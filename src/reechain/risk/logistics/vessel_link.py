"""Which vessel and voyage carry a shipment, derived on every read (pure: no database).

A shipment names its vessel in its carriers' TRANSPORT events (``transportCall.vessel.vesselIMONumber``,
and ``MMSINumber`` where the carrier sends it). AIS voyages name the vessel by MMSI and, when the voyages
file has the optional ``imo`` column, by IMO number. The shipment is on the voyage of that vessel that, when
the shipment left, had most recently departed and had not yet arrived (planned departure and arrival, a
day's slack either side). When it left: its actual departure, else its latest estimated or planned one,
else the day the compliance gate shipped it. Nothing of the link is stored; a late event or a new voyages
file changes it at once.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from reechain.risk.logistics.dcsa import ShipmentEvent

DEPARTURE_SLACK = timedelta(hours=24)
"""A shipment may leave up to a day before the voyage's planned departure, or after its planned arrival, and
still be on it."""


@dataclass(frozen=True)
class ShipmentVessel:
    reference: str
    imo: str | None
    mmsi: int | None
    departed_at: datetime
    departure_basis: str  # actual | estimated | planned | shipped_on


@dataclass(frozen=True)
class VoyageKey:
    voyage_id: str
    mmsi: int
    imo: str | None
    planned_departure: datetime
    planned_arrival: datetime | None = None


def _mmsi(event: ShipmentEvent) -> int | None:
    vessel = ((event.raw.get("payload") or {}).get("transportCall") or {}).get("vessel") or {}
    value = vessel.get("MMSINumber") if isinstance(vessel, dict) else None
    try:
        return int(str(value)) if value is not None and str(value).isdigit() else None
    except ValueError:
        return None


def shipment_vessel(
    reference: str, events: Sequence[ShipmentEvent], shipped_on: date
) -> ShipmentVessel | None:
    """The vessel a shipment's TRANSPORT events name (the one of its first departure when they name several),
    and when the shipment left; None when no event names a vessel."""
    transport = sorted(
        (e for e in events if e.event_type == "TRANSPORT" and (e.vessel_imo or _mmsi(e))),
        key=lambda e: (e.event_at, e.event_id),
    )
    if not transport:
        return None
    departures = [e for e in transport if e.type_code == "DEPA"]
    basis, departed = "shipped_on", datetime.combine(shipped_on, time(), UTC)
    for classifier, name in (("ACT", "actual"), ("EST", "estimated"), ("PLN", "planned")):
        found = [e for e in departures if e.classifier == classifier]
        if found:
            chosen = min(found, key=lambda e: e.event_at) if classifier == "ACT" else found[-1]
            basis, departed = name, chosen.event_at
            break
    named = (departures or transport)[0]
    return ShipmentVessel(reference, named.vessel_imo, _mmsi(named), departed, basis)


def _same_vessel(v: VoyageKey, s: ShipmentVessel) -> bool:
    return (s.imo is not None and v.imo == s.imo) or (s.mmsi is not None and v.mmsi == s.mmsi)


def voyage_of(s: ShipmentVessel, voyages: Iterable[VoyageKey]) -> VoyageKey | None:
    """The voyage of the shipment's vessel that it left on (see the module's docstring), or None."""
    started = [
        v
        for v in voyages
        if _same_vessel(v, s)
        and v.planned_departure - DEPARTURE_SLACK <= s.departed_at
        and (v.planned_arrival is None or s.departed_at <= v.planned_arrival + DEPARTURE_SLACK)
    ]
    return max(started, key=lambda v: (v.planned_departure, v.voyage_id), default=None)

"""Vessels and the shipments they carry: AIS voyages and positions stored for linking, a shipment's vessel,
voyage, track and AIS alerts, and the shipments a voyage carries.

One truth: the link (``reechain.risk.logistics.vessel_link``) and the AIS alerts
(``reechain.risk.logistics.ais``) are derived on every read from the stored shipment events and AIS reports;
neither is stored.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from reechain.bootstrap import Container
from reechain.domain.errors import NotFound
from reechain.risk.logistics.ais import AisAlert, Positions, Voyages, detect, sort_positions
from reechain.risk.logistics.ais_files import read_ports, read_positions, read_voyages
from reechain.risk.logistics.dcsa import parse_events
from reechain.risk.logistics.vessel_link import ShipmentVessel, VoyageKey, shipment_vessel, voyage_of
from reechain.services.auth import AuthenticatedUser
from reechain.services.logistics import (
    EVENT_WRITERS,
    READERS,
    TrackReport,
    _require,
    shipment_queue,
    summary_json,
    track_vessels,
)
from reechain.store.tables.compliance import ShipmentRow
from reechain.store.tables.logistics import AisPositionRow, AisVoyageRow, ShipmentEventRow

CHUNK = 5000


def _utc(s: int) -> datetime:
    return datetime.fromtimestamp(int(s), UTC)


def _aware(d: datetime) -> datetime:
    return d if d.tzinfo else d.replace(tzinfo=UTC)


def store_tracks(
    c: Container, positions_csv: Path, voyages_csv: Path, *, user: AuthenticatedUser
) -> TrackReport:
    """Track the files (as ``track_vessels``, with the packaged ports table) and keep their voyages and
    positions so that shipments can be linked to their vessel. All or nothing; a voyage id stored before is
    replaced, and the reports of each vessel within the file's time span replace the stored ones (storing the
    same files twice changes nothing)."""
    _require(user, EVENT_WRITERS, "storing vessel tracks")
    report = track_vessels(positions_csv, voyages_csv, None)
    ports = read_ports(None)
    keep_tracks(c, sort_positions(read_positions(positions_csv)), read_voyages(voyages_csv, ports), user=user)
    return report


def keep_tracks(c: Container, positions: Positions, voyages: Voyages, *, user: AuthenticatedUser) -> None:
    """Keep voyages (ports as indexes of the packaged ports table) and positions, as ``store_tracks``."""
    _require(user, EVENT_WRITERS, "storing vessel tracks")
    ports = read_ports(None)
    positions = sort_positions(positions)
    with c.uow() as uow:
        s = uow.session
        s.execute(delete(AisVoyageRow).where(AisVoyageRow.voyage_id.in_(voyages.ids)))
        s.add_all(
            AisVoyageRow(
                voyage_id=vid,
                mmsi=int(voyages.mmsi[i]),
                imo=voyages.imo[i] if voyages.imo else None,
                departure_port=ports.names[int(voyages.departure_port[i])],
                destination_port=ports.names[int(voyages.destination_port[i])],
                planned_departure=_utc(int(voyages.planned_departure_s[i])),
                planned_arrival=_utc(int(voyages.planned_arrival_s[i])),
                stored_by=user.username,
            )
            for i, vid in enumerate(voyages.ids)
        )
        p = AisPositionRow
        for mmsi in np.unique(positions.mmsi):
            t = positions.t_s[positions.mmsi == mmsi]
            s.execute(delete(p).where(p.mmsi == int(mmsi), p.t_s >= int(t.min()), p.t_s <= int(t.max())))
        unique: dict[tuple[int, int], dict[str, Any]] = {}
        for m, t_s, la, lo, v in zip(
            positions.mmsi, positions.t_s, positions.lat, positions.lon, positions.sog_kn, strict=True
        ):
            key = (int(m), int(t_s))  # one report per vessel and second: the last given
            unique[key] = {
                "mmsi": key[0],
                "t_s": key[1],
                "lat": float(la),
                "lon": float(lo),
                "sog_kn": float(v),
            }
        rows = list(unique.values())
        for i in range(0, len(rows), CHUNK):
            s.execute(insert(p), rows[i : i + CHUNK])
        uow.commit()


@dataclass
class VesselView:
    """A shipment's vessel and, when a stored voyage matches, its voyage, track and AIS alerts."""

    vessel: ShipmentVessel | None
    voyage: dict[str, Any] | None = None
    track: list[tuple[datetime, float, float]] = field(default_factory=list)
    alerts: list[AisAlert] = field(default_factory=list)
    note: str = ""


def _voyage_keys(s: Session) -> list[VoyageKey]:
    return [
        VoyageKey(r.voyage_id, int(r.mmsi), r.imo, _aware(r.planned_departure), _aware(r.planned_arrival))
        for r in s.scalars(select(AisVoyageRow))
    ]


def _events_by_shipment(s: Session, references: list[str] | None = None) -> dict[str, list[Any]]:
    q = select(ShipmentEventRow.shipment_ref, ShipmentEventRow.raw_json).where(
        ShipmentEventRow.raw_json.contains('"TRANSPORT"')
    )
    if references is not None:
        q = q.where(ShipmentEventRow.shipment_ref.in_(references))
    raw: dict[str, list[Any]] = defaultdict(list)
    for ref, body in s.execute(q):
        raw[ref].append(json.loads(body))
    return {ref: parse_events(items, f"stored events of {ref}") for ref, items in raw.items()}


def _stored_voyages(s: Session) -> Voyages:
    ports = read_ports(None)
    index = ports.index_of()
    rows = sorted(s.scalars(select(AisVoyageRow)), key=lambda r: (r.mmsi, _aware(r.planned_departure)))
    return Voyages(
        [r.voyage_id for r in rows],
        np.array([r.mmsi for r in rows], dtype=np.int64),
        np.array([index[r.departure_port] for r in rows], dtype=np.intp),
        np.array([index[r.destination_port] for r in rows], dtype=np.intp),
        np.array([int(_aware(r.planned_departure).timestamp()) for r in rows], dtype=np.int64),
        np.array([int(_aware(r.planned_arrival).timestamp()) for r in rows], dtype=np.int64),
        [r.imo for r in rows],
    )


def shipment_vessel_view(c: Container, reference: str, *, user: AuthenticatedUser) -> VesselView:
    """The vessel a shipment's events name, the stored voyage it left on, that voyage's AIS track and its AIS
    alerts (gaps, loitering, encounters, unplanned port calls, late arrival), derived now."""
    _require(user, READERS, "reading shipments")
    with c.uow() as uow:
        s = uow.session
        ship = s.scalars(select(ShipmentRow).where(ShipmentRow.order_id == reference)).one_or_none()
        if ship is None:
            raise NotFound(f"no shipment {reference!r}")
        events = _events_by_shipment(s, [reference]).get(reference, [])
        return _view(s, shipment_vessel(reference, events, ship.shipped_on), _voyage_keys(s), {})


def vessel_alerts(c: Container, *, user: AuthenticatedUser) -> dict[str, list[AisAlert]]:
    """Shipment reference → the AIS alerts of the kept voyage it is on (only shipments with any), for the
    shipment queue; one read transaction, each voyage's alerts computed once."""
    _require(user, READERS, "reading shipments")
    out: dict[str, list[AisAlert]] = {}
    with c.uow() as uow:
        s = uow.session
        keys = _voyage_keys(s)
        if not keys:
            return out
        shipped = {
            r.order_id: r.shipped_on for r in s.execute(select(ShipmentRow.order_id, ShipmentRow.shipped_on))
        }
        cache: dict[str, list[AisAlert]] = {}
        for ref, events in sorted(_events_by_shipment(s).items()):
            if ref in shipped:
                view = _view(s, shipment_vessel(ref, events, shipped[ref]), keys, cache)
                if view.alerts:
                    out[ref] = view.alerts
    return out


def shipment_queue_json(c: Container, *, user: AuthenticatedUser) -> list[dict[str, Any]]:
    """The risk manager's shipment queue as JSON: each shipment's summary with its vessel's AIS alerts
    (``vessel_alerts``, empty when none); the API and the command line show this one list."""
    queue = shipment_queue(c, user=user)
    alerts = vessel_alerts(c, user=user)
    return [
        {**summary_json(q), "vessel_alerts": [a.as_json() for a in alerts.get(q.reference, [])]}
        for q in queue
    ]


def _view(
    s: Session, vessel: ShipmentVessel | None, keys: list[VoyageKey], cache: dict[str, list[AisAlert]]
) -> VesselView:
    if vessel is None:
        return VesselView(None, note="no carrier event names the vessel (transportCall.vessel)")
    key = voyage_of(vessel, keys)
    if key is None:
        return VesselView(vessel, note="no stored AIS voyage of this vessel covers the departure")
    row = s.get(AisVoyageRow, key.voyage_id)
    assert row is not None
    later = s.scalar(
        select(AisVoyageRow.planned_departure)
        .where(AisVoyageRow.mmsi == row.mmsi, AisVoyageRow.planned_departure > row.planned_departure)
        .order_by(AisVoyageRow.planned_departure)
        .limit(1)
    )
    start = int(_aware(row.planned_departure).timestamp())
    p = AisPositionRow
    q = select(p.mmsi, p.t_s, p.lat, p.lon, p.sog_kn).where(p.t_s >= start)
    if later is not None:
        q = q.where(p.t_s < int(_aware(later).timestamp()))
    found = list(s.execute(q.order_by(p.mmsi, p.t_s)))
    voyage = {
        "voyage_id": row.voyage_id,
        "mmsi": int(row.mmsi),
        "imo": row.imo,
        "departure_port": row.departure_port,
        "destination_port": row.destination_port,
        "planned_departure": _aware(row.planned_departure),
        "planned_arrival": _aware(row.planned_arrival),
    }
    if key.voyage_id not in cache:
        positions = Positions(
            np.array([r.mmsi for r in found], dtype=np.int64),
            np.array([r.t_s for r in found], dtype=np.int64),
            np.array([r.lat for r in found], dtype=np.float64),
            np.array([r.lon for r in found], dtype=np.float64),
            np.array([r.sog_kn for r in found], dtype=np.float64),
        )
        detected = detect(positions, _stored_voyages(s), read_ports(None))
        cache[key.voyage_id] = [a for a in detected if a.voyage_id == key.voyage_id]
    track = [(_utc(r.t_s), float(r.lat), float(r.lon)) for r in found if r.mmsi == voyage["mmsi"]]
    return VesselView(vessel, voyage, track, cache[key.voyage_id])


def voyage_shipments(c: Container, voyages: Voyages, *, user: AuthenticatedUser) -> dict[str, list[str]]:
    """The shipments each voyage carries (voyage id → shipment references), by the same link as a shipment's
    page: from the stored shipment events and the given voyages (e.g. a file just uploaded)."""
    _require(user, READERS, "reading shipments")
    keys = [
        VoyageKey(
            vid,
            int(voyages.mmsi[i]),
            voyages.imo[i] if voyages.imo else None,
            _utc(voyages.planned_departure_s[i]),
            _utc(voyages.planned_arrival_s[i]),
        )
        for i, vid in enumerate(voyages.ids)
    ]
    out: dict[str, list[str]] = defaultdict(list)
    with c.uow() as uow:
        s = uow.session
        shipped = {
            r.order_id: r.shipped_on for r in s.execute(select(ShipmentRow.order_id, ShipmentRow.shipped_on))
        }
        for ref, events in sorted(_events_by_shipment(s).items()):
            if ref not in shipped:
                continue
            vessel = shipment_vessel(ref, events, shipped[ref])
            key = voyage_of(vessel, keys) if vessel is not None else None
            if key is not None:
                out[key.voyage_id].append(ref)
    return dict(out)


def voyage_shipments_of_file(
    c: Container, voyages_csv: Path, ports_csv: Path | None, *, user: AuthenticatedUser
) -> dict[str, list[str]]:
    """``voyage_shipments`` for a voyages file (read with its ports table, the packaged one by default)."""
    return voyage_shipments(c, read_voyages(voyages_csv, read_ports(ports_csv)), user=user)


def vessel_json(v: VesselView) -> dict[str, Any]:
    """The view as the API and the page show it (times ISO 8601 UTC)."""
    vessel = v.vessel
    voyage = v.voyage
    return {
        "vessel": None
        if vessel is None
        else {
            "imo": vessel.imo,
            "mmsi": vessel.mmsi,
            "departed_at": vessel.departed_at.isoformat(),
            "departure_basis": vessel.departure_basis,
        },
        "voyage": None
        if voyage is None
        else {
            **voyage,
            "planned_departure": voyage["planned_departure"].isoformat(),
            "planned_arrival": voyage["planned_arrival"].isoformat(),
        },
        "track": [{"at": at.isoformat(), "lat": lat, "lon": lon} for at, lat, lon in v.track],
        "alerts": [a.as_json() for a in v.alerts],
        "note": v.note,
    }

"""Logistics oversight: vessel tracking from AIS files, shipment events (DCSA Track & Trace 3.0.0), the end
user's receipt, and the journey and alerts of each shipment derived from them."""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import yaml
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from reechain.bootstrap import Container
from reechain.domain.errors import Conflict, Forbidden, InvalidInput, NotFound, Problem
from reechain.domain.roles import Role
from reechain.risk.logistics.ais import AisAlert, AisThresholds, assign_voyages, detect, sort_positions
from reechain.risk.logistics.ais_files import read_ports, read_positions, read_voyages
from reechain.risk.logistics.dcsa import ShipmentEvent, parse_events
from reechain.risk.logistics.milestones import (
    Journey,
    LanePolicy,
    Receipt,
    ShipmentAlert,
    ShipmentFacts,
    journey,
)
from reechain.services import audit
from reechain.services.auth import AuthenticatedUser
from reechain.store.tables import ledger as ledger_t
from reechain.store.tables.compliance import CheckRow, HoldRow, ShipmentRow
from reechain.store.tables.logistics import ReceiptRow, ShipmentEventRow


@dataclass
class TrackReport:
    positions: int
    voyages: int
    ports: int
    alerts: list[AisAlert]
    seconds: dict[str, float] = field(default_factory=dict)
    tracks: dict[str, tuple[np.ndarray, np.ndarray]] = field(default_factory=dict)
    """Voyage id → (lat, lon) in time order; filled only when asked for (maps)."""
    ports_used: list[tuple[str, float, float]] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return dict(Counter(a.kind for a in self.alerts))

    def as_json(self) -> dict[str, object]:
        return {
            "alerts": [a.as_json() for a in self.alerts],
            "summary": {"positions": self.positions, "voyages": self.voyages, "alerts": self.counts()},
        }


def track_uploads(
    positions: tuple[Path, str],
    voyages: tuple[Path, str],
    ports: tuple[Path, str] | None = None,
    *,
    with_tracks: bool = False,
) -> TrackReport:
    """``track_vessels`` on uploaded files, each given as (where it was saved, the name it was uploaded
    with): a refusal names the upload (``voyages file 'v.csv'``), not the server's temporary path."""
    try:
        return track_vessels(positions[0], voyages[0], ports[0] if ports else None, with_tracks=with_tracks)
    except InvalidInput as e:
        message = e.message
        for label, upload in (("positions", positions), ("voyages", voyages), ("ports", ports)):
            if upload is not None:
                message = message.replace(str(upload[0]), f"{label} file {upload[1]!r}")
        raise InvalidInput(message, e.problems) from None


def track_vessels(
    positions_csv: Path,
    voyages_csv: Path,
    ports_csv: Path | None = None,
    thresholds: AisThresholds | None = None,
    on_step: Callable[[str], None] = lambda _step: None,
    with_tracks: bool = False,
) -> TrackReport:
    """Read AIS positions, voyages and ports (packaged table by default) and raise every alert."""
    t0 = time.perf_counter()
    on_step("reading ports and voyages")
    ports = read_ports(ports_csv)
    voyages = read_voyages(voyages_csv, ports)
    on_step("reading positions")
    positions = sort_positions(read_positions(positions_csv))  # the unsorted copy is freed at once
    t1 = time.perf_counter()
    on_step(f"detecting alerts in {len(positions):,} positions")
    alerts = detect(positions, voyages, ports, thresholds)
    t2 = time.perf_counter()
    report = TrackReport(
        len(positions), len(voyages.ids), len(ports.names), alerts, {"read": t1 - t0, "detect": t2 - t1}
    )
    if with_tracks:
        p = positions
        voyage = assign_voyages(p, voyages)
        for vi, vid in enumerate(voyages.ids):
            mask = voyage == vi
            report.tracks[vid] = (p.lat[mask], p.lon[mask])
        used = sorted({int(i) for i in (*voyages.departure_port, *voyages.destination_port)})
        report.ports_used = [(ports.names[i], float(ports.lat[i]), float(ports.lon[i])) for i in used]
    return report


# --- shipments ---------------------------------------------------------------------------------------------

EVENT_WRITERS = frozenset({Role.RISK_MANAGER, Role.TRADER, Role.ADMIN})
READERS = frozenset({Role.RISK_MANAGER, Role.TRADER, Role.COMPLIANCE_OFFICER, Role.AUDITOR, Role.ADMIN})


def _require(user: AuthenticatedUser, roles: frozenset[Role], what: str) -> None:
    if not user.has_any(roles):
        raise Forbidden(f"{what} needs one of the roles {', '.join(sorted(r.value for r in roles))}")


@cache
def _policy_data() -> dict[str, Any]:
    ref = resources.files("reechain.data.logistics").joinpath("lanes.yaml")
    data: dict[str, Any] = yaml.safe_load(ref.read_text(encoding="utf-8"))
    return data


def lane_policy(origin: str, destination: str) -> LanePolicy:
    data = _policy_data()
    values = dict(data["default"])
    for lane in data.get("lanes", []):
        if lane["origin"] == origin and lane["destination"] == destination:
            values.update({k: v for k, v in lane.items() if k not in ("origin", "destination")})
    return LanePolicy(**values)


@dataclass
class EventImport:
    imported: int
    unchanged: int
    shipments: dict[str, int]


def import_shipment_events(
    c: Container, data: Any, *, user: AuthenticatedUser, source: str = "events"
) -> EventImport:
    """Store a file of DCSA events, all or nothing: every event must parse and name a shipment we shipped; an
    eventID seen before must come with the same content (a re-sent file changes nothing)."""
    _require(user, EVENT_WRITERS, "importing shipment events")
    events = parse_events(data, source)
    with c.uow() as uow:
        s = uow.session
        known = set(s.scalars(select(ShipmentRow.order_id)))
        stored = {
            r.event_id: r.raw_json
            for r in s.scalars(
                select(ShipmentEventRow).where(ShipmentEventRow.event_id.in_([e.event_id for e in events]))
            )
        }
        problems: list[Problem] = []
        new: list[tuple[ShipmentEvent, str]] = []
        unchanged = 0
        for i, e in enumerate(events):
            refs = [r for r in e.references if r in known]
            if len(refs) != 1:
                why = (
                    "names no shipment of ours"
                    if not refs
                    else f"names several shipments ({', '.join(refs)})"
                )
                problems.append(
                    Problem(
                        f"{why}; references: {', '.join(e.references) or 'none'}",
                        f"events[{i}].payload.references",
                    )
                )
                continue
            body = json.dumps(e.raw, sort_keys=True, ensure_ascii=False)
            if e.event_id in stored:
                if stored[e.event_id] != body:
                    problems.append(
                        Problem(
                            "eventID already imported with other content", f"events[{i}].metadata.eventID"
                        )
                    )
                else:
                    unchanged += 1
                continue
            new.append((e, refs[0]))
        if problems:
            raise InvalidInput(f"{source}: {len(problems)} problem(s); nothing imported", problems)
        now = datetime.now(UTC)
        for e, ref in new:
            s.add(
                ShipmentEventRow(
                    event_id=e.event_id,
                    shipment_ref=ref,
                    raw_json=json.dumps(e.raw, sort_keys=True, ensure_ascii=False),
                    imported_at=now,
                    imported_by=user.username,
                )
            )
        uow.commit()
    return EventImport(len(new), unchanged, dict(Counter(ref for _, ref in new)))


def confirm_receipt(
    c: Container,
    reference: str,
    *,
    received_at: datetime,
    received_kg: float,
    received_by: str,
    document: str = "",
    user: AuthenticatedUser,
) -> Journey:
    """Record the end user's confirmation that the goods arrived (once per shipment, audited)."""
    _require(user, EVENT_WRITERS, "confirming an end user's receipt")
    problems = []
    if not (received_kg == received_kg and 0 < received_kg < 1e9):
        problems.append(Problem("a finite weight above 0 kg", "received_kg"))
    if not received_by.strip():
        problems.append(Problem("required: who received the goods", "received_by"))
    if received_at.tzinfo is None:
        problems.append(Problem("needs a time zone (e.g. 2026-03-20T08:00:00Z)", "received_at"))
    if problems:
        raise InvalidInput("receipt refused", problems)
    with c.uow() as uow:
        s = uow.session
        facts = _facts(s, reference)
        if s.get(ReceiptRow, reference) is not None:
            raise Conflict(f"shipment {reference}: the end user's receipt is already recorded")
        s.add(
            ReceiptRow(
                shipment_ref=reference,
                received_at=received_at,
                received_kg=received_kg,
                received_by=received_by.strip(),
                document=document,
                confirmed_by=user.username,
            )
        )
        audit.append(
            uow,
            actor=user.username,
            action="logistics.receipt",
            payload={
                "shipment": reference,
                "received_at": received_at.isoformat(),
                "received_kg": received_kg,
                "received_by": received_by.strip(),
                "loaded_kg": facts.loaded_kg,
            },
        )
        result = _journey(s, facts, datetime.now(UTC), c.settings.shipment_no_news_days)
        uow.commit()
    return result


def shipment_journey(
    c: Container, reference: str, *, user: AuthenticatedUser, now: datetime | None = None
) -> Journey:
    _require(user, READERS, "reading shipments")
    with c.uow() as uow:
        return _journey(
            uow.session,
            _facts(uow.session, reference),
            now or datetime.now(UTC),
            c.settings.shipment_no_news_days,
        )


@dataclass
class ShipmentSummary:
    reference: str
    shipped_on: date
    destination_country: str
    end_user: str
    controlled: bool
    status: str
    alerts: list[ShipmentAlert]


def shipment_queue(
    c: Container, *, user: AuthenticatedUser, now: datetime | None = None
) -> list[ShipmentSummary]:
    """Every shipment with its status and alerts, those with the gravest alerts first (one snapshot). Alerts
    are derived now, never stored: ``no_news`` too (in transit with no carrier event for more than
    ``Settings.shipment_no_news_days`` days)."""
    _require(user, READERS, "reading shipments")
    at = now or datetime.now(UTC)
    out = []
    with c.uow() as uow:
        s = uow.session
        for ref in s.scalars(select(ShipmentRow.order_id).order_by(ShipmentRow.shipped_on.desc())):
            j = _journey(s, _facts(s, ref), at, c.settings.shipment_no_news_days)
            f = j.facts
            out.append(
                ShipmentSummary(
                    ref, f.shipped_on, f.destination_country, f.end_user, f.controlled, j.status, j.alerts
                )
            )
    rank = {"critical": 0, "major": 1, "minor": 2}
    out.sort(key=lambda x: (min((rank[a.severity] for a in x.alerts), default=3), x.reference))
    return out


def _journey(s: Session, facts: ShipmentFacts, now: datetime, no_news_days: int) -> Journey:
    """The journey derived now; ``no_news_days`` is ``Settings.shipment_no_news_days``."""
    rows = s.scalars(
        select(ShipmentEventRow.raw_json).where(ShipmentEventRow.shipment_ref == facts.reference)
    )
    raw = [json.loads(r) for r in rows]
    events = parse_events(raw, f"stored events of {facts.reference}") if raw else []
    r = s.get(ReceiptRow, facts.reference)
    receipt = None
    if r is not None:
        at = r.received_at if r.received_at.tzinfo else r.received_at.replace(tzinfo=UTC)
        receipt = Receipt(at, r.received_kg, r.received_by, r.confirmed_by)
    policy = lane_policy(facts.origin_country, facts.destination_country)
    return journey(events, facts, receipt, policy, now, _same_party, no_news_days)


RECEIVER_MATCH_MIN_SCORE = 0.9
"""The end user who signs the receipt is the released one when the screening matcher scores the two names at
least this high (a legal form or a transliteration may differ; another company may not)."""


def _same_party(received_by: str, end_user: str) -> bool:
    from reechain.services.screening import score_names

    return bool(score_names(received_by, end_user, "Company").score >= RECEIVER_MATCH_MIN_SCORE)


def _facts(s: Session, reference: str) -> ShipmentFacts:
    """What the compliance gate released and the ledger moved for this shipment."""
    ship = s.scalars(select(ShipmentRow).where(ShipmentRow.order_id == reference)).one_or_none()
    if ship is None:
        raise NotFound(f"no shipment {reference!r}")
    check = s.get(CheckRow, ship.check_id)
    order = json.loads(check.order_json) if check else {}
    parties = order.get("parties") or []
    end_user = next((str(p.get("name", "")) for p in parties if p.get("role") == "end_user"), "")
    held = s.scalar(select(func.count()).select_from(HoldRow).where(HoldRow.order_id == reference)) or 0
    controlled = bool(held) or (check is not None and check.decision == "licence_required")
    m = ledger_t.movements
    loaded_g = (
        s.scalar(
            select(func.coalesce(func.sum(m.c.quantity_g), 0)).where(
                m.c.reference == reference, m.c.kind == "sale"
            )
        )
        or 0
    )
    loaded_kg = (
        loaded_g / 1000
        if loaded_g
        else sum(float(x.get("quantity_kg") or 0) for x in order.get("lines") or [])
    )
    exporter = order.get("exporter")
    origin = exporter.get("country") if isinstance(exporter, dict) else None
    return ShipmentFacts(
        reference,
        ship.shipped_on,
        str(origin or "CN").upper(),
        str(order.get("destination_country") or "").upper(),
        end_user,
        controlled,
        float(loaded_kg),
    )


def _iso(d: datetime | None) -> str | None:
    return d.isoformat() if d else None


def journey_json(j: Journey) -> dict[str, Any]:
    f = j.facts
    return {
        "reference": f.reference,
        "shipped_on": f.shipped_on.isoformat(),
        "origin_country": f.origin_country,
        "destination_country": f.destination_country,
        "end_user": f.end_user,
        "controlled": f.controlled,
        "loaded_kg": f.loaded_kg,
        "status": j.status,
        "milestones": [
            {
                "name": m.name,
                "planned": _iso(m.planned),
                "estimated": _iso(m.estimated),
                "actual": _iso(m.actual),
                "location": m.location,
            }
            for m in j.milestones
        ],
        "alerts": [alert_json(a) for a in j.alerts],
        "points": [
            {"at": at.isoformat(), "label": label, "lat": lat, "lon": lon}
            for at, label, lat, lon in j.located
        ],
    }


def alert_json(a: ShipmentAlert) -> dict[str, Any]:
    return {
        "kind": a.kind,
        "severity": a.severity,
        "at": a.at.isoformat(),
        "evidence": a.evidence,
        "event_ids": list(a.event_ids),
    }


def summary_json(q: ShipmentSummary) -> dict[str, Any]:
    return {
        "reference": q.reference,
        "shipped_on": q.shipped_on.isoformat(),
        "destination_country": q.destination_country,
        "end_user": q.end_user,
        "controlled": q.controlled,
        "status": q.status,
        "alerts": [alert_json(a) for a in q.alerts],
    }

"""A shipment's journey from its DCSA events, and the alerts a risk manager must see.

Milestones (planned, estimated, actual) are read from the events; alerts are derived from the milestones, the
shipment's own facts (loaded weight from the ledger, declared end user, whether it is controlled) and the
lane's policy. Nothing here is stored: the events and the receipt are the record, the rest follows from them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from reechain.risk.logistics.dcsa import ShipmentEvent

NO_NEWS_DAYS = 7
"""An in-transit shipment whose carriers have reported nothing for longer than this many days raises
``no_news`` (the default of ``Settings.shipment_no_news_days``, ``REECHAIN_SHIPMENT_NO_NEWS_DAYS``)."""

MILESTONES = (
    "gate_out", "loading", "departure", "transshipment", "arrival", "discharge", "customs_release",
    "delivery", "end_user_receipt",
)  # fmt: skip


@dataclass(frozen=True)
class LanePolicy:
    """How much lateness a lane tolerates and when the end user's receipt is due (group policy, data)."""

    delay_slack_h: float = 24.0
    weight_tolerance: float = 0.005
    transit_days: int = 45
    receipt_days: int = 14
    escalate_after_days: int = 7


@dataclass(frozen=True)
class ShipmentFacts:
    reference: str
    shipped_on: date
    origin_country: str
    destination_country: str
    end_user: str
    controlled: bool
    loaded_kg: float


@dataclass(frozen=True)
class Receipt:
    received_at: datetime
    received_kg: float
    received_by: str
    confirmed_by: str


@dataclass
class Milestone:
    name: str
    planned: datetime | None = None
    estimated: datetime | None = None
    actual: datetime | None = None
    location: str | None = None


@dataclass(frozen=True)
class ShipmentAlert:
    kind: str
    severity: str  # minor | major | critical
    at: datetime
    evidence: str
    event_ids: tuple[str, ...] = ()


@dataclass
class Journey:
    facts: ShipmentFacts
    milestones: list[Milestone]
    alerts: list[ShipmentAlert]
    status: str  # in_transit | delivered | closed
    calls: list[tuple[datetime, str]] = field(default_factory=list)
    located: list[tuple[datetime, str, float, float]] = field(default_factory=list)
    """Actual events that carry coordinates: (time, what and where, lat, lon), in time order."""


def _milestone_of(e: ShipmentEvent, dest_country: str) -> str | None:
    at_destination = bool(e.location_code and e.location_code[:2] == dest_country)
    if e.event_type == "EQUIPMENT":
        if e.transshipment and e.type_code in ("LOAD", "DISC"):
            return "transshipment"
        return {
            "GTOT": "gate_out" if not at_destination else None,
            "LOAD": "loading",
            "DISC": "discharge",
            "CUSR": "customs_release" if at_destination else None,
            "DROP": "delivery",
        }.get(e.type_code)
    if e.event_type == "TRANSPORT":
        if e.type_code == "DEPA":
            return "departure"
        return "arrival" if at_destination or not dest_country else None
    return None


def milestones(events: list[ShipmentEvent], facts: ShipmentFacts, receipt: Receipt | None) -> list[Milestone]:
    """First planned, latest estimate and first actual of each milestone (the first departure, the arrival
    at the destination, ...)."""
    by_name = {n: Milestone(n) for n in MILESTONES}
    for e in sorted(events, key=lambda x: (x.created_at, x.event_at)):
        name = _milestone_of(e, facts.destination_country)
        if name is None:
            continue
        m = by_name[name]
        if e.classifier == "PLN":
            m.planned = e.event_at  # the latest plan replaces an earlier one
        elif e.classifier == "EST":
            m.estimated = e.event_at
        elif m.actual is None or e.event_at < m.actual:
            m.actual = e.event_at
            m.location = e.location_code or e.location_name
    if receipt is not None:
        by_name["end_user_receipt"].actual = receipt.received_at
    return list(by_name.values())


def _utc(d: date) -> datetime:
    return datetime(d.year, d.month, d.day, tzinfo=UTC)


def journey(
    events: list[ShipmentEvent],
    facts: ShipmentFacts,
    receipt: Receipt | None,
    policy: LanePolicy,
    now: datetime,
    same_party: Callable[[str, str], bool] | None = None,
    no_news_days: int = NO_NEWS_DAYS,
) -> Journey:
    ms = milestones(events, facts, receipt)
    by = {m.name: m for m in ms}
    alerts: list[ShipmentAlert] = []
    slack = timedelta(hours=policy.delay_slack_h)
    for m in ms:
        if m.planned is None:
            continue
        if m.actual is not None and m.actual - m.planned > slack:
            hours = (m.actual - m.planned).total_seconds() / 3600
            alerts.append(
                ShipmentAlert(
                    "delay",
                    "major",
                    m.actual,
                    f"{m.name}: actual {hours:.0f} h after plan (lane slack {policy.delay_slack_h:g} h)",
                )
            )
        elif m.actual is None and m.estimated is not None and m.estimated - m.planned > slack:
            hours = (m.estimated - m.planned).total_seconds() / 3600
            alerts.append(
                ShipmentAlert(
                    "delay",
                    "minor",
                    m.estimated,
                    f"{m.name}: estimated {hours:.0f} h after plan (lane slack {policy.delay_slack_h:g} h)",
                )
            )
        elif m.actual is None and now - m.planned > slack:
            alerts.append(
                ShipmentAlert(
                    "delay",
                    "major",
                    now,
                    f"{m.name}: planned {m.planned:%Y-%m-%d %H:%M}, no actual event yet",
                )
            )
    alerts += _route(events, facts)
    alerts += _equipment(events)
    alerts += _receipt(facts, receipt, by, policy, now, same_party or same_name)
    delivered = by["delivery"].actual is not None or (
        by["arrival"].actual is not None and by["discharge"].actual is not None
    )
    closed = receipt is not None or (delivered and not facts.controlled)
    status = "closed" if closed else "delivered" if delivered else "in_transit"
    if status == "in_transit":
        alerts += _no_news(events, facts, now, no_news_days)
    calls = sorted(
        (e.event_at, e.location_code or e.location_name or "?")
        for e in events
        if e.event_type == "TRANSPORT" and e.classifier == "ACT"
    )
    located = sorted(
        (e.event_at, f"{e.type_code} {e.location_code or e.location_name or ''}".strip(), e.lat, e.lon)
        for e in events
        if e.classifier == "ACT" and e.lat is not None and e.lon is not None
    )
    return Journey(facts, ms, sorted(alerts, key=lambda a: a.at), status, calls, located)


def reported_at(e: ShipmentEvent) -> datetime:
    """When the carrier told us of an event: its creation time (``eventCreatedDateTime``); an actual event is
    not reported before it happened, so not before its event time either."""
    return max(e.created_at, e.event_at) if e.classifier == "ACT" else e.created_at


def _no_news(
    events: list[ShipmentEvent], facts: ShipmentFacts, now: datetime, days: int
) -> list[ShipmentAlert]:
    """A shipment still in transit whose latest carrier event was reported more than ``days`` days before
    ``now`` (or, with no event at all, that shipped more than ``days`` days before): one alert naming the
    whole days since and that event. Exactly ``days`` days is not yet an alert."""
    limit = timedelta(days=days)
    if events:
        last = max(events, key=lambda e: (reported_at(e), e.event_id))
        since = reported_at(last).astimezone(UTC)
        where = last.location_code or last.location_name
        what = (
            f"the latest, {last.event_id} ({last.classifier} {last.type_code}"
            f"{' at ' + where if where else ''}, {last.event_at.astimezone(UTC):%Y-%m-%d %H:%M}), "
            f"was reported {since:%Y-%m-%d %H:%M} UTC"
        )
        ids: tuple[str, ...] = (last.event_id,)
    else:
        since = _utc(facts.shipped_on)
        what = f"none since it shipped on {facts.shipped_on:%Y-%m-%d}"
        ids = ()
    if now - since <= limit:
        return []
    return [
        ShipmentAlert(
            "no_news",
            "major",
            since + limit,
            f"in transit with no carrier event for {(now - since).days} days (threshold {days} days): {what}",
            ids,
        )
    ]


def _route(events: list[ShipmentEvent], facts: ShipmentFacts) -> list[ShipmentAlert]:
    planned = {e.location_code for e in events if e.classifier == "PLN" and e.location_code}
    allowed_countries = {facts.origin_country, facts.destination_country}
    out = []
    for e in events:
        if e.event_type != "TRANSPORT" or e.classifier != "ACT" or not e.location_code:
            continue
        if e.location_code in planned:
            continue
        third = e.location_code[:2] not in allowed_countries
        if not planned and not third:
            continue
        kind = "unplanned_port_call" if planned else "route_deviation"
        out.append(
            ShipmentAlert(
                kind,
                "critical" if third else "major",
                e.event_at,
                f"{'arrived at' if e.type_code == 'ARRI' else 'departed from'} {e.location_code}, not on the "
                f"planned route{'; a third country: possible transshipment' if third else ''}",
                (e.event_id,),
            )
        )
    return out


def _equipment(events: list[ShipmentEvent]) -> list[ShipmentAlert]:
    acts = sorted(
        (e for e in events if e.event_type == "EQUIPMENT" and e.classifier == "ACT"), key=lambda e: e.event_at
    )
    first = next((e for e in acts if e.type_code in ("LOAD", "GTOT") and e.equipment), None)
    if first is None:
        return []
    loaded = {e.equipment for e in acts if e.equipment and e.event_at <= first.event_at}
    seals = first.seals
    out = []
    for e in acts:
        if e.event_at <= first.event_at:
            continue
        if e.equipment and e.equipment not in loaded:
            out.append(
                ShipmentAlert(
                    "container_change",
                    "critical",
                    e.event_at,
                    f"container {e.equipment} appears; loaded in {', '.join(sorted(loaded))}",
                    (first.event_id, e.event_id),
                )
            )
        if e.seals and seals and e.seals != seals:
            how = "resealed (RSEA)" if e.type_code == "RSEA" else f"at {e.type_code}"
            out.append(
                ShipmentAlert(
                    "seal_change",
                    "major" if e.type_code == "RSEA" else "critical",
                    e.event_at,
                    f"seals {', '.join(e.seals)} {how}; loaded with {', '.join(seals)}",
                    (first.event_id, e.event_id),
                )
            )
            seals = e.seals
    return out


def _receipt(
    facts: ShipmentFacts,
    receipt: Receipt | None,
    by: dict[str, Milestone],
    policy: LanePolicy,
    now: datetime,
    same_party: Callable[[str, str], bool],
) -> list[ShipmentAlert]:
    out = []
    if receipt is not None:
        if facts.loaded_kg > 0:
            gap = (receipt.received_kg - facts.loaded_kg) / facts.loaded_kg
            if abs(gap) > policy.weight_tolerance:
                out.append(
                    ShipmentAlert(
                        "weight_gap",
                        "critical" if gap < 0 else "major",
                        receipt.received_at,
                        f"received {receipt.received_kg:,.1f} kg of {facts.loaded_kg:,.1f} kg "
                        f"loaded ({gap:+.2%}; tolerance ±{policy.weight_tolerance:.2%})",
                    )
                )
        if not same_party(receipt.received_by, facts.end_user):
            out.append(
                ShipmentAlert(
                    "consignee_change",
                    "critical",
                    receipt.received_at,
                    f"received by {receipt.received_by!r}; the released end user is {facts.end_user!r}",
                )
            )
        return out
    if not facts.controlled:
        return out
    arrived = by["arrival"].actual or by["discharge"].actual
    base = arrived or _utc(facts.shipped_on) + timedelta(days=policy.transit_days)
    due = base + timedelta(days=policy.receipt_days)
    if now > due:
        late_days = (now - due).days
        escalated = late_days >= policy.escalate_after_days
        out.append(
            ShipmentAlert(
                "receipt_overdue",
                "critical" if escalated else "major",
                due,
                f"controlled shipment without the end user's receipt, due {due:%Y-%m-%d} "
                f"({late_days} days ago){'; escalated' if escalated else ''}",
            )
        )
    return out


def same_name(a: str, b: str) -> bool:
    """Exact after case, spacing and punctuation ("K.K." = "KK"); the service passes the screening matcher."""
    return _norm(a) == _norm(b)


def _norm(name: str) -> str:
    return " ".join(name.casefold().replace(".", "").replace(",", " ").split())

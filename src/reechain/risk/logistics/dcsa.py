"""Shipment events in the DCSA Track & Trace 3.0.0 format, checked field by field.

The envelope is that of DCSA TNT 3.0.0 (Event Domain 3.1.0, published in dcsaorg/DCSA-OpenAPI,
``tnt/v3``): each event is ``{"metadata": {...}, "payload": {...}}``; ``metadata.eventType`` is SHIPMENT,
TRANSPORT or EQUIPMENT and selects the payload. Only the fields reechain reads are modelled; the rest is
kept as received (``raw``).
A file is an array of events or ``{"events": [...]}``; every bad event and field is reported at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from reechain.domain.errors import InvalidInput, Problem

Text = Annotated[str, StringConstraints(min_length=1, max_length=100, pattern=r"^[^\x00-\x1f\x7f]+$")]
LoCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}[A-Z2-9]{3}$")]

SHIPMENT_EVENT_CODES = (
    "RECE", "DRFT", "PENA", "PENU", "PENC", "CONF", "REJE", "APPR", "ISSU", "SURR", "SUBM", "VOID", "REQS",
    "CMPL", "HOLD", "RELS", "CANC",
)  # fmt: skip
TRANSPORT_EVENT_CODES = ("ARRI", "DEPA")
EQUIPMENT_EVENT_CODES = (
    "LOAD", "DISC", "GTIN", "GTOT", "STUF", "STRP", "PICK", "AVPU", "DROP", "AVDO", "INSP", "RSEA", "RMVD",
    "CUSS", "CUSI", "CUSR", "CROS",
)  # fmt: skip
DOCUMENT_TYPE_CODES = (
    "CBR", "BKG", "SHI", "TRD", "DEI", "DEO", "TRO", "CRO", "ARN", "VGM", "CAS", "CUC", "DGD", "OOG", "CQU",
    "INV", "HCE", "PCE", "VCE", "FCE", "ICE", "CEA", "CEO",
)  # fmt: skip


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow", str_strip_whitespace=True)


class Reference(_Open):
    type: Text
    value: Text


class Location(_Open):
    locationName: str | None = Field(default=None, max_length=100)
    UNLocationCode: LoCode | None = None
    latitude: float | None = Field(default=None, ge=-90, le=90, allow_inf_nan=False)
    longitude: float | None = Field(default=None, ge=-180, le=180, allow_inf_nan=False)


class Vessel(_Open):
    vesselIMONumber: Annotated[str, StringConstraints(pattern=r"^\d{7}$")] | None = None
    name: str | None = Field(default=None, max_length=100)


class TransportCall(_Open):
    transportCallReference: Text | None = None
    location: Location | None = None
    vessel: Vessel | None = None


class Seal(_Open):
    number: Text


class Metadata(_Open):
    eventID: Text
    eventCreatedDateTime: AwareDatetime
    eventType: Literal["SHIPMENT", "TRANSPORT", "EQUIPMENT"]
    publisher: dict[str, Any] | None = None
    publisherRole: Text | None = None


class _Payload(_Open):
    eventClassifierCode: Literal["PLN", "EST", "ACT"]
    eventDateTime: AwareDatetime
    relatedDocumentReferences: list[Reference] = Field(default_factory=list, max_length=100)
    references: list[Reference] = Field(default_factory=list, max_length=100)


class ShipmentPayload(_Payload):
    eventClassifierCode: Literal["ACT"]
    shipmentEventTypeCode: Literal[SHIPMENT_EVENT_CODES]  # type: ignore[valid-type]
    documentTypeCode: Literal[DOCUMENT_TYPE_CODES]  # type: ignore[valid-type]
    documentReference: Text
    reason: str | None = Field(default=None, max_length=5000)


class TransportPayload(_Payload):
    transportEventTypeCode: Literal[TRANSPORT_EVENT_CODES]  # type: ignore[valid-type]
    transportCall: TransportCall
    delayReasonCode: str | None = Field(default=None, max_length=3)


class EquipmentPayload(_Payload):
    equipmentEventTypeCode: Literal[EQUIPMENT_EVENT_CODES]  # type: ignore[valid-type]
    equipmentReference: Annotated[str, StringConstraints(min_length=1, max_length=15)] | None = None
    seals: list[Seal] = Field(default_factory=list, max_length=20)
    isTransshipmentMove: bool = False
    eventLocation: Location | None = None
    transportCall: TransportCall | None = None


PAYLOADS: dict[str, type[_Payload]] = {
    "SHIPMENT": ShipmentPayload,
    "TRANSPORT": TransportPayload,
    "EQUIPMENT": EquipmentPayload,
}


@dataclass(frozen=True)
class ShipmentEvent:
    """One event as reechain uses it; ``raw`` is the event as received."""

    event_id: str
    event_type: str
    classifier: str
    type_code: str
    event_at: datetime
    created_at: datetime
    references: tuple[str, ...]
    location_code: str | None = None
    location_name: str | None = None
    lat: float | None = None
    lon: float | None = None
    equipment: str | None = None
    seals: tuple[str, ...] = ()
    transshipment: bool = False
    vessel_imo: str | None = None
    raw: dict[str, Any] = field(default_factory=dict, compare=False)


def _loc(loc: Location | None) -> tuple[str | None, str | None, float | None, float | None]:
    if loc is None:
        return None, None, None, None
    return loc.UNLocationCode, loc.locationName, loc.latitude, loc.longitude


def _event(meta: Metadata, payload: _Payload, raw: dict[str, Any]) -> ShipmentEvent:
    refs = [r.value for r in (*payload.relatedDocumentReferences, *payload.references)]
    code, name, lat, lon = None, None, None, None
    equipment: str | None = None
    seals: tuple[str, ...] = ()
    trans, imo = False, None
    if isinstance(payload, ShipmentPayload):
        type_code = payload.shipmentEventTypeCode
        refs.insert(0, payload.documentReference)
    elif isinstance(payload, TransportPayload):
        type_code = payload.transportEventTypeCode
        code, name, lat, lon = _loc(payload.transportCall.location)
        imo = payload.transportCall.vessel.vesselIMONumber if payload.transportCall.vessel else None
    else:
        assert isinstance(payload, EquipmentPayload)
        type_code = payload.equipmentEventTypeCode
        where = payload.eventLocation or (payload.transportCall.location if payload.transportCall else None)
        code, name, lat, lon = _loc(where)
        equipment = payload.equipmentReference
        seals = tuple(sorted(s.number for s in payload.seals))
        trans = payload.isTransshipmentMove
    return ShipmentEvent(
        meta.eventID,
        meta.eventType,
        payload.eventClassifierCode,
        type_code,
        payload.eventDateTime,
        meta.eventCreatedDateTime,
        tuple(dict.fromkeys(refs)),
        code,
        name,
        lat,
        lon,
        equipment,
        seals,
        trans,
        imo,
        raw,
    )


def _where(i: int, loc: tuple[Any, ...]) -> str:
    return f"events[{i}]" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in loc)


def parse_events(data: Any, source: str = "events") -> list[ShipmentEvent]:
    """Events from a decoded JSON document; InvalidInput naming each bad event and field otherwise."""
    items = data.get("events") if isinstance(data, dict) else data
    if not isinstance(items, list):
        raise InvalidInput(f'{source}: expected an array of events or {{"events": [...]}}')
    if not items:
        raise InvalidInput(f"{source}: no events")
    out: list[ShipmentEvent] = []
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for i, raw in enumerate(items):
        if not isinstance(raw, dict):
            problems.append(Problem("not an object", f"events[{i}]"))
            continue
        if "metadata" not in raw and "eventType" in raw:
            problems.append(
                Problem(
                    "flat event (DCSA 2.x); TNT 3.0.0 puts eventType in 'metadata' and the rest in 'payload'",
                    f"events[{i}]",
                )
            )
            continue
        meta_raw = raw.get("metadata")
        event_type = meta_raw.get("eventType") if isinstance(meta_raw, dict) else None
        before = len(problems)
        try:
            meta = Metadata.model_validate(meta_raw)
        except ValidationError as e:
            problems += [Problem(err["msg"], _where(i, ("metadata", *err["loc"]))) for err in e.errors()[:10]]
        if event_type in PAYLOADS:
            try:
                payload = PAYLOADS[event_type].model_validate(raw.get("payload"))
            except ValidationError as e:
                problems += [
                    Problem(err["msg"], _where(i, ("payload", *err["loc"]))) for err in e.errors()[:10]
                ]
        if len(problems) > before:
            continue
        ev = _event(meta, payload, raw)
        if ev.event_id in seen:
            problems.append(
                Problem(
                    f"eventID already used by events[{seen[ev.event_id]}]", _where(i, ("metadata", "eventID"))
                )
            )
        seen[ev.event_id] = i
        out.append(ev)
    if problems:
        raise InvalidInput(f"{source}: {len(problems)} problem(s); nothing imported", problems)
    return out

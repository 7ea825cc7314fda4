"""Logistics oversight API: vessel tracks from AIS files, shipment events, receipts, journeys and alerts."""

from __future__ import annotations

import shutil
import tempfile
from datetime import date
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Body, File, UploadFile
from fastapi import Path as PathParam
from pydantic import AwareDatetime, BaseModel, Field, StringConstraints

from reechain.api.deps import ContainerDep, CurrentUser
from reechain.services import logistics, vessels

router = APIRouter(prefix="/api/logistics", tags=["logistics"])

Reference = Annotated[str, PathParam(min_length=1, max_length=64, pattern=r"^[^\x00-\x1f\x7f/]+$")]


class AisAlertOut(BaseModel):
    voyage_id: str
    kind: str
    start: str
    end: str
    lat: float
    lon: float
    evidence: str
    details: dict[str, float | str]


class TrackSummary(BaseModel):
    positions: int
    voyages: int
    alerts: dict[str, int]


class TrackOut(BaseModel):
    alerts: list[AisAlertOut]
    summary: TrackSummary
    carries: dict[str, list[str]] = Field(
        default_factory=dict,
        description="voyage id → the shipments it carries (linked by the vessel their carriers' events name)",
    )


class VesselIdOut(BaseModel):
    imo: str | None
    mmsi: int | None
    departed_at: str
    departure_basis: str


class VoyageOut(BaseModel):
    voyage_id: str
    mmsi: int
    imo: str | None
    departure_port: str
    destination_port: str
    planned_departure: str
    planned_arrival: str


class TrackPoint(BaseModel):
    at: str
    lat: float
    lon: float


class ShipmentVesselOut(BaseModel):
    vessel: VesselIdOut | None
    voyage: VoyageOut | None
    track: list[TrackPoint]
    alerts: list[AisAlertOut]
    note: str


class EventImportOut(BaseModel):
    imported: int
    unchanged: int
    shipments: dict[str, int]


class MilestoneOut(BaseModel):
    name: str
    planned: str | None
    estimated: str | None
    actual: str | None
    location: str | None


class ShipmentAlertOut(BaseModel):
    kind: str
    severity: str
    at: str
    evidence: str
    event_ids: list[str] = []


class JourneyPoint(BaseModel):
    at: str
    label: str
    lat: float
    lon: float


class JourneyOut(BaseModel):
    reference: str
    shipped_on: str
    origin_country: str
    destination_country: str
    end_user: str
    controlled: bool
    loaded_kg: float
    status: str
    milestones: list[MilestoneOut]
    alerts: list[ShipmentAlertOut]
    points: list[JourneyPoint]


class ShipmentSummaryOut(BaseModel):
    reference: str
    shipped_on: date
    destination_country: str
    end_user: str
    controlled: bool
    status: str
    alerts: list[ShipmentAlertOut]
    vessel_alerts: list[AisAlertOut] = Field(
        default_factory=list, description="AIS alerts of the kept voyage of the vessel carrying it"
    )


class ReceiptIn(BaseModel):
    received_at: AwareDatetime
    received_kg: float = Field(gt=0, lt=1e9, allow_inf_nan=False)
    received_by: Annotated[
        str, StringConstraints(min_length=1, max_length=300, pattern=r"^[^\x00-\x1f\x7f]+$")
    ]
    document: Annotated[str, StringConstraints(max_length=2000, pattern=r"^[^\x00]*$")] = ""


def _save(upload: UploadFile, folder: Path, name: str) -> Path:
    path = folder / name  # a fixed name: the client's file name never reaches the file system
    with path.open("wb") as f:
        shutil.copyfileobj(upload.file, f)
    return path


@router.post("/track", response_model=TrackOut, summary="Alerts of voyages from AIS positions (CSV files)")
def track(
    c: ContainerDep,
    user: CurrentUser,
    positions: Annotated[UploadFile, File(description="mmsi,timestamp,lat,lon,sog")],
    voyages: Annotated[UploadFile, File(description="voyage_id,mmsi,departure_port,destination_port,...")],
    ports: Annotated[UploadFile | None, File(description="port,lat,lon (default: packaged table)")] = None,
) -> TrackOut:
    with tempfile.TemporaryDirectory(prefix="reechain-ais-") as tmp:
        folder = Path(tmp)
        report = logistics.track_uploads(
            (_save(positions, folder, "positions.csv"), positions.filename or "positions.csv"),
            (_save(voyages, folder, "voyages.csv"), voyages.filename or "voyages.csv"),
            (_save(ports, folder, "ports.csv"), ports.filename or "ports.csv") if ports is not None else None,
        )
        carries = (
            vessels.voyage_shipments_of_file(
                c, folder / "voyages.csv", folder / "ports.csv" if ports is not None else None, user=user
            )
            if user.has_any(logistics.READERS)
            else {}
        )
    return TrackOut.model_validate({**report.as_json(), "carries": carries})


@router.post(
    "/vessels/tracks",
    response_model=TrackOut,
    status_code=201,
    summary="Store AIS voyages and positions (CSV files) to link vessels to the shipments they carry",
)
def store_tracks(
    c: ContainerDep,
    user: CurrentUser,
    positions: Annotated[UploadFile, File(description="mmsi,timestamp,lat,lon,sog")],
    voyages: Annotated[UploadFile, File(description="voyage_id,mmsi,...,planned_arrival[,imo]")],
) -> TrackOut:
    with tempfile.TemporaryDirectory(prefix="reechain-ais-") as tmp:
        folder = Path(tmp)
        report = vessels.store_tracks(
            c, _save(positions, folder, "positions.csv"), _save(voyages, folder, "voyages.csv"), user=user
        )
        carries = vessels.voyage_shipments_of_file(c, folder / "voyages.csv", None, user=user)
    return TrackOut.model_validate({**report.as_json(), "carries": carries})


@router.post("/events", response_model=EventImportOut, summary="Import DCSA Track & Trace 3.0.0 events")
def import_events(
    c: ContainerDep,
    user: CurrentUser,
    events: Annotated[Any, Body(description='An array of events or {"events": [...]}')],
) -> logistics.EventImport:
    return logistics.import_shipment_events(c, events, user=user, source="request body")


@router.get("/shipments", response_model=list[ShipmentSummaryOut], summary="Shipments with status and alerts")
def shipments(c: ContainerDep, user: CurrentUser) -> list[ShipmentSummaryOut]:
    return [ShipmentSummaryOut.model_validate(q) for q in vessels.shipment_queue_json(c, user=user)]


@router.get("/shipments/{reference}", response_model=JourneyOut, summary="A shipment's milestones and alerts")
def shipment(reference: Reference, c: ContainerDep, user: CurrentUser) -> JourneyOut:
    return JourneyOut.model_validate(
        logistics.journey_json(logistics.shipment_journey(c, reference, user=user))
    )


@router.get(
    "/shipments/{reference}/vessel",
    response_model=ShipmentVesselOut,
    summary="The vessel a shipment is on, its stored AIS voyage, track and alerts (dark periods, ...)",
)
def shipment_vessel(reference: Reference, c: ContainerDep, user: CurrentUser) -> ShipmentVesselOut:
    return ShipmentVesselOut.model_validate(
        vessels.vessel_json(vessels.shipment_vessel_view(c, reference, user=user))
    )


@router.post(
    "/shipments/{reference}/receipt", response_model=JourneyOut, summary="Record the end user's receipt"
)
def receipt(reference: Reference, body: ReceiptIn, c: ContainerDep, user: CurrentUser) -> JourneyOut:
    j = logistics.confirm_receipt(
        c,
        reference,
        received_at=body.received_at,
        received_kg=body.received_kg,
        received_by=body.received_by,
        document=body.document,
        user=user,
    )
    return JourneyOut.model_validate(logistics.journey_json(j))

"""Logistics: the risk manager's shipment queue, a shipment's journey with its map, event import and vessel
tracking from AIS files."""

from __future__ import annotations

import json
import tempfile
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any

import numpy as np
from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import RedirectResponse, Response

from reechain.api.deps import ContainerDep, CurrentUser
from reechain.api.routers.logistics import Reference, _save
from reechain.domain.errors import InvalidInput, Problem, ReechainError
from reechain.services import logistics, vessels
from reechain.web.charts import plotly_div
from reechain.web.logistics_maps import journey_map, voyage_map
from reechain.web.templating import flash, render

router = APIRouter()
NAV = [("Logistics", "/logistics")]


def _queue_page(request: Request, c: Any, user: Any, status_code: int = 200, **extra: Any) -> Response:
    queue = logistics.shipment_queue(c, user=user)
    vessel = vessels.vessel_alerts(c, user=user)
    rank = {"critical": 0, "major": 1, "minor": 2}
    # gravest first, a vessel's AIS alert counting as major
    queue.sort(
        key=lambda q: min(
            [rank[a.severity] for a in q.alerts] + ([rank["major"]] if q.reference in vessel else []),
            default=3,
        )
    )
    counts: dict[str, int] = {}
    for q in queue:
        for a in q.alerts:
            counts[a.kind] = counts.get(a.kind, 0) + 1
        for v in vessel.get(q.reference, []):
            counts[f"vessel {v.kind}"] = counts.get(f"vessel {v.kind}", 0) + 1
    ctx = {
        "title": "Logistics",
        "queue": queue,
        "vessel_alerts": vessel,
        "counts": counts,
        "no_news_days": c.settings.shipment_no_news_days,
        "problems": [],
        "message": "",
        **extra,
    }
    return render(request, "logistics/index.html", ctx, status_code=status_code)


@router.get("/logistics")
def logistics_page(request: Request, c: ContainerDep, user: CurrentUser) -> Response:
    return _queue_page(request, c, user)


@router.post("/logistics/events")
async def events_upload(
    request: Request, c: ContainerDep, user: CurrentUser, events: Annotated[UploadFile, File()]
) -> Response:
    try:
        try:
            data = json.loads((await events.read()).decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as e:
            raise InvalidInput("the file is not JSON", [Problem(str(e)[:200])]) from None
        rep = logistics.import_shipment_events(c, data, user=user, source="uploaded file")
    except ReechainError as e:
        return _queue_page(
            request,
            c,
            user,
            problems=[str(p) for p in e.problems] or [e.message],
            message=e.message,
            status_code=e.http_status,
        )
    flash(request, f"{rep.imported} events imported ({rep.unchanged} already known)")
    return RedirectResponse("/logistics", status_code=303)


@router.get("/logistics/shipments/{reference}")
def shipment_page(reference: Reference, request: Request, c: ContainerDep, user: CurrentUser) -> Response:
    j = logistics.shipment_journey(c, reference, user=user)
    data = logistics.journey_json(j)
    fig = journey_map(data["points"])
    vessel = vessels.shipment_vessel_view(c, reference, user=user)
    vessel_fig = None
    if vessel.voyage is not None and vessel.track:
        lat = np.array([p[1] for p in vessel.track])
        lon = np.array([p[2] for p in vessel.track])
        vessel_fig = voyage_map({vessel.voyage["voyage_id"]: (lat, lon)}, [], vessel.alerts)
    ctx: dict[str, Any] = {
        "title": f"Shipment {reference}",
        "j": data,
        "map": plotly_div(fig, label="voyage map") if fig is not None else None,
        "vessel": vessels.vessel_json(vessel),
        "vessel_map": plotly_div(vessel_fig, label="vessel track") if vessel_fig is not None else None,
        "problems": [],
    }
    return render(request, "logistics/shipment.html", ctx)


@router.post("/logistics/shipments/{reference}/receipt")
def receipt_form(
    reference: Reference,
    request: Request,
    c: ContainerDep,
    user: CurrentUser,
    received_kg: Annotated[str, Form(max_length=40)],
    received_by: Annotated[str, Form(max_length=300)],
    received_at: Annotated[str, Form(max_length=40)],
    document: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    problems = []
    try:
        kg = float(received_kg)
    except ValueError:
        problems.append(Problem("a number of kg", "received_kg"))
    try:
        at = datetime.fromisoformat(received_at)
    except ValueError:
        problems.append(Problem("an ISO 8601 time with a time zone", "received_at"))
    try:
        if problems:
            raise InvalidInput("receipt refused", problems)
        logistics.confirm_receipt(
            c,
            reference,
            received_at=at,
            received_kg=kg,
            received_by=received_by,
            document=document,
            user=user,
        )
    except ReechainError as e:
        j = logistics.journey_json(logistics.shipment_journey(c, reference, user=user))
        ctx: dict[str, Any] = {
            "title": f"Shipment {reference}",
            "j": j,
            "map": None,
            "vessel": vessels.vessel_json(vessels.shipment_vessel_view(c, reference, user=user)),
            "vessel_map": None,
            "problems": [str(p) for p in e.problems] or [e.message],
        }
        return render(request, "logistics/shipment.html", ctx, status_code=e.http_status)
    flash(request, "receipt recorded")
    return RedirectResponse(f"/logistics/shipments/{reference}", status_code=303)


@router.get("/logistics/track")
def track_form(request: Request, _: CurrentUser) -> Response:
    return render(
        request, "logistics/track.html", {"title": "Vessel tracking", "report": None, "problems": []}
    )


@router.post("/logistics/track")
def track_upload(
    request: Request,
    c: ContainerDep,
    user: CurrentUser,
    positions: Annotated[UploadFile, File()],
    voyages: Annotated[UploadFile, File()],
    ports: Annotated[UploadFile | None, File()] = None,
    keep: Annotated[str, Form(max_length=10)] = "",
) -> Response:
    stored = False
    try:
        with tempfile.TemporaryDirectory(prefix="reechain-ais-") as tmp:
            folder = Path(tmp)
            has_ports = ports is not None and bool(ports.filename)
            if keep and has_ports:
                raise InvalidInput(
                    "tracks are kept only with the packaged ports table",
                    [Problem("leave Ports empty to keep the tracks", "ports")],
                )
            report = logistics.track_uploads(
                (_save(positions, folder, "positions.csv"), positions.filename or "positions.csv"),
                (_save(voyages, folder, "voyages.csv"), voyages.filename or "voyages.csv"),
                (_save(ports, folder, "ports.csv"), ports.filename or "ports.csv")
                if has_ports and ports is not None
                else None,
                with_tracks=True,
            )
            if keep:
                vessels.store_tracks(c, folder / "positions.csv", folder / "voyages.csv", user=user)
                stored = True
            carries = (
                vessels.voyage_shipments_of_file(
                    c, folder / "voyages.csv", folder / "ports.csv" if has_ports else None, user=user
                )
                if user.has_any(logistics.READERS)
                else {}
            )
    except ReechainError as e:
        ctx: dict[str, Any] = {
            "title": "Vessel tracking",
            "report": None,
            "problems": [e.message, *(str(p) for p in e.problems)],
        }
        return render(request, "logistics/track.html", ctx, status_code=e.http_status)
    fig = voyage_map(report.tracks, report.ports_used, report.alerts)
    ctx = {
        "title": "Vessel tracking",
        "report": report,
        "alerts": [a.as_json() for a in report.alerts],
        "carries": carries,
        "stored": stored,
        "map": plotly_div(fig, label="voyage map"),
        "problems": [],
    }
    return render(request, "logistics/track.html", ctx)

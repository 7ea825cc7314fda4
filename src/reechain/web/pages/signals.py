"""Market signals: upload notices and news, and read them on one dated timeline beside the price series."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

import plotly.graph_objects as go
import yaml
from fastapi import APIRouter, File, Form, Query, Request, UploadFile
from fastapi.responses import RedirectResponse, Response
from plotly.subplots import make_subplots

from reechain.api.deps import ContainerDep, CurrentUser
from reechain.api.routers.signals import SignalDocument, SignalIndex
from reechain.domain.errors import ReechainError
from reechain.services import signals as svc
from reechain.signals.measures import SEGMENTS
from reechain.signals.vocabulary import ELEMENTS
from reechain.web.charts import plotly_div
from reechain.web.templating import flash, render

router = APIRouter()
NAV = [("Signals", "/signals")]
COLOURS = {1: "#c0392b", -1: "#27ae60", 0: "#7f8c8d"}
WORDS = {1: "tightens", -1: "loosens", 0: "neutral"}


def timeline_figure(entries: list[svc.TimelineEntry], element: str | None) -> go.Figure:
    shown = element or "Dy"
    prices = svc.price_series(shown)
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, row_heights=[0.4, 0.6], vertical_spacing=0.06)
    if prices:
        fig.add_trace(
            go.Scatter(
                x=[date(p.year, 7, 1) for p in prices],
                y=[p.usd_per_kg for p in prices],
                mode="lines+markers",
                name=f"{prices[0].product}, USD/kg (annual average)",
                hovertext=[p.source for p in prices],
            ),
            row=1,
            col=1,
        )
    for d in (1, -1, 0):
        these = [e for e in entries if e.signal.direction == d]
        fig.add_trace(
            go.Scatter(
                x=[e.signal.effective or e.signal.announced for e in these],
                y=[f"{e.signal.measure}" for e in these],
                mode="markers",
                name=WORDS[d],
                marker={"size": 12, "color": COLOURS[d], "symbol": "diamond"},
                hovertext=[
                    f"{e.signal.doc_ref or e.signal.file}: {' '.join(e.signal.elements)} — "
                    f"{e.signal.evidence[:160]}"
                    for e in these
                ],
                hoverinfo="text+x",
            ),
            row=2,
            col=1,
        )
    fig.update_layout(height=480, margin={"l": 10, "r": 10, "t": 20, "b": 10}, legend={"orientation": "h"})
    fig.update_yaxes(title_text="USD/kg", row=1, col=1)
    return fig


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


@router.get("/signals")
def signals_page(
    request: Request,
    c: ContainerDep,
    user: CurrentUser,
    element: Annotated[str | None, Query(max_length=3)] = None,
    segment: Annotated[str | None, Query(max_length=20)] = None,
) -> Response:
    element = element if element in ELEMENTS else None
    segment = segment if segment in SEGMENTS else None
    entries = svc.timeline(c, user=user, element=element, segment=segment)
    ctx: dict[str, Any] = {
        "title": "Market signals",
        "entries": entries,
        "element": element or "",
        "segment": segment or "",
        "elements": sorted(ELEMENTS),
        "segments": SEGMENTS,
        "chart": plotly_div(timeline_figure(entries, element), label="signal timeline") if entries else None,
        "problems": [],
    }
    return render(request, "signals/index.html", ctx)


@router.post("/signals")
async def signals_upload(
    request: Request, c: ContainerDep, user: CurrentUser, files: Annotated[list[UploadFile], File()]
) -> Response:
    raw = [(f.filename or "upload.txt", await f.read(svc.MAX_FILE_BYTES + 1)) for f in files[:200]]
    try:
        rep = svc.ingest(c, raw, user=user)
    except ReechainError as e:
        entries = svc.timeline(c, user=user)
        ctx: dict[str, Any] = {
            "title": "Market signals",
            "entries": entries,
            "element": "",
            "segment": "",
            "elements": sorted(ELEMENTS),
            "segments": SEGMENTS,
            "chart": None,
            "problems": [str(p) for p in e.problems] or [e.message],
        }
        return render(request, "signals/index.html", ctx, status_code=e.http_status)
    flash(
        request,
        f"{_count(rep.stored, 'document')} stored ({rep.already_known} already known), "
        f"{_count(rep.signals, 'signal')}",
    )
    return RedirectResponse("/signals", status_code=303)


@router.post("/signals/{document}/{index}/run")
def run_scenario(
    request: Request,
    document: SignalDocument,
    index: SignalIndex,
    c: ContainerDep,
    user: CurrentUser,
    element: Annotated[str, Form(max_length=4)] = "",
) -> Response:
    """One action: the signal as a market scenario, started; its run page shows the notice beside the fan,
    opened on the element the timeline was filtered on."""
    try:
        run_id = svc.run_scenario(c, document, index, user=user)
    except ReechainError as e:
        flash(request, f"No scenario started: {'; '.join(str(p) for p in e.problems) or e.message}", "error")
        return RedirectResponse("/signals", status_code=303)
    flash(request, f"Scenario run {run_id} started from the signal.", "success")
    shown = f"?element={element}" if element in ELEMENTS else ""
    return RedirectResponse(f"/market/runs/{run_id}{shown}", status_code=303)


@router.get("/signals/{document}/{index}/shock.yaml")
def shock_yaml(
    document: SignalDocument,
    index: SignalIndex,
    c: ContainerDep,
    user: CurrentUser,
) -> Response:
    found, note = svc.shock(c, document, index, user=user)
    if found is None:
        return Response(
            f"# no scenario shock: {note}\n", media_type="text/plain; charset=utf-8", status_code=409
        )
    body = f"# {note}\n" + yaml.safe_dump({"shocks": [found]}, sort_keys=False, allow_unicode=True)
    return Response(
        body,
        media_type="application/yaml; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="shock-{document[:8]}-{index}.yaml"'},
    )

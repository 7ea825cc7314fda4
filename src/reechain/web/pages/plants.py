"""Plants: green and cost KPIs per t REO by plant and month, limit flags, records entry and import, what-if"""

from __future__ import annotations

import math
from typing import Annotated, Any

import plotly.graph_objects as go
from fastapi import APIRouter, File, Form, Path, Query, Request, UploadFile
from fastapi.responses import RedirectResponse, Response
from plotly.subplots import make_subplots

from reechain.api.deps import ContainerDep, CurrentUser
from reechain.domain.errors import NotFound, ReechainError
from reechain.green.kpis import COST_COMPONENTS, Kpis
from reechain.green.records import Category
from reechain.green.whatif import WhatIfMonth, annual_net_savings, what_if
from reechain.services import green as svc
from reechain.web.charts import plotly_div
from reechain.web.templating import flash, render

router = APIRouter()
NAV = [("Plants", "/plants")]
CODE = Path(pattern=r"^[A-Za-z0-9._-]{1,64}$")
PERIOD = Query(pattern=r"^\d{4}(-(0[1-9]|1[0-2]))?$")
COST_COLOURS = {
    "cost_reagents_cny": "#2e86de",
    "cost_energy_cny": "#f39c12",
    "cost_labour_cny": "#8e44ad",
    "cost_depreciation_cny": "#7f8c8d",
}
SHOWN_REAGENTS = (
    "sulfuric_acid_t",
    "hydrochloric_acid_t",
    "caustic_soda_t",
    "ammonium_bicarbonate_t",
    "oxalic_acid_t",
)


def production_figure(months: list[Kpis]) -> go.Figure:
    x = [k.period for k in months]
    fig = make_subplots(specs=[[{"secondary_y": True}]])
    fig.add_trace(
        go.Bar(x=x, y=[k.t_reo for k in months], name="t REO produced (ledger)", marker_color="#b8c7dc")
    )
    fig.add_trace(
        go.Scatter(
            x=x, y=[k.co2e_kg_per_t_reo for k in months], name="CO2e kg / t REO", mode="lines+markers"
        ),
        secondary_y=True,
    )
    energy = [k.per_t_reo.get("electricity_kwh") for k in months]
    if any(v is not None for v in energy):
        fig.add_trace(
            go.Scatter(x=x, y=energy, name="electricity kWh / t REO", mode="lines+markers"), secondary_y=True
        )
    fig.update_layout(height=360, margin={"l": 10, "r": 10, "t": 20, "b": 10}, legend={"orientation": "h"})
    fig.update_yaxes(title_text="t REO", secondary_y=False)
    fig.update_yaxes(title_text="per t REO", secondary_y=True)
    return fig


def cost_figure(months: list[Kpis], whatif: list[WhatIfMonth] | None) -> go.Figure:
    x = [k.period for k in months]
    fig = go.Figure()
    for item in COST_COMPONENTS:
        fig.add_trace(
            go.Bar(
                x=x,
                y=[k.per_t_reo.get(item) for k in months],
                name=item.removeprefix("cost_").removesuffix("_cny"),
                marker_color=COST_COLOURS[item],
            )
        )
    if whatif:
        fig.add_trace(
            go.Scatter(
                x=[m.period for m in whatif],
                y=[m.cost_after_cny_per_t_reo for m in whatif],
                name="after the upgrade (what-if)",
                mode="lines+markers",
                line={"color": "#27ae60", "width": 3},
            )
        )
    fig.update_layout(
        barmode="stack",
        height=360,
        margin={"l": 10, "r": 10, "t": 20, "b": 10},
        legend={"orientation": "h"},
        yaxis_title="CNY / t REO",
    )
    return fig


def reagent_figure(months: list[Kpis]) -> go.Figure:
    x = [k.period for k in months]
    fig = go.Figure()
    for item in SHOWN_REAGENTS:
        ys = [k.per_t_reo.get(item) for k in months]
        if any(v is not None for v in ys):
            fig.add_trace(go.Scatter(x=x, y=ys, name=item.removesuffix("_t"), mode="lines+markers"))
    fig.update_layout(
        height=320,
        margin={"l": 10, "r": 10, "t": 20, "b": 10},
        legend={"orientation": "h"},
        yaxis_title="t reagent / t REO",
    )
    return fig


@router.get("/plants")
def plants_page(
    request: Request, c: ContainerDep, user: CurrentUser, period: Annotated[str | None, PERIOD] = None
) -> Response:
    report = svc.plant_kpis(c, period=period)
    ctx: dict[str, Any] = {
        "title": "Plants",
        "period": period or "",
        "plants": report.plants,
        "exceedances": [e for k in report.months for e in k.exceedances],
        "problems": [],
    }
    return render(request, "plants/index.html", ctx)


def _default_whatif(code: str) -> tuple[float | None, str]:
    from reechain.services.green_sample import sample_upgrade

    up = sample_upgrade()
    if up.plant != code:
        return None, ""
    return annual_net_savings(up.project, up.unit_cny), up.start_period


def _plant_context(
    c: Any, code: str, period: str | None, savings: float | None, start: str | None
) -> dict[str, Any]:
    report = svc.plant_kpis(c, plant=code, period=period)
    months = report.months
    if savings is None and not start:
        savings, start = _default_whatif(code)
    whatif = what_if(months, savings, start) if savings is not None and start else None
    measured_items = sorted({i for k in months for i in k.measured})
    cat = svc.catalogue()
    return {
        "title": f"Plant {code}",
        "code": code,
        "period": period or "",
        "summary": report.plants[0] if report.plants else None,
        "months": months,
        "measured_items": measured_items,
        "exceedances": [e for k in months for e in k.exceedances],
        "items": sorted(cat.items.values(), key=lambda i: (list(Category).index(i.category), i.item)),
        "savings": "" if savings is None else f"{savings:.0f}",
        "start": start or "",
        "whatif": whatif,
        "charts": {
            "production": plotly_div(
                production_figure(months), label="production, CO2e and energy per t REO"
            ),
            "cost": plotly_div(cost_figure(months, whatif), label="cost per t REO by component"),
            "reagents": plotly_div(reagent_figure(months), label="reagents per t REO"),
        }
        if months
        else None,
        "problems": [],
    }


@router.get("/plants/{code}")
def plant_page(
    request: Request,
    c: ContainerDep,
    user: CurrentUser,
    code: Annotated[str, CODE],
    period: Annotated[str | None, PERIOD] = None,
    savings: Annotated[str | None, Query(max_length=30)] = None,
    start: Annotated[str | None, Query(max_length=7)] = None,
) -> Response:
    problems = []
    value: float | None = None
    if savings:
        try:
            value = float(savings.replace(",", ""))
            if not math.isfinite(value):
                raise ValueError
        except ValueError:
            problems.append(f"annual net savings: {savings!r} is not a finite number")
    if start and (len(start) != 7 or not svc.PERIOD_FILTER.match(start)):
        problems.append(f"from: {start!r} is not a month YYYY-MM")
        start = None
    if code not in svc.plant_codes(c):
        raise NotFound(f"no plant {code!r}")
    ctx = _plant_context(c, code, period, value, start)
    ctx["problems"] = problems
    return render(request, "plants/plant.html", ctx, status_code=422 if problems else 200)


@router.post("/plants/{code}/records")
def enter_record(
    request: Request,
    c: ContainerDep,
    user: CurrentUser,
    code: Annotated[str, CODE],
    period: Annotated[str, Form(max_length=7)],
    item: Annotated[str, Form(max_length=64)],
    quantity: Annotated[str, Form(max_length=40)],
    zone: Annotated[str, Form(max_length=16)] = "general",
    note: Annotated[str, Form(max_length=2000)] = "",
    replace: Annotated[str, Form(max_length=5)] = "",
) -> Response:
    row = {"plant": code, "period": period, "item": item, "quantity": quantity, "zone": zone, "note": note}
    try:
        rep = svc.store_records(c, [(1, row)], source="entered", replace=bool(replace), actor=user)
    except ReechainError as e:
        ctx = _plant_context(c, code, None, None, None)
        ctx["problems"] = [str(p) for p in e.problems] or [e.message]
        return render(request, "plants/plant.html", ctx, status_code=e.http_status)
    flash(request, f"{item} for {period}: {'replaced' if rep.replaced else 'recorded'}")
    return RedirectResponse(f"/plants/{code}", status_code=303)


@router.post("/plants/import")
async def import_file(
    request: Request,
    c: ContainerDep,
    user: CurrentUser,
    file: Annotated[UploadFile, File()],
    replace: Annotated[str, Form(max_length=5)] = "",
) -> Response:
    data = await file.read(svc.MAX_FILE_BYTES + 1)
    try:
        rep = svc.import_records(c, file.filename or "upload.csv", data, replace=bool(replace), actor=user)
    except ReechainError as e:
        report = svc.plant_kpis(c)
        ctx: dict[str, Any] = {
            "title": "Plants",
            "period": "",
            "plants": report.plants,
            "exceedances": [x for k in report.months for x in k.exceedances],
            "problems": [str(p) for p in e.problems] or [e.message],
        }
        return render(request, "plants/index.html", ctx, status_code=e.http_status)
    flash(request, f"{rep.rows} records imported: {rep.added} added, {rep.replaced} replaced")
    return RedirectResponse("/plants", status_code=303)

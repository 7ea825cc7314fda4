"""Market pages: the world view (shares, HHI, prices, demand, the group's position) and scenario runs with
progress, cancel, fan charts, comparison and downloads."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Annotated, Any

import plotly.graph_objects as go
from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import RedirectResponse, Response

from reechain.api.deps import ContainerDep, CurrentUser, require_roles
from reechain.domain.elements import ELEMENT_SYMBOLS
from reechain.domain.errors import Conflict, InvalidInput, NotFound
from reechain.domain.roles import Role
from reechain.market import world
from reechain.services import market, market_runs
from reechain.services.auth import AuthenticatedUser
from reechain.web.charts import plotly_div
from reechain.web.templating import flash, render

router = APIRouter()
NAV = [("Market", "/market")]
Analyst = Annotated[AuthenticatedUser, Depends(require_roles(Role.ANALYST))]
EXAMPLE = """start: 2026-01
months: 24
runs: 500
seed: 3
shocks:
  - {kind: export_licensing, country: CN, elements: [Tb], start: 2026-03, end: 2026-08,
     export_share_allowed: 0.5}
  - {kind: mine_outage, country: MM, elements: [Dy, Tb], start: 2026-05, end: 2026-10, change: -0.3}
"""


def share_figure(doc: dict[str, Any]) -> go.Figure:
    rows = doc["shares"]
    fig = go.Figure(go.Bar(x=[r["country"][:28] for r in rows], y=[100 * r["share"] for r in rows]))
    fig.update_layout(
        title=f"{doc['stage']} {doc['year']} · HHI {doc['hhi']:,.0f}",
        yaxis_title="share, %",
        height=300,
        margin={"t": 40, "b": 90},
    )
    return fig


def fan_figure(months: list[str], q: dict[str, list[float]], title: str, y_title: str) -> go.Figure:
    fig = go.Figure()
    fig.add_scatter(x=months, y=q["p95"], mode="lines", line={"width": 0}, name="p95", showlegend=False)
    fig.add_scatter(
        x=months,
        y=q["p5"],
        mode="lines",
        line={"width": 0},
        fill="tonexty",
        fillcolor="rgba(31,119,180,0.25)",
        name="p5–p95",
    )
    fig.add_scatter(x=months, y=q["p50"], mode="lines", line={"width": 2, "color": "#1f77b4"}, name="p50")
    fig.update_layout(title=title, yaxis_title=y_title, height=320, margin={"t": 40, "b": 40})
    return fig


def _bridge_link(scope: str, key: str, year: int) -> str:
    """The stock bridge of the year for an element or segment: its "sold" line is the group's sales shown."""
    from urllib.parse import urlencode

    from reechain import refdata
    from reechain.domain.elements import Segment

    if scope == "element":
        elements = [key]
    elif scope == "segment" and key in {s.value for s in Segment}:
        elements = [e.symbol for e in refdata.elements().in_segment(Segment(key))]
    else:
        return ""
    query = {"elements": ",".join(elements), "start": f"{year}-01-01", "end": f"{year}-12-31"}
    return "/stock/bridge?" + urlencode(query, safe=",")


def _world_context(c: Any, year: int) -> dict[str, Any]:
    charts, missing = [], []
    for stage in world.STAGES:
        try:
            doc = market.concentration(c, stage)
            charts.append((doc, plotly_div(share_figure(doc), label=f"shares {stage}")))
        except (NotFound, InvalidInput) as e:
            missing.append((stage, e.message))
    return {
        "stages": charts,
        "missing": missing,
        "position": [
            {**asdict(s), "trace": _bridge_link(s.scope, s.key, year)} for s in market.group_position(c, year)
        ],
        "prices": world.prices()[:400],
        "demand": world.demand(),
    }


@router.get("/market")
def market_page(
    request: Request,
    c: ContainerDep,
    _: CurrentUser,
    year: Annotated[int | None, Query(ge=1900, le=2200)] = None,
) -> Response:
    year = year or date.today().year
    ctx = {
        "title": "Market",
        "year": year,
        "example": EXAMPLE,
        "runs": market_runs.list_runs(c),
        **_world_context(c, year),
    }
    return render(request, "market/index.html", ctx)


@router.get("/market/runs")
def runs_fragment(request: Request, c: ContainerDep, _: CurrentUser) -> Response:
    return render(request, "market/_runs.html", {"runs": market_runs.list_runs(c)})


@router.post("/market/scenarios")
def start_scenario(
    request: Request,
    c: ContainerDep,
    user: Analyst,
    scenario: Annotated[str, Form(max_length=100_000)] = "",
    name: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    try:
        sc = market_runs.parse_scenario_text(scenario)
        run_id = market_runs.start_run(c, sc, name=name, by=user.username, roles=user.roles)
    except InvalidInput as e:
        year = date.today().year
        ctx = {
            "title": "Market",
            "year": year,
            "example": scenario,
            "runs": market_runs.list_runs(c),
            "error_message": e.message,
            "errors": [str(p) for p in e.problems],
            **_world_context(c, year),
        }
        return render(request, "market/index.html", ctx, status_code=422)
    flash(request, f"Scenario run {run_id} started.", "success")
    return RedirectResponse(f"/market/runs/{run_id}", status_code=303)


def _shocked_element(scenario: Any) -> str:
    """The first element the scenario's first shocks name (Tb when none does): what the run page opens on."""
    shocks = scenario.get("shocks") if isinstance(scenario, dict) else None
    for shock in shocks or []:
        for element in (shock.get("elements") or []) if isinstance(shock, dict) else []:
            if element in ELEMENT_SYMBOLS:
                return str(element)
    return "Tb"


def _run_context(c: Any, run_id: int, element: str) -> dict[str, Any]:
    run = market_runs.get_run(c, run_id)
    if element not in ELEMENT_SYMBOLS:
        element = _shocked_element(run["scenario"])
    charts = []
    doc = run["result"]
    if doc is not None:
        d = doc["elements"][element]
        for key, label in (("ex_china", "ex-China"), ("china", "China")):
            fig = fan_figure(
                doc["months"],
                d["markets"][key]["price_index"],
                f"{element} {label} price index",
                f"index ({doc['index_base_month']} = 1)",
            )
            charts.append(plotly_div(fig, label=f"fan chart {element} {key}"))
        charts.append(
            plotly_div(
                fan_figure(doc["months"], d["shortage_t"], f"{element} shortage", "t / month"),
                label=f"fan chart {element} shortage",
            )
        )
    return {"run": run, "element": element, "elements": ELEMENT_SYMBOLS, "charts": charts}


@router.get("/market/runs/{run_id}")
def run_page(
    request: Request,
    c: ContainerDep,
    _: CurrentUser,
    run_id: int,
    element: Annotated[str, Query(max_length=4)] = "",
    fragment: bool = False,
) -> Response:
    ctx = {"title": f"Scenario run {run_id}", **_run_context(c, run_id, element)}
    return render(request, "market/_run_status.html" if fragment else "market/run.html", ctx)


@router.post("/market/runs/{run_id}/cancel")
def cancel_run(request: Request, c: ContainerDep, user: Analyst, run_id: int) -> Response:
    try:
        market_runs.cancel_run(c, run_id, roles=user.roles)
        flash(request, f"Scenario run {run_id}: cancel requested.", "info")
    except Conflict as e:
        flash(request, e.message, "error")
    return RedirectResponse(f"/market/runs/{run_id}", status_code=303)


@router.get("/market/compare")
def compare_page(
    request: Request,
    c: ContainerDep,
    _: CurrentUser,
    ids: Annotated[list[int], Query()],
    element: Annotated[str, Query(max_length=4)] = "Tb",
    market_name: Annotated[str, Query(alias="market", max_length=10)] = "ex_china",
) -> Response:
    rows = market_runs.compare(c, ids, element, market_name)
    fig = go.Figure()
    for i in ids:
        doc = market_runs.result(c, i)
        fig.add_scatter(
            x=doc["months"],
            y=doc["elements"][element]["markets"][market_name]["price_index"]["p50"],
            mode="lines",
            name=f"#{i} p50",
        )
    fig.update_layout(
        title=f"{element} {market_name} price index, p50", height=320, margin={"t": 40, "b": 40}
    )
    ctx = {
        "title": "Compare scenarios",
        "rows": rows,
        "element": element,
        "market": market_name,
        "chart": plotly_div(fig, label=f"comparison {element}"),
    }
    return render(request, "market/compare.html", ctx)

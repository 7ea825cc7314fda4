"""Market REST API: concentration (HHI), the world figures, the group's position, scenario runs."""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query
from fastapi import Path as PathParam
from fastapi.responses import Response
from pydantic import BaseModel, Field

from reechain.api.deps import ContainerDep, CurrentUser, require_roles
from reechain.domain.roles import Role
from reechain.services import market, market_runs
from reechain.services.auth import AuthenticatedUser

router = APIRouter(prefix="/api/market", tags=["market"])
Analyst = Annotated[AuthenticatedUser, Depends(require_roles(Role.ANALYST))]
RunId = Annotated[int, PathParam(ge=1)]


class CompanySharePublic(BaseModel):
    company: str
    share: float
    share_of_country: float
    source: str


class CountrySharePublic(BaseModel):
    country: str
    share: float = Field(description="fraction 0-1 of the world stage")
    source: str
    vintage: str
    confidence: str
    value: float | None = None
    unit: str = ""
    companies: list[CompanySharePublic] = []


class ConcentrationPublic(BaseModel):
    stage: str
    year: int
    element: str | None
    hhi: float = Field(description="0-10,000; the rest of the world counted as one producer where not split")
    hhi_min: float = Field(description="lower bound: the unsplit rest counted as many small producers")
    basis: str
    rest_counting: str
    shares: list[CountrySharePublic]


class PriceRow(BaseModel):
    date: str
    period_type: str
    product: str
    spec: str
    basis: str
    value_low: str
    value_high: str
    value_point: str
    unit: str
    source: str
    confidence: str
    note: str


class DemandRow(BaseModel):
    application: str
    metric: str
    value: str
    unit: str
    year: str
    source: str
    confidence: str
    note: str


class SharePublic(BaseModel):
    year: int
    scope: str
    key: str
    group_sales_t_reo: float
    market_t_reo: float | None
    share: float | None
    source: str
    basis: str


class Quantile(BaseModel):
    p5: list[float]
    p50: list[float]
    p95: list[float]


class MarketPaths(BaseModel):
    price_index: Quantile


class ElementResult(BaseModel):
    markets: dict[Literal["china", "ex_china"], MarketPaths]
    shortage_t: Quantile


class ScenarioResult(BaseModel):
    months: list[str]
    runs: int
    seed: int
    index_base_month: str
    quantiles: str
    scheduler: str
    scenario: dict[str, Any]
    elements: dict[str, ElementResult]


class ScenarioIn(BaseModel):
    scenario: dict[str, Any] = Field(description="the scenario in the file format of docs/market.md, as JSON")
    name: str = Field(default="", max_length=200)


class RunPublic(BaseModel):
    id: int
    name: str
    status: Literal["running", "done", "failed", "cancelled"]
    runs: int
    seed: int
    blocks_done: int
    blocks_total: int
    progress: float
    created_by: str | None
    created_at: datetime
    finished_at: datetime | None
    error: str
    scenario: dict[str, Any]


class RunDetail(RunPublic):
    result: ScenarioResult | None


class ComparisonRow(BaseModel):
    scenario: str
    element: str
    market: str
    p50_peak: float
    p50_peak_month: str
    p95_peak: float
    p50_end: float
    shortage_p50_total_t: float


@router.get(
    "/concentration", response_model=ConcentrationPublic, summary="Shares by country and HHI of a stage"
)
def concentration(
    c: ContainerDep,
    _: CurrentUser,
    stage: Annotated[str, Query(max_length=20)],
    element: Annotated[str | None, Query(max_length=4)] = None,
    year: Annotated[int | None, Query(ge=1900, le=2200)] = None,
) -> ConcentrationPublic:
    return ConcentrationPublic.model_validate(market.concentration(c, stage, element=element, year=year))


@router.get("/prices", response_model=list[PriceRow], summary="Packaged prices with basis, unit and source")
def prices(_: CurrentUser, product: Annotated[str | None, Query(max_length=100)] = None) -> list[PriceRow]:
    from reechain.market import world

    return [PriceRow.model_validate(r) for r in world.prices(product)]


@router.get("/demand", response_model=list[DemandRow], summary="Demand by application with source")
def demand(_: CurrentUser) -> list[DemandRow]:
    from reechain.market import world

    return [DemandRow.model_validate(r) for r in world.demand()]


@router.get(
    "/position/{year}", response_model=list[SharePublic], summary="The group's share of the world market"
)
def position(
    year: Annotated[int, PathParam(ge=1900, le=2200)], c: ContainerDep, _: CurrentUser
) -> list[SharePublic]:
    return [SharePublic.model_validate(asdict(s)) for s in market.group_position(c, year)]


@router.post(
    "/scenarios", response_model=RunPublic, status_code=202, summary="Start a scenario run (background)"
)
def start(body: ScenarioIn, c: ContainerDep, user: Analyst) -> RunPublic:
    from reechain.market.scenario import parse_scenario

    sc = parse_scenario(body.scenario)
    run_id = market_runs.start_run(c, sc, name=body.name, by=user.username, roles=user.roles)
    return RunPublic.model_validate(market_runs.get_run(c, run_id))


@router.get("/scenarios", response_model=list[RunPublic], summary="Scenario runs, newest first")
def runs(c: ContainerDep, _: CurrentUser) -> list[RunPublic]:
    return [RunPublic.model_validate(r) for r in market_runs.list_runs(c)]


@router.get("/scenarios/compare", response_model=list[ComparisonRow], summary="Compare finished runs")
def compare(
    c: ContainerDep,
    _: CurrentUser,
    ids: Annotated[list[int], Query()],
    element: Annotated[str, Query(max_length=4)],
    market_name: Annotated[Literal["china", "ex_china"], Query(alias="market")] = "ex_china",
) -> list[ComparisonRow]:
    return [ComparisonRow.model_validate(r) for r in market_runs.compare(c, ids, element, market_name)]


@router.get("/scenarios/{run_id}", response_model=RunDetail, summary="A run with its quantiles when done")
def run(run_id: RunId, c: ContainerDep, _: CurrentUser) -> RunDetail:
    return RunDetail.model_validate(market_runs.get_run(c, run_id))


@router.post("/scenarios/{run_id}/cancel", response_model=RunPublic, summary="Cancel a running scenario")
def cancel(run_id: RunId, c: ContainerDep, user: Analyst) -> RunPublic:
    return RunPublic.model_validate(market_runs.cancel_run(c, run_id, roles=user.roles))


@router.get(
    "/scenarios/{run_id}/export.{fmt}",
    response_class=Response,
    responses={
        200: {
            "content": {
                "text/csv": {"schema": {"type": "string", "format": "binary"}},
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
                    "schema": {"type": "string", "format": "binary"}
                },
            }
        }
    },
    summary="Download a run's quantiles (csv or xlsx)",
)
def export(run_id: RunId, fmt: Literal["csv", "xlsx"], c: ContainerDep, _: CurrentUser) -> Response:
    content, media = market_runs.export(c, run_id, fmt)
    return Response(
        content,
        media_type=media,
        headers={"Content-Disposition": f'attachment; filename="scenario-{run_id}.{fmt}"'},
    )

"""Inventory REST API: stock policies, alerts and cover, policy files, forecasts."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool

from reechain.api.deps import ContainerDep, CurrentUser, require_roles
from reechain.domain.errors import InvalidInput, Problem
from reechain.domain.roles import Role
from reechain.inventory.alerts import Alert, Cover, StockPolicy
from reechain.inventory.forecasting import Accuracy
from reechain.services import inventory as svc
from reechain.services.auth import AuthenticatedUser

PRINTABLE = r"^[^\x00-\x1f\x7f]+$"  # no control characters (PostgreSQL text refuses NUL)
router = APIRouter(prefix="/api/inventory", tags=["inventory"])
Controller = Annotated[AuthenticatedUser, Depends(require_roles(Role.INVENTORY_CONTROLLER, Role.PLANNER))]
Code = Annotated[str, Path(min_length=1, max_length=64, pattern=PRINTABLE)]
MAX_POLICY_FILE_BYTES = 1_000_000


class PolicyLevels(BaseModel):
    model_config = ConfigDict(allow_inf_nan=False)  # Infinity / 1e400 / NaN refused
    location: str = Field("*", min_length=1, max_length=64, pattern=PRINTABLE)
    safety_stock_t: float | None = Field(None, ge=0)
    reorder_point_t: float | None = Field(None, ge=0)
    order_quantity_t: float | None = Field(None, ge=0)
    min_t: float | None = Field(None, ge=0)
    max_t: float | None = Field(None, ge=0)
    lot_multiple_t: float | None = Field(None, gt=0)


class PolicyPublic(PolicyLevels):
    product: str
    source: str


class StockPicture(BaseModel):
    window_days: int
    alerts: list[Alert]
    cover: list[Cover]


class PolicyItemResult(BaseModel):
    """One item of a policy file evaluated: its id, model and period, then the model's own figures
    (docs/inventory.md lists them per model)."""

    model_config = ConfigDict(extra="allow")
    id: str | None = None
    model: str
    period: str | None = None


class PolicyFileResult(BaseModel):
    items: list[PolicyItemResult]


class ForecastPublic(BaseModel):
    model: str
    demand_class: str
    level: int
    holdout: int
    history: list[float]
    mean: list[float]
    lo: list[float] | None
    hi: list[float] | None
    accuracy: list[Accuracy]


@router.get("/policies", response_model=list[PolicyPublic])
def list_policies(c: ContainerDep, _: CurrentUser) -> list[PolicyPublic]:
    return [PolicyPublic.model_validate(asdict(p)) for p in svc.list_policies(c)]


@router.put("/policies/{product}", response_model=PolicyPublic)
def put_policy(product: Code, body: PolicyLevels, c: ContainerDep, user: CurrentUser) -> PolicyPublic:
    policy = StockPolicy(product, source="api", **body.model_dump())
    p = svc.set_policy(c, policy, by=user.username, actor=user)
    return PolicyPublic.model_validate(asdict(p))


@router.get("/alerts", response_model=StockPicture)
def alerts(
    c: ContainerDep,
    _: CurrentUser,
    window_days: Annotated[int, Query(ge=1, le=3650)] = 90,
    low_cover_days: Annotated[float, Query(ge=0)] = 14.0,
    slow_cover_days: Annotated[float, Query(ge=0)] = 365.0,
) -> StockPicture:
    """Alerts (policy levels, low cover, slow movers) and days of cover per product and element."""
    pic = svc.stock_picture(
        c, window_days=window_days, low_cover_days=low_cover_days, slow_cover_days=slow_cover_days
    )
    return StockPicture.model_validate(
        {"window_days": pic.window_days, "alerts": pic.alerts, "cover": pic.covers}
    )


@router.post("/policy-file", response_model=PolicyFileResult)
async def evaluate_policy_file(request: Request, _: CurrentUser) -> PolicyFileResult:
    """Body: a stock policy file (YAML, docs/inventory.md). Answer: {"items": [...]} as the CLI's JSON."""
    body = await request.body()
    if len(body) > MAX_POLICY_FILE_BYTES:
        raise InvalidInput(
            "policy file too large", [Problem(f"over {MAX_POLICY_FILE_BYTES} bytes", field="body")]
        )
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise InvalidInput("policy file is not UTF-8", [Problem("bad encoding", field="body")]) from None
    return PolicyFileResult.model_validate(await run_in_threadpool(svc.evaluate_policies_text, text))


@router.get("/forecast/{product}", response_model=ForecastPublic)
def forecast(
    product: Code,
    c: ContainerDep,
    _: CurrentUser,
    period: Annotated[str, Query(pattern="^(week|month)$")] = "month",
    horizon: Annotated[int, Query(ge=1, le=104)] = 6,
    level: Annotated[int, Query(ge=50, le=99)] = 80,
    channel: Annotated[str | None, Query(max_length=32, pattern=PRINTABLE)] = None,
) -> ForecastPublic:
    fc = svc.forecast_product(c, product, channel=channel, period=period, horizon=horizon, level=level)
    return ForecastPublic.model_validate(fc.to_dict())

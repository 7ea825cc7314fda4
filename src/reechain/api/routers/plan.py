"""REST: stored plans, running a plan from the ledger, solving a planning problem sent as JSON."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Response
from pydantic import BaseModel, ConfigDict, Field

from reechain.api.deps import ContainerDep, CurrentUser, require_roles
from reechain.domain.roles import Role
from reechain.planning.compare import compare_plans
from reechain.planning.run import solve_problem
from reechain.planning.scenarios import apply_overrides
from reechain.planning.validation import problem_from_data
from reechain.services import planning, work_orders
from reechain.services.auth import AuthenticatedUser

router = APIRouter(prefix="/api/plans", tags=["planning"])
Planner = Annotated[AuthenticatedUser, Depends(require_roles(Role.PLANNER))]
MAX_ID = 2**31 - 1
PlanId = Annotated[int, Path(ge=1, le=MAX_ID)]
PlanRef = Annotated[int, Query(ge=1, le=MAX_ID)]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class PlanRunCreate(BaseModel):
    year: int = Field(ge=1901, le=2199)
    periods: str = Field(default="quarters", pattern="^(quarters|months|weeks)$")
    overrides: list[str] = Field(default_factory=list, description="Scenario overrides PATH=VALUE")
    explain: bool = False
    partners: bool = Field(default=False, description="Use the registered partners and agreements")


class PlanSolve(BaseModel):
    problem: dict[str, Any] = Field(description="A planning problem in the file format of docs/planning.md")
    overrides: list[str] = Field(default_factory=list)
    explain: bool = False
    store: bool = False


class PlanSummary(BaseModel):
    id: int
    name: str
    year: int | None
    created_at: datetime
    created_by: str | None
    status: str
    objective: float
    currency: str
    overrides: list[str]


Tonnes = Annotated[float, Field(gt=0, le=1e9, allow_inf_nan=False)]
PeriodLabel = Annotated[str, Path(min_length=1, max_length=20, pattern=r"^[0-9A-Za-z-]+$")]


class WorkOrderPublic(BaseModel):
    """A work order: planned and (once confirmed) actual feed and outputs, t of product; element content of
    the outputs, t REO; ``reference`` is the ledger reference of its transformation."""

    id: int
    plan_id: int
    period: str
    step: str
    plant: str
    process: str
    status: str
    recovery: float
    planned_feed_t: dict[str, float]
    planned_outputs_t: dict[str, float]
    planned_t_reo: dict[str, float]
    released_by: str
    released_at: datetime
    confirmed_by: str | None
    confirmed_at: datetime | None
    occurred_on: date | None
    actual_recovery: float | None
    actual_feed_t: dict[str, float] | None
    actual_outputs_t: dict[str, float] | None
    actual_t_reo: dict[str, float] | None
    lots: list[str] | None
    reference: str


class WorkOrderConfirm(BaseModel):
    actual_t: dict[str, Tonnes] = Field(
        default_factory=dict, description="Actual t by feed or output product where it differs from the plan"
    )
    recovery: float | None = Field(default=None, gt=0, le=1, allow_inf_nan=False)
    on: date | None = Field(default=None, description="Day of the transformation (default today)")


class WorkOrderCancel(BaseModel):
    reason: str = Field(min_length=1, max_length=500, description="Why the plant will not run it")


class ElementExecutionPublic(BaseModel):
    period: str
    element: str
    planned_t_reo: float
    released_t_reo: float
    actual_t_reo: float


class PlanExecutionPublic(BaseModel):
    plan_id: int
    periods: list[str]
    released_periods: list[str] = Field(description="Periods with work orders, cancelled ones included")
    releasable_periods: list[str] = Field(
        description="Periods that may be released: no work order yet, or every one cancelled"
    )
    work_orders: list[WorkOrderPublic]
    elements: list[ElementExecutionPublic]


def _work_order(wo: work_orders.WorkOrder) -> WorkOrderPublic:
    return WorkOrderPublic(**asdict(wo), reference=wo.reference)


@router.post("/{plan_id}/periods/{period}/release", status_code=201, response_model=list[WorkOrderPublic])
def release_period(
    c: ContainerDep, user: CurrentUser, plan_id: PlanId, period: PeriodLabel
) -> list[WorkOrderPublic]:
    """Release a plan period as work orders, one per plant step that runs in it (planner). 409 while the
    period has open or confirmed work orders; a period whose work orders were all cancelled is released
    again."""
    orders = work_orders.release_period(c, plan_id, period, actor=user.username, roles=user.roles)
    return [_work_order(wo) for wo in orders]


@router.get("/{plan_id}/work-orders", response_model=list[WorkOrderPublic])
def list_work_orders(
    c: ContainerDep,
    _: CurrentUser,
    plan_id: PlanId,
    period: Annotated[str | None, Query(max_length=20)] = None,
) -> list[WorkOrderPublic]:
    return [_work_order(wo) for wo in work_orders.list_work_orders(c, plan_id, period)]


@router.get("/{plan_id}/execution", response_model=PlanExecutionPublic)
def plan_execution(c: ContainerDep, _: CurrentUser, plan_id: PlanId) -> PlanExecutionPublic:
    """Plan versus actual per period and element (separation output, t REO), with the work orders."""
    ex = work_orders.plan_execution(c, plan_id)
    return PlanExecutionPublic(
        plan_id=ex.plan_id,
        periods=ex.periods,
        released_periods=ex.released_periods,
        releasable_periods=ex.releasable_periods,
        work_orders=[_work_order(wo) for wo in ex.work_orders],
        elements=[ElementExecutionPublic(**asdict(r)) for r in ex.elements],
    )


@router.get("/work-orders/{work_order_id}", response_model=WorkOrderPublic)
def get_work_order(c: ContainerDep, _: CurrentUser, work_order_id: PlanId) -> WorkOrderPublic:
    return _work_order(work_orders.get_work_order(c, work_order_id))


@router.post("/work-orders/{work_order_id}/confirm", response_model=WorkOrderPublic)
def confirm_work_order(
    body: WorkOrderConfirm, c: ContainerDep, user: CurrentUser, work_order_id: PlanId
) -> WorkOrderPublic:
    """Post the work order's transformation to the ledger and mark it confirmed (planner or inventory
    controller)."""
    wo = work_orders.confirm_work_order(
        c,
        work_order_id,
        actor=user.username,
        roles=user.roles,
        actual_t=body.actual_t,
        recovery=body.recovery,
        on=body.on,
    )
    return _work_order(wo)


@router.post("/work-orders/{work_order_id}/cancel", response_model=WorkOrderPublic)
def cancel_work_order(
    body: WorkOrderCancel, c: ContainerDep, user: CurrentUser, work_order_id: PlanId
) -> WorkOrderPublic:
    """Cancel an open work order: nothing is posted; who and why go to the audit trail (planner)."""
    wo = work_orders.cancel_work_order(
        c, work_order_id, actor=user.username, roles=user.roles, reason=body.reason
    )
    return _work_order(wo)


JsonValue = str | int | float | bool | None | list[Any] | dict[str, Any]


class PlanDocument(BaseModel):
    """A plan document as `reechain plan solve --json` writes it (every field in docs/planning.md); the
    per-period and per-quota details are kept as they are (``periods``, ``quotas``, ``licences``)."""

    model_config = ConfigDict(extra="allow")
    id: int | None = None
    name: str
    currency: str
    status: str
    objective: float
    mip: bool
    objective_terms: dict[str, float]
    dual_convention: str
    periods: list[dict[str, Any]]
    quotas: list[dict[str, Any]]
    licences: list[dict[str, Any]]
    solve_s: float
    build_s: float
    source: dict[str, Any] = Field(default_factory=dict)
    explanation: dict[str, Any] | None = None


class PlanComparison(BaseModel):
    """How plan B differs from plan A (``reechain plan compare --json``): each row holds A, B and change."""

    model_config = ConfigDict(extra="allow")
    a: str | None
    b: str | None
    objective: dict[str, float]
    objective_terms: list[dict[str, Any]]
    quotas: list[dict[str, Any]]
    production_t: list[dict[str, Any]]
    elements_made_t_reo: list[dict[str, Any]]
    sales_t: list[dict[str, Any]]
    end_stock_t: list[dict[str, Any]]


@router.get("", response_model=list[PlanSummary])
def list_plans(
    c: ContainerDep, _: CurrentUser, year: Annotated[int | None, Query(ge=1901, le=2199)] = None
) -> list[PlanSummary]:
    return [PlanSummary(**p.__dict__) for p in planning.list_plans(c, year=year)]


@router.get("/compare", response_model=PlanComparison)
def compare(c: ContainerDep, _: CurrentUser, a: PlanRef, b: PlanRef) -> PlanComparison:
    return PlanComparison.model_validate(compare_plans(planning.get_plan(c, a), planning.get_plan(c, b)))


@router.get("/{plan_id}", response_model=PlanDocument)
def get_plan(c: ContainerDep, _: CurrentUser, plan_id: PlanId) -> PlanDocument:
    return PlanDocument.model_validate(planning.get_plan(c, plan_id))


@router.get(
    "/{plan_id}/xlsx",
    response_class=Response,
    responses={
        200: {
            "content": {XLSX: {"schema": {"type": "string", "format": "binary"}}},
            "description": "The plan as an Excel workbook.",
        }
    },
)
def get_plan_xlsx(c: ContainerDep, _: CurrentUser, plan_id: PlanId) -> Response:
    """The stored plan as an Excel workbook (sheets and columns in docs/planning.md)."""
    return Response(
        content=planning.plan_workbook_bytes(c, plan_id),
        media_type=XLSX,
        headers={"Content-Disposition": f'attachment; filename="plan-{plan_id}.xlsx"'},
    )


@router.post("/run", status_code=201, response_model=PlanDocument)
def run_plan(body: PlanRunCreate, c: ContainerDep, user: Planner) -> PlanDocument:
    return PlanDocument.model_validate(
        planning.run_plan(
            c,
            body.year,
            period_kind=body.periods,
            overrides=body.overrides,
            explain=body.explain,
            created_by=user.username,
            with_partners=body.partners,
        )
    )


@router.post("/solve", response_model=PlanDocument)
def solve(body: PlanSolve, c: ContainerDep, user: Planner) -> PlanDocument:
    data = apply_overrides(body.problem, body.overrides) if body.overrides else body.problem
    doc = solve_problem(problem_from_data(data), with_explanation=body.explain)
    doc["source"] = {"overrides": body.overrides}
    if body.store:
        doc["id"] = planning.store_plan(c, doc, data, created_by=user.username)
    return PlanDocument.model_validate(doc)

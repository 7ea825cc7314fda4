"""Plan pages: run a plan (from the ledger or a planning file), look at one, compare two side by side."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, Path, Query, Request, UploadFile
from fastapi.responses import RedirectResponse, Response

from reechain.api.deps import ContainerDep, CurrentUser, require_roles
from reechain.domain.errors import Conflict, InvalidInput, NotFound, Problem, RuleViolation
from reechain.domain.roles import Role
from reechain.planning.compare import compare_plans
from reechain.planning.explain import explain
from reechain.services import planning, work_orders
from reechain.services.auth import AuthenticatedUser
from reechain.web.charts import plotly_div
from reechain.web.templating import flash, render

router = APIRouter()
NAV = [("Plan", "/plans")]
Planner = Annotated[AuthenticatedUser, Depends(require_roles(Role.PLANNER))]


def _index(request: Request, c: ContainerDep, **extra: Any) -> Response:
    ctx: dict[str, Any] = {
        "title": "Plan",
        "plans": planning.list_plans(c),
        "year": date.today().year,
        "form": {},
        **extra,
    }
    return render(request, "plan/index.html", ctx, status_code=422 if extra.get("errors") else 200)


@router.get("/plans")
def plans_page(request: Request, c: ContainerDep, _: CurrentUser) -> Response:
    return _index(request, c)


@router.post("/plans/run")
def run_plan_page(
    request: Request,
    c: ContainerDep,
    user: Planner,
    year: Annotated[str, Form()] = "",
    periods: Annotated[str, Form()] = "quarters",
    overrides: Annotated[str, Form()] = "",
    partners: Annotated[str, Form()] = "",
) -> Response:
    form = {"year": year, "periods": periods, "overrides": overrides}
    try:
        if not year.strip().isdigit():
            raise InvalidInput("bad year", [Problem("must be a year such as 2026", field="year")])
        doc = planning.run_plan(
            c,
            int(year),
            period_kind=periods,
            overrides=planning.parse_overrides(overrides),
            created_by=user.username,
            with_partners=partners == "on",
        )
    except (InvalidInput, RuleViolation, NotFound) as e:
        return _index(request, c, errors=e.problems or [e.message], error_title=e.message, form=form)
    flash(
        request, f"Plan {doc['id']} solved: objective {doc['objective']:,.0f} {doc['currency']}.", "success"
    )
    return RedirectResponse(f"/plans/{doc['id']}", status_code=303)


@router.post("/plans/upload")
async def upload_plan_page(
    request: Request,
    c: ContainerDep,
    user: Planner,
    file: Annotated[UploadFile, File()],
    overrides: Annotated[str, Form()] = "",
) -> Response:
    content = await file.read()
    try:
        doc = planning.solve_and_store_upload(
            c,
            file.filename or "plan.yaml",
            content,
            overrides=planning.parse_overrides(overrides),
            created_by=user.username,
        )
    except (InvalidInput, RuleViolation) as e:
        form = {"overrides": overrides}
        return _index(request, c, errors=e.problems or [e.message], error_title=e.message, form=form)
    flash(
        request, f"Plan {doc['id']} solved: objective {doc['objective']:,.2f} {doc['currency']}.", "success"
    )
    return RedirectResponse(f"/plans/{doc['id']}", status_code=303)


@router.get("/plans/compare")
def compare_page(
    request: Request,
    c: ContainerDep,
    _: CurrentUser,
    a: Annotated[int, Query(ge=1, le=2**31 - 1)],
    b: Annotated[int, Query(ge=1, le=2**31 - 1)],
) -> Response:
    doc_a, doc_b = planning.get_plan(c, a), planning.get_plan(c, b)
    diff = compare_plans(doc_a, doc_b)
    # production as on a plan's page: what the plants make and what processes (reduction to metal) make
    made_a = _made_totals(_product_flows(doc_a, planning.get_plan_problem(c, a)))
    made_b = _made_totals(_product_flows(doc_b, planning.get_plan_problem(c, b)))
    diff["production_t"] = [
        {
            "name": k,
            "a": made_a.get(k, 0.0),
            "b": made_b.get(k, 0.0),
            "change": made_b.get(k, 0.0) - made_a.get(k, 0.0),
        }
        for k in dict.fromkeys([*made_a, *made_b])
    ]
    ctx = {
        "title": f"Plans {a} and {b}",
        "a": doc_a,
        "b": doc_b,
        "diff": diff,
        "explain_a": explain(doc_a),
        "explain_b": explain(doc_b),
        "elements_chart": plotly_div(_elements_ab(diff), label="production by element, A and B"),
    }
    return render(request, "plan/compare.html", ctx)


@router.get("/plans/{plan_id}")
def plan_page(
    request: Request, c: ContainerDep, _: CurrentUser, plan_id: Annotated[int, Path(ge=1, le=2**31 - 1)]
) -> Response:
    doc = planning.get_plan(c, plan_id)
    problem = planning.get_plan_problem(c, plan_id)
    ctx = {
        "title": f"Plan {plan_id}",
        "plan": doc,
        "flows": _product_flows(doc, problem),
        "explanation": explain(doc),
        "elements_chart": plotly_div(_elements_figure(doc), label="production by element"),
        "stock_chart": plotly_div(_stock_figure(doc, problem), label="stock against safety stock"),
        "duals_chart": plotly_div(_duals_figure(doc), label="value of one more tonne of quota"),
        "plans": planning.list_plans(c),
        **_execution_context(c, plan_id),
    }
    return render(request, "plan/plan.html", ctx)


def _product_flows(doc: dict[str, Any], problem: dict[str, Any]) -> dict[str, Any]:
    """Per period and product, t made (by the plants and by processes such as reduction to metal) and t
    used by processes: with the sales, what moves the stock from one period end to the next."""
    processes = {str(k.get("id")): k for k in problem.get("processes") or [] if isinstance(k, dict)}
    periods = []
    for p in doc["periods"]:
        made = {k: float(v) for k, v in p["production_t"].items()}
        used: dict[str, float] = {}
        for name, row in (p.get("processes") or {}).items():
            spec = processes.get(name, {})
            for product, ratio in (spec.get("outputs") or {}).items():
                made[product] = made.get(product, 0.0) + float(ratio) * float(row["activity"])
            for product, ratio in (spec.get("inputs") or {}).items():
                used[product] = used.get(product, 0.0) + float(ratio) * float(row["activity"])
        periods.append({"made": made, "used": used})
    return {"processes": bool(processes), "periods": periods}


def _made_totals(flows: dict[str, Any]) -> dict[str, float]:
    out: dict[str, float] = {}
    for period in flows["periods"]:
        for product, t in period["made"].items():
            out[product] = out.get(product, 0.0) + t
    return out


def _execution_context(c: ContainerDep, plan_id: int) -> dict[str, Any]:
    ex = work_orders.plan_execution(c, plan_id)
    return {
        "execution": ex,
        "unreleased": ex.releasable_periods,
        "execution_chart": plotly_div(_execution_figure(ex), label="plan versus actual by element")
        if ex.released_periods
        else "",
    }


def _execution_figure(ex: work_orders.PlanExecution) -> Any:
    import plotly.graph_objects as go

    rows = [r for r in ex.elements if r.period in ex.released_periods]
    names = [f"{r.period} {r.element}" for r in rows]
    fig = go.Figure(
        [
            go.Bar(name="planned", x=names, y=[r.planned_t_reo for r in rows]),
            go.Bar(name="actual", x=names, y=[r.actual_t_reo for r in rows]),
        ]
    )
    fig.update_layout(barmode="group", title="Separated output, plan versus actual (t REO)", height=360)
    fig.update_xaxes(type="category")
    return fig


@router.post("/plans/{plan_id}/release")
def release_page(
    request: Request,
    c: ContainerDep,
    user: CurrentUser,
    plan_id: Annotated[int, Path(ge=1, le=2**31 - 1)],
    period: Annotated[str, Form(max_length=20)] = "",
) -> Response:
    try:
        orders = work_orders.release_period(c, plan_id, period, actor=user.username, roles=user.roles)
        flash(request, f"Released {period}: {len(orders)} work orders.", "success")
    except (InvalidInput, RuleViolation, Conflict) as e:
        flash(request, _message(e), "error")
    return RedirectResponse(f"/plans/{plan_id}#execution", status_code=303)


@router.post("/plans/work-orders/{work_order_id}/cancel")
def cancel_page(
    request: Request,
    c: ContainerDep,
    user: CurrentUser,
    work_order_id: Annotated[int, Path(ge=1, le=2**31 - 1)],
    reason: Annotated[str, Form(max_length=500)] = "",
) -> Response:
    wo = work_orders.get_work_order(c, work_order_id)
    try:
        work_orders.cancel_work_order(c, work_order_id, actor=user.username, roles=user.roles, reason=reason)
        flash(request, f"Work order {work_order_id} cancelled.", "success")
    except (InvalidInput, Conflict) as e:
        flash(request, f"Work order {work_order_id} not cancelled: {_message(e)}", "error")
    return RedirectResponse(f"/plans/{wo.plan_id}#execution", status_code=303)


@router.post("/plans/work-orders/{work_order_id}/confirm")
async def confirm_page(
    request: Request,
    c: ContainerDep,
    user: CurrentUser,
    work_order_id: Annotated[int, Path(ge=1, le=2**31 - 1)],
) -> Response:
    """Form fields: ``actual.<PRODUCT>`` (t, blank = as planned), ``recovery`` (blank = the plant's),
    ``on`` (YYYY-MM-DD, blank = today)."""
    form = await request.form()
    wo = work_orders.get_work_order(c, work_order_id)
    try:
        actual, recovery, on = _confirm_fields({k: str(v) for k, v in form.items()})
        done = work_orders.confirm_work_order(
            c, work_order_id, actor=user.username, roles=user.roles, actual_t=actual, recovery=recovery, on=on
        )
        flash(
            request,
            f"Work order {done.id} confirmed: posted {done.reference} ({', '.join(done.lots or [])}).",
            "success",
        )
    except (InvalidInput, RuleViolation, Conflict) as e:
        flash(request, f"Work order {work_order_id} not confirmed: {_message(e)}", "error")
    return RedirectResponse(f"/plans/{wo.plan_id}#execution", status_code=303)


def _confirm_fields(form: dict[str, str]) -> tuple[dict[str, float], float | None, date | None]:
    problems: list[Problem] = []
    actual: dict[str, float] = {}

    def number(name: str, text: str) -> float | None:
        try:
            value = float(text)
        except ValueError:
            value = float("nan")
        if not 0 < value < float("inf"):
            problems.append(Problem(f"must be a number > 0, got {text!r}", field=name))
            return None
        return value

    for key, text in form.items():
        if key.startswith("actual.") and text.strip():
            value = number(key, text.strip())
            if value is not None:
                actual[key.removeprefix("actual.")] = value
    recovery = number("recovery", form["recovery"].strip()) if form.get("recovery", "").strip() else None
    on = None
    if form.get("on", "").strip():
        try:
            on = date.fromisoformat(form["on"].strip())
        except ValueError:
            problems.append(Problem("use YYYY-MM-DD", field="on"))
    if problems:
        raise InvalidInput("bad confirmation", problems)
    return actual, recovery, on


def _message(e: InvalidInput | RuleViolation | Conflict) -> str:
    details = "; ".join(f"{p.field}: {p.reason}" if p.field else p.reason for p in e.problems)
    return f"{e.message}" + (f" ({details})" if details else "")


def _elements_figure(doc: dict[str, Any]) -> Any:
    import plotly.graph_objects as go

    periods = [p["period"] for p in doc["periods"]]
    elements = list(doc["periods"][0]["elements_made_t_reo"])
    fig = go.Figure(
        [
            go.Bar(name=e, x=periods, y=[p["elements_made_t_reo"][e] for p in doc["periods"]])
            for e in elements
            if any(p["elements_made_t_reo"][e] > 0 for p in doc["periods"])
        ]
    )
    fig.update_layout(barmode="stack", title="Production by element (t REO)", yaxis_title="t REO", height=380)
    fig.update_xaxes(type="category")  # period labels such as 2026-11 are names, not dates
    return fig


def _stock_figure(doc: dict[str, Any], problem: dict[str, Any]) -> Any:
    import plotly.graph_objects as go

    periods = [p["period"] for p in doc["periods"]]
    rows = [r for r in problem.get("inventory") or [] if isinstance(r, dict)]
    watched = [r for r in rows if float(r.get("min_t") or 0) > 0] or rows[:6]
    fig = go.Figure()
    for row in watched:
        product = str(row["product"])
        fig.add_trace(
            go.Scatter(name=product, x=periods, y=[p["stock_t"].get(product, 0.0) for p in doc["periods"]])
        )
        if float(row.get("min_t") or 0) > 0:
            fig.add_trace(
                go.Scatter(
                    name=f"{product} safety stock",
                    x=periods,
                    y=[float(row["min_t"])] * len(periods),
                    line={"dash": "dash"},
                )
            )
    fig.update_layout(title="Stock at period end against safety stock (t)", yaxis_title="t", height=380)
    fig.update_xaxes(type="category")
    return fig


def _duals_figure(doc: dict[str, Any]) -> Any:
    import plotly.graph_objects as go

    periods = [p["period"] for p in doc["periods"]]
    quotas = list(doc["periods"][0]["quota_value_per_t"])
    fig = go.Figure(
        [go.Bar(name=q, x=periods, y=[p["quota_value_per_t"][q] for p in doc["periods"]]) for q in quotas]
    )
    fig.update_layout(
        barmode="group",
        title=f"Value of one more tonne REO of quota ({doc['currency']} per t)",
        yaxis_title=doc["currency"],
        height=340,
    )
    fig.update_xaxes(type="category")
    return fig


def _elements_ab(diff: dict[str, Any]) -> Any:
    import plotly.graph_objects as go

    rows = [r for r in diff["elements_made_t_reo"] if r["a"] > 0 or r["b"] > 0]
    names = [r["name"] for r in rows]
    fig = go.Figure(
        [
            go.Bar(name="A", x=names, y=[r["a"] for r in rows]),
            go.Bar(name="B", x=names, y=[r["b"] for r in rows]),
        ]
    )
    fig.update_layout(barmode="group", title="Production by element over the horizon (t REO)", height=360)
    return fig

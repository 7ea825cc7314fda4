"""Inventory page: stock against policy, cover, alerts, a forecast chart, a policy computed from a form, and
a policy file (pasted or uploaded) computed and simulated."""

from __future__ import annotations

from typing import Annotated, Any

import yaml
from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile
from fastapi.responses import RedirectResponse, Response

from reechain.api.deps import ContainerDep, CurrentUser, require_roles
from reechain.bootstrap import Container
from reechain.domain.errors import InvalidInput, NotFound, Problem, RuleViolation
from reechain.domain.roles import Role
from reechain.inventory import policy_form
from reechain.inventory.alerts import ALL_LOCATIONS, StockPolicy
from reechain.services import inventory as svc
from reechain.services import ledger
from reechain.services.auth import AuthenticatedUser
from reechain.web.charts import plotly_div
from reechain.web.templating import flash, render

router = APIRouter()
NAV = [("Inventory", "/inventory")]
Controller = Annotated[AuthenticatedUser, Depends(require_roles(Role.INVENTORY_CONTROLLER, Role.PLANNER))]
Text = Annotated[str, Form(max_length=100)]
MAX_POLICY_BYTES = 100_000

EXAMPLE_POLICY = """items:
  - id: Tb4O7@main-warehouse
    model: s_S
    period: month
    demand: {distribution: poisson, mean: 8}
    order_cost: 10
    holding_cost: 1
    stockout_cost: 6
"""


def _policy_rows(c: Container, stock: dict[tuple[str, str], float]) -> list[dict[str, Any]]:
    rows = []
    for p in svc.list_policies(c):
        if p.location == ALL_LOCATIONS:
            s = sum(q for (prod, _), q in stock.items() if prod == p.product)
        else:
            s = stock.get((p.product, p.location), 0.0)
        rows.append({"policy": p, "stock_t": s})
    return rows


def _context(c: Container, forecast: str, period: str, horizon: int) -> dict[str, Any]:
    pic = svc.stock_picture(c)
    ctx: dict[str, Any] = {
        "title": "Inventory",
        "alerts": pic.alerts,
        "covers": pic.covers,
        "window_days": pic.window_days,
        "policies": _policy_rows(c, pic.stock_t),
        "products": ledger.list_products(c),
        "locations": [loc for loc in ledger.list_locations(c) if loc.kind == "warehouse"],
        "forecast": {"product": forecast, "period": period, "horizon": horizon},
        "policy_text": EXAMPLE_POLICY,
        "pform": policy_form.blank_form(),
        "policy_fields": policy_form.FIELDS,
        "models": policy_form.MODELS,
        "periods": policy_form.PERIODS,
        "distributions": policy_form.DISTRIBUTIONS,
        "r_q_methods": policy_form.R_Q_METHODS,
    }
    if forecast:
        try:
            fc = svc.forecast_product(c, forecast, period=period, horizon=horizon)
        except (InvalidInput, NotFound) as e:
            ctx["forecast_errors"] = list(e.problems) or [Problem(e.message)]
        else:
            from reechain.inventory.charts import forecast_figure

            fig = forecast_figure(f"{forecast}: {fc.model}", fc.history, fc.mean, fc.lo, fc.hi, fc.level)
            ctx["forecast_chart"] = plotly_div(fig, label=f"forecast of {forecast}")
            ctx["forecast_result"] = fc
    return ctx


@router.get("/inventory")
def inventory_page(
    request: Request,
    c: ContainerDep,
    _: CurrentUser,
    forecast: Annotated[str, Query(max_length=100)] = "",
    period: Annotated[str, Query(pattern="^(week|month)$")] = "month",
    horizon: Annotated[int, Query(ge=1, le=52)] = 6,
) -> Response:
    return render(request, "inventory/index.html", _context(c, forecast, period, horizon))


def _level(name: str, text: str, problems: list[Problem]) -> float | None:
    if not text.strip():
        return None
    try:
        return float(text)
    except ValueError:
        problems.append(Problem(f"not a number: {text!r}", field=name))
        return None


@router.post("/inventory/policy")
def set_policy(
    request: Request,
    c: ContainerDep,
    user: Controller,
    product: Text = "",
    location: Text = ALL_LOCATIONS,
    safety_stock_t: Text = "",
    reorder_point_t: Text = "",
    order_quantity_t: Text = "",
    min_t: Text = "",
    max_t: Text = "",
    lot_multiple_t: Text = "",
) -> Response:
    problems: list[Problem] = []
    levels = {
        name: _level(name, text, problems)
        for name, text in (
            ("safety_stock_t", safety_stock_t),
            ("reorder_point_t", reorder_point_t),
            ("order_quantity_t", order_quantity_t),
            ("min_t", min_t),
            ("max_t", max_t),
            ("lot_multiple_t", lot_multiple_t),
        )
    }
    try:
        if problems:
            raise InvalidInput("policy is not valid", problems)
        svc.set_policy(
            c, StockPolicy(product, location or ALL_LOCATIONS, source="web", **levels), by=user.username
        )
    except (InvalidInput, RuleViolation) as e:
        ctx = _context(c, "", "month", 6) | {"errors": list(e.problems) or [Problem(e.message)]}
        return render(request, "inventory/index.html", ctx, status_code=422)
    flash(request, f"Policy for {product} at {location} saved.", "success")
    return RedirectResponse("/inventory", status_code=303)


@router.post("/inventory/policy-form")
async def compute_policy_form(request: Request, c: ContainerDep, _: CurrentUser) -> Response:
    """Compute one item typed into the policy form (reading only: any user). The form becomes one item of
    the policy file, read and checked by the same reader as a file; each problem lands on its field."""
    fields = {k: v for k, v in (await request.form()).items() if isinstance(v, str)}
    form, item = policy_form.read_form(fields)
    ctx = _context(c, "", "month", 6) | {"pform": form}
    if item is not None:
        text = yaml.safe_dump({"items": [item]}, sort_keys=False, allow_unicode=True)
        ctx["pform_yaml"] = text
        try:
            ctx["pform_result"] = svc.evaluate_policies_text(text)["items"][0]
        except InvalidInput as e:
            policy_form.place_problems(form, e.problems or [Problem(e.message)])
        else:
            return render(request, "inventory/index.html", ctx)
    ctx["pform_errors"] = form.error_list()
    return render(request, "inventory/index.html", ctx, status_code=422)


async def _uploaded_text(upload: UploadFile | None, pasted: str) -> str:
    if upload is None or not upload.filename:
        return pasted
    data = await upload.read(MAX_POLICY_BYTES + 1)
    if len(data) > MAX_POLICY_BYTES:
        raise InvalidInput("file too large", [Problem(f"at most {MAX_POLICY_BYTES} bytes", "policy_file")])
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise InvalidInput("the file is not UTF-8", [Problem("not UTF-8 text", "policy_file")]) from None


@router.post("/inventory/simulate")
async def simulate(
    request: Request,
    c: ContainerDep,
    _: CurrentUser,
    policy_text: Annotated[str, Form(max_length=MAX_POLICY_BYTES)] = "",
    policy_file: Annotated[UploadFile | None, File()] = None,
    item: Text = "",
    periods: Annotated[int, Form(ge=1, le=100_000)] = 1000,
    seed: Annotated[int, Form(ge=0)] = 1,
) -> Response:
    """Compute the policies of a pasted or uploaded policy file and simulate one item (reading only)."""
    from reechain.inventory.charts import simulation_figure

    ctx = _context(c, "", "month", 6) | {"policy_text": policy_text, "sim_item": item}
    try:
        policy_text = await _uploaded_text(policy_file, policy_text)
        ctx["policy_text"] = policy_text
        ctx["policy_items"] = svc.evaluate_policies_text(policy_text)["items"]
        if item:
            result, pol = svc.simulate_policy_text(policy_text, item, periods=periods, seed=seed)
            ctx["simulation"] = result.summary()
            ctx["simulation_chart"] = plotly_div(
                simulation_figure(result, pol), label=f"simulation of {item}"
            )
    except (InvalidInput, NotFound) as e:
        ctx["sim_errors"] = list(e.problems) or [Problem(e.message)]
        return render(request, "inventory/index.html", ctx, status_code=422)
    return render(request, "inventory/index.html", ctx)

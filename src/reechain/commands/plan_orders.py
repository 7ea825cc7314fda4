"""`reechain plan release | work-orders | confirm | actual`: execute a stored plan through work orders."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from reechain.commands.common import Table, console, user_errors, write_json
from reechain.domain.errors import InvalidInput, Problem

if TYPE_CHECKING:
    from rich.table import Table as RichTable

USER_OPT = typer.Option(
    None,
    "--user",
    help="Acting user (default: REECHAIN_USER); password asked unless REECHAIN_TOKEN is set.",
)
JSON_OPT = typer.Option(None, "--json", help="Write the result as JSON here ('-' for stdout).")


def _who(c: Any, user: str | None) -> tuple[str, frozenset[Any]]:
    """The acting user, authenticated (REECHAIN_TOKEN or the password asked on the terminal), and their
    roles; a bare name is not enough to write (commands/cli_auth.py)."""
    from reechain.commands.cli_auth import acting_user

    return acting_user(c, user, required=True)


def parse_actual(values: list[str]) -> dict[str, float]:
    """``PRODUCT=T`` pairs; InvalidInput naming each bad one."""
    out: dict[str, float] = {}
    problems = []
    for value in values:
        product, sep, number = value.partition("=")
        try:
            t = float(number) if sep else float("nan")
        except ValueError:
            t = float("nan")
        if not product.strip() or not (0 < t < float("inf")):
            problems.append(Problem(f"expected PRODUCT=T with T > 0, got {value!r}", field="--actual"))
        else:
            out[product.strip()] = t
    if problems:
        raise InvalidInput("bad --actual", problems)
    return out


def _orders_table(orders: list[Any], title: str) -> RichTable:
    table = Table(title=title)
    for col in (
        "id",
        "period",
        "step",
        "process",
        "status",
        "feed t (plan / actual)",
        "outputs t (plan / actual)",
    ):
        table.add_column(col)

    def pair(plan: dict[str, float], actual: dict[str, float] | None) -> str:
        return "; ".join(
            f"{k} {v:,.3f}" + ("" if actual is None else f" / {actual.get(k, 0.0):,.3f}")
            for k, v in plan.items()
        )

    for wo in orders:
        table.add_row(
            str(wo.id),
            wo.period,
            wo.step,
            wo.process,
            wo.status,
            pair(wo.planned_feed_t, wo.actual_feed_t),
            pair(wo.planned_outputs_t, wo.actual_outputs_t),
        )
    return table


def _jsonable(obj: Any) -> Any:
    return [dataclasses.asdict(o) | {"reference": o.reference} for o in obj]


def register(app: typer.Typer) -> None:
    @app.command("release")
    def release(
        plan_id: int = typer.Argument(..., help="Stored plan id (see `reechain plan list`)."),
        period: str = typer.Option(..., "--period", help="The plan period to release, e.g. 2026-Q4."),
        user: str | None = USER_OPT,
        json_out: Path | None = JSON_OPT,
    ) -> None:
        """Release a plan period: one work order per plant step that runs in it (all or none)."""
        from reechain.commands.common import container
        from reechain.services.work_orders import release_period

        with user_errors():
            c = container()
            actor, roles = _who(c, user)
            orders = release_period(c, plan_id, period, actor=actor, roles=roles)
            write_json(_jsonable(orders), json_out)
            if json_out is not None and str(json_out) == "-":
                return
            console.print(_orders_table(orders, f"Work orders released for {period} of plan {plan_id}"))

    @app.command("work-orders")
    def list_orders(
        plan_id: int = typer.Argument(..., help="Stored plan id."),
        period: str | None = typer.Option(None, "--period", help="Only this period."),
        json_out: Path | None = JSON_OPT,
    ) -> None:
        """List a plan's work orders with planned and actual quantities."""
        from reechain.commands.common import container
        from reechain.services.work_orders import list_work_orders

        with user_errors():
            orders = list_work_orders(container(), plan_id, period)
            write_json(_jsonable(orders), json_out)
            if json_out is not None and str(json_out) == "-":
                return
            console.print(_orders_table(orders, f"Work orders of plan {plan_id}"))

    @app.command("confirm")
    def confirm(
        work_order_id: int = typer.Argument(..., help="Work order id (see `reechain plan work-orders`)."),
        actual: list[str] = typer.Option(
            [], "--actual", help="Actual t of a feed or output product, PRODUCT=T (repeat)."
        ),
        recovery: float | None = typer.Option(
            None, "--recovery", help="Recovery achieved (default: the plant's)."
        ),
        on: str | None = typer.Option(
            None, "--on", help="Day of the transformation (YYYY-MM-DD); default today."
        ),
        user: str | None = USER_OPT,
        json_out: Path | None = JSON_OPT,
    ) -> None:
        """Confirm a work order: post its transformation and mark it confirmed, in one transaction."""
        from reechain.commands.common import container
        from reechain.services.work_orders import confirm_work_order

        with user_errors():
            day = None
            if on is not None:
                try:
                    day = date.fromisoformat(on)
                except ValueError:
                    raise InvalidInput(
                        "--on is not a date", [Problem("use YYYY-MM-DD", field="--on")]
                    ) from None
            amounts = parse_actual(actual)
            c = container()
            actor, roles = _who(c, user)
            wo = confirm_work_order(
                c, work_order_id, actor=actor, roles=roles, actual_t=amounts, recovery=recovery, on=day
            )
            write_json(_jsonable([wo])[0], json_out)
            if json_out is not None and str(json_out) == "-":
                return
            console.print(_orders_table([wo], f"Work order {wo.id} confirmed ({wo.reference})"))
            console.print(f"lots made: {', '.join(wo.lots or [])}", markup=False, highlight=False)

    @app.command("cancel")
    def cancel(
        work_order_id: int = typer.Argument(..., help="Work order id (see `reechain plan work-orders`)."),
        reason: str = typer.Option(..., "--reason", help="Why the plant will not run it (audited)."),
        user: str | None = USER_OPT,
        json_out: Path | None = JSON_OPT,
    ) -> None:
        """Cancel an open work order: nothing is posted; who and why go to the audit trail."""
        from reechain.commands.common import container
        from reechain.services.work_orders import cancel_work_order

        with user_errors():
            c = container()
            actor, roles = _who(c, user)
            wo = cancel_work_order(c, work_order_id, actor=actor, roles=roles, reason=reason)
            write_json(_jsonable([wo])[0], json_out)
            if json_out is not None and str(json_out) == "-":
                return
            console.print(_orders_table([wo], f"Work order {wo.id} cancelled"))

    @app.command("actual")
    def actual_(
        plan_id: int = typer.Argument(..., help="Stored plan id."),
        json_out: Path | None = JSON_OPT,
    ) -> None:
        """Plan versus actual per period and element (separation output, t REO)."""
        from reechain.commands.common import container
        from reechain.services.work_orders import plan_execution

        with user_errors():
            ex = plan_execution(container(), plan_id)
            write_json([dataclasses.asdict(r) for r in ex.elements], json_out)
            if json_out is not None and str(json_out) == "-":
                return
            table = Table(title=f"Plan {plan_id}: plan versus actual (t REO)")
            for col in ("period", "element", "planned", "released", "actual", "actual − planned"):
                table.add_column(col)
            for r in ex.elements:
                table.add_row(
                    r.period,
                    r.element,
                    f"{r.planned_t_reo:,.3f}",
                    f"{r.released_t_reo:,.3f}",
                    f"{r.actual_t_reo:,.3f}",
                    f"{r.actual_t_reo - r.planned_t_reo:,.3f}",
                )
            console.print(table)

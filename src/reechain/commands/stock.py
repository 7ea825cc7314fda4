"""`reechain stock`: Inventory control: policies, simulation, alerts."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from reechain.commands.common import Table, console, container, lazy_module, user_errors, write_json
from reechain.domain.errors import InvalidInput, Problem

if TYPE_CHECKING:
    from reechain.services import inventory as inventory_service
else:  # scipy and statsforecast load only when a stock command runs, not for every `reechain` call
    inventory_service = lazy_module("reechain.services.inventory")

app = typer.Typer(help="Inventory control: policies, simulation, alerts.", no_args_is_help=True)

JsonOut = Annotated[
    Path | None, typer.Option("--json", help="Write the result as JSON to this file ('-': stdout).")
]


def _fmt(v: Any) -> str:
    if isinstance(v, float):
        return f"{v:.6g}"
    return "" if v is None else str(v)


@app.command("policy")
def policy(
    policy_file: Annotated[
        Path, typer.Argument(help="Stock policy file (YAML, format in docs/inventory.md).")
    ],
    json_out: JsonOut = None,
) -> None:
    """Compute safety stock, reorder point and policy parameters for every item of POLICY_FILE."""
    with user_errors():
        result = inventory_service.evaluate_policies(policy_file)
    if json_out is not None:
        write_json(result, json_out)
        if str(json_out) == "-":
            return
    table = Table("id", "model", "result", title="Stock policies")
    for item in result["items"]:
        rest = {k: v for k, v in item.items() if k not in ("id", "model", "period")}
        table.add_row(item["id"], item["model"], "  ".join(f"{k}={_fmt(v)}" for k, v in rest.items()))
    console.print(table)


@app.command("simulate")
def simulate(
    policy_file: Annotated[Path, typer.Argument(help="Stock policy file (YAML).")],
    item: Annotated[str, typer.Option("--item", help="Id of the item to simulate.")],
    periods: Annotated[int, typer.Option(help="Periods of synthetic demand.")] = 1000,
    seed: Annotated[int | None, typer.Option(help="Random seed (repeatable runs).")] = None,
    history_csv: Annotated[
        Path | None, typer.Option("--history", help="CSV of demand per period (column `quantity`) instead.")
    ] = None,
    sales_of: Annotated[
        str | None,
        typer.Option("--sales", help="Use PRODUCT's posted sales per period (week/month) instead."),
    ] = None,
    chart: Annotated[Path | None, typer.Option(help="Write a Plotly chart (HTML file).")] = None,
    json_out: JsonOut = None,
) -> None:
    """Simulate ITEM's policy: fill rate, stock-outs, average stock and cost per period."""
    from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

    with user_errors():
        history = inventory_service.read_history_csv(history_csv) if history_csv is not None else None
        if sales_of is not None:
            period = inventory_service.item_period(policy_file, item)
            history = inventory_service.sales_per_period(container(), sales_of, period)
        with Progress(
            TextColumn("simulating"),
            BarColumn(),
            TextColumn("{task.percentage:>3.0f}%"),
            TimeRemainingColumn(),
            console=console,
            transient=True,
            disable=not console.is_terminal,
        ) as bar:
            task = bar.add_task("simulate", total=None)
            result, policy = inventory_service.simulate_policy(
                policy_file,
                item,
                periods=periods,
                seed=seed,
                history=history,
                progress=lambda done, total: bar.update(task, completed=done, total=total),
            )
    summary = result.summary()
    if json_out is not None:
        write_json(summary, json_out)
    if chart is not None:
        from reechain.inventory.charts import simulation_figure

        simulation_figure(result, policy).write_html(str(chart), include_plotlyjs=True)
    if json_out is not None and str(json_out) == "-":
        return
    table = Table("measure", "value", title=f"Simulation of {item}")
    for k, v in summary.items():
        table.add_row(k, _fmt(v))
    console.print(table)


LEVEL_KEYS = ("safety_stock_t", "reorder_point_t", "order_quantity_t", "min_t", "max_t", "lot_multiple_t")


def _who(user: str | None) -> str:
    import getpass
    import os

    return user or os.environ.get("REECHAIN_USER") or f"cli:{getpass.getuser()}"


@app.command("set-policy")
def set_policy(
    product: Annotated[str, typer.Argument(help="Product code.")],
    location: Annotated[str, typer.Option(help="Location code, or * for all the group's locations.")] = "*",
    safety_stock_t: Annotated[float | None, typer.Option("--safety-stock-t")] = None,
    reorder_point_t: Annotated[float | None, typer.Option("--reorder-point-t")] = None,
    order_quantity_t: Annotated[float | None, typer.Option("--order-quantity-t")] = None,
    min_t: Annotated[float | None, typer.Option("--min-t")] = None,
    max_t: Annotated[float | None, typer.Option("--max-t")] = None,
    lot_multiple_t: Annotated[float | None, typer.Option("--lot-multiple-t")] = None,
    from_file: Annotated[
        Path | None, typer.Option("--from-file", help="Policy file to take levels from.")
    ] = None,
    item: Annotated[str | None, typer.Option("--item", help="Item of --from-file.")] = None,
    user: Annotated[str | None, typer.Option("--user")] = None,
) -> None:
    """Store the stock policy of PRODUCT at a location: levels given, or computed for an item of a file."""
    from reechain.inventory.alerts import StockPolicy

    with user_errors():
        c = container()
        if from_file is not None:
            if item is None:
                raise InvalidInput("--from-file needs --item", [Problem("missing", field="--item")])
            p = inventory_service.set_policy_from_file(c, from_file, item, product, location, by=_who(user))
        else:
            p = inventory_service.set_policy(
                c,
                StockPolicy(
                    product,
                    location,
                    safety_stock_t,
                    reorder_point_t,
                    order_quantity_t,
                    min_t,
                    max_t,
                    lot_multiple_t,
                    source="cli",
                ),
                by=_who(user),
            )
    levels = {k: v for k, v in p.__dict__.items() if k.endswith("_t") and v is not None}
    console.print(
        f"policy for {product} at {location}: " + ", ".join(f"{k}={v:.6g}" for k, v in levels.items())
    )


@app.command("policies")
def policies(json_out: JsonOut = None) -> None:
    """The stored stock policies."""
    with user_errors():
        rows = [p.__dict__ for p in inventory_service.list_policies(container())]
    if json_out is not None:
        write_json(rows, json_out)
        if str(json_out) == "-":
            return
    table = Table("product", "location", "safety", "reorder pt", "order qty", "min", "max", "lot", "source")
    for r in rows:
        levels = (_fmt(r[k]) for k in LEVEL_KEYS)
        table.add_row(r["product"], r["location"], *levels, r["source"])
    console.print(table)


@app.command("alerts")
def alerts(
    window_days: Annotated[int, typer.Option("--window-days", help="Sales window for cover.")] = 90,
    low_cover_days: Annotated[float, typer.Option("--low-cover-days")] = 14.0,
    slow_cover_days: Annotated[float, typer.Option("--slow-cover-days")] = 365.0,
    json_out: JsonOut = None,
) -> None:
    """Days of cover per product and element, and alerts: below safety stock or reorder point, outside the
    band, low cover, slow movers."""
    with user_errors():
        pic = inventory_service.stock_picture(
            container(),
            window_days=window_days,
            low_cover_days=low_cover_days,
            slow_cover_days=slow_cover_days,
        )
    data = {
        "window_days": pic.window_days,
        "alerts": [a.__dict__ for a in pic.alerts],
        "cover": [cv.__dict__ for cv in pic.covers],
    }
    if json_out is not None:
        write_json(data, json_out)
        if str(json_out) == "-":
            return
    table = Table("severity", "kind", "product", "location", "message", title="Stock alerts")
    for a in pic.alerts:
        table.add_row(a.severity, a.kind, a.product, a.location, a.message)
    console.print(table)
    cov = Table(
        "scope",
        "key",
        "stock",
        "sold per day",
        "cover (days)",
        title=f"Cover (sales of the last {window_days} days)",
    )
    for cv in pic.covers:
        cov.add_row(
            cv.scope,
            cv.key,
            _fmt(cv.stock),
            _fmt(cv.daily_sales),
            "no sales" if cv.cover_days is None else f"{cv.cover_days:.0f}",
        )
    console.print(cov)


@app.command("forecast")
def forecast(
    product: Annotated[str, typer.Argument(help="Product code.")],
    horizon: Annotated[int, typer.Option(help="Periods ahead.")] = 6,
    period: Annotated[str, typer.Option(help="week | month")] = "month",
    channel: Annotated[str | None, typer.Option(help="Only this sales channel.")] = None,
    level: Annotated[int, typer.Option(help="Interval level, %.")] = 80,
    chart: Annotated[Path | None, typer.Option(help="Write a Plotly chart (HTML file).")] = None,
    json_out: JsonOut = None,
) -> None:
    """Forecast PRODUCT's sales from the ledger (AutoETS, Croston, ADIDA, IMAPA: the best on held-back
    history)."""
    with user_errors(), console.status("fitting forecast models"):
        fc = inventory_service.forecast_product(
            container(), product, channel=channel, period=period, horizon=horizon, level=level
        )
    data = fc.to_dict()
    if json_out is not None:
        write_json(data, json_out)
    if chart is not None:
        from reechain.inventory.charts import forecast_figure

        forecast_figure(
            f"{product}: {fc.model} forecast", fc.history, fc.mean, fc.lo, fc.hi, fc.level
        ).write_html(str(chart), include_plotlyjs=True)
    if json_out is not None and str(json_out) == "-":
        return
    console.print(
        f"{product}: {fc.demand_class} demand, best model {fc.model} (held back {fc.holdout} periods)"
    )
    acc = Table("model", "MAE", "MASE", title="Accuracy on held-back history")
    for a in fc.accuracy:
        acc.add_row(a.model, _fmt(a.mae), _fmt(a.mase))
    console.print(acc)
    t = Table("period ahead", "forecast", f"lo {level}%", f"hi {level}%")
    for i, m in enumerate(fc.mean):
        t.add_row(str(i + 1), _fmt(m), _fmt(fc.lo[i]) if fc.lo else "", _fmt(fc.hi[i]) if fc.hi else "")
    console.print(t)

"""`reechain market`: world view, concentration (HHI), the group's position, disruption scenarios."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from reechain.commands.common import (
    Table,
    console,
    container,
    err_console,
    lazy_module,
    user_errors,
    write_json,
)

if TYPE_CHECKING:
    from reechain.services import market as market_service
else:  # numpy and dask load only when a market command runs
    market_service = lazy_module("reechain.services.market")

app = typer.Typer(
    help="World market: shares, concentration, the group's position, scenarios.", no_args_is_help=True
)

JsonOut = Annotated[
    Path | None, typer.Option("--json", help="Write the result as JSON to this file ('-': stdout).")
]


@app.command("concentration")
def concentration(
    stage: Annotated[str, typer.Option("--stage", help="mining | separation | metal | magnet")],
    element: Annotated[str | None, typer.Option("--element", help="Element symbol, e.g. Dy.")] = None,
    year: Annotated[
        int | None, typer.Option("--year", help="Year (default: the latest in the sources).")
    ] = None,
    json_out: JsonOut = None,
) -> None:
    """Shares by country (and company where known) of a chain stage, with source and vintage, and the HHI."""
    with user_errors():
        doc = market_service.concentration(container(), stage, element=element, year=year)
    write_json(doc, json_out)
    if json_out is not None and str(json_out) == "-":
        return
    table = Table("country", "share", "companies", "vintage", "source", title=f"{stage} {doc['year']}")
    for s in doc["shares"]:
        comps = "; ".join(f"{x['company']} {x['share']:.1%}" for x in s["companies"])
        table.add_row(s["country"], f"{s['share']:.1%}", comps, s["vintage"], s["source"][:60])
    console.print(table)
    console.print(f"HHI {doc['hhi']:,.0f} (lower bound {doc['hhi_min']:,.0f}); {doc['rest_counting']}")
    console.print(f"basis: {doc['basis']}")


@app.command("simulate")
def simulate(
    scenario_file: Annotated[Path, typer.Argument(help="Scenario file (YAML, format in docs/market.md).")],
    runs: Annotated[
        int | None, typer.Option("--runs", help="Monte Carlo runs (default: the file's).")
    ] = None,
    seed: Annotated[int | None, typer.Option("--seed", help="Random seed (default: the file's).")] = None,
    scheduler: Annotated[
        str | None,
        typer.Option("--scheduler", help="Dask scheduler address tcp://HOST:PORT (default: local threads)."),
    ] = None,
    json_out: JsonOut = None,
) -> None:
    """Run a disruption scenario: price index (China, ex-China) and shortage paths, p5 / p50 / p95."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with (
        user_errors(),
        Progress(
            TextColumn("[bold]runs"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("blocks"),
            TimeElapsedColumn(),
            console=err_console,
            transient=True,
        ) as bar,
    ):
        task = bar.add_task("blocks", total=None)

        def progress(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        doc = market_service.simulate_file(
            scenario_file, runs=runs, seed=seed, scheduler=scheduler, progress=progress
        )
    write_json(doc, json_out)
    if json_out is not None and str(json_out) == "-":
        return
    table = Table(
        "element",
        "ex-China p50 peak",
        "ex-China p95 peak",
        "China p50 end",
        "shortage p50 t (sum)",
        title=f"{doc['runs']} runs, seed {doc['seed']}, base {doc['index_base_month']}",
    )
    for el, d in doc["elements"].items():
        ex = d["markets"]["ex_china"]["price_index"]
        cn = d["markets"]["china"]["price_index"]
        table.add_row(
            el,
            f"{max(ex['p50']):.2f}",
            f"{max(ex['p95']):.2f}",
            f"{cn['p50'][-1]:.2f}",
            f"{sum(d['shortage_t']['p50']):,.0f}",
        )
    console.print(table)


@app.command("calibrate")
def calibrate(
    write: Annotated[
        bool, typer.Option("--write", help="Write the fitted parameters to the packaged file.")
    ] = False,
    evaluations: Annotated[
        int, typer.Option("--evaluations", help="Most model evaluations of the fit.")
    ] = 300,
    json_out: JsonOut = None,
) -> None:
    """Fit the response parameters to the 2010-2013 episode; show held-out and 2025 out-of-sample checks."""
    from importlib import resources

    target = Path(str(resources.files("reechain.data").joinpath("market/parameters.yaml"))) if write else None
    with user_errors():
        doc = market_service.calibrate(write_to=target, max_evaluations=evaluations)
    write_json(doc, json_out)
    if json_out is not None and str(json_out) == "-":
        return
    console.print(f"loss {doc['loss']:.4f}")
    for k, v in doc["misfit"].items():
        console.print(f"  {k}: {v:.3f}")
    console.print("held out:")
    for k, v in doc["held_out"].items():
        console.print(f"  {k}: {v:.3f}")


@app.command("import")
def import_figures(
    figures_csv: Annotated[
        Path,
        typer.Argument(help="CSV: stage,element,country,company,year,value,unit,source,vintage,confidence"),
    ],
) -> None:
    """Import your own market figures (all rows or none); they take precedence for their stage and year."""
    with user_errors():
        n = market_service.import_figures(container(), figures_csv)
    console.print(f"imported {n} figure(s)")


@app.command("position")
def position(
    year: Annotated[int, typer.Argument(help="Year of the ledger's sales.")],
    json_out: JsonOut = None,
) -> None:
    """The group's share by element and segment: ledger sales against the world market sizes."""
    from dataclasses import asdict

    with user_errors():
        rows = [asdict(s) for s in market_service.group_position(container(), year)]
    write_json(rows, json_out)
    if json_out is not None and str(json_out) == "-":
        return
    table = Table("scope", "key", "sold t REO", "market t REO", "share", title=f"group position {year}")
    for r in rows:
        share = "" if r["share"] is None else f"{r['share']:.2%}"
        market = "" if r["market_t_reo"] is None else f"{r['market_t_reo']:,.0f}"
        table.add_row(r["scope"], r["key"], f"{r['group_sales_t_reo']:,.1f}", market, share)
    console.print(table)

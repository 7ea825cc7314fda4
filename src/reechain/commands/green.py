"""`reechain green`: green and cost performance of plants: records, KPIs per t REO, appraisal, what-if."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from reechain.commands.common import Table, console, container, user_errors, write_json

app = typer.Typer(
    help="Green and cost performance: records, KPIs per t REO, upgrade appraisal, what-if.",
    no_args_is_help=True,
)

JsonOut = Annotated[
    Path | None, typer.Option("--json", help="Write the result as JSON to this file ('-': stdout).")
]


def _years(value: float | None) -> str:
    return "never" if value is None else f"{value:.2f}"


@app.command("appraise")
def appraise(
    project_file: Annotated[Path, typer.Argument(help="Upgrade project(s), YAML (docs/plants.md).")],
    json_out: JsonOut = None,
) -> None:
    """NPV, IRR, payback and discounted payback of each upgrade project in PROJECT_FILE."""
    from reechain.domain.errors import InvalidInput, Problem
    from reechain.green.appraisal import appraise as appraise_project
    from reechain.green.appraisal_file import parse_projects

    with user_errors():
        try:
            text = project_file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as e:
            raise InvalidInput(
                f"{project_file}: cannot be read", [Problem(str(e), field=str(project_file))]
            ) from None
        results = [appraise_project(p) for p in parse_projects(text, str(project_file))]
    if json_out is not None:
        write_json({"projects": [r.as_json() for r in results]}, json_out)
        if str(json_out) == "-":
            return
    table = Table(
        "project", "NPV", "IRR", "payback (years)", "discounted payback (years)", title="Upgrade appraisal"
    )
    for r in results:
        table.add_row(
            r.id,
            f"{r.npv:,.2f}",
            "none" if r.irr is None else f"{r.irr:.2%}",
            _years(r.payback_years),
            _years(r.discounted_payback_years),
        )
    console.print(table)


def _num(value: float | None, digits: int = 2) -> str:
    return "-" if value is None else f"{value:,.{digits}f}"


HEADLINE = {
    "sulfuric_acid_t": "H2SO4 t",
    "hydrochloric_acid_t": "HCl t",
    "electricity_kwh": "kWh",
    "fresh_water_m3": "water m3",
    "thorium_slag_t": "Th slag t",
}


@app.command("kpis")
def kpis(
    plant: Annotated[str | None, typer.Option("--plant", help="One plant (location code).")] = None,
    period: Annotated[str | None, typer.Option("--period", help="A month YYYY-MM or a year YYYY.")] = None,
    json_out: JsonOut = None,
) -> None:
    """KPIs per t REO produced (t REO from the ledger's transformations), by plant and month, with the
    measurements above the GB 26451-2011 limits."""
    from reechain.services import green as svc

    with user_errors():
        report = svc.plant_kpis(container(), plant=plant, period=period)
    if json_out is not None:
        write_json(report.as_json(), json_out)
        if str(json_out) == "-":
            return
    rows = report.months if plant or period else report.plants
    table = Table(
        "plant",
        "period",
        "t REO",
        *HEADLINE.values(),
        "CO2e kg",
        "cost CNY",
        title="Green and cost KPIs per t REO produced (t REO from the ledger)",
    )
    for k in rows:
        table.add_row(
            k.plant,
            k.period,
            _num(k.t_reo, 1),
            *(_num(k.per_t_reo.get(h), 3) for h in HEADLINE),
            _num(k.co2e_kg_per_t_reo, 0),
            _num(k.cost_cny_per_t_reo, 0),
        )
    console.print(table)
    flagged = [e for k in report.months for e in k.exceedances]
    for e in flagged:
        console.print(
            f"[bold red]above limit:[/] {e.plant} {e.period} {e.item} = {e.measured:g} > {e.limit:g} "
            f"({e.zone.value} zone, {e.standard})",
            highlight=False,
        )
    if not rows:
        console.print("no production and no records for this selection")


@app.command("import")
def import_records(
    file: Annotated[Path, typer.Argument(help="Records, .csv (UTF-8) or .xlsx (docs/plants.md).")],
    replace: Annotated[
        bool,
        typer.Option("--replace", help="Overwrite records already stored for the same plant, month, item."),
    ] = False,
) -> None:
    """Import consumption records, all or nothing; every bad row and column is named."""
    from reechain.domain.errors import InvalidInput, Problem
    from reechain.services import green as svc

    with user_errors():
        try:
            data = file.read_bytes()
        except OSError as e:
            raise InvalidInput(f"{file}: cannot be read", [Problem(str(e), "file")]) from None
        rep = svc.import_records(container(), file.name, data, replace=replace, actor=None)
    console.print(f"{rep.rows} records: {rep.added} added, {rep.replaced} replaced")


@app.command("whatif")
def whatif(
    project_file: Annotated[Path, typer.Argument(help="The upgrade project, YAML as for `green appraise`.")],
    plant: Annotated[str, typer.Option("--plant", help="The plant whose cost per t REO it changes.")],
    start: Annotated[str, typer.Option("--from", help="First month of the savings, YYYY-MM.")],
    unit_cny: Annotated[
        float,
        typer.Option("--unit-cny", help="CNY per unit of the project's amounts (1000000: million CNY)."),
    ] = 1_000_000.0,
    project_id: Annotated[str | None, typer.Option("--project", help="Which project of the file.")] = None,
    period: Annotated[str | None, typer.Option("--period", help="Months shown: YYYY-MM or YYYY.")] = None,
    json_out: JsonOut = None,
) -> None:
    """The plant's monthly cost per t REO before and after the upgrade's yearly net saving
    (annual_savings − annual_opex_change) / 12 a month, from --from on."""
    from reechain.domain.errors import InvalidInput, Problem
    from reechain.green.appraisal_file import parse_projects
    from reechain.green.whatif import annual_net_savings
    from reechain.services import green as svc

    with user_errors():
        try:
            text = project_file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as e:
            raise InvalidInput(f"{project_file}: cannot be read", [Problem(str(e), "file")]) from None
        projects = parse_projects(text, str(project_file))
        chosen = [p for p in projects if project_id is None or p.id == project_id]
        if len(chosen) != 1:
            raise InvalidInput(
                "name one project with --project", [Problem(", ".join(p.id for p in projects), "--project")]
            )
        saving = annual_net_savings(chosen[0], unit_cny)
        months = svc.cost_what_if(
            container(), plant=plant, annual_net_savings_cny=saving, start_period=start, period=period
        )
    if json_out is not None:
        write_json(
            {
                "plant": plant,
                "project": chosen[0].id,
                "annual_net_savings_cny": saving,
                "start_period": start,
                "months": [m.as_json() for m in months],
            },
            json_out,
        )
        if str(json_out) == "-":
            return
    table = Table(
        "month", "t REO", "cost CNY/t REO", "saving CNY", "after CNY/t REO", title=f"What-if: {chosen[0].id}"
    )
    for m in months:
        table.add_row(
            m.period,
            _num(m.t_reo, 1),
            _num(m.cost_cny_per_t_reo, 0),
            _num(m.saving_cny, 0),
            _num(m.cost_after_cny_per_t_reo, 0),
        )
    console.print(table)

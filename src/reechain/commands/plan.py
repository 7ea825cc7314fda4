"""`reechain plan`: production planning (solve a planning file, compare plans, plan a year from the "
"ledger)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from reechain.commands.common import Table, console, error_json, user_errors, write_json
from reechain.domain.errors import Infeasible, InvalidInput, Problem

app = typer.Typer(help="Production planning.", no_args_is_help=True)


@app.command("solve")
def solve(
    problem: Path = typer.Argument(..., help="Planning file (.yaml/.yml or .xlsx), see docs/planning.md."),
    json_out: Path | None = typer.Option(
        None, "--json", help="Write the plan as JSON here ('-' for stdout)."
    ),
    explain: bool = typer.Option(
        False, "--explain", help="Say what binds, what piles up, what quota is worth."
    ),
    set_: list[str] = typer.Option(
        [], "--set", help="Scenario override PATH=VALUE, e.g. quotas.q1.limit_t_reo=5e4."
    ),
    compare_to: Path | None = typer.Option(
        None, "--compare-to", help="A plan JSON to compare this plan with."
    ),
    solver: str | None = typer.Option(None, "--solver", help="HiGHS solver: choose, simplex, ipm, pdlp."),
    xlsx: Path | None = typer.Option(
        None, "--xlsx", help="Also write the plan as an Excel workbook here (.xlsx)."
    ),
) -> None:
    """Solve a planning problem and report the plan."""
    from reechain.services.planning import (
        compare_plan_documents,
        document_workbook_bytes,
        load_plan_document,
        solve_plan_file,
    )

    with user_errors():
        if xlsx is not None:
            check_output_file(xlsx, "--xlsx")
        try:
            doc = solve_plan_file(problem, overrides=set_, explain=explain, solver=solver)
        except Infeasible as e:
            if json_out is not None:
                write_json({"status": "infeasible", **error_json(e)}, json_out)
            raise
        write_json(doc, json_out)
        if xlsx is not None:
            write_file(document_workbook_bytes(doc), xlsx, "--xlsx")
        if json_out is not None and str(json_out) == "-":
            return
        show_plan(doc)
        if xlsx is not None:
            console.print(f"wrote {xlsx}", soft_wrap=True, markup=False, highlight=False)
        if explain:
            show_explanation(doc)
        if compare_to is not None:
            show_comparison(compare_plan_documents(load_plan_document(compare_to), doc))


@app.command("compare")
def compare(
    a: Path = typer.Argument(..., help="Plan JSON A (the reference)."),
    b: Path = typer.Argument(..., help="Plan JSON B (the scenario)."),
    json_out: Path | None = typer.Option(None, "--json", help="Write the comparison as JSON here."),
) -> None:
    """Show how plan B differs from plan A: objective, quotas, production, sales, end stock."""
    from reechain.services.planning import compare_plan_documents, load_plan_document

    with user_errors():
        diff = compare_plan_documents(load_plan_document(a), load_plan_document(b))
        write_json(diff, json_out)
        if json_out is None or str(json_out) != "-":
            show_comparison(diff)


@app.command("template")
def template(
    problem: Path = typer.Argument(..., help="Planning file (.yaml) to write as an Excel workbook."),
    out: Path = typer.Argument(..., help="Excel workbook to write (.xlsx)."),
) -> None:
    """Write a planning file in the Excel layout (docs/planning.md), a starting point for Excel users."""
    from reechain.services.planning import planning_file_to_excel

    with user_errors():
        planning_file_to_excel(problem, out)
        console.print(f"wrote {out}")


@app.command("export")
def export(
    plan_id: int = typer.Argument(..., help="Stored plan id (see `reechain plan list`)."),
    xlsx: Path = typer.Option(..., "--xlsx", help="Excel workbook to write (.xlsx)."),
) -> None:
    """Write a stored plan as an Excel workbook (summary, feed, processing, production, stock, sales, quotas,
    capacity, explanation: sheets in docs/planning.md)."""
    from reechain.commands.common import container
    from reechain.services.planning import plan_workbook_bytes

    with user_errors():
        check_output_file(xlsx, "--xlsx")
        write_file(plan_workbook_bytes(container(), plan_id), xlsx, "--xlsx")
        console.print(f"wrote {xlsx}", soft_wrap=True, markup=False, highlight=False)


def check_output_file(out: Path, option: str) -> None:
    """InvalidInput unless OUT can be a new or replaced file: its folder exists and it is not a folder."""
    folder = out.parent
    if not folder.is_dir():
        raise InvalidInput(
            f"cannot write {out}: the folder {folder} does not exist",
            [Problem("folder does not exist", field=option)],
        )
    if out.is_dir():
        raise InvalidInput(f"cannot write {out}: it is a folder", [Problem("is a folder", field=option)])


def write_file(content: bytes, out: Path, option: str) -> None:
    """Write CONTENT to OUT (checked beforehand with ``check_output_file``); InvalidInput if that fails."""
    try:
        out.write_bytes(content)
    except OSError as e:
        raise InvalidInput(
            f"cannot write {out}: {e.strerror or e}", [Problem(str(e.strerror or e), field=option)]
        ) from None


def _n(value: float) -> str:
    return f"{value:,.1f}"


def show_plan(doc: dict[str, Any]) -> None:
    cur = doc["currency"]
    console.print(f"[bold]{doc['name']}[/]: {doc['status']}, objective {doc['objective']:,.2f} {cur}")
    table = Table(title="Plan by period")
    for col in ("period", "feed bought t", "REO fed t", "PrNd made t REO", "revenue", "quota use t REO"):
        table.add_column(col, justify="right" if col != "period" else "left")
    for p in doc["periods"]:
        bought = sum(f["bought_t"] for f in p["feeds"].values())
        fed = sum(pl["reo_fed_t"] for pl in p["plants"].values())
        prnd = p["elements_made_t_reo"].get("Pr", 0.0) + p["elements_made_t_reo"].get("Nd", 0.0)
        revenue = sum(line["revenue"] for line in p["sales"])
        quota = ", ".join(f"{k} {_n(v)}" for k, v in p["quota_use_t_reo"].items())
        table.add_row(p["period"], _n(bought), _n(fed), _n(prnd), f"{revenue:,.0f}", quota)
    console.print(table)
    show_notes(doc)


def show_notes(doc: dict[str, Any]) -> None:
    """The notes of a plan made from the ledger: contracts and stock policies it does not carry (or only
    in part)."""
    notes = (doc.get("source") or {}).get("notes") or []
    if not notes:
        return
    console.print("[bold]Notes[/] (what the plan does not carry, or carries only in part):")
    for note in notes:
        console.print(f"• {note}", markup=False, highlight=False)


def show_explanation(doc: dict[str, Any]) -> None:
    from reechain.planning.explain import explain

    expl = explain(doc)
    for sentence in expl.sentences:
        console.print(f"• {sentence}", highlight=False)
    table = Table(title=f"What binds (value of one more tonne, {doc['currency']})")
    for col in ("kind", "constraint", "periods", "value per t", "detail"):
        table.add_column(col)
    for b in expl.binding:
        table.add_row(b.kind, b.name, ", ".join(b.periods) or "horizon", f"{b.value_per_t:,.0f}", b.detail)
    console.print(table)


def show_comparison(diff: dict[str, Any]) -> None:
    o = diff["objective"]
    console.print(f"objective: A {o['a']:,.2f}  B {o['b']:,.2f}  change {o['change']:+,.2f}")
    table = Table(title="Quotas (A → B)")
    for col in ("quota", "limit t REO", "planned t REO", "value per t"):
        table.add_column(col)
    for q in diff["quotas"]:
        table.add_row(
            q["id"],
            " → ".join(_n(v) if v is not None else "-" for v in q["limit_t_reo"]),
            " → ".join(_n(v) if v is not None else "-" for v in q["planned_t_reo"]),
            " → ".join(f"{v:,.0f}" if v is not None else "-" for v in q["value_per_t"]),
        )
    console.print(table)
    for key, title in (
        ("production_t", "Production, t"),
        ("sales_t", "Sales, t"),
        ("end_stock_t", "End stock, t"),
    ):
        table = Table(title=title)
        for col in ("product", "A", "B", "change"):
            table.add_column(col, justify="left" if col == "product" else "right")
        for row in diff[key]:
            if abs(row["change"]) > 1e-6:
                table.add_row(row["name"], _n(row["a"]), _n(row["b"]), f"{row['change']:+,.1f}")
        if table.row_count:
            console.print(table)


@app.command("run")
def run(
    year: int = typer.Option(
        ..., "--year", help="Plan this year from the ledger (from the current period on)."
    ),
    periods: str = typer.Option("quarters", "--periods", help="quarters, months or weeks."),
    json_out: Path | None = typer.Option(
        None, "--json", help="Write the plan as JSON here ('-' for stdout)."
    ),
    explain: bool = typer.Option(
        False, "--explain", help="Say what binds, what piles up, what quota is worth."
    ),
    set_: list[str] = typer.Option([], "--set", help="Scenario override PATH=VALUE (see docs/planning.md)."),
    with_partners: bool = typer.Option(
        False, "--partners", help="Use the registered partners' plants and agreements (docs/partners.md)."
    ),
) -> None:
    """Build the year's plan from the database (plants, products, quotas and their use, stock) and "
    "store it."""
    from reechain.commands.common import container
    from reechain.services.planning import run_plan

    with user_errors():
        doc = run_plan(
            container(),
            year,
            period_kind=periods,
            overrides=set_,
            explain=explain,
            with_partners=with_partners,
        )
        write_json(doc, json_out)
        if json_out is not None and str(json_out) == "-":
            return
        show_plan(doc)
        if explain:
            show_explanation(doc)
        console.print(f"stored as plan {doc['id']}")


@app.command("list")
def list_(year: int | None = typer.Option(None, "--year", help="Only plans of this year.")) -> None:
    """List stored plans."""
    from reechain.commands.common import container
    from reechain.services.planning import list_plans

    with user_errors():
        table = Table(title="Stored plans")
        for col in ("id", "name", "year", "created", "status", "objective", "overrides"):
            table.add_column(col)
        for p in list_plans(container(), year=year):
            table.add_row(
                str(p.id),
                p.name,
                str(p.year or ""),
                p.created_at.strftime("%Y-%m-%d %H:%M"),
                p.status,
                f"{p.objective:,.0f} {p.currency}",
                "; ".join(p.overrides),
            )
        console.print(table)


@app.command("show")
def show(
    plan_id: int = typer.Argument(..., help="Stored plan id (see `reechain plan list`)."),
    json_out: Path | None = typer.Option(
        None, "--json", help="Write the plan as JSON here ('-' for stdout)."
    ),
    explain: bool = typer.Option(False, "--explain", help="Explain the plan."),
) -> None:
    """Show a stored plan."""
    from reechain.commands.common import container
    from reechain.services.planning import get_plan

    with user_errors():
        doc = get_plan(container(), plan_id)
        write_json(doc, json_out)
        if json_out is not None and str(json_out) == "-":
            return
        show_plan(doc)
        if explain:
            show_explanation(doc)


def _register_work_orders() -> None:
    from reechain.commands.plan_orders import register

    register(app)


_register_work_orders()

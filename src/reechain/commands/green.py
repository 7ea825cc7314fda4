"""`reechain green`: green and cost performance of the plants — upgrade appraisal."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from reechain.commands.common import Table, console, user_errors, write_json

app = typer.Typer(help="Green and cost performance: upgrade appraisal.", no_args_is_help=True)

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

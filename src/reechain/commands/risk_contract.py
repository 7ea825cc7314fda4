"""`reechain risk-contract`: contract standardization (compare with standard forms, reviews, approvals)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from reechain.commands.common import console, user_errors, write_json

app = typer.Typer(help="Contract standardization: compare with the standard forms.", no_args_is_help=True)

JsonOut = Annotated[
    Path | None, typer.Option("--json", help="Write the result as JSON to this file ('-': stdout).")
]
Channel = Annotated[
    str | None,
    typer.Option("--channel", help="Sales channel whose price band applies (default: the template's)."),
]


@app.command("compare")
def compare(
    template: Annotated[
        Path, typer.Argument(help="Template: .docx/.md/.txt file or a library code (S-OX-2).")
    ],
    contract: Annotated[Path, typer.Argument(help="The received or drafted contract (.docx/.md/.txt).")],
    json_out: JsonOut = None,
    channel: Channel = None,
) -> None:
    """Compare CONTRACT with TEMPLATE clause by clause; list each deviation and who must approve it."""
    from reechain.services import contracts as svc

    with user_errors():
        result = svc.compare_texts(svc.read_file(template), svc.read_file(contract), channel=channel)
    out = result.as_json()
    if json_out is not None:
        write_json(out, json_out)
        if str(json_out) == "-":
            return
    table = Table(
        "clause", "kind", "category", "severity", "approver", "template → contract", title="Deviations"
    )
    for d in result.deviations:
        table.add_row(
            d.clause,
            d.kind.value,
            d.category.value,
            d.severity.value,
            d.approver_role or "",
            f"{d.template_text}\n→ {d.contract_text}",
        )
    if result.deviations:
        console.print(table)
    console.print(f"decision: [bold]{result.decision.value}[/]", highlight=False)
    if result.required_approvals:
        console.print(f"approvals needed: {', '.join(result.required_approvals)}", highlight=False)


@app.command("templates")
def list_templates(json_out: JsonOut = None) -> None:
    """The standard contracts of the template library."""
    from reechain.risk.contracts import library

    rows: list[dict[str, str]] = [
        {"code": t.code, "title": t.title, "file": t.file, "channel": t.channel, "clauses": str(len(t.tags))}
        for t in library.templates()
    ]
    if json_out is not None:
        write_json(rows, json_out)
        if str(json_out) == "-":
            return
    table = Table("code", "title", "file", "channel", "clauses", title="Standard contracts")
    for r in rows:
        table.add_row(r["code"], r["title"], r["file"], r["channel"] or "-", r["clauses"])
    console.print(table)

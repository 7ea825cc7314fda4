"""`reechain quota`: Quotas: define and see their use."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import typer

app = typer.Typer(help="Quotas: define and see their use.", no_args_is_help=True)


@app.command("status")
def status(
    year: int = typer.Option(..., "--year"),
    json_out: Path | None = typer.Option(None, "--json", help="Write JSON to this file ('-' = stdout)."),
) -> None:
    """Every quota batch of a year: limit, use derived from the ledger, and what remains (t REO)."""
    from rich.table import Table

    from reechain.commands.common import console, container, user_errors, write_json
    from reechain.services.quotas import quota_status

    with user_errors():
        rows = quota_status(container(), year)
    if json_out is not None:
        write_json([dataclasses.asdict(r) for r in rows], json_out)
        return
    table = Table(title=f"Quotas {year} (t REO)")
    for col in ("id", "kind", "holder", "batch", "limit", "used", "remaining", "used %"):
        table.add_column(col, justify="right" if col in ("limit", "used", "remaining", "used %") else "left")
    for r in rows:
        style = "red" if r.remaining_t_reo < 0 else ("yellow" if r.used_share > 0.9 else "")
        table.add_row(
            str(r.id),
            r.kind,
            r.holder,
            r.batch,
            f"{r.limit_t_reo:,.1f}",
            f"{r.used_t_reo:,.1f}",
            f"{r.remaining_t_reo:,.1f}",
            f"{r.used_share:.1%}",
            style=style,
        )
    if not rows:
        console.print(f"no quotas defined for {year}")
        return
    console.print(table)


@app.command("add")
def add(
    year: int = typer.Option(..., "--year"),
    batch: str = typer.Option(..., "--batch"),
    kind: str = typer.Option(..., "--kind", help="mining | separation"),
    holder: str = typer.Option(..., "--holder"),
    limit_t_reo: float = typer.Option(..., "--limit", help="t REO"),
    issued_on: str | None = typer.Option(None, "--issued-on", help="YYYY-MM-DD"),
    source: str = typer.Option("", "--source", help="Where the figure comes from."),
) -> None:
    """Add (or replace) a quota batch."""
    from reechain.commands.common import console, container, user_errors
    from reechain.domain.errors import InvalidInput, Problem
    from reechain.domain.quotas import Quota, QuotaKind
    from reechain.services.quotas import define_quota

    with user_errors():
        try:
            qkind = QuotaKind(kind)
        except ValueError:
            raise InvalidInput(
                f"unknown quota kind {kind!r}", [Problem("mining | separation", "kind")]
            ) from None
        qid = define_quota(container(), Quota(year, batch, qkind, holder, limit_t_reo, source, issued_on))
    console.print(f"quota {qid}: {year} {batch} {kind} {holder} {limit_t_reo:,.1f} t REO")

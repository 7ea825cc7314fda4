"""`reechain risk`: counterparty due diligence — one-off assessment of files, the party register, reviews,
re-screening after a list import."""

from __future__ import annotations

from pathlib import Path

import typer

app = typer.Typer(help="Risk controls: due diligence, party register, reviews.", no_args_is_help=True)
parties_app = typer.Typer(help="The party register: import, list, show.", no_args_is_help=True)
app.add_typer(parties_app, name="parties")
# Contract standardization adds its sub-commands here: app.add_typer(<contract app>, name="contract")

ACTOR_HELP = "Who runs it (recorded; needs the risk_manager role)."


def _read(path: Path) -> str:
    from reechain.domain.errors import InvalidInput, Problem

    try:
        return path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as e:
        raise InvalidInput(f"{path}: cannot be read", [Problem(str(e), None, None)]) from None


@app.command("diligence")
def diligence_cmd(
    parties: Path = typer.Argument(..., help="PARTIES.csv: id,name,schema,country (more columns allowed)."),
    ownership: Path | None = typer.Option(
        None, "--ownership", help="OWNERSHIP.csv: owner_id,owned_id,share."
    ),
    json_out: Path | None = typer.Option(None, "--json", help="Write the result as JSON ('-' = stdout)."),
) -> None:
    """Screen every party, apply the US 50 % ownership rule and score each party (nothing is stored)."""
    from rich.table import Table

    from reechain.commands.common import console, container, err_console, user_errors, write_json
    from reechain.services import diligence

    with user_errors():
        result = diligence.assess_files(
            container(),
            _read(parties),
            str(parties),
            _read(ownership) if ownership else None,
            str(ownership) if ownership else "ownership",
        )
    table = Table(title="due diligence")
    for col in ("id", "score", "band", "listed", "owned by listed", "blocked by ownership", "factors"):
        table.add_column(col)
    for a in result:
        table.add_row(
            a.party_id,
            str(a.score),
            a.band,
            "yes" if a.listed else "",
            f"{a.owned_by_listed_share:.0%}" if a.owned_by_listed_share else "",
            "yes" if a.blocked_by_ownership else "",
            ", ".join(f"{f.code} {f.points}" for f in a.factors),
        )
    (err_console if str(json_out) == "-" else console).print(table)
    write_json({"parties": [diligence.assessment_json(a) for a in result]}, json_out)

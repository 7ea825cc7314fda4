"""`reechain partners`: the register of joint ventures, affiliates and agreements, and the chain view."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from reechain.commands.common import Table, console, container, user_errors, write_json

app = typer.Typer(
    help="Partners: joint ventures, affiliates, agreements and the chain view.", no_args_is_help=True
)

JsonOut = Annotated[
    Path | None, typer.Option("--json", help="Write the result as JSON to this file ('-': stdout).")
]


@app.command("list")
def list_partners(json_out: JsonOut = None) -> None:
    """Partners with their ownership share, consolidation, plants and agreements."""
    from reechain.services import partners

    with user_errors():
        register = partners.get_register(container())
        document = partners.register_document(register)
    if json_out is not None:
        write_json(document, json_out)
        if str(json_out) == "-":
            return
    table = Table(
        "partner",
        "kind",
        "share",
        "consolidation",
        "since",
        "until",
        "plants",
        "agreements",
        title="Partners",
    )
    table.columns[0].no_wrap = True  # ids stay whole on a narrow terminal
    table.columns[0].min_width = max((len(p["id"]) for p in document["partners"]), default=7)
    for p in document["partners"]:
        table.add_row(
            p["id"] + (" *" if p["illustrative"] else ""),
            p["kind"],
            f"{p['share']:.0%}",
            p["consolidation"],
            p["since"],
            p["until"] or "",
            ", ".join(
                f"{x['id']} {x['stage']} {x['capacity_t_per_year']:,.0f} {x['unit']}/yr" for x in p["plants"]
            ),
            ", ".join(f"{a['id']} {a['kind']} {a['volume_t_per_year']:,.0f} t/yr" for a in p["agreements"]),
        )
    console.print(table)
    if any(p["illustrative"] for p in document["partners"]):
        typer.echo("* illustrative (see the source of each record: partners list --json)")


@app.command("import")
def import_partners(
    file: Annotated[Path, typer.Argument(help="partners.yaml, or one CSV (partners, plants or agreements).")],
) -> None:
    """Import partners, partner plants and agreements, all or nothing (docs/partners.md)."""
    from reechain.services import partners

    with user_errors():
        counts = partners.import_register(container(), file)
    typer.echo(
        f"imported {counts['partners']} partners, {counts['plants']} plants, "
        f"{counts['agreements']} agreements"
    )


@app.command("chain")
def chain(
    year: Annotated[int, typer.Option("--year", help="Year of the ledger flows.")] = 2026,
    json_out: JsonOut = None,
) -> None:
    """The chain flows (own and partner) and the group's share of each world stage."""
    from reechain.services import partners

    with user_errors():
        document = partners.chain_document(partners.chain(container(), year))
    if json_out is not None:
        write_json(document, json_out)
        if str(json_out) == "-":
            return
    table = Table("from", "to", "value", "unit", "owner", "what", title=f"Chain {year}")
    for link in document["links"]:
        table.add_row(
            link["source"],
            link["target"],
            f"{link['value']:,.1f}",
            link["unit"],
            link["owner"],
            link["label"],
        )
    console.print(table)
    stages = Table(
        "stage", "group", "partners (share)", "world", "group share", "world source", title="World stages"
    )
    for st in document["stages"]:
        stages.add_row(
            st["stage"],
            f"{st['own']:,.0f}",
            f"{st['partner_share']:,.0f}",
            f"{st['world']:,.0f} {st['unit']} ({st['world_year']})",
            f"{st['share']:.2%}",
            f"{st['source']} [{st['confidence']}]",
        )
    console.print(stages)

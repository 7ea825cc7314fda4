"""`reechain risk`: counterparty due diligence — one-off assessment of files, the party register, reviews,
re-screening after a list import."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from reechain.commands import risk_contract, risk_track
from reechain.commands.common import PROCESSES_OPT

if TYPE_CHECKING:
    from rich.table import Table

    from reechain.bootstrap import Container
    from reechain.domain.roles import Role
    from reechain.services.parties import PartySummary

app = typer.Typer(
    help="Risk controls: due diligence, party register, reviews; logistics oversight; contracts.",
    no_args_is_help=True,
)
parties_app = typer.Typer(help="The party register: import, list, show.", no_args_is_help=True)
app.add_typer(parties_app, name="parties")
# Logistics oversight (track, events, shipments, receipt) lives in its own module, under the same group.
app.registered_commands += risk_track.app.registered_commands
app.registered_groups += risk_track.app.registered_groups
app.add_typer(risk_contract.app, name="contract")


USER_OPT = typer.Option(
    None,
    "--user",
    "-u",
    help="Acting user (default: $REECHAIN_USER); password asked unless REECHAIN_TOKEN is set.",
)
JSON_OPT = typer.Option(None, "--json", help="Write the result as JSON ('-' = stdout).")


def _read(path: Path) -> str:
    from reechain.domain.errors import InvalidInput, Problem

    try:
        return path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as e:
        raise InvalidInput(f"{path}: cannot be read", [Problem(str(e))]) from None


def _who(c: Container, user: str | None) -> tuple[str, frozenset[Role]]:
    """The acting user, authenticated (REECHAIN_TOKEN or the password asked on the terminal), and their
    roles; a bare name is not enough to write (commands/cli_auth.py)."""
    from reechain.commands.cli_auth import acting_user

    return acting_user(c, user, required=True)


def _summary_table(title: str, rows: list[PartySummary]) -> Table:
    from rich.table import Table

    table = Table(title=title)
    for col in ("id", "name", "country", "score", "band", "listed", "review due", "mark"):
        table.add_column(col)
    for p in rows:
        table.add_row(
            p.party_id,
            p.name,
            p.country or "",
            "" if p.score is None else str(p.score),
            p.band or "",
            "yes" if p.listed else "",
            str(p.review_due_on or ""),
            p.flag_reason,
        )
    return table


@app.command("diligence")
def diligence_cmd(
    parties: Path = typer.Argument(..., help="PARTIES.csv: id,name,schema,country (more columns allowed)."),
    ownership: Path | None = typer.Option(
        None, "--ownership", help="OWNERSHIP.csv: owner_id,owned_id,share."
    ),
    json_out: Path | None = JSON_OPT,
    processes: int | None = PROCESSES_OPT,
) -> None:
    """Screen every party, apply the US 50 % ownership rule and score each party (nothing is stored)."""
    from rich.table import Table

    from reechain.commands.common import console, container, err_console, user_errors, write_json
    from reechain.services import diligence
    from reechain.services.screening_pool import usable_processes

    with user_errors():
        result = diligence.assess_files(
            container(),
            _read(parties),
            str(parties),
            _read(ownership) if ownership else None,
            str(ownership) if ownership else "ownership",
            processes=processes or usable_processes(),
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


@parties_app.command("import")
def parties_import_cmd(
    parties: Path = typer.Argument(..., help="PARTIES.csv (format: docs/risk.md, 'Party files')."),
    ownership: Path | None = typer.Option(
        None, "--ownership", help="OWNERSHIP.csv: owner_id,owned_id,share."
    ),
    documents: Path | None = typer.Option(
        None, "--documents", help="DOCUMENTS.csv: party_id,kind,reference,expires_on."
    ),
    user: str | None = USER_OPT,
    processes: int | None = PROCESSES_OPT,
) -> None:
    """Add or update parties in the register, all or nothing; each is screened and scored."""
    from reechain.commands.common import container, user_errors
    from reechain.services.parties import import_register
    from reechain.services.screening_pool import usable_processes

    with user_errors():
        c = container()
        actor, roles = _who(c, user)
        r = import_register(
            c,
            _read(parties),
            str(parties),
            actor=actor,
            roles=roles,
            ownership_text=_read(ownership) if ownership else None,
            ownership_file=str(ownership),
            documents_text=_read(documents) if documents else None,
            documents_file=str(documents),
            processes=processes or usable_processes(),
        )
    bands = ", ".join(f"{k} {v}" for k, v in sorted(r.bands.items()))
    typer.echo(
        f"{r.parties_file}: {r.added} added, {r.updated} updated, {r.holdings} holding(s), "
        f"{r.documents} document(s); {r.listed} listed, {r.blocked_by_ownership} blocked by ownership; "
        f"{bands}"
    )


@parties_app.command("list")
def parties_list_cmd(
    band: str | None = typer.Option(None, "--band", help="low | medium | high | prohibited"),
    marked: bool = typer.Option(False, "--marked", help="Only parties a list import marked."),
    query: str = typer.Option("", "--query", "-q", help="Part of a name or id."),
    json_out: Path | None = JSON_OPT,
) -> None:
    """Parties of the register, the riskiest first."""
    from reechain.commands.common import console, container, user_errors, write_json
    from reechain.services.parties import list_parties

    with user_errors():
        rows = list_parties(container(), band=band, flagged=marked, query=query)
    if str(json_out) != "-":
        console.print(_summary_table("party register", rows))
    write_json({"parties": [asdict(p) for p in rows]}, json_out)


@parties_app.command("show")
def parties_show_cmd(party_id: str, json_out: Path | None = JSON_OPT) -> None:
    """One party: names, owners, documents, hits, score with its factors, reviews."""
    from reechain.commands.common import console, container, user_errors, write_json
    from reechain.services.parties import get_party

    with user_errors():
        v = get_party(container(), party_id)
    s = v.summary
    if str(json_out) != "-":
        console.print(f"[bold]{s.party_id}[/] {s.name} ({s.schema or 'schema unknown'}, {s.country or '—'})")
        console.print(f"score {s.score} — {s.band}; review due {s.review_due_on}", highlight=False)
        for f in v.factors:
            console.print(
                f"  {f['code']:<28} {f['points']:>4}  {f['evidence']}", highlight=False, markup=False
            )
        for o in v.owners:
            console.print(
                f"  owner {o.party_id} {o.share:.0%}{' (blocked)' if o.blocked else ''}", markup=False
            )
    write_json(asdict(v), json_out)


@app.command("reviews")
def reviews_cmd(
    on: str | None = typer.Option(
        None, "--on", help="Due on or before this day (YYYY-MM-DD; default today)."
    ),
    json_out: Path | None = JSON_OPT,
) -> None:
    """The work queue: parties due for review (marked ones and the worst bands first)."""
    from reechain.commands.common import console, container, user_errors, write_json
    from reechain.domain.errors import InvalidInput, Problem
    from reechain.services.parties import due_reviews

    with user_errors():
        try:
            day = date.fromisoformat(on) if on else None
        except ValueError:
            raise InvalidInput("bad date", [Problem("YYYY-MM-DD", "--on")]) from None
        rows = due_reviews(container(), day)
    if str(json_out) != "-":
        console.print(_summary_table("reviews due", rows))
    write_json({"due": [asdict(p) for p in rows]}, json_out)


@app.command("review")
def review_cmd(
    party_id: str,
    note: str = typer.Option("", "--note", help="What was checked."),
    user: str | None = USER_OPT,
) -> None:
    """Record a review of a party: sets the next review date from its band and clears a list-import mark."""
    from reechain.commands.common import container, user_errors
    from reechain.services.parties import review_party

    with user_errors():
        c = container()
        actor, roles = _who(c, user)
        r = review_party(c, party_id, note=note, actor=actor, roles=roles)
    typer.echo(f"{party_id} reviewed by {r.reviewer}: {r.band} ({r.score}); next review {r.next_due_on}")


@app.command("rescreen")
def rescreen_cmd(
    list_name: str = typer.Argument(..., help="The list whose last import to re-screen for."),
    version: int | None = typer.Option(None, "--version", help="Default: the version in force."),
    user: str | None = USER_OPT,
) -> None:
    """Re-screen the register for one list version again (a list import does it by itself)."""
    from reechain.commands.common import container, user_errors
    from reechain.domain.errors import NotFound
    from reechain.services.parties import require_risk_manager
    from reechain.services.parties_rescreen import rescreen_after_import
    from reechain.services.screening import active_list_versions

    with user_errors():
        c = container()
        actor, roles = _who(c, user)
        require_risk_manager(roles)
        v = version or active_list_versions(c).get(list_name)
        if v is None:
            raise NotFound(f"no list named {list_name!r}")
        r = rescreen_after_import(c, list_name, v, actor=actor)
    typer.echo(
        f"{list_name} v{v}: re-screened {r.rescreened} of {r.register_size} registered parties; "
        f"{r.new_hits} new hit(s), {len(r.parties_marked)} marked, {r.orders_rechecked} order(s) re-checked, "
        f"{r.holds_opened} hold(s) opened, {r.orders_blocked} blocked ({r.elapsed_s:.2f} s)"
    )

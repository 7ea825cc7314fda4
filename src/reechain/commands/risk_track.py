"""`reechain risk track|events|shipments|receipt`: logistics oversight from the command line."""

from __future__ import annotations

import json
import os
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

if TYPE_CHECKING:
    from reechain.bootstrap import Container
    from reechain.risk.logistics.milestones import Journey
    from reechain.services.auth import AuthenticatedUser

app = typer.Typer(
    help="Risk controls: logistics oversight (vessel tracks, shipment events, receipts).",
    no_args_is_help=True,
)
events_app = typer.Typer(help="Shipment events (DCSA Track & Trace 3.0.0).", no_args_is_help=True)
app.add_typer(events_app, name="events")


def _user(c: Container) -> AuthenticatedUser:
    """The user of the API token in REECHAIN_TOKEN (`reechain user token NAME`): commands act as someone."""
    from reechain.domain.errors import Unauthenticated
    from reechain.services.auth import user_for_token

    token = os.environ.get("REECHAIN_TOKEN", "").strip()
    if not token:
        raise Unauthenticated("set REECHAIN_TOKEN to your API token (`reechain user token NAME`)")
    return user_for_token(c, token)


@app.command("track")
def track(
    positions: Path = typer.Argument(..., help="AIS positions CSV: mmsi,timestamp,lat,lon,sog (UTC, knots)."),
    voyages: Path = typer.Option(..., "--voyages", help="Voyages CSV: voyage_id,mmsi,departure_port,..."),
    ports: Path | None = typer.Option(None, "--ports", help="Ports CSV: port,lat,lon (default: packaged)."),
    json_out: Path | None = typer.Option(None, "--json", help="Write the alerts as JSON ('-' = stdout)."),
    keep: bool = typer.Option(
        False,
        "--keep",
        help="Also keep the voyages and positions so that shipments show their vessel (needs REECHAIN_TOKEN; "
        "packaged ports only).",
    ),
) -> None:
    """Find AIS gaps, loitering, encounters, unplanned port calls and late arrivals per voyage."""
    from rich.table import Table

    from reechain.commands.common import console, container, err_console, user_errors, write_json
    from reechain.domain.errors import InvalidInput, Problem
    from reechain.services.logistics import track_vessels

    with user_errors(), err_console.status("reading") as status:
        if keep and ports is not None:
            raise InvalidInput("--keep uses the packaged ports table", [Problem("drop --ports", "--ports")])
        report = track_vessels(positions, voyages, ports, on_step=status.update)
        if keep:
            from reechain.services.vessels import store_tracks

            status.update("keeping the tracks")
            c = container()
            store_tracks(c, positions, voyages, user=_user(c))
            err_console.print(f"kept {report.voyages} voyages and {report.positions:,} positions")
    write_json(report.as_json(), json_out)
    if json_out is not None and str(json_out) == "-":
        return
    table = Table("voyage", "kind", "start", "end", "evidence")
    for a in report.alerts:
        j = a.as_json()
        table.add_row(a.voyage_id, a.kind, str(j["start"]), str(j["end"]), a.evidence)
    console.print(table)
    console.print(
        f"{report.positions:,} positions, {report.voyages} voyages, {len(report.alerts)} alerts "
        f"{report.counts()} (read {report.seconds['read']:.1f} s, detect {report.seconds['detect']:.1f} s)"
    )


@events_app.command("import")
def events_import(
    events: Path = typer.Argument(..., help='DCSA events: an array or {"events": [...]}.'),
) -> None:
    """Import carriers' and forwarders' shipment events, all or nothing (needs REECHAIN_TOKEN)."""
    from reechain.commands.common import console, container, user_errors
    from reechain.domain.errors import InvalidInput, Problem
    from reechain.services.logistics import import_shipment_events

    with user_errors():
        try:
            data = json.loads(events.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
            raise InvalidInput(f"{events}: not a JSON file", [Problem(str(e)[:200])]) from None
        c = container()
        rep = import_shipment_events(c, data, user=_user(c), source=str(events))
    console.print(
        f"{rep.imported} events imported, {rep.unchanged} already known; per shipment {rep.shipments}"
    )


def _fmt(d: datetime | None) -> str:
    return f"{d:%Y-%m-%d %H:%M}" if d else ""


def _show(j: Journey) -> None:
    from rich.table import Table

    from reechain.commands.common import console

    f = j.facts
    console.print(
        f"[bold]{f.reference}[/] {f.origin_country}→{f.destination_country}, end user {f.end_user}, "
        f"{'controlled, ' if f.controlled else ''}{f.loaded_kg:,.1f} kg loaded — {j.status}"
    )
    t = Table("milestone", "planned", "estimated", "actual", "where")
    for m in j.milestones:
        t.add_row(m.name, _fmt(m.planned), _fmt(m.estimated), _fmt(m.actual), m.location or "")
    console.print(t)
    for a in j.alerts:
        console.print(
            f"  [{'red' if a.severity == 'critical' else 'yellow'}]{a.kind}[/] ({a.severity}) {a.evidence}"
        )


@app.command("shipments")
def shipments(
    reference: str | None = typer.Argument(
        None, help="One shipment (its order reference); all when omitted."
    ),
    json_out: Path | None = typer.Option(None, "--json", help="Write JSON ('-' = stdout)."),
) -> None:
    """Shipments with their milestones and alerts (the risk manager's queue)."""
    from rich.table import Table

    from reechain.commands.common import console, container, user_errors, write_json
    from reechain.services.logistics import journey_json, shipment_journey
    from reechain.services.vessels import shipment_queue_json, shipment_vessel_view, vessel_json

    with user_errors():
        c = container()
        user = _user(c)
        if reference:
            j = shipment_journey(c, reference, user=user)
            vessel = shipment_vessel_view(c, reference, user=user)
            write_json({**journey_json(j), "vessel": vessel_json(vessel)}, json_out)
            if json_out is None:
                _show(j)
                _show_vessel(vessel_json(vessel))
            return
        queue = shipment_queue_json(c, user=user)
    write_json(queue, json_out)
    if json_out is None:
        t = Table("shipment", "shipped", "to", "end user", "status", "alerts", "vessel alerts")
        for q in queue:
            t.add_row(
                q["reference"],
                str(q["shipped_on"]),
                q["destination_country"],
                q["end_user"],
                q["status"],
                ", ".join(a["kind"] for a in q["alerts"]),
                ", ".join(a["kind"] for a in q["vessel_alerts"]),
            )
        console.print(t)


def _show_vessel(v: dict[str, Any]) -> None:
    """The vessel a shipment is on and its kept voyage's AIS alerts (dark periods, port calls, ...)."""
    from reechain.commands.common import console

    vessel = v.get("vessel") or {}
    name = vessel.get("name") or vessel.get("imo") or vessel.get("mmsi")
    voyage = (v.get("voyage") or {}).get("voyage_id")
    console.print(f"vessel: {name or 'not known'}" + (f", voyage {voyage}" if voyage else ""), markup=False)
    if v.get("note"):
        console.print(f"  {v['note']}", markup=False, highlight=False)
    for a in v.get("alerts", []):
        console.print(f"  [yellow]{a['kind']}[/] {a['start']} → {a['end']}", highlight=False)


@app.command("receipt")
def receipt(
    reference: str = typer.Argument(..., help="The shipment (its order reference)."),
    received_kg: float = typer.Option(..., "--kg", help="Weight the end user received, kg."),
    received_by: str = typer.Option(..., "--by", help="Who received and signed (the end user's legal name)."),
    received_at: str = typer.Option(
        ..., "--at", help="When, ISO 8601 with a time zone (2026-03-20T08:00:00Z)."
    ),
    document: str = typer.Option("", "--document", help="The receipt document's reference."),
) -> None:
    """Record the end user's confirmation of receipt (closes a controlled shipment; audited)."""
    from reechain.commands.common import container, user_errors
    from reechain.domain.errors import InvalidInput, Problem
    from reechain.services.logistics import confirm_receipt

    with user_errors():
        try:
            at = datetime.fromisoformat(received_at)
        except ValueError:
            raise InvalidInput(
                "receipt refused", [Problem(f"not an ISO 8601 time: {received_at!r}", "--at")]
            ) from None
        c = container()
        j = confirm_receipt(
            c,
            reference,
            received_at=at,
            received_kg=received_kg,
            received_by=received_by,
            document=document,
            user=_user(c),
        )
    _show(j)

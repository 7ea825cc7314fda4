"""`reechain risk track`: vessel tracking from AIS positions."""

from __future__ import annotations

from pathlib import Path

import typer

app = typer.Typer(help="Logistics oversight: vessel tracks and shipment alerts.", no_args_is_help=True)


@app.command("track")
def track(
    positions: Path = typer.Argument(..., help="AIS positions CSV: mmsi,timestamp,lat,lon,sog (UTC, knots)."),
    voyages: Path = typer.Option(..., "--voyages", help="Voyages CSV: voyage_id,mmsi,departure_port,..."),
    ports: Path | None = typer.Option(None, "--ports", help="Ports CSV: port,lat,lon (default: packaged)."),
    json_out: Path | None = typer.Option(None, "--json", help="Write the alerts as JSON ('-' = stdout)."),
) -> None:
    """Find AIS gaps, loitering, encounters, unplanned port calls and late arrivals per voyage."""
    from rich.table import Table

    from reechain.commands.common import console, err_console, user_errors, write_json
    from reechain.services.logistics import track_vessels

    with user_errors(), err_console.status("reading") as status:
        report = track_vessels(positions, voyages, ports, on_step=status.update)
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

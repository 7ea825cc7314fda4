"""`reechain lists`: Restricted-party lists: import, versions, diff."""

from __future__ import annotations

from pathlib import Path

import typer

app = typer.Typer(help="Restricted-party lists: import, versions, diff.", no_args_is_help=True)

FORMAT_HELP = (
    "ofac-sdn-csv | ofac-sdn-xml | ofac-sdn-json | csl-csv | bis-dpl | uk | mofcom-uel | mofcom-control | csv"
)


@app.command("import")
def import_cmd(
    file: Path = typer.Argument(
        ..., help="The list file (.gz is read as gzip; a folder for announcement YAML)."
    ),
    fmt: str = typer.Option("csv", "--format", help=FORMAT_HELP),
    list_name: str | None = typer.Option(None, "--list", help="Name of the list (default: the format)."),
) -> None:
    """Import FILE as the next version of a list. A malformed file is refused; the version in force stays."""
    from reechain.commands.common import container, user_errors
    from reechain.services.screening import import_list

    with user_errors():
        report = import_list(container(), file, fmt, list_name or fmt)
    change = (
        f"+{report.added} -{report.removed} ~{report.changed} since v{report.previous_version}"
        if report.previous_version
        else "first version"
    )
    typer.echo(f"{report.list_name} v{report.version}: {report.entries} entries ({change})")
    if report.rescreen is not None:
        r = report.rescreen
        typer.echo(
            f"re-screened {r.rescreened} of {r.register_size} registered parties: {r.new_hits} new hit(s), "
            f"{len(r.parties_marked)} party(ies) marked, {r.orders_rechecked} open order(s) re-checked, "
            f"{r.holds_opened} hold(s) opened, {r.orders_blocked} blocked"
        )


@app.command("versions")
def versions_cmd(
    list_name: str | None = typer.Option(None, "--list", help="Only this list."),
) -> None:
    """Every imported version of every list; the one in force is marked."""
    from rich.table import Table

    from reechain.commands.common import console, container, user_errors
    from reechain.services.screening import list_versions

    with user_errors():
        rows = list_versions(container(), list_name)
    table = Table(title="list versions")
    for col in ("list", "version", "in force", "format", "entries", "file", "imported at"):
        table.add_column(col)
    for r in rows:
        table.add_row(
            r.list_name,
            str(r.version),
            "yes" if r.active else "",
            r.format,
            str(r.entry_count),
            r.source_name,
            r.imported_at.strftime("%Y-%m-%d %H:%M:%S"),
        )
    console.print(table)


@app.command("diff")
def diff_cmd(
    list_name: str = typer.Argument(..., help="The list to compare."),
    old: int | None = typer.Option(None, "--from", help="Old version (default: the one before --to)."),
    new: int | None = typer.Option(None, "--to", help="New version (default: the one in force)."),
    json_out: Path | None = typer.Option(None, "--json", help="Write the diff as JSON ('-' = stdout)."),
) -> None:
    """What was added, removed and changed between two versions of a list."""
    from reechain.commands.common import console, container, err_console, user_errors, write_json
    from reechain.services.screening import diff_versions

    with user_errors():
        d = diff_versions(container(), list_name, old, new)
    out = err_console if str(json_out) == "-" else console  # keep stdout for the JSON
    out.print(
        f"{d.list_name} v{d.old_version} → v{d.new_version}: "
        f"{len(d.added)} added, {len(d.removed)} removed, {len(d.changed)} changed",
        highlight=False,
    )
    for sign, entries in (("+", d.added), ("-", d.removed)):
        for e in entries:
            out.print(f"  {sign} {e.entry_id}  {e.name}", highlight=False, markup=False)
    for before, after in d.changed:
        out.print(f"  ~ {after.entry_id}  {before.name} → {after.name}", highlight=False, markup=False)
    write_json(
        {
            "list": d.list_name,
            "from": d.old_version,
            "to": d.new_version,
            "added": [{"entry_id": e.entry_id, "name": e.name} for e in d.added],
            "removed": [{"entry_id": e.entry_id, "name": e.name} for e in d.removed],
            "changed": [{"entry_id": b.entry_id, "before": b.name, "after": a.name} for b, a in d.changed],
        },
        json_out,
    )

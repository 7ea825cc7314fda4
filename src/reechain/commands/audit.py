"""`reechain audit`: show and verify the hash-chained audit trail."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from reechain.commands.common import Table, console, container, user_errors, write_json

app = typer.Typer(help="Audit trail.", no_args_is_help=True)


@app.command("verify")
def verify(
    stream: str = typer.Option("compliance", "--stream"),
    expect: str | None = typer.Option(
        None,
        "--expect",
        help="A head noted earlier with `reechain audit head` (STREAM:SEQ:HASH): the chain must still hold "
        "that record, so removed records (even all of them) are found.",
    ),
    expect_head: str | None = typer.Option(
        None, "--expect-head", help="Hash the newest record must have (no record added since)."
    ),
) -> None:
    """Recompute the hash chain; report the first broken record (exit 5 when broken)."""
    from reechain.services import audit

    with user_errors():
        anchor = audit.AuditHead.parse(expect) if expect else None
        v = audit.verify(container(), stream=stream, expect=anchor)
    if not v.ok:
        console.print(
            f"[bold red]BROKEN[/] at seq {v.first_broken_seq}: {v.problem} ({v.records} records good)"
        )
        raise typer.Exit(code=5)
    if expect_head and v.head != expect_head:
        console.print(
            f"[bold red]BROKEN[/]: head is {v.head}, expected {expect_head} (records removed or added)"
        )
        raise typer.Exit(code=5)
    console.print(f"ok: {v.records} records in stream {stream!r}, head {v.head}")
    if anchor is None and expect_head is None:
        console.print(
            "note: without --expect a stream whose every record was removed also verifies; keep the output "
            "of `reechain audit head` outside the database and pass it as --expect"
        )


@app.command("head")
def head(stream: str = typer.Option("compliance", "--stream")) -> None:
    """Print the verified head of a stream as STREAM:SEQ:HASH, for the auditor to keep outside the database
    (append it to a log the database administrators cannot edit) and pass later to `audit verify --expect`."""
    from reechain.services import audit

    with user_errors():
        typer.echo(str(audit.head(container(), stream=stream)))


@app.command("show")
def show(
    stream: str = typer.Option("compliance", "--stream"),
    last: int = typer.Option(20, "--last", help="How many of the newest records."),
    out: Path | None = typer.Option(None, "--json", help="Write the records as JSON ('-' for stdout)."),
) -> None:
    """The newest records of a stream, newest first."""
    from reechain.services import audit

    with user_errors():
        recs = audit.latest(container(), stream=stream, limit=last)
    if out is not None:
        write_json([{**r.__dict__, "payload": json.loads(r.payload)} for r in recs], out)
        return
    t = Table(title=f"Audit trail {stream!r}")
    for col in ("seq", "recorded at", "actor", "action", "payload", "hash"):
        t.add_column(col)
    for r in recs:
        payload = r.payload if len(r.payload) <= 100 else r.payload[:97] + "..."
        t.add_row(str(r.seq), r.recorded_at[:19], r.actor, r.action, payload, r.hash[:12])
    console.print(t)

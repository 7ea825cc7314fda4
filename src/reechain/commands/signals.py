"""`reechain signals`: read official notices and news into dated market signals."""

from __future__ import annotations

from pathlib import Path

import typer

app = typer.Typer(help="Market signals from official notices and news.", no_args_is_help=True)


def _files(paths: list[Path]) -> list[tuple[str, bytes]]:
    from reechain.domain.errors import InvalidInput, Problem

    out = []
    for p in paths:
        try:
            out.append((p.name, p.read_bytes()))
        except OSError as e:
            raise InvalidInput(f"cannot read {p}", [Problem(e.strerror or str(e), str(p))]) from None
    return out


@app.command("extract")
def extract_cmd(
    files: list[Path] = typer.Argument(
        ..., help="Notices or articles: .txt, .md or .html, Chinese or English."
    ),
    json_out: Path | None = typer.Option(None, "--json", help="Write the signals as JSON ('-' = stdout)."),
    reader: str = typer.Option(
        "rules",
        "--reader",
        help="rules (phrase rules) or trained (classifier fitted on the labelled notices).",
    ),
) -> None:
    """Extract dated signals (issuer, reference, dates, elements, segment, measure, direction, evidence)."""
    from rich.table import Table

    from reechain.commands.common import console, err_console, user_errors, write_json
    from reechain.services.signals import extract_json, read_files

    with user_errors():
        results = read_files(_files(files), reader)
    write_json(extract_json(results), json_out)
    for r in results:
        if r.error:
            err_console.print(f"[red]refused[/] {r.error}", highlight=False)
    if json_out is None or str(json_out) != "-":
        t = Table("file", "announced", "effective", "measure", "dir", "elements", "reference")
        for r in results:
            for s in r.signals:
                t.add_row(
                    s.file,
                    str(s.announced or "") + (" (year assumed)" if s.year_assumed else ""),
                    str(s.effective or ""),
                    s.measure,
                    f"{s.direction:+d}",
                    " ".join(s.elements),
                    s.doc_ref,
                )
            if not r.signals and not r.error:
                t.add_row(r.file, "", "", "no signal", "", "", "")
        console.print(t)
    if any(r.error for r in results):
        raise typer.Exit(code=2)


@app.command("ingest")
def ingest_cmd(
    files: list[Path] = typer.Argument(..., help="Notices or articles to keep (all or nothing)."),
) -> None:
    """Keep documents for the timeline (needs REECHAIN_TOKEN of an analyst)."""
    from reechain.commands.common import console, container, user_errors
    from reechain.commands.risk_track import _user
    from reechain.services.signals import ingest

    with user_errors():
        c = container()
        rep = ingest(c, _files(files), user=_user(c))
    console.print(f"{rep.stored} documents stored, {rep.already_known} already known, {rep.signals} signals")


@app.command("timeline")
def timeline_cmd(
    element: str | None = typer.Option(None, "--element", help="Only signals on this element (symbol)."),
    segment: str | None = typer.Option(None, "--segment", help="Only this chain segment."),
    json_out: Path | None = typer.Option(None, "--json", help="Write JSON ('-' = stdout)."),
) -> None:
    """The stored documents' signals in date order."""
    from rich.table import Table

    from reechain.commands.common import console, container, user_errors, write_json
    from reechain.commands.risk_track import _user
    from reechain.services.signals import timeline

    with user_errors():
        c = container()
        entries = timeline(c, user=_user(c), element=element, segment=segment)
    write_json([{**e.signal.as_json(), "document": e.document, "index": e.index} for e in entries], json_out)
    if json_out is None:
        t = Table("from", "measure", "dir", "elements", "segment", "reference", "evidence")
        for e in entries:
            s = e.signal
            t.add_row(
                str(s.effective or s.announced or "") + (" (year assumed)" if s.year_assumed else ""),
                s.measure,
                f"{s.direction:+d}",
                " ".join(s.elements),
                s.segment,
                s.doc_ref,
                s.evidence[:80],
            )
        console.print(t)

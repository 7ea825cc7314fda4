"""`reechain screen`: Restricted-party name matching and screening."""

from __future__ import annotations

import csv
import io
import sys
import time
from pathlib import Path

import typer

from reechain.commands.common import PROCESSES_OPT

app = typer.Typer(help="Restricted-party name matching and screening.", no_args_is_help=True)

SCHEMA_HELP = "Person, Company, Organization, Vessel or LegalEntity."


def _read(path: Path) -> str:
    from reechain.domain.errors import InvalidInput, Problem

    try:
        return path.read_text(encoding="utf-8-sig")
    except OSError as e:
        raise InvalidInput(f"cannot read {path}", [Problem(e.strerror or str(e), "path")]) from None


@app.command("score")
def score_cmd(
    left: str = typer.Argument(..., help="A name as written (any script)."),
    right: str = typer.Argument(..., help="The name to compare it with."),
    schema: str = typer.Option("Company", "--schema", help=SCHEMA_HELP),
    explain: bool = typer.Option(False, "--explain", help="Also print the features behind the score."),
) -> None:
    """Print the match score of LEFT and RIGHT, in [0, 1]."""
    from reechain.commands.common import user_errors
    from reechain.services.screening import score_names

    with user_errors():
        result = score_names(left, right, schema)
    typer.echo(f"{result.score:.4f}")
    if explain:
        for f in result.features:
            typer.echo(f"  {f.name:16} {f.score:.2f}  {f.detail}")


@app.command("pairs")
def pairs_cmd(
    pairs_csv: Path = typer.Argument(..., help="CSV with columns left,right,schema."),
    out: Path | None = typer.Option(None, "--out", help="Write the CSV here instead of stdout."),
) -> None:
    """Score every pair of PAIRS_CSV; writes the same rows with a `score` column added."""
    from reechain.commands.common import user_errors
    from reechain.compliance.matching.batch import read_pairs
    from reechain.services.screening import score_pairs

    with user_errors():
        text = _read(pairs_csv)
        pairs = read_pairs(text)
        scores = score_pairs(pairs)
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    buffer = io.StringIO()
    fields = [*(rows[0].keys() if rows else ["left", "right", "schema"]), "score"]
    writer = csv.DictWriter(buffer, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    for row, value in zip(rows, scores, strict=True):
        writer.writerow({**row, "score": f"{value:.4f}"})
    if out is None:
        sys.stdout.write(buffer.getvalue())
    else:
        out.write_text(buffer.getvalue(), encoding="utf-8")
        typer.echo(f"{len(rows)} pairs scored → {out}")


@app.command("calibrate")
def calibrate_cmd(
    labelled_csv: Path = typer.Argument(..., help="CSV with columns left,right,schema,is_match (1/0)."),
    json_out: Path | None = typer.Option(None, "--json", help="Also write the table as JSON ('-' = stdout)."),
) -> None:
    """Precision and recall of the matcher per threshold on your labelled pairs."""
    from rich.table import Table

    from reechain.commands.common import console, err_console, user_errors, write_json
    from reechain.compliance.matching.batch import read_pairs
    from reechain.services.screening import calibrate

    with user_errors():
        pairs = read_pairs(_read(labelled_csv), labelled=True)
        table_rows = calibrate(pairs)
    table = Table(title=f"{len(pairs)} labelled pairs ({sum(1 for p in pairs if p.is_match)} matches)")
    for col in ("threshold", "precision", "recall", "f1", "tp", "fp", "fn"):
        table.add_column(col, justify="right")
    for q in table_rows:
        table.add_row(
            f"{q.threshold:.2f}",
            f"{q.precision:.3f}",
            f"{q.recall:.3f}",
            f"{q.f1:.3f}",
            str(q.true_positives),
            str(q.false_positives),
            str(q.false_negatives),
        )
    out = err_console if str(json_out) == "-" else console  # keep stdout for the JSON
    out.print(table)
    best = max(table_rows, key=lambda q: (q.f1, q.threshold))
    out.print(f"best F1 {best.f1:.3f} at threshold {best.threshold:.2f}")
    write_json([q.__dict__ for q in table_rows], json_out)


@app.command("parties")
def parties_cmd(
    parties_csv: Path = typer.Argument(
        ..., help="CSV with columns id,name,schema,country (country may be empty)."
    ),
    json_out: Path | None = typer.Option(
        None, "--json", help="Write every party's hits as JSON ('-' = stdout)."
    ),
    threshold: float | None = typer.Option(
        None, "--threshold", help="Minimum score of a hit (default 0.85)."
    ),
    processes: int | None = PROCESSES_OPT,
) -> None:
    """Screen a batch of parties against every list in force; hits per party, throughput at the end."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
    from rich.table import Table

    from reechain.commands.common import container, err_console, user_errors, write_json
    from reechain.compliance.matching.batch import read_parties
    from reechain.compliance.matching.screener import PartyQuery
    from reechain.services.screening import active_list_versions, screen_parties, screener
    from reechain.services.screening_pool import usable_processes

    with user_errors():
        parties = read_parties(_read(parties_csv))
        c = container()
        versions = active_list_versions(c)
        started = time.perf_counter()
        screener(c)  # build (or reuse) the index before timing the screening itself
        built = time.perf_counter()
        with Progress(
            TextColumn("screening"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            console=err_console,
            transient=True,
        ) as bar:
            task = bar.add_task("screening", total=len(parties))
            results = screen_parties(
                c,
                [PartyQuery(p.name, p.schema, p.country) for p in parties],
                threshold=threshold,
                progress=lambda done: bar.update(task, completed=done),
                processes=processes or usable_processes(),
            )
        elapsed = time.perf_counter() - built
    flagged = [(p, hits) for p, hits in zip(parties, results, strict=True) if hits]
    table = Table(title=f"{len(flagged)} of {len(parties)} parties with hits")
    for col in ("party", "name", "list", "entry", "listed name", "score"):
        table.add_column(col)
    for p, hits in flagged[:200]:
        for h in hits[:3]:
            table.add_row(
                p.id, p.name, f"{h.list_name} v{h.list_version}", h.entry_id, h.entry_name, f"{h.score:.3f}"
            )
    if flagged:
        err_console.print(table)
    rate = len(parties) / elapsed if elapsed > 0 else float("inf")
    err_console.print(
        f"{len(parties)} parties screened against {len(versions)} lists in {elapsed:.2f} s "
        f"({rate:,.0f} parties/s; index ready in {built - started:.2f} s)"
    )
    write_json(
        {
            "list_versions": versions,
            "parties": [
                {"id": p.id, "name": p.name, "hits": [h.to_dict() for h in hits]}
                for p, hits in zip(parties, results, strict=True)
            ],
            "parties_per_s": round(rate, 1),
        },
        json_out,
    )

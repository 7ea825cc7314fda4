"""`reechain ledger`: Material ledger: post, import, balance, trace."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

import typer

app = typer.Typer(help="Material ledger: post, import, balance, trace.", no_args_is_help=True)

JSON_HELP = "Write the result as JSON to this file ('-' = stdout) instead of a table."


def _date(value: str | None, name: str) -> date | None:
    from reechain.domain.errors import InvalidInput, Problem

    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InvalidInput(f"{value!r} is not a date", [Problem("use YYYY-MM-DD", name)]) from None


@app.command("post")
def post(
    kind: str = typer.Option(..., "--kind", help="receipt | transfer | sale | adjustment"),
    lot: str = typer.Option(..., "--lot"),
    quantity_t: float = typer.Option(..., "--qty", help="t of product (signed for an adjustment)"),
    on: str = typer.Option(None, "--date", help="YYYY-MM-DD (default: today)"),
    product: str | None = typer.Option(None, "--product", help="Product of a new lot (receipt)."),
    from_location: str | None = typer.Option(None, "--from"),
    to_location: str | None = typer.Option(None, "--to"),
    source: str | None = typer.Option(None, "--source", help="own_mine | purchase | import | return"),
    reason: str | None = typer.Option(None, "--reason"),
    reference: str | None = typer.Option(None, "--reference"),
    override_by: str | None = typer.Option(None, "--override-by", help="Who allows exceeding a quota."),
    override_reason: str | None = typer.Option(None, "--override-reason", help="Why."),
    by: str | None = typer.Option(None, "--by", help="Who posts."),
) -> None:
    """Post one movement. Transformations are posted from a file (`reechain ledger import`)."""
    from reechain.commands.common import console, container, user_errors
    from reechain.domain.errors import InvalidInput, Problem
    from reechain.domain.movements import MovementInput, MovementKind, ReceiptSource
    from reechain.domain.quotas import QuotaOverride
    from reechain.services import ledger

    with user_errors():
        try:
            mkind = MovementKind(kind)
            src = ReceiptSource(source) if source else None
        except ValueError as e:
            raise InvalidInput(str(e), [Problem(str(e), "kind" if "Kind" in str(e) else "source")]) from None
        if mkind is MovementKind.TRANSFORMATION:
            raise InvalidInput(
                "post transformations with `reechain ledger import FILE`", [Problem("", "kind")]
            )
        override = (
            QuotaOverride(override_by or "", override_reason or "")
            if override_by or override_reason
            else None
        )
        m = MovementInput(
            kind=mkind,
            occurred_on=_date(on, "date") or date.today(),
            lot=lot,
            quantity_t=quantity_t,
            product=product,
            from_location=from_location,
            to_location=to_location,
            source=src,
            reason=reason,
            reference=reference,
            override=override,
            posted_by=by,
        )
        result = ledger.post_movement(container(), m)
    extra = f"; new lot {', '.join(result.lots_created)}" if result.lots_created else ""
    if result.override_ids:
        extra += f"; quota override recorded (id {', '.join(map(str, result.override_ids))})"
    console.print(f"posted {kind} of {quantity_t:g} t of lot {lot}{extra}")


@app.command("import")
def import_(
    path: Path = typer.Argument(..., help="CSV or Excel (.xlsx) file of movements (format: docs/ledger.md)."),
    sheet: str | None = typer.Option(None, "--sheet", help="Excel sheet (default: the first)."),
    by: str | None = typer.Option(None, "--by", help="Who posts."),
) -> None:
    """Import movements: all or nothing; every bad row is reported with its line."""
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    from reechain.commands.common import console, container, user_errors
    from reechain.services.movement_import import import_movements

    with user_errors():
        c = container()
        with Progress(
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            TextColumn("{task.percentage:>3.0f}%"),
            TimeElapsedColumn(),
            console=console,
            transient=True,
        ) as bar:
            task = bar.add_task(f"importing {path.name}", total=None)

            def progress(done: int, total: int) -> None:
                bar.update(task, completed=done, total=total)

            result = import_movements(c, path, sheet=sheet, posted_by=by, progress=progress)
    console.print(
        f"imported {result.rows} movement(s) from {path.name}: {result.entries} ledger line(s), "
        f"{result.lots_created} new lot(s)"
    )


@app.command("balance")
def balance(
    at: str | None = typer.Option(None, "--at", help="Stock at the end of this day (YYYY-MM-DD)."),
    by: str = typer.Option("element", "--by", help="element | product | lot | location"),
    location: str | None = typer.Option(None, "--location"),
    product: str | None = typer.Option(None, "--product"),
    json_out: Path | None = typer.Option(None, "--json", help=JSON_HELP),
) -> None:
    """Stock held by the group, exact as of any date: t of product and t REO per element."""
    from rich.table import Table

    from reechain.commands.common import console, container, user_errors, write_json
    from reechain.services import ledger

    with user_errors():
        rows = ledger.stock_balance(container(), _date(at, "at"), by, location=location, product=product)
    if json_out is not None:
        write_json([dataclasses.asdict(r) for r in rows], json_out)
        return
    title = f"Stock by {by}" + (f" at end of {at}" if at else "")
    table = Table(title=title)
    if by == "element":
        for col in ("element", "segment", "t REO", "t metal"):
            table.add_column(col, justify="right" if col.startswith("t ") else "left")
        for r in rows:
            table.add_row(r.key, r.segment or "", f"{r.t_reo:,.3f}", f"{r.t_metal or 0:,.3f}")
    else:
        table.add_column(by)
        if by == "lot":
            table.add_column("location")
        if by in ("product", "lot"):
            table.add_column("t product", justify="right")
        table.add_column("t REO", justify="right")
        table.add_column("t REO by element")
        for r in rows:
            cells = [r.key]
            if by == "lot":
                cells.append(r.location or "")
            if by in ("product", "lot"):
                cells.append(f"{r.t_product or 0:,.3f}")
            top = sorted(r.t_reo_by_element.items(), key=lambda kv: -kv[1])[:5]
            cells += [f"{r.t_reo:,.3f}", ", ".join(f"{el} {v:,.2f}" for el, v in top)]
            table.add_row(*cells)
    console.print(table)


@app.command("bridge")
def bridge(
    elements: str = typer.Option(
        "PrNd", "--elements", "-e", help="Element symbols, e.g. Dy or Pr,Nd (PrNd)."
    ),
    start: str | None = typer.Option(None, "--from", help="First day (YYYY-MM-DD); default 1 January."),
    end: str | None = typer.Option(None, "--to", help="Last day (YYYY-MM-DD); default today."),
    location: str | None = typer.Option(None, "--location", help="Only this held location."),
    movements: bool = typer.Option(False, "--movements", help="List the largest movements of each line."),
    json_out: Path | None = typer.Option(None, "--json", help=JSON_HELP),
) -> None:
    """Why stock sits where it does: opening stock, every flow in and out, closing stock (t REO)."""
    from rich.table import Table

    from reechain.commands.common import console, container, user_errors, write_json
    from reechain.ledger.bridge import opening_day
    from reechain.services import ledger

    with user_errors():
        b = ledger.stock_bridge(
            container(), elements, _date(start, "from"), _date(end, "to"), location=location
        )
    if json_out is not None:
        write_json(dataclasses.asdict(b), json_out)
        return
    where = f" at {location}" if location else ""
    table = Table(title=f"{'+'.join(b.elements)} stock{where}, {b.start} to {b.end} (t REO)")
    table.add_column("line")
    table.add_column("t REO", justify="right")
    table.add_column("movements", justify="right")
    table.add_row(f"opening (end of {opening_day(b.start)})", f"{b.opening_t_reo:,.3f}", "", style="bold")
    for ln in b.lines:
        table.add_row(ln.label, f"{ln.t_reo:+,.3f}", f"{ln.movements:,}")
    table.add_row(f"closing (end of {b.end})", f"{b.closing_t_reo:,.3f}", "", style="bold")
    console.print(table)
    gap = b.opening_t_reo + b.flows_t_reo - b.closing_t_reo
    console.print(f"opening + flows - closing = {gap:+.6f} t REO")
    if movements:
        for ln in b.lines:
            console.print(f"[bold]{ln.label}[/] (largest of {ln.movements}):")
            for mv in ln.examples:
                console.print(
                    f"  #{mv.movement_id} {mv.occurred_on} lot {mv.lot} ({mv.product}) "
                    f"{mv.t_product:,.3f} t, {mv.t_reo:+,.3f} t REO, {mv.from_location or '-'} -> "
                    f"{mv.to_location or '-'}"
                )


@app.command("trace")
def trace(
    lot: str = typer.Argument(..., help="Lot code."),
    json_out: Path | None = typer.Option(None, "--json", help=JSON_HELP),
) -> None:
    """A lot's ancestors back to the ore receipts and its descendants forward to customers."""
    from rich.tree import Tree

    from reechain.commands.common import console, container, user_errors, write_json
    from reechain.ledger.views import TraceNode
    from reechain.services import ledger

    with user_errors():
        tr = ledger.trace_lot(container(), lot)
    if json_out is not None:
        write_json(tr.to_dict(), json_out)
        return

    def label(n: TraceNode) -> str:
        text = f"[bold]{n.lot}[/] {n.product} ({n.form}, {n.created_on})"
        if n.via:
            text += f" [dim]via {n.via}[/]"
        for r in n.receipts:
            where = f"{r['location']} ({r['source']})"
            text += f"\n[green]received[/] {r['quantity_t']:,.3f} t at {where} on {r['on']}"
        for s in n.sales:
            text += f"\n[cyan]sold[/] {s['quantity_t']:,.3f} t to {s['customer']} on {s['on']}"
        return text

    def grow(branch: Tree, nodes: list[TraceNode]) -> None:
        for n in nodes:
            grow(branch.add(label(n)), n.children)

    root = Tree(label(tr.lot))
    grow(root.add("[yellow]ancestors (back to ore)[/]"), tr.ancestors)
    grow(root.add("[yellow]descendants (forward to customers)[/]"), tr.descendants)
    console.print(root)
    console.print(f"origins: {', '.join(tr.origins()) or '-'}; customers: {', '.join(tr.customers()) or '-'}")


@app.command("movements")
def movements(
    lot: str | None = typer.Option(None, "--lot"),
    location: str | None = typer.Option(None, "--location"),
    kind: str | None = typer.Option(None, "--kind"),
    since: str | None = typer.Option(None, "--since"),
    until: str | None = typer.Option(None, "--until"),
    limit: int = typer.Option(50, "--limit"),
    json_out: Path | None = typer.Option(None, "--json", help=JSON_HELP),
) -> None:
    """Posted movements, newest first."""
    from rich.table import Table

    from reechain.commands.common import console, container, user_errors, write_json
    from reechain.services import ledger

    with user_errors():
        rows = ledger.list_movements(
            container(),
            lot=lot,
            location=location,
            kind=kind,
            since=_date(since, "since"),
            until=_date(until, "until"),
            limit=limit,
        )
    if json_out is not None:
        write_json([dataclasses.asdict(r) for r in rows], json_out)
        return
    table = Table(title="Movements (newest first)")
    for col in ("id", "date", "kind", "lot", "product", "from", "to", "t", "t REO", "reference"):
        table.add_column(col, justify="right" if col in ("id", "t", "t REO") else "left")
    for r in rows:
        table.add_row(
            str(r.id),
            r.occurred_on.isoformat(),
            r.kind,
            r.lot,
            r.product,
            r.from_location or "",
            r.to_location or "",
            f"{r.quantity_t:,.3f}",
            f"{r.t_reo:,.3f}",
            r.reference or "",
        )
    console.print(table)


@app.command("plants")
def plants(json_out: Path | None = typer.Option(None, "--json", help=JSON_HELP)) -> None:
    """Plants with capacity, recovery, feeds and products."""
    from rich.table import Table

    from reechain.commands.common import console, container, user_errors, write_json
    from reechain.services import ledger

    with user_errors():
        rows = ledger.list_plants(container())
    if json_out is not None:
        write_json([dataclasses.asdict(r) for r in rows], json_out)
        return
    table = Table(title="Plants")
    for col in ("plant", "kind", "capacity t REO/yr", "recovery", "feeds", "products"):
        table.add_column(col)
    for p in rows:
        table.add_row(
            p.location,
            p.kind.value,
            f"{p.capacity_t_reo_per_year:,.0f}",
            f"{p.recovery:.2%}",
            ", ".join(p.feeds),
            ", ".join(p.products),
        )
    console.print(table)


@app.command("lots")
def lots(
    product: str | None = typer.Option(None, "--product"),
    on_hand: bool = typer.Option(False, "--on-hand", help="Only lots the group still holds."),
    limit: int = typer.Option(50, "--limit"),
    json_out: Path | None = typer.Option(None, "--json", help=JSON_HELP),
) -> None:
    """Lots, newest first, with what the group still holds of each."""
    from rich.table import Table

    from reechain.commands.common import console, container, user_errors, write_json
    from reechain.services import ledger

    with user_errors():
        rows = ledger.list_lots(container(), product=product, on_hand_only=on_hand, limit=limit)
    if json_out is not None:
        write_json([dataclasses.asdict(r) for r in rows], json_out)
        return
    table = Table(title="Lots (newest first)")
    for col in ("lot", "product", "created", "t REO per t", "on hand t"):
        table.add_column(col, justify="right" if col.startswith(("t ", "on")) else "left")
    for r in rows:
        table.add_row(
            r.code, r.product, r.created_on.isoformat(), f"{r.reo_fraction:.4f}", f"{r.on_hand_t:,.3f}"
        )
    console.print(table)


@app.command("locations")
def locations(
    kind: str | None = typer.Option(
        None, "--kind", help="mine | plant | warehouse | in_transit | customer | residue"
    ),
    json_out: Path | None = typer.Option(None, "--json", help=JSON_HELP),
) -> None:
    """Locations with their kind and holder."""
    from rich.table import Table

    from reechain.commands.common import console, container, user_errors, write_json
    from reechain.services import ledger

    with user_errors():
        rows = ledger.list_locations(container(), kind)
    if json_out is not None:
        write_json([dataclasses.asdict(r) for r in rows], json_out)
        return
    table = Table(title="Locations")
    for col in ("code", "name", "kind", "holder", "country"):
        table.add_column(col)
    for r in rows:
        table.add_row(r.code, r.name, r.kind, r.holder or "", r.country or "")
    console.print(table)

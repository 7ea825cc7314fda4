"""`reechain comply`: export-control rules, licences, order checks, shipments, holds and the allow-list."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import typer

from reechain.commands.common import Table, console, container, user_errors, write_json

app = typer.Typer(help="Export-control compliance decisions.", no_args_is_help=True)
licence_app = typer.Typer(help="Dual-use and export licences.", no_args_is_help=True)
allow_app = typer.Typer(
    help="Allow-list: silence one exact list hit until it changes or expires.", no_args_is_help=True
)
app.add_typer(licence_app, name="licence")
app.add_typer(allow_app, name="allow")

USER_OPT = typer.Option(
    None,
    "--user",
    "-u",
    help="Acting user (default: $REECHAIN_USER); asks the password unless $REECHAIN_TOKEN is set.",
)
JSON_OPT = typer.Option(None, "--json", help="Write the result as JSON to this file ('-' for stdout).")


def _date(value: str | None, name: str) -> date | None:
    from reechain.domain.errors import InvalidInput, Problem

    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InvalidInput(f"{name} is not a date", [Problem("use YYYY-MM-DD", field=name)]) from None


def _who(c: Any, user: str | None, *, required: bool) -> tuple[str, frozenset[Any]]:
    """The acting user, authenticated by REECHAIN_TOKEN or a password (reechain.commands.cli_auth)."""
    from reechain.commands.cli_auth import acting_user

    return acting_user(c, user, required=required)


@app.command("rules")
def rules(
    as_of: str | None = typer.Option(None, "--as-of", help="Day (YYYY-MM-DD); default today."),
    show_all: bool = typer.Option(False, "--all", help="Also list measures not in force on that day."),
    out: Path | None = JSON_OPT,
) -> None:
    """List the export-control measures that apply on a day (with suspensions and lapses)."""
    from reechain.services.compliance import rule_book, rules_as_of

    with user_errors():
        c = container()
        on = _date(as_of, "--as-of") or date.today()
        rows = rules_as_of(c, on, all_measures=show_all)
        version = rule_book(c).version
    if out is not None:
        write_json({"as_of": on.isoformat(), "rules_version": version, "measures": rows}, out)
        return
    t = Table(title=f"Measures as of {on} (rules {version})")
    for col in ("id", "status", "why", "elements / forms / HS lines", "licence"):
        t.add_column(col)
    for r in rows:
        scope = " ".join(r["elements"]) + (" | " + " ".join(r["forms"]) if r["forms"] else "")
        scope += f" | {r['hs_codes']} HS lines" if r["hs_codes"] else ""
        t.add_row(r["id"], r["status"], r["why"], scope, ", ".join(r["licence_kinds"]))
    console.print(t)


def _print_decision(result: dict[str, Any]) -> None:
    colour = {"clear": "green", "licence_required": "yellow", "hold": "magenta", "blocked": "red"}
    d = result["decision"]
    console.print(f"order {result['order_id']} as of {result['as_of']}: [bold {colour[d]}]{d}[/]")
    for r in result["reasons"]:
        console.print(f"  - {r}", highlight=False)
    for ln in result["lines"]:
        console.print(f"line {ln['line']} {ln['product']}: {ln['decision']}", highlight=False)
        for r in ln["reasons"]:
            console.print(f"    · {r}", highlight=False)
    for p in result["parties"]:
        console.print(f"{p['role']} {p['name']}: {p['decision']}", highlight=False)
        for r in p["reasons"]:
            console.print(f"    · {r}", highlight=False)
    if result.get("hold_id"):
        console.print(f"on hold for review: hold {result['hold_id']} (two compliance officers must approve)")


@app.command("check")
def check(
    order_file: Path = typer.Argument(
        ..., exists=True, dir_okay=False, help="Order JSON (docs/compliance.md)."
    ),
    out: Path | None = JSON_OPT,
    user: str | None = USER_OPT,
    sample_lists: bool = typer.Option(
        False,
        "--sample-lists",
        help="If no list is loaded, first load the packaged sample lists (test data).",
    ),
) -> None:
    """Decide an export order: clear, licence_required, hold or blocked, with reasons per line and party."""
    from reechain.domain.errors import InvalidInput, Problem
    from reechain.services.compliance import check_order

    with user_errors():
        try:
            order = json.loads(order_file.read_text(encoding="utf-8"))
        except json.JSONDecodeError as e:
            raise InvalidInput(f"{order_file} is not JSON", [Problem(e.msg, line=e.lineno)]) from None
        c = container()
        actor, _ = _who(c, user, required=False)
        if sample_lists:
            from reechain.services.screening import load_sample_lists

            for rep in load_sample_lists(c):
                console.print(f"loaded sample list {rep.list_name} v{rep.version}: {rep.entries} entries")
        result = check_order(c, order, actor=actor)
    write_json(result, out)
    if str(out) != "-":
        _print_decision(result)


@app.command("ship")
def ship(
    order_id: str = typer.Argument(..., help="A sales order (`reechain sales order add`), allocated."),
    on: str | None = typer.Option(None, "--on", help="Shipping day (YYYY-MM-DD); default today."),
    user: str | None = USER_OPT,
) -> None:
    """Ship a sales order: gate re-check, licence draw-down, ledger sale, shipment and audit, all at once."""
    from reechain.services.compliance import ship_order

    with user_errors():
        c = container()
        actor, _ = _who(c, user, required=True)
        result = ship_order(c, order_id, actor=actor, on=_date(on, "--on"))
    for d in result["drawn"]:
        console.print(f"line {d['line']}: drew {d['quantity_kg']:g} kg from licence {d['licence_no']}")
    for lot in result["lots"]:
        console.print(f"sold {lot['quantity_t']:g} t of lot {lot['lot']} from {lot['location']}")
    console.print(f"order {order_id} shipped on {result['shipped_on']} (audit seq {result['audit']['seq']})")


@app.command("holds")
def holds(
    status: str = typer.Option("pending", "--status", help="pending, released, rejected or all."),
    out: Path | None = JSON_OPT,
) -> None:
    """The review queue."""
    from reechain.services.compliance import list_holds

    with user_errors():
        rows = list_holds(container(), None if status == "all" else status)
    if out is not None:
        write_json(rows, out)
        return
    t = Table(title=f"Holds ({status})")
    for col in ("hold", "order", "status", "hits", "approvals"):
        t.add_column(col)
    for h in rows:
        hits = "; ".join(
            f"{p['name']} ~ {x['list']}:{x['entry_id']} {x['entry_name']} ({x['score']:.2f})"
            for p in h["parties"]
            for x in p["hits"]
        )
        t.add_row(
            str(h["hold_id"]),
            h["order_id"],
            h["status"],
            hits,
            ", ".join(a["username"] for a in h["approvals"]),
        )
    console.print(t)


@app.command("approve")
def approve(hold_id: int, note: str = typer.Option("", "--note"), user: str | None = USER_OPT) -> None:
    """Approve a hold (compliance officer); the second approval by another officer releases it."""
    from reechain.services.compliance import approve_hold

    with user_errors():
        c = container()
        actor, roles = _who(c, user, required=True)
        h = approve_hold(c, hold_id, actor=actor, roles=roles, note=note)
    console.print(
        f"hold {hold_id}: {h['status']} (approved by {', '.join(a['username'] for a in h['approvals'])})"
    )


@app.command("reject")
def reject(hold_id: int, note: str = typer.Option("", "--note"), user: str | None = USER_OPT) -> None:
    """Reject a hold (compliance officer): the order is blocked."""
    from reechain.services.compliance import reject_hold

    with user_errors():
        c = container()
        actor, roles = _who(c, user, required=True)
        reject_hold(c, hold_id, actor=actor, roles=roles, note=note)
    console.print(f"hold {hold_id}: rejected")


@licence_app.command("add")
def licence_add(
    licence_no: str = typer.Argument(...),
    kind: str = typer.Option(..., "--kind", help="dual_use or export."),
    exporter: str = typer.Option(..., "--exporter"),
    quantity_kg: float = typer.Option(..., "--quantity-kg"),
    valid_from: str = typer.Option(..., "--valid-from"),
    valid_until: str = typer.Option(..., "--valid-until"),
    destination: str | None = typer.Option(None, "--destination", help="ISO country; omit for any."),
    consignee: str | None = typer.Option(None, "--consignee"),
    end_user: str | None = typer.Option(None, "--end-user"),
    elements: str = typer.Option("", "--elements", help="Comma-separated, e.g. Dy,Tb; omit for any."),
    hs_codes: str = typer.Option("", "--hs", help="Comma-separated HS codes or prefixes; omit for any."),
    user: str | None = USER_OPT,
) -> None:
    """Register a licence (compliance officer)."""
    from reechain.compliance.licences import Licence
    from reechain.services.compliance import add_licence

    with user_errors():
        c = container()
        actor, roles = _who(c, user, required=True)
        lic = Licence(
            licence_no=licence_no,
            kind=kind,
            exporter=exporter,
            consignee=consignee,
            end_user=end_user,
            destination_country=destination.upper() if destination else None,
            elements=frozenset(e.strip() for e in elements.split(",") if e.strip()),
            hs_codes=tuple(h.strip() for h in hs_codes.split(",") if h.strip()),
            quantity_kg=quantity_kg,
            drawn_kg=0.0,
            valid_from=_date(valid_from, "--valid-from") or date.today(),
            valid_until=_date(valid_until, "--valid-until") or date.today(),
        )
        add_licence(c, lic, actor=actor, roles=roles)
    console.print(f"licence {licence_no} registered: {quantity_kg:g} kg, {valid_from} to {valid_until}")


@licence_app.command("list")
def licence_list(out: Path | None = JSON_OPT) -> None:
    """Licences with their remaining quantity."""
    from reechain.services.compliance import licence_json, list_licences

    with user_errors():
        rows = [licence_json(x, date.today()) for x in list_licences(container())]
    if out is not None:
        write_json(rows, out)
        return
    t = Table(title="Licences")
    for col in (
        "licence",
        "kind",
        "exporter",
        "dest.",
        "end user",
        "elements",
        "quantity kg",
        "remaining kg",
        "valid",
    ):
        t.add_column(col)
    for r in rows:
        t.add_row(
            r["licence_no"],
            r["kind"],
            r["exporter"],
            r["destination_country"] or "any",
            r["end_user"] or "any",
            ",".join(r["elements"]) or "any",
            f"{r['quantity_kg']:g}",
            f"{r['remaining_kg']:g}",
            f"{r['valid_from']}..{r['valid_until']}" + ("" if r["usable"] else " (not usable today)"),
        )
    console.print(t)


@allow_app.command("add")
def allow_add(
    party: str = typer.Option(..., "--party", help="Party name as it appears on orders."),
    list_name: str = typer.Option(..., "--list"),
    entry_id: str = typer.Option(..., "--entry-id"),
    fingerprint: str = typer.Option(..., "--fingerprint", help="entry_fingerprint of the hit as seen."),
    expires: str = typer.Option(..., "--expires", help="Last day (YYYY-MM-DD) the entry silences the hit."),
    reason: str = typer.Option(..., "--reason"),
    user: str | None = USER_OPT,
) -> None:
    """Silence one exact hit (compliance officer)."""
    from reechain.services.compliance import add_allow_entry

    with user_errors():
        c = container()
        actor, roles = _who(c, user, required=True)
        e = add_allow_entry(
            c,
            party_name=party,
            list_name=list_name,
            entry_id=entry_id,
            entry_fingerprint=fingerprint,
            expires_on=_date(expires, "--expires") or date.today(),
            reason=reason,
            actor=actor,
            roles=roles,
        )
    console.print(f"allow-list entry {e['id']} added")


@allow_app.command("list")
def allow_list(out: Path | None = JSON_OPT) -> None:
    """Allow-list entries."""
    from reechain.services.compliance import list_allow_entries

    with user_errors():
        rows = list_allow_entries(container())
    if out is not None:
        write_json(rows, out)
        return
    t = Table(title="Allow-list")
    for col in ("id", "party", "list entry", "fingerprint", "expires", "approved by", "revoked"):
        t.add_column(col)
    for r in rows:
        t.add_row(
            str(r["id"]),
            r["party_name"],
            f"{r['list']}:{r['entry_id']}",
            r["entry_fingerprint"][:12],
            r["expires_on"],
            r["approved_by"],
            "yes" if r["revoked"] else "",
        )
    console.print(t)


@allow_app.command("revoke")
def allow_revoke(entry: int, user: str | None = USER_OPT) -> None:
    """Revoke an allow-list entry (compliance officer)."""
    from reechain.services.compliance import revoke_allow_entry

    with user_errors():
        c = container()
        actor, roles = _who(c, user, required=True)
        revoke_allow_entry(c, entry, actor=actor, roles=roles)
    console.print(f"allow-list entry {entry} revoked")

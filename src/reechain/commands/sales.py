"""`reechain sales`: channels, contracts, orders, allocation, shipping, velocity and market share."""

from __future__ import annotations

import getpass
import json
import os
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer

from reechain.commands.common import Table, console, container, user_errors, write_json
from reechain.domain.errors import InvalidInput, Problem

app = typer.Typer(help="Sales channels, contracts, orders and market position.", no_args_is_help=True)
order_app = typer.Typer(
    help="Orders: add, allocate lots, compliance check, ship, cancel, list.", no_args_is_help=True
)
contract_app = typer.Typer(help="Long-term contracts with volumes and price formulas.", no_args_is_help=True)
market_app = typer.Typer(help="Market sizes (t REO a year, with source).", no_args_is_help=True)
app.add_typer(order_app, name="order")
app.add_typer(contract_app, name="contract")
app.add_typer(market_app, name="market-size")

JsonOut = Annotated[Path | None, typer.Option("--json", help="Write JSON to this file ('-': stdout).")]
User = Annotated[str | None, typer.Option("--user", help="Acting user (default: REECHAIN_USER).")]


def _actor(user: str | None) -> str:
    return user or os.environ.get("REECHAIN_USER") or f"cli:{getpass.getuser()}"


def _date(value: str | None, name: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InvalidInput(f"{name} is not a date", [Problem("use YYYY-MM-DD", field=name)]) from None


def _table(title: str, rows: list[dict[str, Any]], columns: list[str]) -> None:
    table = Table(*columns, title=title)
    for r in rows:
        table.add_row(*(_cell(r.get(col)) for col in columns))
    console.print(table)


def _cell(v: Any) -> str:
    if v is None:
        return ""
    return f"{v:.6g}" if isinstance(v, float) else str(v)


def _out(data: Any, json_out: Path | None) -> bool:
    if json_out is not None:
        write_json(data, json_out)
    return json_out is not None and str(json_out) == "-"


@contract_app.command("add")
def contract_add(
    code: str,
    customer: Annotated[str, typer.Option(help="Customer location code.")],
    product: Annotated[str, typer.Option(help="Product code.")],
    volume_t: Annotated[float, typer.Option("--volume-t", help="Contracted volume, t of product.")],
    start: Annotated[str, typer.Option(help="First day (YYYY-MM-DD).")],
    end: Annotated[str, typer.Option(help="Last day (YYYY-MM-DD).")],
    price_basis: Annotated[str, typer.Option("--price-basis", help="fixed | index")] = "fixed",
    price: Annotated[float | None, typer.Option("--price", help="Fixed price, CNY/t.")] = None,
    index_name: Annotated[str | None, typer.Option("--index-name", help="Price index.")] = None,
    index_factor: Annotated[float | None, typer.Option("--index-factor", help="e.g. 0.95 = 5 % off.")] = None,
    premium: Annotated[float, typer.Option("--premium", help="CNY/t added to index × factor.")] = 0.0,
) -> None:
    """Add a long-term contract: volume, period and price formula (fixed, or index × factor + premium)."""
    from reechain.services import sales

    with user_errors():
        k = sales.add_contract(
            container(),
            sales.ContractInput(
                code, customer, product, volume_t, _date(start, "--start") or date.today(),
                _date(end, "--end") or date.today(), price_basis, price, index_name, index_factor, premium,
            ),
            by=_actor(None),
        )  # fmt: skip
    console.print(f"contract {k['code']} added: {k['volume_t']:g} t of {k['product']} for {k['customer']}")


@contract_app.command("list")
def contract_list(json_out: JsonOut = None) -> None:
    """Contracts with what has been ordered and what remains."""
    from reechain.services import sales

    with user_errors():
        rows = sales.list_contracts(container())
    if _out(rows, json_out):
        return
    cols = ["code", "customer", "product", "volume_t", "ordered_t", "remaining_t", "price_basis", "end_on"]
    _table("Contracts", rows, cols)


@order_app.command("add")
def order_add(
    code: str,
    channel: Annotated[str, typer.Option(help="long_term | spot | exchange | distributor | retail")],
    customer: Annotated[str, typer.Option(help="Customer location code.")],
    product: Annotated[str, typer.Option(help="Product code.")],
    quantity_t: Annotated[float, typer.Option("--quantity-t", help="t of product.")],
    min_purity: Annotated[float | None, typer.Option("--min-purity", help="Spec, e.g. 0.999.")] = None,
    price: Annotated[float | None, typer.Option("--price", help="CNY/t (default: the contract's).")] = None,
    contract: Annotated[str | None, typer.Option(help="Contract code (long_term).")] = None,
    index_price: Annotated[float | None, typer.Option("--index-price", help="Index CNY/t today.")] = None,
    destination: Annotated[
        str | None, typer.Option(help="Destination country (ISO); not CN = export.")
    ] = None,
    parties: Annotated[Path | None, typer.Option(help="JSON: parties, end_use, hs_code (export).")] = None,
    on: Annotated[str | None, typer.Option(help="Order date (YYYY-MM-DD), default today.")] = None,
    user: User = None,
) -> None:
    """Add an order (status open)."""
    from reechain.services import sales
    from reechain.trade.channels import parse_channel
    from reechain.trade.orders import OrderInput

    with user_errors():
        doc: dict[str, Any] = {}
        if parties is not None:
            try:
                doc = json.loads(parties.read_text(encoding="utf-8"))
            except (OSError, ValueError) as e:
                raise InvalidInput(f"cannot read {parties}", [Problem(str(e), field="parties")]) from None
        o = sales.add_order(
            container(),
            OrderInput(
                code, parse_channel(channel), customer, product, quantity_t,
                _date(on, "--on") or date.today(), destination, min_purity, price, contract, doc,
            ),
            by=_actor(user), index_cny_per_t=index_price,
        )  # fmt: skip
    console.print(
        f"order {o['code']} added: {o['quantity_t']:g} t {o['product']}, compliance {o['compliance_state']}"
    )


@order_app.command("allocate")
def order_allocate(
    code: str, rule: Annotated[str | None, typer.Option(help="fifo | fefo (default: setting)")] = None
) -> None:
    """Allocate lots that meet the order's spec (FIFO or FEFO)."""
    from reechain.services import sales

    with user_errors():
        lines = sales.allocate_order(container(), code, rule=rule)
    _table(f"Allocation of {code}", [asdict(x) for x in lines], ["lot", "location", "quantity_t"])


@order_app.command("check")
def order_check(code: str, user: User = None, json_out: JsonOut = None) -> None:
    """Put an export order through the compliance gate."""
    from reechain.services import sales

    with user_errors():
        result = sales.check_order_compliance(container(), code, actor=_actor(user))
    if _out(result, json_out):
        return
    console.print(f"order {code}: [bold]{result['decision']}[/]")
    for r in result.get("reasons", []):
        console.print(f"  - {r}")


@order_app.command("ship")
def order_ship(code: str, on: Annotated[str | None, typer.Option()] = None, user: User = None) -> None:
    """Ship an allocated order: compliance gate for exports, then the sale is posted in the ledger."""
    from reechain.services import sales

    with user_errors():
        o = sales.ship_order(container(), code, actor=_actor(user), on=_date(on, "--on"))
    console.print(
        f"order {code} shipped on {o['shipped_on']}: {len(o['allocations'])} lot(s) posted as sales"
    )


@order_app.command("cancel")
def order_cancel(code: str) -> None:
    """Cancel an open or allocated order (its lots are released)."""
    from reechain.services import sales

    with user_errors():
        sales.cancel_order(container(), code)
    console.print(f"order {code} cancelled")


@order_app.command("list")
def order_list(status: Annotated[str | None, typer.Option()] = None, json_out: JsonOut = None) -> None:
    """Orders, newest first."""
    from reechain.services import sales

    with user_errors():
        rows = sales.list_orders(container(), status)
    if _out(rows, json_out):
        return
    cols = [
        "code",
        "ordered_on",
        "channel",
        "customer",
        "product",
        "quantity_t",
        "status",
        "compliance_state",
    ]
    _table("Orders", rows, cols)


@app.command("lot-expiry")
def lot_expiry(lot: str, expires_on: str) -> None:
    """Record a lot's expiry date (FEFO allocation uses it)."""
    from reechain.services import sales

    with user_errors():
        sales.set_lot_expiry(container(), lot, _date(expires_on, "EXPIRES_ON") or date.today())
    console.print(f"lot {lot} expires on {expires_on}")


@app.command("velocity")
def sales_velocity(
    days: Annotated[int, typer.Option(help="Window, days.")] = 90,
    until: Annotated[str | None, typer.Option(help="Last day (default today).")] = None,
    json_out: JsonOut = None,
) -> None:
    """Sales velocity per product and channel (t per 30 days)."""
    from reechain.services import market_position

    with user_errors():
        rows = [
            asdict(v)
            for v in market_position.sales_velocity(container(), days=days, until=_date(until, "--until"))
        ]
    if _out(rows, json_out):
        return
    _table(
        f"Sales velocity, last {days} days", rows, ["product", "channel", "sold_t", "t_per_30_days", "sales"]
    )


@app.command("share")
def share(year: int, json_out: JsonOut = None) -> None:
    """The group's share of each market by element and by light / medium / heavy segment."""
    from reechain.services import market_position

    with user_errors():
        rows = [asdict(s) for s in market_position.market_share(container(), year)]
    if _out(rows, json_out):
        return
    for r in rows:
        r["share_pct"] = None if r["share"] is None else 100 * r["share"]
    cols = ["scope", "key", "group_sales_t_reo", "market_t_reo", "share_pct", "basis", "source"]
    _table(f"Market share {year}", rows, cols)


@market_app.command("add")
def market_add(
    year: int,
    scope: Annotated[str, typer.Argument(help="element | segment")],
    key: Annotated[str, typer.Argument(help="Element symbol, or light | medium | heavy")],
    market_t_reo: Annotated[float, typer.Argument(help="Market size, t REO in the year.")],
    source: Annotated[str, typer.Option(help="Where the figure comes from.")],
) -> None:
    """Enter (or replace) a market size."""
    from reechain.services import market_position

    with user_errors():
        market_position.add_market_size(container(), year, scope, key, market_t_reo, source, by=_actor(None))
    console.print(f"{year} {scope} {key}: {market_t_reo:g} t REO ({source})")


@market_app.command("import")
def market_import(path: Path) -> None:
    """Import market sizes from CSV (year,scope,key,market_t_reo,source); all or nothing."""
    from reechain.services import market_position

    with user_errors():
        n = market_position.import_market_sizes(container(), path, by=_actor(None))
    console.print(f"{n} market size(s) imported")

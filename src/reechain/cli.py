"""The `reechain` command line (thin): each sub-command lives in ``reechain.commands.<name>``."""

from __future__ import annotations

import typer

from reechain.commands import (
    audit,
    comply,
    green,
    ledger,
    lists,
    market,
    partners,
    plan,
    quota,
    risk,
    sales,
    screen,
    signals,
    stock,
    user,
)
from reechain.commands.root import register_root_commands, register_serve_command

app = typer.Typer(
    help="reechain: run a rare-earth group — quotas, ledger, stock, sales, compliance, market.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain help: rendering it with rich costs a quarter of a second at start-up
)
app.add_typer(ledger.app, name="ledger")
app.add_typer(quota.app, name="quota")
app.add_typer(plan.app, name="plan")
app.add_typer(stock.app, name="stock")
app.add_typer(sales.app, name="sales")
app.add_typer(comply.app, name="comply")
app.add_typer(screen.app, name="screen")
app.add_typer(lists.app, name="lists")
app.add_typer(risk.app, name="risk")
app.add_typer(audit.app, name="audit")
app.add_typer(user.app, name="user")
app.add_typer(signals.app, name="signals")
app.add_typer(green.app, name="green")
app.add_typer(market.app, name="market")
app.add_typer(partners.app, name="partners")
register_root_commands(app)
register_serve_command(app)


def main() -> None:
    app()

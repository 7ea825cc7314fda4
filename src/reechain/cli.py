"""The `reechain` command line (thin): each sub-command lives in ``reechain.commands.<name>``."""

from __future__ import annotations

import typer

from reechain.commands import audit, comply, ledger, lists, market, plan, quota, sales, screen, stock, user
from reechain.commands.root import register_root_commands

app = typer.Typer(
    help="reechain: run a rare-earth group — quotas, ledger, stock, sales, compliance, market.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
app.add_typer(ledger.app, name="ledger")
app.add_typer(quota.app, name="quota")
app.add_typer(plan.app, name="plan")
app.add_typer(stock.app, name="stock")
app.add_typer(sales.app, name="sales")
app.add_typer(comply.app, name="comply")
app.add_typer(screen.app, name="screen")
app.add_typer(lists.app, name="lists")
app.add_typer(audit.app, name="audit")
app.add_typer(user.app, name="user")
app.add_typer(market.app, name="market")
register_root_commands(app)


def main() -> None:
    app()

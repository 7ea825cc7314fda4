"""The `reechain` command line (thin): each sub-command lives in ``reechain.commands.<name>``.

``main`` builds only the group a command line names (``reechain plan solve …`` imports and converts the plan
commands alone: typer turns every registered command into a click command at start, about a tenth of a
second for the hundred commands); ``--help``, the top-level commands and ``reechain.cli.app`` get them all.
"""

from __future__ import annotations

import importlib
import sys
from typing import Any

import typer

from reechain.commands.root import register_root_commands, register_serve_command

# group name → module under reechain.commands, in the order `--help` lists them
GROUPS = (
    "ledger",
    "quota",
    "plan",
    "stock",
    "sales",
    "comply",
    "screen",
    "lists",
    "risk",
    "audit",
    "user",
    "signals",
    "green",
    "market",
    "partners",
)


def build_app(only: str | None = None) -> typer.Typer:
    """The command line with every group and top-level command, or with the group ONLY alone."""
    app = typer.Typer(
        help="reechain: run a rare-earth group — quotas, ledger, stock, sales, compliance, market.",
        no_args_is_help=True,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,  # plain help: rendering it with rich costs a quarter of a second at start-up
    )
    for name in GROUPS:
        if only is None or name == only:
            app.add_typer(importlib.import_module(f"reechain.commands.{name}").app, name=name)
    if only is None:
        register_root_commands(app)
        register_serve_command(app)
    return app


_full: list[typer.Typer] = []


def __getattr__(name: str) -> Any:
    """``reechain.cli.app``: the whole command line, built on first use."""
    if name == "app":
        if not _full:
            _full.append(build_app())
        return _full[0]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def main() -> None:
    args = sys.argv[1:]
    build_app(args[0] if args and args[0] in GROUPS else None)()

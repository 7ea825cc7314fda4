"""Every `reechain sales` and `reechain stock` command is documented."""

from __future__ import annotations

from pathlib import Path

import typer

from reechain.commands import sales, stock

ROOT = Path(__file__).resolve().parents[2]


def _commands(app: typer.Typer, prefix: str) -> list[str]:
    out = [f"{prefix} {c.name}" for c in app.registered_commands if c.name]
    for group in app.registered_groups:
        assert group.typer_instance is not None
        out += _commands(group.typer_instance, f"{prefix} {group.name}")
    return out


def test_sales_commands_in_docs() -> None:
    doc = (ROOT / "docs/sales.md").read_text()
    for cmd in _commands(sales.app, "reechain sales"):
        assert cmd in doc, cmd


def test_stock_commands_in_docs() -> None:
    doc = (ROOT / "docs/inventory.md").read_text()
    for cmd in _commands(stock.app, "reechain stock"):
        assert cmd in doc, cmd

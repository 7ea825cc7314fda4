"""Docs that cannot drift: every CLI command and every setting is documented."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer.main

from reechain.cli import app
from reechain.settings import Settings

DOCS = Path(__file__).resolve().parents[1] / "docs"


def _all_docs() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in DOCS.rglob("*.md")) + (
        DOCS.parent / "README.md"
    ).read_text(encoding="utf-8")


def _commands(group: Any, prefix: str) -> list[str]:
    names: list[str] = []
    for name, cmd in group.commands.items():
        full = f"{prefix} {name}"
        if hasattr(cmd, "commands"):
            names.extend(_commands(cmd, full))
        else:
            names.append(full)
    return names


def test_every_cli_command_is_documented() -> None:
    root = typer.main.get_command(app)
    assert hasattr(root, "commands")
    docs = _all_docs()
    missing = [c for c in _commands(root, "reechain") if c not in docs]
    assert not missing, f"commands missing from docs/: {missing}"


def test_every_setting_is_documented() -> None:
    docs = _all_docs()
    missing = [f"REECHAIN_{n.upper()}" for n in Settings.model_fields if f"REECHAIN_{n.upper()}" not in docs]
    assert not missing, f"settings missing from docs/: {missing}"

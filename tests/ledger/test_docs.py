"""docs/ledger.md cannot drift: every ledger/quota command, import column and service function is in it."""

from __future__ import annotations

from pathlib import Path

import pytest

from reechain.commands import ledger as ledger_cmd
from reechain.commands import quota as quota_cmd
from reechain.services import ledger as ledger_svc
from reechain.services.movement_import import COLUMNS

DOC = (Path(__file__).resolve().parents[2] / "docs" / "ledger.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "command",
    [f"reechain ledger {c.name}" for c in ledger_cmd.app.registered_commands]
    + [f"reechain quota {c.name}" for c in quota_cmd.app.registered_commands],
)
def test_every_command_is_documented(command: str) -> None:
    assert command in DOC


@pytest.mark.parametrize("column", COLUMNS)
def test_every_import_column_is_documented(column: str) -> None:
    assert f"`{column}`" in DOC


@pytest.mark.parametrize("name", ledger_svc.__all__)
def test_every_service_function_is_documented(name: str) -> None:
    assert f"{name}" in DOC


def test_example_file_header_is_the_documented_format() -> None:
    example = Path(__file__).resolve().parents[2] / "docs" / "examples" / "movements.csv"
    assert example.read_text(encoding="utf-8").splitlines()[0] == ",".join(COLUMNS)

"""docs/risk.md keeps up with the code: categories, kinds, tags, forms, commands and routes."""

from __future__ import annotations

from pathlib import Path

from reechain.api.routers.contracts import router
from reechain.commands.risk_contract import app
from reechain.risk.contracts import library
from reechain.risk.contracts.model import Category, Kind, Severity

DOC = (Path(__file__).resolve().parents[2] / "docs" / "risk.md").read_text(encoding="utf-8")
SECTION = DOC[DOC.index("## Contract standardization") :]


def test_every_value_of_the_output_is_documented() -> None:
    for value in [*Category, *Kind, *Severity]:
        assert f"`{value.value}`" in SECTION, value


def test_every_tag_form_and_approver_is_documented() -> None:
    matrix = library.approval_matrix()
    for tag in matrix.keywords:
        assert f"`{tag}`" in SECTION, tag
    for form in library.templates():
        assert f"`{form.code}`" in SECTION and f"`{form.file}`" in SECTION, form.code
    for rule in matrix.rules:
        assert rule.route.approver_role is None or rule.route.approver_role in SECTION


def test_every_command_and_route_is_documented() -> None:
    for command in app.registered_commands:
        assert f"reechain risk contract {command.name}" in DOC, command.name
    for route in router.routes:
        path = getattr(route, "path", "")
        assert path.split("{")[0].rstrip("/") in SECTION, path

"""docs/compliance.md cannot drift: every command, order field, output field and rule-file field is in it."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import typer.main
import yaml

from reechain.commands.audit import app as audit_app
from reechain.commands.comply import app as comply_app
from reechain.compliance.rules import PACKAGED_RULES_DIR
from reechain.services import compliance as svc

from .support import EXAMPLE, FakeScreening, uel_hit

DOC = (Path(__file__).resolve().parents[2] / "docs" / "compliance.md").read_text(encoding="utf-8")


def _commands(app: typer.Typer, prefix: str) -> list[str]:
    group = typer.main.get_group(app)
    out = []
    for name, cmd in group.commands.items():
        sub = getattr(cmd, "commands", None)
        if sub:
            out += [f"{prefix} {name} {s}" for s in sub]
        else:
            out.append(f"{prefix} {name}")
    return out


def test_every_command_is_documented() -> None:
    for cmd in _commands(comply_app, "reechain comply") + _commands(audit_app, "reechain audit"):
        assert f"`{cmd}" in DOC or f"/ `{cmd}" in DOC, cmd


def _keys(x: Any) -> set[str]:
    """Every key of nested objects, except the element symbols inside a composition (data, not fields)."""
    out: set[str] = set()
    if isinstance(x, dict):
        for k, v in x.items():
            out.add(k)
            if k != "composition":
                out |= _keys(v)
    elif isinstance(x, list):
        for v in x:
            out |= _keys(v)
    return out


def _documented(key: str) -> bool:
    """KEY appears as a field in a table cell or a code span, not just as a word of prose."""
    return (
        re.search(rf"[`.{{]{re.escape(key)}[`.,}}[]|{{{re.escape(key)}[,}}]| {re.escape(key)}[,}}]", DOC)
        is not None
    )


def test_every_order_field_is_documented() -> None:
    for key in _keys(json.loads(EXAMPLE.read_text())):
        assert _documented(key), key


def test_every_output_field_is_documented(container, example_order) -> None:  # type: ignore[no-untyped-def]
    fake = FakeScreening(hits={"Example Magnetics K.K.": [uel_hit(0.8)]})
    result = svc.check_order(container, example_order(), actor="t", screening=fake.as_service())
    skip = set(fake.lists)  # list names are data, not fields
    for key in _keys(result) - skip:
        assert _documented(key), key


def test_every_rule_file_field_is_documented() -> None:
    for path in PACKAGED_RULES_DIR.glob("*.yaml"):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        for m in doc.get("measures", []):
            for key in m:
                assert f"`{key}`" in DOC, (path.name, key)
            for key in m.get("scope") or {}:
                assert f"`scope.{key}`" in DOC, (path.name, key)
        for key in doc.get("policy", {}):
            assert f"`{key}`" in DOC, (path.name, key)

"""docs/plants.md cannot drift from the record file format, the packaged items and the commands."""

from __future__ import annotations

from pathlib import Path

from reechain.green.records import COLUMNS
from reechain.services import green as svc

DOC = (Path(__file__).resolve().parents[2] / "docs" / "plants.md").read_text(encoding="utf-8")


def test_every_column_item_and_command_is_documented() -> None:
    missing = [f"`{c}`" for c in COLUMNS if f"`{c}`" not in DOC]
    missing += [f"`{i}`" for i in svc.catalogue().items if f"`{i}`" not in DOC]
    missing += [c for c in ("green kpis", "green import", "green whatif", "--replace") if c not in DOC]
    assert not missing


def test_documented_limits_and_factors_are_the_packaged_ones() -> None:
    for lim in svc.limits():
        assert f"| `{lim.item}` | `{lim.zone.value}`" in DOC and f"| {lim.limit:g} mg/L |" in DOC
    for f in svc.factors().values():
        assert f"| `{f.item}` | {f.kg_co2e_per_unit:,g} | {f.scope} |" in DOC

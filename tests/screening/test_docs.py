"""docs/screening.md names every command, format and service function the code offers."""

from __future__ import annotations

from pathlib import Path

import typer.main

from reechain.commands import lists, screen
from reechain.compliance.lists import FORMATS
from reechain.services import screening

DOC = (Path(__file__).resolve().parents[2] / "docs" / "screening.md").read_text(encoding="utf-8")


def test_every_command_is_documented() -> None:
    for group, app in (("screen", screen.app), ("lists", lists.app)):
        for name in typer.main.get_group(app).commands:
            assert f"reechain {group} {name}" in DOC, name


def test_every_list_format_is_documented() -> None:
    for fmt in FORMATS:
        assert f"`{fmt}`" in DOC, fmt


def test_service_api_is_documented() -> None:
    section = DOC.split("## Service API", 1)[1]
    for fn in ("screen_party", "active_list_versions", "import_list", "diff_versions", "parties_affected_by"):
        assert callable(getattr(screening, fn))
        assert f"{fn}(" in section, fn

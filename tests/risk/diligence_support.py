"""Shared set-up of the due-diligence tests: the ownership example of the shared folder, users, lists."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from reechain.bootstrap import Container
from reechain.domain.roles import Role
from reechain.services import parties, screening

SHARED = Path(__file__).resolve().parents[3] / "shared"
EXAMPLE = SHARED / "examples" / "ownership"
ORDER = SHARED / "examples" / "order_dy_japan.json"
RISK = frozenset({Role.RISK_MANAGER})
LIST_V2_EXTRA = "EX-4,Harbourline Logistics Pte. Ltd.,Company,SG,\n"


def fresh_caches() -> None:
    """Tests roll back, so one (list, version) can hold different entries in two tests: start clean."""
    from reechain.services.compliance import clear_screening_cache

    clear_screening_cache()
    screening.forget_screeners()


def load_example_list(c: Container, tmp: Path, extra: str = "") -> screening.ImportReport:
    path = tmp / "list.csv"
    path.write_text((EXAMPLE / "list.csv").read_text(encoding="utf-8") + extra, encoding="utf-8")
    return screening.import_list(c, path, "csv", "example")


def import_example_register(c: Container, documents: str | None = None) -> parties.RegisterImport:
    return parties.import_register(
        c,
        (EXAMPLE / "parties.csv").read_text(encoding="utf-8"),
        "parties.csv",
        actor="rita",
        roles=RISK,
        ownership_text=(EXAMPLE / "ownership.csv").read_text(encoding="utf-8"),
        ownership_file="ownership.csv",
        documents_text=documents,
        documents_file="documents.csv",
    )


def order_with_forwarder(name: str, order_id: str = "EX-RESCREEN-1") -> dict[str, Any]:
    order: dict[str, Any] = json.loads(ORDER.read_text(encoding="utf-8"))
    order["order_id"] = order_id
    for p in order["parties"]:
        if p["role"] == "forwarder":
            p["name"], p["country"] = name, "SG"
    return order

"""A sales order as the gate reads it: its own product line, parties and end use, on the day it is decided.

Nothing a trader can edit apart from the order decides what is checked: the line is the order's product (form,
purity and composition from the ledger) and quantity; ``export_doc`` contributes only the parties, the end
use, the incoterm and the HS code (its ``lines``, if any, are ignored). The day of the rules is the day of
the check or of the shipment, never the order's ``ordered_on``.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import RowMapping
from sqlalchemy.orm import Session

from reechain.domain.errors import NotFound
from reechain.ledger import queries
from reechain.store.tables import trade as t
from reechain.trade.orders import has_control_characters

DEFAULT_EXPORTER = {"name": "reechain group", "country": "CN"}


def order_row(s: Session, code: str, *, lock: bool = False) -> RowMapping:
    """The sales order ``code``; ``lock``: its row is locked until the transaction ends (PostgreSQL
    ``FOR UPDATE``; SQLite has one writer at a time), so it ships, cancels or changes once."""
    if has_control_characters(code):
        raise NotFound(f"no order {code!r}")
    stmt = select(t.orders).where(t.orders.c.code == code)
    if lock:
        stmt = stmt.with_for_update()
    row = s.execute(stmt).mappings().first()
    if row is None:
        raise NotFound(f"no sales order {code!r}")
    return row


def allocations(s: Session, order_id: int) -> list[tuple[str, str, float]]:
    rows = s.execute(
        select(t.allocations.c.lot, t.allocations.c.location, t.allocations.c.quantity_t)
        .where(t.allocations.c.order_id == order_id)
        .order_by(t.allocations.c.lot, t.allocations.c.location)
    ).all()
    return [(str(lot), str(loc), float(q)) for lot, loc, q in rows]


def gate_document(s: Session, row: RowMapping, on: date) -> dict[str, Any]:
    """The order in the gate's format (docs/compliance.md, "Order file"), dated ``on``."""
    doc = json.loads(row["export_doc"] or "{}")
    product = next((p for p in queries.list_products(s) if p.code == row["product"]), None)
    if product is None:
        raise NotFound(f"order {row['code']}: no product {row['product']!r} in the ledger")
    line: dict[str, Any] = {
        "line": 1,
        "product": product.code,
        "form": product.form,
        "purity": product.purity if product.purity is not None else row["min_purity"],
        "composition": product.composition,
        "quantity_kg": float(row["quantity_t"]) * 1000.0,
    }
    if doc.get("hs_code"):
        line["hs_code"] = doc["hs_code"]
    if row["price_cny_per_t"]:
        line |= {"unit_price": row["price_cny_per_t"] / 1000.0, "currency": "CNY"}
    return {
        "order_id": row["code"],
        "date": on.isoformat(),
        "exporter": doc.get("exporter") or DEFAULT_EXPORTER,
        "destination_country": row["destination_country"],
        **{k: doc[k] for k in ("incoterm", "end_use") if k in doc},
        "parties": doc.get("parties", []),
        "lines": [line],
    }

"""The sample group loads, is idempotent, respects its quotas, and the documented example file imports."""

from __future__ import annotations

from pathlib import Path

from reechain.bootstrap import Container
from reechain.services import ledger, quotas
from reechain.services.movement_import import import_movements
from reechain.services.sample import load_sample_group

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "examples" / "movements.csv"


def test_sample_group_is_consistent_and_idempotent(container: Container) -> None:
    first = load_sample_group(container)
    assert first.movements_posted > 1000 and first.plants == 4
    n = len(ledger.list_movements(container, limit=100_000))
    again = load_sample_group(container)
    assert again.movements_posted == 0
    assert len(ledger.list_movements(container, limit=100_000)) == n
    status = quotas.quota_status(container, 2026)
    assert {r.kind for r in status} == {"mining", "separation"}
    assert all(r.remaining_t_reo >= 0 for r in status)
    assert quotas.list_overrides(container, 2026) == []
    assert all(
        r.t_product is not None and r.t_product >= 0 for r in ledger.stock_balance(container, by="lot")
    )
    kinds = {p.kind.value for p in ledger.list_plants(container)}
    assert kinds == {"separation", "metal"}
    heavy = {r.key for r in ledger.stock_balance(container) if r.segment in ("medium", "heavy")}
    assert {"Dy", "Tb", "Y"} <= heavy
    # every metal lot traces back to concentrate received from the group's own mine
    metal = ledger.list_lots(container, product="PRND-MET", limit=1)[0]
    origins = ledger.trace_lot(container, metal.code).origins()
    assert origins and all(o.startswith("BO-") for o in origins)


def test_documented_example_file_imports_on_the_sample_group(container: Container) -> None:
    load_sample_group(container)
    res = import_movements(container, EXAMPLE)
    assert (res.rows, res.lots_created) == (12, 8)
    tr = ledger.trace_lot(container, "PM-1127")
    assert tr.origins() == ["BO-1123-1", "BO-1123-2"] and tr.customers() == ["CUST-MAG1"]

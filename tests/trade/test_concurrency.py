"""Two orders allocated at the same moment on real PostgreSQL never hold more than the stock."""

from __future__ import annotations

import threading
from datetime import date

from reechain.bootstrap import Container
from reechain.domain.errors import Conflict, RuleViolation
from reechain.services import sales as svc
from reechain.trade.channels import Channel
from reechain.trade.orders import OrderInput

from .world import define_trade_world


def test_concurrent_allocations_never_exceed_stock(pg_committing_container: Container) -> None:
    c = pg_committing_container
    define_trade_world(c)  # 5 t of DY-OX-995 in warehouses
    for rnd in range(4):
        codes = [f"R{rnd}-{i}" for i in range(2)]
        for code in codes:
            svc.add_order(c, OrderInput(code, Channel.SPOT, "CUST-CN", "DY-OX-995", 4.0, date(2026, 3, 2)))
        outcome: dict[str, str] = {}
        barrier = threading.Barrier(2)

        def allocate(code: str, barrier: threading.Barrier, outcome: dict[str, str]) -> None:
            barrier.wait()
            try:
                svc.allocate_order(c, code)
                outcome[code] = "ok"
            except (Conflict, RuleViolation) as e:
                outcome[code] = type(e).__name__

        threads = [threading.Thread(target=allocate, args=(code, barrier, outcome)) for code in codes]
        for th in threads:
            th.start()
        for th in threads:
            th.join()
        held = sum(a["quantity_t"] for o in svc.list_orders(c, "allocated") for a in o["allocations"])
        assert held <= 5.0 + 1e-6, outcome
        assert list(outcome.values()).count("ok") <= 1, outcome
        for code in codes:  # reset for the next round
            if svc.get_order(c, code)["status"] != "cancelled":
                svc.cancel_order(c, code)

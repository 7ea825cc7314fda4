"""Sales use cases: contracts, orders, allocation of lots, the compliance gate, shipping through the ledger.

Stock is read from the ledger service and sales are posted through it (``post_movements``), so the ledger
stays the one record of stock; this module keeps only what the ledger does not: contracts, orders, their
allocations and compliance state.
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.engine import RowMapping
from sqlalchemy.orm import Session

from reechain.bootstrap import Container
from reechain.domain.errors import Conflict, InvalidInput, NotFound, Problem, RuleViolation
from reechain.ledger import queries
from reechain.services import ledger
from reechain.services.contracts import assert_contract_usable
from reechain.store.tables import trade as t
from reechain.store.uow import UnitOfWork
from reechain.trade import allocation as alloc
from reechain.trade.channels import Channel, contract_price_cny_per_t
from reechain.trade.orders import (
    OrderInput,
    OrderStatus,
    has_control_characters,
    initial_compliance,
    require_status,
    validate,
)
from reechain.trade.velocity import Sale

UNASSIGNED_CHANNEL = "unassigned"  # a sale posted in the ledger without an order


@dataclass(frozen=True)
class ContractInput:
    code: str
    customer: str
    product: str
    volume_t: float
    start_on: date
    end_on: date
    price_basis: str  # fixed | index
    price_cny_per_t: float | None = None
    index_name: str | None = None
    index_factor: float | None = None
    premium_cny_per_t: float = 0.0
    channel: Channel = Channel.LONG_TERM


def _customer_and_product(c: Container, customer: str, product: str) -> list[Problem]:
    problems = []
    if customer not in {loc.code for loc in ledger.list_locations(c, "customer")}:
        problems.append(Problem(f"no customer location {customer!r} in the ledger", field="customer"))
    if product not in {p.code for p in ledger.list_products(c)}:
        problems.append(Problem(f"no product {product!r} in the ledger", field="product"))
    return problems


def add_contract(c: Container, contract: ContractInput, *, by: str | None = None) -> dict[str, Any]:
    problems = _customer_and_product(c, contract.customer, contract.product)
    for name in ("code", "index_name"):
        value = getattr(contract, name)
        if value is not None and has_control_characters(value):
            problems.append(Problem("must not contain control characters", field=name))
    if not (math.isfinite(contract.volume_t) and contract.volume_t > 0):
        problems.append(Problem(f"a finite number > 0, got {contract.volume_t}", field="volume_t"))
    for name in ("price_cny_per_t", "index_factor", "premium_cny_per_t"):
        value = getattr(contract, name)
        if value is not None and not math.isfinite(value):
            problems.append(Problem(f"a finite number, got {value}", field=name))
    if contract.end_on < contract.start_on:
        problems.append(Problem("ends before it starts", field="end_on"))
    if contract.price_basis not in ("fixed", "index"):
        problems.append(Problem("fixed or index", field="price_basis"))
    elif contract.price_basis == "fixed" and contract.price_cny_per_t is None:
        problems.append(Problem("a fixed-price contract needs its price", field="price_cny_per_t"))
    elif contract.price_basis == "index" and not contract.index_name:
        problems.append(Problem("an index-priced contract names its index", field="index_name"))
    if problems:
        raise InvalidInput(f"contract {contract.code!r} is not valid", problems)
    with c.uow() as uow:
        if (
            uow.session.scalar(select(t.contracts.c.id).where(t.contracts.c.code == contract.code))
            is not None
        ):
            raise Conflict(f"contract {contract.code} already exists")
        row = asdict(contract) | {"channel": contract.channel.value, "created_by": by}
        uow.session.execute(insert(t.contracts).values(**row))
        uow.commit()
    return get_contract(c, contract.code)


def get_contract(c: Container, code: str) -> dict[str, Any]:
    if has_control_characters(code):
        raise NotFound(f"no contract {code!r}")
    with c.uow() as uow:
        row = uow.session.execute(select(t.contracts).where(t.contracts.c.code == code)).mappings().first()
        if row is None:
            raise NotFound(f"no contract {code!r}")
        return _contract_json(uow, row)


def _contract_json(uow: UnitOfWork, row: RowMapping) -> dict[str, Any]:
    delivered = uow.session.scalar(
        select(func.coalesce(func.sum(t.orders.c.quantity_t), 0.0)).where(
            t.orders.c.contract_id == row["id"], t.orders.c.status != OrderStatus.CANCELLED.value
        )
    )
    out = {k: v for k, v in row.items() if k != "id"}
    out["ordered_t"] = float(delivered or 0.0)
    out["remaining_t"] = float(row["volume_t"]) - out["ordered_t"]
    return out


def list_contracts(c: Container) -> list[dict[str, Any]]:
    with c.uow() as uow:
        rows = uow.session.execute(select(t.contracts).order_by(t.contracts.c.code)).mappings().all()
        return [_contract_json(uow, r) for r in rows]


def add_order(
    c: Container, order: OrderInput, *, by: str | None = None, index_cny_per_t: float | None = None
) -> dict[str, Any]:
    """Record an order (status open). A long-term order draws on its contract's volume and, without a price
    of its own, is priced by the contract's formula."""
    validate(order)
    problems = _customer_and_product(c, order.customer, order.product)
    if problems:
        raise InvalidInput(f"order {order.code!r} is not valid", problems)
    price = order.price_cny_per_t
    with c.uow() as uow:
        s = uow.session
        if s.scalar(select(t.orders.c.id).where(t.orders.c.code == order.code)) is not None:
            raise Conflict(f"order {order.code} already exists")
        contract_id = None
        if order.contract:
            k = s.execute(select(t.contracts).where(t.contracts.c.code == order.contract)).mappings().first()
            if k is None:
                raise NotFound(f"no contract {order.contract!r}")
            assert_contract_usable(s, order.contract)
            info = _contract_json(uow, k)
            bad = []
            if k["customer"] != order.customer or k["product"] != order.product:
                bad.append(Problem(f"contract is for {k['customer']} / {k['product']}", field="contract"))
            if not k["start_on"] <= order.ordered_on <= k["end_on"]:
                bad.append(Problem(f"contract runs {k['start_on']} to {k['end_on']}", field="ordered_on"))
            if order.quantity_t > info["remaining_t"] + alloc.GRAM_T:
                bad.append(Problem(f"contract has {info['remaining_t']:.6g} t left", field="quantity_t"))
            if bad:
                raise RuleViolation(f"order {order.code} does not fit contract {order.contract}", bad)
            contract_id = k["id"]
            if price is None:
                price = contract_price_cny_per_t(
                    k["price_basis"],
                    fixed_cny_per_t=k["price_cny_per_t"],
                    index_factor=k["index_factor"],
                    premium_cny_per_t=k["premium_cny_per_t"],
                    index_cny_per_t=index_cny_per_t,
                )
        s.execute(
            insert(t.orders).values(
                code=order.code,
                channel=order.channel.value,
                contract_id=contract_id,
                customer=order.customer,
                destination_country=order.destination_country.upper() if order.destination_country else None,
                product=order.product,
                quantity_t=order.quantity_t,
                min_purity=order.min_purity,
                price_cny_per_t=price,
                ordered_on=order.ordered_on,
                status=OrderStatus.OPEN.value,
                export=order.export,
                export_doc=json.dumps(order.export_doc, ensure_ascii=False),
                compliance_state=initial_compliance(order).value,
                created_by=by,
            )
        )
        uow.commit()
    return get_order(c, order.code)


def _order_row(uow: UnitOfWork, code: str, *, lock: bool = False) -> RowMapping:
    if has_control_characters(code):
        raise NotFound(f"no order {code!r}")
    stmt = select(t.orders).where(t.orders.c.code == code)
    if lock:  # PostgreSQL: held until the transaction ends; SQLite has one writer at a time anyway
        stmt = stmt.with_for_update()
    row = uow.session.execute(stmt).mappings().first()
    if row is None:
        raise NotFound(f"no order {code!r}")
    return row


def order_json(s: Session, row: RowMapping) -> dict[str, Any]:
    """An order as the API and pages show it, read in the caller's session."""
    lines = s.execute(
        select(t.allocations.c.lot, t.allocations.c.location, t.allocations.c.quantity_t)
        .where(t.allocations.c.order_id == row["id"])
        .order_by(t.allocations.c.lot)
    ).all()
    contract = None
    if row["contract_id"] is not None:
        contract = s.scalar(select(t.contracts.c.code).where(t.contracts.c.id == row["contract_id"]))
    out = {k: v for k, v in row.items() if k not in ("id", "contract_id", "export_doc", "created_at")}
    out["contract"] = contract
    out["export_doc"] = json.loads(row["export_doc"] or "{}")
    out["allocations"] = [{"lot": a, "location": b, "quantity_t": q} for a, b, q in lines]
    return out


def _order_json(uow: UnitOfWork, row: RowMapping) -> dict[str, Any]:
    return order_json(uow.session, row)


def get_order(c: Container, code: str) -> dict[str, Any]:
    with c.uow() as uow:
        return _order_json(uow, _order_row(uow, code))


def list_orders(
    c: Container, status: str | None = None, limit: int = 200, offset: int = 0
) -> list[dict[str, Any]]:
    """Orders, newest first (``offset`` of them skipped), optionally of one status."""
    with c.uow() as uow:
        q = select(t.orders).order_by(t.orders.c.ordered_on.desc(), t.orders.c.code)
        q = _of_status(q, status).limit(limit).offset(offset)
        return [_order_json(uow, r) for r in uow.session.execute(q).mappings().all()]


def count_orders(c: Container, status: str | None = None) -> int:
    """How many orders ``list_orders`` can list (of one status, or all)."""
    with c.uow() as uow:
        return int(
            uow.session.execute(_of_status(select(func.count()).select_from(t.orders), status)).scalar_one()
        )


def _of_status(q: Any, status: str | None) -> Any:
    if not status:
        return q
    if status not in {s.value for s in OrderStatus}:
        raise InvalidInput(
            f"unknown status {status!r}", [Problem(", ".join(s.value for s in OrderStatus), field="status")]
        )
    return q.where(t.orders.c.status == status)


def set_lot_expiry(c: Container, lot: str, expires_on: date) -> None:
    """Record a lot's expiry date (used by FEFO allocation)."""
    if has_control_characters(lot) or lot not in ledger.lot_compositions(c, [lot]):
        raise NotFound(f"no lot {lot!r} in the ledger")
    with c.uow() as uow:
        s = uow.session
        if s.scalar(select(t.lot_expiry.c.lot).where(t.lot_expiry.c.lot == lot)) is None:
            s.execute(insert(t.lot_expiry).values(lot=lot, expires_on=expires_on))
        else:
            s.execute(update(t.lot_expiry).where(t.lot_expiry.c.lot == lot).values(expires_on=expires_on))
        uow.commit()


def _candidates(s: Session, product: str, min_purity: float | None) -> list[alloc.LotStock]:
    """Lots in warehouses of the ordered product, or (with a purity spec) of any product of the same form
    and main element that meets it, with what allocated orders have not already taken; read in ``s``."""
    products = {p.code: p for p in queries.list_products(s)}
    wanted = products[product]
    main = max(wanted.composition, key=lambda e: wanted.composition[e]) if wanted.composition else None
    codes = {product}
    if min_purity is not None and main is not None:
        for p in products.values():
            if (
                p.form == wanted.form
                and p.composition
                and max(p.composition, key=lambda e: p.composition[e]) == main
            ):
                codes.add(p.code)
    warehouses = {loc.code for loc in queries.list_locations(s, "warehouse")}
    lots = {lot.code: lot for lot in queries.list_lots(s, None, True, 1_000_000, 0)}
    held = {
        (lot, loc): float(q)
        for lot, loc, q in s.execute(
            select(t.allocations.c.lot, t.allocations.c.location, func.sum(t.allocations.c.quantity_t))
            .join(t.orders, t.orders.c.id == t.allocations.c.order_id)
            .where(t.orders.c.status == OrderStatus.ALLOCATED.value)
            .group_by(t.allocations.c.lot, t.allocations.c.location)
        ).all()
    }
    expiry = {lot: on for lot, on in s.execute(select(t.lot_expiry.c.lot, t.lot_expiry.c.expires_on)).all()}
    out = []
    for code in sorted(codes):
        for row in queries.stock_balance(s, None, "lot", product=code):
            if row.location not in warehouses or row.t_product is None or row.key not in lots:
                continue
            out.append(
                alloc.LotStock(
                    lot=row.key,
                    location=row.location,
                    product=code,
                    purity=products[code].purity,
                    created_on=lots[row.key].created_on,
                    expires_on=expiry.get(row.key),
                    free_t=row.t_product - held.get((row.key, row.location), 0.0),
                )
            )
    return out


ALLOCATION_LOCK_KEY = 0x7265_6561_6C6C  # "reeall": PostgreSQL advisory lock taken by every allocation


def allocate_order(
    c: Container, code: str, *, rule: str | None = None, today: date | None = None
) -> list[alloc.AllocationLine]:
    """Allocate an open order to eligible lots (FIFO or FEFO, default: the `allocation_rule` setting); all or
    nothing, in one transaction. Its status becomes allocated.

    Allocations queue behind each other (a transaction-scoped advisory lock on PostgreSQL; SQLite has one
    writer at a time), so each one reads the free stock after the previous one committed and two orders
    never take the same tonnes."""
    chosen_rule = alloc.parse_rule(rule or c.settings.allocation_rule)
    with c.uow() as uow:
        s = uow.session
        if s.get_bind().dialect.name == "postgresql":
            s.execute(select(func.pg_advisory_xact_lock(ALLOCATION_LOCK_KEY)))
        row = _order_row(uow, code, lock=True)
        require_status(code, row["status"], OrderStatus.OPEN)
        lines = alloc.allocate(
            row["quantity_t"],
            _candidates(s, row["product"], row["min_purity"]),
            chosen_rule,
            min_purity=row["min_purity"],
            today=today or date.today(),
        )
        for line in lines:
            s.execute(insert(t.allocations).values(order_id=row["id"], **asdict(line)))
        s.execute(
            update(t.orders).where(t.orders.c.id == row["id"]).values(status=OrderStatus.ALLOCATED.value)
        )
        uow.commit()
    return lines


def cancel_order(c: Container, code: str) -> dict[str, Any]:
    """Cancel an open or allocated order; its allocations are released."""
    with c.uow() as uow:
        row = _order_row(uow, code, lock=True)  # a shipment of the same order waits, or is waited for
        require_status(code, row["status"], OrderStatus.OPEN, OrderStatus.ALLOCATED)
        uow.session.execute(t.allocations.delete().where(t.allocations.c.order_id == row["id"]))
        uow.session.execute(
            update(t.orders).where(t.orders.c.id == row["id"]).values(status=OrderStatus.CANCELLED.value)
        )
        out = _order_json(uow, _order_row(uow, code))
        uow.commit()
    return out


def check_order_compliance(c: Container, code: str, *, actor: str) -> dict[str, Any]:
    """Put an export order through the compliance gate and record its decision on the order (one
    transaction: ``services.compliance.check_sales_order``)."""
    from reechain.services.compliance import check_sales_order

    return check_sales_order(c, code, actor=actor)


def ship_order(c: Container, code: str, *, actor: str, on: date | None = None) -> dict[str, Any]:
    """Ship an allocated order; the one shipping path is ``services.compliance.ship_order`` (gate, licences,
    ledger, shipment, audit in one transaction). Returns the order as shipped."""
    from reechain.services.compliance import ship_order as ship

    order: dict[str, Any] = ship(c, code, actor=actor, on=on)["order"]
    return order


def sales_history(c: Container, *, since: date | None = None, until: date | None = None) -> list[Sale]:
    """Every sale posted in the ledger in [since, until], with the channel of the order it shipped (sales
    posted without an order: ``unassigned``)."""
    with c.uow() as uow:
        channel_of = {
            code: ch for code, ch in uow.session.execute(select(t.orders.c.code, t.orders.c.channel))
        }
    out: list[Sale] = []
    page, offset = 5000, 0
    while True:
        rows = ledger.list_movements(c, kind="sale", since=since, until=until, limit=page, offset=offset)
        for m in rows:
            ch = channel_of.get(m.reference or "", UNASSIGNED_CHANNEL)
            out.append(Sale(m.occurred_on, m.product, ch, m.quantity_t, m.t_reo, m.lot))
        if len(rows) < page:
            return out
        offset += page

"""The sample year's sales as orders (``load_sample_group(c, orders=True)``, what ``reechain demo`` loads).

The generated sales of each month are grouped into one order per customer and product and go through the
sales service as a user's would: ``add_contract`` for the long-term customers, then per order ``add_order``
(on the month's first sale day), ``allocate_order`` (FIFO) and ``ship_order`` (on the month's last sale day).
Export orders (to CUST-JP) first pass the compliance gate (``check_order_compliance``) against an export
licence recorded with ``add_licence``; one that is not clear stays unshipped in the gate's queue. Channels,
contract terms, export documents and the licence are illustrative (``sample_group/README.md``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from reechain.bootstrap import Container
from reechain.domain.errors import ReechainError
from reechain.domain.movements import MovementInput, MovementKind
from reechain.domain.roles import Role
from reechain.trade.channels import Channel
from reechain.trade.orders import OrderInput

YEAR = 2026
ACTOR = "sample-loader"
EXPORTER = {"name": "Northern Sample Group International Trade Co., Ltd.", "country": "CN"}
LONG_TERM = {  # (customer, product) -> contract code, fixed price CNY/t (illustrative)
    ("CUST-MAG1", "PRND-MET"): ("LT26-MAG1-PRNDM", 560_000.0),
    ("CUST-MAG2", "PRND-OX"): ("LT26-MAG2-PRNDO", 430_000.0),
    ("CUST-CAT", "LA-OX"): ("LT26-CAT-LAOX", 4_200.0),
    ("CUST-JP", "PRND-MET"): ("LT26-JP-PRNDM", 590_000.0),
}
EXCHANGE = {("CUST-TRD", "PRND-OX")}  # sold on the exchange through the trader
DISTRIBUTOR = {"CUST-TRD"}  # everything else the trader takes
SPOT_PRICE_CNY_PER_T = {
    "LA-OX": 4_000.0,
    "CE-OX": 7_500.0,
    "PRND-OX": 420_000.0,
    "PRND-MET": 540_000.0,
    "SEG-OX": 60_000.0,
    "Y-OX": 45_000.0,
    "DY-OX": 1_600_000.0,
    "TB-OX": 7_000_000.0,
    "MIXED-OX": 80_000.0,
}
HS_CODE = {  # illustrative 10-digit codes under HS 2805.30 (metals) and 2846 (compounds)
    "PRND-MET": "2805301900",
    "DY-OX": "2846901500",
    "TB-OX": "2846901600",
    "Y-OX": "2846901920",
    "MIXED-OX": "2846909000",
}
REVIEWED_FORWARDER = {
    "role": "forwarder",
    "name": "Universal Logistics Holdings Japan K.K.",
    "country": "JP",
}
"""A forwarder whose name resembles an entity of MOFCOM's export control list (环球世界物流公司, Universal
Logistics Holdings, Inc.), on the last two export orders of a product that needs no licence (PrNd metal): the
gate holds both for review; two officers release the first (the forwarder is judged a different company) and
the second stays pending in the officers' queue (sample_group/README.md)."""
OFFICERS = ("sample-officer-1", "sample-officer-2")
JP_PARTIES = [
    {"role": "buyer", "name": "Osaka Sample Magnetics K.K.", "country": "JP"},
    {"role": "consignee", "name": "Osaka Sample Magnetics K.K.", "country": "JP"},
    {"role": "end_user", "name": "Osaka Sample Magnetics K.K.", "country": "JP"},
]


@dataclass(frozen=True)
class TradeSummary:
    contracts: int
    orders: int
    shipped: int
    held_at_gate: int


@dataclass
class _Order:
    customer: str
    product: str
    first_day: date
    last_day: date
    quantity_t: float


def monthly_orders(sales: Sequence[MovementInput], products: dict[str, str]) -> list[_Order]:
    """The sales grouped by month, customer and product, in order of their last sale day."""
    grouped: dict[tuple[int, str, str], _Order] = {}
    for m in sales:
        assert m.lot is not None and m.to_location is not None
        product = products[m.lot]
        key = (m.occurred_on.month, m.to_location, product)
        o = grouped.get(key)
        if o is None:
            grouped[key] = _Order(m.to_location, product, m.occurred_on, m.occurred_on, m.quantity_t)
        else:
            o.last_day = max(o.last_day, m.occurred_on)
            o.quantity_t += m.quantity_t
    return sorted(grouped.values(), key=lambda o: (o.last_day, o.customer, o.product))


def _channel(o: _Order) -> Channel:
    if (o.customer, o.product) in LONG_TERM:
        return Channel.LONG_TERM
    if (o.customer, o.product) in EXCHANGE:
        return Channel.EXCHANGE
    if o.customer in DISTRIBUTOR:
        return Channel.DISTRIBUTOR
    return Channel.SPOT


VOLUME_TOLERANCE = 1.05
"""A long-term contract's volume over what the sample year orders on it: the usual ±5 % volume tolerance of an
offtake contract. Much more room (the sample once had 20 %) leaves a fifth of a year's volume due in the
year's last weeks, more than the separation quota left can make, and the year's plan is infeasible."""


def load_sample_trade(c: Container, sales: Sequence[MovementInput], products: dict[str, str]) -> TradeSummary:
    """Contracts, the licence and the year's orders for the generated ``sales`` (lot -> product in
    ``products``); every write goes through the sales and compliance services."""
    from reechain.compliance.licences import Licence
    from reechain.services import compliance
    from reechain.services import sales as svc

    orders = monthly_orders([m for m in sales if m.kind is MovementKind.SALE], products)
    volume: dict[tuple[str, str], float] = defaultdict(float)
    for o in orders:
        volume[(o.customer, o.product)] += o.quantity_t
    contracts = 0
    for (customer, product), (code, price) in LONG_TERM.items():
        if volume.get((customer, product), 0.0) <= 0:
            continue
        svc.add_contract(
            c,
            svc.ContractInput(
                code,
                customer,
                product,
                round(volume[(customer, product)] * VOLUME_TOLERANCE + 1.0),  # room above the year's orders
                date(YEAR, 1, 1),
                date(YEAR, 12, 31),
                "fixed",
                price,
            ),
            by=ACTOR,
        )
        contracts += 1
    compliance.add_licence(
        c,
        Licence(
            licence_no="MOFCOM-DU-2026-SAMPLE-001",
            kind="dual_use",
            exporter=EXPORTER["name"],
            consignee=JP_PARTIES[1]["name"],
            end_user=JP_PARTIES[2]["name"],
            destination_country="JP",
            elements=frozenset({"Dy", "Tb", "Y", "Sm", "Gd", "Lu"}),
            hs_codes=(),
            quantity_kg=60_000.0,
            drawn_kg=0.0,
            valid_from=date(YEAR, 1, 1),
            valid_until=date(YEAR, 12, 31),
        ),
        actor=ACTOR,
        roles={Role.COMPLIANCE_OFFICER},
    )
    from reechain.services.screening import load_sample_lists

    load_sample_lists(c)  # the gate screens parties against them (the demo loads them anyway)
    unlicensed = [i for i, o in enumerate(orders, 1) if o.customer == "CUST-JP" and o.product == "PRND-MET"]
    reviewed = set(unlicensed[-2:])
    shipped = held = 0
    for i, o in enumerate(orders, 1):
        code = f"SO26-{o.first_day.month:02d}-{i:04d}"
        export = o.customer == "CUST-JP"
        contract = LONG_TERM.get((o.customer, o.product))
        svc.add_order(
            c,
            OrderInput(
                code=code,
                channel=_channel(o),
                customer=o.customer,
                product=o.product,
                quantity_t=round(o.quantity_t, 6),
                ordered_on=o.first_day,
                destination_country="JP" if export else None,
                price_cny_per_t=None if contract else SPOT_PRICE_CNY_PER_T.get(o.product),
                contract=contract[0] if contract else None,
                export_doc={
                    "exporter": EXPORTER,
                    "parties": [*JP_PARTIES, *([REVIEWED_FORWARDER] if i in reviewed else [])],
                    "end_use": "sintered NdFeB magnets",
                    "hs_code": HS_CODE.get(o.product, "2846909000"),
                }
                if export
                else {},
            ),
            by=ACTOR,
        )
        if export:
            try:
                decision = svc.check_order_compliance(c, code, actor=ACTOR)["decision"]
            except ReechainError:
                decision = "not checked"
            if decision == "hold" and i == min(reviewed):
                decision = _release(c, code)
            if decision != "clear":
                held += 1
                continue
        svc.allocate_order(c, code, rule="fifo", today=o.last_day)
        svc.ship_order(c, code, actor=ACTOR, on=o.last_day)
        shipped += 1
    load_sample_draft(c)
    return TradeSummary(contracts, len(orders), shipped, held)


DRAFT_CONTRACT = "LT27-JP-PRND"
SOFTENED_CLAUSE = (
    "9.1 The Buyer shall provide an end-user certificate for each destination before the first shipment to "
    "it.",
    "9.1 The Buyer shall use reasonable efforts to provide an end-user certificate for each destination, "
    "where available.",
)
"""The demo's draft offtake for 2027-2029 (the library's LTO-1 form) with its end-user clause softened: the
review routes it to compliance (**illustrative**)."""


def load_sample_draft(c: Container) -> dict[str, Any]:
    """A risk manager's review of the customer's draft of the next long-term contract: the library form
    LTO-1 with clause 9.1's end-user certificate softened to "reasonable efforts", which waits for a
    compliance officer (``services.contracts.submit_review``: compared, kept and audited in one step)."""
    from reechain.risk.contracts import library
    from reechain.services import contracts

    form = "\n".join(f"{k.label} {k.text}" for k in library.template("LTO-1").text().clauses)
    draft = form.replace(*SOFTENED_CLAUSE)
    return contracts.submit_review(
        c,
        contract_code=DRAFT_CONTRACT,
        template_code="LTO-1",
        file_name="LT27-JP-PRND customer draft.md",
        data=draft.encode(),
        actor=ACTOR,
        roles=[Role.RISK_MANAGER],
    )


def _release(c: Container, code: str) -> str:
    """Two compliance officers release the hold of order ``code``; the order is then checked again."""
    from reechain.services import compliance
    from reechain.services import sales as svc

    for hold in compliance.list_holds(c, "pending"):
        if hold.get("order_id") == code:
            for officer in OFFICERS:
                compliance.approve_hold(
                    c,
                    int(hold["hold_id"]),
                    actor=officer,
                    roles={Role.COMPLIANCE_OFFICER},
                    note="sample: known forwarder",
                )
    try:
        return str(svc.check_order_compliance(c, code, actor=ACTOR)["decision"])
    except ReechainError:
        return "not checked"

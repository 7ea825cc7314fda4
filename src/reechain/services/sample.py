"""The sample group (``reechain/data/sample_group``): master data, 2026 quotas, a generated year of
movements consistent with them, stock policies and market sizes. Loading is idempotent."""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import yaml

from reechain import refdata
from reechain.bootstrap import Container
from reechain.domain.elements import ElementTable
from reechain.domain.locations import Location, LocationKind, Plant, PlantKind
from reechain.domain.movements import LotLine, MovementInput, MovementKind, Process, ReceiptSource
from reechain.domain.products import Form, Product, metal_reo_fraction
from reechain.domain.quantities import GRAMS_PER_T
from reechain.domain.quotas import Quota, QuotaKind
from reechain.inventory.alerts import StockPolicy
from reechain.ledger import catalog, posting
from reechain.market.position import MarketSize
from reechain.services import inventory, market_position
from reechain.store.tables import ledger as t

DIR = "sample_group"
FIRST_LOT = "BO-26W01-1"


@dataclass(frozen=True)
class SampleSummary:
    locations: int
    products: int
    plants: int
    quotas: int
    movements_posted: int
    """0 when the sample movements were already loaded."""
    policies_set: int = 0
    """Stock policies stored by this load (0 when already in place)."""
    market_sizes_set: int = 0
    """Market sizes stored by this load (0 when already in place)."""
    orders: int = 0
    """Sales orders recorded by this load (``orders=True``; 0 otherwise or when already loaded)."""


def _composition(text: str) -> dict[str, float]:
    out = {}
    for part in text.split(";"):
        if part.strip():
            el, _, f = part.partition(":")
            out[el.strip()] = float(f)
    return out


def sample_products(elements: ElementTable) -> list[Product]:
    out = []
    for r in refdata.read_csv(f"{DIR}/products.csv"):
        purity = float(r["purity"]) if r["purity"] else None
        if r["metal_mass_fractions"]:
            reo, comp = metal_reo_fraction(_composition(r["metal_mass_fractions"]), elements)
            reo_fraction, composition = reo * (purity or 1.0), comp
        else:
            reo_fraction, composition = float(r["reo_fraction"]), _composition(r["composition"])
        out.append(
            Product(r["code"], r["name"], Form(r["form"]), reo_fraction, composition, r["spec"], purity)
        )
    return out


def sample_locations() -> list[Location]:
    return [
        Location(r["code"], r["name"], LocationKind(r["kind"]), r["holder"] or None, r["country"] or None)
        for r in refdata.read_csv(f"{DIR}/locations.csv")
    ]


def sample_plants() -> list[Plant]:
    return [
        Plant(
            location=r["location"],
            kind=PlantKind(r["kind"]),
            capacity_t_reo_per_year=float(r["capacity_t_reo_per_year"]),
            recovery=float(r["recovery"]),
            feeds=tuple(r["feeds"].split(";")),
            products=tuple(r["products"].split(";")),
            processes=tuple(r["processes"].split(";")),
            residue_location=r["residue_location"] or None,
            extra={"cost_cny_per_t_reo": float(r["cost_cny_per_t_reo"])},
        )
        for r in refdata.read_csv(f"{DIR}/plants.csv")
    ]


def sample_quotas() -> list[Quota]:
    return [
        Quota(
            int(r["year"]),
            r["batch"],
            QuotaKind(r["kind"]),
            r["holder"],
            float(r["limit_t_reo"]),
            r["source"],
            r["issued_on"] or None,
        )
        for r in refdata.read_csv(f"{DIR}/quotas.csv")
    ]


POLICY_SOURCE = "sample_group/stock_policies.csv (illustrative)"


def _level(text: str) -> float | None:
    return float(text) if text.strip() else None


def sample_policies() -> list[StockPolicy]:
    return [
        StockPolicy(
            r["product"],
            r["location"],
            safety_stock_t=_level(r["safety_stock_t"]),
            reorder_point_t=_level(r["reorder_point_t"]),
            order_quantity_t=_level(r["order_quantity_t"]),
            min_t=_level(r["min_t"]),
            max_t=_level(r["max_t"]),
            lot_multiple_t=_level(r["lot_multiple_t"]),
            source=POLICY_SOURCE,
        )
        for r in refdata.read_csv(f"{DIR}/stock_policies.csv")
    ]


def sample_market_sizes() -> list[MarketSize]:
    return [
        MarketSize(int(r["year"]), r["scope"], r["key"], float(r["market_t_reo"]), r["source"])
        for r in refdata.read_csv(f"{DIR}/market_sizes.csv")
    ]


def generation_config() -> dict[str, Any]:
    cfg: dict[str, Any] = yaml.safe_load(refdata.read_text(f"{DIR}/generation.yaml"))
    return cfg


class _Generator:
    """Simulates the sample year so that no lot goes negative and quotas hold; stock tracked in grams."""

    def __init__(self, products: dict[str, Product], elements: ElementTable, cfg: dict[str, Any]) -> None:
        self.p = products
        self.el = elements
        self.cfg = cfg
        self.rng = random.Random(int(cfg["seed"]))
        self.out: list[MovementInput] = []
        self.stock: dict[tuple[str, str], int] = defaultdict(int)
        self.lots: dict[str, tuple[str, float, dict[str, float]]] = {}  # code -> product, reo, composition
        self.fifo: dict[tuple[str, str], list[str]] = defaultdict(list)  # (product, location) -> lots

    def _add(self, lot: str, loc: str, g: int) -> None:
        self.stock[(lot, loc)] += g
        key = (self.lots[lot][0], loc)
        if lot not in self.fifo[key]:
            self.fifo[key].append(lot)

    def _take(self, lot: str, loc: str, g: int) -> None:
        self.stock[(lot, loc)] -= g
        assert self.stock[(lot, loc)] >= 0
        if self.stock[(lot, loc)] == 0:
            self.fifo[(self.lots[lot][0], loc)].remove(lot)

    def receipt(self, on: date, lot: str, product: str, g: int, loc: str, reo: float) -> None:
        comp = dict(self.p[product].composition)
        self.lots[lot] = (product, reo, comp)
        self.out.append(
            MovementInput(
                MovementKind.RECEIPT,
                on,
                lot=lot,
                product=product,
                quantity_t=g / GRAMS_PER_T,
                to_location=loc,
                source=ReceiptSource.OWN_MINE,
                reo_fraction=reo,
                composition=comp,
                reference="SAMPLE",
            )
        )
        self._add(lot, loc, g)

    def transfer(
        self, on: date, lot: str, g: int, frm: str, to: str, kind: MovementKind = MovementKind.TRANSFER
    ) -> None:
        self.out.append(
            MovementInput(
                kind,
                on,
                lot=lot,
                quantity_t=g / GRAMS_PER_T,
                from_location=frm,
                to_location=to,
                reference="SAMPLE",
            )
        )
        self._take(lot, frm, g)
        if kind is MovementKind.TRANSFER:
            self._add(lot, to, g)

    def transform(
        self,
        on: date,
        plant: str,
        process: Process,
        stated: float,
        inputs: list[str],
        outputs: list[tuple[str, str, list[str]]],
        actual: float,
    ) -> list[str]:
        """Consume the whole of ``inputs`` at ``plant``; each output (lot, product, elements) takes
        ``actual`` of the input REO of its elements."""
        reo_in: dict[str, float] = defaultdict(float)
        lines = []
        for lot in inputs:
            g = self.stock[(lot, plant)]
            _, reo, comp = self.lots[lot]
            for e, f in comp.items():
                reo_in[e] += g / GRAMS_PER_T * reo * f
            lines.append(LotLine(lot, g / GRAMS_PER_T))
            self._take(lot, plant, g)
        made = []
        out_lines = []
        for code, product, elements in outputs:
            part = {e: reo_in[e] * actual for e in elements if reo_in.get(e, 0) > 0}
            total = sum(part.values())
            if total <= 0:
                continue
            comp = {e: v / total for e, v in part.items()}
            prod = self.p[product]
            if prod.form is Form.METAL:
                metal_t = sum(self.el[e].reo_to_metal_t(v) for e, v in part.items()) / (prod.purity or 1.0)
                reo_fraction = total / metal_t
            else:
                reo_fraction = prod.reo_fraction
            g = int(total / reo_fraction * 1000) * 1000  # whole kg, rounded down: never more than went in
            self.lots[code] = (product, reo_fraction, comp)
            out_lines.append(LotLine(code, g / GRAMS_PER_T, product, reo_fraction, comp))
            self._add(code, plant, g)
            made.append(code)
        self.out.append(
            MovementInput(
                MovementKind.TRANSFORMATION,
                on,
                plant=plant,
                process=process,
                recovery=stated,
                inputs=tuple(lines),
                outputs=tuple(out_lines),
                reference="SAMPLE",
            )
        )
        return made

    def sell(self, on: date, product: str, loc: str, customers: list[str], share: float) -> None:
        lots = list(self.fifo[(product, loc)])
        total = sum(self.stock[(lot, loc)] for lot in lots)
        want = int(total * share / 1000) * 1000
        for lot in lots:
            if want <= 0:
                break
            g = min(want, self.stock[(lot, loc)])
            self.transfer(on, lot, g, loc, self.rng.choice(customers), MovementKind.SALE)
            want -= g


def generate_movements(
    products: dict[str, Product], elements: ElementTable, cfg: dict[str, Any]
) -> list[MovementInput]:
    g = _Generator(products, elements, cfg)
    rng = g.rng
    start = date.fromisoformat(str(cfg["start"]))
    light, prnd = ["La"], ["Pr", "Nd"]
    seg = [e for e in elements if e not in ("La", "Ce", "Pr", "Nd")]
    heavy_rest = [e for e in elements if e not in ("Y", "Dy", "Tb", "Pr", "Nd")]
    rec, rec_ion, rec_met = cfg["actual_recovery"], cfg["actual_recovery_ion"], cfg["metal_actual_recovery"]
    ion_waiting: list[str] = []
    for w in range(int(cfg["weeks"])):
        day = start + timedelta(weeks=w)
        n = w + 1
        bo_lots = []
        for i in range(1, int(cfg["bo_lots_per_week"]) + 1):
            code = f"BO-26W{n:02d}-{i}"
            qty_g = int(rng.uniform(*cfg["bo_lot_t"]) * 1000) * 1000
            g.receipt(day, code, "CONC-BO", qty_g, "MINE-BO", round(rng.uniform(0.48, 0.52), 4))
            bo_lots.append(code)
        ion = f"ION-26W{n:02d}"
        g.receipt(day, ion, "CARB-ION", int(rng.uniform(*cfg["ion_lot_t"]) * 1000) * 1000, "MINE-ION", 0.45)
        g.transfer(day + timedelta(days=1), ion, g.stock[(ion, "MINE-ION")], "MINE-ION", "SEP-GZ")
        ion_waiting.append(ion)
        half = len(bo_lots) // 2
        prnd_lots = []
        for plant, lots in (("SEP-BT1", bo_lots[:half]), ("SEP-BT2", bo_lots[half:])):
            for lot in lots:
                g.transfer(day + timedelta(days=1), lot, g.stock[(lot, "MINE-BO")], "MINE-BO", plant)
            tag = f"{plant[-3:]}-26W{n:02d}"
            made = g.transform(
                day + timedelta(days=3),
                plant,
                Process.SEPARATION,
                0.95,
                lots,
                [
                    (f"LA-{tag}", "LA-OX", light),
                    (f"CE-{tag}", "CE-OX", ["Ce"]),
                    (f"PRND-{tag}", "PRND-OX", prnd),
                    (f"SEG-{tag}", "SEG-OX", seg),
                ],
                rec,
            )
            for code in made:
                qty = g.stock[(code, plant)]
                product = g.lots[code][0]
                if product in ("LA-OX", "CE-OX"):
                    g.transfer(day + timedelta(days=4), code, qty, plant, "TRANSIT")
                    g.transfer(day + timedelta(days=5), code, qty, "TRANSIT", "WH-PORT")
                elif product == "PRND-OX":
                    to_metal = int(qty * cfg["prnd_to_metal_share"] / 1000) * 1000
                    g.transfer(day + timedelta(days=4), code, to_metal, plant, "MET-BT")
                    g.transfer(day + timedelta(days=4), code, qty - to_metal, plant, "WH-MAIN")
                    prnd_lots.append(code)
                else:
                    g.transfer(day + timedelta(days=4), code, qty, plant, "WH-MAIN")
        metal = g.transform(
            day + timedelta(days=5),
            "MET-BT",
            Process.REDUCTION,
            0.97,
            prnd_lots,
            [(f"PRNDM-26W{n:02d}", "PRND-MET", prnd)],
            rec_met,
        )
        for code in metal:
            g.transfer(day + timedelta(days=6), code, g.stock[(code, "MET-BT")], "MET-BT", "WH-MAIN")
        if n % 4 == 0:
            tag = f"GZ-26W{n:02d}"
            made = g.transform(
                day + timedelta(days=3),
                "SEP-GZ",
                Process.SEPARATION,
                0.93,
                ion_waiting,
                [
                    (f"Y-{tag}", "Y-OX", ["Y"]),
                    (f"DY-{tag}", "DY-OX", ["Dy"]),
                    (f"TB-{tag}", "TB-OX", ["Tb"]),
                    (f"PRND-{tag}", "PRND-OX", prnd),
                    (f"MIX-{tag}", "MIXED-OX", heavy_rest),
                ],
                rec_ion,
            )
            ion_waiting = []
            for code in made:
                g.transfer(day + timedelta(days=5), code, g.stock[(code, "SEP-GZ")], "SEP-GZ", "WH-MAIN")
        sale_day = day + timedelta(days=6)
        g.sell(sale_day, "LA-OX", "WH-PORT", ["CUST-CAT"], rng.uniform(0.5, 0.9))
        g.sell(sale_day, "CE-OX", "WH-PORT", ["CUST-POL", "CUST-TRD"], rng.uniform(0.4, 0.8))
        g.sell(sale_day, "PRND-MET", "WH-MAIN", ["CUST-MAG1", "CUST-MAG2", "CUST-JP"], rng.uniform(0.6, 0.95))
        g.sell(sale_day, "PRND-OX", "WH-MAIN", ["CUST-MAG2", "CUST-TRD"], rng.uniform(0.5, 0.9))
        g.sell(sale_day, "SEG-OX", "WH-MAIN", ["CUST-TRD"], rng.uniform(0.3, 0.7))
        if n % 4 == 2:
            for product in ("DY-OX", "TB-OX", "Y-OX", "MIXED-OX"):
                g.sell(
                    sale_day, product, "WH-MAIN", ["CUST-MAG1", "CUST-JP", "CUST-TRD"], rng.uniform(0.5, 0.8)
                )
    return g.out


def load_sample_group(c: Container, *, orders: bool = False) -> SampleSummary:
    """Load (or refresh) the sample group's master data and quotas, post its year of movements once, and
    store its stock policies and market sizes (through the inventory and market-position services).

    With ``orders`` (what ``reechain demo`` loads) the year's sales are not posted directly: they become
    contracts and monthly orders across channels that go through the sales service (allocated, shipped,
    export orders through the compliance gate first), see ``reechain.services.sample_trade``."""
    elements = refdata.elements()
    products = sample_products(elements)
    locations, plants, quotas = sample_locations(), sample_plants(), sample_quotas()
    sales: list[MovementInput] = []
    lot_products: dict[str, str] = {}
    with c.uow() as uow:
        s = uow.session
        for loc in locations:
            catalog.upsert_location(s, loc)
        for p in products:
            catalog.upsert_product(s, p)
        for plant in plants:
            catalog.upsert_plant(s, plant)
        for q in quotas:
            catalog.upsert_quota(s, q)
        posted = 0
        if s.execute(t.lots.select().where(t.lots.c.code == FIRST_LOT)).first() is None:
            movements = generate_movements({p.code: p for p in products}, elements, generation_config())
            if orders:
                sales = [m for m in movements if m.kind is MovementKind.SALE]
                movements = [m for m in movements if m.kind is not MovementKind.SALE]
                lot_products = _lot_products(movements)
            posted = posting.post(s, movements).posted
        uow.commit()
    n_orders = 0
    if sales:
        from reechain.services.sample_trade import load_sample_trade

        n_orders = load_sample_trade(c, sales, lot_products).orders
    from reechain.services.partners import load_sample_partners

    load_sample_partners(c)
    return SampleSummary(
        len(locations),
        len(products),
        len(plants),
        len(quotas),
        posted,
        _load_policies(c),
        _load_market_sizes(c),
        n_orders,
    )


def _lot_products(movements: list[MovementInput]) -> dict[str, str]:
    out: dict[str, str] = {}
    for m in movements:
        if m.kind is MovementKind.RECEIPT and m.lot and m.product:
            out[m.lot] = m.product
        for line in m.outputs:
            if line.product:
                out[line.lot] = line.product
    return out


def _load_policies(c: Container) -> int:
    """Store each sample policy that is missing, or that is still the sample's own but differs from the
    file; a policy someone has since changed (another source) is left as it is."""
    stored = {(p.product, p.location): p for p in inventory.list_policies(c)}
    n = 0
    for policy in sample_policies():
        old = stored.get((policy.product, policy.location))
        if old is None or (old.source == policy.source and old != policy):
            inventory.set_policy(c, policy)
            n += 1
    return n


def _load_market_sizes(c: Container) -> int:
    """Enter each sample market size that is missing, or still the sample's own (same source) but with
    another figure; a size entered since with another source is left as it is."""
    stored = {(m.year, m.scope, m.key): m for m in market_position.list_market_sizes(c)}
    n = 0
    for m in sample_market_sizes():
        old = stored.get((m.year, m.scope, m.key))
        if old is None or (old.source == m.source and old != m):
            market_position.add_market_size(c, m.year, m.scope, m.key, m.market_t_reo, m.source)
            n += 1
    return n

"""The chain view: flows from ore to separation, metal, magnets and customers, own and partner, and the
group's share of each world stage. Pure: the service passes ledger totals and the register in.

Own flows come from the ledger (t REO of transformation inputs at separation and metal plants, sales by
customer); partner flows from agreements (their yearly volume × the share of the year they run). Every link
names what it rests on (``ref``): a ledger query (``/movements?…``) or an agreement id.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from reechain.partners.model import Register

NODES = ("Mining", "Separation", "Metal", "Magnets")
RAW_FORMS = ("concentrate", "carbonate", "ore")  # sold as mined: the flow leaves from the mining stage


@dataclass(frozen=True)
class LedgerFlows:
    """Totals of one year from the ledger, t REO unless named."""

    year: int
    mined_t_reo: float = 0.0  # receipts from own mines
    separation_feed_t_reo: float = 0.0  # transformation inputs at separation plants
    metal_feed_t_reo: float = 0.0  # transformation inputs at metal plants
    metal_made_t: float = 0.0  # transformation outputs at metal plants (t of metal)
    residue_t_reo: float = 0.0  # element losses of transformations, posted to residue stores
    sales_t_reo: Mapping[tuple[str, str], float] = field(default_factory=dict)  # (customer, product form)
    product_reo_fraction: Mapping[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class ChainLink:
    source: str
    target: str
    value: float
    unit: str
    owner: str  # own | partner
    label: str
    ref: str  # a link to the movements, or "agreement:ID"


@dataclass(frozen=True)
class StageShare:
    stage: str
    own: float
    partner_share: float  # the group's share of its partners' capacity at this stage
    world: float
    unit: str
    world_year: int
    source: str
    confidence: str

    @property
    def share(self) -> float:
        return (self.own + self.partner_share) / self.world if self.world else 0.0

    @property
    def own_share(self) -> float:
        return self.own / self.world if self.world else 0.0


@dataclass(frozen=True)
class ChainView:
    year: int
    links: tuple[ChainLink, ...]
    stages: tuple[StageShare, ...]

    @property
    def nodes(self) -> tuple[str, ...]:
        names = list(NODES)
        for link in self.links:
            for n in (link.source, link.target):
                if n not in names:
                    names.append(n)
        return tuple(names)


def _period(year: int) -> str:
    return f"since={year}-01-01&until={year}-12-31"


def chain_view(flows: LedgerFlows, register: Register, world: Sequence[Mapping[str, str]]) -> ChainView:
    y = flows.year
    links: list[ChainLink] = []

    def add(source: str, target: str, value: float, unit: str, owner: str, label: str, ref: str) -> None:
        if value > 0:
            links.append(ChainLink(source, target, round(value, 3), unit, owner, label, ref))

    add(
        "Mining",
        "Separation",
        flows.separation_feed_t_reo,
        "t REO",
        "own",
        "fed to the group's separation plants",
        f"/api/movements?kind=consume&{_period(y)}",
    )
    add(
        "Separation",
        "Residue",
        flows.residue_t_reo,
        "t REO",
        "own",
        "lost to residue in transformations",
        f"/api/movements?kind=residue&{_period(y)}",
    )
    add(
        "Separation",
        "Metal",
        flows.metal_feed_t_reo,
        "t REO",
        "own",
        "fed to the group's metal plants",
        f"/api/movements?kind=consume&{_period(y)}",
    )
    for (customer, form), value in sorted(flows.sales_t_reo.items()):
        stage = {"metal": "Metal", "alloy": "Metal", "magnet": "Magnets"}.get(
            form, "Mining" if form in RAW_FORMS else "Separation"
        )
        add(
            stage,
            f"Customer {customer}",
            value,
            "t REO",
            "own",
            f"{form} sold to {customer}",
            f"/api/movements?kind=sale&location={customer}&{_period(y)}",
        )
    partners = {p.id: p for p in register.partners}
    plants = {p.id: p for p in register.plants}
    for a in register.agreements:
        part = a.share_of_year(y)
        if part <= 0:
            continue
        volume = a.volume_t_per_year * part
        who = partners[a.partner].name if a.partner in partners else a.partner
        plant = plants.get(a.plant or "")
        ref = f"agreement:{a.id}"
        if a.kind == "supply":
            reo = flows.product_reo_fraction.get(a.product, 1.0)
            add(
                "Mining",
                "Separation",
                volume * reo,
                "t REO",
                "partner",
                f"{a.product} supplied by {who} ({a.id})",
                ref,
            )
        elif plant is not None and plant.stage == "separation":
            add(
                "Mining",
                "Separation",
                volume,
                "t REO",
                "partner",
                f"processed at {plant.id} of {who} ({a.kind} {a.id})",
                ref,
            )
        elif plant is not None and plant.stage == "metal":
            add(
                "Separation",
                "Metal",
                volume,
                "t",
                "partner",
                f"reduced at {plant.id} of {who} ({a.kind} {a.id})",
                ref,
            )
        elif plant is not None and plant.stage == "magnet":
            add(
                "Metal",
                "Magnets",
                volume,
                "t",
                "partner",
                f"{a.product} made into magnets at {plant.id} of {who} ({a.kind} {a.id})",
                ref,
            )
            add(
                "Magnets", f"Magnet customers of {who}", volume, "t", "partner", f"magnets sold by {who}", ref
            )
        elif plant is not None and plant.stage == "mining":
            add(
                "Mining",
                "Separation",
                volume,
                "t REO",
                "partner",
                f"taken from {plant.id} of {who} ({a.id})",
                ref,
            )
    return ChainView(y, tuple(links), tuple(stage_shares(flows, register, world)))


def stage_shares(
    flows: LedgerFlows, register: Register, world: Sequence[Mapping[str, str]]
) -> list[StageShare]:
    partners = {p.id: p for p in register.partners}
    own = {
        "mining": flows.mined_t_reo,
        "separation": flows.separation_feed_t_reo,
        "metal": flows.metal_made_t,
        "magnet": 0.0,
    }
    out = []
    for row in world:
        stage = row["stage"]
        share_of_partners = sum(
            p.capacity_t_per_year * partners[p.partner].share
            for p in register.plants
            if p.stage == stage and p.partner in partners
        )
        out.append(
            StageShare(
                stage=stage,
                own=own.get(stage, 0.0),
                partner_share=share_of_partners,
                world=float(row["world_size"]),
                unit=row["unit"],
                world_year=int(row["year"]),
                source=row["source"],
                confidence=row["confidence"],
            )
        )
    return out

"""Partners register and chain view: import (all or nothing), read, the chain view from the ledger, and the
register as the planner sees it. One user action = one function = one transaction."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import and_, func, insert, select, update
from sqlalchemy.orm import Session, aliased

from reechain import refdata
from reechain.bootstrap import Container
from reechain.domain.errors import InvalidInput, Problem
from reechain.partners.chain import ChainView, LedgerFlows, chain_view
from reechain.partners.files import read_register_text
from reechain.partners.model import Agreement, Partner, PartnerPlant, Register
from reechain.services import audit
from reechain.services.auth import AuthenticatedUser
from reechain.services.permissions import require_partner_reader, require_partner_writer
from reechain.store.tables import ledger as lt
from reechain.store.tables import partners as pt

SAMPLE_FILES = ("partners.csv", "partner_plants.csv", "agreements.csv")


def _load(s: Session) -> Register:
    partners = tuple(
        Partner(**{k: v for k, v in r._mapping.items()})
        for r in s.execute(select(pt.partners).order_by(pt.partners.c.id))
    )
    plants = tuple(
        PartnerPlant(**{k: v for k, v in r._mapping.items()})
        for r in s.execute(select(pt.plants).order_by(pt.plants.c.id))
    )
    agreements = tuple(
        Agreement(**{k: v for k, v in r._mapping.items()})
        for r in s.execute(select(pt.agreements).order_by(pt.agreements.c.id))
    )
    return Register(partners, plants, agreements)


def register_in(s: Session) -> Register:
    """The register read inside another service's transaction (plans from the ledger)."""
    return _load(s)


def get_register(c: Container, actor: AuthenticatedUser | None = None) -> Register:
    require_partner_reader(actor)
    with c.uow() as uow:
        return _load(uow.session)


def import_register(
    c: Container, path: Path, actor: AuthenticatedUser | None = None, *, by: str = "cli"
) -> dict[str, int]:
    """Validate the whole file against the stored register, then write it (rows with the same id replaced)."""
    require_partner_writer(actor)
    if not path.exists():
        raise InvalidInput(f"no such file: {path}", [Problem("file not found", field=str(path))])
    return import_register_text(
        c, path.read_text(encoding="utf-8"), suffix=path.suffix, actor=actor, by=by, name=path.name
    )


def import_register_text(
    c: Container,
    text: str,
    *,
    suffix: str,
    actor: AuthenticatedUser | None = None,
    by: str = "cli",
    name: str = "upload",
) -> dict[str, int]:
    require_partner_writer(actor)
    with c.uow() as uow:
        s = uow.session
        register = read_register_text(text, suffix=suffix, known=_load(s))
        _write(s, register)
        counts = {
            "partners": len(register.partners),
            "plants": len(register.plants),
            "agreements": len(register.agreements),
        }
        audit.append(
            uow,
            actor=actor.username if actor else by,
            action="partners.import",
            payload={"file": name, **counts},
        )
        uow.commit()
        return counts


def _write(s: Session, register: Register) -> None:
    """Insert new ids, update known ones in place (plants and agreements keep pointing at their partner)."""
    groups = (
        (pt.partners, register.partners),
        (pt.plants, register.plants),
        (pt.agreements, register.agreements),
    )
    for table, items in groups:
        if not items:
            continue
        known = set(s.execute(select(table.c.id).where(table.c.id.in_([i.id for i in items]))).scalars())
        fresh = [asdict(i) for i in items if i.id not in known]
        if fresh:
            s.execute(insert(table), fresh)
        for i in items:
            if i.id in known:
                s.execute(update(table).where(table.c.id == i.id).values(**asdict(i)))


def load_sample_partners(c: Container) -> dict[str, int]:
    """The sample group's illustrative partners and agreements (``data/sample_group``); loading twice
    changes nothing."""
    totals: dict[str, int] = {}
    with c.uow() as uow:
        if uow.session.execute(select(pt.partners.c.id).limit(1)).first() is not None:
            return totals
    for name in SAMPLE_FILES:
        text = refdata.read_text(f"sample_group/{name}")
        for k, v in import_register_text(c, text, suffix=".csv", by="sample", name=name).items():
            totals[k] = totals.get(k, 0) + v
    return totals


def register_document(register: Register, *, on: date | None = None) -> dict[str, Any]:
    """The register as JSON (``partners list --json``, the API): partners with their plants and agreements."""
    day = on or date.today()
    out = []
    for p in register.partners:
        out.append(
            {
                **_plain(asdict(p)),
                "active": p.active_on(day),
                "plants": [
                    _plain(asdict(x)) | {"unit": x.unit} for x in register.plants if x.partner == p.id
                ],
                "agreements": [
                    _plain(asdict(a)) | {"price_formula": a.price_formula, "max_t": a.max_t}
                    for a in register.agreements
                    if a.partner == p.id
                ],
            }
        )
    return {"partners": out}


def _plain(d: dict[str, Any]) -> dict[str, Any]:
    return {k: (v.isoformat() if isinstance(v, date) else v) for k, v in d.items()}


def _ledger_flows(s: Session, year: int) -> LedgerFlows:
    m, L, P, pr, lots = lt.movements, lt.locations, lt.plants, lt.products, lt.lots
    since, until = date(year, 1, 1), date(year, 12, 31)
    in_year = and_(m.c.occurred_on >= since, m.c.occurred_on <= until)
    g = 1_000_000.0
    mined = s.execute(
        select(func.coalesce(func.sum(m.c.reo_g), 0)).where(
            in_year, m.c.kind == "receipt", m.c.source == "own_mine"
        )
    ).scalar_one()
    fp = aliased(P)
    feed = {
        row.kind: (float(row.reo) / g, float(row.qty) / g)
        for row in s.execute(
            select(fp.c.kind, func.sum(m.c.reo_g).label("reo"), func.sum(m.c.quantity_g).label("qty"))
            .join(fp, fp.c.location_id == m.c.from_location_id)
            .where(in_year, m.c.kind == "consume")
            .group_by(fp.c.kind)
        )
    }
    tp = aliased(P)
    made_metal = s.execute(
        select(func.coalesce(func.sum(m.c.quantity_g), 0))
        .join(tp, tp.c.location_id == m.c.to_location_id)
        .where(in_year, m.c.kind == "produce", tp.c.kind == "metal")
    ).scalar_one()
    to = aliased(L)
    form = pr.c.form
    sales = {
        (row.customer, row.form): float(row.reo) / g
        for row in s.execute(
            select(to.c.code.label("customer"), form.label("form"), func.sum(m.c.reo_g).label("reo"))
            .join(to, to.c.id == m.c.to_location_id)
            .join(lots, lots.c.id == m.c.lot_id)
            .join(pr, pr.c.id == lots.c.product_id)
            .where(in_year, m.c.kind == "sale")
            .group_by(to.c.code, form)
        )
    }
    residue = s.execute(
        select(func.coalesce(func.sum(m.c.reo_g), 0)).where(in_year, m.c.kind == "residue")
    ).scalar_one()
    reo = {row.code: float(row.reo_fraction) for row in s.execute(select(pr.c.code, pr.c.reo_fraction))}
    return LedgerFlows(
        year=year,
        mined_t_reo=float(mined) / g,
        separation_feed_t_reo=feed.get("separation", (0.0, 0.0))[0],
        metal_feed_t_reo=feed.get("metal", (0.0, 0.0))[0],
        metal_made_t=float(made_metal) / g,
        sales_t_reo=sales,
        residue_t_reo=float(residue) / g,
        product_reo_fraction=reo,
    )


def chain(c: Container, year: int, actor: AuthenticatedUser | None = None) -> ChainView:
    require_partner_reader(actor)
    with c.uow() as uow:
        flows = _ledger_flows(uow.session, year)
        register = _load(uow.session)
    return chain_view(flows, register, refdata.read_csv("partners/world_stages.csv"))


def chain_document(view: ChainView) -> dict[str, Any]:
    return {
        "year": view.year,
        "nodes": list(view.nodes),
        "links": [asdict(link) for link in view.links],
        "stages": [asdict(st) | {"share": st.share, "own_share": st.own_share} for st in view.stages],
    }


def dumps(document: dict[str, Any]) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2)

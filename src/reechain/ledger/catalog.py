"""Master data of the ledger: locations, products, plants, quotas (read and write, inside a session)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from sqlalchemy import Insert, func, select
from sqlalchemy.orm import Session

from reechain.domain.errors import InvalidInput, NotFound, Problem
from reechain.domain.locations import Location, LocationKind, Plant, PlantKind
from reechain.domain.lots import Lot
from reechain.domain.products import Form, Product
from reechain.domain.quotas import Quota, QuotaKind
from reechain.store.base import metadata
from reechain.store.tables import ledger as t


def insert_id(session: Session, stmt: Insert) -> int:
    """Run an INSERT of one row and return its new id."""
    return int(session.execute(stmt.returning(stmt.table.c.id)).scalar_one())


def dumps(obj: Any) -> str:
    return json.dumps(obj, sort_keys=True, separators=(",", ":"))


def location_from_row(r: Mapping[str, Any]) -> Location:
    return Location(r["code"], r["name"], LocationKind(r["kind"]), r["holder"], r["country"])


def product_from_row(r: Mapping[str, Any]) -> Product:
    return Product(
        code=r["code"],
        name=r["name"],
        form=Form(r["form"]),
        reo_fraction=r["reo_fraction"],
        composition=json.loads(r["composition"]),
        spec=r["spec"],
        purity=r["purity"],
    )


def lot_from_row(r: Mapping[str, Any], product_code: str) -> Lot:
    return Lot(r["code"], product_code, r["reo_fraction"], json.loads(r["composition"]))


def upsert_location(session: Session, loc: Location) -> int:
    if not loc.code.strip():
        raise InvalidInput("location code is required", [Problem("empty", "code")])
    values = {"name": loc.name, "kind": loc.kind.value, "holder": loc.holder, "country": loc.country}
    existing = session.execute(select(t.locations.c.id).where(t.locations.c.code == loc.code)).scalar()
    if existing is not None:
        session.execute(t.locations.update().where(t.locations.c.id == existing).values(**values))
        return int(existing)
    return insert_id(session, t.locations.insert().values(code=loc.code, **values))


def upsert_product(session: Session, product: Product) -> int:
    product.validate()
    values = {
        "name": product.name,
        "form": product.form.value,
        "reo_fraction": product.reo_fraction,
        "composition": dumps(dict(product.composition)),
        "spec": product.spec,
        "purity": product.purity,
    }
    existing = session.execute(select(t.products.c.id).where(t.products.c.code == product.code)).scalar()
    if existing is not None:
        session.execute(t.products.update().where(t.products.c.id == existing).values(**values))
        return int(existing)
    return insert_id(session, t.products.insert().values(code=product.code, **values))


def location_ids(session: Session, codes: Iterable[str]) -> dict[str, int]:
    codes = sorted(set(codes))
    if not codes:
        return {}
    rows = session.execute(select(t.locations.c.code, t.locations.c.id).where(t.locations.c.code.in_(codes)))
    return {code: int(i) for code, i in rows}


def location_id(session: Session, code: str) -> int:
    ids = location_ids(session, [code])
    if code not in ids:
        raise NotFound(f"no location {code!r}")
    return ids[code]


def upsert_plant(session: Session, plant: Plant) -> int:
    if not 0 < plant.recovery <= 1:
        raise InvalidInput("plant recovery must be in (0, 1]", [Problem(str(plant.recovery), "recovery")])
    if plant.capacity_t_reo_per_year < 0:
        raise InvalidInput(
            "plant capacity cannot be negative", [Problem("negative", "capacity_t_reo_per_year")]
        )
    loc_id = location_id(session, plant.location)
    residue_id = location_id(session, plant.residue_location) if plant.residue_location else None
    values = {
        "kind": plant.kind.value,
        "capacity_t_reo_per_year": plant.capacity_t_reo_per_year,
        "recovery": plant.recovery,
        "feeds": dumps(list(plant.feeds)),
        "products": dumps(list(plant.products)),
        "processes": dumps(list(plant.processes)),
        "residue_location_id": residue_id,
        "extra": dumps(plant.extra),
    }
    existing = session.execute(select(t.plants.c.id).where(t.plants.c.location_id == loc_id)).scalar()
    if existing is not None:
        session.execute(t.plants.update().where(t.plants.c.id == existing).values(**values))
        return int(existing)
    return insert_id(session, t.plants.insert().values(location_id=loc_id, **values))


def list_plants(session: Session) -> list[Plant]:
    loc = t.locations
    res = loc.alias("res")
    q = (
        select(t.plants, loc.c.code, loc.c.name, loc.c.holder, res.c.code.label("residue_code"))
        .join(loc, loc.c.id == t.plants.c.location_id)
        .outerjoin(res, res.c.id == t.plants.c.residue_location_id)
        .order_by(loc.c.code)
    )
    return [
        Plant(
            location=r.code,
            kind=PlantKind(r.kind),
            capacity_t_reo_per_year=r.capacity_t_reo_per_year,
            recovery=r.recovery,
            feeds=tuple(json.loads(r.feeds)),
            products=tuple(json.loads(r.products)),
            processes=tuple(json.loads(r.processes)),
            residue_location=r.residue_code,
            holder=r.holder,
            name=r.name,
            extra=json.loads(r.extra),
        )
        for r in session.execute(q)
    ]


def upsert_quota(session: Session, quota: Quota) -> int:
    quota.validate()
    key = (
        (t.quotas.c.year == quota.year)
        & (t.quotas.c.batch == quota.batch)
        & (t.quotas.c.kind == quota.kind.value)
        & (t.quotas.c.holder == quota.holder)
    )
    values = {
        "limit_t_reo": quota.limit_t_reo,
        "source": quota.source,
        "issued_on": date.fromisoformat(quota.issued_on) if quota.issued_on else None,
    }
    existing = session.execute(select(t.quotas.c.id).where(key)).scalar()
    if existing is not None:
        session.execute(t.quotas.update().where(t.quotas.c.id == existing).values(**values))
        return int(existing)
    row = {
        "year": quota.year,
        "batch": quota.batch,
        "kind": quota.kind.value,
        "holder": quota.holder,
        **values,
    }
    return insert_id(session, t.quotas.insert().values(**row))


def count_rows(session: Session, table_name: str) -> int:
    table = metadata.tables[table_name]
    return int(session.execute(select(func.count()).select_from(table)).scalar_one())


def quota_limits(session: Session, year: int, kind: QuotaKind, holder: str, *, lock: bool) -> float | None:
    """Sum of the batches issued for (year, kind, holder), or None if none is defined. With ``lock`` the quota
    rows are locked (PostgreSQL) so two postings cannot both use the last tonnes."""
    q = select(t.quotas.c.limit_t_reo).where(
        (t.quotas.c.year == year) & (t.quotas.c.kind == kind.value) & (t.quotas.c.holder == holder)
    )
    if lock:
        q = q.with_for_update()
    limits = list(session.execute(q).scalars())
    return sum(limits) if limits else None

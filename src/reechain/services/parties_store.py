"""Rows of the party register ↔ domain records, and the re-scoring both the import and the re-screen use.

Functions here take an open session: the calling service owns the transaction.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable, Mapping, Sequence
from datetime import UTC, date, datetime

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session, aliased

from reechain.compliance.matching import cross_keys
from reechain.compliance.matching.normalise import NameForm, analyse
from reechain.compliance.matching.screener import Screener
from reechain.risk.ownership import OwnershipResult, apply_fifty_percent_rule, owned_descendants
from reechain.risk.parties import Document, Holding, PartyRecord
from reechain.risk.scoring import BANDS, Assessment, History
from reechain.services import parties_cross
from reechain.services.diligence import PartyHit, form_stamp, score_records
from reechain.services.parties_blocking import gram_blob
from reechain.services.parties_gate import Thresholds
from reechain.store.tables.risk_parties import DocumentRow, HoldingRow, PartyNameRow, PartyRow

BOTH = ("Person", "Company")


def now() -> datetime:
    return datetime.now(UTC)


def _split(value: str) -> tuple[str, ...]:
    return tuple(x for x in value.split(";") if x)


def record_of(row: PartyRow, names: Sequence[str], documents: Sequence[Document]) -> PartyRecord:
    return PartyRecord(
        party_id=row.party_id,
        name=row.name,
        schema=row.schema,
        country=row.country,
        roles=_split(row.roles),
        other_names=tuple(n for n in names if n != row.name),
        registration_ids=tuple((k, v) for k, v in json.loads(row.registration_ids_json)),
        addresses=tuple(json.loads(row.addresses_json)),
        transit_countries=_split(row.transit_countries),
        annex_ii=_split(row.annex_ii),
        red_flags=_split(row.red_flags),
        late_payments=row.late_payments,
        documents=tuple(documents),
    )


def hits_of(row: PartyRow) -> list[PartyHit]:
    return [PartyHit.from_json(d) for d in json.loads(row.hits_json)]


def load_records(s: Session, pks: Collection[int]) -> dict[int, tuple[PartyRow, PartyRecord]]:
    out: dict[int, tuple[PartyRow, PartyRecord]] = {}
    ids = sorted(pks)
    for start in range(0, len(ids), 900):
        chunk = ids[start : start + 900]
        rows = list(s.scalars(select(PartyRow).where(PartyRow.id.in_(chunk))))
        names: dict[int, list[str]] = {}
        for pk, name in s.execute(
            select(PartyNameRow.party_pk, PartyNameRow.name)
            .where(PartyNameRow.party_pk.in_(chunk))
            .order_by(PartyNameRow.id)
        ):
            if name not in names.setdefault(pk, []):
                names[pk].append(name)
        docs: dict[int, list[Document]] = {}
        for d in s.scalars(
            select(DocumentRow).where(DocumentRow.party_pk.in_(chunk)).order_by(DocumentRow.id)
        ):
            docs.setdefault(d.party_pk, []).append(Document(d.kind, d.reference, d.expires_on))
        for r in rows:
            out[r.id] = (r, record_of(r, names.get(r.id, []), docs.get(r.id, [])))
    return out


def all_holdings(s: Session) -> tuple[list[Holding], dict[str, int]]:
    """Every holding by party id, and the row key of every party id that takes part in one."""
    owner, owned = aliased(PartyRow), aliased(PartyRow)
    holdings: list[Holding] = []
    keys: dict[str, int] = {}
    stmt = (
        select(owner.party_id, owner.id, owned.party_id, owned.id, HoldingRow.share)
        .join(owner, owner.id == HoldingRow.owner_pk)
        .join(owned, owned.id == HoldingRow.owned_pk)
    )
    for a_id, a_pk, b_id, b_pk, share in s.execute(stmt):
        holdings.append(Holding(a_id, b_id, share))
        keys[a_id], keys[b_id] = a_pk, b_pk
    return holdings, keys


def party_ids(s: Session, pks: Collection[int]) -> set[str]:
    ids = sorted(pks)
    out: set[str] = set()
    for start in range(0, len(ids), 900):
        out.update(s.scalars(select(PartyRow.party_id).where(PartyRow.id.in_(ids[start : start + 900]))))
    return out


def ownership_now(s: Session) -> tuple[OwnershipResult, list[Holding], dict[str, int]]:
    holdings, keys = all_holdings(s)
    listed = set(s.scalars(select(PartyRow.party_id).where(PartyRow.listed.is_(True))))
    return apply_fifty_percent_rule(listed, holdings), holdings, keys


def write_names(s: Session, named: Sequence[tuple[int, PartyRecord]], full: Screener | None = None) -> None:
    """Replace the names of the parties ``(row key, record)`` with their comparable forms (one row per name
    and schema screened), in bulk; with ``full`` (the screener over every list in force), each with its
    cross-script profile there (``parties_cross``) and what the cross-script gate compares of it
    (``cross_keys.latin_side_text``), else without (made at the next re-screen)."""
    stamp = form_stamp()
    pks = [pk for pk, _ in named]
    for start in range(0, len(pks), 900):
        s.execute(
            delete(PartyNameRow).where(PartyNameRow.party_pk.in_(pks[start : start + 900])),
            execution_options={"synchronize_session": False},
        )
    profiles = (
        parties_cross.profiles(full, [n.name for _, r in named for n in r.names()])
        if full is not None and full.name_count
        else {}
    )
    values: list[dict[str, object]] = []
    sides: dict[str, str | None] = {}
    for pk, record in named:
        for n in record.names():
            for schema in (record.schema,) if record.schema else BOTH:
                form = analyse(n.name, "Person" if schema == "Person" else "Company")
                text, blob = profiles[n.name].encode() if n.name in profiles else (None, None)
                if n.name not in sides:
                    sides[n.name] = cross_keys.latin_side_text(n.name) if n.name in profiles else None
                values.append(
                    {
                        "party_pk": pk,
                        "name": n.name,
                        "script": n.script[:16],
                        **form_values(form, stamp),
                        "cross_grams": text,
                        "cross_floors": blob,
                        "cross_side": sides[n.name],
                    }
                )
    for start in range(0, len(values), 5000):
        s.execute(insert(PartyNameRow), values[start : start + 5000])


def form_values(form: NameForm, stamp: str) -> dict[str, object]:
    """The stored parts of a name's comparable form: the strings the screener's bound compares, the grams."""
    return {
        "compact": form.compact,
        "sorted_units": form.sorted_units,
        "core_compact": form.core_compact,
        "sorted_core": form.sorted_core,
        "grams": gram_blob(form),
        "form_stamp": stamp,
    }


def write_form(row: PartyNameRow, form: NameForm, stamp: str) -> None:
    """A stale form made again: its cross-script profile is made again too, at the next re-screen."""
    for k, v in form_values(form, stamp).items():
        setattr(row, k, v)
    row.cross_grams = row.cross_floors = row.cross_side = None


def write_hits(row: PartyRow, hits: Sequence[PartyHit], th: Thresholds, at: datetime) -> None:
    row.hits_json = json.dumps([h.as_json() for h in hits], ensure_ascii=False)
    row.listed = any(h.score >= th.listed for h in hits)
    row.screened_at = at


def _worse(new: str, old: str | None) -> bool:
    return old is None or BANDS.index(new) > BANDS.index(old)


def rescore(
    s: Session,
    touched: Iterable[int],
    th: Thresholds,
    history: Mapping[str, History],
    on: date,
) -> list[Assessment]:
    """Score again the parties ``touched`` and every party they own through a chain (an owner becoming
    listed can block what it owns). A party seen for the first time, or whose band got worse, is due for
    review today."""
    s.flush()
    ownership, holdings, keys = ownership_now(s)
    touched = set(touched)
    ids = party_ids(s, touched)
    pks = touched | {keys[pid] for pid in owned_descendants(ids, holdings) if pid in keys}
    loaded = load_records(s, pks)
    rows = [loaded[pk][0] for pk in sorted(loaded)]
    records = [loaded[pk][1] for pk in sorted(loaded)]
    assessments = score_records(records, {r.party_id: hits_of(r) for r in rows}, ownership, history, th, on)
    at = now()
    for row, a in zip(rows, assessments, strict=True):
        if _worse(a.band, row.band) or row.review_due_on is None:
            row.review_due_on = on
        row.score, row.band, row.scored_at = a.score, a.band, at
        row.factors_json = json.dumps(
            [
                {"code": f.code, "points": f.points, "evidence": f.evidence, "guidance": f.guidance}
                for f in a.factors
            ],
            ensure_ascii=False,
        )
    return assessments

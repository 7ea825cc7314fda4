"""The party register: every customer, supplier, forwarder, bank and partner the group deals with.

Import (all or nothing), the page of one party (with its ownership graph), the queue of due reviews and the
review itself. Each is one transaction; writes need the risk_manager role.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass, field, replace
from datetime import date

from sqlalchemy import delete, func, or_, select
from sqlalchemy.orm import Session

from reechain.bootstrap import Container
from reechain.compliance.matching.screener import Screener
from reechain.domain.errors import Forbidden, InvalidInput, NotFound, Problem
from reechain.domain.roles import READ_ONLY, Role
from reechain.risk.ownership import apply_fifty_percent_rule
from reechain.risk.parties import PartyRecord
from reechain.risk.register_file import read_documents, read_ownership, read_parties
from reechain.risk.review import next_review
from reechain.services import parties_gate, screening
from reechain.services.diligence import PartyHit, guidance, screen_records
from reechain.services.parties_store import (
    all_holdings,
    hits_of,
    load_records,
    now,
    rescore,
    write_hits,
    write_names,
)
from reechain.store.tables.risk_parties import DocumentRow, HoldingRow, PartyRow, ReviewRow

GRAPH_DEPTH = 3


def require_risk_manager(roles: Collection[Role]) -> None:
    if Role.ADMIN in roles:
        return
    if Role.RISK_MANAGER not in set(roles) - READ_ONLY:
        raise Forbidden("this needs the role risk_manager")


@dataclass(frozen=True)
class RegisterImport:
    parties_file: str
    added: int
    updated: int
    holdings: int
    documents: int
    listed: int
    blocked_by_ownership: int
    bands: dict[str, int]


@dataclass(frozen=True)
class PartySummary:
    party_id: str
    name: str
    schema: str | None
    country: str | None
    roles: tuple[str, ...]
    score: int | None
    band: str | None
    listed: bool
    review_due_on: date | None
    flagged: bool
    flag_reason: str


@dataclass(frozen=True)
class Link:
    party_id: str
    name: str
    share: float
    blocked: bool


@dataclass(frozen=True)
class ReviewRecord:
    reviewed_at: str
    reviewer: str
    score: int
    band: str
    next_due_on: date
    note: str


@dataclass(frozen=True)
class GraphEdge:
    owner_id: str
    owned_id: str
    share: float


@dataclass(frozen=True)
class PartyView:
    summary: PartySummary
    record: PartyRecord
    hits: list[PartyHit]
    factors: list[dict[str, object]]
    owners: list[Link]
    owned: list[Link]
    reviews: list[ReviewRecord]
    reviewed_on: date | None
    reviewed_by: str | None
    source: str
    graph_nodes: dict[str, tuple[str, bool]] = field(default_factory=dict)
    """Party id → (name, blocked) for every party within ``GRAPH_DEPTH`` holdings of this one."""
    graph_edges: list[GraphEdge] = field(default_factory=list)


def _summary(r: PartyRow) -> PartySummary:
    return PartySummary(
        r.party_id,
        r.name,
        r.schema,
        r.country,
        tuple(x for x in r.roles.split(";") if x),
        r.score,
        r.band,
        r.listed,
        r.review_due_on,
        r.flagged_at is not None,
        r.flag_reason,
    )


def _row_values(r: PartyRecord, source: str) -> dict[str, object]:
    return {
        "name": r.name,
        "schema": r.schema,
        "country": r.country,
        "roles": ";".join(r.roles),
        "registration_ids_json": json.dumps([list(x) for x in r.registration_ids], ensure_ascii=False),
        "addresses_json": json.dumps(list(r.addresses), ensure_ascii=False),
        "transit_countries": ";".join(r.transit_countries),
        "annex_ii": ";".join(r.annex_ii),
        "red_flags": ";".join(r.red_flags),
        "late_payments": r.late_payments,
        "source": source[:300],
    }


def upsert(
    s: Session, records: list[PartyRecord], source: str, full: Screener | None = None
) -> tuple[dict[str, PartyRow], int]:
    """Insert or update the rows of ``records`` (names rewritten, with their cross-script profiles in
    ``full`` when given): the rows by id, and how many are new."""
    existing = {
        r.party_id: r
        for start in range(0, len(records), 900)
        for r in s.scalars(
            select(PartyRow).where(PartyRow.party_id.in_([x.party_id for x in records[start : start + 900]]))
        )
    }
    at = now()
    rows: dict[str, PartyRow] = {}
    added = 0
    for rec in records:
        row = existing.get(rec.party_id)
        if row is None:
            row = PartyRow(party_id=rec.party_id, created_at=at, updated_at=at, **_row_values(rec, source))
            s.add(row)
            added += 1
        else:
            for k, v in _row_values(rec, source).items():
                setattr(row, k, v)
            row.updated_at = at
        rows[rec.party_id] = row
    s.flush()
    write_names(s, [(rows[rec.party_id].id, rec) for rec in records], full)
    return rows, added


def import_register(
    c: Container,
    parties_text: str,
    parties_file: str,
    *,
    actor: str,
    roles: Collection[Role],
    ownership_text: str | None = None,
    ownership_file: str = "ownership",
    documents_text: str | None = None,
    documents_file: str = "documents",
    on: date | None = None,
    processes: int = 1,
) -> RegisterImport:
    """Add or update the parties of a file (and, when given, replace their owners and their documents).
    Every file is read whole first; one bad field anywhere and nothing is stored. The parties are screened
    before the transaction opens, by ``processes`` worker processes (``screening.screen_parties``: the
    command line passes one per core; a server screens in its own process)."""
    require_risk_manager(roles)
    on = on or date.today()
    records = read_parties(parties_text, parties_file, guidance().keys())
    if not records:
        raise InvalidInput(f"{parties_file}: no parties", [Problem("the file holds no rows", "id", 2)])
    with c.uow() as uow:
        known = set(uow.session.scalars(select(PartyRow.party_id)))
    known |= {r.party_id for r in records}
    holdings = read_ownership(ownership_text, ownership_file, known) if ownership_text is not None else None
    documents = read_documents(documents_text, documents_file, known) if documents_text is not None else None
    file_ids = {r.party_id for r in records}
    if documents is not None:
        outside = sorted(set(documents) - file_ids)
        if outside:
            raise InvalidInput(
                f"{documents_file}: bad document file",
                [Problem(f"party {pid!r} is not in {parties_file}", "party_id") for pid in outside[:20]],
            )
        records = [replace(r, documents=tuple(documents.get(r.party_id, []))) for r in records]
    th = parties_gate.thresholds(c)
    hits = screen_records(c, records, th.review, processes)
    full = screening.screener(c)  # the one that screened them
    history = parties_gate.history_by_name(c)
    with c.uow() as uow:
        s = uow.session
        rows, added = upsert(s, records, f"import {parties_file}", full)
        at = now()
        for rec in records:
            write_hits(rows[rec.party_id], hits[rec.party_id], th, at)
        if documents is not None:
            pks = [rows[r.party_id].id for r in records]
            s.execute(
                delete(DocumentRow).where(DocumentRow.party_pk.in_(pks)),
                execution_options={"synchronize_session": False},
            )
            for rec in records:
                for d in rec.documents:
                    s.add(
                        DocumentRow(
                            party_pk=rows[rec.party_id].id,
                            kind=d.kind,
                            reference=d.reference,
                            expires_on=d.expires_on,
                        )
                    )
        if holdings is not None:
            pk_of = dict(
                s.execute(
                    select(PartyRow.party_id, PartyRow.id).where(
                        PartyRow.party_id.in_({h.owner_id for h in holdings} | file_ids)
                    )
                ).all()
            )
            s.execute(
                delete(HoldingRow).where(HoldingRow.owned_pk.in_([rows[p].id for p in file_ids])),
                execution_options={"synchronize_session": False},
            )
            for h in holdings:
                if h.owned_id not in file_ids:
                    raise InvalidInput(
                        f"{ownership_file}: bad ownership file",
                        [Problem(f"owned party {h.owned_id!r} is not in {parties_file}", "owned_id")],
                    )
                s.add(HoldingRow(owner_pk=pk_of[h.owner_id], owned_pk=pk_of[h.owned_id], share=h.share))
        assessments = rescore(s, [rows[r.party_id].id for r in records], th, history, on)
        uow.commit()
    mine = [a for a in assessments if a.party_id in file_ids]
    return RegisterImport(
        parties_file=parties_file,
        added=added,
        updated=len(records) - added,
        holdings=len(holdings or []),
        documents=sum(len(r.documents) for r in records),
        listed=sum(a.listed for a in mine),
        blocked_by_ownership=sum(a.blocked_by_ownership for a in mine),
        bands=dict(Counter(a.band for a in mine)),
    )


def _row(s: Session, party_id: str) -> PartyRow:
    row = s.scalar(select(PartyRow).where(PartyRow.party_id == party_id))
    if row is None:
        raise NotFound(f"no party {party_id!r} in the register")
    return row


def list_parties(
    c: Container, *, band: str | None = None, flagged: bool = False, query: str = "", limit: int = 200
) -> list[PartySummary]:
    with c.uow() as uow:
        stmt = select(PartyRow).order_by(PartyRow.score.desc().nulls_last(), PartyRow.party_id).limit(limit)
        if band:
            stmt = stmt.where(PartyRow.band == band)
        if flagged:
            stmt = stmt.where(PartyRow.flagged_at.is_not(None))
        if query.strip():
            like = f"%{query.strip().lower()}%"
            stmt = stmt.where(
                or_(func.lower(PartyRow.name).like(like), func.lower(PartyRow.party_id).like(like))
            )
        return [_summary(r) for r in uow.session.scalars(stmt)]


def register_size(c: Container) -> int:
    with c.uow() as uow:
        return int(uow.session.scalar(select(func.count()).select_from(PartyRow)) or 0)


def due_reviews(c: Container, on: date | None = None, limit: int = 500) -> list[PartySummary]:
    """The risk manager's work queue: parties whose review is due on ``on`` (today) or earlier, flagged
    ones and the worst bands first."""
    on = on or date.today()
    with c.uow() as uow:
        rows = list(
            uow.session.scalars(
                select(PartyRow)
                .where(PartyRow.review_due_on <= on)
                .order_by(PartyRow.review_due_on, PartyRow.party_id)
                .limit(limit)
            )
        )
        out = [_summary(r) for r in rows]
    severity = {"prohibited": 0, "high": 1, "medium": 2, "low": 3}
    out.sort(key=lambda p: (not p.flagged, severity.get(p.band or "", 4), p.review_due_on or on, p.party_id))
    return out


def get_party(c: Container, party_id: str) -> PartyView:
    with c.uow() as uow:
        s = uow.session
        row = _row(s, party_id)
        record = load_records(s, [row.id])[row.id][1]
        holdings, _ = all_holdings(s)
        listed = set(s.scalars(select(PartyRow.party_id).where(PartyRow.listed.is_(True))))
        ownership = apply_fifty_percent_rule(listed, holdings)
        near: set[str] = {party_id}
        frontier = {party_id}
        edges: set[tuple[str, str, float]] = set()
        for _ in range(GRAPH_DEPTH):
            step = {
                (h.owner_id, h.owned_id, h.share)
                for h in holdings
                if h.owner_id in frontier or h.owned_id in frontier
            }
            edges |= step
            frontier = {x for e in step for x in e[:2]} - near
            near |= frontier
        names = dict(
            s.execute(select(PartyRow.party_id, PartyRow.name).where(PartyRow.party_id.in_(near))).all()
        )
        reviews = [
            ReviewRecord(
                r.reviewed_at.isoformat(timespec="seconds"),
                r.reviewer,
                r.score,
                r.band,
                r.next_due_on,
                r.note,
            )
            for r in s.scalars(
                select(ReviewRow).where(ReviewRow.party_pk == row.id).order_by(ReviewRow.id.desc())
            )
        ]
        return PartyView(
            summary=_summary(row),
            record=record,
            hits=hits_of(row),
            factors=json.loads(row.factors_json),
            owners=sorted(
                (
                    Link(h.owner_id, names.get(h.owner_id, ""), h.share, h.owner_id in ownership.blocked)
                    for h in holdings
                    if h.owned_id == party_id
                ),
                key=lambda x: (-x.share, x.party_id),
            ),
            owned=sorted(
                (
                    Link(h.owned_id, names.get(h.owned_id, ""), h.share, h.owned_id in ownership.blocked)
                    for h in holdings
                    if h.owner_id == party_id
                ),
                key=lambda x: (-x.share, x.party_id),
            ),
            reviews=reviews,
            reviewed_on=row.reviewed_on,
            reviewed_by=row.reviewed_by,
            source=row.source,
            graph_nodes={pid: (names.get(pid, pid), pid in ownership.blocked) for pid in sorted(near)},
            graph_edges=[GraphEdge(a, b, share) for a, b, share in sorted(edges)],
        )


def review_party(
    c: Container, party_id: str, *, note: str, actor: str, roles: Collection[Role], on: date | None = None
) -> ReviewRecord:
    """Record a review: the score as it stands, the note, the next due date from the band; clears the mark
    a list import left."""
    require_risk_manager(roles)
    on = on or date.today()
    if len(note) > 2000:
        raise InvalidInput("note too long", [Problem("at most 2000 characters", "note")])
    with c.uow() as uow:
        s = uow.session
        row = _row(s, party_id)
        if row.band is None or row.score is None:
            raise InvalidInput(
                f"party {party_id} has not been scored yet", [Problem("import it again", "party_id")]
            )
        due = next_review(row.band, on)
        at = now()
        s.add(
            ReviewRow(
                party_pk=row.id,
                reviewed_at=at,
                reviewer=actor,
                score=row.score,
                band=row.band,
                next_due_on=due,
                note=note,
            )
        )
        row.reviewed_on, row.reviewed_by, row.review_due_on = on, actor, due
        row.flagged_at, row.flag_reason = None, ""
        uow.commit()
        return ReviewRecord(at.isoformat(timespec="seconds"), actor, row.score, row.band, due, note)

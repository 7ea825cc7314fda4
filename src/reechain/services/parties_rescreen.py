"""Re-screen what a list change touches (run after every ``lists import``).

The entries added or changed by the new version are indexed on their own (a small ``Screener``); the
register's names — kept with what the screener's candidate stage looks them up by and the cuts it applies
in the full index (``parties_cross``), so none is analysed again — are looked up among those entries as the
screener over every list would, and only the parties that proposes are screened, against those entries
alone, with those candidates. A party's other hits
cannot change: its hits on removed or changed entries are dropped, its new ones added. Parties whose hits
changed are scored again (with everything they own); parties with a new hit are marked and due for review
today; every open order naming one of them goes through the compliance gate again, which holds or blocks it.

The re-screen is its own transaction after the import's; running it again for the same list version
(``reechain risk rescreen``) finds nothing new once a run has completed, and then re-checks no order.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from reechain.bootstrap import Container
from reechain.compliance.lists.model import ListedEntry, ListEntry
from reechain.compliance.matching import cross_keys
from reechain.compliance.matching.hit import ScreeningHit
from reechain.compliance.matching.normalise import analyse
from reechain.compliance.matching.screener import PartyQuery, Screener
from reechain.risk.parties import PartyRecord
from reechain.services import parties_cross, parties_gate, screening
from reechain.services.collector import collector_held
from reechain.services.diligence import PartyHit, form_stamp, merge_hits, queries_of, screen_records
from reechain.services.parties import upsert
from reechain.services.parties_gate import OrderParty, Recheck
from reechain.services.parties_store import hits_of, load_records, now, rescore, write_form, write_hits
from reechain.services.screening import ListDiff
from reechain.store.tables.risk_parties import PartyNameRow, PartyRow, RescreenRow

ACTOR = "system:list-rescreen"


@dataclass(frozen=True)
class RescreenReport:
    list_name: str
    list_version: int
    entries_changed: int
    register_size: int
    rescreened: int
    """Parties the changed entries can match (proposed by their index) and so screened again."""
    new_hits: int
    parties_marked: list[str]
    rescored: int
    orders_rechecked: int
    holds_opened: int
    orders_blocked: int
    elapsed_s: float
    orders: list[Recheck] = field(default_factory=list)


@dataclass(frozen=True)
class _Delta:
    new: list[ListEntry]
    """Added entries and the new form of changed ones: they can create hits."""
    gone: set[str]
    """Entry ids whose old form is no longer in force (removed or changed): their hits are dropped."""
    before: dict[str, ListEntry] = field(default_factory=dict)
    """The old form of each changed entry, by entry id."""


def _delta(
    c: Container, list_name: str, version: int, changes: ListDiff | Sequence[ListEntry] | None
) -> _Delta:
    """The change ``version`` made: handed in by the import (which has just computed it), else read back."""
    if isinstance(changes, ListDiff):
        d = changes
    elif changes is not None:
        return _Delta(list(changes), set())
    elif version == 1:
        return _Delta(screening.list_entries(c, list_name, 1), set())
    else:
        d = screening.diff_versions(c, list_name, version - 1, version)
    return _Delta(
        [*d.added, *(after for _, after in d.changed)],
        {e.entry_id for e in d.removed} | {before.entry_id for before, _ in d.changed},
        {before.entry_id: before for before, _ in d.changed},
    )


def _order_party_id(p: OrderParty) -> str:
    key = f"{p.name.casefold()}\x1f{p.country or ''}"
    return "order:" + hashlib.sha256(key.encode()).hexdigest()[:16]


def sync_order_parties(c: Container, list_name: str, delta_ids: set[str]) -> list[OrderParty]:
    """Put the parties of open orders into the register (once each). A party seen for the first time is
    screened against every list, leaving out the entries of this change, which the re-screen then finds
    as new hits like anyone else's."""
    order_parties = parties_gate.open_order_parties(c)
    if not order_parties:
        return []
    by_id: dict[str, list[OrderParty]] = defaultdict(list)
    for p in order_parties:
        by_id[_order_party_id(p)].append(p)
    with c.uow() as uow:
        known = set(uow.session.scalars(select(PartyRow.party_id).where(PartyRow.party_id.in_(list(by_id)))))
    fresh = [
        PartyRecord(
            party_id=pid,
            name=ps[0].name,
            schema=None,
            country=ps[0].country,
            roles=tuple(sorted({p.role for p in ps if p.role in parties_gate.ORDER_ROLES})),
        )
        for pid, ps in sorted(by_id.items())
        if pid not in known
    ]
    if fresh:
        th = parties_gate.thresholds(c)
        hits = screen_records(c, fresh, th.review)
        full = screening.screener(c)  # the one that screened them
        history = parties_gate.history_by_name(c)
        with c.uow() as uow:
            s = uow.session
            orders = {pid: sorted({p.order_id for p in by_id[pid]}) for pid in by_id}
            rows, _ = upsert(s, fresh, "open orders", full)
            for rec in fresh:
                rows[rec.party_id].source = ("orders " + ", ".join(orders[rec.party_id]))[:300]
                kept = [
                    h
                    for h in hits[rec.party_id]
                    if not (h.list_name == list_name and h.entry_id in delta_ids)
                ]
                write_hits(rows[rec.party_id], kept, th, now())
            rescore(s, [r.id for r in rows.values()], th, history, date.today())
            uow.commit()
    return order_parties


def _query_parts(
    s: Session, pks: Sequence[int]
) -> tuple[dict[int, tuple[list[str], str | None, str | None]], dict[str, str]]:
    """For each party: its names (the legal name first, each once), schema and country, read without loading
    the party in full; and what the cross-script gate compares of each Latin name, as stored with it."""
    out: dict[int, tuple[list[str], str | None, str | None]] = {}
    sides: dict[str, str] = {}
    for start in range(0, len(pks), 900):
        chunk = pks[start : start + 900]
        for pk, name, schema, country in s.execute(
            select(PartyRow.id, PartyRow.name, PartyRow.schema, PartyRow.country).where(
                PartyRow.id.in_(chunk)
            )
        ):
            out[pk] = ([name], schema, country)
        for pk, name, side in s.execute(
            select(PartyNameRow.party_pk, PartyNameRow.name, PartyNameRow.cross_side)
            .where(PartyNameRow.party_pk.in_(chunk))
            .order_by(PartyNameRow.id)
        ):
            if name not in out[pk][0]:
                out[pk][0].append(name)
            if side is not None:
                sides[name] = side
    return dict(sorted(out.items())), sides


def _hits_json(s: Session, pks: Sequence[int]) -> dict[int, str]:
    out: dict[int, str] = {}
    for start in range(0, len(pks), 900):
        chunk = pks[start : start + 900]
        stmt = select(PartyRow.id, PartyRow.hits_json).where(PartyRow.id.in_(chunk))
        out.update((pk, hits) for pk, hits in s.execute(stmt))
    return out


def _refresh_forms(c: Container) -> None:
    """Stored forms made by another version of the normaliser are made again (and saved); their profiles
    are made again by ``parties_cross.proposed``."""
    stamp = form_stamp()
    with c.uow() as uow:
        s = uow.session
        stale = set(s.scalars(select(PartyNameRow.id).where(PartyNameRow.form_stamp != stamp)))
        if stale:
            for name_row in s.scalars(select(PartyNameRow).where(PartyNameRow.id.in_(stale))):
                schema = s.get_one(PartyRow, name_row.party_pk).schema
                write_form(
                    name_row, analyse(name_row.name, "Person" if schema == "Person" else "Company"), stamp
                )
            uow.commit()


def _screen(
    index: Screener,
    queries: Sequence[PartyQuery],
    held: Sequence[set[str]],
    review_at: float,
    found: parties_cross.Proposal,
) -> list[list[ScreeningHit]]:
    """``queries`` screened against the changed entries, with the candidates of ``found`` (those the
    screener over every list would go on to bound or filter and score). A pair tied at a cut of the old index
    is kept only when the query's party held a hit on that entry (``held``): the old index kept it then."""
    entry_of = [index.entries[pos].entry.entry_id for pos in index.row_entry]
    owner, rows, cosine, tied = found.pairs_of([q.name for q in queries])
    at = np.flatnonzero(tied)
    if len(at):
        held_at = np.fromiter(
            (entry_of[j] in held[i] for i, j in zip(owner[at].tolist(), rows[at].tolist(), strict=True)),
            dtype=bool,
            count=len(at),
        )
        keep = np.ones(len(owner), dtype=bool)
        keep[at[~held_at]] = False
        owner, rows, cosine = owner[keep], rows[keep], cosine[keep]
    return index.screen_with_candidates(queries, review_at, owner, rows, cosine)


def rescreen_after_import(
    c: Container,
    list_name: str,
    version: int,
    *,
    changes: ListDiff | Sequence[ListEntry] | None = None,
    actor: str = ACTOR,
) -> RescreenReport:
    """What version ``version`` of ``list_name`` changes in the register and in open orders (see module).
    ``changes``: the diff against the version before (or every entry of a first version), when known.
    Runs with the cyclic garbage collector held back (``collector_held``)."""
    with collector_held():
        return _rescreen(c, list_name, version, changes, actor)


def _rescreen(
    c: Container,
    list_name: str,
    version: int,
    changes: ListDiff | Sequence[ListEntry] | None,
    actor: str,
) -> RescreenReport:
    started = time.perf_counter()
    delta = _delta(c, list_name, version, changes)
    delta_ids = {e.entry_id for e in delta.new} | delta.gone
    order_parties = sync_order_parties(c, list_name, delta_ids) if delta_ids else []
    with c.uow() as uow:
        size = len(uow.session.scalars(select(PartyRow.id)).all())
    if not size or not delta_ids:
        return _record(c, list_name, version, len(delta_ids), size, 0, {}, [], started)
    th = parties_gate.thresholds(c)
    index = Screener([ListedEntry(list_name, version, e) for e in delta.new])
    # the candidates among the changed entries, cut as the screener over every list cuts them (parties_cross)
    if delta.new:
        _refresh_forms(c)
    found = (
        parties_cross.proposed(c, list_name, version, index, delta.before)
        if delta.new
        else parties_cross.Proposal.empty()
    )
    candidates = set(found.parties)
    proposed = len(candidates)
    history = parties_gate.history_by_name(c)
    with c.uow() as uow:
        s = uow.session
        # The entries of this list each party holds a hit on (read for the parties holding any): the hits
        # on an entry this version removed or changed are the only ones a party can lose or see change.
        ids = json.dumps(list_name)
        on_list: dict[int, set[str]] = {}
        for pk, hits_json in s.execute(
            select(PartyRow.id, PartyRow.hits_json).where(PartyRow.hits_json.like(f'%"list": {ids}%'))
        ):
            held_ids = {h["entry_id"] for h in json.loads(hits_json) if h["list"] == list_name}
            if held_ids:
                on_list[pk] = held_ids
        holders = {pk for pk, held_ids in on_list.items() if held_ids & delta.gone}
        screened: dict[int, list[PartyHit]] = {}
        if candidates:
            pks = sorted(candidates)
            spans: list[tuple[int, int, int]] = []
            queries: list[PartyQuery] = []
            held: list[set[str]] = []
            parts, sides = _query_parts(s, pks)
            for pk, (names, schema, country) in parts.items():
                qs = queries_of(names, schema, country)
                spans.append((pk, len(queries), len(queries) + len(qs)))
                queries.extend(qs)
                on = on_list.get(pk, set())
                held.extend(on for _ in qs)
            with cross_keys.latin_sides_known(sides):
                hits_found = _screen(index, queries, held, th.review, found)
            screened = {pk: merge_hits(hits_found[a:b]) for pk, a, b in spans}
        # A candidate with no hit among the changed entries and none on them before keeps its hits as they
        # are (stored best first, as ``after`` is ordered): only the others are read.
        reread = holders | {pk for pk, hits in screened.items() if hits or on_list.get(pk, set()) & delta_ids}
        hits_before = {
            pk: [PartyHit.from_json(d) for d in json.loads(hits_json)]
            for pk, hits_json in _hits_json(s, sorted(reread)).items()
        }
        # only the parties whose hits change are loaded in full and written
        changes_of: dict[int, tuple[list[PartyHit], list[PartyHit]]] = {}
        for pk, before in hits_before.items():
            kept = [h for h in before if not (h.list_name == list_name and h.entry_id in delta_ids)]
            after = sorted(kept + screened.get(pk, []), key=lambda h: (-h.score, h.list_name, h.entry_id))
            seen = {(h.list_name, h.entry_id, h.entry_fingerprint) for h in before}
            fresh = [h for h in after if (h.list_name, h.entry_id, h.entry_fingerprint) not in seen]
            if after != before or fresh:
                changes_of[pk] = (after, fresh)
        loaded = load_records(s, changes_of)
        new_hits: dict[int, list[PartyHit]] = {}
        touched: list[int] = []
        at = now()
        for pk, (row, _) in sorted(loaded.items()):
            after, fresh = changes_of[pk]
            if after != hits_of(row):
                write_hits(row, after, th, at)
                touched.append(pk)
            if fresh:
                new_hits[pk] = fresh
                row.flagged_at = at
                row.flag_reason = "; ".join(
                    f"new hit on {h.list_name} v{version}: {h.entry_id} {h.entry_name!r} ({h.score:.2f})"
                    for h in fresh
                )[:2000]
                row.review_due_on = date.today()
        rescored = rescore(s, touched, th, history, date.today()) if touched else []
        uow.commit()
    marked_names = {n.name.casefold() for pk in new_hits for n in loaded[pk][1].names()}
    orders = sorted({p.order_id for p in order_parties if p.name.casefold() in marked_names})
    marked = sorted(loaded[pk][1].party_id for pk in new_hits)
    rechecks = [parties_gate.recheck_order(c, o, actor=actor) for o in orders]
    return _record(
        c,
        list_name,
        version,
        len(delta_ids),
        size,
        proposed,
        {"new_hits": sum(len(v) for v in new_hits.values()), "rescored": len(rescored)},
        rechecks,
        started,
        marked,
    )


def _record(
    c: Container,
    list_name: str,
    version: int,
    changed: int,
    size: int,
    rescreened: int,
    counts: dict[str, int],
    rechecks: list[Recheck],
    started: float,
    marked: list[str] | None = None,
) -> RescreenReport:
    marked = marked or []
    report = RescreenReport(
        list_name=list_name,
        list_version=version,
        entries_changed=changed,
        register_size=size,
        rescreened=rescreened,
        new_hits=counts.get("new_hits", 0),
        parties_marked=marked,
        rescored=counts.get("rescored", 0),
        orders_rechecked=len(rechecks),
        holds_opened=sum(r.hold_opened for r in rechecks),
        orders_blocked=sum(r.decision == "blocked" for r in rechecks),
        elapsed_s=round(time.perf_counter() - started, 4),
        orders=rechecks,
    )
    detail = {
        "parties_marked": marked[:500],
        "orders": [
            {"order_id": r.order_id, "decision": r.decision, "hold_id": r.hold_id, "error": r.error}
            for r in rechecks
        ],
    }
    with c.uow() as uow:
        s = uow.session
        row = s.scalar(
            select(RescreenRow).where(RescreenRow.list_name == list_name, RescreenRow.list_version == version)
        )
        if row is None:
            row = RescreenRow(list_name=list_name, list_version=version)
            s.add(row)
        row.ran_at = now()
        row.entries_changed = report.entries_changed
        row.register_size = report.register_size
        row.rescreened = report.rescreened
        row.new_hits = report.new_hits
        row.parties_marked = len(marked)
        row.rescored = report.rescored
        row.orders_rechecked = report.orders_rechecked
        row.holds_opened = report.holds_opened
        row.orders_blocked = report.orders_blocked
        row.elapsed_s = report.elapsed_s
        row.detail_json = json.dumps(detail, ensure_ascii=False)
        uow.commit()
    return report


@dataclass(frozen=True)
class RescreenRecord:
    list_name: str
    list_version: int
    ran_at: str
    entries_changed: int
    register_size: int
    rescreened: int
    new_hits: int
    parties_marked: int
    rescored: int
    orders_rechecked: int
    holds_opened: int
    orders_blocked: int
    elapsed_s: float


def recent_rescreens(c: Container, limit: int = 20) -> list[RescreenRecord]:
    """The effect of each recent list import on the register, newest first (the Screening page)."""
    with c.uow() as uow:
        rows = uow.session.scalars(
            select(RescreenRow).order_by(RescreenRow.ran_at.desc(), RescreenRow.id.desc()).limit(limit)
        )
        return [
            RescreenRecord(
                r.list_name,
                r.list_version,
                r.ran_at.isoformat(timespec="seconds"),
                r.entries_changed,
                r.register_size,
                r.rescreened,
                r.new_hits,
                r.parties_marked,
                r.rescored,
                r.orders_rechecked,
                r.holds_opened,
                r.orders_blocked,
                r.elapsed_s,
            )
            for r in rows
        ]

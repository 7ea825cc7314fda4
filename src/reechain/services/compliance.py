"""Compliance use cases: rules as of a day, licences, order checks, shipments, holds and the allow-list.

Every decision and review is appended to the audit trail (stream ``compliance``) in the same transaction.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import threading
from collections import OrderedDict
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import asdict, dataclass, is_dataclass
from datetime import UTC, date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from reechain.bootstrap import Container
from reechain.compliance.classification import classify_line
from reechain.compliance.decisions import (
    AllowEntry,
    Hit,
    ListedHit,
    Release,
    decide_line,
    decide_party,
    overall,
)
from reechain.compliance.licences import Licence, assign_licences, check_draw_down, validate_licence
from reechain.compliance.order import parse_order
from reechain.compliance.rules import RuleBook, Status, load_rules
from reechain.domain.errors import Conflict, Forbidden, InvalidInput, NotFound, Problem, RuleViolation
from reechain.domain.roles import Role
from reechain.services import audit
from reechain.store.db import READ_ONLY_OPTION
from reechain.store.tables.compliance import (
    AllowEntryRow,
    CheckRow,
    DrawDownRow,
    HoldApprovalRow,
    HoldRow,
    LicenceRow,
    ShipmentRow,
)
from reechain.store.tables.screening import ListVersionRow
from reechain.store.uow import UnitOfWork

ScreenParty = Callable[..., Sequence[Hit]]
ListVersions = Callable[[Container], Any]
RETRIES = 5


@dataclass(frozen=True)
class Screening:
    """The screening service as the gate uses it; tests may pass their own."""

    screen_party: ScreenParty
    active_list_versions: ListVersions
    screen_parties: Callable[..., Sequence[Sequence[Hit]]] | None = None
    """Optional batch form (one index lookup for all parties of an order): faster, same answers."""
    cacheable: bool = False
    """Answers depend only on the list versions in force, so they may be kept per set of versions."""
    entry_programs: Callable[[Container], Mapping[tuple[str, str], tuple[str, ...]]] | None = None
    """Optional ``{(list, entry_id): programs}``: lets the policy tell sub-lists of one list apart."""
    versions_in: Callable[[Session], Any] | None = None
    """Optional form of ``active_list_versions`` that reads in the decision's own transaction (one
    transaction per check instead of two)."""


def _read_only(uow: UnitOfWork) -> None:
    """This unit of work only reads: on SQLite it then does not queue behind writers."""
    uow.session.connection(execution_options={READ_ONLY_OPTION: True})


def _no_lists(c: Container) -> list[Any]:
    return []


def _no_hits(c: Container, name: str, **kw: Any) -> list[Hit]:
    return []


def default_screening() -> Screening:
    """The screening service of ``reechain.services.screening`` (no lists at all when it is not installed)."""
    try:
        screening = importlib.import_module("reechain.services.screening")
    except ModuleNotFoundError:
        return Screening(_no_hits, _no_lists)
    party_query = importlib.import_module("reechain.compliance.matching.screener").PartyQuery

    def batch(c: Container, names: Sequence[tuple[str, str | None]], *, threshold: float) -> Any:
        queries = [party_query(name, "Company", country) for name, country in names]
        return screening.screen_parties(c, queries, threshold=threshold)

    return Screening(
        screening.screen_party,
        screening.active_list_versions,
        batch,
        cacheable=True,
        entry_programs=screening.entry_programs,
        versions_in=_list_versions_in,
    )


def _now() -> datetime:
    return datetime.now(UTC)


def _require(roles: Collection[Role], *needed: Role, admin_passes: bool = True) -> None:
    ok = bool(set(roles) & set(needed)) or (admin_passes and Role.ADMIN in roles)
    if not ok:
        raise Forbidden(f"this needs the role {' or '.join(r.value for r in needed)}")


# ---------------------------------------------------------------- rules


@lru_cache(maxsize=8)
def _cached_rules(folder: str, stamp: tuple[tuple[str, float], ...]) -> RuleBook:
    return load_rules(Path(folder))


def rule_book(c: Container) -> RuleBook:
    """The rule files in force (reloaded when a file changes, so users edit YAML without a restart)."""
    from reechain.compliance.rules import PACKAGED_RULES_DIR

    folder = Path(c.settings.rules_dir or PACKAGED_RULES_DIR)
    if not folder.is_dir():
        raise InvalidInput(
            f"rules folder {folder} does not exist", [Problem("not a folder", field="rules_dir")]
        )
    stamp = tuple(sorted((p.name, p.stat().st_mtime) for p in folder.glob("*.y*ml")))
    return _cached_rules(str(folder), stamp)


def rules_as_of(c: Container, on: date, *, all_measures: bool = False) -> list[dict[str, Any]]:
    book = rule_book(c)
    out = []
    for m in book.measures:
        status, why = book.status(m, on)
        if not all_measures and status is not Status.IN_FORCE:
            continue
        out.append(
            {
                "id": m.id,
                "title": m.title,
                "status": status.value,
                "why": why,
                "effective": m.effective.isoformat(),
                "lapses": m.lapses.isoformat() if m.lapses else None,
                "elements": sorted(m.scope.elements),
                "forms": sorted(m.scope.forms),
                "hs_codes": len(m.scope.hs_codes),
                "licence_kinds": sorted(m.satisfied_by),
                "source": list(m.source),
            }
        )
    return out


# ---------------------------------------------------------------- licences


def _licence(row: LicenceRow) -> Licence:
    return Licence(
        licence_no=row.licence_no,
        kind=row.kind,
        exporter=row.exporter,
        consignee=row.consignee,
        end_user=row.end_user,
        destination_country=row.destination_country,
        elements=frozenset(e for e in row.elements.split(",") if e),
        hs_codes=tuple(h for h in row.hs_codes.split(",") if h),
        quantity_kg=row.quantity_kg,
        drawn_kg=row.drawn_kg,
        valid_from=row.valid_from,
        valid_until=row.valid_until,
        revoked=row.revoked,
    )


def licence_json(lic: Licence, on: date | None = None) -> dict[str, Any]:
    d = asdict(lic)
    d["elements"] = sorted(lic.elements)
    d["hs_codes"] = list(lic.hs_codes)
    d["valid_from"] = lic.valid_from.isoformat()
    d["valid_until"] = lic.valid_until.isoformat()
    d["remaining_kg"] = lic.remaining_kg
    if on is not None:
        d["usable"] = not lic.revoked and lic.valid_from <= on <= lic.valid_until and lic.remaining_kg > 0
    return d


def add_licence(c: Container, lic: Licence, *, actor: str, roles: Collection[Role]) -> Licence:
    _require(roles, Role.COMPLIANCE_OFFICER)
    validate_licence(lic)
    with c.uow() as uow:
        s = uow.session
        if s.scalar(select(LicenceRow.id).where(LicenceRow.licence_no == lic.licence_no)) is not None:
            raise Conflict(f"licence {lic.licence_no} already exists")
        s.add(
            LicenceRow(
                licence_no=lic.licence_no,
                kind=lic.kind,
                exporter=lic.exporter,
                consignee=lic.consignee,
                end_user=lic.end_user,
                destination_country=lic.destination_country,
                elements=",".join(sorted(lic.elements)),
                hs_codes=",".join(lic.hs_codes),
                quantity_kg=lic.quantity_kg,
                drawn_kg=0.0,
                valid_from=lic.valid_from,
                valid_until=lic.valid_until,
                revoked=False,
                created_by=actor,
                created_at=_now(),
            )
        )
        s.flush()
        audit.append(uow, actor=actor, action="licence.added", payload=licence_json(lic))
        uow.commit()
    return lic


def list_licences(c: Container) -> list[Licence]:
    with c.uow() as uow:
        _read_only(uow)
        return [_licence(r) for r in uow.session.scalars(select(LicenceRow).order_by(LicenceRow.licence_no))]


def _draw(
    uow: UnitOfWork, licence_no: str, quantity_kg: float, order_id: str, line: int, on: date, actor: str
) -> None:
    s = uow.session
    row = s.scalar(select(LicenceRow).where(LicenceRow.licence_no == licence_no))
    if row is None:
        raise NotFound(f"no licence {licence_no}")
    check_draw_down(_licence(row), quantity_kg, on)
    # One conditional UPDATE: two concurrent draw-downs can never take the licence past its quantity.
    done = s.execute(
        update(LicenceRow)
        .where(
            LicenceRow.id == row.id,
            LicenceRow.drawn_kg + quantity_kg <= LicenceRow.quantity_kg + 1e-9,
            LicenceRow.revoked.is_(False),
        )
        .values(drawn_kg=LicenceRow.drawn_kg + quantity_kg)
        .execution_options(synchronize_session=False)
    )
    if getattr(done, "rowcount", 1) != 1:
        raise RuleViolation(
            f"licence {licence_no} no longer has {quantity_kg:g} kg left (drawn concurrently)"
        )
    s.add(
        DrawDownRow(
            licence_id=row.id, order_id=order_id, line=line, quantity_kg=quantity_kg, drawn_on=on, actor=actor
        )
    )


def draw_down(
    c: Container, licence_no: str, quantity_kg: float, *, order_id: str, line: int, on: date, actor: str
) -> Licence:
    """Draw ``quantity_kg`` from a licence for one order line; expired, revoked or exhausted: refused."""
    with c.uow() as uow:
        _draw(uow, licence_no, quantity_kg, order_id, line, on, actor)
        uow.session.flush()
        payload = {"licence_no": licence_no, "quantity_kg": quantity_kg, "order_id": order_id, "line": line}
        audit.append(uow, actor=actor, action="licence.drawn", payload={**payload, "on": on.isoformat()})
        row = uow.session.scalar(select(LicenceRow).where(LicenceRow.licence_no == licence_no))
        assert row is not None
        uow.session.refresh(row)
        lic = _licence(row)
        uow.commit()
    return lic


# ---------------------------------------------------------------- order check


def _jsonable(x: Any) -> Any:
    if is_dataclass(x) and not isinstance(x, type):
        return _jsonable(asdict(x))
    if isinstance(x, dict):
        return {str(k): _jsonable(v) for k, v in x.items()}
    if isinstance(x, list | tuple | set | frozenset):
        return [_jsonable(v) for v in x]
    if isinstance(x, date | datetime):
        return x.isoformat()
    return x


def _stamp(c: Container, versions: Any, threshold: float) -> tuple[str, str, float]:
    # The same customers come back order after order: their raw hits are kept per set of list versions
    # (a list import makes a new version, so a cached answer never outlives the lists it was screened on).
    # (A list version is never rewritten in place; only tests that roll back could reuse one.)
    return (str(c.engine.url), json.dumps(versions, sort_keys=True), threshold)


def _unique(parties: Sequence[Any]) -> list[tuple[str, str | None]]:
    return list(dict.fromkeys((p.name, p.country) for p in parties))


def _cached_hits(
    c: Container, versions: Any, parties: Sequence[Any], threshold: float
) -> dict[tuple[str, str], Any] | None:
    """Every party's hits from the cache, or ``None`` when one of them still has to be screened."""
    if not versions:
        return {}
    stamp = _stamp(c, versions, threshold)
    with _hit_lock:
        found = {q: _hit_cache.get((stamp, q)) for q in _unique(parties)}
    if any(v is None for v in found.values()):
        return None
    return {(q[0], q[1] or ""): v for q, v in found.items()}


def _screen(
    c: Container, screening: Screening, versions: Any, parties: Sequence[Any], threshold: float
) -> None:
    """Screen the parties not in the cache yet (in the screening service's own units of work) and keep
    their hits under ``versions``."""
    if not versions:
        return
    stamp = _stamp(c, versions, threshold)
    todo = [q for q in _unique(parties) if (stamp, q) not in _hit_cache]
    answers: list[Sequence[Hit]] = []
    if todo and screening.screen_parties is not None:
        answers = list(screening.screen_parties(c, todo, threshold=threshold))
    else:
        for name, country in todo:
            answers.append(
                screening.screen_party(c, name, schema="Company", country=country, threshold=threshold)
            )
    programs = screening.entry_programs(c) if todo and screening.entry_programs is not None else None
    for q, found in zip(todo, answers, strict=True):
        if programs is not None:
            found = [ListedHit.of(h, programs.get((h.list_name, h.entry_id), ())) for h in found]
        _remember(stamp, q, list(found))


def _list_versions_in(s: Session) -> dict[str, int]:
    """The version in force of every restricted-party list, read in the caller's transaction (the same
    answer as ``screening.active_list_versions``, without a transaction of its own)."""
    rows = s.execute(
        select(ListVersionRow.list_name, func.max(ListVersionRow.version))
        .group_by(ListVersionRow.list_name)
        .order_by(ListVersionRow.list_name)
    )
    return {str(name): int(version) for name, version in rows}


class _Unscreened(Exception):
    """Raised inside the decision's unit of work when a party has no cached hits for the list versions in
    force: the unit of work is left (screening must not open a second connection inside it), the parties
    are screened, and the decision starts again."""

    def __init__(self, versions: Any) -> None:
        super().__init__("parties to screen")
        self.versions = versions


_HIT_CACHE_SIZE = 10_000
_hit_cache: OrderedDict[tuple[Any, tuple[str, str | None]], list[Any]] = OrderedDict()
_hit_lock = threading.Lock()


def clear_screening_cache() -> None:
    with _hit_lock:
        _hit_cache.clear()


def _remember(stamp: Any, query: tuple[str, str | None], found: list[Any]) -> None:
    with _hit_lock:
        _hit_cache[(stamp, query)] = found
        while len(_hit_cache) > _HIT_CACHE_SIZE:
            _hit_cache.popitem(last=False)


def _hit_key(party: str, h: dict[str, Any]) -> str:
    return f"{party}\x1f{h['list']}\x1f{h['entry_id']}\x1f{h['entry_fingerprint']}"


def check_order(
    c: Container,
    order: dict[str, Any],
    *,
    actor: str,
    screening: Screening | None = None,
) -> dict[str, Any]:
    """Decide an export order: clear | licence_required | hold | blocked, with reasons per line and party.

    The rules are those in force on the order's date. A hold goes to the review queue. The decision, with
    the rule and list versions used, is appended to the audit trail.
    """
    parsed = parse_order(order)
    book = rule_book(c)
    scr = screening or default_screening()
    if not scr.cacheable:
        clear_screening_cache()
    threshold = book.policy.review_threshold
    classes = {ln.line: classify_line(book, ln, parsed.date) for ln in parsed.lines}
    order_text = json.dumps(order, sort_keys=True, ensure_ascii=False, default=str)
    last = Conflict("the lists in force kept changing while the order was screened; check it again")
    conflicts = 0
    for _ in range(2 * RETRIES):
        versions = None if scr.versions_in is not None else _jsonable(scr.active_list_versions(c))
        try:
            return _decide_and_record(c, parsed, order_text, book, scr, versions, classes, actor)
        except _Unscreened as e:  # new list versions or new parties: screen outside the transaction
            _screen(c, scr, e.versions, parsed.parties, threshold)
        except Conflict as e:  # a concurrent append took our audit seq: decide again
            last, conflicts = e, conflicts + 1
            if conflicts >= RETRIES:
                break
    raise last


def _decide_and_record(
    c: Container,
    parsed: Any,
    order_text: str,
    book: RuleBook,
    scr: Screening,
    versions: Any,
    classes: dict[int, Any],
    actor: str,
) -> dict[str, Any]:
    with c.uow() as uow:
        s = uow.session
        if scr.versions_in is not None:
            versions = _jsonable(scr.versions_in(s))
        hits = _cached_hits(c, versions, parsed.parties, book.policy.review_threshold)
        if hits is None:
            raise _Unscreened(versions)
        licences = [_licence(r) for r in s.scalars(select(LicenceRow).where(LicenceRow.revoked.is_(False)))]
        allow = [
            AllowEntry(
                r.id, r.party_name, r.list_name, r.entry_id, r.entry_fingerprint, r.expires_on, r.approved_by
            )
            for r in s.scalars(select(AllowEntryRow).where(AllowEntryRow.revoked.is_(False)))
        ]
        holds = list(
            s.scalars(select(HoldRow).where(HoldRow.order_id == parsed.order_id).order_by(HoldRow.id))
        )
        releases: list[Release] = []
        for h in holds:
            if h.status != "released":
                continue
            approvers = tuple(
                s.scalars(
                    select(HoldApprovalRow.username)
                    .where(HoldApprovalRow.hold_id == h.id)
                    .order_by(HoldApprovalRow.approved_at)
                )
            )
            for party in json.loads(h.hits_json):
                for hit in party["hits"]:
                    releases.append(
                        Release(
                            h.id,
                            party["name"],
                            hit["list"],
                            hit["entry_id"],
                            hit["entry_fingerprint"],
                            approvers,
                        )
                    )
        assigned = assign_licences(parsed, classes, licences)
        lines = [decide_line(parsed, classes[ln.line], assigned.get(ln.line)) for ln in parsed.lines]
        parties = [
            decide_party(
                p,
                hits.get((p.name, p.country or ""), []),
                book.policy,
                allow,
                releases,
                max(parsed.date, date.today()),  # an allow-list entry must hold on the order's day and today
                bool(versions),
            )
            for p in parsed.parties
        ]
        decision, reasons = overall(lines, parties)
        rejected = [h for h in holds if h.status == "rejected"]
        if rejected:
            decision = "blocked"
            reasons.insert(
                0, f"hold {rejected[-1].id} on this order was rejected by {rejected[-1].resolved_by}"
            )
        checked_at = _now()
        row = CheckRow(
            order_id=parsed.order_id,
            decision=decision,
            order_json=order_text,
            result_json="{}",
            actor=actor,
            checked_at=checked_at,
        )
        s.add(row)
        s.flush()
        hold_id: int | None = None
        if decision == "hold":
            held = [
                {
                    "role": p["role"],
                    "name": p["name"],
                    "hits": [h for h in p["hits"] if h["outcome"] == "hold"],
                }
                for p in parties
                if p["decision"] == "hold"
            ]
            keys = sorted(_hit_key(p["name"], h) for p in held for h in p["hits"])
            pending = next(
                (
                    h
                    for h in holds
                    if h.status == "pending"
                    and sorted(_hit_key(p["name"], x) for p in json.loads(h.hits_json) for x in p["hits"])
                    == keys
                ),
                None,
            )
            if pending is None:
                pending = HoldRow(
                    check_id=row.id,
                    order_id=parsed.order_id,
                    status="pending",
                    hits_json=json.dumps(held, ensure_ascii=False),
                    reasons_json=json.dumps(reasons, ensure_ascii=False),
                    created_at=checked_at,
                    note="",
                )
                s.add(pending)
                s.flush()
            hold_id = pending.id
        result: dict[str, Any] = {
            "order_id": parsed.order_id,
            "decision": decision,
            "as_of": parsed.date.isoformat(),
            "checked_at": checked_at.isoformat(),
            "checked_by": actor,
            "check_id": row.id,
            "hold_id": hold_id,
            "rules_version": book.version,
            "policy": {
                "id": book.policy.id,
                "review_threshold": book.policy.review_threshold,
                "block_threshold": book.policy.block_threshold,
            },
            "list_versions": versions or {},
            "reasons": reasons,
            "lines": lines,
            "parties": parties,
        }
        rec = audit.append(
            uow, actor=actor, action="order.checked", payload=_audit_payload(result, order_text)
        )
        result["audit"] = {"stream": rec.stream, "seq": rec.seq, "hash": rec.hash}
        row.result_json = json.dumps(result, ensure_ascii=False, default=str)
        uow.commit()
    return result


def _audit_payload(result: dict[str, Any], order_text: str) -> dict[str, Any]:
    return {
        "order_id": result["order_id"],
        "order_sha256": hashlib.sha256(order_text.encode("utf-8")).hexdigest(),
        "decision": result["decision"],
        "as_of": result["as_of"],
        "check_id": result["check_id"],
        "hold_id": result["hold_id"],
        "rules_version": result["rules_version"],
        "policy": result["policy"],
        "list_versions": result["list_versions"],
        "lines": [
            {
                "line": ln["line"],
                "decision": ln["decision"],
                "measures": [m["id"] for m in ln["measures"]],
                "control_codes": [cc for m in ln["measures"] for cc in m["control_codes"]],
                "licence": ln["licence"],
            }
            for ln in result["lines"]
        ],
        "parties": [
            {
                "role": p["role"],
                "name": p["name"],
                "decision": p["decision"],
                "hits": [
                    {
                        k: h[k]
                        for k in ("list", "list_version", "entry_id", "score", "entry_fingerprint", "outcome")
                    }
                    for h in p["hits"]
                ],
            }
            for p in result["parties"]
        ],
    }


def latest_check(c: Container, order_id: str) -> dict[str, Any]:
    with c.uow() as uow:
        _read_only(uow)
        row = uow.session.scalar(
            select(CheckRow).where(CheckRow.order_id == order_id).order_by(CheckRow.id.desc()).limit(1)
        )
        if row is None:
            raise NotFound(f"order {order_id} has never been checked")
        out: dict[str, Any] = json.loads(row.result_json)
        out["order"] = json.loads(row.order_json)
        return out


def recent_checks(c: Container, limit: int = 20) -> list[dict[str, Any]]:
    with c.uow() as uow:
        _read_only(uow)
        rows = uow.session.scalars(select(CheckRow).order_by(CheckRow.id.desc()).limit(limit))
        return [
            {
                "check_id": r.id,
                "order_id": r.order_id,
                "decision": r.decision,
                "actor": r.actor,
                "checked_at": r.checked_at.isoformat(),
            }
            for r in rows
        ]


def ship_order(
    c: Container, order_id: str, *, actor: str, on: date | None = None, screening: Screening | None = None
) -> dict[str, Any]:
    """Re-check the order last checked under ``order_id``; if clear, draw its licences down and record the
    shipment. Anything not clear, an expired or exhausted licence, or a second shipment is refused."""
    on = on or date.today()
    with c.uow() as uow:
        if uow.session.scalar(select(ShipmentRow.id).where(ShipmentRow.order_id == order_id)) is not None:
            raise Conflict(f"order {order_id} has already shipped")
    order = latest_check(c, order_id)["order"]
    result = check_order(c, order, actor=actor, screening=screening)
    if result["decision"] != "clear":
        raise RuleViolation(
            f"order {order_id} is {result['decision']}; it cannot ship",
            [Problem(r) for r in result["reasons"]],
        )
    with c.uow() as uow:
        s = uow.session
        if s.scalar(select(ShipmentRow.id).where(ShipmentRow.order_id == order_id)) is not None:
            raise Conflict(f"order {order_id} has already shipped")
        drawn = []
        for ln in result["lines"]:
            if ln["licence"]:
                _draw(uow, ln["licence"]["licence_no"], ln["quantity_kg"], order_id, ln["line"], on, actor)
                drawn.append({"line": ln["line"], **ln["licence"]})
        s.add(ShipmentRow(order_id=order_id, check_id=result["check_id"], shipped_on=on, actor=actor))
        s.flush()
        payload = {"order_id": order_id, "check_id": result["check_id"], "on": on.isoformat(), "drawn": drawn}
        rec = audit.append(uow, actor=actor, action="order.shipped", payload=payload)
        uow.commit()
    return {**payload, "audit": {"stream": rec.stream, "seq": rec.seq, "hash": rec.hash}}


# ---------------------------------------------------------------- holds


def _hold_json(s: Any, h: HoldRow) -> dict[str, Any]:
    approvals = s.execute(
        select(HoldApprovalRow.username, HoldApprovalRow.approved_at)
        .where(HoldApprovalRow.hold_id == h.id)
        .order_by(HoldApprovalRow.approved_at)
    ).all()
    return {
        "hold_id": h.id,
        "order_id": h.order_id,
        "check_id": h.check_id,
        "status": h.status,
        "created_at": h.created_at.isoformat(),
        "parties": json.loads(h.hits_json),
        "reasons": json.loads(h.reasons_json),
        "approvals": [{"username": u, "at": a.isoformat()} for u, a in approvals],
        "resolved_by": h.resolved_by,
        "note": h.note,
    }


def list_holds(c: Container, status: str | None = "pending") -> list[dict[str, Any]]:
    with c.uow() as uow:
        _read_only(uow)
        q = select(HoldRow).order_by(HoldRow.id)
        if status:
            q = q.where(HoldRow.status == status)
        return [_hold_json(uow.session, h) for h in uow.session.scalars(q)]


def get_hold(c: Container, hold_id: int) -> dict[str, Any]:
    with c.uow() as uow:
        _read_only(uow)
        h = uow.session.get(HoldRow, hold_id)
        if h is None:
            raise NotFound(f"no hold {hold_id}")
        return _hold_json(uow.session, h)


def _pending(uow: UnitOfWork, hold_id: int) -> HoldRow:
    h = uow.session.get(HoldRow, hold_id)
    if h is None:
        raise NotFound(f"no hold {hold_id}")
    if h.status != "pending":
        raise RuleViolation(f"hold {hold_id} is already {h.status}")
    return h


def approve_hold(
    c: Container, hold_id: int, *, actor: str, roles: Collection[Role], note: str = ""
) -> dict[str, Any]:
    """One compliance officer's approval; the second, from a different officer, releases the hold."""
    _require(roles, Role.COMPLIANCE_OFFICER, admin_passes=False)
    with c.uow() as uow:
        s = uow.session
        h = _pending(uow, hold_id)
        before = list(s.scalars(select(HoldApprovalRow.username).where(HoldApprovalRow.hold_id == hold_id)))
        if actor in before:
            raise RuleViolation(
                f"{actor} has already approved hold {hold_id}; a second, different officer must"
            )
        now = _now()
        s.add(HoldApprovalRow(hold_id=hold_id, username=actor, approved_at=now, note=note))
        action = "hold.approved"
        if len(before) + 1 >= 2:
            h.status, h.resolved_at, h.resolved_by, action = "released", now, actor, "hold.released"
            h.note = note
        s.flush()
        approvers = [*before, actor]
        audit.append(
            uow,
            actor=actor,
            action=action,
            payload={"hold_id": hold_id, "order_id": h.order_id, "approvers": approvers, "note": note},
        )
        out = _hold_json(s, h)
        uow.commit()
    return out


def reject_hold(
    c: Container, hold_id: int, *, actor: str, roles: Collection[Role], note: str = ""
) -> dict[str, Any]:
    """A compliance officer rejects a hold: the order is blocked from then on."""
    _require(roles, Role.COMPLIANCE_OFFICER, admin_passes=False)
    with c.uow() as uow:
        h = _pending(uow, hold_id)
        h.status, h.resolved_at, h.resolved_by, h.note = "rejected", _now(), actor, note
        uow.session.flush()
        audit.append(
            uow,
            actor=actor,
            action="hold.rejected",
            payload={"hold_id": hold_id, "order_id": h.order_id, "note": note},
        )
        out = _hold_json(uow.session, h)
        uow.commit()
    return out


# ---------------------------------------------------------------- allow-list


def _allow_json(r: AllowEntryRow) -> dict[str, Any]:
    return {
        "id": r.id,
        "party_name": r.party_name,
        "list": r.list_name,
        "entry_id": r.entry_id,
        "entry_fingerprint": r.entry_fingerprint,
        "expires_on": r.expires_on.isoformat(),
        "approved_by": r.approved_by,
        "reason": r.reason,
        "revoked": r.revoked,
    }


def add_allow_entry(
    c: Container,
    *,
    party_name: str,
    list_name: str,
    entry_id: str,
    entry_fingerprint: str,
    expires_on: date,
    reason: str,
    actor: str,
    roles: Collection[Role],
) -> dict[str, Any]:
    """Silence one exact hit (party, list entry, entry as seen) until the entry changes or ``expires_on``."""
    _require(roles, Role.COMPLIANCE_OFFICER, admin_passes=False)
    problems = [
        Problem("required", field=f)
        for f, v in (
            ("party_name", party_name),
            ("list", list_name),
            ("entry_id", entry_id),
            ("entry_fingerprint", entry_fingerprint),
            ("reason", reason),
        )
        if not str(v).strip()
    ]
    if expires_on < date.today():
        problems.append(Problem("must not be in the past", field="expires_on"))
    if problems:
        raise InvalidInput("allow-list entry is not valid", problems)
    with c.uow() as uow:
        row = AllowEntryRow(
            party_name=party_name.strip(),
            list_name=list_name,
            entry_id=entry_id,
            entry_fingerprint=entry_fingerprint,
            expires_on=expires_on,
            approved_by=actor,
            reason=reason,
            created_at=_now(),
            revoked=False,
        )
        uow.session.add(row)
        uow.session.flush()
        out = _allow_json(row)
        audit.append(uow, actor=actor, action="allow.added", payload=out)
        uow.commit()
    return out


def list_allow_entries(c: Container) -> list[dict[str, Any]]:
    with c.uow() as uow:
        _read_only(uow)
        return [_allow_json(r) for r in uow.session.scalars(select(AllowEntryRow).order_by(AllowEntryRow.id))]


def revoke_allow_entry(c: Container, entry: int, *, actor: str, roles: Collection[Role]) -> dict[str, Any]:
    _require(roles, Role.COMPLIANCE_OFFICER, admin_passes=False)
    with c.uow() as uow:
        row = uow.session.get(AllowEntryRow, entry)
        if row is None:
            raise NotFound(f"no allow-list entry {entry}")
        row.revoked = True
        uow.session.flush()
        audit.append(uow, actor=actor, action="allow.revoked", payload={"id": entry})
        out = _allow_json(row)
        uow.commit()
    return out

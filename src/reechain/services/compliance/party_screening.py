"""The gate's view of screening: which list versions are in force, and every party's hits under them.

The same customers come back order after order: their raw hits are kept per set of list versions (a list
import makes a new version, so a cached answer never outlives the lists it was screened on). Screening runs
before the decision's transaction opens (the screener reads the lists in units of work of its own); the
decision then records the list versions the hits were found under.
"""

from __future__ import annotations

import importlib
import json
import threading
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, is_dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from reechain.bootstrap import Container
from reechain.compliance.decisions import Hit, ListedHit
from reechain.compliance.order import Party
from reechain.services.compliance._base import jsonable, read_only
from reechain.store.tables.screening import ListVersionRow

ScreenParty = Callable[..., Sequence[Hit]]
ListVersions = Callable[[Container], Any]
PartyKey = tuple[str, str | None, str | None]
"""(name, country, schema) of a party as screened."""


@dataclass(frozen=True)
class Screening:
    """The screening service as the gate uses it; tests may pass their own."""

    screen_party: ScreenParty
    active_list_versions: ListVersions
    screen_parties: Callable[..., Sequence[Sequence[Hit]]] | None = None
    """Optional batch form (one index lookup for all parties of an order): faster, same answers."""
    cacheable: bool = False
    """Answers depend only on the list versions in force, so they may be kept per set of versions."""
    entry_programs: Callable[..., Mapping[tuple[str, str], tuple[str, ...]]] | None = None
    """Optional ``{(list, entry_id): programs}``: lets the policy tell sub-lists of one list apart."""
    versions_in: Callable[[Session], Any] | None = None
    """Optional form of ``active_list_versions`` that reads in a given session."""
    lists_in: Callable[[Session], Any] | None = None
    """Optional: the lists in force with their content (a comparable value, e.g. ``((list, version,
    content_sha256), ...)``) read in a given session. With it a check may screen under the lists this process
    saw last and confirm them in its decision's transaction (one statement instead of a transaction)."""


@dataclass(frozen=True)
class Screened:
    """Every party's hits, found under ``versions`` (``{list: version}``; empty: no list loaded)."""

    versions: Any
    hits: dict[PartyKey, list[Any]]
    lists: Any = None
    """The lists in force the hits were found under (``Screening.lists_in``), when known."""

    def of(self, party: Party) -> list[Any]:
        return self.hits.get(party_key(party), [])


def party_key(p: Party) -> PartyKey:
    return (p.name, p.country, p.schema)


def _no_lists(c: Container) -> list[Any]:
    return []


def _no_hits(c: Container, name: str, **kw: Any) -> list[Hit]:
    return []


def list_versions_in(s: Session) -> dict[str, int]:
    """The version in force of every restricted-party list, read in the given session."""
    rows = s.execute(
        select(ListVersionRow.list_name, func.max(ListVersionRow.version))
        .group_by(ListVersionRow.list_name)
        .order_by(ListVersionRow.list_name)
    )
    return {str(name): int(version) for name, version in rows}


_LATEST = (
    select(ListVersionRow.list_name, func.max(ListVersionRow.version).label("v"))
    .group_by(ListVersionRow.list_name)
    .subquery()
)
_IN_FORCE = (
    select(ListVersionRow.list_name, ListVersionRow.version, ListVersionRow.content_sha256)
    .join(
        _LATEST,
        (ListVersionRow.list_name == _LATEST.c.list_name) & (ListVersionRow.version == _LATEST.c.v),
    )
    .order_by(ListVersionRow.list_name)
)
"""Built once: every check runs it."""


def lists_in_force(s: Session) -> tuple[tuple[str, int, str], ...]:
    """``(list, version, content_sha256)`` of the version in force of every list, in one statement."""
    return tuple((str(n), int(v), str(h)) for n, v, h in s.execute(_IN_FORCE))


def default_screening() -> Screening:
    """The screening service of ``reechain.services.screening`` (no lists at all when it is not installed)."""
    try:
        screening = importlib.import_module("reechain.services.screening")
    except ModuleNotFoundError:
        return Screening(_no_hits, _no_lists)
    party_query = importlib.import_module("reechain.compliance.matching.screener").PartyQuery

    def batch(c: Container, parties: Sequence[PartyKey], *, threshold: float, lists: Any = None) -> Any:
        queries = [party_query(name, schema, country) for name, country, schema in parties]
        return screening.screen_parties(c, queries, threshold=threshold, in_force=lists)

    def programs(c: Container, lists: Any = None) -> Any:
        return screening.entry_programs(c, in_force=lists)

    return Screening(
        screening.screen_party,
        screening.active_list_versions,
        batch,
        cacheable=True,
        entry_programs=programs,
        versions_in=list_versions_in,
        lists_in=lists_in_force,
    )


_HIT_CACHE_SIZE = 10_000
_hit_cache: OrderedDict[tuple[Any, PartyKey], list[Any]] = OrderedDict()
_hit_lock = threading.Lock()


_lists_seen: dict[str, Any] = {}
"""The lists in force this process saw last, per database URL (confirmed again by every decision)."""


def clear_screening_cache() -> None:
    with _hit_lock:
        _hit_cache.clear()
        _lists_seen.clear()


def lists_seen(c: Container) -> Any:
    with _hit_lock:
        return _lists_seen.get(str(c.engine.url))


def note_lists(c: Container, lists: Any) -> None:
    """Remember the lists in force read in a decision's transaction: the next check screens under them."""
    with _hit_lock:
        _lists_seen[str(c.engine.url)] = lists


def _plain(x: Any) -> Any:
    if is_dataclass(x) and not isinstance(x, type):
        return jsonable(asdict(x))
    return jsonable(x)


def screen_order_parties(
    c: Container, scr: Screening, parties: Sequence[Party], threshold: float, *, trust_seen: bool = False
) -> Screened:
    """The list versions in force and the hits of every party under them: from the cache, the rest screened
    in one batch. Runs outside any transaction of the caller.

    ``trust_seen``: with ``Screening.lists_in``, screen under the lists this process saw last instead of
    reading them in a transaction of their own; the caller must then confirm ``Screened.lists`` in its
    decision's transaction (``lists_in`` again) and screen again when they differ."""
    if not scr.cacheable:
        clear_screening_cache()
    lists: Any = None
    if scr.lists_in is not None:
        lists = lists_seen(c) if trust_seen else None
        if lists is None:
            with c.uow() as uow:
                read_only(uow)
                lists = scr.lists_in(uow.session)
            note_lists(c, lists)
        versions = {name: version for name, version, *_ in lists}
    elif scr.versions_in is not None:
        with c.uow() as uow:
            read_only(uow)
            versions = _plain(scr.versions_in(uow.session))
    else:
        versions = _plain(scr.active_list_versions(c))
    if not versions:
        return Screened(versions, {}, lists)
    # (A list version is never rewritten in place; only tests that roll back could reuse one.)
    stamp = (
        str(c.engine.url),
        json.dumps(lists if lists is not None else versions, sort_keys=True),
        threshold,
    )
    wanted = list(dict.fromkeys(party_key(p) for p in parties))
    with _hit_lock:
        found = {q: _hit_cache.get((stamp, q)) for q in wanted}
    todo = [q for q, v in found.items() if v is None]
    if todo:
        under = {"lists": lists} if scr.lists_in is not None else {}
        if scr.screen_parties is not None:
            answers = [list(a) for a in scr.screen_parties(c, todo, threshold=threshold, **under)]
        else:
            answers = [
                list(scr.screen_party(c, name, schema=schema, country=country, threshold=threshold))
                for name, country, schema in todo
            ]
        programs = scr.entry_programs(c, **under) if scr.entry_programs is not None else None
        with _hit_lock:
            for q, hits in zip(todo, answers, strict=True):
                if programs is not None:
                    hits = [ListedHit.of(h, programs.get((h.list_name, h.entry_id), ())) for h in hits]
                found[q] = hits
                _hit_cache[(stamp, q)] = hits
            while len(_hit_cache) > _HIT_CACHE_SIZE:
                _hit_cache.popitem(last=False)
    return Screened(versions, {q: list(v or []) for q, v in found.items()}, lists)

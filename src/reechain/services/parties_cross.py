"""The cross-script part of the delta re-screen: which register names the screener would compare, by their
readings, with an entry a list version added or changed (a Han or Hangul name against a Latin one).

The screener proposes such pairs through two indexes (``compliance.matching.screener``): the party's texts
(its comparable forms and, for a Han or Hangul name, its unguided readings) in the index of written names, and
its cross-script keys in the cross-script index; each lookup keeps its best 25 rows, and of the cross-script
pairs of a party only the best ``CROSS_TOP_K`` by cosine are filtered and scored. Against the small index of
the changed entries alone these cuts crowd nothing out, so the delta re-screen cannot use that index's own
candidates. Instead each register name is stored, when registered, with its *profile* in the full index:
what it looks up (``Screener.lookups``) and the cosine of each cut — the 25th-best row of each lookup and the
``CROSS_TOP_K``-th best cross-script pair (0 when fewer). At re-screen time the stored lookups are weighed
with the idf of the full index in force before the import (``screening.screener_before``) against the changed
entries' names weighed the same way, and a pair is kept only when it reaches the cut of its lookup and the
name's own cut, as it would in the full index. Nothing is analysed again for the register.

The full index after the import differs from the one the cuts were measured in by the changed entries only:
an added name can only raise a cut (the stored one then keeps a pair the full index crowds out: an over-mark,
never a miss); an entry removed can lower it. ``FLOOR_MARGIN`` absorbs the shift of every idf by the change.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy import sparse
from sqlalchemy import select, update

from reechain.bootstrap import Container
from reechain.compliance.lists.model import ListEntry
from reechain.compliance.matching import cross_keys
from reechain.compliance.matching.index import (
    DEFAULT_MIN_COSINE,
    DEFAULT_TOP_K,
    MAX_QUERY_GRAMS,
    CandidateIndex,
    form_texts,
)
from reechain.compliance.matching.screener import (
    CROSS_MAX_GRAMS,
    CROSS_MIN_COSINE,
    CROSS_TOP_K,
    Screener,
)
from reechain.services import screening
from reechain.store.tables.risk_parties import PartyNameRow

FLOOR_MARGIN = 0.002
"""How far below a stored cut a pair's cosine may be and still be kept: the idf of every gram moves a little
when a list changes, and a pair at the cut must not be lost to it."""
CHUNK_NAMES = 500
_ALL_GRAMS = 1 << 30

Pairs = tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.float64]]


@dataclass(frozen=True)
class CrossProfile:
    """What a register name looks up in the screener's two indexes, and the cosine of each cut there."""

    written: list[tuple[str, ...]]
    cross: list[tuple[str, ...]]
    party_best: npt.NDArray[np.float32]
    """The cosines of the name's best ``CROSS_TOP_K`` cross-script candidates in the full index, best first
    (fewer when it has fewer)."""
    written_floors: npt.NDArray[np.float32]
    cross_floors: npt.NDArray[np.float32]

    @property
    def party_floor(self) -> float:
        """The cut of the name's cross-script candidates: its ``CROSS_TOP_K``-th best cosine, 0 when fewer."""
        return float(self.party_best[CROSS_TOP_K - 1]) if len(self.party_best) >= CROSS_TOP_K else 0.0

    def encode(self) -> tuple[str, bytes]:
        text = json.dumps(
            [[list(q) for q in self.written], [list(q) for q in self.cross]], ensure_ascii=False
        )
        floors = np.concatenate(
            [
                np.asarray([len(self.party_best)], dtype=np.float32),
                self.party_best,
                self.written_floors,
                self.cross_floors,
            ]
        )
        return text, floors.astype(np.float32).tobytes()

    @classmethod
    def decode(cls, text: str, blob: bytes) -> CrossProfile:
        written, cross = json.loads(text)
        floors = np.frombuffer(blob, dtype=np.float32)
        best = int(floors[0]) if len(floors) else -1
        if best < 0 or len(floors) != 1 + best + len(written) + len(cross):
            raise ValueError("a cross-script profile whose cuts do not fit its lookups")
        at = 1 + best
        return cls(
            [tuple(q) for q in written],
            [tuple(q) for q in cross],
            floors[1:at],
            floors[at : at + len(written)],
            floors[at + len(written) :],
        )


def profiles(full: Screener, names: Sequence[str]) -> dict[str, CrossProfile]:
    """The profile of every name of ``names`` in ``full`` (the screener over every list in force)."""
    distinct = sorted(set(names))
    out: dict[str, CrossProfile] = {}
    for start in range(0, len(distinct), CHUNK_NAMES):
        out.update(_profiles(full, distinct[start : start + CHUNK_NAMES]))
    return out


def _kth(
    query: npt.NDArray[np.int64], cosine: npt.NDArray[np.float64], n: int, k: int
) -> npt.NDArray[np.float32]:
    """For each of ``n`` queries whose candidates are given by query, best first: the cosine of its ``k``-th
    best, or 0 when it has fewer (nothing is crowded out)."""
    counts = np.bincount(query, minlength=n)
    out = np.zeros(n, dtype=np.float32)
    full = np.flatnonzero(counts >= k)
    if len(full):
        starts = np.searchsorted(query, full, side="left")
        out[full] = cosine[starts + k - 1]
    return out


def _best_pairs(
    owner: npt.NDArray[np.int64], rows: npt.NDArray[np.int64], cosine: npt.NDArray[np.float64]
) -> Pairs:
    """Each (owner, row) once at its best cosine, by owner, best first (as ``Screener._cross_pairs``
    orders them)."""
    if not len(owner):
        return owner, rows, cosine
    order = np.argsort(owner * 4.0 - cosine, kind="stable")
    owner, rows, cosine = owner[order], rows[order], cosine[order]
    _, first = np.unique(owner * (int(rows.max()) + 1) + rows, return_index=True)
    first.sort()
    return owner[first], rows[first], cosine[first]


def _profiles(full: Screener, names: Sequence[str]) -> dict[str, CrossProfile]:
    looked = [full.lookups(n) for n in names]
    written = [q for w, _ in looked for q in w]
    cross = [q for _, x in looked for q in x]
    w_owner = np.repeat(np.arange(len(names), dtype=np.int64), [len(w) for w, _ in looked])
    x_owner = np.repeat(np.arange(len(names), dtype=np.int64), [len(x) for _, x in looked])
    every = np.arange(full.index.size, dtype=np.int64)
    wq, wr, wc = full.index.text_candidate_pairs(written, every, DEFAULT_TOP_K, DEFAULT_MIN_COSINE)
    xq, xr, xc = full.cross.index.text_candidate_pairs(
        cross, full.cross.row_of, CROSS_TOP_K, CROSS_MIN_COSINE, CROSS_MAX_GRAMS
    )
    w_floor = _kth(wq, wc, len(written), DEFAULT_TOP_K)
    x_floor = _kth(xq, xc, len(cross), CROSS_TOP_K)
    owner = np.concatenate([w_owner[wq], x_owner[xq]])
    rows = np.concatenate([wr, xr])
    cosine = np.concatenate([wc, xc])
    foreign = np.asarray([cross_keys.foreign(n) for n in names], dtype=bool)
    is_cross = full.row_foreign[rows] != foreign[owner] if len(rows) else np.zeros(0, dtype=bool)
    p_owner, _, p_cosine = _best_pairs(owner[is_cross], rows[is_cross], cosine[is_cross])
    p_start = np.searchsorted(p_owner, np.arange(len(names) + 1), side="left")
    out: dict[str, CrossProfile] = {}
    w_at = x_at = 0
    for i, (name, (w, x)) in enumerate(zip(names, looked, strict=True)):
        out[name] = CrossProfile(
            list(w),
            list(x),
            p_cosine[p_start[i] : min(p_start[i + 1], p_start[i] + CROSS_TOP_K)].astype(np.float32),
            w_floor[w_at : w_at + len(w)],
            x_floor[x_at : x_at + len(x)],
        )
        w_at += len(w)
        x_at += len(x)
    return out


def _weighed(
    index: CandidateIndex,
    queries: Sequence[tuple[str, ...]],
    rows: sparse.csr_matrix,
    row_of: npt.NDArray[np.int64],
    min_cosine: float,
    max_grams: int,
) -> Pairs:
    """``(query, row, cosine)`` of every query against the key rows ``rows`` (weighed with ``index``'s idf,
    as ``index`` would weigh them among its own), each ``row_of`` row once per query at its best cosine."""
    if not queries or rows.shape[0] == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0)
    sims = sparse.csr_matrix(index.text_query_matrix(queries, max_grams) @ rows.T)
    at = np.flatnonzero(sims.data >= min_cosine)
    owner = (np.searchsorted(sims.indptr, at, side="right") - 1).astype(np.int64)
    return _best_pairs(owner, row_of[sims.indices[at]], sims.data[at].astype(np.float64))


def cross_candidates(
    full: Screener,
    delta: Screener,
    profs: Sequence[CrossProfile],
    foreign: Sequence[bool],
    new_rows: npt.NDArray[np.bool_] | None = None,
) -> Pairs:
    """``(name, row of delta, cosine)`` of every cross-script pair of a name (its profile ``profs[name]``,
    ``foreign[name]``: written in Han or Hangul) and a name of the changed entries (``delta``) that the
    screener over ``full`` plus the changed entries would filter and score: each pair at the best cosine of
    the lookups whose cut it reaches, kept when that reaches the name's own cut — its stored best cosines
    and those of the pairs with names ``full`` lacks (``new_rows``, default all), which compete with them."""
    n_rows = delta.name_count
    if not n_rows or not profs:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0)
    names_foreign = np.asarray(foreign, dtype=bool)
    w_rows = full.index.text_query_matrix([form_texts(f) for f in delta.forms], _ALL_GRAMS)
    keys = [cross_keys.index_keys(f) for f in delta.forms]
    x_row_of = np.repeat(np.arange(n_rows, dtype=np.int64), [len(k) for k in keys])
    x_rows = full.cross.index.text_query_matrix([t for k in keys for t in k], _ALL_GRAMS)
    found: list[Pairs] = []
    for start in range(0, len(profs), 5 * CHUNK_NAMES):
        chunk = profs[start : start + 5 * CHUNK_NAMES]
        for kind in ("written", "cross"):
            queries = [q for p in chunk for q in getattr(p, kind)]
            owner = start + np.repeat(
                np.arange(len(chunk), dtype=np.int64), [len(getattr(p, kind)) for p in chunk]
            )
            floors = np.concatenate([getattr(p, f"{kind}_floors") for p in chunk]).astype(np.float64)
            if kind == "written":
                q, r, cos = _weighed(
                    full.index,
                    queries,
                    w_rows,
                    np.arange(n_rows, dtype=np.int64),
                    DEFAULT_MIN_COSINE,
                    MAX_QUERY_GRAMS,
                )
            else:
                q, r, cos = _weighed(
                    full.cross.index, queries, x_rows, x_row_of, CROSS_MIN_COSINE, CROSS_MAX_GRAMS
                )
            keep = cos >= floors[q] - FLOOR_MARGIN
            keep &= delta.row_foreign[r] != names_foreign[owner[q]]
            found.append((owner[q][keep], r[keep], cos[keep]))
    if not found:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0)
    owner, rows, cosine = _best_pairs(*(np.concatenate(parts) for parts in zip(*found, strict=True)))
    fresh = np.ones(n_rows, dtype=bool) if new_rows is None else new_rows
    cut = np.zeros(len(profs))
    bounds = np.flatnonzero(np.diff(owner)) + 1
    for o, r, cos in zip(
        np.split(owner, bounds), np.split(rows, bounds), np.split(cosine, bounds), strict=True
    ):
        best = np.concatenate([profs[int(o[0])].party_best, cos[fresh[r]]])
        if len(best) >= CROSS_TOP_K:
            cut[int(o[0])] = -np.partition(-best, CROSS_TOP_K - 1)[CROSS_TOP_K - 1]
    keep = cosine >= cut[owner] - FLOOR_MARGIN
    return owner[keep], rows[keep], cosine[keep]


@dataclass(frozen=True)
class CrossProposal:
    by_name: dict[str, tuple[npt.NDArray[np.int64], npt.NDArray[np.float64]]]
    """For each register name with a cross-script candidate among the changed entries: its rows of the delta
    index and their cosines."""
    parties: set[int]
    """The row keys of the parties bearing those names."""


def proposed(
    c: Container, list_name: str, version: int, delta: Screener, before: Mapping[str, ListEntry]
) -> CrossProposal:
    """The cross-script candidates of the register among the changed entries (``delta``; ``before``: the
    old form of each changed one, by entry id), from the stored profiles; a name stored without one
    (registered before profiles were kept, or its form made again) gets it now, in the index in force
    before the import, and it is saved."""
    if not delta.name_count:
        return CrossProposal({}, set())
    latin_rows, han_rows = bool((~delta.row_foreign).any()), bool(delta.row_foreign.any())
    with c.uow() as uow:
        stored = uow.session.execute(
            select(
                PartyNameRow.id,
                PartyNameRow.party_pk,
                PartyNameRow.name,
                PartyNameRow.cross_queries,
                PartyNameRow.cross_floors,
            )
        ).all()
    foreign_of: dict[str, bool] = {}
    wanted: list[tuple[int, int, str, str | None, bytes | None]] = []
    for row_id, pk, name, text, blob in stored:
        if name not in foreign_of:
            foreign_of[name] = cross_keys.foreign(name)
        if latin_rows if foreign_of[name] else han_rows:
            wanted.append((row_id, pk, name, text, blob))
    if not wanted:
        return CrossProposal({}, set())
    full = screening.screener_before(c, list_name, version)
    prof: dict[str, CrossProfile] = {}
    missing: set[str] = set()
    for _, _, name, text, blob in wanted:
        if name in prof or name in missing:
            continue
        if text is None or blob is None:
            missing.add(name)
        else:
            prof[name] = CrossProfile.decode(text, blob)
    if missing:
        made = profiles(full or delta, sorted(missing))
        prof.update(made)
        if full is not None:
            _save(c, [(row_id, made[name]) for row_id, _, name, _, _ in wanted if name in made])
    names = sorted(prof)
    new_rows = np.ones(delta.name_count, dtype=bool)
    if full is not None:
        for row, pos in enumerate(delta.row_entry):
            old = before.get(delta.entries[pos].entry.entry_id)
            new_rows[row] = old is None or delta.forms[row].original not in old.names()
    owner, rows, cosine = cross_candidates(
        full or delta, delta, [prof[n] for n in names], [foreign_of[n] for n in names], new_rows
    )
    by_name: dict[str, tuple[npt.NDArray[np.int64], npt.NDArray[np.float64]]] = {}
    if len(owner):
        bounds = np.flatnonzero(np.diff(owner)) + 1
        for o, r, cos in zip(
            np.split(owner, bounds), np.split(rows, bounds), np.split(cosine, bounds), strict=True
        ):
            by_name[names[int(o[0])]] = (r, cos)
    parties = {pk for _, pk, name, _, _ in wanted if name in by_name}
    return CrossProposal(by_name, parties)


def _save(c: Container, made: Sequence[tuple[int, CrossProfile]]) -> None:
    values = []
    for row_id, p in made:
        text, blob = p.encode()
        values.append({"id": row_id, "cross_queries": text, "cross_floors": blob})
    with c.uow() as uow:
        for start in range(0, len(values), 5000):
            uow.session.execute(update(PartyNameRow), values[start : start + 5000])
        uow.commit()

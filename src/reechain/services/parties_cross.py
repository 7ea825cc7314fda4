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

import weakref
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

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
    MAX_DOCUMENT_SHARE,
    MAX_QUERY_GRAMS,
    MIN_DOCUMENT_CAP,
    CandidateIndex,
    form_texts,
    gram_keys,
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
    """What a register name looks up in the screener's two indexes — the grams of each lookup, as the packed
    keys of ``index.gram_keys`` (each once), the lookups of the index of written names first — and the
    cosine of each cut there."""

    n_written: int
    sizes: npt.NDArray[np.int64]
    """How many gram keys each lookup has."""
    keys: npt.NDArray[np.uint64]
    """The gram keys of every lookup, lookup by lookup."""
    party_best: npt.NDArray[np.float32]
    """The cosines of the name's best ``CROSS_TOP_K`` cross-script candidates in the full index, best first
    (fewer when it has fewer)."""
    floors: npt.NDArray[np.float32]
    """For each lookup, the cosine of its 25th-best candidate in its index (0 when it has fewer)."""

    @property
    def party_floor(self) -> float:
        """The cut of the name's cross-script candidates: its ``CROSS_TOP_K``-th best cosine, 0 when fewer."""
        return float(self.party_best[CROSS_TOP_K - 1]) if len(self.party_best) >= CROSS_TOP_K else 0.0

    def encode(self) -> tuple[bytes, bytes]:
        """``(grams, floors)``: the lookups as unsigned 64-bit integers (the count of written lookups, of
        lookups, each lookup's size, the keys), the cuts as float32 (how many best cosines, them, each
        lookup's cut)."""
        head = np.asarray([self.n_written, len(self.sizes)], dtype=np.uint64)
        grams = np.concatenate([head, self.sizes.astype(np.uint64), self.keys])
        floors = np.concatenate(
            [np.asarray([len(self.party_best)], dtype=np.float32), self.party_best, self.floors]
        )
        return grams.tobytes(), floors.astype(np.float32).tobytes()

    @classmethod
    def decode(cls, grams: bytes, floors: bytes) -> CrossProfile:
        g = np.frombuffer(grams, dtype=np.uint64)
        f = np.frombuffer(floors, dtype=np.float32)
        if len(g) < 2 or not len(f):
            raise ValueError("an empty cross-script profile")
        n_written, n = int(g[0]), int(g[1])
        best = int(f[0])
        if n_written > n or len(g) < 2 + n or len(f) != 1 + best + n:
            raise ValueError("a cross-script profile whose parts do not fit together")
        # that the sizes add up to the keys is checked for all profiles at once (``delta_candidates``)
        return cls(n_written, g[2 : 2 + n].astype(np.int64), g[2 + n :], f[1 : 1 + best], f[1 + best :])


@dataclass(frozen=True)
class Profiles:
    """Many profiles as flat arrays (name ``i``'s lookups are ``n_queries[i]`` consecutive ones)."""

    n_written: npt.NDArray[np.int64]
    n_queries: npt.NDArray[np.int64]
    sizes: npt.NDArray[np.int64]
    keys: npt.NDArray[np.uint64]
    floors: npt.NDArray[np.float64]
    best: npt.NDArray[np.float32]
    best_start: npt.NDArray[np.int64]
    """Name ``i``'s best cosines are ``best[best_start[i] : best_start[i + 1]]``."""

    @property
    def size(self) -> int:
        return len(self.n_queries)

    @classmethod
    def of(cls, profs: Sequence[CrossProfile]) -> Profiles:
        encoded = [p.encode() for p in profs]
        return cls.decode([g for g, _ in encoded], [f for _, f in encoded])

    @classmethod
    def decode(cls, grams: Sequence[bytes], floors: Sequence[bytes]) -> Profiles:
        """The profiles stored as ``CrossProfile.encode`` made them, read as one array each."""
        g = np.frombuffer(b"".join(grams), dtype=np.uint64)
        g_len = np.fromiter((len(b) // 8 for b in grams), dtype=np.int64, count=len(grams))
        g_off = np.zeros(len(grams), dtype=np.int64)
        np.cumsum(g_len[:-1], out=g_off[1:])
        f = np.frombuffer(b"".join(floors), dtype=np.float32)
        f_len = np.fromiter((len(b) // 4 for b in floors), dtype=np.int64, count=len(floors))
        f_off = np.zeros(len(floors), dtype=np.int64)
        np.cumsum(f_len[:-1], out=f_off[1:])
        if np.any(g_len < 2) or np.any(f_len < 1):
            raise ValueError("an empty cross-script profile")
        n_written, n_queries = g[g_off].astype(np.int64), g[g_off + 1].astype(np.int64)
        q_first = np.zeros(len(grams), dtype=np.int64)
        np.cumsum(n_queries[:-1], out=q_first[1:])
        within = np.arange(int(n_queries.sum()), dtype=np.int64) - np.repeat(q_first, n_queries)
        size_at = np.repeat(g_off + 2, n_queries) + within
        sizes = g[size_at].astype(np.int64)
        is_key = np.ones(len(g), dtype=bool)
        is_key[g_off] = is_key[g_off + 1] = False
        is_key[size_at] = False
        n_best = f[f_off].astype(np.int64)
        if (
            np.any(n_written > n_queries)
            or not np.array_equal(
                g_len,
                2 + n_queries + np.bincount(np.repeat(np.arange(len(grams)), n_queries), sizes, len(grams)),
            )
            or not np.array_equal(f_len, 1 + n_best + n_queries)
        ):
            raise ValueError("a cross-script profile whose parts do not fit together")
        b_first = np.zeros(len(floors), dtype=np.int64)
        np.cumsum(n_best[:-1], out=b_first[1:])
        b_within = np.arange(int(n_best.sum()), dtype=np.int64) - np.repeat(b_first, n_best)
        best_at = np.repeat(f_off + 1, n_best) + b_within
        floor_at = np.repeat(f_off + 1 + n_best, n_queries) + within
        best_start = np.zeros(len(floors) + 1, dtype=np.int64)
        np.cumsum(n_best, out=best_start[1:])
        return cls(
            n_written, n_queries, sizes, g[is_key], f[floor_at].astype(np.float64), f[best_at], best_start
        )


def query_keys(queries: Sequence[tuple[str, ...]]) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.uint64]]:
    """``(sizes, keys)``: the gram keys of each query (``index.gram_keys`` of its texts, each once)."""
    texts = [t for q in queries for t in q]
    text_query = np.repeat(np.arange(len(queries), dtype=np.int64), [len(q) for q in queries])
    owner, keys = gram_keys(texts)
    query = text_query[owner]
    order = np.lexsort((keys, query))
    query, keys = query[order], keys[order]
    first = np.ones(len(keys), dtype=bool)
    first[1:] = (query[1:] != query[:-1]) | (keys[1:] != keys[:-1])
    return np.bincount(query[first], minlength=len(queries)).astype(np.int64), keys[first]


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
        sizes, keys = query_keys([*w, *x])
        out[name] = CrossProfile(
            len(w),
            sizes,
            keys,
            p_cosine[p_start[i] : min(p_start[i + 1], p_start[i] + CROSS_TOP_K)].astype(np.float32),
            np.concatenate([w_floor[w_at : w_at + len(w)], x_floor[x_at : x_at + len(x)]]),
        )
        w_at += len(w)
        x_at += len(x)
    return out


@dataclass(frozen=True)
class _Weights:
    """How an index weighs grams: its vocabulary as sorted gram keys and the column of each, the idf of
    each column, and each column's rank by selectivity (highest idf first, ties in gram order, as
    ``CandidateIndex.text_query_matrix`` picks a query's grams)."""

    keys: npt.NDArray[np.uint64]
    cols: npt.NDArray[np.int64]
    idf: npt.NDArray[np.float64]
    rank: npt.NDArray[np.int64]

    @classmethod
    def of(cls, index: CandidateIndex) -> _Weights:
        found = _WEIGHTS.get(index)
        if found is None:
            owner, keys = gram_keys(list(index.vocabulary))
            cols = np.fromiter(index.vocabulary.values(), dtype=np.int64, count=len(index.vocabulary))[owner]
            order = np.argsort(keys, kind="stable")
            found = cls.made(keys[order], cols[order], index.idf.astype(np.float64))
            _WEIGHTS[index] = found
        return found

    @classmethod
    def made(
        cls, keys: npt.NDArray[np.uint64], cols: npt.NDArray[np.int64], idf: npt.NDArray[np.float64]
    ) -> _Weights:
        rank = np.empty(len(idf), dtype=np.int64)
        rank[np.argsort(-idf, kind="stable")] = np.arange(len(idf))
        return cls(keys, cols, idf, rank)

    def with_grams(self, keys: npt.NDArray[np.uint64], idf: npt.NDArray[np.float64]) -> _Weights:
        """These weights and new grams (``keys``, each with its ``idf``) in new columns."""
        if not len(keys):
            return self
        all_keys = np.concatenate([self.keys, keys])
        cols = np.concatenate([self.cols, len(self.idf) + np.arange(len(keys), dtype=np.int64)])
        order = np.argsort(all_keys, kind="stable")
        return _Weights.made(all_keys[order], cols[order], np.concatenate([self.idf, idf]))

    def columns(self, keys: npt.NDArray[np.uint64]) -> tuple[npt.NDArray[np.bool_], npt.NDArray[np.int64]]:
        """Whether each gram key is known, and its column (0 when not)."""
        at = np.searchsorted(self.keys, keys)
        at[at >= len(self.keys)] = 0
        known = self.keys[at] == keys if len(self.keys) else np.zeros(len(keys), dtype=bool)
        return known, np.where(known, self.cols[at] if len(self.keys) else 0, 0)


_WEIGHTS: weakref.WeakKeyDictionary[CandidateIndex, _Weights] = weakref.WeakKeyDictionary()
_SEEN: weakref.WeakKeyDictionary[CandidateIndex, npt.NDArray[np.uint64]] = weakref.WeakKeyDictionary()


def _seen_grams(full: Screener) -> npt.NDArray[np.uint64]:
    """Every gram of the written names of ``full`` (also those too common to be in its vocabulary), as
    sorted keys; kept per index."""
    found = _SEEN.get(full.index)
    if found is None:
        found = np.unique(gram_keys([t for f in full.forms for t in form_texts(f)])[1])
        _SEEN[full.index] = found
    return found


def _query_matrix(
    w: _Weights,
    query: npt.NDArray[np.int64],
    keys: npt.NDArray[np.uint64],
    n: int,
    max_grams: int,
) -> sparse.csr_matrix:
    """``CandidateIndex.text_query_matrix`` of ``n`` queries given as gram keys, each key once per query
    (key ``i`` of query ``query[i]``): each over its ``max_grams`` most selective known grams."""
    known, col = w.columns(keys)
    rows, cols = query[known], col[known]
    order = np.argsort(rows * len(w.rank) + w.rank[cols])
    rows, cols = rows[order], cols[order]
    keep = np.arange(len(rows)) - np.searchsorted(rows, rows, side="left") < max_grams
    rows, cols = rows[keep], cols[keep]
    weight = w.idf[cols]
    norms = np.sqrt(np.bincount(rows, weights=weight * weight, minlength=n))
    norms[norms == 0] = 1.0
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(rows, minlength=n), out=indptr[1:])
    return sparse.csr_matrix(
        ((weight / norms[rows]).astype(np.float32), cols.astype(np.int32), indptr),
        shape=(n, len(w.idf)),
        dtype=np.float32,
    )


def _row_matrix(w: _Weights, texts: Sequence[tuple[str, ...]]) -> sparse.csr_matrix:
    """The rows of texts weighed as an index with weights ``w`` weighs its own rows (every known gram)."""
    sizes, keys = query_keys(texts)
    query = np.repeat(np.arange(len(texts), dtype=np.int64), sizes)
    return _query_matrix(w, query, keys, len(texts), _ALL_GRAMS)


def _weighed(
    w: _Weights,
    query: npt.NDArray[np.int64],
    keys: npt.NDArray[np.uint64],
    n_queries: int,
    rows: sparse.csr_matrix,
    row_of: npt.NDArray[np.int64],
    min_cosine: float,
    max_grams: int,
) -> Pairs:
    """``(query, row, cosine)`` of the queries given as gram keys (key ``i`` of query ``query[i]``) against
    the key rows ``rows`` (weighed with ``w``), each ``row_of`` row once per query at its best cosine. Only
    queries sharing a known gram with some row are weighed."""
    empty = np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0)
    if not len(keys) or rows.shape[0] == 0:
        return empty
    row_cols = np.zeros(len(w.idf), dtype=bool)
    row_cols[rows.indices] = True
    known, col = w.columns(keys)
    shared = known & row_cols[col]
    asks = np.zeros(n_queries, dtype=bool)
    asks[query[shared]] = True
    asking = np.flatnonzero(asks)
    if not len(asking):
        return empty
    mine = asks[query]
    local = np.cumsum(asks) - 1
    sims = sparse.csr_matrix(
        _query_matrix(w, local[query[mine]], keys[mine], len(asking), max_grams) @ rows.T
    )
    hit = np.flatnonzero(sims.data >= min_cosine)
    owner = asking[np.searchsorted(sims.indptr, hit, side="right") - 1]
    return _best_pairs(owner, row_of[sims.indices[hit]], sims.data[hit].astype(np.float64))


def _with_new_grams(
    index: CandidateIndex,
    texts: Sequence[tuple[str, ...]],
    n_fresh: int,
    seen: Callable[[], npt.NDArray[np.uint64]] | None = None,
) -> _Weights:
    """The weights of ``index`` with the grams of the changed names' ``texts`` that no name of it has (a new
    entry's rare spelling), weighed as the index after the change (``n_fresh`` names more) would weigh
    them. A gram the index left out as too common stays out: known from ``index.common`` when the index
    was built in this process, else from ``seen()`` (every gram of its names), else taken for new."""
    w = _Weights.of(index)
    _, keys = query_keys(texts)
    known, _ = w.columns(keys)
    absent = keys[~known]
    if not len(absent):
        return w
    if index.common is not None:
        old = np.unique(gram_keys(sorted(index.common))[1]) if index.common else np.zeros(0, dtype=np.uint64)
    else:
        old = seen() if seen is not None else np.zeros(0, dtype=np.uint64)
    if len(old):
        at = np.searchsorted(old, absent)
        at[at >= len(old)] = 0
        absent = absent[old[at] != absent]
    grams, df = np.unique(absent, return_counts=True)
    size = index.size + n_fresh
    cap = max(MIN_DOCUMENT_CAP, int(MAX_DOCUMENT_SHARE * size))
    rare = df <= cap
    return w.with_grams(grams[rare], np.log((1 + size) / (1 + df[rare])) + 1.0)


def _cross_cuts(
    profs: Profiles,
    c_owner: npt.NDArray[np.int64],
    fresh_owner: npt.NDArray[np.int64],
    fresh_cosine: npt.NDArray[np.float64],
) -> npt.NDArray[np.float64]:
    """For each name of ``profs``, by position: when it has a cross-script pair among the changed entries
    (``c_owner`` lists the names of such pairs), the cut its cross-script candidates meet: the
    ``CROSS_TOP_K``-th best of its stored best cosines and of the cosines of its pairs with names the old
    index lacked (``fresh_cosine``, of names ``fresh_owner``), which compete with them; 0 when it has fewer
    or no such pair. All names at once: every cosine sorted by name, best first."""
    cut = np.zeros(profs.size)
    names = np.unique(c_owner)
    if not len(names):
        return cut
    n_best = profs.best_start[names + 1] - profs.best_start[names]
    first = np.repeat(profs.best_start[names] - (np.cumsum(n_best) - n_best), n_best)
    stored = profs.best[first + np.arange(int(n_best.sum()), dtype=np.int64)].astype(np.float64)
    owner = np.concatenate([np.repeat(names, n_best), fresh_owner])
    value = np.concatenate([stored, fresh_cosine])
    order = np.lexsort((-value, owner))
    owner, value = owner[order], value[order]
    counts = np.bincount(owner, minlength=profs.size)
    starts = np.zeros(profs.size, dtype=np.int64)
    np.cumsum(counts[:-1], out=starts[1:])
    full = names[counts[names] >= CROSS_TOP_K]
    cut[full] = value[starts[full] + CROSS_TOP_K - 1]
    return cut


def delta_candidates(
    full: Screener,
    delta: Screener,
    profiles: Profiles | Sequence[CrossProfile],
    foreign: Sequence[bool],
    new_rows: npt.NDArray[np.bool_] | None = None,
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.float64], npt.NDArray[np.bool_]]:
    """``(name, row of delta, cosine)`` of every pair of a register name (its profile ``profs[name]``;
    ``foreign[name]``: written in Han or Hangul) and a name of the changed entries (``delta``) that the
    screener over ``full`` plus the changed entries would go on to bound or filter and score: each pair at the
    best cosine of the lookups whose cut it reaches; a cross-script pair only when that also reaches the
    name's own cut — the ``CROSS_TOP_K``-th best of its stored best cosines and of those of its pairs with
    names ``full`` lacks (``new_rows``, default all), which compete with them. Last, for each pair, whether
    it is *tied*: a name ``full`` had, at a cut it does not clear, so that ``full`` kept it or not by the
    order of equal cosines (the party's hits before the change tell which)."""
    n_rows = delta.name_count
    empty = np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0), np.zeros(0, dtype=bool)
    profs = profiles if isinstance(profiles, Profiles) else Profiles.of(profiles)
    if not n_rows or not profs.size:
        return empty
    names_foreign = np.asarray(foreign, dtype=bool)
    fresh = np.ones(n_rows, dtype=bool) if new_rows is None else new_rows
    n_fresh = int(fresh.sum())
    w_texts = [form_texts(f) for f in delta.forms]
    written_w = _with_new_grams(full.index, w_texts, n_fresh, lambda: _seen_grams(full))
    w_rows = _row_matrix(written_w, w_texts)
    row_keys = [cross_keys.index_keys(f) for f in delta.forms]
    x_row_of = np.repeat(np.arange(n_rows, dtype=np.int64), [len(k) for k in row_keys])
    x_texts = [k for ks in row_keys for k in ks]
    cross_w = _with_new_grams(full.cross.index, x_texts, n_fresh)
    x_rows = _row_matrix(cross_w, x_texts)
    # every lookup of every name at once: its name, whether it is one of the written names, its cut
    counts = profs.n_queries
    query_name = np.repeat(np.arange(profs.size, dtype=np.int64), counts)
    first = np.zeros(profs.size, dtype=np.int64)
    np.cumsum(counts[:-1], out=first[1:])
    written = np.arange(len(query_name)) - first[query_name] < profs.n_written[query_name]
    floors, sizes, keys = profs.floors, profs.sizes, profs.keys
    key_query = np.repeat(np.arange(len(query_name), dtype=np.int64), sizes)
    in_written = written[key_query]
    found: list[Pairs] = []
    clear: list[npt.NDArray[np.int64]] = []
    every = np.arange(n_rows, dtype=np.int64)
    for part, w, rows, row_of, min_cosine, max_grams in (
        (in_written, written_w, w_rows, every, DEFAULT_MIN_COSINE, MAX_QUERY_GRAMS),
        (~in_written, cross_w, x_rows, x_row_of, CROSS_MIN_COSINE, CROSS_MAX_GRAMS),
    ):
        q, r, cos = _weighed(
            w, key_query[part], keys[part], len(query_name), rows, row_of, min_cosine, max_grams
        )
        keep = cos >= floors[q] - FLOOR_MARGIN
        found.append((query_name[q][keep], r[keep], cos[keep]))
        above = keep & ((floors[q] == 0) | (cos > floors[q] + FLOOR_MARGIN))
        clear.append(query_name[q][above] * n_rows + r[above])
    owner, rows, cosine = _best_pairs(*(np.concatenate(parts) for parts in zip(*found, strict=True)))
    if not len(owner):
        return empty
    cross = delta.row_foreign[rows] != names_foreign[owner]
    fresh_cross = cross & fresh[rows]
    cut = _cross_cuts(profs, owner[cross], owner[fresh_cross], cosine[fresh_cross])
    keep = ~cross | (cosine >= cut[owner] - FLOOR_MARGIN)
    # a name the old index had, at a cut: whether it was kept there depended on the order of equal cosines
    at_cut = ~np.isin(owner * n_rows + rows, np.concatenate(clear))
    at_cut |= cross & (cut[owner] > 0) & (cosine <= cut[owner] + FLOOR_MARGIN)
    tied = ~fresh[rows] & at_cut
    return owner[keep], rows[keep], cosine[keep], tied[keep]


_NO_ROWS = np.zeros(0, dtype=np.int64)


@dataclass(frozen=True)
class Proposal:
    span: dict[str, tuple[int, int]]
    """For each register name with a candidate among the changed entries: where its candidates lie in
    ``rows``, ``cosine`` and ``tied``."""
    parties: set[int]
    """The row keys of the parties bearing those names."""
    rows: npt.NDArray[np.int64] = field(default_factory=lambda: _NO_ROWS)
    """The candidates' rows of the delta index, name by name."""
    cosine: npt.NDArray[np.float64] = field(default_factory=lambda: np.zeros(0))
    tied: npt.NDArray[np.bool_] = field(default_factory=lambda: np.zeros(0, dtype=bool))
    """Whether each candidate is tied at a cut (``delta_candidates``)."""

    @classmethod
    def empty(cls) -> Proposal:
        return cls({}, set())

    def pairs_of(
        self, names: Sequence[str]
    ) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.float64], npt.NDArray[np.bool_]]:
        """``(query, row, cosine, tied)`` of the candidates of every name of ``names`` (a query each), query
        by query, at once."""
        spans = [self.span.get(n, (0, 0)) for n in names]
        start = np.fromiter((a for a, _ in spans), dtype=np.int64, count=len(spans))
        count = np.fromiter((b - a for a, b in spans), dtype=np.int64, count=len(spans))
        query = np.repeat(np.arange(len(names), dtype=np.int64), count)
        within = np.arange(int(count.sum()), dtype=np.int64)
        at = np.repeat(start - (np.cumsum(count) - count), count) + within
        return query, self.rows[at], self.cosine[at], self.tied[at]


def proposed(
    c: Container, list_name: str, version: int, delta: Screener, before: Mapping[str, ListEntry]
) -> Proposal:
    """The candidates of the register among the changed entries (``delta``; ``before``: the old form of
    each changed one, by entry id), from the stored profiles (``delta_candidates``); a name stored without one
    (registered before profiles were kept, or its form made again) gets it now, in the index in force
    before the import, and it is saved."""
    if not delta.name_count:
        return Proposal.empty()
    with c.uow() as uow:
        stored = uow.session.execute(
            select(
                PartyNameRow.id,
                PartyNameRow.party_pk,
                PartyNameRow.name,
                PartyNameRow.cross_grams,
                PartyNameRow.cross_floors,
            )
        ).all()
    foreign_of: dict[str, bool] = {}
    wanted: list[tuple[int, int, str, bytes | None, bytes | None]] = []
    for row_id, pk, name, grams, floors in stored:
        if name not in foreign_of:
            foreign_of[name] = cross_keys.foreign(name)
        wanted.append((row_id, pk, name, grams, floors))
    if not wanted:
        return Proposal.empty()
    full = screening.screener_before(c, list_name, version)
    raw: dict[str, tuple[bytes, bytes]] = {}
    missing: set[str] = set()
    for _, _, name, grams, floors in wanted:
        if name in raw or name in missing:
            continue
        if grams is None or floors is None:
            missing.add(name)
        else:
            raw[name] = (grams, floors)
    if missing:
        made = profiles(full or delta, sorted(missing))
        raw.update((name, p.encode()) for name, p in made.items())
        if full is not None:
            sides = {name: cross_keys.latin_side_text(name) for name in made}
            _save(c, [(row_id, made[name], sides[name]) for row_id, _, name, _, _ in wanted if name in made])
    names = sorted(raw)
    new_rows = np.ones(delta.name_count, dtype=bool)
    if full is not None:
        for row, pos in enumerate(delta.row_entry):
            old = before.get(delta.entries[pos].entry.entry_id)
            new_rows[row] = old is None or delta.row_source[row] not in old.names()
    owner, rows, cosine, tied = delta_candidates(
        full or delta,
        delta,
        Profiles.decode([raw[n][0] for n in names], [raw[n][1] for n in names]),
        [foreign_of[n] for n in names],
        new_rows,
    )
    span: dict[str, tuple[int, int]] = {}
    if len(owner):
        starts = np.flatnonzero(np.diff(owner)) + 1
        firsts = np.concatenate([[0], starts]).tolist()
        ends = [*starts.tolist(), len(owner)]
        for o, a, b in zip(owner[firsts].tolist(), firsts, ends, strict=True):
            span[names[o]] = (a, b)
    parties = {pk for _, pk, name, _, _ in wanted if name in span}
    return Proposal(span, parties, rows, cosine, tied)


def _save(c: Container, made: Sequence[tuple[int, CrossProfile, str | None]]) -> None:
    values = []
    for row_id, p, side in made:
        text, blob = p.encode()
        values.append({"id": row_id, "cross_grams": text, "cross_floors": blob, "cross_side": side})
    with c.uow() as uow:
        for start in range(0, len(values), 5000):
            uow.session.execute(update(PartyNameRow), values[start : start + 5000])
        uow.commit()

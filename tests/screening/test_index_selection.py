"""The candidate index's choice of the best rows of each query (``index.best_by_query``): the same pairs, in
the same order (ties included), as a plain stable sort of the cosines, whether the sort keys are packed or
not."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import sparse

from reechain.compliance.matching import index
from reechain.compliance.matching.index import best_by_query

Pairs = tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.float64]]


def reference(sims: sparse.csr_matrix, row_of: npt.NDArray[np.int64], top_k: int, min_cosine: float) -> Pairs:
    """Every entry reaching ``min_cosine`` sorted stably by query and falling cosine, each row kept at its
    first entry, then the first ``top_k`` of each query: written out entry by entry."""
    out_owner: list[int] = []
    out_rows: list[int] = []
    out_cosine: list[float] = []
    for query in range(sims.shape[0]):
        start, end = sims.indptr[query], sims.indptr[query + 1]
        entries = [
            (float(sims.data[i]), int(row_of[sims.indices[i]]))
            for i in range(start, end)
            if sims.data[i] >= min_cosine
        ]
        entries.sort(key=lambda e: -e[0])  # stable: equal cosines keep their order in ``sims``
        seen: set[int] = set()
        for cosine, row in entries:
            if row in seen:
                continue
            seen.add(row)
            if len(seen) > top_k:
                break
            out_owner.append(query)
            out_rows.append(row)
            out_cosine.append(cosine)
    return np.asarray(out_owner, dtype=np.int64), np.asarray(out_rows, dtype=np.int64), np.asarray(out_cosine)


@st.composite
def cosines(draw: st.DrawFn) -> tuple[sparse.csr_matrix, npt.NDArray[np.int64]]:
    """Queries against index rows with cosines on a coarse grid (so that many are equal), entries of a row in
    no column order (as a sparse product leaves them), and index rows standing for fewer rows."""
    queries = draw(st.integers(1, 12))
    columns = draw(st.integers(1, 30))
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    indptr = [0]
    indices: list[int] = []
    data: list[float] = []
    for _ in range(queries):
        picked = rng.permutation(columns)[: rng.integers(0, columns + 1)]
        indices += picked.tolist()
        data += (rng.integers(1, 9, len(picked)) / 8).tolist()
        indptr.append(len(indices))
    sims = sparse.csr_matrix(
        (np.asarray(data, dtype=np.float32), np.asarray(indices, dtype=np.int32), np.asarray(indptr)),
        shape=(queries, columns),
    )
    sims.has_sorted_indices = False
    row_of = rng.integers(0, draw(st.integers(1, columns)), columns).astype(np.int64)
    return sims, row_of


def check(sims: sparse.csr_matrix, row_of: npt.NDArray[np.int64], top_k: int, min_cosine: float) -> None:
    expected = reference(sims, row_of, top_k, min_cosine)
    for got, want in zip(best_by_query(sims, row_of, top_k, min_cosine), expected, strict=True):
        assert got.tolist() == want.tolist()
    # each index row a row of its own: as itself (``None``), or under another number
    identity = np.arange(sims.shape[1], dtype=np.int64)
    renumbered = identity[::-1].copy()
    for passed, meant in ((None, identity), (renumbered, renumbered)):
        got = best_by_query(sims, passed, top_k, min_cosine)
        want = reference(sims, meant, top_k, min_cosine)
        assert [a.tolist() for a in got] == [a.tolist() for a in want]


@settings(max_examples=150, deadline=None)
@given(cosines(), st.integers(1, 6), st.sampled_from([0.05, 0.3, 0.6]))
def test_packed_keys_choose_as_a_stable_sort_does(
    case: tuple[sparse.csr_matrix, npt.NDArray[np.int64]], top_k: int, min_cosine: float
) -> None:
    check(*case, top_k, min_cosine)


@settings(max_examples=60, deadline=None)
@given(cosines(), st.integers(1, 6))
def test_keys_too_wide_to_pack_choose_the_same(
    case: tuple[sparse.csr_matrix, npt.NDArray[np.int64]], top_k: int
) -> None:
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(index, "KEY_BITS", 4)
        check(*case, top_k, 0.05)


def test_nothing_reaching_the_floor_chooses_nothing() -> None:
    sims = sparse.csr_matrix(np.asarray([[0.1, 0.0], [0.0, 0.2]], dtype=np.float32))
    owner, rows, cosine = best_by_query(sims, np.arange(2, dtype=np.int64), 5, 0.5)
    assert len(owner) == len(rows) == len(cosine) == 0


@settings(max_examples=60, deadline=None)
@given(
    st.integers(1, 40),
    st.integers(1, 30),
    st.integers(1, 60),
    st.floats(0.02, 0.6),
    st.floats(0.02, 0.6),
    st.integers(0, 2**31 - 1),
)
def test_the_product_without_its_counting_pass_is_the_product(
    queries: int, grams: int, names: int, a_density: float, b_density: float, seed: int
) -> None:
    """``index._product`` gives the arrays of ``a @ b`` entry for entry (order within a row included, on
    which the choice among equal cosines depends)."""
    rng = np.random.default_rng(seed)
    a = sparse.random(queries, grams, density=a_density, format="csr", dtype=np.float32, random_state=rng)
    b = sparse.random(grams, names, density=b_density, format="csr", dtype=np.float32, random_state=rng)
    a.indptr = a.indptr.astype(np.int64)  # as ``text_query_matrix`` makes it
    want = sparse.csr_matrix(a @ b)
    got = index._product(a, b)
    assert got.shape == want.shape and got.dtype == want.dtype
    assert np.array_equal(got.indptr, want.indptr)
    assert np.array_equal(got.indices, want.indices)
    assert np.array_equal(got.data, want.data)

"""Candidate index: which listed names are worth scoring for a party name.

Every listed name is reduced to its comparable form (``normalise.analyse``: Han already read as pinyin,
legal forms gone, spacing removed) and then to the character 3-grams of that run-together form and of its
words in sorted order, weighted by inverse document frequency. A query is scored against all names at once
with one sparse matrix product and only the best ``top_k`` names above ``min_cosine`` go on to the real
scorer. Grams carried by very many names ("ing", "han") are dropped from the index: they select nothing.
Built once per set of list versions; ``index_cache`` saves the arrays to a file and restores them.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
from scipy import sparse

from reechain.compliance.matching.normalise import NameForm

try:  # the kernel scipy's sparse product calls (``_compressed._matmul_sparse``), for ``_product``
    from scipy.sparse._sparsetools import csr_matmat as _csr_matmat
except ImportError:  # pragma: no cover - another scipy: the ordinary product
    _csr_matmat = None

GRAM = 3
DEFAULT_TOP_K = 25
DEFAULT_MIN_COSINE = 0.15
MAX_DOCUMENT_SHARE = 0.02
MIN_DOCUMENT_CAP = 200
MAX_QUERY_GRAMS = 12


def form_texts(form: NameForm) -> tuple[str, str]:
    """The texts of a form whose grams are indexed: the run-together name and its words in sorted order."""
    return form.compact, form.sorted_units.replace(" ", "")


def grams(form: NameForm) -> set[str]:
    """3-grams of the run-together name and of its words in sorted order, so that a name with its words
    in another order shares all the grams of the second kind."""
    return text_grams(form_texts(form))


def text_grams(texts: Sequence[str]) -> set[str]:
    """The 3-grams of each text, or the text itself when it is shorter."""
    out: set[str] = set()
    for text in texts:
        if len(text) <= GRAM:
            if text:
                out.add(text)
        else:
            out.update(text[i : i + GRAM] for i in range(len(text) - GRAM + 1))
    return out


_CODE_BITS = 21
"""Bits per character of a numeric gram key: every code point (plus one, so that 0 means "no character")
fits, and three of them fit an unsigned 64-bit integer."""


def gram_keys(texts: Sequence[str]) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.uint64]]:
    """The grams of every text as numeric keys, computed over all texts at once: ``(text of each key,
    key)``. A text longer than ``GRAM`` gives each of its character 3-grams, a shorter non-empty one
    itself (as ``grams`` does); a key is the three code points packed into 63 bits, a short text's padded
    with zeros, so two grams have the same key only when they are the same string. Repeats are kept."""
    if not texts:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.uint64)
    lengths = np.fromiter((len(t) for t in texts), dtype=np.int64, count=len(texts))
    codes = np.frombuffer("\0".join(texts).encode("utf-32-le"), dtype=np.uint32).astype(np.uint64) + 1
    codes = np.append(codes, np.zeros(GRAM, dtype=np.uint64))
    starts = np.zeros(len(texts), dtype=np.int64)
    np.cumsum(lengths[:-1] + 1, out=starts[1:])
    codes[starts[1:] - 1] = 0  # the separators
    shift = np.uint64(_CODE_BITS)
    windows = (codes[:-2] << (shift + shift)) | (codes[1:-1] << shift) | codes[2:]
    whole = (codes[:-2] != 0) & (codes[1:-1] != 0) & (codes[2:] != 0)
    position_text = np.repeat(np.arange(len(texts), dtype=np.int64), lengths + 1)
    long_at = np.flatnonzero(whole[: len(position_text)])
    short = np.flatnonzero((lengths > 0) & (lengths < GRAM))
    # a short text's window ends in its separator (0); a one-character text's also takes the next text's
    # first character, which is left out
    short_keys = np.where(
        lengths[short] == 1, codes[starts[short]] << (shift + shift), windows[starts[short]]
    )
    owner = np.concatenate([position_text[long_at], short])
    keys = np.concatenate([windows[long_at], short_keys])
    return owner, keys


class CandidateIndex:
    """Blocking over the comparable forms of ``forms`` (row ``i`` of the index is ``forms[i]``)."""

    def __init__(self, forms: Sequence[NameForm], key_texts: Sequence[Sequence[str]] | None = None) -> None:
        """An index row per form of ``forms``; or, with ``key_texts``, a row per sequence of texts (the
        grams of each text, as ``grams`` makes them of a form's two texts), all for forms of ``forms``."""
        rows = [form_texts(f) for f in forms] if key_texts is None else key_texts
        self.size = len(rows)
        row_grams = [text_grams(texts) for texts in rows]
        df: dict[str, int] = {}
        for gs in row_grams:
            for g in gs:
                df[g] = df.get(g, 0) + 1
        cap = max(MIN_DOCUMENT_CAP, int(MAX_DOCUMENT_SHARE * max(1, self.size)))
        self.vocabulary: dict[str, int] = {}
        for g, n in sorted(df.items()):  # columns in gram order: the same index in every process
            if n <= cap:
                self.vocabulary[g] = len(self.vocabulary)
        idf = np.zeros(len(self.vocabulary), dtype=np.float32)
        for g, col in self.vocabulary.items():
            idf[col] = np.log((1 + self.size) / (1 + df[g])) + 1.0
        self._idf = idf
        matrix = self._vectorise(row_grams)
        self._by_gram = matrix.T.tocsr()  # F × N: a query touches only the rows of its own grams
        self._keys: tuple[npt.NDArray[np.uint64], npt.NDArray[np.int64]] | None = None
        self.common: frozenset[str] | None = frozenset(g for g, n in df.items() if n > cap)
        """The grams left out of the vocabulary as too common (``None`` for a restored index: not kept)."""

    @classmethod
    def restore(
        cls, size: int, vocabulary: dict[str, int], idf: npt.NDArray[np.float32], by_gram: sparse.csr_matrix
    ) -> CandidateIndex:
        """An index from arrays saved earlier (``idf`` per column of ``vocabulary``; ``by_gram`` is the
        grams × names matrix of ``by_gram_matrix``)."""
        if by_gram.shape != (len(vocabulary), size) or idf.shape != (len(vocabulary),):
            raise ValueError("index arrays do not fit together")
        out = cls.__new__(cls)
        out.size = size
        out.vocabulary = vocabulary
        out._idf = idf
        out._by_gram = by_gram
        out._keys = None
        out.common = None
        return out

    @property
    def idf(self) -> npt.NDArray[np.float32]:
        return self._idf

    @property
    def by_gram_matrix(self) -> sparse.csr_matrix:
        """Normalised tf-idf weights, one row per gram of ``vocabulary``, one column per indexed name."""
        return self._by_gram

    def _vectorise(self, row_grams: Sequence[set[str]]) -> sparse.csr_matrix:
        indptr = [0]
        indices: list[int] = []
        for gs in row_grams:
            cols = sorted({self.vocabulary[g] for g in gs if g in self.vocabulary})
            indices.extend(cols)
            indptr.append(len(indices))
        cols_arr = np.asarray(indices, dtype=np.int32)
        data = self._idf[cols_arr] if len(cols_arr) else np.zeros(0, dtype=np.float32)
        matrix = sparse.csr_matrix(
            (data, cols_arr, np.asarray(indptr, dtype=np.int64)),
            shape=(len(row_grams), len(self.vocabulary)),
            dtype=np.float32,
        )
        norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
        norms[norms == 0] = 1.0
        return sparse.csr_matrix(sparse.diags(1.0 / norms) @ matrix)

    def _gram_keys(self) -> tuple[npt.NDArray[np.uint64], npt.NDArray[np.int64]]:
        """The vocabulary as sorted numeric gram keys (``gram_keys``) and the column of each key."""
        if self._keys is None:
            owner, keys = gram_keys(list(self.vocabulary))  # one key per gram
            cols = np.fromiter(self.vocabulary.values(), dtype=np.int64, count=len(self.vocabulary))[owner]
            order = np.argsort(keys, kind="stable")
            self._keys = (keys[order], cols[order])
        return self._keys

    def query_matrix(self, forms: Sequence[NameForm]) -> sparse.csr_matrix:
        """One normalised tf-idf row per form over its ``MAX_QUERY_GRAMS`` most selective known grams (a rare
        gram narrows the search, a common one only costs time; ties go to the gram first in sorted order).
        Every step is an array operation over all forms at once."""
        return self.text_query_matrix([form_texts(f) for f in forms])

    def text_query_matrix(
        self, queries: Sequence[Sequence[str]], max_grams: int = MAX_QUERY_GRAMS
    ) -> sparse.csr_matrix:
        """``query_matrix`` of queries given as texts (the grams of all texts of a query make its row),
        each over its ``max_grams`` most selective known grams."""
        texts = [t for q in queries for t in q]
        owner, keys = gram_keys(texts)
        sizes = np.fromiter((len(q) for q in queries), dtype=np.int64, count=len(queries))
        owner = np.repeat(np.arange(len(queries), dtype=np.int64), sizes)[owner]
        vocab_keys, vocab_cols = self._gram_keys()
        at = np.searchsorted(vocab_keys, keys)
        at[at >= len(vocab_keys)] = 0
        known = vocab_keys[at] == keys if len(vocab_keys) else np.zeros(len(keys), dtype=bool)
        rows, cols = owner[known], vocab_cols[at[known]]
        width = max(1, len(self.vocabulary))
        pairs = np.sort(rows * width + cols)
        distinct = np.ones(len(pairs), dtype=bool)
        distinct[1:] = pairs[1:] != pairs[:-1]
        pairs = pairs[distinct]  # each gram once per form, by form and gram
        rows, cols = pairs // width, pairs % width
        weight = self._idf[cols].astype(np.float64)
        # per form: rarest gram first, equal weights in gram order (a stable sort of pairs in gram order;
        # every weight is below 64)
        order = np.argsort(rows * 64.0 - weight, kind="stable")
        rows, cols, weight = rows[order], cols[order], weight[order]
        keep = _ranks(rows) < max_grams
        rows, cols, weight = rows[keep], cols[keep], weight[keep]
        norms = np.sqrt(np.bincount(rows, weights=weight * weight, minlength=len(queries)))
        norms[norms == 0] = 1.0
        indptr = np.zeros(len(queries) + 1, dtype=np.int64)
        np.cumsum(np.bincount(rows, minlength=len(queries)), out=indptr[1:])
        return sparse.csr_matrix(
            ((weight / norms[rows]).astype(np.float32), cols.astype(np.int32), indptr),
            shape=(len(queries), len(self.vocabulary)),
            dtype=np.float32,
        )

    def text_candidate_pairs(
        self,
        queries: Sequence[Sequence[str]],
        row_of: npt.NDArray[np.int64],
        top_k: int,
        min_cosine: float,
        max_grams: int = MAX_QUERY_GRAMS,
    ) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.float64]]:
        """``(query, row, cosine)`` for queries given as texts against an index of key texts, where index row
        ``i`` stands for row ``row_of[i]`` of something else (a name with several keys): each ``row_of`` row
        once per query with its best cosine, the ``top_k`` best reaching ``min_cosine``, by query, best
        first."""
        if not queries or self.size == 0 or not self.vocabulary:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0)
        sims = _product(self.text_query_matrix(queries, max_grams), self._by_gram)
        return best_by_query(sims, row_of, top_k, min_cosine)

    def candidate_pairs(
        self,
        forms: Sequence[NameForm],
        top_k: int = DEFAULT_TOP_K,
        min_cosine: float = DEFAULT_MIN_COSINE,
    ) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
        """``(query, row)`` of every index row worth scoring for each query form: the ``top_k`` rows of
        highest cosine that reaches ``min_cosine``, by query, best first (equal cosines in no set order)."""
        if not forms or self.size == 0 or not self.vocabulary:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
        sims = _product(self.query_matrix(forms), self._by_gram)
        owner, rows, _ = best_by_query(sims, None, top_k, min_cosine)
        return owner, rows

    def candidates(
        self,
        forms: Sequence[NameForm],
        top_k: int = DEFAULT_TOP_K,
        min_cosine: float = DEFAULT_MIN_COSINE,
    ) -> list[npt.NDArray[np.int64]]:
        """For each query form, the index rows worth scoring, best first (see ``candidate_pairs``)."""
        if not forms:
            return []
        owner, rows = self.candidate_pairs(forms, top_k, min_cosine)
        return np.split(rows, np.searchsorted(owner, np.arange(1, len(forms))))


_INT32_MAX = int(np.iinfo(np.int32).max)


def _product(a: sparse.csr_matrix, b: sparse.csr_matrix) -> sparse.csr_matrix:
    """``a @ b`` of two CSR matrices, by the kernel scipy's product runs (``csr_matmat``), without the pass
    that counts the entries of the result first (``csr_matmat_maxnnz``, a third of the product's time): the
    result's arrays are sized by a bound on its entries instead (an entry of ``a`` in column ``k`` adds at
    most the entries of row ``k`` of ``b``) and cut to the entries made. The kernel fills them as it does
    within ``a @ b``: the same entries, in the same order, with the same values."""
    if _csr_matmat is None or a.shape[1] != b.shape[0] or a.dtype != b.dtype:
        return sparse.csr_matrix(a @ b)
    bound = int(np.diff(b.indptr)[a.indices].sum()) if a.nnz else 0
    if bound == 0:
        return sparse.csr_matrix(a @ b)
    rows, cols = a.shape[0], b.shape[1]
    wide = max(bound, rows, cols, a.nnz, b.nnz) > _INT32_MAX
    idx = np.int64 if wide else np.int32
    indptr = np.empty(rows + 1, dtype=idx)
    indices = np.empty(bound, dtype=idx)
    data = np.empty(bound, dtype=a.dtype)
    _csr_matmat(
        rows,
        cols,
        np.asarray(a.indptr, dtype=idx),
        np.asarray(a.indices, dtype=idx),
        a.data,
        np.asarray(b.indptr, dtype=idx),
        np.asarray(b.indices, dtype=idx),
        b.data,
        indptr,
        indices,
        data,
    )
    made = int(indptr[-1])
    return sparse.csr_matrix((data[:made], indices[:made], indptr), shape=(rows, cols))


# ---------------------------------------------------------------- choosing the best of each query

Selection = tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.float64]]

KEY_BITS = 62
"""The most bits of a packed sort key (``np.int64``, its sign bit left clear)."""


def best_by_query(
    sims: sparse.csr_matrix, row_of: npt.NDArray[np.int64] | None, top_k: int, min_cosine: float
) -> Selection:
    """``(query, row, cosine)`` from the cosines ``sims`` of queries (its rows) against index rows (its
    columns), where index row ``i`` stands for row ``row_of[i]`` (for itself when ``row_of`` is ``None``):
    each row once per query at its best cosine, the ``top_k`` best reaching ``min_cosine``, by query, best
    first; equal cosines in the order of the query's entries in ``sims`` (a row that several index rows
    stand for at its first entry of its best cosine). ``sims`` has each index row once per query at most,
    as a sparse product leaves it.

    The entries are ordered by one sort of packed integer keys (query, cosine, position); when a key would
    not fit ``KEY_BITS`` (a batch of hundreds of thousands of queries), by a stable sort of the cosines."""
    empty: Selection = (np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0))
    at = np.flatnonzero(sims.data >= min_cosine)
    if not len(at) or top_k <= 0:
        return empty
    # the query of each entry: each query's position repeated over its entries (cheaper than a search)
    owner = np.repeat(np.arange(sims.shape[0], dtype=np.int64), np.diff(sims.indptr))[at]
    ordered = _ordered_entries(sims, at, owner, min_cosine)
    if ordered is None:
        return _best_by_stable_sort(sims, at, owner, row_of, top_k)
    owner, at = ordered
    rows = sims.indices[at].astype(np.int64)
    if row_of is not None:
        rows = row_of[rows]
        most = int(np.bincount(row_of).max())
        if most > 1:  # else each row is one index row, met once per query
            # The first entry of the k-th distinct row of a query comes after the entries of k - 1 rows
            # at most, each held by at most ``most`` index rows: later entries can choose nothing.
            keep = _ranks(owner) < top_k * most
            owner, rows, at = owner[keep], rows[keep], at[keep]
            first = _first_of_each(owner, rows, int(row_of.max()) + 1)
            owner, rows, at = owner[first], rows[first], at[first]
    keep = _ranks(owner) < top_k
    return owner[keep], rows[keep], sims.data[at[keep]].astype(np.float64)


def _ordered_entries(
    sims: sparse.csr_matrix, at: npt.NDArray[np.int64], owner: npt.NDArray[np.int64], min_cosine: float
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]] | None:
    """The entries ``at`` (of queries ``owner``) by query, highest cosine first, equal cosines in the order
    of ``sims``: ``(owner, at)`` in that order, or ``None`` when the packed keys would not fit. The bits of
    a positive ``float32`` order as its value does, so the key packs them (counted down from the highest)."""
    if sims.data.dtype != np.float32 or min_cosine <= 0:
        return None
    position = at - sims.indptr[owner]
    bits = sims.data[at].view(np.int32).astype(np.int64)
    down = int(bits.max()) - bits
    position_bits, cosine_bits = _bits(int(position.max())), _bits(int(down.max()))
    if _bits(int(owner[-1])) + cosine_bits + position_bits > KEY_BITS:
        return None
    key = (owner << (cosine_bits + position_bits)) | (down << position_bits) | position
    key.sort()
    owner = key >> (cosine_bits + position_bits)
    return owner, sims.indptr[owner] + (key & ((1 << position_bits) - 1))


def _first_of_each(
    owner: npt.NDArray[np.int64], rows: npt.NDArray[np.int64], row_count: int
) -> npt.NDArray[np.int64]:
    """Positions of the first entry of each (owner, row), in order."""
    group = owner * row_count + rows
    position_bits = _bits(len(group) - 1)
    if not len(group) or _bits(int(group.max())) + position_bits > KEY_BITS:
        found: npt.NDArray[np.int64] = np.unique(group, return_index=True)[1].astype(np.int64)
        found.sort()
        return found
    key = (group << position_bits) | np.arange(len(group), dtype=np.int64)
    key.sort()
    head = key >> position_bits
    starts = np.ones(len(key), dtype=bool)
    starts[1:] = head[1:] != head[:-1]
    first = key[starts] & ((1 << position_bits) - 1)
    first.sort()
    return first


def _ranks(owner: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    """For entries sorted by owner, the rank of each among its owner's."""
    if not len(owner):
        return np.zeros(0, dtype=np.int64)
    starts = np.flatnonzero(np.concatenate([[True], owner[1:] != owner[:-1]]))
    return np.arange(len(owner), dtype=np.int64) - np.repeat(starts, np.diff(np.append(starts, len(owner))))


def _bits(value: int) -> int:
    return max(1, value.bit_length())


def _best_by_stable_sort(
    sims: sparse.csr_matrix,
    at: npt.NDArray[np.int64],
    owner: npt.NDArray[np.int64],
    row_of: npt.NDArray[np.int64] | None,
    top_k: int,
) -> Selection:
    """``best_by_query`` by a stable sort of the cosines, for keys too wide to pack."""
    cosine = sims.data[at].astype(np.float64)
    rows = sims.indices[at].astype(np.int64)
    if row_of is not None:
        rows = row_of[rows]
    # one sort key: the query first, then the cosine, highest first (a cosine is at most 1 + rounding)
    order = np.argsort(owner * 4.0 - cosine, kind="stable")
    owner, rows, cosine = owner[order], rows[order], cosine[order]
    if row_of is not None:
        _, first = np.unique(owner * (int(row_of.max()) + 1) + rows, return_index=True)
        first.sort()  # each (query, row) at its best cosine, still by query and best first
        owner, rows, cosine = owner[first], rows[first], cosine[first]
    keep = _ranks(owner) < top_k
    return owner[keep], rows[keep], cosine[keep]

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

GRAM = 3
DEFAULT_TOP_K = 25
DEFAULT_MIN_COSINE = 0.15
MAX_DOCUMENT_SHARE = 0.02
MIN_DOCUMENT_CAP = 200
MAX_QUERY_GRAMS = 12


def grams(form: NameForm) -> set[str]:
    """3-grams of the run-together name and of its words in sorted order, so that a name with its words
    in another order shares all the grams of the second kind."""
    out: set[str] = set()
    for text in (form.compact, form.sorted_units.replace(" ", "")):
        if len(text) <= GRAM:
            if text:
                out.add(text)
        else:
            out.update(text[i : i + GRAM] for i in range(len(text) - GRAM + 1))
    return out


class CandidateIndex:
    """Blocking over the comparable forms of ``forms`` (row ``i`` of the index is ``forms[i]``)."""

    def __init__(self, forms: Sequence[NameForm]) -> None:
        self.size = len(forms)
        row_grams = [grams(f) for f in forms]
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

    def _selective(self, gs: set[str]) -> set[str]:
        """The query's most selective grams: a rare gram narrows the search, a common one only costs time."""
        known = [g for g in gs if g in self.vocabulary]
        if len(known) <= MAX_QUERY_GRAMS:
            return set(known)
        known.sort(key=lambda g: (-self._idf[self.vocabulary[g]], g))  # ties by gram, not by hash order
        return set(known[:MAX_QUERY_GRAMS])

    def candidates(
        self,
        forms: Sequence[NameForm],
        top_k: int = DEFAULT_TOP_K,
        min_cosine: float = DEFAULT_MIN_COSINE,
    ) -> list[npt.NDArray[np.int64]]:
        """For each query form, the index rows worth scoring, best first."""
        if not forms or self.size == 0:
            return [np.zeros(0, dtype=np.int64) for _ in forms]
        queries = self._vectorise([self._selective(grams(f)) for f in forms])
        sims = sparse.csr_matrix(queries @ self._by_gram)
        out: list[npt.NDArray[np.int64]] = []
        for i in range(len(forms)):
            start, end = sims.indptr[i], sims.indptr[i + 1]
            cols = sims.indices[start:end]
            vals = sims.data[start:end]
            keep = vals >= min_cosine
            cols, vals = cols[keep], vals[keep]
            if len(cols) > top_k:
                best = np.argpartition(-vals, top_k)[:top_k]
                cols, vals = cols[best], vals[best]
            out.append(cols[np.argsort(-vals)].astype(np.int64))
        return out

"""Blocking of the register against the index of the entries a list version changed.

Each register name is stored with the hashed character 3-grams of its comparable form (the grams the
screening index uses, ``compliance.matching.index.grams``). A re-screen looks every name's grams up in the
small index of the changed entries at once (numpy), weighs them with that index's idf — a gram the index
lacks weighs as a gram no indexed name has, and a gram that more than 2 % of the register carries selects
nothing (the index's own cap) — and keeps the names whose cosine with some changed entry
reaches the screener's own ``DEFAULT_MIN_COSINE``. Nothing is analysed again and no name is compared with
an entry it shares no gram with.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
from rapidfuzz import process
from rapidfuzz.distance import Indel
from scipy import sparse

from reechain.compliance.matching.index import (
    DEFAULT_MIN_COSINE,
    MAX_DOCUMENT_SHARE,
    MIN_DOCUMENT_CAP,
    CandidateIndex,
    grams,
)
from reechain.compliance.matching.normalise import NameForm
from reechain.compliance.matching.scorer import CORE_WEIGHT
from reechain.compliance.matching.screener import STRING_KINDS


def gram_hash(gram: str) -> int:
    return int.from_bytes(hashlib.blake2b(gram.encode("utf-8"), digest_size=8).digest(), "little")


def gram_blob(form: NameForm) -> bytes:
    """The grams of ``form`` as sorted unsigned 64-bit hashes (stored with the name)."""
    return np.asarray(sorted({gram_hash(g) for g in grams(form)}), dtype=np.uint64).tobytes()


def candidates(
    index: CandidateIndex, blobs: Sequence[bytes], min_cosine: float = DEFAULT_MIN_COSINE
) -> npt.NDArray[np.int64]:
    """Positions in ``blobs`` of the names whose cosine with some name of ``index`` reaches ``min_cosine``."""
    return np.unique(candidate_pairs(index, blobs, min_cosine)[0])


def best_cosines(index: CandidateIndex, blobs: Sequence[bytes]) -> npt.NDArray[np.float64]:
    """For each name of ``blobs``, its highest cosine with a name of ``index``."""
    best = np.zeros(len(blobs))
    sims = _similarities(index, blobs)
    if sims is not None:
        nz_rows = np.repeat(np.arange(len(blobs)), np.diff(sims.indptr))
        np.maximum.at(best, nz_rows, sims.data)
    return best


def candidate_pairs(
    index: CandidateIndex, blobs: Sequence[bytes], min_cosine: float = DEFAULT_MIN_COSINE
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """``(positions in blobs, rows of index)`` of every pair whose cosine reaches ``min_cosine``."""
    sims = _similarities(index, blobs)
    if sims is None:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    rows = np.repeat(np.arange(len(blobs), dtype=np.int64), np.diff(sims.indptr))
    keep = sims.data >= min_cosine
    return rows[keep], sims.indices[keep].astype(np.int64)


def _similarities(index: CandidateIndex, blobs: Sequence[bytes]) -> sparse.csr_matrix | None:
    if not blobs or index.size == 0 or not index.vocabulary:
        return None
    arrays = [np.frombuffer(b, dtype=np.uint64) for b in blobs]
    lengths = np.fromiter((len(a) for a in arrays), dtype=np.int64, count=len(arrays))
    flat = np.concatenate(arrays) if len(arrays) else np.zeros(0, dtype=np.uint64)
    owner = np.repeat(np.arange(len(arrays), dtype=np.int64), lengths)
    vocab_hash = np.fromiter(
        (gram_hash(g) for g in index.vocabulary), dtype=np.uint64, count=len(index.vocabulary)
    )
    vocab_col = np.fromiter(index.vocabulary.values(), dtype=np.int64, count=len(index.vocabulary))
    order = np.argsort(vocab_hash)
    vocab_hash, vocab_col = vocab_hash[order], vocab_col[order]
    pos = np.searchsorted(vocab_hash, flat)
    pos[pos >= len(vocab_hash)] = 0
    known = vocab_hash[pos] == flat
    # A gram carried by very many register names ("gro", "ing") selects nothing: the same cap as the index's.
    _, inverse, df = np.unique(flat, return_inverse=True, return_counts=True)
    cap = max(MIN_DOCUMENT_CAP, int(MAX_DOCUMENT_SHARE * len(arrays)))
    known &= df[inverse] <= cap
    idf = index.idf.astype(np.float64)
    unseen = float(np.log(1 + index.size) + 1.0)  # the idf of a gram no indexed name has
    weight = np.full(len(flat), unseen)
    weight[known] = idf[vocab_col[pos[known]]]
    norms = np.sqrt(np.bincount(owner, weights=weight * weight, minlength=len(arrays)))
    norms[norms == 0] = 1.0
    rows, cols = owner[known], vocab_col[pos[known]]
    if not len(rows):
        return None
    query = sparse.csr_matrix(
        (weight[known] / norms[rows], (rows, cols)), shape=(len(arrays), len(index.vocabulary))
    )
    return sparse.csr_matrix(query @ index.by_gram_matrix)


def upper_bounds(
    names: dict[str, npt.NDArray[np.object_]], entries: dict[str, npt.NDArray[np.object_]]
) -> npt.NDArray[np.float64]:
    """The screener's bound on the score of each pair (row i of ``names`` with row i of ``entries``), from
    the four strings of each comparable form (``core_compact``, ``sorted_core``, ``compact``,
    ``sorted_units``): the place, trade and schema factors can only lower a score below it."""
    sims = [
        process.cpdist(names[k], entries[k], scorer=Indel.normalized_similarity, workers=1)
        for k in STRING_KINDS
    ]
    core = np.maximum(sims[0], sims[1])
    full = np.maximum(sims[2], sims[3])
    return np.asarray(CORE_WEIGHT * core + (1 - CORE_WEIGHT) * full, dtype=np.float64)

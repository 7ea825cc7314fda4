"""Match a contract's clauses to its template's by content: renumbered, reordered or reworded clauses
still find their counterpart.

Similarity is rapidfuzz's normalised Indel ratio of the formatting-blind forms; the pairing maximises the
total similarity (scipy's ``linear_sum_assignment``, the Hungarian method), with a small bonus for the same
clause number and for the same level (heading or sub-clause) to break ties between look-alike clauses.
A pair below ``MATCH_MIN`` is no match: its template clause is missing and its contract clause added.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process
from scipy.optimize import linear_sum_assignment

from reechain.risk.contracts.model import Clause
from reechain.risk.contracts.normalise import normal_form

MATCH_MIN = 0.55
SAME_NUMBER_BONUS = 0.03
SAME_LEVEL_BONUS = 0.02


@dataclass(frozen=True)
class Pairing:
    pairs: tuple[tuple[int, int, float], ...]
    """(template index, contract index, similarity 0-1)"""
    missing: tuple[int, ...]
    added: tuple[int, ...]


def _level(c: Clause) -> int:
    return c.number.count(".")


def align(template: tuple[Clause, ...], contract: tuple[Clause, ...]) -> Pairing:
    left = [normal_form(c.text) for c in template]
    right = [normal_form(c.text) for c in contract]
    similarity = process.cdist(left, right, scorer=fuzz.ratio, dtype=np.float64, workers=1) / 100.0
    same_number = np.array([[a.number == b.number for b in contract] for a in template], dtype=np.float64)
    same_level = np.array([[_level(a) == _level(b) for b in contract] for a in template], dtype=np.float64)
    score = similarity + SAME_NUMBER_BONUS * same_number + SAME_LEVEL_BONUS * same_level
    rows, cols = linear_sum_assignment(score, maximize=True)
    pairs = []
    for i, j in zip(rows.tolist(), cols.tolist(), strict=True):
        if similarity[i, j] >= MATCH_MIN:
            pairs.append((i, j, float(similarity[i, j])))
    matched_left = {i for i, _, _ in pairs}
    matched_right = {j for _, j, _ in pairs}
    return Pairing(
        pairs=tuple(sorted(pairs)),
        missing=tuple(i for i in range(len(template)) if i not in matched_left),
        added=tuple(j for j in range(len(contract)) if j not in matched_right),
    )

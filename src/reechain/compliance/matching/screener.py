"""Screen party names against loaded list entries: candidate index first, then the explainable scorer.

Pure: the entries are handed in; the service decides which list versions are loaded and caches the
``Screener`` per set of versions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from rapidfuzz import process
from rapidfuzz.distance import Indel

from reechain.compliance.lists.model import ListedEntry
from reechain.compliance.matching.hit import ScreeningHit
from reechain.compliance.matching.index import CandidateIndex
from reechain.compliance.matching.normalise import NameForm, analyse
from reechain.compliance.matching.scorer import (
    CORE_WEIGHT,
    SCHEMA_MISMATCH_FACTOR,
    explain,
    schemas_compatible,
    screening_score,
)

DEFAULT_THRESHOLD = 0.85
STRING_KINDS = ("core_compact", "sorted_core", "compact", "sorted_units")
"""The strings of a name form compared for every candidate, kept as arrays for vectorised scoring."""


@dataclass(frozen=True)
class PartyQuery:
    name: str
    schema: str = "Company"
    country: str | None = None


def _index_schema(entry_schema: str) -> str:
    # Organisation names get legal forms removed; a person's name is read as it is.
    return "Person" if entry_schema == "Person" else "Company"


class Screener:
    def __init__(self, entries: Sequence[ListedEntry]) -> None:
        row_entry: list[int] = []
        forms: list[NameForm] = []
        for pos, listed in enumerate(entries):
            for name in listed.entry.names():
                form = analyse(name, _index_schema(listed.entry.schema))
                if not form.compact:
                    continue
                forms.append(form)
                row_entry.append(pos)
        fingerprints = [e.entry.fingerprint() for e in entries]
        self._assemble(entries, forms, row_entry, CandidateIndex(forms), fingerprints)

    @classmethod
    def restore(
        cls,
        entries: Sequence[ListedEntry],
        forms: Sequence[NameForm],
        row_entry: Sequence[int],
        index: CandidateIndex,
        fingerprints: Sequence[str],
        strings: dict[str, npt.NDArray[np.object_]] | None = None,
        row_names: Sequence[str] | None = None,
    ) -> Screener:
        """A screener from parts saved earlier (``index_cache``): nothing is analysed or indexed again.
        ``strings`` (the compared strings of every form, by kind of ``STRING_KINDS``) and ``row_names``
        (every form's original) spare reading every form up front."""
        out = cls.__new__(cls)
        out._assemble(entries, forms, row_entry, index, fingerprints, strings, row_names)
        return out

    def _assemble(
        self,
        entries: Sequence[ListedEntry],
        forms: Sequence[NameForm],
        row_entry: Sequence[int],
        index: CandidateIndex,
        fingerprints: Sequence[str],
        strings: dict[str, npt.NDArray[np.object_]] | None = None,
        row_names: Sequence[str] | None = None,
    ) -> None:
        self.entries = list(entries)
        self._forms = forms
        self._row_entry = list(row_entry)
        self.index = index
        self._fingerprints = list(fingerprints)
        self._strings = strings or {
            kind: np.asarray([getattr(f, kind) for f in forms], dtype=object) for kind in STRING_KINDS
        }
        # The listed name (or alias) as written is the original of its form.
        self._row_name = list(row_names) if row_names is not None else [f.original for f in forms]

    @property
    def forms(self) -> Sequence[NameForm]:
        """The comparable form of every indexed name (row ``i`` of the index)."""
        return self._forms

    @property
    def row_entry(self) -> list[int]:
        """For every indexed name, the position of its entry in ``entries``."""
        return self._row_entry

    @property
    def fingerprints(self) -> list[str]:
        return self._fingerprints

    @property
    def name_count(self) -> int:
        return len(self._forms)

    def screen(self, party: PartyQuery, threshold: float = DEFAULT_THRESHOLD) -> list[ScreeningHit]:
        return self.screen_many([party], threshold)[0]

    def screen_many(
        self, parties: Sequence[PartyQuery], threshold: float = DEFAULT_THRESHOLD
    ) -> list[list[ScreeningHit]]:
        """Candidates of every party at once, their similarities in one vectorised rapidfuzz call per
        string kind (``process.cpdist``); only pairs whose upper bound reaches ``threshold`` are scored
        in full and explained."""
        forms = [analyse(p.name, _index_schema(p.schema)) for p in parties]
        rows_per_party = self.index.candidates(forms)
        sizes = np.fromiter((len(r) for r in rows_per_party), dtype=np.int64, count=len(rows_per_party))
        rows = np.concatenate(rows_per_party) if len(rows_per_party) else np.zeros(0, dtype=np.int64)
        owner = np.repeat(np.arange(len(forms)), sizes)
        survivors: list[list[int]] = [[] for _ in forms]
        if len(rows):
            bound = self._upper_bounds(forms, owner, rows)
            for i in np.flatnonzero(bound >= threshold - 1e-9):
                survivors[int(owner[i])].append(int(rows[i]))
        return [
            self._hits(party, form, cand, threshold)
            for party, form, cand in zip(parties, forms, survivors, strict=True)
        ]

    def _upper_bounds(
        self, forms: Sequence[NameForm], owner: npt.NDArray[np.int64], rows: npt.NDArray[np.int64]
    ) -> npt.NDArray[np.float64]:
        """The score of each (party, listed name) pair before the place, trade and schema factors, which
        can only lower it."""
        sims = []
        for kind in STRING_KINDS:
            listed = self._strings[kind]
            queries = np.asarray([getattr(f, kind) for f in forms], dtype=object)[owner]
            sims.append(process.cpdist(queries, listed[rows], scorer=Indel.normalized_similarity, workers=-1))
        core = np.maximum(sims[0], sims[1])
        full = np.maximum(sims[2], sims[3])
        return np.asarray(CORE_WEIGHT * core + (1 - CORE_WEIGHT) * full, dtype=np.float64)

    def _hits(
        self, party: PartyQuery, form: NameForm, rows: Sequence[int], threshold: float
    ) -> list[ScreeningHit]:
        best: dict[int, tuple[float, int]] = {}
        for row in rows:
            pos = self._row_entry[row]
            entry = self.entries[pos].entry
            factor = 1.0 if schemas_compatible(party.schema, entry.schema) else SCHEMA_MISMATCH_FACTOR
            value = screening_score(form, self._forms[row], factor, threshold)
            if value >= threshold and (pos not in best or value > best[pos][0]):
                best[pos] = (value, row)
        hits: list[ScreeningHit] = []
        for pos, (_, row) in best.items():
            listed = self.entries[pos]
            entry = listed.entry
            factor = 1.0 if schemas_compatible(party.schema, entry.schema) else SCHEMA_MISMATCH_FACTOR
            result = explain(form, self._forms[row], factor)
            features = [(f.name, f.score, f.detail) for f in result.features]
            if self._row_name[row] != entry.name:
                features.append(("alias", 1.0, f"matched the listed alias '{self._row_name[row]}'"))
            if party.country and entry.country:
                same = party.country.upper() == entry.country.upper()
                features.append(
                    ("country", 1.0 if same else 0.0, f"{party.country} vs listed {entry.country}")
                )
            hits.append(
                ScreeningHit(
                    list_name=listed.list_name,
                    list_version=listed.list_version,
                    entry_id=entry.entry_id,
                    entry_name=entry.name,
                    score=result.score,
                    features=tuple(features),
                    entry_fingerprint=self._fingerprints[pos],
                    matched_name=self._row_name[row],
                    entry_schema=entry.schema,
                    entry_country=entry.country,
                )
            )
        hits.sort(key=lambda h: (-h.score, h.list_name, h.entry_id))
        return hits

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
from reechain.compliance.matching.cross_script import is_cross_script
from reechain.compliance.matching.hit import ScreeningHit
from reechain.compliance.matching.index import CandidateIndex
from reechain.compliance.matching.normalise import PERSON, NameForm, analyse
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


BOTH_SCHEMAS = (None, "", "LegalEntity")
"""A party of one of these schemas may be a person or an organisation: it is screened as both."""


@dataclass(frozen=True)
class PartyQuery:
    """A party to screen. ``schema`` ``None`` (or ``LegalEntity``): a person or an organisation, screened as
    both; a declared schema lowers non-exact scores against entries of the other kind."""

    name: str
    schema: str | None = "Company"
    country: str | None = None


def _index_schema(entry_schema: str) -> str:
    # Organisation names get legal forms removed; a person's name is read as it is.
    return "Person" if entry_schema == "Person" else "Company"


def _schema_factor(party_schema: str | None, entry_schema: str) -> float:
    if party_schema in BOTH_SCHEMAS or schemas_compatible(str(party_schema), entry_schema):
        return 1.0
    return SCHEMA_MISMATCH_FACTOR


@dataclass(frozen=True)
class _Readings:
    """A party's name read as a person's (compared with listed persons) and as an organisation's (compared
    with every other entry): each listed name is compared with the reading of its own kind."""

    person: NameForm
    firm: NameForm

    @classmethod
    def of(cls, name: str) -> _Readings:
        return cls(analyse(name, PERSON), analyse(name, "Company"))

    def towards(self, row_is_person: bool) -> NameForm:
        return self.person if row_is_person else self.firm


def _unique_pairs(
    owner: npt.NDArray[np.int64], rows: npt.NDArray[np.int64], size: int
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """Each (party, row) pair once, by party, in the order first given (best first for each reading)."""
    _, first = np.unique(owner * max(1, size) + rows, return_index=True)
    first.sort()
    order = first[np.argsort(owner[first], kind="stable")]
    return owner[order], rows[order]


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
        self._row_person = np.fromiter(
            (self.entries[pos].entry.schema == PERSON for pos in self._row_entry),
            dtype=bool,
            count=len(self._row_entry),
        )

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
        readings = [_Readings.of(p.name) for p in parties]
        # The two readings differ in how words are ordered and in legal forms; they find the same candidates
        # unless their run-together strings differ, so the index is asked twice only then.
        extra = np.asarray(
            [i for i, r in enumerate(readings) if r.person.compact != r.firm.compact], dtype=np.int64
        )
        queries = [r.firm for r in readings] + [readings[int(i)].person for i in extra]
        query, rows = self.index.candidate_pairs(queries)
        owner = np.concatenate([np.arange(len(readings), dtype=np.int64), extra])[query]
        owner, rows = _unique_pairs(owner, rows, self.index.size)  # the firm reading's candidates first
        survivors: list[list[int]] = [[] for _ in readings]
        if len(rows):
            passing = self._passing(readings, owner, rows, threshold - 1e-9)
            for party, row in zip(owner[passing].tolist(), rows[passing].tolist(), strict=True):
                survivors[party].append(row)
        return [
            self._hits(party, reading, cand, threshold)
            for party, reading, cand in zip(parties, readings, survivors, strict=True)
        ]

    def scan(
        self,
        parties: Sequence[PartyQuery],
        threshold: float = DEFAULT_THRESHOLD,
        *,
        cross_script: bool | None = None,
    ) -> list[set[tuple[str, str]]]:
        """The reference ``screen_many`` is checked against: for each party, the (list, entry id) of every
        entry one of whose names the scorer alone scores at ``threshold`` or above, trying every listed
        name (no candidate index, no bound). ``cross_script`` ``True`` or ``False`` tries only the pairs of
        that kind (a Han or Hangul name against one with neither). Slow: for tests and benchmarks."""
        out: list[set[tuple[str, str]]] = []
        for party in parties:
            reading = _Readings.of(party.name)
            found: set[int] = set()
            for row, pos in enumerate(self._row_entry):
                form = reading.towards(bool(self._row_person[row]))
                if pos in found or (
                    cross_script is not None and is_cross_script(form, self._forms[row]) != cross_script
                ):
                    continue
                factor = _schema_factor(party.schema, self.entries[pos].entry.schema)
                if screening_score(form, self._forms[row], factor, threshold) >= threshold:
                    found.add(pos)
            out.append({(self.entries[pos].list_name, self.entries[pos].entry.entry_id) for pos in found})
        return out

    def _passing(
        self,
        readings: Sequence[_Readings],
        owner: npt.NDArray[np.int64],
        rows: npt.NDArray[np.int64],
        floor: float,
    ) -> npt.NDArray[np.int64]:
        """Positions of the (party, listed name) pairs whose score before the place, trade, schema and
        name-part factors (which can only lower it) reaches ``floor``. The distinctive words are compared
        first; the whole names only for pairs whose core similarity leaves the floor within reach (the
        whole-name similarity is at most 1)."""
        person_rows = self._row_person[rows]

        def similarity(kind: str, at: npt.NDArray[np.int64]) -> npt.NDArray[np.float64]:
            as_firm = np.asarray([getattr(r.firm, kind) for r in readings], dtype=object)
            as_person = np.asarray([getattr(r.person, kind) for r in readings], dtype=object)
            queries = np.where(person_rows[at], as_person[owner[at]], as_firm[owner[at]])
            listed = self._strings[kind][rows[at]]
            sims = process.cpdist(queries, listed, scorer=Indel.normalized_similarity, workers=-1)
            return np.asarray(sims, dtype=np.float64)

        every = np.arange(len(rows), dtype=np.int64)
        core = np.maximum(similarity(STRING_KINDS[0], every), similarity(STRING_KINDS[1], every))
        at = np.flatnonzero(CORE_WEIGHT * core + (1 - CORE_WEIGHT) >= floor)
        full = np.maximum(similarity(STRING_KINDS[2], at), similarity(STRING_KINDS[3], at))
        return at[CORE_WEIGHT * core[at] + (1 - CORE_WEIGHT) * full >= floor]

    def _hits(
        self, party: PartyQuery, reading: _Readings, rows: Sequence[int], threshold: float
    ) -> list[ScreeningHit]:
        best: dict[int, tuple[float, int]] = {}
        for row in rows:
            pos = self._row_entry[row]
            entry = self.entries[pos].entry
            form = reading.towards(bool(self._row_person[row]))
            factor = _schema_factor(party.schema, entry.schema)
            value = screening_score(form, self._forms[row], factor, threshold)
            if value >= threshold and (pos not in best or value > best[pos][0]):
                best[pos] = (value, row)
        hits: list[ScreeningHit] = []
        for pos, (_, row) in best.items():
            listed = self.entries[pos]
            entry = listed.entry
            form = reading.towards(bool(self._row_person[row]))
            result = explain(form, self._forms[row], _schema_factor(party.schema, entry.schema))
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

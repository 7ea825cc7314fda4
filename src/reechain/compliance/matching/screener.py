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

from reechain.compliance.lists.model import ListedEntry, ListEntry
from reechain.compliance.matching import cross_keys
from reechain.compliance.matching.cross_script import is_cross_script
from reechain.compliance.matching.hit import ScreeningHit
from reechain.compliance.matching.index import (
    DEFAULT_MIN_COSINE,
    DEFAULT_TOP_K,
    CandidateIndex,
    form_texts,
)
from reechain.compliance.matching.middle_names import MIDDLE_NAMES_FACTOR, without_middle_names
from reechain.compliance.matching.normalise import PERSON, NameForm, analyse
from reechain.compliance.matching.scorer import (
    CORE_WEIGHT,
    SCHEMA_MISMATCH_FACTOR,
    MatchResult,
    explain,
    schemas_compatible,
    screening_score,
    without_middle_names_result,
)

DEFAULT_THRESHOLD = 0.85
STRING_KINDS = ("core_compact", "sorted_core", "compact", "sorted_units")
"""The strings of a name form compared for every candidate, kept as arrays for vectorised scoring."""


PARALLEL_PAIRS = 20_000
"""The fewest pairs whose similarities are computed on every core (``cpdist`` ``workers=-1``): starting the
threads costs about 0.15 ms of CPU and up to a millisecond of waiting per call on a busy machine, more than
a few hundred pairs take on one core (a single party's check makes four such calls)."""


CROSS_TOP_K = 25
"""The most cross-script candidates (a Han or Hangul name against a Latin one) scored in full per party,
best cosine first: the bound on the string similarity does not hold for them (the scorer judges them by
their readings), so each is scored, at milliseconds a pair."""
CROSS_MIN_COSINE = 0.05
CROSS_MARGIN = 0.2
"""How far below the threshold ``cross_keys.likeness`` may put a cross-script candidate's unguided readings
and glosses and still have it scored: the scorer's readings are guided by the other name (the spelling of
each character closest to it, its words translated), so they score higher than unguided ones."""
SOUND_MARGIN = 0.05
"""The same for the sound keys of a pair without a translated word, whose unguided sound reading is the
scorer's (a pair with one is tried with the scorer's own sound reading). Both margins were chosen on the
fit half of ``benchmarks/candidate_recall.py``."""
CROSS_MAX_GRAMS = 40
"""A Han name's gloss keys are many (every sense of every word): it looks up more of them."""


class CrossIndex:
    """The cross-script keys of every listed name (``cross_keys.index_keys``) in one candidate index; key
    ``i`` belongs to listed name ``row_of[i]``."""

    def __init__(self, index: CandidateIndex, row_of: npt.NDArray[np.int64]) -> None:
        if len(row_of) != index.size:
            raise ValueError("a key of no listed name")
        self.index = index
        self.row_of = row_of

    @classmethod
    def build(cls, forms: Sequence[NameForm]) -> CrossIndex:
        texts: list[tuple[str, ...]] = []
        row_of: list[int] = []
        for row, form in enumerate(forms):
            keys = cross_keys.index_keys(form)
            texts += keys
            row_of += [row] * len(keys)
        return cls(CandidateIndex((), texts), np.asarray(row_of, dtype=np.int64))


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


def _row_names(entry: ListEntry) -> list[str]:
    """The names of an entry the index holds a row for: each listed name and alias, then, for a person,
    each of them without its middle names or patronymic (``middle_names``) that is not listed already."""
    names = list(entry.names())
    if entry.schema == PERSON:
        for name in entry.names():
            reduced = without_middle_names(name)
            if reduced is not None and reduced[0] not in names:
                names.append(reduced[0])
    return names


def _sources(entry: ListEntry) -> dict[str, str]:
    """Every row name of ``entry`` (``_row_names``) → the listed name or alias it was made from."""
    out = {name: name for name in entry.names()}
    if entry.schema == PERSON:
        for name in entry.names():
            reduced = without_middle_names(name)
            if reduced is not None:
                out.setdefault(reduced[0], name)
    return out


def _alike_parties(readings: Sequence[_Readings]) -> npt.NDArray[np.int64]:
    """For every party, the position of the first party whose organisation reading is the same form."""
    first: dict[NameForm, int] = {}
    return np.fromiter(
        (first.setdefault(r.firm, i) for i, r in enumerate(readings)), dtype=np.int64, count=len(readings)
    )


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
            for name in _row_names(listed.entry):
                form = analyse(name, _index_schema(listed.entry.schema))
                if not form.compact:
                    continue
                forms.append(form)
                row_entry.append(pos)
        fingerprints = [e.entry.fingerprint() for e in entries]
        self._assemble(
            entries, forms, row_entry, CandidateIndex(forms), fingerprints, cross=CrossIndex.build(forms)
        )

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
        cross: CrossIndex | None = None,
    ) -> Screener:
        """A screener from parts saved earlier (``index_cache``): nothing is analysed or indexed again.
        ``strings`` (the compared strings of every form, by kind of ``STRING_KINDS``) and ``row_names``
        (every form's original) spare reading every form up front; ``cross`` (the cross-script keys) spares
        making every reading again."""
        out = cls.__new__(cls)
        out._assemble(entries, forms, row_entry, index, fingerprints, strings, row_names, cross)
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
        cross: CrossIndex | None = None,
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
        sources = [_sources(e.entry) for e in self.entries]
        self._row_source = [
            sources[pos].get(name, name) for pos, name in zip(self._row_entry, self._row_name, strict=True)
        ]
        """For every row, the listed name or alias it stands for: itself, or the name it is that name without
        its middle names (``middle_names``)."""
        self._row_factor = np.fromiter(
            (
                1.0 if src == name else MIDDLE_NAMES_FACTOR
                for src, name in zip(self._row_source, self._row_name, strict=True)
            ),
            dtype=np.float64,
            count=len(self._row_name),
        )
        self._row_person = np.fromiter(
            (self.entries[pos].entry.schema == PERSON for pos in self._row_entry),
            dtype=bool,
            count=len(self._row_entry),
        )
        self._row_foreign = np.fromiter(
            (cross_keys.foreign(name) for name in self._row_name), dtype=bool, count=len(self._row_name)
        )
        self.cross = cross if cross is not None else CrossIndex.build(forms)
        self._cross_prepared = False
        self._alike: npt.NDArray[np.int64] | None = None
        self.pair_workers = -1
        """The threads of a large similarity call (``PARALLEL_PAIRS``): every core (-1), or 1 in a process
        that is one of several screening at once (``services.screening_pool``)."""

    @property
    def forms(self) -> Sequence[NameForm]:
        """The comparable form of every indexed name (row ``i`` of the index)."""
        return self._forms

    @property
    def row_entry(self) -> list[int]:
        """For every indexed name, the position of its entry in ``entries``."""
        return self._row_entry

    @property
    def row_source(self) -> list[str]:
        """For every indexed name, the listed name or alias it stands for (a person's name without its middle
        names stands for the name it was made from)."""
        return self._row_source

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
        return self._screen_pairs(parties, readings, *self._candidates(readings), threshold)

    def _screen_pairs(
        self,
        parties: Sequence[PartyQuery],
        readings: Sequence[_Readings],
        owner: npt.NDArray[np.int64],
        rows: npt.NDArray[np.int64],
        cosine: npt.NDArray[np.float64],
        threshold: float,
    ) -> list[list[ScreeningHit]]:
        """The hits of every party among its candidate pairs ``(party, row, cosine)``: same-script pairs
        whose bound reaches ``threshold`` (``_passing``), cross-script pairs through ``_cross_pairs``, each
        survivor scored and explained."""
        foreign = np.asarray([cross_keys.foreign(p.name) for p in parties], dtype=bool)
        cross = self._row_foreign[rows] != foreign[owner]
        survivors: list[list[int]] = [[] for _ in readings]
        same_owner, same_rows = _unique_pairs(owner[~cross], rows[~cross], self.index.size)
        if len(same_rows):
            passing = self._passing(readings, same_owner, same_rows, threshold - 1e-9)
            for party, row in zip(same_owner[passing].tolist(), same_rows[passing].tolist(), strict=True):
                survivors[party].append(row)
        if cross.any():
            for party, row in self._cross_pairs(
                readings, owner[cross], rows[cross], cosine[cross], threshold
            ):
                survivors[party].append(row)
        return [
            self._hits(party, reading, cand, threshold)
            for party, reading, cand in zip(parties, readings, survivors, strict=True)
        ]

    def _cross_pairs(
        self,
        readings: Sequence[_Readings],
        owner: npt.NDArray[np.int64],
        rows: npt.NDArray[np.int64],
        cosine: npt.NDArray[np.float64],
        threshold: float,
    ) -> list[tuple[int, int]]:
        """The cross-script candidate pairs worth scoring: no bound on the string similarity holds for them
        (the scorer judges them by their readings), so the best ``CROSS_TOP_K`` of each party by cosine
        that ``cross_keys.likeness`` expects to come within ``CROSS_MARGIN`` (sound keys: ``SOUND_MARGIN``)
        of ``threshold``."""
        order = np.argsort(owner * 4.0 - cosine, kind="stable")
        owner, rows = _unique_pairs(owner[order], rows[order], self.index.size)
        keep = np.arange(len(owner)) - np.searchsorted(owner, owner, side="left") < CROSS_TOP_K
        owner, rows = owner[keep], rows[keep]
        if len(rows):
            self.prepare_cross_script()
        # each side of a pair: a listed name by the first row of its form, a party by the index size plus
        # the position of the first party of its form; each distinct pair of forms is judged once (the
        # same name is on several lists, and ``likeness`` depends on the two forms alone)
        listed_han = self._row_foreign[rows]
        size = self.index.size
        listed = self._alike_rows()[rows]
        party = size + _alike_parties(readings)[owner]
        han_ids, latin_ids = np.where(listed_han, listed, party), np.where(listed_han, party, listed)
        _, first, pair_of = np.unique(
            han_ids * (size + len(readings)) + latin_ids, return_index=True, return_inverse=True
        )
        hans, han_of = self._sides(han_ids[first], readings)
        latins, latin_of = self._sides(latin_ids[first], readings)
        floor, sound_floor = threshold - CROSS_MARGIN, threshold - SOUND_MARGIN
        found = cross_keys.gate(hans, latins, han_of, latin_of, floor, sound_floor)
        reach = found.reach
        liked = np.zeros(len(first), dtype=bool)
        for at, han, latin, by_readings, by_sound, translated in zip(
            np.flatnonzero(reach).tolist(),
            han_of[reach].tolist(),
            latin_of[reach].tolist(),
            found.readings[reach].tolist(),
            found.sound[reach].tolist(),
            found.translated[reach].tolist(),
            strict=True,
        ):
            liked[at] = cross_keys.likeness(
                hans[han],
                latins[latin],
                floor,
                sound_floor,
                readings_within=by_readings,
                sound_within=by_sound,
                translated=translated,
            )
        accepted = liked[pair_of.reshape(-1)]
        return list(zip(owner[accepted].tolist(), rows[accepted].tolist(), strict=True))

    def prepare_cross_script(self) -> None:
        """Make now what the cross-script gate compares of every listed Han or Hangul name, and which rows
        are the same name (``_alike_rows``): done once, at the first cross-script pair, or before a batch is
        shared out to worker processes, so that each finds them made."""
        if not self._cross_prepared:
            cross_keys.prepare([self._row_name[r] for r in np.flatnonzero(self._row_foreign).tolist()])
            self._cross_prepared = True
        self._alike_rows()

    def _alike_rows(self) -> npt.NDArray[np.int64]:
        """For every indexed name, the first row of the same name read the same way (as a person's or as an
        organisation's), so of the same form: the same name on several lists. Made from the names alone at
        the first use, without making the forms of a restored screener."""
        if self._alike is None:
            first: dict[tuple[str, bool], int] = {}
            self._alike = np.fromiter(
                (
                    first.setdefault(key, row)
                    for row, key in enumerate(zip(self._row_name, self._row_person.tolist(), strict=True))
                ),
                dtype=np.int64,
                count=len(self._row_name),
            )
        return self._alike

    def _sides(
        self, ids: npt.NDArray[np.int64], readings: Sequence[_Readings]
    ) -> tuple[list[NameForm], npt.NDArray[np.int64]]:
        """The distinct forms of ``ids`` (a listed name's row, or the index size plus a party's position:
        its organisation reading) and the position of each id's among them."""
        unique, of = np.unique(ids, return_inverse=True)
        size = self.index.size
        forms = [self._forms[i] if i < size else readings[i - size].firm for i in unique.tolist()]
        return forms, of.astype(np.int64).reshape(-1)

    def _candidates(
        self, readings: Sequence[_Readings]
    ) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.float64]]:
        """``(party, row, cosine)`` of every candidate pair, from the index of written names (each party as
        an organisation's name, as a person's when that reads differently, and a Han or Hangul party in
        each of its readings: ``cross_keys.reading_texts``) and from the cross-script keys
        (``cross_keys.query_keys``)."""
        queries: list[tuple[str, ...]] = []
        owner: list[int] = []
        for i, r in enumerate(readings):
            texts: list[tuple[str, ...]] = [form_texts(r.firm)]
            if r.person.compact != r.firm.compact:
                texts.append(form_texts(r.person))
            texts += cross_keys.reading_texts(r.firm.original)
            queries += texts
            owner += [i] * len(texts)
        every = np.arange(self.index.size, dtype=np.int64)
        query, rows, cosine = self.index.text_candidate_pairs(
            queries, every, DEFAULT_TOP_K, DEFAULT_MIN_COSINE
        )
        cross_queries: list[tuple[str, ...]] = []
        cross_owner: list[int] = []
        for i, r in enumerate(readings):
            keys = cross_keys.query_keys(r.firm)
            cross_queries += keys
            cross_owner += [i] * len(keys)
        c_query, c_rows, c_cosine = self.cross.index.text_candidate_pairs(
            cross_queries, self.cross.row_of, CROSS_TOP_K, CROSS_MIN_COSINE, CROSS_MAX_GRAMS
        )
        return (
            np.concatenate(
                [np.asarray(owner, dtype=np.int64)[query], np.asarray(cross_owner, dtype=np.int64)[c_query]]
            ),
            np.concatenate([rows, c_rows]),
            np.concatenate([cosine, c_cosine]),
        )

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
                reduced = self._row_factor[row]
                if (
                    reduced * screening_score(form, self._forms[row], factor, threshold / reduced)
                    >= threshold
                ):
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

        def similarity(kind: str, at: npt.NDArray[np.int64], cutoff: float = 0.0) -> npt.NDArray[np.float64]:
            as_firm = np.asarray([getattr(r.firm, kind) for r in readings], dtype=object)
            as_person = np.asarray([getattr(r.person, kind) for r in readings], dtype=object)
            queries = np.where(person_rows[at], as_person[owner[at]], as_firm[owner[at]])
            listed = self._strings[kind][rows[at]]
            workers = self.pair_workers if len(at) >= PARALLEL_PAIRS else 1
            sims = process.cpdist(
                queries, listed, scorer=Indel.normalized_similarity, workers=workers, score_cutoff=cutoff
            )
            return np.asarray(sims, dtype=np.float64)

        every = np.arange(len(rows), dtype=np.int64)
        # a core similarity below this leaves the floor out of reach whatever the whole names: cpdist may
        # report it as 0 (it stops early), which sets the pair aside just the same
        cutoff = min(1.0, max(0.0, (floor - (1 - CORE_WEIGHT)) / CORE_WEIGHT - 1e-6))
        core = np.maximum(
            similarity(STRING_KINDS[0], every, cutoff), similarity(STRING_KINDS[1], every, cutoff)
        )
        at = np.flatnonzero(CORE_WEIGHT * core + (1 - CORE_WEIGHT) >= floor)
        full = np.maximum(similarity(STRING_KINDS[2], at), similarity(STRING_KINDS[3], at))
        return at[CORE_WEIGHT * core[at] + (1 - CORE_WEIGHT) * full >= floor]

    def _hits(
        self, party: PartyQuery, reading: _Readings, rows: Sequence[int], threshold: float
    ) -> list[ScreeningHit]:
        # the same name on several lists is scored and explained once (by the first row of its form)
        alike = self._alike_rows()
        scores: dict[tuple[bool, int, float, float], float] = {}
        best: dict[int, tuple[float, int]] = {}
        for row in rows:
            pos = self._row_entry[row]
            entry = self.entries[pos].entry
            person = bool(self._row_person[row])
            factor = _schema_factor(party.schema, entry.schema)
            reduced = float(self._row_factor[row])
            key = (person, int(alike[row]), factor, reduced)
            value = scores.get(key)
            if value is None:
                value = scores[key] = screening_score(
                    reading.towards(person), self._forms[row], factor, threshold / reduced
                )
            value *= reduced
            if value >= threshold and (pos not in best or value > best[pos][0]):
                best[pos] = (value, row)
        results: dict[tuple[bool, int, float], MatchResult] = {}
        hits: list[ScreeningHit] = []
        for pos, (_, row) in best.items():
            listed = self.entries[pos]
            entry = listed.entry
            person = bool(self._row_person[row])
            factor = _schema_factor(party.schema, entry.schema)
            explained = (person, int(alike[row]), factor)
            result = results.get(explained)
            if result is None:
                result = results[explained] = explain(reading.towards(person), self._forms[row], factor)
            source = self._row_source[row]
            if source != self._row_name[row]:
                result = without_middle_names_result(result, source)
            features = [(f.name, f.score, f.detail) for f in result.features]
            if source != entry.name:
                features.append(("alias", 1.0, f"matched the listed alias '{source}'"))
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
                    matched_name=source,
                    entry_schema=entry.schema,
                    entry_country=entry.country,
                )
            )
        hits.sort(key=lambda h: (-h.score, h.list_name, h.entry_id))
        return hits

    # For the register's delta re-screen (``services.parties_cross``): the candidate stage's own lookups, and
    # ``screen_many`` with the candidates found elsewhere.

    @property
    def row_foreign(self) -> npt.NDArray[np.bool_]:
        """For every indexed name, whether it is written in Han or Hangul (``cross_keys.foreign``)."""
        return self._row_foreign

    def lookups(self, name: str) -> tuple[list[tuple[str, ...]], list[tuple[str, ...]]]:
        """What ``screen_many`` looks a party name up by (as ``_candidates`` makes them): its texts in the
        index of written names, and its keys in the cross-script index."""
        r = _Readings.of(name)
        written: list[tuple[str, ...]] = [form_texts(r.firm)]
        if r.person.compact != r.firm.compact:
            written.append(form_texts(r.person))
        written += cross_keys.reading_texts(r.firm.original)
        return written, cross_keys.query_keys(r.firm)

    def screen_with_candidates(
        self,
        parties: Sequence[PartyQuery],
        threshold: float,
        owner: npt.NDArray[np.int64],
        rows: npt.NDArray[np.int64],
        cosine: npt.NDArray[np.float64],
    ) -> list[list[ScreeningHit]]:
        """``screen_many`` with the candidate pairs ``(party, row, cosine)`` given (found with the weights and
        cuts of a larger index) in place of those this index would find; the bound on the same-script
        pairs, the cross-script filter and the scorer are ``screen_many``'s own."""
        if not parties:
            return []
        readings = [_Readings.of(p.name) for p in parties]
        return self._screen_pairs(parties, readings, owner, rows, cosine, threshold)

"""Explainable name scoring: a declared list of features, each a score in [0, 1] with a readable detail.

The string similarities are rapidfuzz's (normalised Indel ratio on the run-together form, which forgives
spacing and typos, and on the sorted units, which forgives word order). The score is

    (0.75 · core + 0.25 · full) · places · trade · schema

where ``core`` compares the distinctive words (company and place words removed), ``full`` the whole name,
``places`` lowers the score when both names name different places, ``trade`` when both name a line of
business and share none of it ("Logistics" vs "Magnetics"), and ``schema`` when a person is compared with an
organisation. It is symmetric in its two names, in [0, 1], and 1 for names that read the same.

An exact match (the same name parts in any order and any script: "LI, Fangwei", "Fangwei LI" and 李方伟 read
alike) is never lowered by ``schema``: a listed person's exact name on an order must reach the block
threshold whether the order calls the party a person, a company or nothing at all.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rapidfuzz.distance import Indel

from reechain.compliance.matching.cross_script import (
    PLACE_MISMATCH_FACTOR,
    cross_script_feature,
    is_cross_script,
)
from reechain.compliance.matching.middle_names import MIDDLE_NAMES_FACTOR, without_middle_names
from reechain.compliance.matching.normalise import PERSON, NameForm, analyse
from reechain.compliance.matching.parts import parts_penalty

CORE_WEIGHT = 0.75
TRADE_MISMATCH_FACTOR = 0.85
SCHEMA_MISMATCH_FACTOR = 0.85
_ORGANISATIONS = frozenset({"Company", "Organization", "Vessel", "Airplane"})


@dataclass(frozen=True)
class Feature:
    name: str
    score: float
    detail: str


@dataclass(frozen=True)
class MatchResult:
    score: float
    features: list[Feature] = field(default_factory=list)

    def explain(self) -> str:
        return "; ".join(f"{f.name}={f.score:.2f} ({f.detail})" for f in self.features)


def _similarity(a_compact: str, a_sorted: str, b_compact: str, b_sorted: str) -> float:
    if not a_compact or not b_compact:
        return 0.0
    if a_compact == b_compact:
        return 1.0
    return max(
        Indel.normalized_similarity(a_compact, b_compact), Indel.normalized_similarity(a_sorted, b_sorted)
    )


def _places_factor(a: NameForm, b: NameForm) -> float:
    if a.places and b.places and not set(a.places) & set(b.places):
        return PLACE_MISMATCH_FACTOR
    return 1.0


def _trade_factor(a: NameForm, b: NameForm) -> float:
    if a.generic and b.generic and not set(a.generic) & set(b.generic):
        return TRADE_MISMATCH_FACTOR
    return 1.0


def schemas_compatible(a: str, b: str) -> bool:
    return not ((a == PERSON and b in _ORGANISATIONS) or (b == PERSON and a in _ORGANISATIONS))


def same_parts(a: NameForm, b: NameForm) -> bool:
    """Both names are made of the same parts, in any order (a person's name compared by pinyin syllable)."""
    return bool(a.sorted_units) and a.sorted_units == b.sorted_units


def quick_score(
    a: NameForm, b: NameForm, schema_factor: float = 1.0, threshold: float | None = None
) -> float:
    """The score without the explanation: what screening computes for every candidate. With ``threshold``,
    the cross-script readings are skipped when the score already reaches it (see ``screening_score``)."""
    if same_parts(a, b):
        schema_factor = 1.0
    core = _similarity(a.core_compact, a.sorted_core, b.core_compact, b.sorted_core)
    full = _similarity(a.compact, a.sorted_units, b.compact, b.sorted_units)
    factors = _places_factor(a, b) * _trade_factor(a, b) * schema_factor
    value = (CORE_WEIGHT * core + (1 - CORE_WEIGHT) * full) * factors
    value = _with_new_features(a, b, value, schema_factor, threshold)[0]
    return min(1.0, max(0.0, value))


def base_score(a: NameForm, b: NameForm) -> float:
    """The string similarity and the place and trade factors, without the name-part and cross-script
    features: what ``cross_script`` scores each reading with."""
    core = _similarity(a.core_compact, a.sorted_core, b.core_compact, b.sorted_core)
    full = _similarity(a.compact, a.sorted_units, b.compact, b.sorted_units)
    return (CORE_WEIGHT * core + (1 - CORE_WEIGHT) * full) * _places_factor(a, b) * _trade_factor(a, b)


def string_bound(a: NameForm, b: NameForm) -> float:
    """``base_score`` without the place and trade factors, which can only lower it: a bound on it."""
    core = _similarity(a.core_compact, a.sorted_core, b.core_compact, b.sorted_core)
    full = _similarity(a.compact, a.sorted_units, b.compact, b.sorted_units)
    return CORE_WEIGHT * core + (1 - CORE_WEIGHT) * full


def screening_score(a: NameForm, b: NameForm, schema_factor: float, threshold: float) -> float:
    """``quick_score`` for screening: the cross-script readings (milliseconds each) are only tried for a
    cross-script pair the other features leave below ``threshold``; the result is the same whenever either
    side of the threshold is all that matters."""
    return quick_score(a, b, schema_factor, threshold)


def _with_new_features(
    a: NameForm, b: NameForm, value: float, schema_factor: float, threshold: float | None = None
) -> tuple[float, list[Feature]]:
    """The score after the name-part and cross-script features (``parts``, ``cross_script``), and those
    features. Every pair loses ``PART_PENALTY`` per name part without counterpart; a cross-script pair then
    takes its best reading when that scores higher (not tried when ``threshold`` is already reached)."""
    penalty, detail = parts_penalty(a, b)
    features = [Feature("name_parts", round(1.0 - penalty, 4), detail)]
    value -= penalty
    if not is_cross_script(a, b):
        return value, features
    if threshold is not None and value >= 1.0:
        return value, features
    cross = cross_script_feature(a, b)
    if cross is not None:
        features.append(Feature("cross_script", cross[0], cross[1]))
        # The readings judge a cross-script pair; the pinyin comparison above counts only when exact. An
        # exact reading (every name part, any order) is never lowered by ``schema``.
        reading = cross[0] * (1.0 if cross[0] >= 1.0 else schema_factor)
        value = reading if value < 1.0 else max(value, reading)
    return value, features


def explain(a: NameForm, b: NameForm, schema_factor: float = 1.0) -> MatchResult:
    exact = same_parts(a, b)
    if exact:
        schema_factor = 1.0
    core = _similarity(a.core_compact, a.sorted_core, b.core_compact, b.sorted_core)
    full = _similarity(a.compact, a.sorted_units, b.compact, b.sorted_units)
    places = _places_factor(a, b)
    trade = _trade_factor(a, b)
    value = (CORE_WEIGHT * core + (1 - CORE_WEIGHT) * full) * places * trade * schema_factor
    value, new_features = _with_new_features(a, b, value, schema_factor)
    value = min(1.0, max(0.0, value))
    feats = [
        Feature(
            "core_name", round(core, 4), f"distinctive words '{' '.join(a.core)}' vs '{' '.join(b.core)}'"
        ),
        Feature("full_name", round(full, 4), f"'{' '.join(a.units)}' vs '{' '.join(b.units)}'"),
    ]
    if a.core != b.core and sorted(a.core) == sorted(b.core):
        feats.append(Feature("word_order", 1.0, "same words in a different order"))
    if exact and a.units != b.units:
        feats.append(Feature("same_parts", 1.0, f"the same name parts '{a.sorted_units}' in another order"))
    if a.places or b.places:
        detail = f"{'/'.join(a.places) or '-'} vs {'/'.join(b.places) or '-'}"
        feats.append(Feature("places", places, detail + (" differ" if places < 1 else "")))
    if a.generic or b.generic:
        detail = f"{' '.join(a.generic) or '-'} vs {' '.join(b.generic) or '-'}"
        feats.append(Feature("trade_words", trade, detail + (" share nothing" if trade < 1 else "")))
    if a.legal_forms or b.legal_forms:
        same = bool(set(a.legal_forms) & set(b.legal_forms))
        left, right = ", ".join(a.legal_forms) or "-", ", ".join(b.legal_forms) or "-"
        detail = f"{left} vs {right} (removed before comparing)"
        feats.append(Feature("legal_form", 1.0 if same else 0.5, detail))
    for side, form in (("left", a), ("right", b)):
        for note in form.notes:
            feats.append(Feature("transliteration", 1.0, f"{side}: {note}"))
    if schema_factor < 1:
        feats.append(Feature("schema", schema_factor, "a person compared with an organisation"))
    feats.extend(new_features)
    return MatchResult(score=round(value, 4), features=feats)


def score(left: str, right: str, schema: str = "Company") -> MatchResult:
    """How likely ``left`` and ``right`` name the same party, with the features behind the score. Pure.
    Two persons' names are also compared with either one without its middle names or patronymic
    (``middle_names``), at ``MIDDLE_NAMES_FACTOR`` of that score, as the screener compares a party with a
    listed person's name."""
    best = explain(analyse(left, schema), analyse(right, schema))
    if schema != PERSON:
        return best
    for whole, other in ((left, right), (right, left)):
        shorter = without_middle_names(whole)
        if shorter is None:
            continue
        reduced = without_middle_names_result(
            explain(analyse(other, schema), analyse(shorter[0], schema)), whole
        )
        if reduced.score > best.score:
            best = reduced
    return best


def without_middle_names_result(result: MatchResult, whole: str) -> MatchResult:
    """``result`` of a comparison with ``whole`` without its middle names, at ``MIDDLE_NAMES_FACTOR`` of its
    score, with the feature that says which words were left out."""
    reduced = without_middle_names(whole)
    left_out = " ".join(reduced[1]) if reduced is not None else ""
    feature = Feature(
        "middle_names",
        MIDDLE_NAMES_FACTOR,
        f"compared with '{whole}' without its middle name(s) or patronymic '{left_out}'",
    )
    return MatchResult(round(result.score * MIDDLE_NAMES_FACTOR, 4), [*result.features, feature])

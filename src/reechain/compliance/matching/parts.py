"""Name parts that have no counterpart: the feature that tells "AL-MOSULI" from "AL-TIKRITI" in two names
that otherwise agree.

The distinctive words of the two names are paired one to one, most similar first (rapidfuzz's normalised
Indel similarity). A pair below ``PART_MATCH`` similarity is a part without counterpart, unless one word is
written inside the other name (spacing: ``xiaoruizhi`` against ``xiao rui zhi``). Words left over on the
longer name cost nothing: a listed name often carries a middle name or a patronymic the party leaves out.
Pinyin read from Han is compared by syllable, so 张伟 (``zhangwei``) against "Zhang Wen" finds ``wei``
and ``wen`` apart. Two long words that sound the same (metaphone) are counterparts however they are spelt:
a Cyrillic name romanised two ways (Zelenskii and Zelenskyy). Each part without counterpart lowers the
score by ``PART_PENALTY``, chosen on the fit half of the matching benchmark
(``benchmarks/matching_quality.py``); the feature only ever lowers a score.
"""

from __future__ import annotations

from functools import lru_cache

from rapidfuzz.distance import Indel
from rigour.text.phonetics import metaphone

from reechain.compliance.matching.chinese import PINYIN_SYLLABLES, split_syllables
from reechain.compliance.matching.normalise import NameForm

PART_MATCH = 0.8
PART_PENALTY = 0.2
_MIN_PART = 2  # one-letter parts (initials) are left to the string similarity
SOUND_ALIKE_MIN = 5


def name_parts(form: NameForm, by_syllable: bool = False) -> tuple[str, ...]:
    """The distinctive words of ``form`` (all its words when it has none), pinyin words split into
    syllables when ``by_syllable`` or when they were read from Han."""
    units = form.core or form.units
    if not by_syllable and not any(note.startswith("Han read as") for note in form.notes):
        return tuple(units)
    out: list[str] = []
    for unit in units:
        syllables = split_syllables(unit)
        if len(syllables) > 1 and all(s in PINYIN_SYLLABLES for s in syllables):
            out.extend(syllables)
        else:
            out.append(unit)
    return tuple(out)


@lru_cache(maxsize=65536)
def _unmatched(
    a: tuple[str, ...], b: tuple[str, ...], a_compact: str, b_compact: str, part_match: float
) -> tuple[tuple[str, str], ...]:
    if not a or not b:
        return ()
    # words written the same on both sides pair with each other first (the common case, and cheap)
    rest_b = list(b)
    rest_a: list[str] = []
    for x in a:
        if x in rest_b:
            rest_b.remove(x)
        else:
            rest_a.append(x)
    a, b = tuple(rest_a), tuple(rest_b)
    if not a or not b:
        return ()
    candidates = sorted(
        ((Indel.normalized_similarity(x, y), i, j) for i, x in enumerate(a) for j, y in enumerate(b)),
        key=lambda c: (-c[0], c[1], c[2]),
    )
    used_a: set[int] = set()
    used_b: set[int] = set()
    out: list[tuple[str, str]] = []
    for similarity, i, j in candidates:
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        x, y = a[i], b[j]
        if similarity >= part_match or len(x) < _MIN_PART or len(y) < _MIN_PART:
            continue
        if x in b_compact or y in a_compact or _sound_alike(x, y):
            continue
        out.append((x, y))
    return tuple(out)


def _sound_alike(x: str, y: str) -> bool:
    """Two long words that sound the same (rigour's metaphone): one name romanised two ways, as Cyrillic is
    (Zelenskii and Zelenskyy, Volodimir and Volodymyr). Words shorter than ``SOUND_ALIKE_MIN`` letters (pinyin
    syllables: li and lu sound alike to metaphone) are left to their spelling."""
    return len(x) >= SOUND_ALIKE_MIN and len(y) >= SOUND_ALIKE_MIN and metaphone(x) == metaphone(y)


def unmatched_parts(
    a: NameForm, b: NameForm, part_match: float = PART_MATCH, by_syllable: bool = False
) -> tuple[tuple[str, str], ...]:
    """The pairs of words that were paired but do not agree, e.g. ``(("mosuli", "tikriti"),)``. With
    ``by_syllable``, every word that is wholly pinyin is paired by syllable (a reading of Han against a
    romanised name: "deng xiao ping" against "Deng Xiaoming" finds ping ≠ ming)."""
    ours, theirs = name_parts(a, by_syllable), name_parts(b, by_syllable)
    return _unmatched(ours, theirs, a.compact, b.compact, part_match)


def parts_penalty(
    a: NameForm, b: NameForm, part_match: float = PART_MATCH, by_syllable: bool = False
) -> tuple[float, str]:
    """(amount to subtract from the score, readable detail)."""
    pairs = unmatched_parts(a, b, part_match, by_syllable)
    if not pairs:
        return 0.0, "every paired name part agrees"
    listed = ", ".join(f"'{x}' vs '{y}'" for x, y in pairs)
    return PART_PENALTY * len(pairs), f"{len(pairs)} name part(s) without counterpart: {listed}"

"""The shortcuts of the cross-script filter decide as the plain computation does, on real pairs: the labelled
cross-script pairs of ``benchmarks/data/matching`` (both halves) and Han names of the MOFCOM fixture lists
against Latin names of the same lists and of the labelled sets.

* ``abbreviation.abbreviated`` tries a word only in a run it can be made of (``_made_of``);
* ``cross_keys.likeness`` scores a reading only when its string bound reaches the floor, tries the
  unguided readings before the guided ones, and asks whether the guided reading translates otherwise
  (``cross_script.translated_otherwise``) only when a gloss may translate a word or half of one;
* ``cross_script.sound_reaches`` compares the sound keys' bound before scoring them;
* ``cross_script.read_as`` is cached.
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reechain.compliance.lists import read_list
from reechain.compliance.matching import abbreviation, cross_keys, cross_script
from reechain.compliance.matching.abbreviation import MAX_ACRONYM, MIN_STEPS
from reechain.compliance.matching.chinese import to_simplified
from reechain.compliance.matching.cross_script import (
    PART_MATCH,
    READING_PART_MATCH,
    SOUND_WEIGHT,
    is_japanese,
    is_pinyin,
    keyed,
    read_as,
    reading_score,
    reads_japanese,
    sound_score,
    th_sounds,
    translated_otherwise,
)
from reechain.compliance.matching.normalise import PERSON, NameForm, analyse
from reechain.compliance.matching.screener import CROSS_MARGIN, SOUND_MARGIN
from reechain.compliance.rules import load_rules

MATCHING = Path(__file__).resolve().parents[2] / "benchmarks" / "data" / "matching"
HOLD = load_rules().policy.review_threshold
THRESHOLDS = (HOLD, 0.85)


def _labelled() -> list[tuple[str, str, str]]:
    """(Han name, Latin name, schema) of every labelled cross-script pair."""
    out: list[tuple[str, str, str]] = []
    for name in ("cross_script_hand.csv", "list_bilingual.csv"):
        with (MATCHING / name).open(encoding="utf-8") as f:
            for row in csv.DictReader(f):
                left, right = row["left"], row["right"]
                if cross_keys.foreign(left) == cross_keys.foreign(right):
                    continue
                han, latin = (left, right) if cross_keys.foreign(left) else (right, left)
                out.append((han, latin, PERSON if row["schema"] == PERSON else "Company"))
    return out


@pytest.fixture(scope="module")
def pairs(screening_dir: Path) -> list[tuple[str, str, str]]:
    hans: list[tuple[str, str]] = []
    latins: list[str] = []
    for rel, fmt in [
        ("cn_mofcom/compliance_hub/china-unreliable-entity.json", "mofcom-uel"),
        ("cn_mofcom/compliance_hub/china-control-entities.json", "mofcom-control"),
    ]:
        for e in read_list(screening_dir / rel, fmt):
            schema = PERSON if e.schema == PERSON else "Company"
            for n in e.names():
                if cross_keys.foreign(n):
                    hans.append((n, schema))
                else:
                    latins.append(n)
    labelled = _labelled()
    latins += [latin for _, latin, _ in labelled]
    rng = random.Random(20261128)
    unrelated = [(*rng.choice(hans), rng.choice(latins)) for _ in range(1500)]
    return labelled + [(han, latin, schema) for han, latin, schema in unrelated]


def _words(latin: str) -> tuple[tuple[str, bool], ...]:
    return tuple(
        (w.casefold(), w.isupper())
        for w in dict.fromkeys(abbreviation._LATIN_WORD_RE.findall(latin))
        if len(w) >= MIN_STEPS and (not w.isupper() or len(w) <= MAX_ACRONYM)
    )


def test_abbreviations_found_as_without_the_screen(pairs: list[tuple[str, str, str]]) -> None:
    known = [
        ("北京航空航天大学", "Beihang University"),
        ("广州数控设备有限公司", "GSK CNC Equipment Co., Ltd."),
        ("三菱重工海事技术", "MHI Maritech"),
        ("深圳市大疆创新科技有限公司", "SZ DJI Technology Co., Ltd."),
    ]
    changed = 0
    for han, latin in [*known, *((h, lt) for h, lt, _ in pairs)]:
        simplified = to_simplified(han)
        words = _words(latin)
        plain = abbreviation._abbreviated(simplified, words, screened=False)
        assert abbreviation._abbreviated(simplified, words, screened=True) == plain, (han, latin)
        assert abbreviation.abbreviated(simplified, latin) == plain, (han, latin)
        changed += plain != simplified
    # not vacuous: the known abbreviations and some of the real pairs are spelt
    assert changed >= len(known) + 3
    assert abbreviation.abbreviated("北京航空航天大学", "Beihang University").startswith(" beihang ")


def test_may_abbreviate_is_abbreviated_changing_the_name(pairs: list[tuple[str, str, str]]) -> None:
    """``may_abbreviate`` (some word of the Latin name spells a stretch of a run, ``abbreviation._spells``,
    found without making the abbreviated name) says what comparing ``_abbreviated`` with the name says."""
    known = [
        ("北京航空航天大学", "Beihang University"),
        ("广州数控设备有限公司", "GSK CNC Equipment Co., Ltd."),
        ("深圳市大疆创新科技有限公司", "Shenzhen Daxing Technology"),
        ("国际造船", "CSBC Corporation"),
    ]
    found = 0
    for han, latin in [*known, *((h, lt) for h, lt, _ in pairs)]:
        simplified = to_simplified(han)
        plain = abbreviation._abbreviated(simplified, _words(latin), screened=False) != simplified
        assert abbreviation.may_abbreviate(han, latin) == plain, (han, latin)
        found += plain
    assert abbreviation.may_abbreviate("北京航空航天大学", "Beihang University")
    assert not abbreviation.may_abbreviate("国际造船", "CSBC Corporation")
    assert found >= 3  # not vacuous


_DRAWN_HAN = ["北京航空航天大学", "广州数控设备", "深圳市大疆创新科技", "三菱重工海事技术", "中国稀土集团"]
_DRAWN_WORDS = ["Beihang", "GSK", "SZ", "DJI", "MHI", "Zhongxi", "Xitu", "Daxing", "BH", "Tech", "Group"]


@settings(max_examples=300, deadline=None)
@given(
    han=st.sampled_from(_DRAWN_HAN),
    words=st.lists(st.sampled_from(_DRAWN_WORDS), min_size=1, max_size=4),
)
def test_may_abbreviate_on_drawn_names(han: str, words: list[str]) -> None:
    latin = " ".join(words)
    simplified = to_simplified(han)
    plain = abbreviation._abbreviated(simplified, _words(latin), screened=False) != simplified
    assert abbreviation.may_abbreviate(han, latin) == plain
    assert (abbreviation.abbreviated(simplified, latin) != simplified) == plain


def _likeness_plain(han: NameForm, latin: NameForm, floor: float, sound_floor: float) -> bool:
    """``cross_keys.likeness`` as first written: the guided readings first, every reading scored in full
    (Japanese ones too against a Latin name that looks Japanese, and its sound keys with each keying of th
    the scorer tries)."""
    other = analyse(latin.original)
    japanese = is_japanese(han.original) or reads_japanese(other)
    # the scorer's own test, without the gate's word-by-word screen before it
    translated = translated_otherwise(han.original, latin)
    if translated or abbreviation.may_abbreviate(han.original, latin.original):
        for language in ("mandarin", "japanese") if japanese else ("mandarin",):
            guided = analyse(read_as.__wrapped__(han.original, language, latin))
            if reading_score(guided, other, PART_MATCH) >= floor:
                return True
        sound = sound_score(han, other)
        if sound is not None and sound.score >= floor:
            return True
    unguided = [*cross_keys.readings(han.original)]
    if reads_japanese(other):
        unguided += cross_keys.japanese_only(han.original)
    for _, form in unguided:
        if reading_score(form, other, READING_PART_MATCH) >= floor:
            return True
    if latin.core and not all(is_pinyin(u) for u in latin.core):
        ours = cross_keys._keyed_sounds(han.original)
        for th in th_sounds(other):
            theirs = keyed(other, th)
            if ours and theirs:
                a, b = analyse(ours, PERSON), analyse(theirs, PERSON)
                if SOUND_WEIGHT * reading_score(a, b, syllables=False) >= sound_floor:
                    return True
    return False


def test_likeness_decides_as_the_plain_computation(pairs: list[tuple[str, str, str]]) -> None:
    accepted = 0
    for han, latin, schema in pairs:
        a, b = analyse(han, schema), analyse(latin, schema)
        for threshold in THRESHOLDS:
            floor, sound_floor = threshold - CROSS_MARGIN, threshold - SOUND_MARGIN
            plain = _likeness_plain(a, b, floor, sound_floor)
            assert cross_keys.likeness(a, b, floor, sound_floor) == plain, (han, latin, threshold)
            accepted += plain
    # not vacuous: many pairs are accepted and most unrelated ones are not
    assert 300 < accepted < len(pairs)


def test_sound_reaches_is_the_sound_score_compared(pairs: list[tuple[str, str, str]]) -> None:
    reached = 0
    for han, latin, schema in pairs:
        a, b = analyse(han, schema), analyse(latin)
        sound = sound_score(a, b)
        for floor in (0.5, HOLD - CROSS_MARGIN, HOLD - SOUND_MARGIN, 0.85):
            expected = sound is not None and sound.score >= floor
            assert cross_script.sound_reaches(a, b, floor) == expected, (han, latin, floor)
            reached += expected
    assert reached > 50


def test_cached_reading_is_the_reading(pairs: list[tuple[str, str, str]]) -> None:
    for han, latin, schema in pairs[::7]:
        other = analyse(latin, schema)
        for language in ("mandarin", "cantonese", "korean"):
            assert read_as(han, language, other) == read_as.__wrapped__(han, language, other)


def _translate_plain(
    han: str, other_words: tuple[str, ...], company_words: bool
) -> tuple[tuple[str, str], ...]:
    """``translation.translate`` as first written: every piece of every length looked at (then, as
    ``translate``, a single character inside a transcription spelt)."""
    from reechain.compliance.matching.translation import (
        MAX_WORD,
        _inside_transcriptions_spelt,
        _matching_glosses,
        alone_characters,
    )
    from reechain.compliance.matching.vocabulary import HAN_WORDS

    known = HAN_WORDS if company_words else {}
    words = tuple(dict.fromkeys(other_words))
    by_start: dict[str, list[str]] = {}
    for w in words:
        by_start.setdefault(w.lstrip("~")[:2], []).append(w)
    out: list[tuple[str, str]] = []
    i = 0
    while i < len(han):
        for size in range(min(MAX_WORD, len(han) - i), 0, -1):
            piece = han[i : i + size]
            usual = known.get(piece)
            if usual and all(w in words for w in usual.split()):
                hit: str | None = usual
            else:
                hit = _matching_glosses(piece, words, by_start, alone=alone_characters(han)[i]) or usual
            if hit is not None and (hit or piece in known):
                out.append((piece, hit))
                i += size
                break
        else:
            out.append((han[i], ""))
            i += 1
    return _inside_transcriptions_spelt(out, known)


def test_translation_reads_as_when_every_piece_is_looked_at(pairs: list[tuple[str, str, str]]) -> None:
    from reechain.compliance.matching.cross_script import guide_words
    from reechain.compliance.matching.translation import translate

    translated = 0
    for han, latin, schema in pairs[::3]:
        other = analyse(latin, schema)
        words = guide_words(other.original, other.units)
        simplified = to_simplified(han)
        for company_words in (True, False):
            plain = _translate_plain(simplified, words, company_words)
            assert translate(simplified, words, company_words) == plain, (han, latin)
            translated += any(english for _, english in plain)
    assert translated > 100

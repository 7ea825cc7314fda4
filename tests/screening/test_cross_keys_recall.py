"""Cross-script candidate keys that bring a Han name and the Latin name the scorer holds it against together
(``cross_keys``): the words a Han name spells (in Latin letters, or in a Japanese reading), the words a
run-together Latin word is written of, and a Latin x read as a transcription reads it. Each with a
counter-example; the screener-level cases are MOFCOM entries named in both scripts (the fit half of
``benchmarks/candidate_recall.py``) that the candidate stage used to crowd out of its best
``CROSS_TOP_K``."""

from __future__ import annotations

from pathlib import Path

import pytest

from reechain.compliance.lists import read_list
from reechain.compliance.lists.model import ListedEntry, ListEntry
from reechain.compliance.matching import cross_keys
from reechain.compliance.matching.chinese import has_han
from reechain.compliance.matching.cross_script import sound_key
from reechain.compliance.matching.normalise import analyse
from reechain.compliance.matching.scorer import score
from reechain.compliance.matching.screener import PartyQuery, Screener
from reechain.compliance.rules import load_rules

HOLD = load_rules().policy.review_threshold
CROSS_LISTS = [
    ("cn_mofcom/compliance_hub/china-unreliable-entity.json", "mofcom-uel"),
    ("cn_mofcom/compliance_hub/china-control-entities.json", "mofcom-control"),
]


def _meet(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    return bool(set(a) & set(b))


# ---------------------------------------------------------------- the words a Han name spells


def test_a_japanese_reading_is_a_word_key_a_latin_name_meets() -> None:
    # 日新 nisshin: the Latin name writes Nissin; both key to "niss"
    han = "日新電機株式會社"
    latin = analyse("Nissin Electric Co., Ltd.")
    assert _meet(cross_keys.spelt_keys(han, False), cross_keys.word_keys(latin, False))
    assert _meet(cross_keys.spelt_keys(han, True), cross_keys.word_keys(latin, True))
    # the run-together reading of a word (沖電氣 okidenki) meets the Latin name's OKI through its halves
    oki = analyse("OKI Electric Industry Co., Ltd.")
    assert _meet(cross_keys.spelt_keys("冲电气工程株式会社", False), cross_keys.word_keys(oki, False))


def test_a_latin_word_written_in_a_han_name_is_a_word_key() -> None:
    keys = cross_keys.spelt_keys("OKI電路技術株式會社", False)
    assert _meet(keys, cross_keys.word_keys(analyse("OKI Electric Industry Co., Ltd."), False))
    assert not _meet(keys, cross_keys.word_keys(analyse("Nissin Electric Co., Ltd."), False))


def test_a_chinese_name_spelt_in_syllables_has_no_spelt_keys() -> None:
    # counter-example: a Mandarin reading spells syllables (heng tong), which the index of written names
    # compares; as word keys they would meet every Latin word beginning so
    assert cross_keys.spelt_keys("恒通公司") == ()
    assert cross_keys.spelt_keys("海岸间电子公司") == ()


# ---------------------------------------------------------------- run-together Latin words


def test_a_run_together_latin_word_is_keyed_by_its_words() -> None:
    # 铁山 glosses iron and mountain; IronMountain's own key is "iron" alone
    han = cross_keys.gloss_keys("铁山解决方案公司", True)
    run_together = cross_keys.word_keys(analyse("IronMountain Solutions"), True)
    mountain = cross_keys.word_keys(analyse("Mountain"), True)
    assert set(mountain) <= set(run_together)
    assert set(mountain) <= set(han)
    assert cross_keys.camel_words("AeroVironment, Inc.") == ["aero", "vironment"]


def test_a_word_without_a_capital_inside_is_not_split() -> None:
    # counter-example: Logitec, SYNEXXUS and MHI have no capital after a small letter: no halves guessed
    for name in ("MHI Logitec Co., Ltd.", "SYNEXXUS,Inc.", "Nissin Electric"):
        assert cross_keys.camel_words(name) == []
    assert set(cross_keys.word_keys(analyse("Iron Mountain Solutions"), True)) == set(
        cross_keys.word_keys(analyse("IronMountain Solutions"), True)
    )


# ---------------------------------------------------------------- a Latin x


def test_a_latin_x_is_keyed_as_a_transcription_reads_it() -> None:
    # Synexxus: sns as the scorer keys it, snks as 赛尼克斯 sai ni ke si keys
    assert sound_key("sainikesi") == "snks"
    synexxus = analyse("SYNEXXUS,Inc.")
    snks = cross_keys._key("sound", True, "snks")
    assert snks in cross_keys.transcribed_keys(synexxus, True)
    assert snks in cross_keys.sound_keys(analyse("赛尼克斯公司"), True)
    # a key row of its own: the name's sound keys are those of its words as the scorer keys them
    assert snks not in cross_keys.sound_keys(synexxus, True)
    assert cross_keys.transcribed_keys(synexxus, False) in cross_keys.index_keys(synexxus)
    assert cross_keys.transcribed_keys(synexxus, True) in cross_keys.query_keys(synexxus)


def test_a_pinyin_x_keeps_its_own_key() -> None:
    # counter-example: x in pinyin is a sibilant (xin), not ks; and a Latin name without an x has none
    assert cross_keys.transcribed_keys(analyse("新兴公司"), True) == ()
    assert cross_keys.transcribed_keys(analyse("Lockheed Martin"), True) == ()


# ---------------------------------------------------------------- the screener finds them


def _only(listed: ListedEntry, han: bool) -> ListedEntry:
    e = listed.entry
    names = [n for n in e.names() if has_han(n) == han]
    return ListedEntry(
        listed.list_name + ("-han" if han else "-latin"),
        1,
        ListEntry(e.entry_id, names[0], e.schema, e.country, tuple(names[1:]), e.programs),
    )


@pytest.fixture(scope="module")
def both(screening_dir: Path) -> list[ListedEntry]:
    return [
        ListedEntry(fmt, 1, e)
        for rel, fmt in CROSS_LISTS
        for e in read_list(screening_dir / rel, fmt)
        if any(has_han(n) for n in e.names()) and any(not has_han(n) for n in e.names())
    ]


@pytest.mark.parametrize(
    ("party", "listed"),
    [
        ("日新電機株式會社", "Nissin Electric Co., Ltd."),
        ("三菱重工物流技術株式會社", "MHI Logitec Co., Ltd."),
        ("OKI電路技術株式會社", "OKI Electric Industry Co., Ltd."),
        ("冲电气工程株式会社", "OKI Electric Industry Co., Ltd."),
        ("Nissin Electric Co., Ltd.", "日新电机株式会社"),
        ("SYNEXXUS,Inc.", "赛尼克斯公司"),
    ],
)
def test_the_screener_finds_what_the_scorer_holds(both: list[ListedEntry], party: str, listed: str) -> None:
    assert score(party, listed).score >= HOLD
    screener = Screener([_only(le, not has_han(party)) for le in both])
    hits = screener.screen(PartyQuery(party, None), HOLD)
    assert listed in {h.matched_name for h in hits}

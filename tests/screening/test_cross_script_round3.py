"""Japanese readings, whole-name translation, compound words, abbreviations and acronyms, syllable
mismatches: hand-checked cases.

Expected readings were worked out by hand from pykakasi's dictionary (Hepburn), CC-CEDICT and pinyin."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reechain.compliance.matching import analyse, score
from reechain.compliance.matching.cross_script import (
    SYLLABLE_PENALTY,
    cross_script_feature,
    guide_words,
    reading_score,
    sound_key,
    warm_up,
    with_acronyms,
)
from reechain.compliance.matching.parts import PART_MATCH, PART_PENALTY
from reechain.compliance.matching.readings import is_japanese, japanese
from reechain.compliance.matching.scorer import base_score
from reechain.compliance.matching.translation import (
    abbreviates,
    gloss_acronyms,
    proper_names,
    translate,
)

HOLD = 0.85  # the default screening threshold


def _cross(left: str, right: str, schema: str = "Company") -> float:
    feature = cross_script_feature(analyse(left, schema), analyse(right, schema))
    assert feature is not None
    return feature[0]


# ---------------------------------------------------------------- Japanese readings (pykakasi)


def test_japanese_readings_from_traditional_characters() -> None:
    # 日野 is hino; 汽车 is read from 汽車 (pykakasi's dictionary has no simplified characters)
    assert japanese("日野汽车") == [("日野", ("hino",)), ("汽車", ("kisha",))]
    # long vowels are offered without their length, as English spellings write them: kouwa → kowa
    assert japanese("光和兴业") == [("光和", ("kowa", "kouwa")), ("興業", ("kogyo", "kougyou"))]


def test_only_japanese_names_are_read_in_japanese() -> None:
    assert is_japanese("日野汽车株式会社")
    assert is_japanese("トヨタ自動車")
    assert not is_japanese("华为技术有限公司")


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("光和兴业株式会社", "KOWA KOGYO, Ltd."),
        ("伊藤忠航空株式会社", "ITOCHU Aviation Co., Ltd."),
        ("日东电工株式会社", "Nitto Denko Corporation"),
    ],
)
def test_japanese_company_names_match(left: str, right: str) -> None:
    assert score(left, right).score >= HOLD


def test_japanese_reading_tells_japanese_companies_apart() -> None:
    assert score("日东电工株式会社", "TDK Corporation").score < 0.5


# ---------------------------------------------------------------- translation


def test_a_name_translates_whole_or_not_at_all() -> None:
    assert proper_names("毛泽东") == (frozenset({"mao", "zedong"}),)
    assert proper_names("金正恩") == (frozenset({"kim", "jong", "un"}),)  # "Jong-un" is part of a name
    assert proper_names("厦门") == (frozenset({"xiamen"}), frozenset({"amoy"}))  # "Xiamen or Amoy"
    assert proper_names("机器人") == ()  # not a name
    # "Mao Zemin" has mao but not zedong: 毛泽东 is spelt, not read as "mao"
    assert translate("毛泽东", ("mao", "zemin")) == (("毛", ""), ("泽", ""), ("东", ""))
    assert translate("毛泽东", ("mao", "zedong")) == (("毛泽东", "mao zedong"),)


def test_abbreviations() -> None:
    assert abbreviates("labs", "laboratory")
    assert abbreviates("tech", "technology")
    assert not abbreviates("car", "cargo")  # the gloss must be three letters longer
    assert abbreviates("~aero", "aeronautics")  # half of "AeroDefense"
    assert not abbreviates("~com", "commerce")  # half of "Telecom": too short a half


def test_compound_words_and_acronyms_guide_translation() -> None:
    words = guide_words("Firestorm Labs, Inc.", analyse("Firestorm Labs, Inc.").units)
    assert "~storm" in words and "~fire" in words
    assert translate("风暴实验室", words) == (("风暴", "storm"), ("实验室", "labs"))
    assert "ai" in gloss_acronyms("人工智能")  # artificial intelligence
    words = guide_words("Shield AI, Inc.", analyse("Shield AI, Inc.").units)
    assert translate("人工智能", words) == (("人工智能", "ai"),)


def test_reading_acronyms() -> None:
    assert with_acronyms("mitsubishi heavy industries kaiji", "MHI Maritech") == "mhi kaiji"
    assert with_acronyms("mitsubishi heavy industries", "Mitsubishi") == "mitsubishi heavy industries"


# ---------------------------------------------------------------- syllables and sound keys


def test_one_wrong_syllable_is_a_different_person() -> None:
    # the Mandarin reading zhang wei against "Zhang Wen": wei ≠ wen costs a part and a syllable
    reading, latin = analyse("zhang wei"), analyse("Zhang Wen")
    expected = base_score(reading, latin) - PART_PENALTY - SYLLABLE_PENALTY
    assert reading_score(reading, latin, PART_MATCH) == pytest.approx(expected)
    assert _cross("张伟", "Zhang Wen", "Person") < 0.6
    assert _cross("邓小平", "Deng Xiaoming", "Person") < 0.6
    assert _cross("邓小平", "Deng Xiaoping", "Person") == 1.0
    assert _cross("陈大文", "Chan Tai Ming", "Person") < 0.6  # Cantonese man ≠ ming
    assert _cross("陈大文", "Chan Tai Man", "Person") == 1.0


def test_foreign_name_parts_are_keyed_whole() -> None:
    # 瓦特斯 wa te si keys to one word, fts, compared with watters → fts (agrees) or purvis → pfs
    assert sound_key("watesi") == sound_key("watters") == "fts"
    assert _cross("约翰·瓦特斯", "John Watters", "Person") >= HOLD


@given(st.text(alphabet="三菱日野光和兴业株式会社电工", min_size=1, max_size=8))
def test_japanese_reading_never_fails(text: str) -> None:
    for _, spellings in japanese(text):
        assert spellings and all(s.isascii() for s in spellings)


def test_warm_up_loads_every_table() -> None:
    assert set(warm_up()) == {"cc_cedict", "cantonese", "korean", "japanese"}
    assert max(warm_up().values()) < 0.05  # loaded once per process

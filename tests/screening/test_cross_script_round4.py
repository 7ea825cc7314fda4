"""Cross-script pairs judged by their readings: Wade-Giles, romanised syllables compared by their initial
consonant, syllables a reading has beyond a pinyin name, exact readings in any order, sound keys that look
like legal forms, company words written in the other name. Hand-checked cases.

Expected readings were worked out by hand from pypinyin's Wade-Giles style, the Hong Kong Government
Cantonese Romanisation and CC-CEDICT."""

from __future__ import annotations

import pytest

from reechain.compliance.matching import analyse, score
from reechain.compliance.matching.cross_script import (
    _onset,
    _syllables_left_over,
    cross_script_feature,
    guide_words,
    read_as,
)
from reechain.compliance.matching.scorer import quick_score, screening_score
from reechain.compliance.matching.translation import translate

HOLD = 0.85  # the default screening threshold


def _cross(left: str, right: str, schema: str = "Company") -> tuple[float, str]:
    feature = cross_script_feature(analyse(left, schema), analyse(right, schema))
    assert feature is not None
    return feature


def test_wade_giles_reading() -> None:
    # pypinyin's Wade-Giles: 邓 teng, 小 hsiao, 平 p'ing; "Teng" is also a pinyin syllable, so the Latin
    # side alone cannot tell it is Wade-Giles
    assert read_as("邓小平", "wade_giles", analyse("Teng Hsiao-p'ing")) == "teng hsiao ping"
    value, detail = _cross("邓小平", "Teng Hsiao-p'ing", "Person")
    assert value == 1.0 and detail.startswith("wade_giles reading")
    assert score("邓小平", "Teng Hsiao-p'ing", "Person").score == 1.0


def test_syllable_onsets() -> None:
    assert _onset("kwok") == _onset("kuok") == _onset("koi") == "k"
    assert _onset("chong") == _onset("jong") == "c"
    assert _onset("ri") == _onset("li") == "l"
    assert _onset("sing") == "s" and _onset("hing") == "h"
    assert _onset("an") == ""


def test_macau_spelling_of_a_cantonese_name() -> None:
    # 尹國駒: Hong Kong romanisation wan kwok kui; the Macau list writes "Wan Kuok Koi". kwok/kuok and
    # kui/koi start alike, so only the name-part rule below 0.6 could cost; the near miss "Leong" does not
    # start like kui and stays below
    same = score("尹國駒", "Wan Kuok Koi", "Person").score
    other = score("尹國駒", "Wan Kuok Leong", "Person").score
    assert same > other
    assert _cross("尹國駒", "Wan Kuok Koi", "Person")[1].startswith("cantonese reading 'wan kwok kui'")


def test_a_syllable_the_pinyin_name_lacks() -> None:
    reading = analyse("wuhan xiao rui zhi science technology")
    assert _syllables_left_over(reading, analyse("Wuhan Xiaorui Science and Technology")) == 1
    assert _syllables_left_over(reading, analyse("Wuhan Xiaoruizhi Science and Technology")) == 0
    # an English or foreign Latin name is not pinyin: nothing is counted
    assert _syllables_left_over(analyse("lan mao"), analyse("Blue Hat")) == 0
    full = "武汉晓睿智科技有限责任公司"
    assert score(full, "WUHAN XIAORUIZHI SCIENCE AND TECHNOLOGY COMPANY LIMITED").score == 1.0
    assert score(full, "Wuhan Xiaorui Science and Technology Company Limited").score < HOLD


def test_the_readings_judge_a_cross_script_pair() -> None:
    # the plain pinyin comparison finds 'hairun' close to 'hairong' (0.88); the reading pairs hai run
    # against hai rong syllable by syllable and finds run ≠ rong
    assert score("金华市海润动力科技有限公司", "Jinhua Hairong Power Technology Co. Ltd").score < HOLD
    assert score("金华市海润动力科技有限公司", "Jinhua Hairun Power Technology Co. Ltd").score == 1.0


@pytest.mark.parametrize("schema", ["Person", "Company", "Organization", "LegalEntity"])
def test_exact_reading_in_any_order_whatever_the_schema(schema: str) -> None:
    # issue 10 section 1: an exact match of all name parts, any order, any script, whatever the schema
    assert score("李方伟", "Fangwei LI", schema).score == 1.0
    assert score("赵光宗", "Guangzong ZHAO", schema).score == 1.0
    assert score("李方伟", "Fangming LI", schema).score < HOLD


def test_sound_keys_are_not_taken_for_legal_forms() -> None:
    # Red keys to 'lt', which the firm normaliser would drop as a legal form; kept, it differs from
    # 蓝 lan ('ln'), so "Red Hat" is not 蓝帽 (blue hat)
    assert score("蓝帽互动娱乐", "Red Hat Interactive Entertainment").score < 0.7
    assert score("蓝帽互动娱乐", "Blue Hat Interactive Entertainment").score >= HOLD


def test_company_word_written_in_the_other_name_wins_over_a_half_word() -> None:
    words = guide_words("LKD Aerospace", analyse("LKD Aerospace").units)
    assert "~space" in words  # half of "aerospace", which the gloss of 航天 ("space flight") matches
    assert translate("航天", words, company_words=True) == (("航天", "aerospace"),)
    assert score("LKD航天公司", "LKD Aerospace").score == 1.0


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("金华市海润动力科技有限公司", "Jinhua Hairong Power Technology Co. Ltd"),
        ("邓小平", "Teng Hsiao-p'ing"),
        ("李方伟", "Fangwei LI"),
    ],
)
def test_screening_score_is_the_pair_score(left: str, right: str) -> None:
    a, b = analyse(left), analyse(right)
    full = quick_score(a, b)
    for threshold in (0.5, 0.7, HOLD, 0.95):
        assert screening_score(a, b, 1.0, threshold) == full

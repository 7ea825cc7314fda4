"""Textbook name-matching cases: each pair says what a compliance officer expects."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reechain.compliance.matching import analyse, score

THRESHOLD = 0.85

SAME_PARTY = [
    # Han simplified vs traditional
    ("武汉晓睿智科技有限责任公司", "武漢曉睿智科技有限責任公司", "Company"),
    # Han vs the listed English form (UK list, entry CYB0044)
    ("武汉晓睿智科技有限责任公司", "WUHAN XIAORUIZHI SCIENCE AND TECHNOLOGY COMPANY LIMITED", "Company"),
    ("武漢曉睿智科技有限責任公司", "Wuhan Xiaoruizhi Technology Co., Ltd.", "Company"),
    # pinyin with and without spaces
    (
        "Wu Han Xiao Rui Zhi Science and Technology Co Ltd",
        "WUHAN XIAORUIZHI SCIENCE AND TECHNOLOGY COMPANY LIMITED",
        "Company",
    ),
    ("Bao Tou Steel Rare Earth Hi Tech", "Baotou Steel Rare Earth Hi-Tech", "Company"),
    # a person in Han script vs the listed Latin name (UK list: Guangzong ZHAO ↔ 赵光宗), given/family order
    ("赵光宗", "Guangzong ZHAO", "Person"),
    ("ZHAO Guang Zong", "Guangzong ZHAO", "Person"),
    # Wade-Giles vs pinyin
    ("Pei-ching Ch'ing-hua University", "Beijing Qinghua University", "Organization"),
    ("Mao Tse-tung", "Mao Zedong", "Person"),
    ("Hsiao Ping", "Xiao Ping", "Person"),
    # legal forms in several languages
    ("Example Magnetics K.K.", "Example Magnetics Kabushiki Kaisha", "Company"),
    ("Siemens Aktiengesellschaft", "SIEMENS AG", "Company"),
    ("Lafert S.p.A.", "LAFERT SPA", "Company"),
    ("TELEPORT COMPANY S.A.L.", "TELEPORT COMPANY SAL", "Company"),
    ("Acme Trading Limited Liability Company", "ACME TRADING LLC", "Company"),
    ("Sample Rare Earth Group Co., Ltd.", "Sample Rare Earth Group Company Limited", "Company"),
    ("包头稀土研究院", "Baotou Rare Earth Research Institute", "Organization"),
    # word order
    ("MOUKALLED, Firas Hasan", "Firas Hasan MOUKALLED", "Person"),
    # typos
    ("Banco Nacional de Cuba", "Banko Nacional de Cuba", "Company"),
    ("AEROCARIBBEAN AIRLINES", "AEROCARRIBEAN AIRLINES", "Company"),
]

DIFFERENT_PARTIES = [
    (
        "Beijing Zhongke Sanhuan High-Tech Co., Ltd.",
        "Beijing Tianyi Science and Technology Co., Ltd.",
        "Company",
    ),
    ("北京中科三环高科技股份有限公司", "北京天宜科技有限公司", "Company"),
    ("Shanghai Huawei Technology Co", "Beijing Huawei Technology Co", "Company"),
    ("Example Logistics (Tianjin) Co., Ltd.", "Example Magnetics K.K.", "Company"),
    ("Zhang Wei", "Wang Fang", "Person"),
    ("China Northern Rare Earth Group", "China Southern Rare Earth Group", "Company"),
]


@pytest.mark.parametrize(("left", "right", "schema"), SAME_PARTY)
def test_same_party_scores_above_threshold(left: str, right: str, schema: str) -> None:
    result = score(left, right, schema)
    assert result.score >= THRESHOLD, result.explain()


@pytest.mark.parametrize(("left", "right", "schema"), DIFFERENT_PARTIES)
def test_different_parties_stay_low(left: str, right: str, schema: str) -> None:
    result = score(left, right, schema)
    assert result.score < 0.8, result.explain()


def test_han_and_english_forms_read_alike() -> None:
    result = score("武汉晓睿智科技有限责任公司", "WUHAN XIAORUIZHI SCIENCE AND TECHNOLOGY COMPANY LIMITED")
    assert result.score == 1.0
    names = {f.name for f in result.features}
    assert {"core_name", "full_name", "places", "legal_form", "transliteration"} <= names
    translit = [f.detail for f in result.features if f.name == "transliteration"]
    assert any("武汉晓睿智→wuhanxiaoruizhi" in d and "科技=science technology" in d for d in translit)


def test_place_mismatch_is_explained() -> None:
    result = score("Shanghai Huawei Technology Co", "Beijing Huawei Technology Co")
    places = next(f for f in result.features if f.name == "places")
    assert places.score < 1 and "differ" in places.detail


def test_word_order_feature() -> None:
    result = score("Hasan MOUKALLED Firas", "Firas Hasan MOUKALLED", "Person")
    assert result.score == 1.0
    assert any(f.name == "word_order" for f in result.features)


def test_empty_name_scores_zero() -> None:
    assert score("", "ACME").score == 0.0
    assert score("Co., Ltd.", "ACME").score < 0.5


names = st.text(
    alphabet=st.sampled_from(list("abcdefghijklmnopqrstuvwxyz ABCXYZ.,-'中国科技有限公司武汉北京")),
    max_size=30,
)


@settings(max_examples=200, deadline=None)
@given(names, names, st.sampled_from(["Company", "Person"]))
def test_score_is_symmetric_and_in_unit_interval(left: str, right: str, schema: str) -> None:
    a = score(left, right, schema).score
    b = score(right, left, schema).score
    assert 0.0 <= a <= 1.0
    assert a == pytest.approx(b, abs=1e-9)


@settings(max_examples=200, deadline=None)
@given(names, st.sampled_from(["Company", "Person"]))
def test_identical_names_score_one(name: str, schema: str) -> None:
    expected = 1.0 if analyse(name, schema).compact else 0.0  # nothing left after normalising: no match
    assert score(name, name, schema).score == expected

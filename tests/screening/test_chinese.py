from __future__ import annotations

import pytest
from pypinyin import Style, lazy_pinyin

from reechain.compliance.matching import analyse
from reechain.compliance.matching.chinese import (
    read_han,
    split_syllables,
    to_simplified,
    wade_giles_to_pinyin,
)
from reechain.compliance.matching.syllables import PINYIN_TO_WADE_GILES


@pytest.mark.parametrize(
    ("syllable", "wade_giles"),
    # textbook Wade-Giles spellings
    [("jing", "ching"), ("qing", "ch'ing"), ("xiao", "hsiao"), ("zhou", "chou"), ("cai", "ts'ai")],
)
def test_wade_giles_table_textbook_syllables(syllable: str, wade_giles: str) -> None:
    assert PINYIN_TO_WADE_GILES[syllable] == wade_giles


def test_wade_giles_table_is_built_from_pypinyin() -> None:
    # every syllable of pypinyin's readings is there (about 420), and a character's Wade-Giles reading is
    # the table's entry for its pinyin
    assert 400 <= len(PINYIN_TO_WADE_GILES) <= 450
    for char in "北京清华大学深圳武汉晓睿智张伟":
        pinyin = lazy_pinyin(char, style=Style.NORMAL)[0].replace("ü", "v")
        assert PINYIN_TO_WADE_GILES[pinyin] == lazy_pinyin(char, style=Style.WADEGILES)[0]


@pytest.mark.parametrize(
    ("wade_giles", "pinyin"),
    [
        ("Pei-ching", "beijing"),
        ("Ch'ing-hua", "qinghua"),
        ("Tse-tung", "zedong"),
        ("Hsiao", "xiao"),
        ("Kuang-chou", "guangzhou"),
        ("T'ien-chin", "tianjin"),
        ("Hsüeh", "xue"),
    ],
)
def test_wade_giles_to_pinyin(wade_giles: str, pinyin: str) -> None:
    assert wade_giles_to_pinyin(wade_giles) == pinyin


@pytest.mark.parametrize("word", ["Xi-an", "Smith", "Anglo-Caribbean", "chang", "Rolls-Royce"])
def test_words_that_are_not_wade_giles_are_left_alone(word: str) -> None:
    assert wade_giles_to_pinyin(word) is None


def test_traditional_to_simplified() -> None:
    assert to_simplified("武漢曉睿智科技有限責任公司") == "武汉晓睿智科技有限责任公司"
    assert to_simplified("ACME") == "ACME"


def test_split_syllables() -> None:
    assert split_syllables("xiaoruizhi") == ("xiao", "rui", "zhi")
    assert split_syllables("wuhan") == ("wu", "han")
    assert split_syllables("technology") == ("technology",)


def test_read_han_translates_company_words_and_sets_legal_forms_aside() -> None:
    r = read_han("武汉晓睿智科技有限责任公司")
    assert r.words == ["wuhanxiaoruizhi", "science", "technology"]
    assert r.legal_forms == ["co ltd"]


def test_legal_forms_of_both_scripts_are_removed() -> None:
    for name in ("北京天宜科技有限公司", "北京天宜科技股份有限公司", "Beijing Tianyi Technology Co., Ltd."):
        form = analyse(name)
        assert form.core == ("tianyi",), name
        assert form.places == ("beijing",), name


def test_spaced_and_unspaced_pinyin_give_the_same_run_together_form() -> None:
    assert analyse("Wu Han Xiao Rui Zhi").compact == analyse("WUHAN XIAORUIZHI").compact == "wuhanxiaoruizhi"

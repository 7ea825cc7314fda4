"""Name parts, other readings of Han and Hangul, and translated words: hand-checked cases.

Every expected value below was worked out by hand from the reading tables and the dictionary
(Hong Kong Government Cantonese Romanisation, the hanja table, McCune-Reischauer, CC-CEDICT)."""

from __future__ import annotations

import pytest

from reechain.compliance.matching import analyse, score
from reechain.compliance.matching.cross_script import cross_script_feature, read_as, sound_key
from reechain.compliance.matching.parts import PART_PENALTY, unmatched_parts
from reechain.compliance.matching.readings import cantonese, choose, korean
from reechain.compliance.matching.scorer import quick_score, screening_score
from reechain.compliance.matching.translation import gloss_words, same_word, translate

HOLD = 0.85  # the default screening threshold


def _feature(left: str, right: str, schema: str, name: str) -> tuple[float, str]:
    found = [f for f in score(left, right, schema).features if f.name == name]
    assert found, f"no {name} feature"
    return found[0].score, found[0].detail


# ---------------------------------------------------------------- translation (CC-CEDICT)


def test_cedict_glosses() -> None:
    assert {"blue"} <= gloss_words("蓝")
    assert {"robot"} <= gloss_words("机器人")
    assert gloss_words("金正恩") >= {"kim", "jong", "un"}
    assert "il" not in gloss_words("金正恩")  # "third son of Kim Jong-il" is after the first comma
    assert gloss_words("没有这个词") == frozenset()


@pytest.mark.parametrize(
    ("gloss", "word", "same"),
    [
        ("robot", "robotics", True),
        ("hold", "holdings", True),
        ("commerce", "commercial", True),
        ("art", "arts", True),
        ("car", "cargo", False),
        ("general", "generation", False),
    ],
)
def test_same_word(gloss: str, word: str, same: bool) -> None:
    assert same_word(gloss, word) is same


def test_translation_is_guided_by_the_other_name() -> None:
    assert translate("蓝帽子科技", ("blue", "hat", "technology")) == (
        ("蓝", "blue"),
        ("帽子", "hat"),
        ("科技", "technology"),
    )
    # nothing in the other name to translate to: characters stay as they are
    assert translate("蓝帽", ("red", "hat")) == (("蓝", ""), ("帽", "hat"))


def test_blue_hat_matches_and_red_hat_does_not() -> None:
    assert score("蓝帽子科技", "Blue Hat Technology").score == 1.0
    assert score("蓝帽互动娱乐", "Blue Hat Interactive Entertainment").score >= HOLD
    value, detail = _feature("蓝帽子科技", "Blue Hat Technology", "Company", "cross_script")
    assert value == 1.0 and "'blue hat technology'" in detail
    assert score("蓝帽互动娱乐", "Red Hat Interactive Entertainment").score < HOLD


def test_robotics_and_holdings_translated() -> None:
    assert score("深圳机器人技术有限公司", "Shenzhen Robot Technology Co. Ltd.").score == 1.0
    assert score("华信控股有限公司", "Huaxin Holdings Ltd.").score >= 0.8
    assert (
        score("华信控股有限公司", "Huaxin Holdings Ltd.").score
        > score("华信控股有限公司", "Huaxin Investment Ltd.").score
    )


# ---------------------------------------------------------------- Cantonese and Korean readings


def test_cantonese_readings() -> None:
    # 陳 chan, 大 tai/dai/daai, 文 man (Hong Kong Government Romanisation)
    readings = dict(cantonese("陈大文"))
    assert "chan" in readings["陈"]
    assert "tai" in readings["大"]
    assert choose(cantonese("陈大文"), "chantaiman") == ["chan", "tai", "man"]


def test_a_character_whose_s2t_form_the_table_lacks_is_read_by_its_hong_kong_form() -> None:
    # opencc's s2t writes 为 as 爲; the Cantonese table keys 為 (s2hk).
    # Every Han character of the name is read.
    read = dict(cantonese("华为众"))
    assert set(read) == {"华", "为", "众"}
    assert "wai" in read["为"]
    assert "chung" in read["众"]


def test_a_character_inside_a_transcription_is_spelt_not_translated() -> None:
    # 维 glosses "dimension", but in 埃克索维拉 it is a sound between sounds.
    assert score("埃克索维拉公司", "Global Dimensions LLC").score < 0.5
    # A translated word of its own still counts.
    assert score("蓝帽互动娱乐", "Blue Hat Interactive Entertainment").score >= 0.9


def test_cantonese_name_matches() -> None:
    assert score("陈大文", "Chan Tai Man", "Person").score == 1.0
    assert score("陳大文", "CHAN Tai-man", "Person").score == 1.0
    _, detail = _feature("陈大文", "Chan Tai Man", "Person", "cross_script")
    assert detail.startswith("cantonese reading 'chan tai man'")
    assert score("新鸿基地产", "Sun Hung Kai Properties").score >= HOLD


def test_korean_readings() -> None:
    # 金 as a surname is 김 (Kim); 正 정 chŏng/jeong (DPRK "jong"); 恩 은 ŭn/eun
    spellings = dict(korean("金正恩"))
    assert "kim" in spellings["金"]
    assert {"chong", "jong", "jeong"} <= set(spellings["正"])
    assert {"un", "eun"} <= set(spellings["恩"])
    # 李 keeps its original initial in the table (리, North Korean "Ri") and the South Korean form (이)
    assert {"ri", "i"} <= set(dict(korean("李"))["李"])


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("金正恩", "Kim Jong Un"),
        ("김정은", "Kim Jong Un"),
        ("리창호", "RI CHANG HO"),  # UK sanctions list
        ("崔龙海", "Choe Ryong Hae"),
        ("端川商業銀行", "TANCHON COMMERCIAL BANK"),  # OFAC SDN; 商業 commercial and 銀行 bank translated
    ],
)
def test_korean_pairs_match(left: str, right: str) -> None:
    assert score(left, right, "Person").score >= HOLD


def test_korean_near_miss_stays_below_hold() -> None:
    assert score("김정은", "Kim Jong Nam", "Person").score < HOLD
    assert score("崔龙海", "Choe Ryong Su", "Person").score < HOLD


# ---------------------------------------------------------------- pinyin persons and near misses


def test_zhang_wei() -> None:
    assert score("张伟", "Zhang Wei", "Person").score == 1.0
    assert score("张伟", "Wei ZHANG", "Person").score == 1.0
    assert score("張偉", "Zhāng Wěi", "Person").score == 1.0


def test_same_surname_near_miss_stays_below_hold() -> None:
    # 张伟 and Zhang Wen share the surname and one letter short of the given name: wei vs wen have no
    # counterpart, so the name-part feature takes PART_PENALTY off
    assert unmatched_parts(analyse("张伟", "Person"), analyse("Zhang Wen", "Person")) == (("wei", "wen"),)
    assert score("张伟", "Zhang Wen", "Person").score < HOLD
    assert score("李方伟", "LI Guowei", "Person").score < HOLD
    assert score("陈大文", "Chan Tai Ming", "Person").score < HOLD


def test_same_city_near_miss_stays_below_hold() -> None:
    assert score("哈尔滨工程大学", "Harbin Institute of Technology").score < HOLD
    assert score("成都景昕科技有限公司", "CHENGDU JINGHUA TECHNOLOGY CO. LTD").score < HOLD


# ---------------------------------------------------------------- foreign names written in Han


def test_sound_key() -> None:
    # Lafert → 拉法特 la-fa-te: the coda r is dropped; both reduce to l-f-t
    assert sound_key("lafert") == sound_key("lafate") == "lft"
    assert sound_key("garnet") == sound_key("jianaite") == "knt"


def test_foreign_name_rendering() -> None:
    assert score("拉法特集团", "Lafert S.p.A.").score >= 0.75  # MOFCOM control list 2026-30
    assert score("拉法特集团", "Lafert S.p.A.").score > score("拉法特集团", "Lafarge S.A.").score


# ---------------------------------------------------------------- name parts (Latin script)


def test_name_part_without_counterpart_lowers_the_score() -> None:
    left, right = "IZZAT IBRAHIM AL-MOSULI", "IZZAT IBRAHIM AL-DURI"
    assert unmatched_parts(analyse(left, "Person"), analyse(right, "Person")) == (("mosuli", "duri"),)
    value, detail = _feature(left, right, "Person", "name_parts")
    assert value == pytest.approx(1 - PART_PENALTY)
    assert "'mosuli' vs 'duri'" in detail
    assert score(left, right, "Person").score < HOLD


def test_typos_and_missing_middle_names_cost_nothing() -> None:
    assert unmatched_parts(analyse("Sergi Lavrov", "Person"), analyse("Sergei Lavrov", "Person")) == ()
    # a part left over on the longer name is no mismatch
    assert (
        unmatched_parts(
            analyse("SIRAJUDDIN HAQQANI", "Person"), analyse("SIRAJUDDIN JALLALOUDINE HAQQANI", "Person")
        )
        == ()
    )
    assert score("Sergi Lavrov", "Sergei Lavrov", "Person").score >= HOLD


def test_read_as_keeps_latin_parts_and_legal_forms() -> None:
    other = analyse("ACT1 Federal")
    assert read_as("ACT1联邦公司", "mandarin", other).split()[0] == "ACT1"
    assert read_as("华为技术有限公司", "mandarin", analyse("Huawei Technologies")).endswith("co ltd")


def test_not_cross_script() -> None:
    assert cross_script_feature(analyse("Zhang Wei"), analyse("Zhang Wei")) is None
    assert cross_script_feature(analyse("张伟"), analyse("張偉")) is None


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("蓝帽子科技", "Blue Hat Technology"),
        ("陈大文", "Chan Tai Ming"),
        ("IZZAT IBRAHIM AL-MOSULI", "IZZAT IBRAHIM AL-DURI"),
        ("Siemens AG", "Siemens Aktiengesellschaft"),
    ],
)
def test_screening_score_agrees_with_quick_score_about_the_threshold(left: str, right: str) -> None:
    a, b = analyse(left), analyse(right)
    full = quick_score(a, b)
    for threshold in (0.5, 0.7, HOLD, 0.95):
        assert (screening_score(a, b, 1.0, threshold) >= threshold) == (full >= threshold)


def test_sound_key_reads_codas_as_a_chinese_transcription_does() -> None:
    # m before a consonant is the nasal coda n/ng: Bromberg 布朗伯格 bu-lang-bo-ge, Schimpf 申普夫 shen-pu-fu
    assert sound_key("bromberg") == sound_key("bulangboge") == "plnpk"
    assert sound_key("schimpf") == sound_key("shenpufu")
    assert sound_key("mcdonald").startswith("mk")  # a word-initial m stays m (麦克 mai-ke)
    # a w after a vowel is a vowel (Brown 布朗 bu-lang); a final ch is qi (Mitch 米奇, Hoflich 霍夫利奇)
    assert sound_key("brown") == sound_key("bulang")
    assert sound_key("mitch") == sound_key("miqi")
    assert sound_key("hoflich") == sound_key("huofuliqi")
    assert sound_key("heubusch") != sound_key("puweisi")  # 普维斯 is not Heubusch


def test_foreign_person_names_read_by_transcription_codas() -> None:
    matched = score("马修·布朗伯格", "Matthew Bromberg", "Person").score
    assert matched > 0.55
    assert score("约翰·普维斯", "John Heubusch", "Person").score < matched


def test_compound_senses_come_from_cc_cedict_compounds() -> None:
    from reechain.compliance.matching.translation import compound_senses, translation_glosses

    assert "cubic" in compound_senses("立方")  # 立方 "cube" only; 立方体, 立方米 ... say cubic
    assert "solution" in compound_senses("解决")
    assert "cubic" in translation_glosses("立方")
    assert "cubic" not in gloss_words("立方")  # the candidate stage's keys stay the entry's own glosses
    assert translation_glosses("立") == gloss_words("立")  # single characters keep their own glosses
    assert compound_senses("没有这个词") == frozenset()
    # a translation guided by the other name may use them
    assert (
        score("立方全球防务公司", "Cubic Global Defense").score
        > score("立方全球防务公司", "Cobham Defense").score
    )


def test_a_chinese_personal_name_with_another_syllable_is_another_person() -> None:
    from reechain.compliance.matching.cross_script import PERSONAL_NAME_MISMATCH_FACTOR

    assert PERSONAL_NAME_MISMATCH_FACTOR < 1
    same = score("张伟", "Zhang Wei", "Person").score
    other = score("张伟", "Zhang Wen", "Person").score
    assert same >= HOLD
    assert other < 0.3  # one syllable of two differs
    # a company name (not a personal name) is not lowered this way
    company = cross_script_feature(
        analyse("大华技术股份有限公司"), analyse("Zhejiang Huada Technology Co. Ltd.")
    )
    assert company is not None and company[0] > 0.5


def test_untranslated_dictionary_words_against_unexplained_latin_words() -> None:
    from reechain.compliance.matching.cross_script import untranslated_words

    latin = analyse("Mitsubishi Heavy Industries Maritime Systems, Ltd.")
    # 发动机 "engine" is a dictionary word the Latin name does not say
    assert untranslated_words("三菱重工航空发动机株式会社", latin) >= 1
    assert (
        untranslated_words(
            "三菱重工海事系统株式会社", analyse("Mitsubishi Heavy Industries Maritime Systems")
        )
        == 0
    )
    sibling = score("三菱重工航空发动机株式会社", "Mitsubishi Heavy Industries Maritime Systems, Ltd.").score
    same = score("三菱重工航空发动机株式会社", "Mitsubishi Heavy Industries Aero Engines, Ltd.").score
    assert sibling < 0.5 < same

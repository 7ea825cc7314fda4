"""The candidate stage lets through the pairs the scorer reads in its newer ways (``cross_script``): a
Latin th keyed as s in the sound reading (``th_sounds``), Japanese readings of a Han name whose Latin
counterpart looks Japanese (``reads_japanese``), and a word of three letters that abbreviates a gloss
(``translation.abbreviates``); each against a pair the candidate stage must still reject."""

from __future__ import annotations

import numpy as np

from reechain.compliance.lists.model import ListedEntry, ListEntry
from reechain.compliance.matching import cross_keys
from reechain.compliance.matching.normalise import NameForm, analyse
from reechain.compliance.matching.scorer import score
from reechain.compliance.matching.screener import CROSS_MARGIN, SOUND_MARGIN, PartyQuery, Screener
from reechain.compliance.rules import load_rules

HOLD = load_rules().policy.review_threshold
FLOOR, SOUND_FLOOR = HOLD - CROSS_MARGIN, HOLD - SOUND_MARGIN


def _gate(han: str, latin: str) -> cross_keys.Gate:
    return cross_keys.gate(
        [analyse(han, "Company")],
        [analyse(latin, "Company")],
        np.zeros(1, np.int64),
        np.zeros(1, np.int64),
        FLOOR,
        SOUND_FLOOR,
    )


def _keys(rows: list[tuple[str, ...]]) -> set[str]:
    return {k for row in rows for k in row}


def _form(name: str) -> NameForm:
    return analyse(name, "Company")


def _found(party: str, listed: str) -> bool:
    screener = Screener([ListedEntry("t", 1, ListEntry("1", listed, "Company", None, (), ()))])
    return bool(screener.screen(PartyQuery(party, None), HOLD))


def test_th_read_as_s_passes_the_sound_gate_and_shares_keys() -> None:
    # 雷神 lei shen (l sn) against Raytheon: ltn with th as t, lsn with th as s (the scorer's reading)
    assert score("雷神公司", "Raytheon Company").score >= HOLD
    found = _gate("雷神公司", "Raytheon Company")
    assert found.sound[0]
    assert cross_keys.likeness(
        _form("雷神公司"), _form("Raytheon Company"), FLOOR, SOUND_FLOOR, readings_within=False
    )
    th_keys = set(cross_keys.transcribed_keys(_form("Raytheon Company"), False))
    assert th_keys & _keys(cross_keys.query_keys(_form("雷神公司")))
    assert set(cross_keys.transcribed_keys(_form("Raytheon Company"), True)) & _keys(
        cross_keys.index_keys(_form("雷神公司"))
    )


def test_a_name_without_th_is_not_keyed_as_s() -> None:
    # Rayton has no th: only its t is keyed, and the sound keys stay apart
    assert score("雷神公司", "Rayton Company").score < HOLD
    assert not _gate("雷神公司", "Rayton Company").sound[0]
    assert not cross_keys.likeness(
        _form("雷神公司"), _form("Rayton Company"), FLOOR, SOUND_FLOOR, readings_within=False
    )
    assert cross_keys.transcribed_keys(_form("Rayton Company"), False) == ()


def test_japanese_readings_for_a_latin_name_that_looks_japanese() -> None:
    # 丸红公司 has no kana nor Japanese company form: the scorer reads it marubeni against Marubeni
    assert score("丸红公司", "Marubeni Corporation").score >= HOLD
    assert _gate("丸红公司", "Marubeni Corporation").readings[0]
    assert _found("丸红公司", "Marubeni Corporation")
    assert _found("Marubeni Corporation", "丸红公司")
    assert _found("麻原彰晃", "Asahara Shoko")


def test_no_japanese_reading_for_a_latin_name_that_does_not_look_japanese() -> None:
    # Marubent is no Hepburn word: the scorer reads 丸红 in Chinese, Korean and Cantonese only
    assert score("丸红公司", "Marubent Corporation").score < HOLD
    assert not _gate("丸红公司", "Marubent Corporation").reach[0]
    assert not _found("Marubent Corporation", "丸红公司")


def test_a_three_letter_word_that_abbreviates_a_gloss_shares_a_key() -> None:
    # 赛 "to compete": the scorer reads it com against "OKI Com-Echoes" (com abbreviates compete)
    assert score("赛尼克斯公司", "OKI Com-Echoes Co., Ltd.").score >= HOLD
    latin = _keys([cross_keys.word_keys(_form("OKI Com-Echoes Co., Ltd."), True)])
    assert latin & set(cross_keys.abbreviation_keys("赛尼克斯公司", True))
    latin = _keys([cross_keys.word_keys(_form("OKI Com-Echoes Co., Ltd."), False)])
    assert latin & set(cross_keys.abbreviation_keys("赛尼克斯公司", False))


def test_a_three_letter_word_no_gloss_begins_shares_no_key() -> None:
    # zyx begins no gloss of 赛尼克斯; a whole gloss's key is not repeated among the abbreviation keys
    latin = _keys([cross_keys.word_keys(_form("OKI Zyx-Echoes Co., Ltd."), True)])
    assert not latin & set(cross_keys.abbreviation_keys("赛尼克斯公司", True))
    assert not set(cross_keys.abbreviation_keys("赛尼克斯公司", True)) & set(
        cross_keys.gloss_keys("赛尼克斯公司", True)
    )

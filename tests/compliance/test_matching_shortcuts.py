"""Shortcuts taken for the batch screener's speed give what the longer way gave: a misspelt firm word looked
up among the vocabulary words of a reachable length only, and a name form's hash of a few of its fields."""

from __future__ import annotations

import random

from rapidfuzz import process
from rapidfuzz.distance import OSA

from reechain.compliance.matching import normalise
from reechain.compliance.matching.normalise import PERSON, analyse


def _misspelt(rng: random.Random, word: str) -> str:
    letters = list(word)
    for _ in range(rng.randint(0, 3)):
        at = rng.randrange(len(letters) + 1)
        kind = rng.random()
        if kind < 0.4 and len(letters) > 1:
            letters.pop(min(at, len(letters) - 1))
        elif kind < 0.8:
            letters.insert(at, rng.choice("abcdefghijklmnopqrstuvwxyz"))
        elif len(letters) > 1:
            at = min(at, len(letters) - 2)
            letters[at], letters[at + 1] = letters[at + 1], letters[at]
    return "".join(letters)


def test_a_firm_word_is_found_among_the_words_of_a_reachable_length_as_among_all() -> None:
    rng = random.Random(3)
    vocabulary = normalise._VOCABULARY
    for _ in range(3000):
        token = _misspelt(rng, rng.choice(vocabulary))
        for limit in (1, 2):
            whole = process.extractOne(token, vocabulary, scorer=OSA.distance, score_cutoff=limit)
            short = process.extractOne(
                token, normalise._within_length(len(token), limit), scorer=OSA.distance, score_cutoff=limit
            )
            assert (whole[:2] if whole else None) == (short[:2] if short else None), token


def test_equal_forms_hash_alike_and_forms_of_two_readings_stay_apart() -> None:
    name = "Baotou Steel Rare-Earth (Group) Hi-Tech Co., Ltd."
    firm, again = analyse(name), analyse(name, "Company")
    assert firm == again and hash(firm) == hash(again)
    assert analyse(name, PERSON) != firm
    assert len({firm, again, analyse(name, PERSON)}) == 2


# ---------------------------------------------------------------- the cross-script gate's shortcuts

_HAN = [
    "三菱重工海事系统株式会社",
    "北京航空航天大学",
    "人工智能科技有限公司",
    "工业大学",
    "机器人控股",
    "蓝帽子技术",
    "海上战术系统公司",
    "通用动力军械与战术系统公司",
    "中信造船股份有限公司",
    "上海纽琦诗国际物流有限公司",
    "包头稀土研究院",
    "雷神导弹系统公司",
]
_LATIN = [
    "Mitsubishi Heavy Industries Marine Systems",
    "Beihang University",
    "Shield AI Technology Co., Ltd.",
    "Engineering University",
    "Robotics Holdings",
    "Blue Hat Technologies",
    "Maritime Tactical Systems Inc.",
    "General Dynamics Ordnance and Tactical Systems",
    "CITIC Shipbuilding Co",
    "Shanghai Newkisi International Logistics",
    "Baotou Rare Earth Research Institute",
    "Raytheon Missile Systems",
    "Osaka Zhebie Sensor Systems LLC",
    "Porto Xunduo Rare Earth Materials Co., Ltd.",
    "TextOre AeroDefense Firestorm",
]


def test_a_split_made_from_the_words_a_piece_can_read_as_is_the_split_made_from_all() -> None:
    from reechain.compliance.matching import translation
    from reechain.compliance.matching.cross_script import guide_words

    for han in _HAN:
        for latin in _LATIN:
            guide = guide_words(latin, analyse(latin).units)
            for company_words in (True, False):
                assert translation.translate(han, guide, company_words) == translation._translate(
                    han, guide, company_words
                ), (han, latin)


def test_every_gloss_that_reads_as_a_word_is_among_the_glosses_of_its_starts() -> None:
    """The gate looks a word up only among the glosses whose ``_gloss_start`` is one of the word's
    ``_word_starts``: every gloss the scorer's rule (``translation.reads_as``) lets translate the word,
    or a half of it marked ``~``, must be there."""
    from reechain.compliance.matching import cross_keys
    from reechain.compliance.matching.translation import reads_as

    rng = random.Random(5)
    for han in _HAN:
        glosses = cross_keys._glosses(han)
        words = {w for latin in _LATIN for w in cross_keys._latin_words(analyse(latin))}
        pool = sorted(glosses)
        for _ in range(300):  # glosses with endings, shortened and run together, and halves
            g = rng.choice(pool)
            words |= {g + "s", g + "es", g[:4], g[: max(2, len(g) - 3)], g + rng.choice(pool), g[:2], "~" + g}
        for word in sorted(w for w in words if len(w.lstrip("~")) > 1):
            starts = set(cross_keys._word_starts(word))
            for g in glosses:
                if reads_as(g, word):
                    assert cross_keys._gloss_start(g) in starts, (han, g, word)


def test_the_gate_keeps_exactly_the_pairs_whose_string_bound_reaches_the_floor() -> None:
    import numpy as np

    from reechain.compliance.matching import cross_keys
    from reechain.compliance.matching.scorer import string_bound

    hans = [form for han in _HAN for _, form in cross_keys.readings(han)]
    latins = [analyse(latin) for latin in _LATIN] + [analyse(latin, PERSON) for latin in _LATIN]
    a = cross_keys._table([cross_keys._strings(f) for f in hans])
    b = cross_keys._table([cross_keys._strings(f) for f in latins])
    a_at = np.repeat(np.arange(len(hans), dtype=np.int64), len(latins))
    b_at = np.tile(np.arange(len(latins), dtype=np.int64), len(hans))
    for floor, weight in ((0.65, 1.0), (0.3, 1.0), (0.5, 0.9), (0.8, 0.9)):
        got = cross_keys._reaching(a, b, a_at, b_at, floor, weight)
        want = [
            weight * string_bound(hans[i], latins[j]) >= floor
            for i, j in zip(a_at.tolist(), b_at.tolist(), strict=True)
        ]
        assert got.tolist() == want, floor


def test_a_name_has_the_sound_keys_of_its_words() -> None:
    from reechain.compliance.matching import cross_keys
    from reechain.compliance.matching.cross_script import sound_key

    for name in [*_HAN, *_LATIN, "约翰·瓦特斯", "Lafert Bromberg Schimpf"]:
        form = analyse(name)
        words = list(form.core)
        if cross_keys.foreign(name):
            words += ["".join(analyse(part).core) for part in name.split("·")]
        for han_side in (True, False):
            keys = set()
            for w in words:
                skeleton = sound_key(w)
                if len(skeleton) >= 2:
                    keys |= {skeleton, *(skeleton[i : i + 2] for i in range(len(skeleton) - 1))}
            want = tuple(sorted({cross_keys._key("sound", han_side, k) for k in keys}))
            assert cross_keys.sound_keys(form, han_side) == want, name

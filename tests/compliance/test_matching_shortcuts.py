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

"""A listed person's name without its middle names or patronymic: what a party usually writes.

Sanctions lists record a person's full name ("Oleg Vladimirovich DERIPASKA", "DERIPASKA, Oleg Vladimirovich");
an order, a contract or a bank message names the same man "Oleg Deripaska". Compared as strings the two agree
on only two of three words (a score of about 0.67, below the review threshold), so the full name alone would
let the listed person through. The screener therefore also compares a party with each listed person's name
reduced to its first given name and its surname (``without_middle_names``); a match on that reduced name
counts ``MIDDLE_NAMES_FACTOR`` of its score, so an exact one holds the order for review (above the hold
threshold) and never blocks it on its own (below the block threshold): it is not the whole name.

Which words are middle names is read from how lists write names, not guessed from a dictionary: the surname is
the word before a single comma ("LAST, Given Middle"), or else the words written in capitals at the start or
the end of a name whose other words are not ("ROTENBERG Arkady Romanovich", "Nicolas MADURO MOROS"), or the
last word; the first given name is kept. A name is reduced only when it has three or four words, each word
left out has at least ``MIN_MIDDLE_LETTERS`` letters (patronymics and middle names: Vladimirovich,
Oleksandrovych, Michael), its given name does not open with an Arabic name prefix (``NAME_PREFIXES``: Abdul
Kabir, Abu Bakr), and it is neither a Chinese name in pinyin (whose every syllable is part of the given name:
ZHAO Guang Zong) nor written in Han or Hangul. Short particles and name chains (bin, al-, Kim Jong Un) are
left whole. Written by hand: no library reads middle names out of list entries this way.
"""

from __future__ import annotations

import re
from functools import lru_cache

from reechain.compliance.matching.chinese import PINYIN_SYLLABLES, has_han, split_syllables
from reechain.compliance.matching.readings import has_hangul

MIDDLE_NAMES_FACTOR = 0.88
"""The share of its score a match on a name without its middle names counts: an exact one (0.88) holds an
order at the policy's review threshold (0.70) and is a hit at the batch threshold (0.85), but stays below
the block threshold (0.90), which only the whole name may reach."""
MIN_MIDDLE_LETTERS = 5
"""The fewest letters of a word that is left out (shorter words are particles or parts of a given name)."""
NAME_PREFIXES = frozenset({"abd", "abdul", "abdel", "abdal", "abu", "ibn", "bin", "bint", "al", "el", "ul"})
"""Words that open a compound Arabic given name (Abdul Kabir, Abu Bakr): the given name is not its first word
alone, so such a name is left whole."""
NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
"""Generational suffixes (John Smith Jr.): a name with one is left whole, not read as surname "Jr"."""
_MAX_WORDS = 4
_LETTERS_RE = re.compile(r"[^\W\d_]+")


def _letters(word: str) -> str:
    return "".join(_LETTERS_RE.findall(word))


def _is_pinyin(word: str) -> bool:
    syllables = split_syllables(word.casefold())
    return bool(syllables) and all(s in PINYIN_SYLLABLES for s in syllables)


@lru_cache(maxsize=65536)
def without_middle_names(name: str) -> tuple[str, tuple[str, ...]] | None:
    """``(the name as first given name and surname, the words left out)``, or None when the name has no
    middle name to leave out: "Oleg Vladimirovich DERIPASKA" and "DERIPASKA, Oleg Vladimirovich" give
    ("Oleg DERIPASKA", ("Vladimirovich",)); "Fangwei LI", "ZHAO Guang Zong" and "Kim Jong Un" give None."""
    if has_han(name) or has_hangul(name) or name.count(",") > 1:
        return None
    if "," in name:
        surname_part, given_part = (p.split() for p in name.split(",", 1))
        if len(surname_part) != 1 or len(given_part) < 2:
            return None
        surname, given, middle = surname_part[0], given_part[0], given_part[1:]
        words = [*surname_part, *given_part]
    else:
        words = name.split()
        split = _given_middle_surname(words)
        if split is None:
            return None
        given, middle, surname = split
    if len(words) > _MAX_WORDS or any(len(_letters(w)) < 2 for w in (given, surname)):
        return None
    if given.casefold().strip(".,") in NAME_PREFIXES:
        return None
    if any(_letters(w).casefold() in NAME_SUFFIXES for w in words):
        return None
    if any(len(_letters(w)) < MIN_MIDDLE_LETTERS or _letters(w) != w.strip(".,") for w in middle):
        return None
    if all(_is_pinyin(_letters(w)) for w in words):
        return None
    return f"{given} {surname}", tuple(middle)


def _given_middle_surname(words: list[str]) -> tuple[str, list[str], str] | None:
    """The first given name, the middle names and the surname of a name without a comma: the surname is the
    words in capitals at the start ("ROTENBERG Arkady Romanovich") or at the end ("Nicolas MADURO MOROS") of
    a name whose other words are not in capitals, else its last word; None when the capitals are elsewhere or
    fewer than two words are left for the given and middle names."""
    capital = [len(_letters(w)) >= 2 and _letters(w).isupper() for w in words]
    if any(capital) and not all(capital):
        lead = capital.index(False)
        trail = capital[::-1].index(False)
        if lead and not any(capital[lead:]):
            surname, rest = words[:lead], words[lead:]
        elif trail and not any(capital[: len(words) - trail]):
            surname, rest = words[len(words) - trail :], words[: len(words) - trail]
        else:
            return None
    else:
        surname, rest = words[-1:], words[:-1]
    if len(rest) < 2:
        return None
    return rest[0], rest[1:], " ".join(surname)

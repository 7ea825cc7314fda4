"""Chinese names shortened the way Chinese shortens them, found in a Latin name: the first character of each
word of a long name read in pinyin (北京航空航天大学 → 北航 → "Beihang"), or the pinyin initials of its
characters or words written as a capital acronym (广州数控 → "GSK", 深圳 → "SZ").

The words of the Han name are those of CC-CEDICT (longest headword first, as ``translation.translate``
splits); the pinyin is pypinyin's. ``abbreviated`` finds, for each word of the Latin name, consecutive
characters that spell it: each character gives its whole syllable (a word of mixed case) or its initial (an
all-capital word), and the rest of the character's dictionary word may be skipped. A spelling that skips
nothing is the ordinary reading, which the readings already make, so a syllable spelling must skip.
"""

from __future__ import annotations

import re
from functools import lru_cache

from pypinyin import Style, lazy_pinyin

from reechain.compliance.matching.chinese import HAN_RE, to_simplified
from reechain.compliance.matching.translation import MAX_WORD, has_entry, sense_initials

_LATIN_WORD_RE = re.compile(r"[A-Za-z]+")
_HAN_RUNS_RE = re.compile(f"(?:{HAN_RE.pattern})+")
MIN_STEPS = 2
"""The fewest characters an abbreviation is made of."""
MAX_ACRONYM = 5
"""The longest capital word read as pinyin initials."""


@lru_cache(maxsize=16384)
def _segments(run: str) -> tuple[int, ...]:
    """For each character of a Han run, the position where its dictionary word ends."""
    ends = [0] * len(run)
    i = 0
    while i < len(run):
        size = next((n for n in range(min(MAX_WORD, len(run) - i), 1, -1) if has_entry(run[i : i + n])), 1)
        for j in range(i, i + size):
            ends[j] = i + size
        i += size
    return tuple(ends)


@lru_cache(maxsize=16384)
def _syllables(run: str) -> tuple[str, ...]:
    """The pinyin of each character of a Han run, read in context (航 in 航空 is hang)."""
    read = lazy_pinyin(run, style=Style.NORMAL, errors="ignore")
    if len(read) != len(run):
        read = [next(iter(lazy_pinyin(ch, style=Style.NORMAL, errors="ignore")), "") for ch in run]
    return tuple(s.replace("ü", "v") for s in read)


def _spell(
    word: str, run: str, start: int, initials: bool, syllables: tuple[str, ...], ends: tuple[int, ...]
) -> int | None:
    """Where a spelling of ``word`` that begins at character ``start`` of ``run`` ends (after the rest of
    the last character's word), or None."""

    def walk(pos: int, at: int, steps: int, skipped: bool) -> int | None:
        if pos >= len(run) or len(syllables[pos]) == 0:
            return None
        if initials and ends[pos] - pos > 1 and (pos == 0 or ends[pos - 1] == pos):
            # a dictionary word as the initials of its English: 三菱重工 "Mitsubishi", "heavy industry"
            for letters in sorted(sense_initials(run[pos : ends[pos]])):
                if word.startswith(letters, at):
                    if at + len(letters) == len(word):
                        if steps + 1 >= MIN_STEPS:
                            return ends[pos]
                        continue
                    found = walk(ends[pos], at + len(letters), steps + 1, True)
                    if found is not None:
                        return found
        piece = syllables[pos][0] if initials else syllables[pos]
        if not word.startswith(piece, at):
            return None
        if at + len(piece) == len(word):
            done = steps + 1 >= MIN_STEPS and (skipped or initials)
            return ends[pos] if done else None
        # the next character, or the first character after this one's dictionary word
        for nxt in dict.fromkeys((pos + 1, ends[pos])):
            found = walk(nxt, at + len(piece), steps + 1, skipped or nxt > pos + 1)
            if found is not None:
                return found
        return None

    return walk(start, 0, 0, False)


@lru_cache(maxsize=16384)
def abbreviated(han: str, latin: str) -> str:
    """``han`` (simplified) with each stretch of characters that a word of ``latin`` abbreviates replaced by
    that word (lower case, spaced): 北京航空航天大学 against "Beihang University" → " beihang 大学"."""
    if not _changes(han, latin):
        return han
    return _abbreviated(han, _latin_words(latin), screened=True)


def _changes(han: str, latin: str) -> bool:
    """Whether ``abbreviated(han, latin)`` differs from ``han`` (simplified), found without making it: some
    word of ``latin`` spells a stretch of a run of ``han`` (``_spells``). No word begins and ends as a
    stretch of the Han name can (``han_starts``, ``may_meet``): none spells one."""
    words = _latin_words(latin)
    if not words or not may_meet(han_starts(han), latin_starts(latin)):
        return False
    runs = _han_runs(han)
    return any(_spells(word, capital, run) for word, capital in words for run in runs)


@lru_cache(maxsize=16384)
def _han_runs(han: str) -> tuple[str, ...]:
    return tuple(m.group() for m in _HAN_RUNS_RE.finditer(han))


@lru_cache(maxsize=65536)
def _spells(word: str, capital: bool, run: str) -> bool:
    """Whether ``word`` spells a stretch of ``run`` from some character (``_spell``). ``_abbreviated``
    changes a run exactly when some word does: the first word (in order) that spells from some character
    finds nothing of the run taken yet (the words before it spelt nothing, so took nothing), so it is
    placed. Cached per word and run, which recur (company words, the runs of listed names), where
    ``abbreviated`` is cached per pair of names."""
    if not _made_of(word, capital, run):
        return False
    syllables, ends = _syllables(run), _segments(run)
    return any(_spell(word, run, start, capital, syllables, ends) is not None for start in range(len(run)))


@lru_cache(maxsize=65536)
def _latin_words(latin: str) -> tuple[tuple[str, bool], ...]:
    """The words of ``latin`` that may abbreviate (lower case, capital), each once."""
    return tuple(
        (w.casefold(), w.isupper())
        for w in dict.fromkeys(_LATIN_WORD_RE.findall(latin))
        if len(w) >= MIN_STEPS and (not w.isupper() or len(w) <= MAX_ACRONYM)
    )


def _abbreviated(han: str, words: tuple[tuple[str, bool], ...], screened: bool) -> str:
    """``abbreviated`` for the words as (lower case, capital). With ``screened``, a word is tried only in a
    run it can be made of (``_made_of``): the same result, without walking the run from every character."""
    out = list(han)
    for m in _HAN_RUNS_RE.finditer(han):
        run = m.group()
        tried = [(w, c) for w, c in words if _made_of(w, c, run)] if screened else words
        if not tried:
            continue
        syllables, ends = _syllables(run), _segments(run)
        taken = [False] * len(run)
        for word, capital in tried:
            for start in range(len(run)):
                if taken[start]:
                    continue
                end = _spell(word, run, start, capital, syllables, ends)
                if end is None or any(taken[start:end]):
                    continue
                for j in range(start, end):
                    taken[j] = True
                    out[m.start() + j] = ""
                out[m.start() + start] = f" {word} "
                break
    return "".join(out)


@lru_cache(maxsize=16384)
def _pieces(run: str) -> tuple[frozenset[str], frozenset[str], int]:
    """What ``_spell`` can make a word of in ``run``: the syllables of its characters (a mixed-case word),
    and the letters a capital word can take (each syllable's initial, every letter of the initials of a
    dictionary word's English), and the longest syllable's length."""
    syllables, ends = _syllables(run), _segments(run)
    letters = {s[0] for s in syllables if s}
    for pos in range(len(run)):
        if ends[pos] - pos > 1 and (pos == 0 or ends[pos - 1] == pos):
            letters.update(ch for initials in sense_initials(run[pos : ends[pos]]) for ch in initials)
    pieces = frozenset(s for s in syllables if s)
    return pieces, frozenset(letters), max(map(len, pieces), default=0)


@lru_cache(maxsize=65536)
def _made_of(word: str, capital: bool, run: str) -> bool:
    """Whether ``word`` is made of what ``_spell`` takes from ``run`` (``_pieces``), in any order: a capital
    word of letters it can take, a mixed-case word of two or more of its syllables run together. Every word
    ``_spell`` spells from the run passes (it is made of those pieces, in the run's order), so a word that
    fails is not walked."""
    syllables, letters, longest = _pieces(run)
    if capital:
        return all(ch in letters for ch in word)
    n = len(word)
    if not any(word[-size:] in syllables for size in range(1, min(longest, n) + 1)):
        return False  # it does not end with a syllable
    # whole[i]: word[i:] is one or more syllables of the run
    whole = [False] * (n + 1)
    whole[n] = True
    for start in range(n - 1, -1, -1):
        whole[start] = any(
            whole[start + size] and word[start : start + size] in syllables
            for size in range(1, min(longest, n - start) + 1)
        )
    # two or more: a first syllable shorter than the word, then the rest
    return any(whole[size] and word[:size] in syllables for size in range(1, min(longest, n - 1) + 1))


def may_abbreviate(han_original: str, latin_original: str) -> bool:
    """A word of the Latin name abbreviates a stretch of the Han name (``abbreviated`` changes it): the
    scorer's readings then read that stretch as the Latin word, which no unguided reading spells."""
    return _changes(to_simplified(han_original), latin_original)


@lru_cache(maxsize=65536)
def han_starts(han_original: str) -> frozenset[str]:
    """How an abbreviation of a stretch of the Han name can begin and end, as keys ``latin_starts`` meets:
    ``=`` and ``$`` and a character's syllable (a word of mixed case begins with a whole syllable and ends
    with one), ``^`` and a letter (a capital word begins with a syllable's initial or with the initials of a
    dictionary word's English). Every Latin word ``abbreviated`` can spell from it has a ``^`` key, or both
    an ``=`` and a ``$`` key, of its ``latin_starts`` among these (``may_meet``)."""
    keys: set[str] = set()
    for m in re.finditer(f"(?:{HAN_RE.pattern})+", to_simplified(han_original)):
        run = m.group()
        syllables, ends = _syllables(run), _segments(run)
        for pos, syllable in enumerate(syllables):
            if syllable:
                keys.add("=" + syllable)
                keys.add("$" + syllable)
                keys.add("^" + syllable[0])
            if ends[pos] - pos > 1 and (pos == 0 or ends[pos - 1] == pos):
                keys.update("^" + letters[0] for letters in sense_initials(run[pos : ends[pos]]) if letters)
    return frozenset(keys)


MAX_SYLLABLE = 6
"""The longest pinyin syllable (zhuang, shuang)."""


@lru_cache(maxsize=65536)
def latin_starts(latin_original: str) -> frozenset[str]:
    """The keys of ``han_starts`` a word of the Latin name may begin an abbreviation with: a capital word's
    first letter, a mixed-case word's beginnings (``=``) and endings (``$``) up to a syllable's length."""
    keys: set[str] = set()
    for w in dict.fromkeys(_LATIN_WORD_RE.findall(latin_original)):
        keys |= _word_starts(w)
    return frozenset(keys)


@lru_cache(maxsize=65536)
def _word_starts(word: str) -> frozenset[str]:
    """``latin_starts`` of one word (cached: the words of names recur)."""
    if len(word) < MIN_STEPS:
        return frozenset()
    if word.isupper():
        return frozenset({"^" + word[0].casefold()}) if len(word) <= MAX_ACRONYM else frozenset()
    folded = word.casefold()
    longest = min(MAX_SYLLABLE, len(folded))
    starts = ("=" + folded[:k] for k in range(1, longest + 1))
    ends = ("$" + folded[-k:] for k in range(1, longest + 1))
    return frozenset([*starts, *ends])


def may_meet(han_keys: frozenset[str], latin_keys: frozenset[str]) -> bool:
    """Whether a word of a Latin name with ``latin_keys`` (``latin_starts``) may abbreviate a stretch of a
    Han name with ``han_keys`` (``han_starts``): a capital word's first letter is an initial the Han name
    offers, or a mixed-case word begins with one of its syllables and a word ends with one (a syllable
    spelling is whole syllables of the name, the first and the last among them)."""
    if han_keys.isdisjoint(latin_keys):
        return False
    common = han_keys & latin_keys
    kinds = {k[0] for k in common}
    return "^" in kinds or ("=" in kinds and "$" in kinds)

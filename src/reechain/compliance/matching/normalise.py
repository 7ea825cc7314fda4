"""Turn a name as written into the comparable form the scorer and the candidate index use.

Steps: traditional → simplified Han (opencc); Han read as pinyin words plus translated company words, legal
forms set aside (``chinese.read_han``); Wade-Giles words turned into pinyin; legal forms removed with rigour's
org-type table plus a few it lacks; other scripts transliterated to ASCII (rigour); every word split into
pinyin syllables where it is wholly pinyin, so spaced, unspaced and hyphenated pinyin read alike; each unit
marked as distinctive (the core), generic (company words) or a place.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import OSA
from rigour.names import extract_org_types, remove_org_types
from rigour.text import ascii_text

from reechain.compliance.matching.chinese import (
    HAN_RUN_RE,
    has_han,
    read_han,
    split_syllables,
    to_simplified,
    wade_giles_to_pinyin,
)
from reechain.compliance.matching.vocabulary import (
    GENERIC_WORDS,
    LATIN_LEGAL_PHRASES,
    LATIN_LEGAL_WORDS,
    LOCATION_WORDS,
    STOPWORDS,
)

PERSON = "Person"
_WORD_RE = re.compile(r"[a-z0-9]+")
_DOTTED_RE = re.compile(r"\b(?:[^\W\d_]\.\s?){2,}")  # "s.a.l.", "k. k.", "s.p.a." → "sal", "kk", "spa"
_LEGAL_SPELLING = {"company": "co", "limited": "ltd", "corporation": "corp", "incorporated": "inc"}
_RAW_WORD_STRIP = ' \t,.;:()[]{}"/\\'
_LOCATION_MAX_UNITS = 3  # "hei long jiang"


# A place name starts with one of these (its first pinyin syllable, or the whole word).
_PLACE_STARTS = frozenset({split_syllables(p)[0] for p in LOCATION_WORDS} | LOCATION_WORDS)
_VOCABULARY = sorted(GENERIC_WORDS | LATIN_LEGAL_WORDS)
_MIN_FUZZY_LENGTH = 5
_MIN_PIECE = 5
_VOCABULARY_SET = frozenset(_VOCABULARY)
_PIECE_SIZES = sorted({len(w) for w in _VOCABULARY if len(w) >= _MIN_PIECE}, reverse=True)


@lru_cache(maxsize=65536)
def _firm_word(token: str) -> tuple[str, ...]:
    """A word of a firm's name as the vocabulary knows it: a misspelt company or legal word is read as that
    word ("shippping" → shipping, "limied" → limited; one edit, two from eight letters, a transposition
    counting one), and a company word run into another word is split off ("hineratrading" → hinera
    trading)."""
    if token in GENERIC_WORDS or token in LATIN_LEGAL_WORDS or len(token) < _MIN_FUZZY_LENGTH:
        return (token,)
    for size in _PIECE_SIZES:
        if len(token) - size < 2:
            continue
        if token[-size:] in _VOCABULARY_SET:
            return (*_firm_word(token[:-size]), token[-size:])
        if token[:size] in _VOCABULARY_SET:
            return (token[:size], *_firm_word(token[size:]))
    limit = 1 if len(token) < 8 else 2
    best = process.extractOne(
        token, _within_length(len(token), limit), scorer=OSA.distance, score_cutoff=limit
    )
    return (str(best[0]),) if best is not None else (token,)


@lru_cache(maxsize=256)
def _within_length(length: int, limit: int) -> tuple[str, ...]:
    """The words of ``_VOCABULARY`` (in its order) whose length is within ``limit`` of ``length``: the only
    ones an edit distance of at most ``limit`` can reach, since it is at least the difference of the
    lengths. ``_firm_word`` looks a word up among them alone: the same best word, the first of equals."""
    return tuple(w for w in _VOCABULARY if abs(len(w) - length) <= limit)


@dataclass(frozen=True)
class NameForm:
    """A name ready to compare. ``units`` are pinyin syllables or whole words, in written order."""

    original: str
    units: tuple[str, ...]
    core: tuple[str, ...]
    generic: tuple[str, ...]
    places: tuple[str, ...]
    legal_forms: tuple[str, ...]
    notes: tuple[str, ...]
    # Precomputed strings the scorer compares (screening compares many candidates per name).
    compact: str
    core_compact: str
    sorted_units: str
    sorted_core: str

    def __hash__(self) -> int:
        """The hash of the original and of the compared strings (whose hashes each string keeps), not of
        every field: equal forms hash alike all the same, and a form, a key of several caches (the Latin side
        of the cross-script gate, a reading guided by it), is hashed again at each look-up."""
        return hash((self.original, self.compact, self.sorted_units))


def _latin_words(text: str, schema: str) -> tuple[list[str], list[str], list[str]]:
    words: list[str] = []
    legal: list[str] = []
    notes: list[str] = []
    converted: list[str] = []
    for raw in text.split():
        w = raw.strip(_RAW_WORD_STRIP)
        pinyin = wade_giles_to_pinyin(w) if w else None
        if pinyin is not None:
            notes.append(f"Wade-Giles {w}→{pinyin}")
            converted.append(pinyin)
        else:
            converted.append(raw)
    lowered = " ".join(converted).casefold()
    lowered = _DOTTED_RE.sub(lambda m: m.group().replace(".", "").replace(" ", "") + " ", lowered)
    if schema != PERSON:
        for phrase, form in LATIN_LEGAL_PHRASES.items():
            if phrase in lowered:
                lowered = lowered.replace(phrase, " ")
                legal.append(form)
        legal.extend(form for _, form in extract_org_types(lowered))
        lowered = remove_org_types(lowered, replacement=" ")
    if not lowered.isascii():
        lowered = _ascii(lowered)
    tokens = _WORD_RE.findall(lowered)
    if schema != PERSON:
        tokens = [w for t in _join_initials(tokens) for w in _firm_word(t)]
    for token in tokens:
        if token in STOPWORDS:
            continue
        if schema != PERSON and token in LATIN_LEGAL_WORDS:
            legal.append(_LEGAL_SPELLING.get(token, token))
            continue
        words.append(token)
    return words, legal, notes


@lru_cache(maxsize=16384)
def _ascii(text: str) -> str:
    """Accented Latin loses its accents cheaply (NFKD); other scripts go through rigour's transliteration
    (cached: a party's name is read as a person's and as an organisation's, mostly the same text)."""
    stripped = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
    return stripped if stripped.isascii() else ascii_text(stripped).casefold()


def _join_initials(tokens: list[str]) -> list[str]:
    """Single letters in a row are one abbreviation: "O O O OVK" → ooo ovk, "W S Shipping" → ws shipping."""
    out: list[str] = []
    run = ""
    for t in tokens:
        if len(t) == 1 and t.isalpha():
            run += t
            continue
        if run:
            out.append(run)
            run = ""
        out.append(t)
    if run:
        out.append(run)
    return out


def _words_and_places(words: list[str]) -> tuple[list[str], list[str]]:
    """Find place names even when written in pieces ("Wu Han", "wuhanxiaoruizhi") by scanning pinyin
    syllables across words; what is left of each word is joined back into a word."""
    pieces = [(syllable, i) for i, w in enumerate(words) for syllable in split_syllables(w)]
    places: list[str] = []
    out_units: list[str] = []
    open_word: int | None = None  # the word the last kept unit came from, while it can still grow
    j = 0
    while j < len(pieces):
        longest = min(_LOCATION_MAX_UNITS, len(pieces) - j) if pieces[j][0] in _PLACE_STARTS else 0
        for k in range(longest, 0, -1):
            joined = "".join(p for p, _ in pieces[j : j + k])
            if joined in LOCATION_WORDS and (k > 1 or pieces[j][0] == words[pieces[j][1]]):
                places.append(joined)
                out_units.append(joined)
                open_word = None
                j += k
                break
        else:
            syllable, word = pieces[j]
            if open_word == word:
                out_units[-1] += syllable
            else:
                out_units.append(syllable)
            open_word = word
            j += 1
    return out_units, places


def analyse(name: str, schema: str = "Company") -> NameForm:
    """The comparable form of ``name`` (cached: list names are analysed once per process). ``analyse(x)``
    and ``analyse(x, "Company")`` share one cache entry (a cache keyed by the arguments as written would
    keep them apart and analyse the name twice)."""
    return _analyse(name, schema)


@lru_cache(maxsize=262144)
def _analyse(name: str, schema: str) -> NameForm:
    text = name.strip()
    words: list[str] = []
    legal: list[str] = []
    notes: list[str] = []
    if has_han(text):
        simplified = to_simplified(text)
        if simplified != text:
            notes.append(f"traditional→simplified {simplified}")
        text = simplified
        pos = 0
        for m in HAN_RUN_RE.finditer(text):
            w, lf, nt = _latin_words(text[pos : m.start()], schema)
            words += w
            legal += lf
            notes += nt
            reading = read_han(m.group().replace("·", ""))
            words += reading.words
            legal += reading.legal_forms
            notes.append("Han read as " + ", ".join(reading.notes))
            pos = m.end()
        w, lf, nt = _latin_words(text[pos:], schema)
        words += w
        legal += lf
        notes += nt
    else:
        words, legal, notes = _latin_words(text, schema)
    units, places = _words_and_places(words)
    place_set = set(places)
    generic = [u for u in units if u in GENERIC_WORDS]
    core = [u for u in units if u not in GENERIC_WORDS and u not in place_set]
    if not core:  # a name made only of generic or place words: all of it is distinctive
        core = units
    return NameForm(
        original=name,
        units=tuple(units),
        core=tuple(core),
        generic=tuple(generic),
        places=tuple(places),
        legal_forms=tuple(dict.fromkeys(legal)),
        notes=tuple(notes),
        compact="".join(units),
        core_compact="".join(core),
        sorted_units=_sorted(units, schema),
        sorted_core=_sorted(core, schema),
    )


def _sorted(units: list[str], schema: str) -> str:
    """Units in sorted order, for word-order-blind comparison. A person's name is sorted by pinyin syllable,
    so "ZHAO Guang Zong", "Guangzong ZHAO" and 赵光宗 agree; a firm's name by word, so 中兴 (Zhongxing) and
    兴中 (Xingzhong) stay apart."""
    if schema == PERSON:
        return " ".join(sorted(s for u in units for s in split_syllables(u)))
    return " ".join(sorted(units))

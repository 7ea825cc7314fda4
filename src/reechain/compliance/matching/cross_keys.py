"""What the candidate stage looks up for a cross-script pair (a Han or Hangul name against a Latin one): the
Latin texts and word keys of every reading the scorer tries (``cross_script``), made without the other name.

The scorer reads the Han side of a pair in Mandarin pinyin, Wade-Giles, Cantonese, Korean and (for Japanese
names) Japanese, translates Han words whose CC-CEDICT gloss is a word of the Latin name, and compares the
sound of transliterated foreign names (洛克希德 luo ke xi de against "Lockheed"). Its readings are guided by
the name they are compared with, which the candidate stage does not know yet; here each is made unguided:

* ``reading_texts``: the name in each romanisation, the first spelling of every character, company words in
  their usual English and legal forms in their Latin form (``cross_script.read_as`` with no guide);
* ``gloss_keys``: every CC-CEDICT gloss word of every word of the Han name (``translation.gloss_words``),
  and ``word_keys`` the words of a Latin name, both as word keys (``word_key``: the first four letters,
  less a plural s, so holding/holdings and tech/technology agree, as ``translation.same_word`` and
  ``translation.abbreviates`` let them);
* ``sound_keys``: the consonant skeletons (``cross_script.sound_key``) of the distinctive words, and their
  letter pairs, so that luo ke xi de (lkst) and Lockheed (lkt) share ``lk``.

A word key or sound key is one character outside every script (``_NAMESPACES``), so it never meets a gram
of a written name; the side it was made from is part of the namespace, so the keys of a Han name meet only
those of Latin names and the reverse.
"""

from __future__ import annotations

import re
import zlib
from functools import lru_cache

from reechain.compliance.matching.chinese import HAN_RUN_RE, has_han, to_simplified
from reechain.compliance.matching.cross_script import (
    COMPOUND_MIN,
    READERS,
    READING_PART_MATCH,
    SOUND_WEIGHT,
    is_pinyin,
    keyed,
    keyed_part,
    read_as,
    reading_score,
    sound_key,
    sound_score,
)
from reechain.compliance.matching.normalise import PERSON, NameForm, analyse
from reechain.compliance.matching.parts import PART_MATCH
from reechain.compliance.matching.readings import has_hangul, is_japanese
from reechain.compliance.matching.scorer import string_bound
from reechain.compliance.matching.translation import (
    MAX_CHARACTER_GLOSSES,
    MAX_WORD,
    abbreviates,
    first_gloss,
    gloss_words,
    same_word,
)
from reechain.compliance.matching.vocabulary import HAN_WORDS, LATIN_LEGAL_WORDS

_NAMESPACES = {
    ("word", True): (0x40000, 1 << 18),
    ("word", False): (0x80000, 1 << 18),
    ("sound", True): (0xC0000, 1 << 16),
    ("sound", False): (0xD0000, 1 << 16),
}
"""Where the keys of each kind live (first code point, size), by the side they were made from (True: Han
or Hangul): unassigned planes 4 to 13 of Unicode, which no name uses."""
WORD_KEY_LENGTH = 4
_WORD_RE = re.compile(r"[a-z0-9]+")
_EMPTY = analyse("")


def foreign(text: str) -> bool:
    """Han or Hangul: the side of a cross-script pair whose readings are made."""
    return has_han(text) or has_hangul(text)


def _key(kind: str, han_side: bool, text: str) -> str:
    start, size = _NAMESPACES[kind, han_side]
    return chr(start + zlib.crc32(text.encode("utf-8")) % size)


def word_key(word: str) -> str:
    """The part of a word two spellings of it share: the first ``WORD_KEY_LENGTH`` letters less a plural s
    (holdings/holding → hold, technology/tech → tech)."""
    if len(word) > 3 and word.endswith("s"):
        word = word[:-1]
    return word[:WORD_KEY_LENGTH]


@lru_cache(maxsize=65536)
def readings(original: str) -> tuple[tuple[str, NameForm], ...]:
    """The unguided readings of a Han or Hangul name: each as spelt (legal forms left out; the normaliser
    reads Wade-Giles words as pinyin, lung te → long de) and as its comparable form; empty for a Latin
    name."""

    if not foreign(original):
        return ()
    out: dict[str, tuple[str, NameForm]] = {}
    for text in [
        *(read_as(original, language, _EMPTY) for language in READERS if language != "japanese"),
        *([read_as(original, "japanese", _EMPTY)] if is_japanese(original) else []),
        _glossed(original),
    ]:
        form = analyse(text)
        spelt = "".join(w for w in _WORD_RE.findall(text.casefold()) if w not in LATIN_LEGAL_WORDS)
        if form.compact:
            out.setdefault(spelt + "\0" + form.compact, (spelt, form))
    return tuple(out.values())


def reading_texts(original: str) -> tuple[tuple[str, ...], ...]:
    """The unguided readings of a Han or Hangul name (``readings``), each as the texts whose grams are
    indexed: its run-together form, its words in sorted order and its spelling."""
    return tuple(
        (form.compact, form.sorted_units.replace(" ", ""), spelt) for spelt, form in readings(original)
    )


def _glossed(original: str) -> str:
    """The Mandarin reading with every Han word of two or more characters that CC-CEDICT knows read as its
    first gloss word (贝宜系统 → bei yi system)."""
    words: list[str] = []
    simplified = to_simplified(original)
    pos = 0
    for m in HAN_RUN_RE.finditer(simplified):
        words.append(simplified[pos : m.start()])
        run = m.group()
        i = 0
        while i < len(run):
            for size in range(min(MAX_WORD, len(run) - i), 1, -1):
                first = first_gloss(run[i : i + size])
                if first:
                    words.append(first)
                    i += size
                    break
            else:
                words.append(run[i])
                i += 1
        pos = m.end()
    words.append(simplified[pos:])
    return " ".join(words)


@lru_cache(maxsize=65536)
def gloss_keys(original: str, han_side: bool = True) -> tuple[str, ...]:
    """Word keys of the English a Han name may be translated into, in the namespace of ``han_side`` (its
    own when indexed, the Latin side's when it looks Latin names up): the gloss
    words of each dictionary word of it (a single character only when its glosses are few, as
    ``translation.translate`` has it) and the usual English of its company words."""
    return tuple(sorted({_key("word", han_side, word_key(w)) for w in _glosses(original)}))


@lru_cache(maxsize=65536)
def _glosses(original: str) -> frozenset[str]:
    words: set[str] = set()
    for m in HAN_RUN_RE.finditer(to_simplified(original)):
        run = m.group()
        for i in range(len(run)):
            for size in range(1, min(MAX_WORD, len(run) - i) + 1):
                piece = run[i : i + size]
                glosses = gloss_words(piece)
                if size > 1 or len(glosses) <= MAX_CHARACTER_GLOSSES:
                    words |= glosses
                words.update(HAN_WORDS.get(piece, "").split())
    return frozenset(words)


def word_keys(form: NameForm, han_side: bool) -> tuple[str, ...]:
    """Word keys of the words of a Latin name, in the namespace of ``han_side`` (a Latin party looks up
    the Han side's keys)."""
    words = [*_WORD_RE.findall(form.original.casefold()), *form.units]
    return tuple(sorted({_key("word", han_side, word_key(w)) for w in words if len(w) > 1}))


@lru_cache(maxsize=65536)
def sound_keys(form: NameForm, han_side: bool) -> tuple[str, ...]:
    """Sound keys of a name's distinctive words and their letter pairs, in the namespace of ``han_side``.
    A Han name is read in pinyin; each foreign name part between interpuncts (约翰·瓦特斯) also as one word
    of its syllables run together, as ``cross_script`` keys it."""

    words = list(form.core)
    if foreign(form.original):
        words += ["".join(analyse(part).core) for part in form.original.split("·")]
    keys: set[str] = set()
    for w in words:
        skeleton = sound_key(w)
        if len(skeleton) < 2:
            continue
        keys.add(skeleton)
        keys.update(skeleton[i : i + 2] for i in range(len(skeleton) - 1))
    return tuple(sorted({_key("sound", han_side, k) for k in keys}))


def index_keys(form: NameForm) -> list[tuple[str, ...]]:
    """The cross-script keys of a listed name, each a row of texts for ``index.CandidateIndex``, in the
    namespaces of the name's own side: a Han or Hangul name's readings, gloss keys and sound keys; a Latin
    name's word keys and sound keys (its spelling is in the index of written names already)."""
    if foreign(form.original):
        keys: list[tuple[str, ...]] = list(reading_texts(form.original))
        keys += [gloss_keys(form.original, True), sound_keys(form, True)]
    else:
        keys = [word_keys(form, False), sound_keys(form, False)]
    return [k for k in keys if k]


def query_keys(form: NameForm) -> list[tuple[str, ...]]:
    """What a party name looks up in the cross-script keys of listed names (``index_keys``), in the other
    side's namespaces: a Latin name its spelling (against the readings), word keys and sound keys; a Han or
    Hangul name its gloss keys and sound keys (its readings are looked up among the written names)."""
    if foreign(form.original):
        keys: list[tuple[str, ...]] = [gloss_keys(form.original, False), sound_keys(form, False)]
    else:
        keys = [
            (form.compact, form.sorted_units.replace(" ", "")),
            word_keys(form, True),
            sound_keys(form, True),
        ]
    return [k for k in keys if any(k)]


def skeleton(form: NameForm) -> str:
    """The sound keys of a name's distinctive words run together (a Han name's read in pinyin as one
    word): what the sound reading compares."""

    if foreign(form.original):
        return "".join(sound_key("".join(analyse(part).core)) for part in form.original.split("·"))
    return "".join(sound_key(w) for w in form.core)


def likeness(han: NameForm, latin: NameForm, floor: float, sound_floor: float) -> bool:
    """Whether the candidate stage expects the scorer's cross-script score of a Han or Hangul name and a
    Latin one to reach ``floor``: the scorer's own reading score (``cross_script.reading_score``) of an
    unguided reading, of the share of the Latin name's distinctive words that a gloss of the Han name
    translates (the whole name taken as matching), or (``sound_floor``) of the sound keys reaches it. Without
    a translated word the unguided sound reading is the scorer's own (a Mandarin reading spells each
    character one way), so ``sound_floor`` may be closer to the threshold. Not a bound
    (the scorer's readings are guided by the Latin name): a stand-in for readings that cost milliseconds
    a pair. Each reading score is computed only when its string bound (``scorer.string_bound``; every
    other feature only lowers it, save the same syllables in another order) reaches ``floor``."""
    glosses = _glosses_by_start(han.original)
    if any(_translated(w, glosses) for w in latin.units if len(w) > 1):
        # a word is translated: the scorer's own Mandarin (Japanese) and sound readings, which read it so
        other = analyse(latin.original)
        for language in ("mandarin", "japanese") if is_japanese(han.original) else ("mandarin",):
            guided = analyse(read_as(han.original, language, latin))
            if reading_score(guided, other, PART_MATCH) >= floor:
                return True
        sound = sound_score(han, other)
        if sound is not None and sound.score >= floor:
            return True
    other = analyse(latin.original)
    letters = sorted(other.compact)
    for _, form in readings(han.original):
        within_reach = string_bound(form, other) >= floor or sorted(form.compact) == letters
        if within_reach and reading_score(form, other, READING_PART_MATCH) >= floor:
            return True
    # the scorer compares sounds only for a Latin name whose distinctive words are not all pinyin
    if latin.core and not all(is_pinyin(u) for u in latin.core):
        ours, theirs = _keyed_sounds(han.original), keyed(other)
        if ours and theirs:
            a, b = analyse(ours, PERSON), analyse(theirs, PERSON)
            if SOUND_WEIGHT * string_bound(a, b) >= sound_floor:
                return SOUND_WEIGHT * reading_score(a, b, syllables=False) >= sound_floor
    return False


def _translated(word: str, glosses: dict[str, tuple[str, ...]]) -> bool:
    """A gloss is ``word`` (up to an ending or as its short form), or two glosses are its two halves
    (Text|Ore), as ``translation.translate`` lets them be."""

    def known(w: str) -> bool:
        return any(same_word(g, w) or abbreviates(w, g) for g in glosses.get(w[:2], ()))

    if known(word):
        return True
    return any(known(word[:i]) and known(word[i:]) for i in range(COMPOUND_MIN, len(word) - COMPOUND_MIN + 1))


@lru_cache(maxsize=65536)
def _keyed_sounds(original: str) -> str:
    """The unguided Mandarin reading of a Han name with its distinctive words as sound keys, as the
    scorer's sound reading makes it (``cross_script.keyed_part`` for each part of a foreign name)."""

    if "·" in original:
        return " ".join(keyed_part(read_as(p, "mandarin", _EMPTY)) for p in original.split("·"))
    return keyed(analyse(read_as(original, "mandarin", _EMPTY)))


@lru_cache(maxsize=65536)
def _glosses_by_start(original: str) -> dict[str, tuple[str, ...]]:
    """The gloss words of a Han name's words (``_glosses``) by their first two letters."""
    out: dict[str, list[str]] = {}
    for g in sorted(_glosses(original)):
        out.setdefault(g[:2], []).append(g)
    return {k: tuple(v) for k, v in out.items()}

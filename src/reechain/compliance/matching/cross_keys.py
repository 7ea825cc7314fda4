"""What the candidate stage looks up for a cross-script pair (a Han or Hangul name against a Latin one): the
Latin texts and word keys of every reading the scorer tries (``cross_script``), made without the other name.

The scorer reads the Han side of a pair in Mandarin pinyin, Wade-Giles, Cantonese, Korean and (for Japanese
names) Japanese, translates Han words whose CC-CEDICT gloss is a word of the Latin name, and compares the
sound of transliterated foreign names (洛克希德 luo ke xi de against "Lockheed"). Its readings are guided by
the name they are compared with, which the candidate stage does not know yet; here each is made unguided:

* ``reading_texts``: the name in each romanisation, the first spelling of every character, company words in
  their usual English and legal forms in their Latin form (``cross_script.read_as`` with no guide), and
  in Japanese for a Han name the scorer reads so only against a Latin name that looks Japanese
  (``japanese_only``);
* ``gloss_keys``: every CC-CEDICT gloss word of every word of the Han name (``translation.gloss_words``),
  ``spelt_keys`` the words it writes in Latin letters (OKI of OKI電路技術) and the words of its Japanese
  readings (日新電機 nisshin denki), and ``word_keys`` the words of a Latin name and the words a run-together
  one is written of (IronMountain: iron, mountain), and ``abbreviation_keys`` the first three letters of
  long glosses (a word of three letters abbreviates one: com of compete), all as word keys (``word_key``:
  the first four letters, less a plural s, so holding/holdings and tech/technology agree, as
  ``translation.same_word`` and ``translation.abbreviates`` let them);
* ``sound_keys``: the consonant skeletons (``cross_script.sound_key``) of the distinctive words, and their
  letter pairs, so that luo ke xi de (lkst) and Lockheed (lkt) share ``lk``; ``transcribed_keys`` those of
  a Latin word with an x read as a transcription writes it, ke si (Synexxus: snks, as 赛尼克斯 sai ni ke si),
  and with a th read as s, as the scorer's sound reading also keys it (Raytheon: lsn, as 雷神 lei shen).

A word key or sound key is one character outside every script (``_NAMESPACES``), so it never meets a gram
of a written name; the side it was made from is part of the namespace, so the keys of a Han name meet only
those of Latin names and the reverse.
"""

from __future__ import annotations

import json
import re
import zlib
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import numpy.typing as npt
from rapidfuzz import process
from rapidfuzz.distance import Indel

from reechain.compliance.matching.abbreviation import han_starts, latin_starts, may_abbreviate, may_meet
from reechain.compliance.matching.chinese import HAN_RUN_RE, has_han, to_simplified
from reechain.compliance.matching.cross_script import (
    COMPOUND_MIN,
    READERS,
    READING_PART_MATCH,
    SOUND_WEIGHT,
    guide_whole_words,
    is_pinyin,
    japanese_readings,
    keyed,
    keyed_part,
    read_as,
    reading_score,
    reads_japanese,
    sound_key,
    sound_reaches,
    th_sounds,
    translatable_words,
    translated_otherwise,
    word_halves,
)
from reechain.compliance.matching.normalise import PERSON, NameForm, analyse
from reechain.compliance.matching.parts import PART_MATCH
from reechain.compliance.matching.readings import has_hangul, is_japanese
from reechain.compliance.matching.scorer import CORE_WEIGHT, string_bound
from reechain.compliance.matching.translation import (
    MAX_WORD,
    alone_characters,
    character_glosses,
    first_gloss,
    gloss_words,
    reads_as,
)
from reechain.compliance.matching.vocabulary import HAN_WORDS, LATIN_LEGAL_WORDS, STOPWORDS

_NAMESPACES = {
    ("word", True): (0x40000, 1 << 18),
    ("word", False): (0x80000, 1 << 18),
    ("sound", True): (0xC0000, 1 << 16),
    ("sound", False): (0xD0000, 1 << 16),
}
"""Where the keys of each kind live (first code point, size), by the side they were made from (True: Han
or Hangul): unassigned planes 4 to 13 of Unicode, which no name uses."""
WORD_KEY_LENGTH = 4
ABBREVIATION_MIN = 3
"""The shortest word that abbreviates a gloss three letters longer or more (``translation.abbreviates``)."""
_WORD_RE = re.compile(r"[a-z0-9]+")
_EMPTY = analyse("")


def foreign(text: str) -> bool:
    """Han or Hangul: the side of a cross-script pair whose readings are made."""
    return has_han(text) or has_hangul(text)


@lru_cache(maxsize=262144)
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
        *(japanese_readings(original) if is_japanese(original) else ()),
        _glossed(original),
    ]:
        form = analyse(text)
        spelt = "".join(w for w in _WORD_RE.findall(text.casefold()) if w not in LATIN_LEGAL_WORDS)
        if form.compact:
            out.setdefault(spelt + "\0" + form.compact, (spelt, form))
    return tuple(out.values())


@lru_cache(maxsize=65536)
def japanese_only(original: str) -> tuple[tuple[str, NameForm], ...]:
    """The unguided Japanese readings (as ``readings`` makes them) of a Han name that ``readings`` does not
    read in Japanese (no kana nor Japanese company form): the scorer reads it so against a Latin name that
    looks Japanese (``cross_script.reads_japanese``: 丸红公司 marubeni against "Marubeni Corporation"), so
    the gate and ``likeness`` try them for such a Latin name only; empty for any other name."""
    if not has_han(original) or is_japanese(original):
        return ()
    known = {spelt + "\0" + form.compact for spelt, form in readings(original)}
    out: dict[str, tuple[str, NameForm]] = {}
    for text in japanese_readings(original):
        form = analyse(text)
        spelt = "".join(w for w in _WORD_RE.findall(text.casefold()) if w not in LATIN_LEGAL_WORDS)
        key = spelt + "\0" + form.compact
        if form.compact and key not in known:
            out.setdefault(key, (spelt, form))
    return tuple(out.values())


def reading_texts(original: str) -> tuple[tuple[str, ...], ...]:
    """The unguided readings of a Han or Hangul name (``readings``, and ``japanese_only``: a Latin name
    that looks Japanese is compared with them), each as the texts whose grams are indexed: its
    run-together form, its words in sorted order and its spelling."""
    return tuple(
        (form.compact, form.sorted_units.replace(" ", ""), spelt)
        for spelt, form in (*readings(original), *japanese_only(original))
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
    own when indexed, the Latin side's when it looks Latin names up): the gloss words of each dictionary word
    of it (of a single character, ``translation.character_glosses``: all when they or its definitions are
    few, else its senses said in one word, as ``translation.translate`` has it) and the usual English of its
    company words."""
    return tuple(sorted({_key("word", han_side, word_key(w)) for w in _glosses(original)}))


@lru_cache(maxsize=65536)
def abbreviation_keys(original: str, han_side: bool = True) -> tuple[str, ...]:
    """Word keys of the words of three letters that may abbreviate a gloss of a Han name
    (``translation.abbreviates``: a word of at least three letters, three fewer than the gloss, beginning
    it: com of compete, lab of laboratory): the first three letters of each gloss (``_glosses``) of six
    letters or more, less those ``gloss_keys`` has. A word of four letters or more keys as the gloss does
    (``word_key``), a word of three letters does not. A key row of its own, so that the gloss keys weigh as
    before."""
    glosses = _glosses(original)
    whole = {word_key(w) for w in glosses}
    short = {w[:ABBREVIATION_MIN] for w in glosses if len(w) >= 2 * ABBREVIATION_MIN} - whole
    return tuple(sorted({_key("word", han_side, w) for w in short}))


@lru_cache(maxsize=65536)
def _glosses(original: str) -> frozenset[str]:
    words: set[str] = set()
    for m in HAN_RUN_RE.finditer(to_simplified(original)):
        run = m.group()
        alone = alone_characters(run)
        for i in range(len(run)):
            for size in range(1, min(MAX_WORD, len(run) - i) + 1):
                piece = run[i : i + size]
                words |= gloss_words(piece) if size > 1 else character_glosses(piece, alone[i])
                words.update(HAN_WORDS.get(piece, "").split())
    return frozenset(words)


@lru_cache(maxsize=65536)
def spelt_keys(original: str, han_side: bool = True) -> tuple[str, ...]:
    """Word keys of the words a Han or Hangul name spells, in the namespace of ``han_side``: those it writes
    in Latin letters (OKI of OKI電路技術, BRINC of BRINC无人机公司) and, for a Japanese name, the words
    of its unguided Japanese readings (日新電機 nisshin denki) and the halves of a reading's run-together
    word (沖電氣 okidenki: oki, denki), which the company's Latin name often writes as they are (Nissin
    Electric, OKI Electric Industry). Not a gloss: a Latin word met here is not translated (the gate's
    ``translated`` does not look at these). The Mandarin, Cantonese and Korean readings spell syllables,
    not words: the index of written names compares them (``reading_texts``)."""
    japanese = japanese_readings(original) if is_japanese(original) else ()
    words = {w for text in (original, *japanese) for w in _WORD_RE.findall(text.casefold())}
    # a Japanese reading runs the characters of a word together (沖電氣 okidenki): its halves too
    words |= {
        half
        for text in japanese
        for w in _WORD_RE.findall(text)
        if len(w) >= 2 * COMPOUND_MIN
        for i in range(COMPOUND_MIN, len(w) - COMPOUND_MIN + 1)
        for half in (w[:i], w[i:])
    }
    words = {w for w in words if len(w) > 1 and w not in LATIN_LEGAL_WORDS and w not in STOPWORDS}
    return tuple(sorted({_key("word", han_side, word_key(w)) for w in words if not w.isdigit()}))


_CAMEL_RE = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|[0-9]+")
_RUN_TOGETHER_RE = re.compile(r"[a-z][A-Z]|[A-Z]{2}[a-z]")


def camel_words(original: str) -> list[str]:
    """The words a run-together Latin word is written of, by its capitals (IronMountain: iron, mountain;
    AeroVironment: aero, vironment); none for a word without a capital inside it (Logitec, SYNEXXUS)."""
    out: list[str] = []
    for word in re.findall(r"[A-Za-z0-9]+", original):
        if _RUN_TOGETHER_RE.search(word):
            out += [w.casefold() for w in _CAMEL_RE.findall(word)]
    return out


def word_keys(form: NameForm, han_side: bool) -> tuple[str, ...]:
    """Word keys of the words of a Latin name, and of the words its run-together words are written of
    (``camel_words``: a gloss of 铁山 meets the Iron of IronMountain, not Mountain), in the namespace of
    ``han_side`` (a Latin party looks up the Han side's keys)."""
    words = [*_WORD_RE.findall(form.original.casefold()), *form.units, *camel_words(form.original)]
    return tuple(sorted({_key("word", han_side, word_key(w)) for w in words if len(w) > 1}))


def sound_keys(form: NameForm, han_side: bool) -> tuple[str, ...]:
    """Sound keys of a name's distinctive words and their letter pairs, in the namespace of ``han_side``.
    A Han name is read in pinyin; each foreign name part between interpuncts (约翰·瓦特斯) also as one word
    of its syllables run together, as ``cross_script`` keys it. Not cached: each form's are made once by
    the index and once per party by its look-up (a cache filled by the index's tens of thousands of names
    would only be churned by the parties), and the words' keys are cached (``sound_key``, ``_key``)."""

    words = list(form.core)
    if foreign(form.original):
        words += ["".join(analyse(part).core) for part in form.original.split("·")]
    keys: set[str] = set()
    for w in words:
        keys |= _word_sound_keys(w, han_side)
    return tuple(sorted(keys))


_X_RE = re.compile(r"x+")


def transcribed_keys(form: NameForm, han_side: bool) -> tuple[str, ...]:
    """The sound keys (``sound_keys``) of a Latin name's distinctive words as a Chinese transcription may
    also write them: an x as two consonants (Synexxus 赛尼克斯 sai ni ke si: snks, where ``sound_key`` keys
    the x as the sibilant of pinyin x: sns) and, when the scorer's sound reading keys the name's th as s
    too (``cross_script.th_sounds``), a th as s (Raytheon 雷神 lei shen: lsn, where ``sound_key`` keys it
    ltn); empty for a Han or Hangul name and for a name with neither. A key row of its own, so that the
    name's other sound keys weigh as before."""
    if foreign(form.original):
        return ()
    keys: set[str] = set()
    ths = th_sounds(form)
    for w in form.core:
        x_read = _X_RE.sub("ks", w) if "x" in w else None
        if x_read is not None:
            keys |= _word_sound_keys(x_read, han_side)
        if "s" in ths and "th" in w:
            keys |= _word_sound_keys(w, han_side, "s")
            if x_read is not None:
                keys |= _word_sound_keys(x_read, han_side, "s")
    return tuple(sorted(keys))


@lru_cache(maxsize=65536)
def _word_sound_keys(word: str, han_side: bool, th: str = "t") -> frozenset[str]:
    """The sound keys of one word (``sound_keys``): its skeleton (its th keyed as ``th``) and the
    skeleton's letter pairs, none for a skeleton of fewer than two letters (cached: the words of names
    recur)."""
    skeleton = sound_key(word, th)
    if len(skeleton) < 2:
        return frozenset()
    pairs = {skeleton, *(skeleton[i : i + 2] for i in range(len(skeleton) - 1))}
    return frozenset(_key("sound", han_side, k) for k in pairs)


def index_keys(form: NameForm) -> list[tuple[str, ...]]:
    """The cross-script keys of a listed name, each a row of texts for ``index.CandidateIndex``, in the
    namespaces of the name's own side: a Han or Hangul name's readings, gloss keys and sound keys; a Latin
    name's word keys and sound keys (its spelling is in the index of written names already)."""
    if foreign(form.original):
        keys: list[tuple[str, ...]] = list(reading_texts(form.original))
        keys += [gloss_keys(form.original, True), spelt_keys(form.original, True), sound_keys(form, True)]
        keys.append(abbreviation_keys(form.original, True))
    else:
        keys = [word_keys(form, False), sound_keys(form, False), transcribed_keys(form, False)]
    return [k for k in keys if k]


def query_keys(form: NameForm) -> list[tuple[str, ...]]:
    """What a party name looks up in the cross-script keys of listed names (``index_keys``), in the other
    side's namespaces: a Latin name its spelling (against the readings), word keys and sound keys; a Han or
    Hangul name its gloss keys and sound keys (its readings are looked up among the written names)."""
    if foreign(form.original):
        keys: list[tuple[str, ...]] = [
            gloss_keys(form.original, False),
            spelt_keys(form.original, False),
            sound_keys(form, False),
            abbreviation_keys(form.original, False),
        ]
    else:
        keys = [
            (form.compact, form.sorted_units.replace(" ", "")),
            word_keys(form, True),
            sound_keys(form, True),
            transcribed_keys(form, True),
        ]
    return [k for k in keys if any(k)]


def skeleton(form: NameForm) -> str:
    """The sound keys of a name's distinctive words run together (a Han name's read in pinyin as one
    word): what the sound reading compares."""

    if foreign(form.original):
        return "".join(sound_key("".join(analyse(part).core)) for part in form.original.split("·"))
    return "".join(sound_key(w) for w in form.core)


def likeness(
    han: NameForm,
    latin: NameForm,
    floor: float,
    sound_floor: float,
    *,
    readings_within: bool = True,
    sound_within: bool = True,
    translated: bool = False,
) -> bool:
    """Whether the candidate stage expects the scorer's cross-script score of a Han or Hangul name and a
    Latin one to reach ``floor``: the scorer's own reading score (``cross_script.reading_score``) of an
    unguided reading, of the share of the Latin name's distinctive words that a gloss of the Han name
    translates (the whole name taken as matching), or (``sound_floor``) of the sound keys reaches it. Without
    a translated word the unguided sound reading is the scorer's own (a Mandarin reading spells each
    character one way), so ``sound_floor`` may be closer to the threshold. Not a bound
    (the scorer's readings are guided by the Latin name): a stand-in for readings that cost milliseconds
    a pair. Each reading score is computed only when its string bound (``scorer.string_bound``; every
    other feature only lowers it, save the same syllables in another order) reaches ``floor``.

    What the gate before it (``gate``) found of the pair spares work here: ``readings_within`` false (no
    unguided reading's string bound reaches ``floor`` and none has the Latin name's letters) and
    ``sound_within`` false (the sound keys' bound falls short of ``sound_floor``) skip those readings,
    which could not accept the pair; ``translated`` true (a gloss may translate a word of the Latin name or
    a half of one, ``_may_translate``, or a word may abbreviate) is taken as found instead of being looked
    for again."""
    other = analyse(latin.original)
    japanese = reads_japanese(other)
    # the unguided readings and sound keys first: they cost least, and any one of them accepts the pair;
    # the Japanese readings of a Han name only against a Latin name that looks Japanese, as the scorer
    tried = (*readings(han.original), *(japanese_only(han.original) if japanese else ()))
    for _, form in tried if readings_within else ():
        within_reach = string_bound(form, other) >= floor or _same_letters(form, other)
        if within_reach and reading_score(form, other, READING_PART_MATCH) >= floor:
            return True
    # the scorer compares sounds only for a Latin name whose distinctive words are not all pinyin
    if sound_within and latin.core and not all(is_pinyin(u) for u in latin.core):
        ours = _keyed_sounds(han.original)
        # each keying of the Latin name the scorer's sound reading tries (``th_sounds``: th as t and s)
        for theirs in (keyed(other, th) for th in th_sounds(other)) if ours else ():
            if not theirs:
                continue
            a, b = analyse(ours, PERSON), analyse(theirs, PERSON)
            if SOUND_WEIGHT * string_bound(a, b) >= sound_floor and (
                SOUND_WEIGHT * reading_score(a, b, syllables=False) >= sound_floor
            ):
                return True
    if translated or _may_translate(han, latin) or _abbreviates(han, latin):
        # a word may be translated: the scorer's own Mandarin (Japanese) and sound readings, which read it
        # so, when they translate a piece otherwise than the unguided readings (the scorer's own
        # translation, asked only now: whether a gloss translates a word is a necessary condition) or
        # abbreviate a stretch. A reading scores at most its string bound unless it has the Latin name's
        # syllables (then the same letters), so one whose bound falls short is not scored.
        if not translated_otherwise(han.original, latin) and not _abbreviates(han, latin):
            return False
        languages = ("mandarin", "japanese") if is_japanese(han.original) or japanese else ("mandarin",)
        for language in languages:
            guided = analyse(read_as(han.original, language, latin))
            within_reach = string_bound(guided, other) >= floor or _same_letters(guided, other)
            if within_reach and reading_score(guided, other, PART_MATCH) >= floor:
                return True
        return sound_reaches(han, other, floor)
    return False


def _may_translate(han: NameForm, latin: NameForm) -> bool:
    """Whether a gloss of the Han name may translate a word of the Latin name or a half of one
    (``_translates``): a necessary condition of the scorer's guided reading translating a piece otherwise
    than the unguided readings (``cross_script.translated_otherwise``)."""
    return any(_translates(w, han.original) for word in _latin_words(latin) for w, _ in _guide_forms(word))


def _abbreviates(han: NameForm, latin: NameForm) -> bool:
    """``abbreviation.may_abbreviate``, looked for only where the two names' abbreviation keys meet
    (``abbreviation.may_meet``, a necessary condition)."""
    ours, theirs = han_starts(han.original), latin_starts(latin.original)
    return (
        not ours.isdisjoint(theirs)
        and may_meet(ours, theirs)
        and may_abbreviate(han.original, latin.original)
    )


def _same_letters(reading: NameForm, other: NameForm) -> bool:
    """The two run-together names are made of the same letters (the same syllables in another order may
    score above the string bound); strings of different lengths are not sorted."""
    return len(reading.compact) == len(other.compact) and sorted(reading.compact) == sorted(other.compact)


@lru_cache(maxsize=262144)
def _translates(word: str, original: str) -> bool:
    """Whether the scorer's translation may read a word of a Latin name (a guide word of
    ``cross_script.guide_words``: a word, a half of one marked ``~``, an acronym marked ``^``) from a
    piece of Han name ``original`` (``_translated``), cached: a party's words (technology, trading,
    materials) meet the same few hundred Han names again and again."""
    return _translated(word, _gate_glosses(original))


def _translated(word: str, glosses: dict[str, tuple[str, ...]]) -> bool:
    """A gloss reads as ``word`` by ``translation.reads_as``, the rule of ``translation.translate`` (a half
    of a run-together word on its own: IronMountain's ~mountain from 山, Techsystems' ~systems from 系统),
    or ``word`` is an acronym (``^``) of a piece's definitions. ``glosses`` are by their ``_gloss_start``
    (acronyms under themselves): only those of the ``_word_starts`` of a word can be it."""
    return any(reads_as(g, word) for k in _word_starts(word) for g in glosses.get(k, ()))


@lru_cache(maxsize=65536)
def _keyed_sounds(original: str) -> str:
    """The unguided Mandarin reading of a Han name with its distinctive words as sound keys, as the
    scorer's sound reading makes it (``cross_script.keyed_part`` for each part of a foreign name)."""

    if "·" in original:
        return " ".join(keyed_part(read_as(p, "mandarin", _EMPTY)) for p in original.split("·"))
    return keyed(analyse(read_as(original, "mandarin", _EMPTY)))


@lru_cache(maxsize=65536)
def _gate_glosses(original: str) -> dict[str, tuple[str, ...]]:
    """What the scorer's translation may read a word of any Latin name from, in a Han name
    (``cross_script.translatable_words``): its glosses by their ``_gloss_start`` and its acronyms, marked
    ``^``, under themselves."""
    glosses, acronyms = translatable_words(original)
    out: dict[str, list[str]] = {}
    for g in sorted(glosses):
        out.setdefault(_gloss_start(g), []).append(g)
    for a in sorted(acronyms):
        out.setdefault("^" + a, []).append("^" + a)
    return {k: tuple(v) for k, v in out.items()}


# ---------------------------------------------------------------- the gate as array operations

_KINDS = ("core_compact", "sorted_core", "compact", "sorted_units")


def _strings(form: NameForm) -> tuple[str, str, str, str, str]:
    """What ``scorer.string_bound`` compares of a form (``_KINDS``), and its letters in sorted order."""
    letters = "".join(sorted(form.compact))
    return form.core_compact, form.sorted_core, form.compact, form.sorted_units, letters


@dataclass(frozen=True)
class _HanSide:
    """What the gate compares of a Han or Hangul name, made once per name: its unguided readings, its
    keyed sound reading and the beginnings of the glosses the scorer may translate it by (``_gate_glosses``:
    ``_gloss_start``, and its acronyms)."""

    readings: tuple[tuple[str, str, str, str, str], ...]
    sound: tuple[str, str, str, str, str] | None
    gloss_starts: frozenset[str]
    abbreviation_starts: frozenset[str]
    japanese: tuple[tuple[str, str, str, str, str], ...] = ()
    """``japanese_only``: tried after ``readings`` for a Latin name that looks Japanese only."""


def _gloss_start(gloss: str) -> str:
    """What a gloss and a word it translates (``_translated``) always share: the first three letters of the
    gloss (all of a two-letter gloss). ``translation.same_word`` wants a shared stem of four letters, or
    the whole of a shorter word, and ``translation.abbreviates`` a word of three letters beginning the gloss;
    a half of a run-together word (``~``) is a word of its own here, as in ``translation.translate``."""
    return gloss[:3]


def _word_starts(word: str) -> tuple[str, ...]:
    """The ``_gloss_start`` of every gloss that may translate ``word`` is one of these: its first three
    letters (a half's, less its ``~``), or a two-letter gloss that begins it; a two-letter word is met only
    by itself and by itself with -s or -es; an acronym (``^``) only by itself."""
    if word[:1] == "^":
        return (word,)
    word = word.lstrip("~")
    if len(word) >= 3:
        return word[:3], word[:2]
    return word, word + "s", word + "e"


@lru_cache(maxsize=65536)
def _han_side(original: str) -> _HanSide:
    ours = _keyed_sounds(original)
    return _HanSide(
        tuple(_strings(form) for _, form in readings(original)),
        _strings(analyse(ours, PERSON)) if ours else None,
        frozenset(_gate_glosses(original)),
        han_starts(original),
        tuple(_strings(form) for _, form in japanese_only(original)),
    )


@dataclass(frozen=True)
class _LatinSide:
    """What the gate compares of a Latin name: its words a gloss may translate, its form as the scorer
    compares it (``analyse`` of the original) and, when the scorer compares sounds for it, its keyed
    sound reading."""

    words: tuple[str, ...]
    word_starts: frozenset[str]
    form: tuple[str, str, str, str, str]
    sound: tuple[str, str, str, str, str] | None
    abbreviation_starts: frozenset[str]
    sound_th: tuple[str, str, str, str, str] | None = None
    """The keyed sound reading with th keyed as s, when the scorer tries it too (``th_sounds``)."""
    japanese: bool = False
    """The name looks Japanese (``cross_script.reads_japanese``): the scorer reads Han names in Japanese."""


@lru_cache(maxsize=65536)
def _latin_side(latin: NameForm) -> _LatinSide:
    other = analyse(latin.original)
    words = _latin_words(latin)
    sound = sound_th = None
    if latin.core and not all(is_pinyin(u) for u in latin.core):
        theirs = keyed(other)
        if theirs:
            sound = _strings(analyse(theirs, PERSON))
        theirs = keyed(other, "s") if "s" in th_sounds(other) else ""
        if theirs:
            sound_th = _strings(analyse(theirs, PERSON))
    return _LatinSide(
        words,
        frozenset().union(*(_guide_starts(w) for w in words)),
        _strings(other),
        sound,
        latin_starts(latin.original),
        sound_th,
        reads_japanese(other),
    )


def _latin_words(latin: NameForm) -> tuple[str, ...]:
    """The words of a Latin name a gloss may translate, less the halves of its long words
    (``_guide_forms``): the scorer's own guide words (``cross_script.guide_whole_words``, as ``read_as``
    makes them), its words as written (the normaliser may change a word, Electric → electronic, that a
    gloss spells as written), its units and its capital words marked ``^``. A legal form of the Han name is
    never translated (``cross_script`` reads it as its Latin form), so the gate looks at no gloss of one
    (``_gate_glosses``), and a Latin legal word (Co.) meets no 公司."""
    return tuple(w for w in guide_whole_words(latin.original, latin.units) if len(w.lstrip("^")) > 1)


@lru_cache(maxsize=65536)
def _guide_forms(word: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """A word of ``_latin_words`` and the halves the scorer also translates it by
    (``cross_script.word_halves``: IronMountain's ~mountain from 山, Techsystems' ~systems from 系统, one
    without the other), each with its ``_word_starts`` (cached: the words of names recur)."""
    halves = () if word[:1] == "^" else word_halves(word)
    return tuple((w, _word_starts(w)) for w in (word, *halves))


@lru_cache(maxsize=65536)
def _guide_starts(word: str) -> frozenset[str]:
    """Every ``_word_starts`` of a word's ``_guide_forms``."""
    return frozenset(k for _, starts in _guide_forms(word) for k in starts)


def latin_side_text(name: str) -> str | None:
    """What the gate compares of a party's Latin name read as an organisation's (``_latin_side``), as JSON
    text to store with the name (``latin_sides_known`` reads it back); None for a Han or Hangul name."""
    if foreign(name):
        return None
    side = _latin_side(analyse(name, "Company"))
    return json.dumps(
        [
            _SIDE_LAYOUT,
            side.words,
            sorted(side.word_starts),
            side.form,
            side.sound,
            sorted(side.abbreviation_starts),
            side.sound_th,
            side.japanese,
        ],
        ensure_ascii=False,
        separators=(",", ":"),
    )


_SIDE_LAYOUT = 3
"""The layout of ``latin_side_text``: a text stored by a gate whose Latin words were not the scorer's guide
words (before layout 2: no halves of run-together words), or without the th-as-s sound reading and the
Japanese look of the name (before layout 3), does not decode, and the side is made again."""


def _side_of_text(text: str) -> _LatinSide:
    layout, *fields = json.loads(text)
    if layout != _SIDE_LAYOUT:
        raise ValueError("a stored Latin side of another layout")
    words, starts, form, sound, abbreviation, sound_th, japanese = fields
    if len(form) != len(_KINDS) + 1 or any(
        s is not None and len(s) != len(_KINDS) + 1 for s in (sound, sound_th)
    ):
        raise ValueError("a stored Latin side whose strings do not fit")
    return _LatinSide(
        tuple(words),
        frozenset(starts),
        tuple(form),
        tuple(sound) if sound is not None else None,
        frozenset(abbreviation),
        tuple(sound_th) if sound_th is not None else None,
        bool(japanese),
    )


_KNOWN_SIDES: dict[NameForm, _LatinSide] = {}


@contextmanager
def latin_sides_known(stored: Mapping[str, str]) -> Iterator[None]:
    """Within the block, the gate takes the Latin side of each name of ``stored`` (name → ``latin_side_text``
    stored with it, made by the same matching code) as read, instead of making it again: a register of
    tens of thousands of names re-screened after a list change. A text that does not decode is ignored (the
    side is made again)."""
    known: dict[NameForm, _LatinSide] = {}
    for name, text in stored.items():
        try:
            known[analyse(name, "Company")] = _side_of_text(text)
        except (ValueError, TypeError):
            continue
    _KNOWN_SIDES.update(known)
    try:
        yield
    finally:
        for form in known:
            _KNOWN_SIDES.pop(form, None)


def _latin_side_of(latin: NameForm) -> _LatinSide:
    return (_KNOWN_SIDES.get(latin) if _KNOWN_SIDES else None) or _latin_side(latin)


def prepare(originals: Sequence[str]) -> None:
    """Make what ``within_reach`` compares of each Han or Hangul name now (cached per name): a screener
    does it for all its listed names at its first cross-script comparison, so that a party screened later
    finds them made."""
    for original in originals:
        _han_side(original)


def _table(rows: Sequence[tuple[str, str, str, str, str]]) -> npt.NDArray[np.object_]:
    """``_strings`` of several forms as one array, a row each."""
    out = np.empty((len(rows), 5), dtype=object)
    for i, row in enumerate(rows):
        out[i] = row
    return out


def _reaching(
    a: npt.NDArray[np.object_],
    b: npt.NDArray[np.object_],
    a_at: npt.NDArray[np.int64],
    b_at: npt.NDArray[np.int64],
    floor: float,
    weight: float = 1.0,
) -> npt.NDArray[np.bool_]:
    """For each pair of rows ``(a[a_at[i]], b[b_at[i]])`` of strings (``_strings``), whether ``weight``
    times its ``scorer.string_bound`` reaches ``floor`` (rapidfuzz ``cpdist``, each column gathered alone).
    The distinctive words are compared first, with a cut-off below which no whole-name similarity (at most
    1) can lift the bound to ``floor``; the whole names only for the pairs left: the same decisions as
    computing both for every pair."""

    def similarity(
        compact: int, ordered: int, left: npt.NDArray[np.int64], right: npt.NDArray[np.int64], cutoff: float
    ) -> npt.NDArray[np.float64]:
        x, y = a[left, compact], b[right, compact]
        sims = np.maximum(
            process.cpdist(x, y, scorer=Indel.normalized_similarity, dtype=np.float64, score_cutoff=cutoff),
            process.cpdist(
                a[left, ordered],
                b[right, ordered],
                scorer=Indel.normalized_similarity,
                dtype=np.float64,
                score_cutoff=cutoff,
            ),
        )
        sims[x == y] = 1.0
        sims[(x == "") | (y == "")] = 0.0
        return np.asarray(sims, dtype=np.float64)

    out = np.zeros(len(a_at), dtype=bool)
    if not len(a_at):
        return out
    # Indel similarity is at most 2 min(m, n) / (m + n) for strings of lengths m and n: pairs whose core
    # strings' lengths leave the bound below the floor (by more than any rounding) are not compared
    core_bound = np.maximum(
        _length_bound(_lengths(a, 0)[a_at], _lengths(b, 0)[b_at]),
        _length_bound(_lengths(a, 1)[a_at], _lengths(b, 1)[b_at]),
    )
    left = np.flatnonzero(weight * (CORE_WEIGHT * core_bound + (1 - CORE_WEIGHT)) >= floor - 1e-9)
    a_at, b_at = a_at[left], b_at[left]
    # a core similarity below the cut-off leaves the bound below the floor: cpdist may report it as 0
    needed = (floor / weight - (1 - CORE_WEIGHT)) / CORE_WEIGHT
    core = similarity(0, 1, a_at, b_at, min(1.0, max(0.0, needed - 1e-6)))
    at = np.flatnonzero(weight * (CORE_WEIGHT * core + (1 - CORE_WEIGHT)) >= floor)
    full = similarity(2, 3, a_at[at], b_at[at], 0.0)
    out[left[at[weight * (CORE_WEIGHT * core[at] + (1 - CORE_WEIGHT) * full) >= floor]]] = True
    return out


def _lengths(table: npt.NDArray[np.object_], column: int) -> npt.NDArray[np.int64]:
    """The length of each string of a column of a table of ``_strings``."""
    return np.fromiter((len(s) for s in table[:, column]), dtype=np.int64, count=len(table))


def _length_bound(m: npt.NDArray[np.int64], n: npt.NDArray[np.int64]) -> npt.NDArray[np.float64]:
    """The highest Indel similarity two strings of lengths ``m`` and ``n`` can have: 2 min(m, n) / (m + n)
    (the longest common subsequence is at most the shorter string); 1 for two empty strings."""
    total = m + n
    return np.where(total > 0, 2.0 * np.minimum(m, n) / np.maximum(total, 1), 1.0)


def within_reach(
    hans: Sequence[NameForm],
    latins: Sequence[NameForm],
    han_of: npt.NDArray[np.int64],
    latin_of: npt.NDArray[np.int64],
    floor: float,
    sound_floor: float,
) -> npt.NDArray[np.bool_]:
    """For each pair (``hans[han_of[i]]``, ``latins[latin_of[i]]``), whether ``likeness`` may accept it:
    a gloss of the Han name may translate a word of the Latin name, or the string bound of an unguided
    reading (or the same letters) or of the sound keys reaches its floor. Every pair ``likeness`` accepts
    is kept; the bounds of all pairs are computed in a few vectorised rapidfuzz calls."""
    return gate(hans, latins, han_of, latin_of, floor, sound_floor).reach


@dataclass(frozen=True)
class Gate:
    """What ``gate`` found of each pair: ``reach`` (``within_reach``), and why: ``readings`` (an unguided
    reading's string bound reaches the floor, or it has the Latin name's letters), ``sound`` (the sound
    keys' bound reaches the sound floor), ``translated`` (a gloss may translate a word of the Latin name or
    a half of one, ``_translates``, or a word may abbreviate; false also where it was not looked for, a
    pair the key sets rule out)."""

    reach: npt.NDArray[np.bool_]
    readings: npt.NDArray[np.bool_]
    sound: npt.NDArray[np.bool_]
    translated: npt.NDArray[np.bool_]


def gate(
    hans: Sequence[NameForm],
    latins: Sequence[NameForm],
    han_of: npt.NDArray[np.int64],
    latin_of: npt.NDArray[np.int64],
    floor: float,
    sound_floor: float,
) -> Gate:
    """``within_reach`` with what it found of each pair (``Gate``), which ``likeness`` takes so as not to
    try again what cannot accept the pair."""
    floor -= 1e-9
    sound_floor -= 1e-9
    han_sides = [_han_side(f.original) for f in hans]
    latin_sides = [_latin_side_of(f) for f in latins]
    pairs = len(han_of)
    translated = np.zeros(pairs, dtype=bool)
    by_readings = np.zeros(pairs, dtype=bool)
    by_sound = np.zeros(pairs, dtype=bool)
    if not pairs:
        return Gate(translated, by_readings, by_sound, translated)
    # a word translated: only where a gloss begins as a word of the Latin name does; an abbreviation: only
    # where the two names' abbreviation keys meet (``abbreviation.may_meet``). Both looked at pair by pair
    # only after a set test that passes every pair either of them may pass.
    gloss = [s.gloss_starts for s in han_sides]
    starts = [s.word_starts for s in latin_sides]
    han_abbreviation = [s.abbreviation_starts for s in han_sides]
    latin_abbreviation = [s.abbreviation_starts for s in latin_sides]
    han_list, latin_list = han_of.tolist(), latin_of.tolist()
    for i, (h, lt) in enumerate(zip(han_list, latin_list, strict=True)):
        found = False
        if not gloss[h].isdisjoint(starts[lt]):
            original = hans[h].original
            found = any(_translates(w, original) for w in _glossed_words(latin_sides[lt], gloss[h]))
        if (
            not found
            and not han_abbreviation[h].isdisjoint(latin_abbreviation[lt])
            and may_meet(han_abbreviation[h], latin_abbreviation[lt])
        ):
            found = may_abbreviate(hans[h].original, latins[lt].original)
        if found:
            translated[i] = True
    # the unguided readings, and the Japanese ones (after them) for a Latin name that looks Japanese
    counts = np.fromiter((len(s.readings) for s in han_sides), dtype=np.int64, count=len(han_sides))
    japanese = np.fromiter((len(s.japanese) for s in han_sides), dtype=np.int64, count=len(han_sides))
    latin_japanese = np.fromiter((s.japanese for s in latin_sides), dtype=bool, count=len(latin_sides))
    per_pair = counts[han_of] + japanese[han_of] * latin_japanese[latin_of]
    counts = counts + japanese
    pair_at = np.repeat(np.arange(pairs, dtype=np.int64), per_pair)
    if len(pair_at):
        first_reading = np.zeros(len(counts), dtype=np.int64)
        np.cumsum(counts[:-1], out=first_reading[1:])
        first = np.repeat(np.cumsum(per_pair) - per_pair, per_pair)
        reading_at = np.repeat(first_reading[han_of], per_pair) + np.arange(len(pair_at)) - first
        table = _table([r for s in han_sides for r in (*s.readings, *s.japanese)])
        latin_table = _table([s.form for s in latin_sides])
        latin_at = latin_of[pair_at]
        anagram = table[reading_at, 4] == latin_table[latin_at, 4]
        by_readings[pair_at[anagram | _reaching(table, latin_table, reading_at, latin_at, floor)]] = True
    # the sound keys
    no_sound = ("",) * 5
    han_sound = _table([s.sound or no_sound for s in han_sides])
    latin_sound = _table([s.sound or no_sound for s in latin_sides])
    with_sound = np.fromiter((s.sound is not None for s in han_sides), dtype=bool, count=len(han_sides))
    latin_with_sound = np.fromiter(
        (s.sound is not None for s in latin_sides), dtype=bool, count=len(latin_sides)
    )
    at = np.flatnonzero(with_sound[han_of] & latin_with_sound[latin_of])
    if len(at):
        by_sound[
            at[_reaching(han_sound, latin_sound, han_of[at], latin_of[at], sound_floor, SOUND_WEIGHT)]
        ] = True
    # the th of a Latin name keyed as s too (``th_sounds``), for the pairs not yet within reach
    latin_th = np.fromiter((s.sound_th is not None for s in latin_sides), dtype=bool, count=len(latin_sides))
    at = np.flatnonzero(with_sound[han_of] & latin_th[latin_of] & ~by_sound)
    if len(at):
        th_sound = _table([s.sound_th or no_sound for s in latin_sides])
        by_sound[at[_reaching(han_sound, th_sound, han_of[at], latin_of[at], sound_floor, SOUND_WEIGHT)]] = (
            True
        )
    return Gate(translated | by_readings | by_sound, by_readings, by_sound, translated)


def _glossed_words(side: _LatinSide, gloss_starts: frozenset[str]) -> Iterator[str]:
    """The words of a Latin name and the halves of its long words (``_guide_forms``) that a gloss whose
    beginnings are ``gloss_starts`` may translate (``_word_starts`` of the word among them), in order."""
    for word in side.words:
        if gloss_starts.isdisjoint(_guide_starts(word)):
            continue
        for w, starts in _guide_forms(word):
            if not gloss_starts.isdisjoint(starts):
                yield w

"""Han or Hangul against Latin: read the Han side the ways official lists romanise or translate it, and
score the best reading against the Latin name.

The normaliser already reads Han as Mandarin pinyin with common company words translated
(``chinese.read_han``). Lists also pair names that differ in other ways; for a pair with Han (or Hangul) on
one side and none on the other, this module builds one Latin reading of the Han side per reading table:

* ``mandarin``: pinyin (pypinyin);
* ``cantonese``: Hong Kong Government Romanisation (``readings.cantonese``): 陳大文 → chan tai man;
* ``korean``: the hanja's Korean reading, McCune-Reischauer / DPRK / Revised spellings
  (``readings.korean``): 金正恩 → kim jong un;
* ``japanese``: Hepburn from pykakasi's dictionary (``readings.japanese``), only for names with a Japanese
  company form or kana: 光和兴业株式会社 → kowa kogyo kk;

and in each, a Han word whose CC-CEDICT gloss is a word of the Latin name is read as that English word
(``translation.translate``: 蓝帽 → blue hat, 机器人 → robotics). Chinese legal forms become their Latin form,
so the normaliser removes them on both sides alike. Each reading is scored against the Latin name with the
ordinary string similarity (``scorer.quick_score``); the feature is the best reading. Foreign names written
in Chinese characters (拉法特 for Lafert) are compared through a sound key (``sound_key``): the consonants
that a Chinese transcription keeps (an ``r`` before a consonant or at the end is dropped, voiced and
voiceless stops and the sibilants fall together), since no library reverses such transcriptions.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from pypinyin import Style, lazy_pinyin
from rapidfuzz.distance import Indel

from reechain.compliance.matching.abbreviation import abbreviated
from reechain.compliance.matching.chinese import (
    HAN_RE,
    PINYIN_SYLLABLES,
    has_han,
    split_syllables,
    to_simplified,
)
from reechain.compliance.matching.middle_names import MIDDLE_NAMES_FACTOR
from reechain.compliance.matching.normalise import PERSON, NameForm, analyse
from reechain.compliance.matching.parts import PART_MATCH, PART_PENALTY, name_parts, unmatched_parts
from reechain.compliance.matching.readings import (
    MAX_VARIANTS,
    cantonese,
    choose,
    has_hangul,
    is_japanese,
    japanese,
    korean,
)
from reechain.compliance.matching.translation import (
    MAX_WORD,
    has_entry,
    is_surname,
    meaning_words,
    proper_names,
    readable_words,
    same_word,
    translate,
)
from reechain.compliance.matching.vocabulary import HAN_LEGAL_FORMS, LATIN_LEGAL_WORDS

_WORD_RE = re.compile(r"[a-z]+")
_HAN_OR_HANGUL_RUN = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]+")
_LEGAL_MAX = max(len(k) for k in HAN_LEGAL_FORMS)


def is_cross_script(a: NameForm, b: NameForm) -> bool:
    """One name has Han or Hangul and the other has neither."""
    return _foreign(a.original) != _foreign(b.original)


def _foreign(text: str) -> bool:
    return has_han(text) or has_hangul(text)


def _mandarin(text: str) -> list[tuple[str, tuple[str, ...]]]:
    chars = [ch for ch in text if HAN_RE.match(ch)]
    readings = lazy_pinyin(chars, style=Style.NORMAL, errors="ignore")
    return [(ch, (r.replace("ü", "v"),)) for ch, r in zip(chars, readings, strict=False)]


def _wade_giles(text: str) -> list[tuple[str, tuple[str, ...]]]:
    """Mandarin in Wade-Giles (pypinyin's ``WADEGILES`` style), as Taiwan and older lists write names:
    邓小平 → teng hsiao p'ing; offered with and without the aspiration mark."""
    chars = [ch for ch in text if HAN_RE.match(ch)]
    readings = lazy_pinyin(chars, style=Style.WADEGILES, errors="ignore")
    return [
        (ch, tuple(dict.fromkeys((r.replace("'", ""), r)))) for ch, r in zip(chars, readings, strict=False)
    ]


_PINYIN_LIKE = frozenset({"mandarin", "wade_giles"})
Reader = Callable[[str], list[tuple[str, tuple[str, ...]]]]
READERS: dict[str, Reader] = {
    "mandarin": _mandarin,
    "wade_giles": _wade_giles,
    "cantonese": cantonese,
    "korean": korean,
    "japanese": japanese,
}


@dataclass(frozen=True)
class Reading:
    language: str
    text: str
    score: float


@lru_cache(maxsize=65536)
def _split_legal(run: str) -> tuple[tuple[str, bool], ...]:
    """Pieces of a Han run, legal forms (longest first) marked True (cached: a listed name is read against
    every party it meets)."""
    out: list[tuple[str, bool]] = []
    i = 0
    plain = ""
    while i < len(run):
        for size in range(min(_LEGAL_MAX, len(run) - i), 1, -1):
            if run[i : i + size] in HAN_LEGAL_FORMS:
                if plain:
                    out.append((plain, False))
                    plain = ""
                out.append((run[i : i + size], True))
                i += size
                break
        else:
            plain += run[i]
            i += 1
    if plain:
        out.append((plain, False))
    return tuple(out)


@lru_cache(maxsize=65536)
def read_as(text: str, language: str, other: NameForm, pick: int | None = None) -> str:
    """``text`` (Han or Hangul, possibly with Latin parts) as Latin words in ``language``, guided by
    ``other``: translated where CC-CEDICT agrees with a word of ``other``, else spelt. With ``pick``, each
    spelt unit takes its ``pick``-th spelling (its last when it has fewer) instead of the one closest to
    ``other``. Cached: the candidate stage's filter (``cross_keys.likeness``), the sound reading and the
    scorer read the same pair the same way."""
    other_words = guide_words(other.original, other.units)
    other_compact = other.compact
    words: list[str] = []
    pos = 0
    simplified = abbreviated(to_simplified(text), other.original) if other.original else to_simplified(text)
    for m in _HAN_OR_HANGUL_RUN.finditer(simplified):
        words.append(simplified[pos : m.start()])
        for piece, legal in _split_legal(m.group().replace("·", "")):
            if legal:
                words.append(HAN_LEGAL_FORMS[piece])
                continue
            # company words the other name does not use keep their usual English (HAN_WORDS)
            pieces = (
                ((piece, ""),) if has_hangul(piece) else translate(piece, other_words, company_words=True)
            )
            pending = ""  # characters left to spell, read together (a Japanese reading reads words)
            for part, english in pieces:
                if english:
                    if pending:
                        words.extend(_spell(_read(language, pending), other_compact, pick))
                        pending = ""
                    words.append(english)
                else:
                    pending += part
            if pending:
                words.extend(_spell(_read(language, pending), other_compact, pick))
        pos = m.end()
    words.append(simplified[pos:])
    return " ".join(w for w in words if w.strip())


@lru_cache(maxsize=65536)
def _translated_pieces(original: str) -> tuple[str, ...]:
    """The pieces of a Han name that ``read_as`` hands to ``translation.translate`` (legal forms and Hangul
    aside), read from the name as written: a stretch a Latin word abbreviates (``abbreviation.abbreviated``)
    is the abbreviation's concern."""
    return tuple(
        piece
        for m in _HAN_OR_HANGUL_RUN.finditer(to_simplified(original))
        for piece, legal in _split_legal(m.group().replace("·", ""))
        if not legal and not has_hangul(piece)
    )


@lru_cache(maxsize=65536)
def translatable_words(original: str) -> tuple[frozenset[str], frozenset[str]]:
    """What ``read_as`` may translate a word of any other name from: the glosses and acronyms
    (``translation.readable_words``) of the pieces of the Han name it translates (``_translated_pieces``)."""
    glosses: set[str] = set()
    acronyms: set[str] = set()
    for piece in _translated_pieces(original):
        found, initials = readable_words(piece)
        glosses |= found
        acronyms |= initials
    return frozenset(glosses), frozenset(acronyms)


def translated_otherwise(original: str, other: NameForm) -> bool:
    """Whether ``read_as`` guided by ``other`` translates a piece of a Han name (``_translated_pieces``)
    otherwise than unguided: ``translation.translate`` with the guide words of ``other`` against none
    (both cached). When not, the guided reading is an unguided one but for the spelling chosen for each
    character (and what ``abbreviation.abbreviated`` spells)."""
    guide = guide_words(other.original, other.units)
    return any(
        translate(piece, guide, company_words=True) != translate(piece, (), company_words=True)
        for piece in _translated_pieces(original)
    )


def _spell(readings: list[tuple[str, tuple[str, ...]]], other: str, pick: int | None) -> list[str]:
    if pick is None:
        return choose(readings, other)
    return [spellings[min(pick, len(spellings) - 1)] for _, spellings in readings]


def japanese_readings(original: str) -> tuple[str, ...]:
    """The unguided Japanese readings of a name, one for each spelling of its units (a unit read from
    several traditional writings, 冲电气 as 衝電氣 and 沖電氣, has one spelling per writing; ``read_as``
    guided by the other name picks among them): what a candidate stage that knows no other name needs to
    meet every reading the scorer may pick."""
    empty = analyse("")
    texts = [read_as(original, "japanese", empty, pick=k) for k in range(2 * MAX_VARIANTS)]
    return tuple(dict.fromkeys(t for t in texts if t))


@lru_cache(maxsize=65536)
def _read(language: str, text: str) -> list[tuple[str, tuple[str, ...]]]:
    """``READERS[language](text)``, cached: a listed name is read again for every party it is compared
    with, and only the choice among the spellings depends on the party. Not to be changed by callers."""
    return READERS[language](text)


COMPOUND_MIN = 3
"""The shortest half of a Latin word that guides translation on its own (fire|storm, text|ore)."""
_ACRONYM_RE = re.compile(r"\b[A-Z]{2,5}\b")


def acronyms_of(original: str) -> list[str]:
    """The all-capital short words of a name that may be acronyms (lower case), legal words aside: the CO
    and LTD of "NINGBO OTURN MACHINERY CO., LTD" abbreviate the legal form, which the normaliser removes
    on both sides, not words of the name (腾 "to clear out" is not its CO)."""
    return [a for a in (m.casefold() for m in _ACRONYM_RE.findall(original)) if a not in LATIN_LEGAL_WORDS]


@lru_cache(maxsize=16384)
def guide_words(original: str, units: tuple[str, ...]) -> tuple[str, ...]:
    """The words a translation may use: the other name's words and units, then the two halves of each
    long word marked ``~`` (names run words together: Firestorm, AeroDefense, TextOre), then its
    all-capital short words marked ``^`` as acronyms (``^ai`` in "Shield AI"); ``translation.translate``
    reads the marks."""
    whole = guide_whole_words(original, units)
    words = [w for w in whole if w[:1] != "^"]
    halves = [half for w in words for half in word_halves(w)]
    return tuple(dict.fromkeys([*words, *halves, *(w for w in whole if w[:1] == "^")]))


def guide_whole_words(original: str, units: tuple[str, ...]) -> tuple[str, ...]:
    """The guide words of a name (``guide_words``) less the halves of its long words: its words and units,
    then its all-capital short words marked ``^``."""
    words = [*_WORD_RE.findall(original.casefold()), *units]
    return tuple(dict.fromkeys([*words, *(f"^{a}" for a in acronyms_of(original))]))


@lru_cache(maxsize=65536)
def word_halves(word: str) -> tuple[str, ...]:
    """The two halves of a word run together from two (Firestorm: ~fire, ~storm), marked ``~``, at every
    split that leaves ``COMPOUND_MIN`` letters or more on each side; none for a shorter word."""
    return tuple(
        half
        for i in range(COMPOUND_MIN, len(word) - COMPOUND_MIN + 1)
        for half in (f"~{word[:i]}", f"~{word[i:]}")
    )


def with_acronyms(reading: str, latin: str) -> str:
    """``reading`` with the words whose initials spell an all-capital word of ``latin`` replaced by it:
    'mitsubishi heavy industries kaiji technology' against "MHI Maritech" → 'mhi kaiji technology'."""
    words = reading.split()
    for a in acronyms_of(latin):
        if a in words:
            continue
        for i in range(len(words) - len(a) + 1):
            window = words[i : i + len(a)]
            if all(w.isalpha() for w in window) and "".join(w[0] for w in window) == a:
                words[i : i + len(a)] = [a]
                break
    return " ".join(words)


_SOUND_CLASSES = str.maketrans(
    {
        "b": "p",
        "d": "t",
        "g": "k",
        "c": "k",
        "q": "k",
        "j": "k",
        "x": "s",
        "z": "s",
        "v": "f",
        "w": "f",
        "r": "l",
    }
)


# ``sound_key``'s patterns, compiled once (a new word is keyed with each of them)
_R_BEFORE_CONSONANT_RE = re.compile(r"r(?![aeiouy])")
_W_AFTER_VOWEL_RE = re.compile(r"(?<=[aeiou])w(?![aeiouy])")
_M_BEFORE_CONSONANT_RE = re.compile(r"(?<=[aeiouy])m(?=[bcdfgjklpqstvxz])")
_FINAL_CH_RE = re.compile(r"t?ch$")
_SOUND_VOWELS_RE = re.compile(r"[aeiouyh]")
_DOUBLED_RE = re.compile(r"(.)\1+")


@lru_cache(maxsize=65536)
def sound_key(word: str, th: str = "t") -> str:
    """The consonant skeleton a Chinese transcription keeps: an ``r`` before a consonant or at the end
    dropped (Lafert → 拉法特 la-fa-te), a ``w`` after a vowel and not before one dropped (it is a vowel:
    Brown → 布朗 bu-lang), an ``m`` after a vowel and before a consonant read as the nasal coda n
    (Bromberg → 布朗伯格 bu-lang-bo-ge, Schimpf → 申普夫 shen-pu-fu), a final ``ch``/``tch`` read as k
    (Mitch → 米奇 mi-qi, Hoflich → 霍夫利奇), ``ng`` → n, zh/ch/sh/ts → s, ck/ph/th → k/f/t (th → s with
    ``th="s"``: ``th_sounds``), then voiced and
    voiceless stops together, r with l, and vowels, ``h``, ``y`` and doubled letters dropped."""
    w = _R_BEFORE_CONSONANT_RE.sub("", word.casefold())
    w = _W_AFTER_VOWEL_RE.sub("", w)
    w = _M_BEFORE_CONSONANT_RE.sub("n", w)
    w = _FINAL_CH_RE.sub("k", w)
    for spelling, sound in (("ng", "n"), ("zh", "s"), ("ch", "s"), ("sh", "s"), ("ts", "s")):
        w = w.replace(spelling, sound)
    for spelling, sound in (("ck", "k"), ("ph", "f"), ("th", th)):
        w = w.replace(spelling, sound)
    w = w.translate(_SOUND_CLASSES)
    w = _SOUND_VOWELS_RE.sub("", w)
    return _DOUBLED_RE.sub(r"\1", w)


def cross_script_feature(a: NameForm, b: NameForm) -> tuple[float, str] | None:
    """(score, detail) of the best reading of the Han/Hangul side against the Latin side, or None when the
    pair is not cross-script."""
    if not is_cross_script(a, b):
        return None
    foreign, latin = (a, b) if _foreign(a.original) else (b, a)
    latin_form = analyse(latin.original)
    best = Reading("", "", 0.0)
    personal = is_chinese_personal_name(foreign.original)
    spelt: list[str] = []  # each reading run together, for ``unread_pinyin``
    latin_forms = as_written(latin.original)
    compared = [(form, 1.0) for form in latin_forms]
    if personal:
        western = without_western_given_name(latin.original, foreign.original)
        if western is not None:
            compared += [(form, MIDDLE_NAMES_FACTOR) for form in as_written(western)]
    sound_note = ""
    for language in READERS:
        if language == "japanese" and not (is_japanese(foreign.original) or reads_japanese(latin_form)):
            continue
        text = with_acronyms(read_as(foreign.original, language, latin), latin.original)
        if text:
            part_match = PART_MATCH if language in _PINYIN_LIKE else READING_PART_MATCH
            reading = analyse(text)
            spelt.append(reading.compact)
            for form, share in compared:
                value = share * reading_score(reading, form, part_match)
                if personal and unmatched_parts(reading, form, part_match=part_match, by_syllable=True):
                    value *= PERSONAL_NAME_MISMATCH_FACTOR
                if value > best.score:
                    best = Reading(language, text, value)
    sound = sound_score(foreign, latin_form)
    if sound is not None and sound.score > best.score:
        unread = min(unread_pinyin(form, tuple(spelt)) for form in latin_forms)
        best = Reading(sound.language, sound.text, max(0.0, sound.score - PART_PENALTY * unread))
        if unread:
            sound_note = f"; {unread} pinyin word(s) of the Latin name no reading spells"
    if not best.language:
        return 0.0, "no reading of the Han or Hangul name"
    detail = f"{best.language} reading '{best.text}' vs '{latin.original}'"
    if best.language == "sound" and sound_note:
        detail += sound_note
    different = min(
        untranslated_words(foreign.original, latin),
        _latin_unexplained(analyse(best.text.split(" ~ ")[0]), latin_form),
    )
    if different:
        best = Reading(best.language, best.text, max(0.0, best.score - PART_PENALTY * different))
        detail += f"; {different} word(s) on each side the other does not translate"
    unmet = written_unmet(foreign.original, latin_form)
    if unmet:
        best = Reading(best.language, best.text, max(0.0, best.score - PART_PENALTY * unmet))
        detail += f"; {unmet} Latin word(s) of the Han name not in the other"
    if not family_name_met(foreign.original, latin_form):
        best = Reading(best.language, best.text, best.score * PERSONAL_NAME_MISMATCH_FACTOR)
        detail += "; the last part of the name meets no word of the other"
    if siblings(foreign.original, latin, analyse(best.text.split(" ~ ")[0]), latin_form):
        best = Reading(best.language, best.text, max(0.0, best.score - SIBLING_PENALTY))
        detail += "; only the group's name is shared"
    han_places = analyse(foreign.original).places
    if han_places and latin_form.places and not set(han_places) & set(latin_form.places):
        return round(PLACE_MISMATCH_FACTOR * best.score, 4), f"{detail}; places {han_places} differ"
    return round(best.score, 4), detail


PINYIN_WORD_SYLLABLES = 2
"""The fewest pinyin syllables a Latin word must spell for ``unread_pinyin`` to count it (one syllable,
"Sun", "Long", is as often an English word or a Cantonese spelling)."""


_PINYIN_MARK_RE = re.compile(r"[xq]|zh|ng$")


def unread_pinyin(latin: NameForm, spelt: tuple[str, ...]) -> int:
    """Distinctive words of the Latin name written as run-together pinyin (``PINYIN_WORD_SYLLABLES`` or
    more) that no reading of the Han name spells (``spelt``: each reading run together). Such a word is the
    romanisation of a Chinese name, which the readings spell: the sound keys, made for foreign names
    written in Chinese, let syllables of another Chinese name agree with it (大疆 da jiang against
    "Daxing": t k n against t k s n), so the sound reading loses ``PART_PENALTY`` for each."""
    return sum(
        1
        for w in latin.core
        if len(split_syllables(w)) >= PINYIN_WORD_SYLLABLES
        and is_pinyin(w)
        and any(_PINYIN_MARK_RE.search(s) for s in split_syllables(w))
        and not any(w in compact for compact in spelt)
    )


_HEPBURN_RE = re.compile(
    r"(?:(?:kk|ss|tt|pp|tc)?(?:ky|gy|sh|ch|ts|ny|hy|by|py|my|ry|[kgsztdnhbpmyrwfj])?[aeiou]|n)+"
)
HEPBURN_WORD_MIN = 4
"""The shortest word ``reads_japanese`` counts (shorter ones are spelt alike in too many languages)."""


@lru_cache(maxsize=16384)
def reads_japanese(latin: NameForm) -> bool:
    """A distinctive word of the Latin name is Japanese in Hepburn: ``HEPBURN_WORD_MIN`` letters or more,
    wholly morae (ma ru be ni, i to chu, ni p po n) and not pinyin. The Han name of a Japanese firm or
    person is then read in Japanese too, though it carries no kana nor Japanese company form (丸红公司,
    "Marubeni Corporation", as Chinese lists write it; 麻原彰晃)."""
    return any(
        len(w) >= HEPBURN_WORD_MIN and _HEPBURN_RE.fullmatch(w) is not None and not is_pinyin(w)
        for w in latin.core
    )


@lru_cache(maxsize=16384)
def without_western_given_name(original: str, han: str) -> str | None:
    """A Latin name without its first word when that word is a Western given name put before a Chinese
    name ("John Lee Ka-chiu", "Carrie Lam Cheng Yuet-ngor", as Hong Kong and Macau names are written): a
    word of three letters or more that is not pinyin, in a name of more syllables than the Han name has
    characters; None otherwise. A reading that meets the rest counts ``MIDDLE_NAMES_FACTOR`` of its score,
    as a name compared without its middle names does."""
    words = original.split()
    if len(words) < 3 or not words[0].isalpha() or len(words[0]) < 3 or is_pinyin(words[0].casefold()):
        return None
    characters = sum(1 for ch in han if HAN_RE.match(ch))
    if len(analyse(original.replace("-", " "), PERSON).units) <= characters:
        return None
    return " ".join(words[1:])


@lru_cache(maxsize=16384)
def as_written(original: str) -> tuple[NameForm, ...]:
    """The forms of a Latin name the readings are compared with: as the normaliser reads it and, for a name
    with a hyphen, also with its hyphens as spaces, each syllable a word as a reading writes it. The
    normaliser reads hyphen-joined Wade-Giles as one pinyin word ("Kuo Tai-ming" → kuo daiming, "Lee
    Teng-hui" → lee denghui) but leaves a lone syllable that pinyin also has (Kuo) as it is, and reads a
    lone Wade-Giles syllable as pinyin (Jung → rong) but not one joined to a syllable Wade-Giles lacks
    ("Dae-jung"): a reading, whose syllables are words (kuo tai ming, kim dae jung → kim dae rong), meets
    the name as written."""
    form = analyse(original)
    if "-" not in original:
        return (form,)
    return form, analyse(original.replace("-", " "))


SIBLING_PENALTY = PART_PENALTY
"""What a pair loses when only the group's name is shared (``siblings``)."""
SIBLING_WORD_MIN = 2
"""The shortest CC-CEDICT word (in characters) that ``siblings`` counts as a word of the Han name's own after
the group's name (海洋 "ocean" in 三菱重工海洋机械)."""


@lru_cache(maxsize=65536)
def siblings(original: str, latin: NameForm, reading: NameForm, latin_form: NameForm) -> bool:
    """Two companies of one group (三菱重工海洋机械 against "Mitsubishi Heavy Industries Shipbuilding"): the
    Han name of a company (no interpunct, not a personal name) begins with words that translate the Latin
    name's first distinctive word and the words after it (the group's name), no word after them translates a
    word of the Latin name, and both sides have words of their own after the group's name: on the Han side
    a company word or a CC-CEDICT word of ``SIBLING_WORD_MIN`` characters or more, on the Latin side a
    distinctive word ``reading`` does not explain (as ``_latin_unexplained``) and that no headword holding
    one of the Han words glosses (``translation.meaning_words``: 原子 against "Nuclear", 方案 against
    "Solutions" are one word translated by meaning, not two words)."""
    if "·" in original or is_chinese_personal_name(original) or not latin_form.core:
        return False
    other_words = guide_words(latin.original, latin.units)
    pieces: list[tuple[str, str]] = []
    for m in _HAN_OR_HANGUL_RUN.finditer(to_simplified(original)):
        for piece, legal in _split_legal(m.group().replace("·", "")):
            if not legal and not has_hangul(piece):
                pieces.extend(translate(piece, other_words, company_words=True))
    if not pieces or not any(same_word(e, latin_form.core[0]) for e in pieces[0][1].split()):
        return False
    latin_words = (*_WORD_RE.findall(latin.original.casefold()), *latin_form.units)

    def said(english: str) -> bool:
        """A word of the Latin name, legal forms and halves of run-together words included."""
        return any(e in w or same_word(e, w) for e in english.split() for w in latin_words)

    group = 0
    while group < len(pieces) and pieces[group][1] and said(pieces[group][1]):
        group += 1
    rest = pieces[group:]
    if not rest or any(english and said(english) for _, english in rest):
        return False
    ours = [part for part, english in rest if english]
    ours += _dictionary_word_list("".join(part for part, english in rest if not english), SIBLING_WORD_MIN)
    theirs = [
        w
        for w in latin_form.core
        if len(w) >= UNEXPLAINED_MIN
        and w not in reading.compact
        and not is_pinyin(w)
        and all(Indel.normalized_similarity(w, u) < READING_PART_MATCH for u in reading.units)
    ]
    if not ours or not theirs:
        return False
    return not any(same_word(g, w) for h in ours for g in meaning_words(h) for w in theirs)


UNTRANSLATED_WORD_MIN = 3
"""The shortest CC-CEDICT word (in characters) that ``untranslated_words`` counts: two-character words are
often a name's syllables (雷神 "god of thunder" is Raytheon's 雷神), longer ones seldom (涡轮增压器
"turbocharger", 实验室 "laboratory")."""


@lru_cache(maxsize=65536)
def untranslated_words(original: str, latin: NameForm) -> int:
    """Dictionary words (CC-CEDICT headwords of at least ``UNTRANSLATED_WORD_MIN`` characters, not proper
    names) in the parts of a Han name that no word of ``latin`` translates: words the Latin name does not
    say. With a word of the Latin name that no reading explains (``_latin_unexplained``), each is a word
    that differs (三菱重工发动机与涡轮增压器 against "Mitsubishi Heavy Industries Aero Engines")."""
    other_words = guide_words(latin.original, latin.units)
    count = 0
    for m in _HAN_OR_HANGUL_RUN.finditer(to_simplified(original)):
        for piece, legal in _split_legal(m.group().replace("·", "")):
            if legal or has_hangul(piece):
                continue
            run = ""
            for part, english in (*translate(piece, other_words, company_words=True), ("", "-")):
                if english:
                    count += _dictionary_words(run)
                    run = ""
                else:
                    run += part
    return count


def _dictionary_words(run: str) -> int:
    """CC-CEDICT words of ``UNTRANSLATED_WORD_MIN`` characters or more in ``run``, longest first."""
    return len(_dictionary_word_list(run, UNTRANSLATED_WORD_MIN))


def _dictionary_word_list(run: str, least: int) -> list[str]:
    """The CC-CEDICT words of ``least`` characters or more in ``run`` (not proper names or surnames),
    longest first, left to right."""
    out: list[str] = []
    i = 0
    while i < len(run):
        for size in range(min(MAX_WORD, len(run) - i), least - 1, -1):
            word = run[i : i + size]
            if has_entry(word) and not proper_names(word) and not is_surname(word):
                out.append(word)
                i += size
                break
        else:
            i += 1
    return out


def _latin_unexplained(reading: NameForm, latin: NameForm) -> int:
    """Distinctive words of the Latin name (four letters or more, not pinyin) that the reading neither
    contains nor spells alike."""
    return sum(
        1
        for w in latin.core
        if len(w) >= UNEXPLAINED_MIN
        and w not in reading.compact
        and not is_pinyin(w)
        and all(Indel.normalized_similarity(w, u) < READING_PART_MATCH for u in reading.units)
    )


PLACE_MISMATCH_FACTOR = 0.8
"""What two names that name different places keep of their score (the scorer's place factor; a reading
takes it from the places the normaliser finds in the Han name, 武汉 wuhan, which a reading spells apart)."""
PERSONAL_NAME_MISMATCH_FACTOR = 0.5
"""What a reading of a Chinese personal name (``is_chinese_personal_name``) keeps of its score when one of
its syllables has no counterpart in the Latin name (张伟 against "Zhang Wen", 陈大文 against "Chan Tai
Ming"): a name of two or three syllables with one of them different is another person, however much of
the spelling agrees. Scores below the screening threshold only; it orders them."""
SOUND_WEIGHT = 0.9
"""A sound-key agreement is weaker evidence than a spelling: its score is scaled by this."""
SOUND_PART_MATCH = 0.7
"""Sound keys are a few consonants, so two of them agree by chance more than two spellings do (pfs of
普维斯 and ps of Heubusch): a sound key without a counterpart at least this similar costs ``PART_PENALTY``."""


def sound_score(foreign: NameForm, latin: NameForm) -> Reading | None:
    """The Mandarin reading against the Latin name with the distinctive words of both reduced to sound
    keys; only for a Latin name whose distinctive words are not pinyin (a foreign name). The best of the
    Latin name's keyings (``th_sounds``)."""
    best: Reading | None = None
    for th in th_sounds(latin):
        keys = _sound_keys(foreign, latin, th)
        if keys is None:
            return None
        text, ours, a, b = keys
        value = SOUND_WEIGHT * reading_score(a, b, SOUND_PART_MATCH, syllables=False)
        if best is None or value > best.score:
            best = Reading("sound", f"{text} ~ {ours}", value)
    return best


def th_sounds(latin: NameForm) -> tuple[str, ...]:
    """How the ``th`` of the Latin name's distinctive words may sound in a Chinese transcription: as t
    (Thomas 托马斯 tuo) and, for a name that writes one, as s, the usual transcription of English th
    (Raytheon 雷神 lei shen, Smith 史密斯, Matthew 马修 ma xiu, Northrop 诺斯罗普 nuo si)."""
    return ("t", "s") if any("th" in u for u in latin.core) else ("t",)


def sound_reaches(foreign: NameForm, latin: NameForm, floor: float) -> bool:
    """Whether ``sound_score`` is at least ``floor``, its string similarity compared first: the reading
    score of the keys is at most their ``scorer.string_bound`` (the name-part and company-word costs and the
    place and trade factors only lower it; sound keys are not compared by syllable), so keys whose bound
    falls short are not scored."""
    from reechain.compliance.matching.scorer import string_bound  # the scorer imports this module

    for th in th_sounds(latin):
        keys = _sound_keys(foreign, latin, th)
        if keys is None:
            return False
        if SOUND_WEIGHT * string_bound(keys[2], keys[3]) < floor:
            continue
        if SOUND_WEIGHT * reading_score(keys[2], keys[3], SOUND_PART_MATCH, syllables=False) >= floor:
            return True
    return False


def _sound_keys(
    foreign: NameForm, latin: NameForm, th: str = "t"
) -> tuple[str, str, NameForm, NameForm] | None:
    """What ``sound_score`` compares: the Mandarin reading, its keyed words, and the keyed forms of both
    sides (as a person's words, the Latin name's ``th`` keyed as ``th``); None when the sound reading does
    not apply."""
    if not latin.core or all(is_pinyin(u) for u in latin.core) or is_chinese_personal_name(foreign.original):
        return None
    text = read_as(foreign.original, "mandarin", latin)
    if "·" in foreign.original:  # a foreign name: 约翰·瓦特斯
        ours = " ".join(keyed_part(read_as(p, "mandarin", latin)) for p in foreign.original.split("·"))
    else:
        ours = keyed(analyse(text))
    theirs = keyed(latin, th)
    if not ours or not theirs:
        return None
    return text, ours, analyse(ours, PERSON), analyse(theirs, PERSON)


_WRITTEN_RE = re.compile(r"[A-Za-z0-9&]+")


@lru_cache(maxsize=65536)
def written_unmet(original: str, latin: NameForm) -> int:
    """How many words the Han name writes in Latin letters (BRINC of BRINC无人机公司, E&S of 三井E&S株式会社;
    two characters or more, legal words aside) the Latin name does not have: not one of its words, not
    inside one (of three letters or more), not the initials of words in a row (HK, Hong Kong), and like
    none of them (``PART_MATCH``). A word the Han name writes as the other name would is not a reading
    that may differ: each such word costs ``PART_PENALTY`` (BRINC无人机公司 against "Teal Drones")."""
    words = [w.replace("&", "").casefold() for w in _WRITTEN_RE.findall(original)]
    words = [w for w in words if len(w) >= 2 and w not in LATIN_LEGAL_WORDS]
    if not words:
        return 0
    written = _WORD_RE.findall(latin.original.casefold())
    theirs = [*written, *latin.units]
    compact = "".join(theirs)
    initials = "".join(w[0] for w in written)
    return sum(
        1
        for w in words
        if w not in theirs
        and not (len(w) >= 3 and w in compact)
        and w not in initials
        and all(Indel.normalized_similarity(w, t) < PART_MATCH for t in theirs)
    )


@lru_cache(maxsize=65536)
def family_name_met(original: str, latin: NameForm) -> bool:
    """A foreign name written in Chinese (约翰·瓦特斯, parts between interpuncts) and the Latin name share a
    family name: the last part of the Han name meets a word of the Latin name, or the Latin name's family
    name (its word in capitals, else its last word) meets a part of the Han name; a part meets a word when a
    word of its Mandarin reading is spelt alike (``READING_PART_MATCH``) or its sound key is alike
    (``SOUND_PART_MATCH``). True for every other name. When False, the reading keeps
    ``PERSONAL_NAME_MISMATCH_FACTOR`` of its score: 约翰·瓦特斯 against "John Purvis" is another John."""
    if "·" not in original:
        return True
    parts = [p.strip() for p in original.split("·") if p.strip()]
    if not parts or not has_han(parts[-1]):
        return True
    theirs = [w for w in latin.units if w]
    if not theirs:
        return True
    written = re.findall(r"[A-Za-z]+", latin.original)
    capitals = [w.casefold() for w in written if len(w) > 1 and w.isupper() and w.casefold() in theirs]
    family = capitals[-1] if capitals else theirs[-1]

    def forms(part: str) -> list[str]:
        text = read_as(part, "mandarin", latin)
        plain = "".join(spellings[0] for _, spellings in _mandarin(part))
        return [*analyse(text, PERSON).units, *keyed_part(text).split(), sound_key(plain) or plain]

    def meet(ours: list[str], latin_words: list[str]) -> bool:
        keys = [sound_key(w) or w for w in latin_words]
        return any(
            Indel.normalized_similarity(o, w) >= READING_PART_MATCH for o in ours for w in latin_words
        ) or any(Indel.normalized_similarity(o, k) >= SOUND_PART_MATCH for o in ours for k in keys)

    if meet(forms(parts[-1]), theirs):
        return True
    return meet([f for p in parts for f in forms(p)], [family])


PERSONAL_NAME_CHARACTERS = (2, 4)
"""How many characters a Chinese personal name has (surname and given name)."""
_NAME_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


@lru_cache(maxsize=65536)
def is_chinese_personal_name(original: str) -> bool:
    """``original`` is a Chinese personal name, not a foreign name written in Chinese characters: two to
    four characters and nothing else (brackets aside), the first a surname in CC-CEDICT ("surname Zhang"),
    and the whole no word of the dictionary (雷神 "god of thunder", Raytheon). Such a name is read, not
    compared by sound keys, which would let 雷波 lei bo (l p) meet "Thet Li"."""
    text = to_simplified(original.strip().strip("()（）"))
    low, high = PERSONAL_NAME_CHARACTERS
    if not _NAME_RE.fullmatch(text) or not low <= len(text) <= high or has_entry(text):
        return False
    return any(is_surname(text[:size]) for size in (1, 2))


def keyed_part(text: str) -> str:
    """One part of a foreign name written in Chinese (between the interpuncts of 约翰·瓦特斯): its spelt
    syllables are one word, so they key to one word (wa te si → fts) that the name-part feature can
    compare with the Latin name's word; a part with translated words keys each word."""
    words = text.split()
    if len(words) > 1 and all(w in PINYIN_SYLLABLES for w in words):
        return sound_key("".join(words)) or "".join(words)
    return keyed(analyse(text))


READING_PART_MATCH = 0.6
"""Romanisations of one sound differ more than typos do (kwok/kuok, kui/koi): a Cantonese, Korean or sound
reading loses the part penalty only for parts below this similarity (a Mandarin reading is pinyin against
pinyin and keeps ``parts.PART_MATCH``)."""


def reading_score(
    reading: NameForm, latin: NameForm, part_match: float = READING_PART_MATCH, syllables: bool = True
) -> float:
    """The string similarity of a reading and the Latin name, less ``PART_PENALTY`` for each name part
    without counterpart and for each company word without counterpart (``_generic_mismatches``); with
    ``syllables`` (readings that spell syllables, not sound keys), a syllable against a syllable also
    costs ``SYLLABLE_PENALTY`` when they differ that much, and ``PART_PENALTY`` when they agree less than
    ``PART_MATCH`` (李方伟 against "LI Guowei", 太阳城 sing against "Sun Hing")."""
    from reechain.compliance.matching.scorer import base_score  # the scorer imports this module

    if syllables and _same_syllables(reading, latin):
        return 1.0
    pairs = unmatched_parts(reading, latin, part_match=part_match, by_syllable=True)
    penalty = PART_PENALTY * max(len(pairs), _unexplained(reading, latin, part_match))
    if syllables:
        penalty += SYLLABLE_PENALTY * sum(1 for x, y in pairs if _syllable(x) and _syllable(y))
        if part_match < PART_MATCH:
            strict = unmatched_parts(reading, latin, part_match=PART_MATCH, by_syllable=True)
            penalty += ONSET_PENALTY * sum(
                1
                for x, y in strict
                if (x, y) not in pairs and _syllable(x) and _syllable(y) and _onset(x) != _onset(y)
            )
    penalty += PART_PENALTY * _generic_mismatches(reading, latin)
    if part_match >= PART_MATCH and syllables:
        penalty += PART_PENALTY * _syllables_left_over(reading, latin)
    return max(0.0, base_score(reading, latin) - penalty)


UNEXPLAINED_MIN = 4
"""The shortest word ``_unexplained`` counts: shorter ones are syllables, which the syllable checks judge."""


def _unexplained(reading: NameForm, latin: NameForm, part_match: float) -> int:
    """Distinctive words of the reading that the Latin name neither contains nor spells alike, and the
    same of the Latin name against the reading, the fewer of the two: each such word on both sides is a
    different word (三菱重工航空发动机 read 'mitsubishi heavy hatsudoki' against "Mitsubishi Heavy Industries
    Maritime Systems"), which pairing by syllable may not see (maritime splits into ma ri ti me)."""

    def left(ours: tuple[str, ...], theirs: tuple[str, ...], their_compact: str) -> int:
        return sum(
            1
            for w in ours
            if len(w) >= UNEXPLAINED_MIN
            and w not in their_compact
            and all(Indel.normalized_similarity(w, t) < part_match for t in theirs)
        )

    return min(left(reading.core, latin.core, latin.compact), left(latin.core, reading.core, reading.compact))


def _same_syllables(reading: NameForm, latin: NameForm) -> bool:
    """Both names are made of the same syllables in any order (李方伟 read li fang wei against "Fangwei LI"
    compared as a firm's name): an exact match of every name part, whatever the order."""
    return bool(reading.units) and _syllables_of(reading) == _syllables_of(latin)


def _syllables_of(form: NameForm) -> tuple[str, ...]:
    return tuple(sorted(s for u in form.units for s in (split_syllables(u) if is_pinyin(u) else (u,))))


def _syllables_left_over(reading: NameForm, latin: NameForm) -> int:
    """Pinyin syllables of the reading's distinctive words beyond those of the Latin name, when the Latin
    name's distinctive words are pinyin too (晓睿智 xiao rui zhi against "Xiaorui"): every character of a
    Chinese name counts, so a syllable the other name lacks is a different name."""
    if not latin.core or not all(is_pinyin(u) for u in latin.core):
        return 0
    ours = name_parts(reading, by_syllable=True)
    theirs = name_parts(latin, by_syllable=True)
    if not all(u in PINYIN_SYLLABLES for u in ours):
        return 0
    return max(0, len(ours) - len(theirs))


SYLLABLE_PENALTY = 0.2
"""What a syllable of a reading without counterpart costs on top of ``PART_PENALTY``: a Chinese or Korean
name is two or three syllables, so one wrong syllable (毛泽东 against "Mao Zemin") is a different person.
Chosen on the fit half of ``benchmarks/matching_quality.py``, like the other constants here."""
ONSET_PENALTY = PART_PENALTY + SYLLABLE_PENALTY
"""What a syllable of a Cantonese, Korean or sound reading costs when it is close to its counterpart but
begins with another consonant (李嘉诚 ka sing against "Li Ka-ming"): a different syllable, as a Mandarin one
below ``PART_MATCH`` costs."""
SYLLABLE_MAX = 4
"""A word of at most this many letters, or a pinyin syllable, counts as a syllable."""


def _generic_mismatches(reading: NameForm, latin: NameForm) -> int:
    """Company words of the reading the Latin name lacks, when the Latin name has company words the
    reading lacks (三菱材料 "materials" against "Mitsubishi Electric Software"), at most the fewer."""
    ours = [g for g in reading.generic if not any(same_word(g, w) for w in latin.units)]
    theirs = [g for g in latin.generic if not any(same_word(g, w) for w in reading.units)]
    return min(len(ours), len(theirs))


_ONSETS = (
    ("tch", "c"),
    ("ch", "c"),
    ("ts", "c"),
    ("tz", "c"),
    ("j", "c"),
    ("z", "c"),
    ("c", "c"),
    ("kw", "k"),
    ("gw", "k"),
    ("kh", "k"),
    ("k", "k"),
    ("g", "k"),
    ("q", "c"),
    ("ph", "p"),
    ("p", "p"),
    ("b", "p"),
    ("th", "t"),
    ("t", "t"),
    ("d", "t"),
    ("hs", "s"),
    ("sh", "s"),
    ("x", "s"),
    ("s", "s"),
    ("r", "l"),
    ("l", "l"),
)


def _onset(syllable: str) -> str:
    """The initial consonant of a romanised syllable, spellings of one sound together (kw/k: kwok and
    kuok; ch/j/ts: chong and jong; r/l: ri and li), so two romanisations of one syllable that differ only
    in the vowel agree, and sing against hing does not."""
    for spelling, sound in _ONSETS:
        if syllable.startswith(spelling):
            return sound
    return syllable[:1] if syllable[:1] not in "aeiou" else ""


def _syllable(word: str) -> bool:
    return word in PINYIN_SYLLABLES or len(word) <= SYLLABLE_MAX


@lru_cache(maxsize=65536)
def keyed(form: NameForm, th: str = "t") -> str:
    """The units of a name with its distinctive words as sound keys, ``th`` keyed as ``th`` (cached: the
    cross-script gate keys each Latin name it meets, and the sound reading of each of its pairs keys it
    again)."""
    core = set(form.core)
    return " ".join((sound_key(u, th) or u) if u in core else u for u in form.units)


@lru_cache(maxsize=65536)
def is_pinyin(word: str) -> bool:
    """Every syllable of ``word`` is a pinyin syllable (cached: the same words recur across names)."""
    return all(s in PINYIN_SYLLABLES for s in split_syllables(word))


def warm_up() -> dict[str, float]:
    """Load every table the cross-script readings use (each is otherwise read at its first use, once per
    process) and return the seconds each took: CC-CEDICT, the Cantonese table and opencc, the hanja table,
    pykakasi's dictionary. A server calls this at start so the first cross-script screening is not slow."""
    import time

    from reechain.compliance.matching import readings, translation

    steps: dict[str, Callable[[], object]] = {
        "cc_cedict": translation.glossary_loaded,
        "cantonese": lambda: readings.cantonese("陳为"),  # 为 loads the s2hk fallback
        "korean": lambda: readings.korean("金"),
        "japanese": lambda: readings.japanese("三菱"),
    }
    out: dict[str, float] = {}
    for name, step in steps.items():
        start = time.perf_counter()
        step()
        out[name] = round(time.perf_counter() - start, 3)
    return out

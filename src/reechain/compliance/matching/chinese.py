"""Chinese names: traditional → simplified (opencc), Han → pinyin (pypinyin), Wade-Giles → pinyin, and
splitting run-together pinyin into syllables.

The general matchers (rigour, nomenklatura) score Han script against pinyin as 0, so this module adds what
they lack. Han text is read in segments: legal forms (有限公司 ...) are set aside, common company words
(科技, 贸易, 集团 ...) are translated into the English words that listed Latin forms use, and every other run
of Han characters becomes its pinyin, written together as one word (武汉晓睿智 → ``wuhanxiaoruizhi``), the way
official romanisations write place and firm names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

import opencc
from pypinyin import Style, lazy_pinyin

from reechain.compliance.matching.syllables import PINYIN_TO_WADE_GILES
from reechain.compliance.matching.vocabulary import HAN_LEGAL_FORMS, HAN_WORDS

HAN_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
HAN_RUN_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")

# Syllables with a vowel; the interjections m, n, ng, hm, hng would split English words into nonsense.
PINYIN_SYLLABLES: frozenset[str] = frozenset(s for s in PINYIN_TO_WADE_GILES if re.search(r"[aeiouv]", s))
_MAX_SYLLABLE = max(len(s) for s in PINYIN_SYLLABLES)

_T2S = opencc.OpenCC("t2s")
_HAN_LOOKUP_MAX = max(len(w) for w in (*HAN_WORDS, *HAN_LEGAL_FORMS))


def has_han(text: str) -> bool:
    return HAN_RE.search(text) is not None


@lru_cache(maxsize=65536)
def to_simplified(text: str) -> str:
    """Traditional characters → simplified (opencc ``t2s``); simplified text is returned unchanged."""
    return str(_T2S.convert(text)) if has_han(text) else text


@dataclass
class HanReading:
    """What a run of Han text says: Latin words to compare, legal forms found, and how it was read."""

    words: list[str] = field(default_factory=list)
    legal_forms: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def read_han(text: str) -> HanReading:
    """Read simplified Han text left to right, longest dictionary word first."""
    reading = HanReading()
    run: list[str] = []

    def flush() -> None:
        if run:
            chars = "".join(run)
            pinyin = "".join(lazy_pinyin(chars, style=Style.NORMAL, errors="ignore")).replace("ü", "v")
            if pinyin:
                reading.words.append(pinyin)
                reading.notes.append(f"{chars}→{pinyin}")
            run.clear()

    i = 0
    while i < len(text):
        for size in range(min(_HAN_LOOKUP_MAX, len(text) - i), 0, -1):
            piece = text[i : i + size]
            if piece in HAN_LEGAL_FORMS:
                flush()
                reading.legal_forms.append(HAN_LEGAL_FORMS[piece])
                reading.notes.append(f"{piece}=legal form {HAN_LEGAL_FORMS[piece]}")
                i += size
                break
            if piece in HAN_WORDS:
                flush()
                english = HAN_WORDS[piece]
                reading.words.extend(english.split())
                reading.notes.append(f"{piece}={english}")
                i += size
                break
        else:
            if HAN_RE.match(text[i]):
                run.append(text[i])
            else:
                flush()
            i += 1
    flush()
    return reading


def _wade_giles_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for pinyin, wg in PINYIN_TO_WADE_GILES.items():
        marked = wg.replace("v", "ü")
        for spelling in (marked, marked.replace("ü", "u"), marked.replace("ü", "v"), wg):
            index.setdefault(spelling, pinyin)
    # Without apostrophes, unaspirated readings win (ch→zh/j, k→g, p→b, t→d, ts→z): the common convention.
    for pinyin, wg in PINYIN_TO_WADE_GILES.items():
        plain = wg.replace("'", "").replace("ü", "u").replace("v", "u")
        if "'" not in wg:
            index[plain] = pinyin
        else:
            index.setdefault(plain, pinyin)
    return index


WADE_GILES_TO_PINYIN: dict[str, str] = _wade_giles_index()
_WADE_GILES_ONLY = frozenset(k for k in WADE_GILES_TO_PINYIN if k not in PINYIN_SYLLABLES)


def wade_giles_to_pinyin(word: str) -> str | None:
    """``Pei-ching`` → ``beijing``, ``Ch'ing-hua`` → ``qinghua``, ``Hsiao`` → ``xiao``; None if ``word`` does
    not read as Wade-Giles: hyphen-joined Wade-Giles syllables (pinyin joins with nothing or an apostrophe,
    and "Xi-an" fails since Wade-Giles has no x), or one syllable only Wade-Giles spells that way."""
    w = word.casefold()
    if "-" not in w and "'" not in w and "’" not in w and "‘" not in w and "`" not in w:
        return WADE_GILES_TO_PINYIN[w] if w in _WADE_GILES_ONLY else None  # the common case, fast
    w = w.replace("’", "'").replace("‘", "'").replace("`", "'")
    parts = [p for p in w.split("-") if p]
    if not parts or any(p not in WADE_GILES_TO_PINYIN for p in parts):
        return None
    wade_giles_marked = "'" in w or "ü" in w or any(p in _WADE_GILES_ONLY for p in parts)
    if len(parts) == 1 and not wade_giles_marked:
        return None
    return "".join(WADE_GILES_TO_PINYIN[p] for p in parts)


@lru_cache(maxsize=262144)
def split_syllables(token: str) -> tuple[str, ...]:
    """Split a run-together pinyin word into syllables (``xiaoruizhi`` → xiao rui zhi), using the fewest
    syllables and, among equally few, the longest first syllables (``sichuananxun`` → si chuan an xun, not
    si chua nan xun); a word that is not wholly pinyin is returned as it is."""
    n = len(token)
    if n == 0 or not token.isascii() or not token.isalpha():
        return (token,)
    # fewest[i]: fewest syllables spelling token[i:]; first[i]: the length of the first of them.
    fewest: list[int | None] = [None] * (n + 1)
    first = [0] * (n + 1)
    fewest[n] = 0
    for start in range(n - 1, -1, -1):
        for size in range(min(_MAX_SYLLABLE, n - start), 0, -1):
            rest = fewest[start + size]
            if rest is not None and token[start : start + size] in PINYIN_SYLLABLES:
                current = fewest[start]
                if current is None or rest + 1 < current:
                    fewest[start] = rest + 1
                    first[start] = size
    if fewest[0] is None:
        return (token,)
    out: list[str] = []
    i = 0
    while i < n:
        out.append(token[i : i + first[i]])
        i += first[i]
    return tuple(out)

"""Other readings of Han characters and Hangul: Cantonese (Hong Kong and Macau names), Korean (North and
South Korean names) and Japanese, so that 陳大文 meets "Chan Tai Man", 金正恩 or 김정은 meets "Kim Jong
Un" and 日野汽车株式会社 meets "Hino Motors".

* **Cantonese**: the Hong Kong Government Cantonese Romanisation of each character, from the table the
  ``cantonese-romanisation`` package ships (``cantoroman/data/charToRoman.json``; traditional characters,
  so simplified text is converted with opencc ``s2t`` first). 陳 → chan, 大 → tai/dai/daai, 黃 → wong.
* **Korean**: the Hangul reading of each hanja from the ``hanja`` package's table (the table keeps the
  original initial, 李 → 리 "Ri" as North Korea writes it; ``hanja.translate`` gives the South Korean form
  with the initial-sound rule, 李 → 이 "I/Lee"). One exception is added by hand: 金 reads 김 (Kim) as a
  surname, which the table (금, "gold") does not say. Each Hangul syllable is romanised with ``ko_pron`` in
  McCune-Reischauer (the basis of North Korean spellings: 정 → chŏng, written "jong" in DPRK usage, so an
  unaspirated "ch" is also offered as "j") and in the Revised Romanization (정 → jeong).

* **Japanese**: pykakasi's kanji dictionary (Hepburn; shipped in the package, read at first use), from the
  traditional characters, each word also offered without long vowels (三菱重工 → mitsubishi juko, 伊藤忠 →
  itochu); only for names with a Japanese company form or kana (``is_japanese``).

A character has several candidate spellings; ``choose`` picks, for each character, the spelling closest to
a word of the other name, so the reading is guided by what it is compared with but never spells anything
the tables do not give.
"""

from __future__ import annotations

import json
import pkgutil
import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache
from typing import Any

import opencc
from rapidfuzz import fuzz


@lru_cache(maxsize=1)
def _s2t() -> opencc.OpenCC:
    """Simplified → traditional (opencc ``s2t``), made at first use (reading its tables takes a while)."""
    return opencc.OpenCC("s2t")


@lru_cache(maxsize=1)
def _s2hk() -> opencc.OpenCC:
    """Simplified → Hong Kong traditional (opencc ``s2hk``), for characters whose ``s2t`` form the Cantonese
    table does not hold."""
    return opencc.OpenCC("s2hk")


_HAN_RE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_HANGUL_RE = re.compile(r"[\uac00-\ud7af]")
SURNAME_READINGS: dict[str, str] = {"金": "김"}
"""Hanja whose reading as a surname the table lacks (金: 금 "gold", but 김 "Kim" as a surname)."""


def has_hangul(text: str) -> bool:
    return _HANGUL_RE.search(text) is not None


@lru_cache(maxsize=1)
def _cantonese_table() -> dict[str, list[str]]:
    raw = pkgutil.get_data("cantoroman", "data/charToRoman.json")
    if raw is None:  # pragma: no cover - the package always ships it
        raise RuntimeError("cantonese-romanisation table missing")
    table: dict[str, list[str]] = json.loads(raw.decode("utf-8"))
    return table


def cantonese(text: str) -> list[tuple[str, tuple[str, ...]]]:
    """(character, its Cantonese spellings) for each Han character of ``text``; others are left out."""
    traditional = str(_s2t().convert(text))
    table = _cantonese_table()
    out = []
    hong_kong: str | None = None
    for i, (ch, t) in enumerate(zip(text, traditional, strict=False)):
        spellings = table.get(t)
        if not spellings and _HAN_RE.match(ch):
            # The table keys one traditional form; where opencc's s2t picks another (为 → 爲, the table has
            # 為), the Hong Kong form (s2hk) or the character as written is looked up instead.
            hong_kong = hong_kong if hong_kong is not None else str(_s2hk().convert(text))
            spellings = table.get(hong_kong[i]) if len(hong_kong) == len(text) else None
            spellings = spellings or table.get(ch)
        if spellings:
            out.append((ch, tuple(dict.fromkeys(s.casefold() for s in spellings))))
    return out


@lru_cache(maxsize=1)
def _korean_tables() -> tuple[dict[str, str], Callable[[str, str], str], Callable[[str, str], str]]:
    """The hanja table, ``hanja.translate`` and ``ko_pron.romanise``, imported at first use: the hanja
    package reads its 27,000-entry table when imported (seconds on a busy machine), which a process that
    never meets Korean should not pay."""
    from hanja import translate  # type: ignore[import-untyped]
    from hanja.table import hanja_table  # type: ignore[import-untyped]
    from ko_pron import romanise  # type: ignore[import-untyped]

    return hanja_table, translate, romanise


@lru_cache(maxsize=4096)
def _hangul_spellings(syllable: str, written: bool = False) -> tuple[str, ...]:
    """The romanisations of a Hangul syllable: McCune-Reischauer, its DPRK usage and the Revised
    Romanization; with ``written`` (a syllable written in Hangul, not a hanja's reading), also the South
    Korean customary spellings (``customary``, ``CUSTOMARY_SURNAMES``): a name written in Hangul is a Korean
    name, while the readings of hanja also read Chinese names, which those spellings would bring nearer to
    other names (张伟 read jang wee against "Zhang Wen")."""
    romanise = _korean_tables()[2]
    marked = romanise(syllable, "mr")
    mr = _plain(marked)
    rr = _plain(romanise(syllable, "rr"))
    spellings = [mr, rr]
    if mr.startswith("ch") and not marked.startswith("ch'"):
        spellings.append("j" + mr[2:])  # 정: MR chŏng, DPRK usage jong
    if written:
        spellings += customary(marked.replace("'", ""), rr)
        spellings += CUSTOMARY_SURNAMES.get(syllable, ())
    return tuple(dict.fromkeys(s for s in spellings if s))


CUSTOMARY_SURNAMES: dict[str, tuple[str, ...]] = {
    "이": ("lee", "yi", "rhee"),
    "리": ("lee",),
    "박": ("park",),
    "노": ("roh",),
    "임": ("lim",),
}
"""The spellings South Korean bearers of the commonest surnames write that no romanisation rule gives
(이 Lee, 박 Park, 노 Roh, 임 Lim)."""
_VOWELS = "aeiouŏŭ"


def customary(marked: str, rr: str) -> list[str]:
    """The spellings of a Hangul syllable that South Korean names write in English, made by rule from its
    McCune-Reischauer (``marked``, with its breves) and Revised (``rr``) forms: ŏ as u (명 Myung, 정 Chung,
    현 Hyun, 석 Suk), u as oo (문 Moon, 윤 Yoon, 두 Doo, 순 Soon), ŭi and a final i as ee (희 Hee), ŭi as eui
    (의 Eui), oe as oi (최 Choi), s before i as sh (신 Shin), and a final o as oh (오 Oh, 고 Koh)."""
    out: list[str] = []
    for base in dict.fromkeys((marked, rr)):
        if "ŏ" in base:
            out.append(_plain(base.replace("ŏ", "u")))
        plain = _plain(base)
        if "u" in plain and "ŭ" not in base and "eu" not in plain and not plain.endswith("ui"):
            out.append(plain.replace("u", "oo", 1))
        if base.endswith("ŭi") or plain.endswith("ui"):
            out += [plain[: -len("ui")] + "ee", plain[: -len("ui")] + "eui"]
        elif plain.endswith("i") and len(plain) > 1 and plain[-2] not in _VOWELS:
            out.append(plain[:-1] + "ee")
        if "oe" in plain:
            out.append(plain.replace("oe", "oi"))
        if plain.startswith("si"):
            out.append("sh" + plain[1:])
        if plain.endswith("o") and not plain.endswith("oo"):
            out.append(plain + "h")
    return out


def _plain(text: str) -> str:
    stripped = unicodedata.normalize("NFKD", text.replace("'", "").replace("-", ""))
    return "".join(ch for ch in stripped if not unicodedata.combining(ch)).casefold()


def korean(text: str) -> list[tuple[str, tuple[str, ...]]]:
    """(character, its Korean spellings) for each hanja or Hangul syllable of ``text``."""
    out: list[tuple[str, tuple[str, ...]]] = []
    hanja_table, hanja_to_hangul, _ = _korean_tables()
    for ch in text:
        if _HANGUL_RE.match(ch):
            out.append((ch, _hangul_spellings(ch, written=True)))
            continue
        traditional = str(_s2t().convert(ch))
        table_reading = hanja_table.get(traditional) or hanja_table.get(ch)
        if not table_reading:
            continue
        hangul = [table_reading, str(hanja_to_hangul(traditional, "substitution"))]
        if ch in SURNAME_READINGS:
            hangul.append(SURNAME_READINGS[ch])
        spellings = tuple(dict.fromkeys(s for h in dict.fromkeys(hangul) for s in _hangul_spellings(h)))
        out.append((ch, spellings))
    return out


def choose(readings: list[tuple[str, tuple[str, ...]]], other: str) -> list[str]:
    """For each character, the spelling that best matches a stretch of ``other`` (lower case, Latin
    letters run together); the first spelling when none matches better."""
    out: list[str] = []
    for _, spellings in readings:
        if len(spellings) == 1:  # nothing to choose (a Mandarin reading): no window to measure
            out.append(spellings[0])
            continue
        best = max(spellings, key=lambda s: (s in other, _best_window(s, other)))
        out.append(best)
    return out


def _best_window(spelling: str, other: str) -> float:
    """How well ``spelling`` matches its best stretch of ``other`` (rapidfuzz ``partial_ratio``)."""
    return float(fuzz.partial_ratio(spelling, other)) / 100.0


JAPANESE_MARKERS = ("株式会社", "株式會社", "有限会社", "有限會社", "合同会社", "合同會社")
"""Company forms only Japanese names carry: a Han name with one of them (or with kana) is also read in
Japanese."""
_KANA_RE = re.compile(r"[\u3040-\u30ff]")


def is_japanese(text: str) -> bool:
    """The name carries a Japanese company form or kana."""
    return _KANA_RE.search(text) is not None or any(m in text for m in JAPANESE_MARKERS)


@lru_cache(maxsize=1)
def _kakasi() -> Any:
    """pykakasi's converter, made at first use: it opens the kanji dictionary the package ships (9.5 MB
    installed; about 0.5 s on the shared machine), which a process that never meets Japanese should not
    pay. ``warm_up`` makes it at server start."""
    import pykakasi

    return pykakasi.kakasi()  # type: ignore[no-untyped-call]


def _unlengthened(word: str) -> str:
    """Hepburn without long vowels, as company and person names are written in English: juukou → juko,
    itouchuu → itochu, kougyou → kogyo."""
    return re.sub(r"u+", "u", re.sub(r"o[ou]", "o", word))


def japanese(text: str) -> list[tuple[str, tuple[str, ...]]]:
    """(word, its Hepburn spellings) for each word pykakasi finds in ``text``, read from the traditional
    characters (pykakasi's dictionary knows 電機 and 細谷, not 电机 or 细谷): 三菱重工 → mitsubishi, juko.
    A simplified character that stands for several traditional ones (冲: 衝 and 沖, as in 沖電気 Oki
    Denki; ``traditional_variants``) makes the text one word, spelt as each way of writing it reads."""
    variants = traditional_variants(text)
    if len(variants) == 1:
        return _japanese_words(variants[0])
    spellings: list[str] = []
    for variant in variants:
        words = _japanese_words(variant)
        if words:
            spellings += [" ".join(w[1][0] for w in words), " ".join(w[1][-1] for w in words)]
    return [(text, tuple(dict.fromkeys(spellings)))] if spellings else []


def _japanese_words(traditional: str) -> list[tuple[str, tuple[str, ...]]]:
    kakasi = _kakasi()
    out: list[tuple[str, tuple[str, ...]]] = []
    for item in kakasi.convert(traditional):
        hepburn = str(item["hepburn"]).casefold()
        if not hepburn.strip() or not _HAN_OR_KANA.search(str(item["orig"])):
            continue
        out.append((str(item["orig"]), tuple(dict.fromkeys((_unlengthened(hepburn), hepburn)))))
    return out


MAX_VARIANTS = 4
"""The most ways of writing a simplified text in traditional characters that ``traditional_variants``
gives."""


@lru_cache(maxsize=1)
def _one_to_many() -> dict[str, tuple[str, ...]]:
    """Simplified characters that stand for several traditional ones, from opencc's ``STCharacters``
    table (冲 → 衝, 沖)."""
    raw = pkgutil.get_data("opencc", "dictionary/STCharacters.txt")
    out: dict[str, tuple[str, ...]] = {}
    for line in (raw or b"").decode("utf-8").splitlines():
        simplified, _, traditional = line.partition("\t")
        choices = tuple(traditional.split())
        if len(simplified) == 1 and len(choices) > 1:
            out[simplified] = choices
    return out


def traditional_variants(text: str) -> list[str]:
    """``text`` in traditional characters as opencc writes it, then with each character that has other
    traditional forms written in those (at most ``MAX_VARIANTS`` texts)."""
    usual = str(_s2t().convert(text))
    table = _one_to_many()
    out = [usual]
    for i, ch in enumerate(text):
        for other in table.get(ch, ()):
            if len(out) >= MAX_VARIANTS:
                return out
            if i < len(usual) and other != usual[i]:
                out.append(usual[:i] + other + usual[i + 1 :])
    return out


_HAN_OR_KANA = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")

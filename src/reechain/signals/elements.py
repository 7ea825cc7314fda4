"""Elements named in a sentence: symbols, Chinese and English names and groups ("rare earths"), with names of
companies, products and ordinary words that only look like an element left out.
"""

from __future__ import annotations

import functools
import re

from reechain.signals.text import _title_case, memo
from reechain.signals.vocabulary import (
    COMPOUNDS,
    LISTED_ONLY,
    NOT_AFTER,
    NOT_WORD,
    REE,
    SYMBOL_RE,
    ZH_AMBIGUOUS,
    automaton,
    common_words,
    proper_names,
    symbols_in,
)

COMPOUND_WORDS = frozenset(w.casefold() for w in COMPOUNDS)
ZH_ORGANISATION = re.compile(r"(?:集团|有限|股份|公司|控股|高科)")
EN_ORGANISATION = re.compile(r"(?:^|[^\w])([A-Z][\w&-]*)\s+$")
NOT_A_NAME = frozenset(
    (
        "the",
        "a",
        "an",
        "heavy",
        "light",
        "critical",
        "global",
        "chinese",
        "china's",
        "on",
        "of",
        "and",
        "for",
        "in",
    )
)


def _organisation(sentence: str, low: str, start: int, end: int) -> bool:
    """Whether a mention of rare earths is part of an organisation's name: "稀土" followed by 集团/有限公司
    ("五矿稀土集团有限公司"), or "Rare Earth(s)" in title case after a capitalised name ("Arafura Rare
    Earths'",
    "Lynas Rare Earths Ltd"). An organisation is not a statement about rare earths in general."""
    if not low[start].isascii():
        return ZH_ORGANISATION.match(low, end + 1) is not None
    if len(sentence) != len(low) or not sentence[start].isupper():
        return False
    name = EN_ORGANISATION.search(sentence[:start])
    return name is not None and name.group(1).casefold() not in NOT_A_NAME


@memo(maxsize=8192)
def _elements(sentence: str, organisations: bool = True) -> tuple[set[str], bool]:
    """Elements a sentence names and whether it speaks of rare earths in general; with ``organisations`` a
    company name such as "Arafura Rare Earths" is not a mention of rare earths, and a symbol counts only where
    it is used as one ("La" in "La Rochelle" is not lanthanum; vocabulary.symbols_in)."""
    low = sentence.casefold()
    found: set[str] = set()
    ree = False
    hits = []
    described: set[str] = set()  # elements that only say what a named company makes
    for end, (kind, syms, word) in automaton().iter(low):
        start = end - len(word) + 1
        latin = word.isascii()
        if latin and (
            (start > 0 and low[start - 1].isalnum()) or (end + 1 < len(low) and low[end + 1].isalpha())
        ):
            continue  # "cerium" inside another word; codes and numbers need their own boundaries too
        hits.append((start, end, kind, syms, word))
    compounds = [(a, b) for a, b, kind, _, w in hits if kind == "element" and w.casefold() in COMPOUND_WORDS]
    names: list[tuple[int, int]] | None = None
    in_compounds: set[str] = set()  # elements named only inside an alloy's name (钕铁硼, NdFeB, 钐钴)
    named_alone: set[str] = set()
    for start, end, kind, syms, word in hits:
        if kind == "element":
            if word.casefold() not in COMPOUND_WORDS and any(a <= start and end <= b for a, b in compounds):
                continue  # 钐 and 钴 in 钐钴: the compound names its own elements (Sm)
            anion = low[end + 1 : end + 2] == "化"
            if anion and any(a == end + 2 and k == "element" for a, _, k, _, _ in hits):
                continue  # 砷 in 砷化镓 (gallium arsenide): an item of gallium
            if word in LISTED_ONLY and not _listed(low, start, end, hits):
                continue  # "lead to", "take the lead": not the metal
            if organisations:
                if _ordinary_word(sentence, low, start, end, word):
                    continue  # "tin can", "platinum jubilee", "Huayou Cobalt", 江西铜业
                if word in ZH_AMBIGUOUS:
                    names = _zh_names(sentence) if names is None else names
                    if any(a <= start and end < b for a, b in names):
                        continue  # 铜 in 铜陵, 锡 in 无锡 or a person's name
                if len(sentence) == len(low) and PRODUCER_NAMED.match(sentence, end + 1):
                    described.update(syms)  # "copper producer Codelco": what the company is, kept below
                    continue
            if word.casefold() in COMPOUND_WORDS:
                in_compounds.update(syms)
            else:
                named_alone.update(syms)
            found.update(syms)
        elif kind == "ree" and not (organisations and _organisation(sentence, low, start, end)):
            if _misnamed_examples(low, end, hits):
                continue  # "rare earth minerals like garnet, ilmenite and rutile": the examples are meant
            ree = True
            if _group_listed(low, start, end, hits):
                found.update(REE)  # "graphite, rare earth elements and scandium": the group and scandium
    if organisations:
        found |= symbols_in(sentence)
    else:
        found.update(m.group(1) for m in SYMBOL_RE.finditer(sentence))
    if ree and in_compounds and not named_alone & set(REE):
        # "稀土精矿冶炼分离…及钕铁硼废料回收项目": a magnet alloy beside rare earths at large is one of their
        # products, not the only rare earth the sentence names
        found -= in_compounds & set(REE)
    if not found and not ree:
        found = described  # "the copper producer Codelco halted its smelter": the company's metal is the one
    return found, ree


EXAMPLES_AFTER = re.compile(
    r"(?:\s+(?:elements?|metals?|minerals?|oxides?|sands?))?,?\s+(?:like|such\s+as|including|namely)\s+"
)


def _misnamed_examples(low: str, end: int, hits: list[tuple[int, int, str, tuple[str, ...], str]]) -> bool:
    """Whether "rare earths" is followed by examples that are no rare earth ("rare earth minerals like garnet,
    ilmenite and rutile", India's beach sands): the name is used loosely and the examples are the minerals
    meant. Examples that are rare earths ("rare earths such as neodymium") leave the group named."""
    m = EXAMPLES_AFTER.match(low, end + 1)
    if m is None:
        return False
    first = min((h for h in hits if h[0] >= m.end() and h[2] == "element"), default=None, key=lambda h: h[0])
    return first is not None and first[0] < m.end() + 40 and not set(first[3]) & set(REE)


PRODUCER_NAMED = re.compile(
    r"\s+(?:producer|miner|giant|major|maker|refiner|company|firm)s?\s+(?:[A-Z][\w&'-]*)"
)
"""An element that says what a named company makes ("state-run copper producer Codelco … a new lithium
quota"): the company's metal, not the measure's, when the sentence names another."""


GROUP_NOUN = re.compile(r"^(?:\s+(?:elements?|metals?|minerals?|oxides?))?")
OTHER_BEFORE = re.compile(
    r"(?:\bother\s+|其他|其它|等|\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|"
    r"some|these|those|the\s+following)\s+(?:[\w-]+\s+)?|\d+\s*(?:种|类|个)\S{0,3})$"
)
"""A count or "other" before the general mention ("seven rare earth elements, samarium, …", 7类中重稀土,
"other rare earths"): a word for the named ones, not an item of its own."""


def _group_listed(
    low: str, start: int, end: int, hits: list[tuple[int, int, str, tuple[str, ...], str]]
) -> bool:
    """Whether a general mention of rare earths is an item of its own in a list with a named rare earth
    ("rare earth elements and scandium", "稀土、钇"): the group, not a word for the named ones (as "other
    rare earths" after neodymium is)."""
    if OTHER_BEFORE.search(low[max(0, start - 24) : start]):
        return False
    tail = end + 1 + len(GROUP_NOUN.match(low[end + 1 :]).group(0))  # type: ignore[union-attr]
    for a, b, kind, syms, _ in hits:
        if kind != "element" or not set(syms) <= set(REE):
            continue
        if b < start and LIST_JOIN.match(low[b + 1 : start]):
            return True
        if a >= tail and LIST_JOIN.match(low[tail:a]):
            return True
    return False


LIST_JOIN = re.compile(r"^\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+|&\s*|/\s*|、)$")
METAL_NOUN_AFTER = re.compile(
    r"-(?:zinc|silver|copper|acid)\b|\s+(?:ores?|concentrates?|metal|smelt\w*|refin\w*|ingots?|bullion|mines?|"
    r"mining|deposits?|scrap|content|prices?|output|production|capacity|exports?|imports?|stocks?|stockpiles?)\b"
)


def _listed(low: str, start: int, end: int, hits: list[tuple[int, int, str, tuple[str, ...], str]]) -> bool:
    """Whether a name that is mostly an ordinary word (lead) is here the metal: in a list with another
    element's name ("aluminium and lead", "copper, lead and zinc"), in "lead-zinc", or before a metal noun
    ("lead ore", "lead smelter")."""
    if METAL_NOUN_AFTER.match(low, end + 1):
        return True
    for a, b, kind, _, _ in hits:
        if kind != "element" or (a, b) == (start, end):
            continue
        if b < start and LIST_JOIN.match(low[b + 1 : start]):
            return True
        if a > end and LIST_JOIN.match(low[end + 1 : a]):
            return True
    return False


EN_ORGANISATION_WORDS = re.compile(
    r"\s+(?:group|co|corp|corporation|company|ltd|limited|inc|holdings?|mining|resources|industries|metals|"
    r"minerals|communications|plc|llc)\b",
    re.I,
)
ZH_COMPANY_SAYS = re.compile(r"[:：]|发布|表示|公告|拥有|总营收|宣布|旗下|子公司|全资|国际")
"""What follows a company named by a place and a two-character metal (西部黄金, 湖南黄金, 中国黄金国际): the
company speaks, announces, owns or reports; not the metal."""
ZH_NOT_METAL = {"白银": re.compile(r"市|有色|时代|区|县")}
"""Chinese metal names that are also a place (白银, Baiyin in Gansu: 白银市, 白银有色集团)."""
ZH_ORGANISATION_AFTER = re.compile(r"业|集团|有限|股份|公司|控股|媒体|传媒|在线|资讯|网|协会")
"""What follows an element's character in a name of a company or a news source (江西铜业, 中钨在线, 锂电网):
the name, not the element."""


def _ordinary_word(sentence: str, low: str, start: int, end: int, word: str) -> bool:
    """Whether an element's name is here an ordinary word or part of a name rather than the element: an
    English name followed by what makes it a word ("tin can", "platinum jubilee": minerals.yaml's not_word);
    a capitalised English name in the middle of a sentence after a capitalised name word and followed by a
    company word or by no capitalised word ("Zhejiang Huayou Cobalt, …", "Chengxin Lithium Group"; not "the
    Alcoa-Sojitz Gallium Recovery Project", a project for gallium); a Chinese name followed by 业 or a
    company word after another character (江西铜业, 洛阳钼业, 厦门钨业股份有限公司)."""
    before = NOT_AFTER.get(word)
    if before is not None and before.search(low, max(0, start - 16), start):
        return True  # "nickel pig iron", 镍生铁: the other element's product
    if not word.isascii():
        if word in ZH_NOT_METAL and ZH_NOT_METAL[word].match(low, end + 1):
            return True  # 白银市, 白银有色: the city of Baiyin and its company
        if (
            len(word) > 1
            and start > 0
            and "\u4e00" <= low[start - 1] <= "\u9fff"
            and ZH_COMPANY_SAYS.match(low, end + 1)
        ):
            return True  # "西部黄金发布公告", "湖南黄金:三级子公司": a company named for its metal
        return start > 0 and ZH_ORGANISATION_AFTER.match(low, end + 1) is not None
    rx = NOT_WORD.get(word)
    if rx is not None and rx.match(low[end + 1 :]):
        return True
    if BATTERY_CHEMISTRY.match(low[end + 1 :]):
        return True
    if len(sentence) != len(low) or not sentence[start].isupper() or _title_case(sentence):
        return False
    name = EN_ORGANISATION.search(sentence[:start])
    if name is None or name.group(1).casefold() in NOT_A_NAME:
        return False
    after = sentence[end + 1 :]
    return EN_ORGANISATION_WORDS.match(after) is not None or re.match(r"\s+[A-Z]", after) is None


BATTERY_CHEMISTRY = re.compile(r"^-(?:based|rich|free)\s+(?:\S+\s+)?(?:batter(?:y|ies)|cells?|cathodes?)\b")
"""A battery named by its chemistry ("cobalt-based batteries", "nickel-rich cathodes", as "lithium-ion
batteries" in minerals.yaml's not_word): the product, not the element supplied."""


def _zh_names(sentence: str) -> list[tuple[int, int]]:
    """Spans of the place and person names in a Chinese sentence: CC-CEDICT's proper nouns (铜陵, 无锡,
    锡林郭勒, 刘禹锡) and the person names jieba finds (张锡明) that the dictionary does not know as
    ordinary words (白铜, cupronickel, is one). jieba cuts each run of Chinese characters, letters and digits
    (its ``re_han_internal``) on its own, and a name is found only in a run with an ambiguous character: only
    those runs are cut."""
    import jieba.posseg

    low = sentence.casefold()
    spans = [(end - len(w) + 1, end + 1) for end, w in proper_names().iter(low)]
    pos = 0
    for block in jieba.posseg.re_han_internal.split(low):
        if any(c in ZH_AMBIGUOUS for c in block):
            spans += [(pos + a, pos + b) for a, b in _person_names(block)]
        pos += len(block)
    return spans


@functools.lru_cache(maxsize=4096)
def _person_names(block: str) -> tuple[tuple[int, int], ...]:
    """Spans of the person names jieba finds in one run of characters (``_zh_names``)."""
    import jieba
    import jieba.posseg

    jieba.setLogLevel(60)
    spans = []
    pos = 0
    for w in jieba.posseg.cut(block):
        if (
            w.flag in ("nr", "nrfg", "nrt")
            and 2 <= len(w.word) <= 4
            and any(c in ZH_AMBIGUOUS for c in w.word)
            and w.word not in common_words()
        ):
            spans.append((pos, pos + len(w.word)))
        pos += len(w.word)
    return tuple(spans)


def _element_set(named: set[str], generic: bool) -> list[str]:
    """Named elements; a general mention of rare earths adds all 17 only when no rare earth is named."""
    if generic and not named & set(REE):
        named = named | set(REE)
    return sorted(named)

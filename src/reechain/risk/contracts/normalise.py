"""Formatting-blind normal form of clause text, and the features that say what a change is about.

The normal form removes what formatting changes: Unicode compatibility forms (NFKC), curly and angled
quotes, dash variants, letter case, spacing and line wraps (text is cut into word and punctuation tokens and
re-joined with single spaces), thousands separators and trailing zeros in figures (``1,020.00`` → ``1020``)
and a clause's closing full stop.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

_QUOTES = str.maketrans(
    {
        "‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'", "`": "'", "´": "'",
        "“": '"', "”": '"', "„": '"', "‟": '"', "″": '"', "«": '"', "»": '"',
        "「": '"', "」": '"', "『": '"', "』": '"',
        "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "―": "-", "−": "-",
        "*": " ", "_": " ",
    }
)  # fmt: skip
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+|[^\w\s]", re.UNICODE)
_CJK = re.compile(r"[\u3400-\u9fff]")
INCOTERMS = frozenset({"exw", "fca", "cpt", "cip", "dap", "dpu", "ddp", "fas", "fob", "cfr", "cif"})
CURRENCIES = {
    "usd": "USD", "us$": "USD", "$": "USD", "dollars": "USD",
    "cny": "CNY", "rmb": "CNY", "yuan": "CNY", "人民币": "CNY", "元": "CNY",
    "eur": "EUR", "€": "EUR", "euro": "EUR", "euros": "EUR",
    "jpy": "JPY", "yen": "JPY", "gbp": "GBP", "£": "GBP", "chf": "CHF", "hkd": "HKD", "sgd": "SGD",
}  # fmt: skip
NEGATIONS = frozenset({"not", "no", "never", "neither", "nor", "without", "cannot", "不", "无", "非", "未"})
_MONTHS = {
    m: i
    for i, names in enumerate(
        [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
         ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
         ("october", "oct"), ("november", "nov"), ("december", "dec")],
        start=1,
    )
    for m in names
}  # fmt: skip
_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DATES = (
    re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MONTH_RE})\.?,?\s+(\d{{4}})\b", re.I),  # 31 March 2027
    re.compile(rf"\b({_MONTH_RE})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", re.I),  # March 31, 2027
    re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"),  # 2027-03-31
    re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"),  # 2027年3月31日
)


def canonical_number(token: str) -> str:
    """``1,020.00`` → ``1020``; ``0.50`` → ``0.5``; a comma before three digits is a thousands separator."""
    text = re.sub(r",(?=\d{3}(?:\D|$))", "", token)
    try:
        value = Decimal(text)
    except InvalidOperation:
        return token
    return format(value.normalize(), "f")


def tokens(text: str) -> list[str]:
    """Word, figure and punctuation tokens of the formatting-blind form of TEXT."""
    folded = unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold()
    out = []
    for tok in _TOKEN.findall(folded):
        if tok[0].isdigit():
            out.append(canonical_number(tok))
        elif _CJK.search(tok):
            out.extend(tok)  # one token per Han character: Chinese has no spaces between words
        else:
            out.append(tok)
    while out and out[-1] in {".", ";", ":", ","}:
        out.pop()
    return out


def normal_form(text: str) -> str:
    return " ".join(tokens(text))


def display_words(text: str) -> list[str]:
    """Words as written (case and quotes kept), for showing a within-clause diff."""
    return unicodedata.normalize("NFKC", text).split()


@dataclass(frozen=True)
class Features:
    numbers: Counter[str]
    incoterms: tuple[tuple[str, str], ...]
    """(rule, the word after it: the named place), in order of appearance."""
    currencies: frozenset[str]
    dates: frozenset[str]
    negations: int


def _dates(text: str) -> frozenset[str]:
    found = set()
    for i, pattern in enumerate(_DATES):
        for m in pattern.finditer(text):
            g = m.groups()
            if i == 0:
                day, month, year = int(g[0]), _MONTHS[g[1].lower()], int(g[2])
            elif i == 1:
                day, month, year = int(g[1]), _MONTHS[g[0].lower()], int(g[2])
            else:
                year, month, day = int(g[0]), int(g[1]), int(g[2])
            found.add(f"{year:04d}-{month:02d}-{day:02d}")
    return frozenset(found)


def features(text: str) -> Features:
    toks = tokens(text)
    incoterms = tuple(
        (t, next((w for w in toks[i + 1 : i + 4] if w.isalpha() and w not in {"incoterms"}), ""))
        for i, t in enumerate(toks)
        if t in INCOTERMS
    )
    nfkc = unicodedata.normalize("NFKC", text)
    return Features(
        numbers=Counter(t for t in toks if t[0].isdigit()),
        incoterms=incoterms,
        currencies=frozenset(CURRENCIES[t] for t in toks if t in CURRENCIES),
        dates=_dates(nfkc),
        negations=sum(1 for t in toks if t in NEGATIONS),
    )

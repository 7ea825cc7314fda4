"""What a change inside an aligned clause is about (its category), and the word diff that shows it.

Checked in this order, the first that holds wins: a negation added or removed (``shall`` ↔ ``shall not``);
an Incoterm rule or its named place; a currency; a date; a governing-law or forum change (a clause about law,
courts or arbitration whose figures are unchanged and where a name changed); a party (role words such as
Seller/Buyer, or company names in a clause that names a company); a figure; anything else is text.
"""

from __future__ import annotations

import difflib
import re

from reechain.risk.contracts.model import Category, WordChange
from reechain.risk.contracts.normalise import display_words, features, normal_form, tokens

LAW_WORDS = (
    "governed by",
    "laws of",
    "law of",
    "arbitration",
    "jurisdiction",
    "courts",
    "tribunal",
    "适用",
    "仲裁",
    "法院",
)
ROLE_WORDS = frozenset(
    {"seller", "buyer", "processor", "customer", "offtaker", "supplier", "purchaser", "vendor",
     "卖方", "买方"}
)  # fmt: skip
COMPANY_WORDS = frozenset(
    {"co", "ltd", "limited", "inc", "llc", "gmbh", "ag", "corp", "corporation", "company", "plc", "bv",
     "kk", "sa", "srl", "pte", "公司", "株式会社"}
)  # fmt: skip
_CAPITALISED = re.compile(r"^[A-Z\u3400-\u9fff]")
HEDGES = (
    "reasonable efforts",
    "reasonable endeavours",
    "reasonable endeavors",
    "best efforts",
    "best endeavours",
    "commercially reasonable",
    "endeavour to",
    "endeavor to",
    "try to",
    "where practicable",
    "as far as practicable",
    "if practicable",
    "if requested",
    "upon request",
    "on request",
    "where possible",
    "if possible",
    "to the extent possible",
    "in its discretion",
    "尽力",
    "尽合理努力",
)
"""Words that turn a duty into an effort or an option: adding one softens an obligation."""
_MODAL = re.compile(r"\b(shall|must|will|may|should|can)\b")


def _longest(found: list[str]) -> list[str]:
    """Drop a hedge found only as part of a longer one ('on request' inside 'upon request')."""
    return [h for h in found if not any(h != other and h in other for other in found)]


def _obligation_change(template_text: str, contract_text: str) -> str | None:
    """How the duty in the clause changed, in words, when it was softened or hardened; else None."""
    a, b = template_text.lower(), contract_text.lower()
    added = _longest([h for h in HEDGES if h in b and h not in a])
    removed = _longest([h for h in HEDGES if h in a and h not in b])
    strong, weak = {"shall", "must", "will"}, {"may", "should", "can"}
    modal_a, modal_b = set(_MODAL.findall(a)), set(_MODAL.findall(b))
    if added or (modal_a & strong and not modal_b & strong and modal_b & weak):
        what = ", ".join(
            f"'{h}' added" for h in added
        ) or f"{'/'.join(sorted(modal_a & strong))} → " + "/".join(sorted(modal_b & weak))
        return f"obligation softened ({what})"
    if removed or (modal_a & weak and not modal_a & strong and modal_b & strong):
        what = ", ".join(f"'{h}' removed" for h in removed) or "/".join(sorted(modal_b & strong)) + " added"
        return f"obligation hardened ({what})"
    return None


def word_changes(template_text: str, contract_text: str) -> tuple[WordChange, ...]:
    """Word-level diff (difflib) of the two texts as written, compared on their normal forms."""
    a, b = display_words(template_text), display_words(contract_text)
    matcher = difflib.SequenceMatcher(
        a=[normal_form(w) for w in a], b=[normal_form(w) for w in b], autojunk=False
    )
    return tuple(
        WordChange(op, " ".join(a[i1:i2]), " ".join(b[j1:j2])) for op, i1, i2, j1, j2 in matcher.get_opcodes()
    )


def _changed_words(changes: tuple[WordChange, ...]) -> list[str]:
    words: list[str] = []
    for ch in changes:
        if ch.op != "equal":
            words.extend(ch.template_words.split())
            words.extend(ch.contract_words.split())
    return words


def _is_party_change(template_text: str, contract_text: str, changed: list[str]) -> bool:
    changed_tokens = {t for w in changed for t in tokens(w)}
    if changed_tokens & ROLE_WORDS:
        return True
    names_company = any(t in COMPANY_WORDS for t in tokens(template_text) + tokens(contract_text))
    letters = [w for w in changed if any(ch.isalpha() for ch in w)]
    return names_company and bool(letters) and all(_CAPITALISED.match(w.strip("(\"'")) for w in letters)


def _show(terms: tuple[tuple[str, str], ...]) -> str:
    return ", ".join(f"{rule.upper()} {place}".strip() for rule, place in terms) or "none"


def categorise(template_text: str, contract_text: str) -> tuple[Category, str]:
    """The category of the change from TEMPLATE_TEXT to CONTRACT_TEXT, and why."""
    a, b = features(template_text), features(contract_text)
    if a.negations != b.negations:
        return Category.NEGATION, f"negations {a.negations} → {b.negations}"
    if a.incoterms != b.incoterms:
        return Category.INCOTERM, f"Incoterm {_show(a.incoterms)} → {_show(b.incoterms)}"
    if a.currencies != b.currencies:
        return Category.CURRENCY, f"currency {sorted(a.currencies)} → {sorted(b.currencies)}"
    if a.dates != b.dates:
        return Category.DATE, f"dates {sorted(a.dates)} → {sorted(b.dates)}"
    changed = _changed_words(word_changes(template_text, contract_text))
    lowered = (template_text + " " + contract_text).lower()
    names_changed = any(_CAPITALISED.match(w.strip("(\"'")) for w in changed)
    if a.numbers == b.numbers and names_changed and any(w in lowered for w in LAW_WORDS):
        return Category.GOVERNING_LAW, "law or forum changed"
    if a.numbers == b.numbers and _is_party_change(template_text, contract_text, changed):
        return Category.PARTY, "party changed"
    if a.numbers != b.numbers:
        gone = sorted((a.numbers - b.numbers).elements())
        new = sorted((b.numbers - a.numbers).elements())
        return Category.NUMBER, f"figures {', '.join(gone) or '-'} → {', '.join(new) or '-'}"
    return Category.TEXT, _obligation_change(template_text, contract_text) or "wording changed"


def price_change_fraction(template_text: str, contract_text: str) -> float | None:
    """Largest relative change between the figures that differ, pairing them in order of appearance;
    None when the figures cannot be paired (a different count)."""
    a = [t for t in tokens(template_text) if t[0].isdigit()]
    b = [t for t in tokens(contract_text) if t[0].isdigit()]
    if len(a) != len(b):
        return None
    worst = 0.0
    for x, y in zip(a, b, strict=True):
        if x != y:
            try:
                fx, fy = float(x), float(y)
            except ValueError:
                return None
            if fx == 0:
                return None
            worst = max(worst, abs(fy - fx) / abs(fx))
    return worst

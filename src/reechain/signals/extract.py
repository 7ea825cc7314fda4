"""Dated signals from a notice or article: issuer, document reference, dates, elements, segment, measure and
direction, each with the sentence it came from.

Rules, not a model: every measure is a list of phrases in Chinese and English with the direction it gives
(1 tightens supply, -1 loosens, 0 neutral), turned around by words that lift or cancel; hedged sentences
("could", "可能") give nothing. The rules and examples are in docs/signals.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from reechain.signals.act_dates import (
    ACT_REACH_DAYS,
    ACT_VERBS,
    EFFECTIVE_PERIOD,
    ISSUE_FIELD_REACH,
    ON_OR_AFTER,
    PROHIBITED_AFTER,
    RESTARTED_ON,
    RESUMED_ON,
    STALE_DAYS,
    STARTED_ON,
    _act_date,
    _dated_act,
    _effective_anywhere,
    _from_date,
    _issue_field,
    _month_start,
    _ordered_on,
    _published_here,
    _recent_act,
    _reference_date,
    _signature_date,
    _spoken_on,
    _year_start,
    _yearless_month_start,
)
from reechain.signals.context import (
    CONTINUED_WOULD,
    INVESTMENT_TERMS,
    LAW_IN_FORCE,
    MEMBERS_CUT,
    OWN_MARKERS,
    REPORTED_WOULD,
    THE_MOVE_WILL,
    _background,
    _committed,
    _earlier_act_elsewhere,
    _heading,
    _judged,
    _lead_measures,
    _on_other_goods,
    _once,
    _only_in_after_clause,
    _price_cause,
    _price_data_opening,
    _price_report,
    _renamed_act,
    _report_genre,
    _standing_law,
    _undecided_lead,
    claimed,
    hedged,
    reported_history,
    unaffected,
)
from reechain.signals.dates import (
    EARLIER_MONTHS,
    EFFECTIVE_CUES,
    EN_NUMS,
    FORWARD_CUE,
    UNTIL_CUES,
    ZH_DAY_NUMERAL,
    ZH_NUMS,
    _announced,
    _duration_months,
    _issuers_of,
    _months_back,
    _plus,
    _year_from_reading,
    date_anchor,
    dates_in,
    doc_reference,
    foreign_issuer,
    has_date,
)
from reechain.signals.direction import (
    APPROVED_APPLICATIONS,
    DOWN,
    KEPT_UNCHANGED,
    STOCKPILE_LOWER,
    TARIFF_EXEMPT,
    TONNES,
    UP,
    _changed_elements,
    _direction,
    _tariff_act,
)
from reechain.signals.elements import NOT_A_NAME, _element_set, _elements
from reechain.signals.measures import (
    MEASURE_PHRASES,
    _clause_elements,
    _clauses,
    _lifting,
    _measures_of,
    _mentions,
    _replacing,
    _segment,
)
from reechain.signals.reading import Document
from reechain.signals.text import _has, _plain, _search, _to_simplified, _whole_sentence, paragraph_sentences
from reechain.signals.vocabulary import REE

# The signal and the reader; and, re-exported, the parts the trained reader (trained.py) takes from the rules
# as ``rules.NAME``.
__all__ = [
    "DOWN",
    "MEASURE_PHRASES",
    "UP",
    "Signal",
    "_act_date",
    "_announced",
    "_effective_anywhere",
    "_element_set",
    "_elements",
    "_has",
    "_issuers_of",
    "_lifting",
    "_measures_of",
    "_month_start",
    "_plain",
    "_segment",
    "_to_simplified",
    "claimed",
    "date_anchor",
    "doc_reference",
    "extract",
    "foreign_issuer",
    "has_date",
    "hedged",
    "paragraph_sentences",
    "reported_history",
]


@dataclass
class Signal:
    file: str
    announced: date | None
    effective: date | None
    issuer: str
    doc_ref: str
    elements: list[str]
    segment: str
    measure: str
    direction: int
    evidence: str
    until: date | None = None
    suspends: list[str] = field(default_factory=list)
    year_assumed: bool = False
    """The text gives no year and no publication date: its days were put in the last year in which they are
    not after the day of reading, a guess the reader shows as such."""

    def as_json(self) -> dict[str, object]:
        return {
            "file": self.file,
            "announced": self.announced.isoformat() if self.announced else None,
            "effective": self.effective.isoformat() if self.effective else None,
            "issuer": self.issuer,
            "doc_ref": self.doc_ref,
            "elements": self.elements,
            "segment": self.segment,
            "measure": self.measure,
            "direction": self.direction,
            "evidence": self.evidence,
            "until": self.until.isoformat() if self.until else None,
            "suspends": self.suspends,
            "year_assumed": self.year_assumed,
        }


ANAPHORA = (
    *("it ", "they ", "these ", "this ", "those ", "such ", "its ", "their "),
    *("该", "上述", "这些", "其", "此"),
)


def _continues(sentence: str, following: str) -> bool:
    """Whether the following sentence goes on about the sentence's subject: it opens with a pronoun or
    demonstrative ("These items", "上述物项"), or with "The X" where X is named in the sentence ("… a rare
    earths refinery. The refinery will produce …")."""
    low = following.casefold()
    if low.startswith(ANAPHORA):
        return True
    said = sentence.casefold()
    among = AMONG_THE.search(low)
    if among is not None and re.search(rf"\b{re.escape(among.group(1))}\b", said):
        return (
            True  # "… its strategic reserves of key industrial metals. Cobalt, copper … are among the metals"
        )
    m = re.match(r"the\s+([\w-]+)(?:\s+([\w-]+))?", low)
    return m is not None and any(
        w and len(w) > 3 and re.search(rf"\b{re.escape(w)}\b", said) for w in m.groups()
    )


AMONG_THE = re.compile(r"\b(?:is|are)\s+among\s+(?:the\s+)?([a-z-]{4,})")
"""A sentence that names the members of a class the sentence before it spoke of ("Cobalt, copper, nickel and
lithium are among the metals the government plans to purchase")."""


def _named_near(parts: list[tuple[int, str]], i: int) -> set[str]:
    """Elements named by the sentences next to sentence i in its paragraph (after, then before)."""
    para = parts[i][0]
    for j in (i + 1, i - 1):
        if 0 <= j < len(parts) and parts[j][0] == para:
            els, _ = _elements(parts[j][1])
            if els:
                return els
    return set()


def _suspended_elements(parts: list[tuple[int, str]], sig: Signal, at: list[int]) -> set[str]:
    """Elements of the measures a suspension suspends: those named by the sentences that cite the suspended
    announcements ("根据原第46号公告第二款，对美国出口镓、锗、锑…"), else by the suspension's neighbours."""
    numbers = {r.rsplit(" ", 1)[-1] for r in sig.suspends}
    out: set[str] = set()
    for i, (_, s) in enumerate(parts):
        cited = {n for n in ZH_NUMS.findall(s)} | {
            n for m in EN_NUMS.finditer(s) for n in re.findall(r"\d+", m.group(1))
        }
        if i not in at and cited & numbers:
            out |= _elements(s)[0]
    for i in at:
        out = out or _named_near(parts, i)
    return out


REF_YEAR = re.compile(r"(\d{4})\s*年\s*(?=第\s*\d+\s*号)|\bnos?\.\s*[\d,\sand&]+?\s+of\s+(\d{4})", re.I)
"""The year of a reference ("2024年第46号", "Nos. 55 and 56 of 2025"), not of a date ("至2026年11月27日")."""


def _suspended_refs(s: str, year: str | None, issuer: str) -> list[str]:
    nums = [int(n) for n in ZH_NUMS.findall(s)]
    for m in EN_NUMS.finditer(s):
        nums += [int(n) for n in re.findall(r"\d+", m.group(1))]
    years = [a or b for a, b in REF_YEAR.findall(s)] or ([year] if year else [])
    y = years[0] if years else ""
    return [f"{issuer} {y} No. {n}".strip() for n in dict.fromkeys(nums) if n < 1000]


def _headline_apart(text: str, title: str) -> str:
    """The text with its headline, when its first line repeats the title, set apart as a paragraph of its own:
    "消息称宁德时代宜春锂矿厂停产\n每日经济新闻9月11日消息，……" is a headline above a dateline, not one
    sentence."""
    head, sep, rest = text.lstrip().partition("\n")
    if title.strip() and head.strip() == title.strip() and sep and rest.strip() and not rest.startswith("\n"):
        return f"{head}\n\n{rest}"
    return text


def extract(doc: Document, today: date | None = None) -> list[Signal]:
    """Every signal of one document (none for a document that announces no measure). ``today``, the day of
    reading (default: the clock's), bounds the announcement of a document that gives neither a publication
    date nor any year (``_announced``)."""
    text = _headline_apart(_to_simplified.convert(doc.text), _to_simplified.convert(doc.title))
    if not text.strip():
        return []
    names = _issuers_of(text)
    issuer = "/".join(names) or foreign_issuer(_to_simplified.convert(doc.title), text)
    own_ref, _ = doc_reference(text[:600], issuer)
    today = today or date.today()
    announced = doc.published or _announced(text, today)
    if doc.published is not None:
        announced = _act_date(paragraph_sentences(text), doc.published) or announced
    elif announced is not None:
        # "【经济参考报 2013年8月28日】国土资源部27日发布消息": the report's own date read from the
        # text, the act dated below it
        announced = _act_date(paragraph_sentences(text), announced) or announced
    if doc.published is not None:
        announced = _issue_field(text[:ISSUE_FIELD_REACH], doc.published) or announced
        announced = _signature_date(text, doc.published) or announced
    anchor = date_anchor(doc.published, text)
    doc_elements, doc_ree = _elements(f"{_to_simplified.convert(doc.title)}\n{text}")
    found: dict[str, Signal] = {}
    named: dict[str, set[str]] = {}
    generic: dict[str, bool] = {}
    borrowed: set[str] = set()  # measures whose sentences name no element: their paragraph's or document's
    stand_in: dict[str, set[str]] = {}
    stand_in_ree: dict[str, bool] = {}  # the measure's paragraph speaks of rare earths in general
    at: dict[str, list[int]] = {}
    parts = paragraph_sentences(text)
    lead = _lead_measures(doc.title, parts)
    lead_last = [x for p, x in parts if p == lead.paragraph][-1:]
    # "These include: ¶ • … • …": the lead's list, items of its own act
    lead_reach = lead.paragraph + (1 if lead_last and LIST_OPENER.search(lead_last[0]) else 0)
    recent_act = doc.published is not None and _recent_act(parts, doc.published)
    open_ban = False  # a ban on named elements "and other" minerals, listed elsewhere
    price_report = _price_report(_to_simplified.convert(doc.title) or _heading(text)) or _price_data_opening(
        parts
    )
    exempting = TARIFF_EXEMPT.search(text.casefold()) is not None  # an exemption and a rate change: two acts
    report_genre = _report_genre(_to_simplified.convert(doc.title), parts)
    spans: dict[str, tuple[int, str]] = {}
    announcing: set[str] = set()  # slots stated at least once with a future, a decision, a start or a date
    law_in_force = LAW_IN_FORCE.search(text.casefold()) is not None  # a bill the text says is law
    undecided = _undecided_lead(_to_simplified.convert(doc.title), parts, law_in_force)
    turns: list[tuple[date, int, str]] = []  # (day, direction, sentence) of each dated halt or restart
    reporting = False  # "… said on Wednesday it would …": later sentences may go on in reported speech
    for i, (para, s) in enumerate(parts):
        low = _plain(s).casefold()
        said = reporting and CONTINUED_WOULD.match(s) is not None
        reporting = reporting or REPORTED_WOULD.search(s.casefold()) is not None
        speech = CONTINUED_WOULD.sub(lambda m: m.group(1) + "will", s, count=1) if said else s
        if (
            hedged(speech, law_in_force)
            or QUESTION.search(low)
            or reported_history(low)
            or _once(low)
            or claimed(low)
            or unaffected(low)
            or _standing_law(s, low)
            or _judged(s, low)
            or _price_cause(low)
            or (found and ACT_EFFECT.search(low) is not None)
            or (
                doc.published is not None
                and not dates_in(s, doc.published)
                and _months_back(low, doc.published) >= EARLIER_MONTHS
            )
        ):
            continue
        if undecided and not ((ACT_VERBS.search(low) and has_date(s)) or MEMBERS_CUT.search(low)):
            continue  # a story about a threat, an advice or a denial: its measures are that story's
        for measure in _measures_of(low):
            if price_report and not (OWN_MARKERS.search(low) and has_date(s)):
                continue  # a price report names measures the market watches, not ones it announces
            if measure == "quota" and (QUOTA_NOT_HELD.search(low) or QUOTA_USED.search(low)):
                continue  # "…没有稀土配额证", "完成全年配额量的103.01%": a quota lacked or used, none set
            if measure == "quota" and QUOTA_CONDITION.search(low) and not re.search(TONNES, low):
                continue  # "申请新设采矿权，应符合开采总量控制要求": a condition citing a quota sets none
            if measure in QUOTA_TERMS and "quota" in lead.measures and _names_the_quota(s, measure):
                continue  # "严格禁止超指标生产", "停产矿山不分配指标": the quota's terms, not another measure
            if lead.measures and measure not in lead.measures and DURING_MEASURE.search(low):
                continue  # "停产期间，将全面禁止堆浸工艺": what holds while the lead measure lasts, its terms
            if measure == "investment" and (
                report_genre or not _committed(low) or INVESTMENT_TERMS.search(low)
            ):
                continue  # results, research and forecasts report money, and a deferral commits none
            if _only_in_after_clause(low, measure):
                continue  # "…, a spokesperson said on Thursday after China announced export restrictions"
            if found and measure not in found and _renamed_act(low):
                continue  # "此项限产措施震惊市场" after a quota cut: the act read already, named again
            if (
                para > lead_reach
                and lead.measures
                and measure not in lead.measures
                and _background(s, low, measure, lead.measures)
            ):
                continue  # a measure the story mentions as context, not the document's own
            base = MEASURE_PHRASES[measure][1]
            if measure == "export_control" and IMPORT_RESTRICTION.search(low) and not EXPORT_WORD.search(low):
                # "对钢铁及铝产品的进口限制措施将于2018年3月23日开始执行": restricting imports is no export
                # control; in a tariff's text it is that tariff, and its start is the tariff's
                if "tariff" in found:
                    _dates(found["tariff"], s, s.casefold(), announced, anchor)
                continue
            if (
                measure == "export_licence"
                and _mentions(low, "export_control")
                and APPROVED_APPLICATIONS.search(low) is None
            ):
                continue  # "controls exports, requiring licences": the licence is how the control works
            direction = _direction(
                measure, _whole_sentence(parts, i, low) if measure == "quota" else low, base
            )
            slot = _tariff_act(low) if measure == "tariff" and exempting else measure
            if measure == "stockpiling" and STOCKPILE_LOWER.search(low):
                slot = "stockpiling-1"  # a reserve raising some targets and lowering others: two signals
            if measure == "quota" and direction == 0 and KEPT_UNCHANGED.search(low):
                slot = "quota-kept"  # "维持钨、钼…出口配额不变" beside a cut of tin's: a signal of its own
            els, ree = _clause_elements(s, measure)
            held = found.get(slot)
            if (
                measure == "tariff"
                and held is not None
                and (
                    (els and named[slot] and not els & named[slot])
                    or direction != held.direction != 0 != direction
                )
            ):
                # a duty on exports and one on imports, of other goods ("altered the export duty of chrome
                # ore to 30%" then "the import duties for nickel ore … would be removed") or the other way
                # ("zero import tax rate on … ferrochrome" then "Export tariffs on … ferrochrome … raised"):
                # two acts
                trade = _trade_side(low)
                if trade is not None and _trade_side(held.evidence.casefold()) not in (None, trade):
                    slot = f"{slot}~{trade}"
            if measure == "quota" and direction != 0:
                # "维持离子型稀土矿开采总量不变；…；锑矿开采总量控制指标适度调减": the elements whose
                # quota changed
                changed = _changed_elements(_whole_sentence(parts, i, low), UP if direction == -1 else DOWN)
                if changed[0] or changed[1]:
                    els, ree = changed
            open_ban = open_ban or (measure == "ban" and OPEN_LIST.search(low) is not None)
            if not els and i + 1 < len(parts) and _continues(s, parts[i + 1][1]):
                # "… a rare earths refinery. The refinery will produce Pr, Nd …"
                following, following_ree = _elements(parts[i + 1][1])
                # "… new funding for the Saskatoon facility. The new funding will allow … to produce rare
                # earth metals": rare earths at large too, when the measure's sentence names nothing
                els, ree = following, ree or (following_ree and not following)
            if measure == "investment" and not els and not ree:
                # "… will invest up to $250 million to finance a Lynas expansion project": what the text
                # says the financed company produces elsewhere
                els, ree = _invested_elements(s, parts, i)
            at.setdefault(measure, []).append(i)
            if _on_other_goods(low):
                continue  # "停止一些其他金属的出口": the measure is on metals the text does not name
            if not els and not ree and measure != "suspension":
                stand_in.setdefault(slot, set()).update(
                    e for p, x in parts if p == para and not hedged(x) for e in _elements(x)[0]
                )
                stand_in_ree[slot] = stand_in_ree.get(slot, False) or any(
                    _elements(x)[1] for p, x in parts if p == para and not hedged(x)
                )
                if not (doc_elements or doc_ree) or (
                    measure in ("investment", "tariff") and not doc_elements
                ):
                    continue  # money or duties on "rare earths" at large name no element: only a named one
                # the document's elements stand in only if no sentence of this measure names any
                els, ree, fallback = set(), False, True
            else:
                fallback = False
            if (
                measure == "quota"
                and direction == 0
                and i + 1 < len(parts)
                and _continues(s, parts[i + 1][1])
            ):
                # "…总量控制指标为140000吨。上述指标均含…第一批指标": the next sentence says how it changed
                direction = _direction(measure, f"{low} {_plain(parts[i + 1][1]).casefold()}", base)
            sig = found.get(slot)
            if sig is not None and para > lead_reach and _earlier_act_elsewhere(low, els, named[slot]):
                # "Beijing has also introduced export licenses on … gallium and germanium" in a report on
                # graphite permits: an earlier act of the same kind on other elements, not this one's
                break
            if sig is None:
                segment = _segment(low, measure)
                sig = Signal(doc.name, announced, None, issuer, own_ref, [], segment, measure, direction, s)
                found[slot] = sig
                named[slot], generic[slot] = set(), False
                borrowed.add(slot)
            elif sig.direction == 0 and direction != 0:
                sig.direction, sig.evidence = direction, s
            named[slot] |= els
            generic[slot] |= ree
            if measure == "production_cut" and direction != 0:
                turns.extend((d, direction, s) for _, d in dates_in(s, announced, anchor))
            if OWN_MARKERS.search(low) or has_date(s):
                announcing.add(slot)
            if not fallback:
                borrowed.discard(slot)
            _dates(sig, s, s.casefold(), announced, anchor)
            if doc.published is not None and sig.announced == announced and not recent_act:
                sig.announced = _dated_act(s, doc.published) or sig.announced
            if doc.published is not None and sig.evidence == s and sig.announced != doc.published:
                sig.announced = _spoken_on(s, doc.published) or sig.announced
            if doc.published is not None and sig.evidence == s and sig.announced == doc.published:
                sig.announced = _acted_on(s, low, measure, doc.published) or sig.announced
            span = _duration_months(s)
            if span is not None and measure in ("ban", "suspension", "production_cut", "export_control"):
                spans.setdefault(measure, span)
            if measure == "suspension":
                year = own_ref.split(" ")[-3] if own_ref else None
                refs = [r for r in _suspended_refs(s, year, issuer) if r != own_ref]
                sig.suspends = list(dict.fromkeys([*sig.suspends, *refs]))
            if _replacing(low, measure) is None:
                break  # one measure per sentence: the first, most specific, in MEASURE_PHRASES order
    cut = found.get("production_cut")
    if cut is not None and len({t[1] for t in turns}) == 2:
        # "Operations were temporarily halted on March 13 … Alphamin resumed processing stockpiled ore on
        # April 15": of a halt and a restart the text dates, the later is where production stands
        _, cut.direction, cut.evidence = max(turns, key=lambda t: t[0])
        if cut.direction == -1 and cut.effective is not None and cut.effective < max(turns)[0]:
            cut.effective = None  # the halt's start is not the restart's
        if cut.effective is None:
            _dates(cut, cut.evidence, cut.evidence.casefold(), announced, anchor)
    for slot, sig in found.items():
        if slot == "suspension" and not named[slot] and not generic[slot]:
            named[slot] = _suspended_elements(parts, sig, at[slot])
        elif slot in borrowed and stand_in.get(slot):
            named[slot] = stand_in[slot]
        elif slot in borrowed and stand_in_ree.get(slot):
            # "$1.2 billion in conditional loans … will feed a U.S.-based rare earth separation and
            # metallization facility": the paragraph's rare earths, not the gallium and germanium the
            # document names elsewhere
            named[slot], generic[slot] = set(), True
        elif slot in borrowed:
            named[slot], generic[slot] = set(doc_elements), doc_ree
        if slot == "investment":
            product = _plant_product(parts, generic[slot], named[slot])
            if product:
                named[slot], generic[slot] = product, False
        for _, again in parts:
            if MEASURE_NAMED_AGAIN[sig.measure].search(again.casefold()) and not hedged(again):
                # "The core objective of this funding notice is to bolster … rare earth elements … such as
                # gallium and germanium": a sentence about the measure by name says what it is for
                more, more_ree = _elements(again)
                named[slot] |= more
                generic[slot] |= more_ree
        sig.elements = _element_set(named[slot], generic[slot])
    if "tariff" in found and _search("tariff_rate_quota", text.casefold()):
        # "The safeguard introduces country-specific tariff-rate quotas … imports within the quota enter the
        # EU duty-free": the quota is the volume a duty starts above, one act with the duty
        found.pop("quota", None)
        found.pop("quota-kept", None)
    kept = found.pop("quota-kept", None)
    if kept is not None:
        quota = found.get("quota")
        if quota is None:
            found["quota"] = kept
        elif quota.direction == 0:
            # every quota of the document unchanged or stated plainly: one signal
            quota.elements = sorted(set(quota.elements) | set(kept.elements))
        else:
            found["quota-kept"] = kept
    restart, money = found.get("production_cut"), found.get("investment")
    if restart and money and restart.direction == -1 and not MONEY.search(money.evidence.casefold()):
        # "原停产的22万吨产能已陆续启动 … 90万吨产能将于4月底全部投产": capacity started again in a text
        # about a restart is the restart, not money laid out
        del found["investment"]
    signals = list(found.values())
    licence, control = found.get("export_licence"), found.get("export_control")
    if licence and control and licence.direction == -1 and control.direction == 1:
        in_force = (
            control.effective is not None
            and control.announced is not None
            and control.effective < control.announced
        )
        if "export_control" not in announcing or in_force:
            # "中方依法对中重稀土相关物项实施出口管制…。…已依法批准一定数量的合规申请": licences approved
            # under a control the text only names: one act, the approvals (a control announced beside
            # them, with a future, a decision, a start or a date, stays a signal of its own, unless that start
            # is before the text's day: "并于2023年12月1日起正式实施" in a statement of 18 January, a control
            # in force, whose licences are the news)
            signals.remove(control)
    elif licence and control and licence.direction == control.direction:
        # a licence requirement is how the export control works: one signal, not two
        control.elements = sorted(set(control.elements) | set(licence.elements))
        signals.remove(licence)
    ban = found.get("ban")
    if ban and control and control in signals and ban.direction == control.direction == 1:
        same_act = (
            ("ban" in borrowed or open_ban)
            and set(ban.elements) <= set(control.elements)
            and ban.effective == control.effective  # a control dated otherwise is another act
        )
        if same_act:
            # a ban that names no element of its own ("决定加强两用物项对日本出口管制。禁止所有两用物项
            # ……出口") or only some of an open list ("禁止锂和其他关键矿产原矿出口") and the control that
            # lists them: one act, the ban
            ban.elements = sorted(set(ban.elements) | set(control.elements))
            signals.remove(control)
    if any(x.measure == "suspension" and (x.elements or x.suspends) for x in signals):
        # a suspending notice restates what it suspends: the suspended measures are not new signals (a
        # suspension of nothing the reader can name, "China's suspension of imports of Japanese fishery
        # products" beside the document's own grant, is dropped below and withholds nothing)
        signals = [x for x in signals if x.measure in ("suspension", "quota", "stockpiling")]
    for sig in signals:
        if (
            doc.published is not None
            and sig.announced == doc.published
            and not dates_in(sig.evidence, doc.published)
        ):
            # "…正筹资5亿多美元以扩充产能… ¶ 莱纳斯28日表示，将增资…": the sentence read dates nothing, and a
            # statement of the same measure in the next paragraph gives the day it was made
            sig.announced = next(
                (
                    d
                    for j in at.get(sig.measure, [])
                    if parts[j][0] <= lead_reach + 1
                    and (d := _spoken_on(parts[j][1], doc.published)) is not None
                ),
                sig.announced,
            )
        if sig.measure == "export_licence" and sig.direction == -1:
            # licences granted take effect as they are granted: a start elsewhere in the text
            # ("并于2023年12月1日起正式实施") is the start of the control they are granted under
            continue
        if sig.effective is None:
            sig.effective = _effective_anywhere(text, announced, anchor)
        if sig.effective is None:
            sig.effective = _month_start(text, announced, anchor, sig.evidence)
        if sig.effective is None:
            sig.effective = _year_start([parts[j][1] for j in at.get(sig.measure, [])], sig.announced)
        if sig.effective is None:
            period = next((x for _, x in parts if EFFECTIVE_PERIOD.search(x.casefold())), "")
            sig.effective = _yearless_month_start(period, announced) if period else None
        if sig.effective is None and any(IMMEDIATE.search(parts[j][1]) for j in at.get(sig.measure, [])):
            sig.effective = sig.announced  # "将立即停止镍矿出口", when the text gives no start at all
        start = sig.effective or sig.announced
        if sig.until is None and sig.measure in spans and start is not None:
            sig.until = _plus(start, spans[sig.measure])  # "suspend exports for four months"
    if doc.published is not None:
        # "The rules came into force on August 1" in a review of the year published the next January: a
        # measure in force a season before the text that tells of it is history, not news
        signals = [
            x for x in signals if x.effective is None or (doc.published - x.effective).days <= STALE_DAYS
        ]
    read = [x for x in signals if x.elements or x.suspends]
    if doc.published is None and read and _year_from_reading(text, today):
        for x in read:
            x.year_assumed = x.announced is not None or x.effective is not None
    return read


LIST_OPENER = re.compile(r"[:：]\s*$")
"""A lead paragraph that ends on a colon ("These include:", 具体包括：) opens a list of its own acts: the next
paragraph's items are the lead's, not background."""
QUESTION = re.compile(r"请问|[?？]\s*$")
"""A question (a journalist's "请问发言人，……是否有公司拿到了出口许可证明？", "Will China ban exports?") asks,
it announces nothing; the answer states what was done."""
MONEY = re.compile(
    r"[$€£]|\d\s*(?:亿|万)?\s*(?:元|美元|欧元)|\b(?:million|billion|bn|yuan|dollars?|euros?|yen)\b"
)
"""An amount of money in a sentence (25亿元, "$140 million")."""


DURING_MEASURE = re.compile(
    r"(?:停产|减产|限产|暂停|停止|禁令|禁运|管制|关闭)期间"
    r"|\bduring\s+(?:the\s+|this\s+|its\s+)?(?:\w+\s+)?(?:halt|suspension|shutdown|closure|ban|moratorium|"
    r"stoppage|embargo)\b"
)
"""A sentence set in the period of the document's own measure (停产期间，我市将全面禁止堆浸工艺…, "during
the moratorium, miners must clear their stockpiles") states that measure's terms, not another measure."""


OPEN_LIST = re.compile(
    r"(?:和|及|以及|与)?其他\S{0,6}(?:关键)?(?:矿产|矿物|金属|原材料)|\band\s+other\s+(?:\S+\s+){0,2}?(?:minerals|metals|materials)\b"
)
"""An open list of what a measure covers ("锂和其他关键矿产", "lithium and other critical minerals"): the
rest is named where the act is restated."""
QUOTA_NOUN = re.compile(r"指标|配额|\bquotas?\b|\ballot(?:ment|ted)s?\b|\ballocat\w+")
QUOTA_CONDITION = re.compile(
    r"(?:符合|纳入|不突破|遵守|按照|依照)\S{0,12}?(?:总量控制|指标|配额)"
    r"|\b(?:compl(?:y|ies|ying)|in\s+line|in\s+accordance)\s+with\s+(?:\S+\s+){0,4}?(?:quotas?|caps?)\b"
)
"""A quota cited as a condition to meet ("申请新设稀土矿和钨矿采矿权，应符合开采总量控制…要求", "must
comply with the mining quota"): the rule of another act, not a quota set; with a tonnage it is one."""
QUOTA_TERMS = frozenset({"ban", "production_cut"})
"""In a quota notice, a prohibition or a halt that names the quota ("严格禁止超指标、无指标生产", "mines that
have stopped production get no allotment") states the quota's terms: one act, the quota."""


QUOTA_NOT_HELD = re.compile(
    r"(?:没有|并无|未获得|未取得|未获|无)[^，,。；;]{0,8}?配额(?:证|指标)?|\b(?:has|have|had|hold|holds|held)\s+no\s+"
    r"(?:\S+\s+){0,3}?quotas?\b|\bwithout\s+(?:an?\s+|any\s+)?(?:\S+\s+){0,2}?quotas?\b"
)
"""A firm said to hold no quota ("进入淘汰名单的企业基本上没有稀土矿产资源，而且没有稀土配额证",
"smelters that hold no quota"): what the firm lacks, no quota set or changed."""
QUOTA_USED = re.compile(
    r"完成\S{0,6}配额|配额(?:使用|完成|执行)|配额\S{0,2}使用不完"
    r"|\bquotas?\s+(?:utili[sz]ation|usage|fill rate)\b"
    r"|\b(?:used|filled|utili[sz]ed|exhausted)\s+(?:up\s+)?(?:\S+\s+){0,3}?(?:of\s+)?(?:its|their|the)\s+"
    r"(?:\S+\s+){0,2}?quotas?\b"
)
"""How much of a quota was used ("完成全年配额量的103.01%", "配额使用不完", "had used 90 percent of its export
quota"): a statistic of a quota in force, none set or changed."""


def _names_the_quota(s: str, measure: str) -> bool:
    """Whether the clause of the sentence that states a prohibition or a halt names the quota (its terms); a
    clause of its own beside the quota ("a ban on the mining of rare earth resources … without a permit, and
    the enforcement of a production quota") is another act. A measure spread over clauses: the whole
    sentence."""
    for clause in _clauses(s):
        low = _plain(clause).casefold()
        if measure in _measures_of(low):
            return QUOTA_NOUN.search(low) is not None
    return QUOTA_NOUN.search(_plain(s).casefold()) is not None


INVESTED_NAME = re.compile(
    r"\b(?:financ\w*|fund(?:s|ed|ing)?|invest\w*\s+in|loans?\s+to|stakes?\s+in|back(?:s|ed|ing)?)\s+"
    r"(?:(?:a|an|the|its)\s+)?((?:[A-Z][\w&'-]+\s+){0,2}?[A-Z][\w&'-]+)"
)
"""The named company or project that money goes to ("to finance a Lynas expansion project", "a stake in
Trilogy Metals")."""


def _invested_elements(s: str, parts: list[tuple[int, str]], i: int) -> tuple[set[str], bool]:
    """Elements of an investment whose sentence names none: those of the first other sentence, not hedged,
    that names the company or project the money goes to with elements ("… a rare earth procurement deal with
    Australian miner Lynas Corp" for "to finance a Lynas expansion project")."""
    for m in INVESTED_NAME.finditer(s):
        name = m.group(1).split()[0]
        if name.casefold() in NOT_A_NAME or len(name) < 3:
            continue
        word = re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])")
        for j, (_, x) in enumerate(parts):
            if j != i and word.search(x) and not hedged(x):
                els, ree = _elements(x)
                if els or ree:
                    return els, ree
    return set(), False


PLANT_PRODUCT = re.compile(
    r"\b(?:plant|facility|refinery|project|smelter)\s+(?:will|would|is\s+to|is\s+designed\s+to)\s+"
    r"(?:\w+\s+)?produce\b|(?:工厂|项目|设施|生产线)\S{0,4}将\S{0,2}生产"
)
"""A sentence saying what the financed plant will make ("The planned demonstration plant will produce
commercial-grade neodymium/praseodymium oxide")."""


_MEASURE_NOUNS = {
    "ban": r"ban|prohibition|embargo|禁令|禁止令",
    "suspension": r"suspension|暂停令",
    "export_licence": r"licen[cs]ing\s+(?:rule|regime|requirement)s?|许可证制度",
    "export_control": r"export\s+controls?|controls|出口管制(?:措施)?|管制措施",
    "quota": r"quotas?|配额|指标",
    "stockpiling": r"stockpil\w+|reserve\s+(?:plan|programme|program)|收储|储备计划",
    "production_cut": r"halt|shutdown|closure|suspension|curtailment|cut|停产|减产|限产",
    "tariff": r"tariffs?|dut(?:y|ies)|关税",
    "investment": r"(?:funding|financing)(?:\s+(?:notice|programme|program|round|package))?"
    r"|investment|grant|loan|投资|资助|贷款",
}
MEASURE_NAMED_AGAIN = {
    measure: re.compile(
        r"(?:\b(?:this|these|the\s+new)\s+(?:" + nouns + r")\b|(?:该|此|此次|本次|上述)(?:" + nouns + "))"
    )
    for measure, nouns in _MEASURE_NOUNS.items()
}
"""The document's measure named again by its noun with a demonstrative ("this funding notice", "these
controls", 该禁令, 此次配额): what that sentence names is what the measure is on."""


def _plant_product(parts: list[tuple[int, str]], generic: bool, named: set[str]) -> set[str]:
    """Rare earths an investment in rare earths at large is for, when another sentence names what its plant
    will produce: "$21.9 million … for a rare earth separation … demonstration plant" and "The planned
    demonstration plant will produce … neodymium/praseodymium oxide" are Nd and Pr, not all seventeen."""
    if not generic or named:
        return set()
    for _, x in parts:
        if hedged(x) or not PLANT_PRODUCT.search(_plain(x).casefold()):
            continue
        els, _ = _elements(x)
        if els and els <= set(REE):
            return els
    return set()


IMPORT_RESTRICTION = re.compile(
    r"进口限制|限制进口|\bimport\s+(?:restrictions?|curbs?|controls?)\b|\brestrict\w*\s+imports?\b"
)
ACT_EFFECT = re.compile(THE_MOVE_WILL)
"""What the act already read will do, told of it ("声明还称,此举将限制俄罗斯的铝生产能力", "the move will curb
output"): its effect, not another act."""
EXPORT_WORD = re.compile(r"出口|\bexport")
"""A restriction on imports, not exports: no export control."""
IMPORT_WORD = re.compile(r"进口|\bimport")


def _trade_side(low: str) -> str | None:
    """Whether a sentence speaks of exports or of imports (None: of both or neither)."""
    exports, imports = EXPORT_WORD.search(low) is not None, IMPORT_WORD.search(low) is not None
    return None if exports == imports else "export" if exports else "import"


def _acted_on(s: str, low: str, measure: str, published: date) -> date | None:
    """The day an actor's clause opens on when that clause states the measure, days before the report and
    within ``ACT_REACH_DAYS`` ("美国总统川普十五日扩大进口钢铝百分之五十关税的征收范围" in a report of the
    20th: the 15th); not a start ("自…起", "于…生效") nor a day the actor spoke on (``_spoken_on``)."""
    for pos, d in dates_in(s, published):
        if not 0 < (published - d).days <= ACT_REACH_DAYS or pos == 0:
            continue
        clause = _clause_at(low, pos)
        day = DAY_OPENING.match(clause)
        if day is None or re.match(r"\s*(?:起|至|到|前|后|以来)", clause[day.end() :]):
            continue
        if START_BEFORE.search(low[:pos]) or not re.match(r"[\u4e00-\u9fff]", low[pos - 1]):
            continue  # a start or a time given, or a day that opens no actor's clause
        rest = clause[day.end() :]
        if measure in _measures_of(rest) and not EFFECTIVE_CUES_AFTER.match(rest):
            return d
    return None


DAY_OPENING = re.compile(rf"[\d\s年月]*(?:{ZH_DAY_NUMERAL})?日")
START_BEFORE = re.compile(r"(?:自|从|于|在|至|到)\s*$")
EFFECTIVE_CUES_AFTER = re.compile(r"\s*(?:起|生效|实施|施行|开始)")


def _clause_at(low: str, pos: int) -> str:
    """The rest of the clause from ``pos`` on (up to the next comma, semicolon or full stop)."""
    end = re.search(r"[，,；;。]", low[pos:])
    return low[pos : pos + end.start()] if end else low[pos:]


UNTIL_BEFORE = re.compile(r"(?:\buntil|\btill|\bthrough|\bup\s+to|\bto\s+the\s+end\s+of)\s*$")
"""Words right before a date that make it the day a measure ends ("until Dec. 31, 2025"), never its start."""


def _dates(sig: Signal, s: str, low: str, announced: date | None, anchor: str = "published") -> None:
    if sig.effective is None:
        sig.effective = _published_here(s, low, announced, anchor)
    found = dates_in(s, announced, anchor)
    for pos, d in found:
        before = low[max(0, pos - 25) : pos]
        after = low[pos : pos + 40]
        if sig.measure == "suspension" and (_has(before, UNTIL_CUES) or "止" in after[:15]):
            sig.until = d
        elif UNTIL_BEFORE.search(before):
            # "a ban on the export of … blanks and ingots until Dec. 31, 2025": the day it ends, not its start
            sig.until = sig.until or d
        elif (
            sig.effective is None
            and sig.measure == "investment"
            and ON_DAY_BEFORE.search(before) is not None
            and PRODUCTION_BEGUN.search(low[pos : pos + 250]) is not None
        ):
            sig.effective = d
            if (
                announced is not None
                and sig.announced == announced
                and 0 < (announced - d).days <= ACT_REACH_DAYS
            ):
                sig.announced = d  # the plant's first day is the act the report, days later, tells of
        elif (
            sig.effective is None
            and (
                _has(before, EFFECTIVE_CUES)
                or _has(after, EFFECTIVE_CUES)
                or _from_date(before, after)
                or _ordered_on(before, after)
                or (before.rstrip().endswith("于") and RESTARTED_ON.match(after) is not None)
                or (
                    sig.measure == "investment"
                    and before.rstrip().endswith("于")
                    and STARTED_ON.match(after) is not None
                )
                or (before.rstrip().endswith("将于") and sig.measure in _measures_of(_clause_at(low, pos)))
                or RESUMED_ON.search(low[max(0, pos - 80) : pos]) is not None
                or ON_OR_AFTER.search(low[max(0, pos - 80) : pos]) is not None
                or (
                    sig.measure == "ban"
                    and sig.direction == 1
                    and PROHIBITED_AFTER.search(before) is not None
                )
            )
            and (d != announced or FORWARD_CUE.search(before) is not None or _ordered_on(before, after))
            and not _reference_date(low, pos)
        ):
            sig.effective = d
    if sig.effective is None and found and SAME_DAY_START.search(low):
        # "西藏矿业6月30日晚发布公告称，…项目于当日开始试生产": the day the sentence names is the start
        sig.effective = found[0][1]


ON_DAY_BEFORE = re.compile(r"\bon\s+(?:the\s+(?:morning|afternoon|evening|night)\s+of\s+)?$")
PRODUCTION_BEGUN = re.compile(
    r"^[^.;]*?\b(?:successfully\s+)?(?:commenc|began|begun|started)\w*\s+(?:commercial\s+|trial\s+)?"
    r"(?:production|operations)\b"
)
"""The day a plant began producing, in English ("On the morning of Sep 28, the … project … successfully
commenced production"): an investment's start, as ``STARTED_ON`` reads 于3月1日正式投产."""


SAME_DAY_START = re.compile(r"(?:于|从)?(?:当日|当天)(?:起|开始|正式|即)|(?:于|从)(?:当日|当天)")
"""A start put on the day the sentence has just named (于当日开始试生产, 当天起生效)."""


IMMEDIATE = re.compile(r"立即(?:起|开始)?(?:停止|禁止|暂停|停产|关停|实施|施行|执行|生效|实行)")
"""A measure said to act at once (将立即停止镍矿出口, 立即暂停): in force from the day it is announced, as
即日起 is, when the text gives no start of its own (责令立即停产 beside 自8月1日起 keeps 1 August)."""

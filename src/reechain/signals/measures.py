"""Measures stated in a sentence: the phrases and patterns of every measure, the cues that combine a control
verb with its object, the words that lift or replace a measure, the clauses a measure names its elements in,
and the segment of the supply chain.
"""

from __future__ import annotations

import functools
import re

from reechain.signals.elements import _elements
from reechain.signals.text import _has, _search, memo
from reechain.signals.vocabulary import lexicon

MEASURES = (
    "export_control",
    "export_licence",
    "quota",
    "ban",
    "suspension",
    "stockpiling",
    "production_cut",
    "tariff",
    "investment",
)
SEGMENTS = ("mining", "separation", "metal", "magnet", "technology", "trade")

# measure: (phrases, direction when stated plainly)
MEASURE_PHRASES: dict[str, tuple[tuple[str, ...], int]] = {
    "suspension": (("暂停实施", "暂停执行", "暂停适用", "suspend", "suspension", "suspended", "pause"), -1),
    "ban": (
        (
            "禁止出口",
            "原则上不予许可",
            "不予许可",
            "禁止",
            "export ban",
            "ban on",
            "ban the export",
            "ban exports",
            "banned",
            "banning",
            "bans ",
            "prohibit",
        ),
        1,
    ),
    "export_licence": (
        ("出口许可", "许可证", "通用许可", "export licen", "licence", "license", "licensing"),
        1,
    ),
    "export_control": (
        (
            "出口管制",
            "实施管制",
            "管制措施",
            "export control",
            "controls on",
            "control on the export",
            "control exports",
            "control the export",
            "restrict export",
            "export restriction",
        ),
        1,
    ),
    "quota": (("配额", "总量控制指标", "控制指标", "quota", "total quantity control"), 0),
    "stockpiling": (
        ("收储", "国家储备", "战略储备", "矿产储备", "储备计划", "stockpil", "strategic reserve"),
        1,
    ),
    "production_cut": (
        (
            "减产",
            "停产",
            "限产",
            "关停",
            "production cut",
            "cut production",
            "halt production",
            "halted production",
            "halts production",
            "to a halt",
            "production has stopped",
            "production stopped",
            "mining stopped",
            "shut down",
            "closure of",
        ),
        1,
    ),
    "tariff": (("关税", "tariff", "import duty", "export duty"), 1),
    "investment": (
        (
            "投资",
            "投产",
            "新建",
            "扩产",
            "investment",
            "invest ",
            "loan",
            "补助金",
            "拨款",
            "new plant",
            "expansion",
            "commissioned",
            "starts production",
            "began production",
        ),
        -1,
    ),
}
MEASURE_PATTERNS: dict[str, re.Pattern[str]] = {
    "stockpiling": re.compile(
        r"\bofftake\s+(?:arrangements?|agreements?|contracts?|deals?)\b[^.;]{0,60}?\bgovernment\b"
        r"|\bgovernment\b[^.;]{0,60}?\bofftake\s+(?:arrangements?|agreements?|contracts?|deals?)\b"
        r"|政府[^，,。；;]{0,20}(?:包销|承购)协议|(?:包销|承购)协议[^，,。；;]{0,20}政府"
    ),
    "investment": re.compile(
        r"\b(?:build|construct|expand)\w*\s+(?:[\w-]+\s+){0,6}?"
        r"(?:plant|facility|factory|refinery|smelter|separation line|capacity|capabilit(?:y|ie))s?\b"
        r"|\b(?:awarded|granted|provided|receiv\w*|secur(?:e|es|ed|ing)|obtain\w*|raised)\b[^.;]{0,40}?"
        r"(?:[$€£]|\bus\$|\ba\$)\s?\d"
        r"|\b(?:backing|financing|funding)\s+(?:of|worth|to\s+the\s+tune\s+of)\s+(?:[$€£]|\bus\$|\ba\$)\s?\d"
        r"|\b(?:will|to)\s+spend\s+(?:about\s+|some\s+|up\s+to\s+)?(?:[$€£]|\bus\$|\ba\$)?\s?\d[\d.,]*\s*"
        r"(?:b\.|bn|billion|m|million|trillion)?\s*(?:yen|yuan|euros?|reais|won|rupees?|dollars?)?\s+to\s+"
        r"(?:support|fund|finance|develop|build|strengthen)\b"
        r"|(?:共同|联合)(?:勘探|开发|开采)[^，,。；;]{0,24}?(?:达成(?:了)?协议|签署\S{0,4}协议|的方针)"
        r"|\b(?:agreed|agreement|signed|deal)\b[^.;]{0,40}?\bjointly\s+(?:develop|explore|mine)\w*\b"
        r"|(?:共同|联合|合资)(?:开发|建设|兴建|建造)[^，,。；;]{0,12}?"
        r"(?:精炼|冶炼|分离|加工|生产)(?:设施|厂|工厂|基地|产线|生产线)"
    ),
}
"""Measures stated by a construction rather than a fixed phrase: a government's offtake ("Entering offtake
arrangements between the Government of Canada and … for graphite and scandium", 政府…包销协议) is stockpiling,
the state buying the output; building a plant ("to design and build a
plant", "to construct a separation facility"; in Chinese a plant built jointly, a venture's act:
将在沙国共同开发稀土精炼设施, 合资建设分离厂; not 计划为建设稀土加工设施提供资金, a plan), money
awarded, received or secured ("awarded MP Materials $35 million", "has secured $18.4 million in funding"),
backing of a stated amount ("received federal government backing to the tune of $140 million") and money a
government will spend on a stated purpose, in any currency ("will spend 39 billion yen to support efforts to
diversify sources of rare earth supplies") are investment. Chinese grants and appropriations (补助金, 拨款)
are among the phrases."""
LIFT = (
    "取消",
    "解除",
    "放宽",
    "豁免",
    "lift",
    "lifted",
    "remove",
    "removed",
    "eased",
    "exempt",
    "revoke",
    "scrap",
    "abolish",
    "废止",
    "推翻",
    "废除",
    "overturn",
    "repeal",
    "no longer subject to",
)


SEGMENT_WORDS = {
    "technology": ("技术", "technolog"),
    "magnet": ("永磁", "磁材", "磁体", "magnet"),
    "metal": ("金属", "合金", "metal", "alloy"),
    "separation": ("冶炼分离", "分离", "冶炼", "separation", "smelting", "refin", "processing"),
    "mining": ("开采", "采矿", "矿山", "mining", "mine ", "mined", "ore"),
}


WEAK_PHRASES: dict[str, tuple[str, ...]] = {
    "export_licence": ("许可证", "licence", "license", "licensing"),
    "production_cut": ("closure of",),
    "stockpiling": ("stockpil",),
}
"""Phrases that state the measure only with the right object: a bare licence is an export licence only in a
sentence about trade and not qualified as another kind ("operating licence", 采矿许可证); a closure is a
production cut only of production (mines, plants, operations), not of a border crossing."""
TRADE_CONTEXT = re.compile(
    r"export|出口|shipp?|overseas|境外|dual-use|两用|customs|海关|foreign\s+buyers|end[- ]users?|最终用户"
    r"|licen[cs]\w*\s+(?:from\s+\S+\s+)?to\s+(?:import|purchase|buy|source)\b[^.;]{0,60}?\bfrom\b"
    r"|licen[cs]\w*\s+from\s+\S+\s+to\s+(?:import|purchase|buy|source)\b"
)
OTHER_LICENCE = re.compile(
    r"(?:operat\w*|mining|exploration|business|environmental|processing|production|manufactur\w*|"
    r"residue|radiation|plant|facility|factory)\s+(?:\S+\s+){0,1}$"
    r"|(?:经营|采矿|开采|勘查|探矿|生产|排污|安全生产|营业|辐射)\S{0,2}$"
)
"""A licence of another kind than for exports: an operating, mining or environmental licence ("Lynas's
operating licence", "采矿许可证")."""
OTHER_LICENCE_AFTER = re.compile(r"^\w*\s+to\s+(?:operate|mine|process|produce|run)\b")
PRODUCTION_CLOSURE = re.compile(
    r"closure\s+of\s+(?:\S+\s+){0,4}?(?:mines?|plants?|smelters?|refiner(?:y|ies)|factor(?:y|ies)|"
    r"operations|production|facilit(?:y|ies)|pits?|sites?)\b"
)


STOCKPILE_CONTEXT = re.compile(
    r"\b(?:national|strategic|defen[cs]e|government|state(?!\s+of\b)|federal|reserves?|buy\w*|bought|purchas\w*|"
    r"acqui\w*|procur\w*|build\w*|add\w*\s+to|replenish\w*|contract)\b"
)
"""A stockpile that is a state's or a buyer's (the National Defense Stockpile, "purchase … for the
stockpile"), not a market's inventory ("cobalt stockpiles in LME warehouses rose", "stockpiles remain around
Kuantan, the capital of the key bauxite producing state of Pahang": a state of a country is no state's)."""


COST_AFTER = r"(?!\s+(?:costs?|expenses?|spending)\b)"
"""What makes "cut production" cut a cost, not output ("plan to cut production costs")."""


def _phrase_stated(low: str, measure: str) -> bool:
    """Whether one of the measure's fixed phrases states it; a weak phrase (WEAK_PHRASES) only with its
    object."""
    weak = WEAK_PHRASES.get(measure, ())
    strong = tuple(p for p in MEASURE_PHRASES[measure][0] if p not in weak)
    if measure == "production_cut":
        if any(re.search(re.escape(p) + COST_AFTER, low) for p in strong if p in low):
            return True
    elif _has(low, strong):
        return True
    if measure == "export_licence" and TRADE_CONTEXT.search(low):
        return any(
            not OTHER_LICENCE.search(low[max(0, m.start() - 40) : m.start()])
            and not OTHER_LICENCE_AFTER.match(low[m.end() :])
            for m in re.finditer(r"许可证|licen[cs]\w*", low)
        )
    if measure == "production_cut":
        return PRODUCTION_CLOSURE.search(low) is not None or _search("rights_revoked", low)
    if measure == "tariff":
        return _search("tariff_rate_quota", low)
    if measure == "stockpiling":
        return "stockpil" in low and STOCKPILE_CONTEXT.search(low) is not None
    return False


INVESTMENT_TRADE = re.compile(
    r"\binvestment\s+(?:bank\w*|firms?|house|funds?|managers?|management|advis\w*|research|grade|notes?|"
    r"community|thesis|case|analysts?|strategists?|vehicles?|trusts?)\b"
    r"|投资(?:有限|控股|集团|股份|发展|管理|咨询|开发|责任)*(?:公司|集团)"
)
"""The trade of investing, not an investment made ("California-based investment banking group Roth Capital
Partners … issued an advisory note"), and a company named for it
("南丹县庆达惜缘矿业投资有限公司发生冒顶事故"): no money goes into supply."""
QUOTATION = re.compile(r"\bquotations?\b")
"""A price quotation, or a quoted remark, is no quota ("lithium quotations rose", "quotations are invented"),
though its word begins with the phrase."""


@functools.lru_cache(maxsize=32768)
def _mentions(low: str, measure: str) -> bool:
    """Whether a (case-folded) text states the measure: one of its phrases or its construction."""
    if measure == "quota":
        low = QUOTATION.sub("citation", low)
    if measure == "investment":
        low = INVESTMENT_TRADE.sub("financier", low)
    pattern = MEASURE_PATTERNS.get(measure)
    if _phrase_stated(low, measure) or (pattern is not None and pattern.search(low) is not None):
        return True
    return _turned(low, measure) is not None


def _turned(low: str, measure: str) -> int | None:
    """1 when the lexicon states the measure plainly in the text, -1 when it states it turned around
    ("resumed exports" for a ban), None when it does not name it."""
    entry = lexicon()["measures"].get(measure)
    if entry is None:
        return None
    for sign, key in ((-1, "loosen"), (1, "tighten")):
        rx = entry[key]
        if rx is not None and rx.search(low):
            return sign
    return None


CONTROL_VERBS: dict[str, re.Pattern[str]] = {
    "halt": re.compile(
        r"\bbans?\b|\b(?:halt|stop|suspen|freez|froz|(?<!\bin\s)(?<!\bthe\s)(?<!\ba\s)block(?!s?\s+(?:or|and|of)\b)|bann|"
        r"prohibit|forb[ia]d|embargo|cut(?:ting|s)?\s+off|cease|"
        r"shut|seal)\w*|停止|暂停|中止|禁止|叫停|切断|封锁|冻结"
    ),
    "restrict": re.compile(
        r"\b(?:restrict|limit(?!ed\s+(?:\S+\s+){0,5}?(?:capacit(?:y|ies)|suppl(?:y|ies)|resources|availability|"
        r"access|number|amounts?)\b)|curb|control|tighten|regulat(?!ors?\b|ory\b)|reduc|throttl|squeez)\w*"
        r"|限制|管制|管控|收紧|压减|削减"
    ),
    "loosen": re.compile(
        r"\b(?:resum|reopen|eas(?:e|ed|es|ing)\b|relax|restor)\w*|恢复(?!性)|放开|放宽|解禁|重启"
    ),
}
"""The verb classes of a measure: halting, restricting, loosening (a regulator or a regulatory approval is no
verb; nor is 恢复性, "recovering", of a figure: 进出口钨品恢复性增长)."""
CUE_OBJECTS: dict[str, re.Pattern[str]] = {
    "trade": re.compile(r"\b(?:exports?|imports?|shipments?|overseas\s+sales)\b|出口|进口|外销|发货"),
    "production": re.compile(
        r"\b(?:production|mining|output|extraction|smelting|operations)\b|生产|开采|采矿|产量|冶炼"
    ),
}
"""The object classes: trade across the border, production."""
CUE_MEASURES = {
    ("halt", "trade"): ("ban", 1),
    ("restrict", "trade"): ("export_control", 1),
    ("loosen", "trade"): ("ban", -1),
    ("halt", "production"): ("production_cut", 1),
    ("restrict", "production"): ("production_cut", 1),
    ("loosen", "production"): ("production_cut", -1),
}
CUE_REACH_WORDS = 6
"""How many words may stand between a verb and its object (in either order: "halted exports", "exports
were halted") in English; in Chinese, characters: twice as many."""
CUE_WINDOW_CHARS = 120
"""Objects are looked for this near a verb (beyond the reach in words of any realistic phrase), so that a long
clause costs time in proportion to its length."""
OTHER_NOUN = re.compile(
    r"\b(?!(?:volumes?|amounts?|levels?|shares?|numbers?|quantit\w+|value|flows?|all)\b)[a-z]{4,}\s+(?:on|from)\s"
    r"|(?:依赖|依存)"
    r"|\b(?:costs?|prices?|emissions|energy\s+use|water\s+use)\s+of\s"
)
"""Between a verb and a trade or production word, a noun that the verb acts on instead ("reduce its dependence
on imports", 减少对进口的依赖, "further reductions in the cost of production"); a quantity of the object
("curb the volume of exports") is no other noun."""
GERUND_AFTER = re.compile(r"\b(?:and|or|while|by|besides)\s+$")
"""A gerund coordinated after the object ("participating in new rare-earth mining operations … and reducing
the amount of rare earths in its products"): it starts a phrase of its own, whose object follows it."""
NEGATED = re.compile(r"(?:\bnot|\bno|n't|\bnever|未|不|没有|无)\s*\S{0,3}$")


def combined_cues(low: str) -> list[tuple[str, int]]:
    """Measures stated by a verb class and an object class in one clause, whatever the words ("the junta
    throttled shipments", "exports of the ore were curbed", "叫停稀土出口"): (measure, direction) for each
    pair near each other; a negated verb ("did not restrict exports") states nothing."""
    out: list[tuple[str, int]] = []
    for clause in re.split(r"[，,；;：:。（）()]", low):
        for verb_class, verb_rx in CONTROL_VERBS.items():
            for v in verb_rx.finditer(clause):
                if NEGATED.search(clause[max(0, v.start() - 8) : v.start()]):
                    continue
                window_start = max(0, v.start() - CUE_WINDOW_CHARS)
                window = clause[window_start : v.end() + CUE_WINDOW_CHARS]
                for object_class, object_rx in CUE_OBJECTS.items():
                    if CUE_MEASURES[verb_class, object_class] in out:
                        continue
                    for o in object_rx.finditer(window):
                        lo, hi = sorted((v.start(), window_start + o.start()))
                        between = clause[lo:hi]
                        if OTHER_NOUN.search(between):
                            continue  # "reduce its dependence on imports": the verb acts on another noun
                        if lo < v.start() and v.group().endswith("ing") and GERUND_AFTER.search(between):
                            continue  # "… new mining operations and reducing the amount of …": its own object
                        chinese = not between.isascii()
                        near = (
                            len(between) <= 2 * CUE_REACH_WORDS + 2
                            if chinese
                            else len(between.split()) <= CUE_REACH_WORDS + 1
                        )
                        if near:
                            out.append(CUE_MEASURES[verb_class, object_class])
                            break
    return out


SUSPENDED_MEASURE_REACH = 80
"""How far after "suspend"/"pause" its object is looked for."""


def _suspends_a_measure(low: str) -> bool:
    """Whether a suspension in the sentence suspends a measure (a ban, controls, an announcement …) rather
    than trade itself ("suspend an agreement on rare earth exports" halts exports: a ban). 暂停实施/执行/适用
    always suspend a measure."""
    if _has(low, ("暂停实施", "暂停执行", "暂停适用")):
        return True
    measure_object: re.Pattern[str] = lexicon()["measure_object"]
    production: re.Pattern[str] = lexicon()["production_object"]
    for m in re.finditer(r"suspen\w*|pause\w*", low):
        reach = low[m.end() : m.end() + SUSPENDED_MEASURE_REACH]
        if production.search(reach) or _production_subject(low[: m.start()]):
            continue  # "suspended production", "production … has been suspended": a production cut
        if NAMED_EFFECT.search(low[: m.start()]):
            continue  # "the impact of the partial suspension on its production guidance": named again
        if TRADE_SUBJECT.search(low[: m.start()]):
            continue  # "the exports of such rare earth metals … are completely suspended": a ban
        if m.group(0) in ("suspension", "suspensions") and not re.match(r"\s+(?:of|on)\b", reach):
            continue  # "The suspension, extended in June, …": the halt already named, no measure suspended
        if NOT_A_MEASURE_SUSPENDED.match(reach):
            continue  # "Suspends Dividend", "suspended talks": a payment or a meeting, no measure
        if ENERGY_SUSPENDED.match(reach):
            continue  # "suspension of the "North Stream No. 1" gas pipeline": energy, no measure
        if NEW_RIGHTS_PAUSED.match(reach):
            continue  # "suspended the acceptance of new … mining rights applications": a pause, a ban
        if measure_object.search(reach) or not _search("trade_object", reach):
            return True
    return False


NOT_A_MEASURE_SUSPENDED = re.compile(
    r"\s+(?:(?:its|the|their|a|an|all)\s+)?(?:\w+\s+)?(?:dividends?|payouts?|distributions?|buy-?backs?|"
    r"share\s+(?:trading|buybacks?)|trading|listing|talks|negotiations?|membership|flights?|guidance|"
    r"payments?)\b"
)
"""What a company or a government suspends that is no measure on supply: a dividend, share trading, talks."""
RESTART_LATER = (
    r"(?:重启|复产|恢复生产|恢复)\S{0,6}(?:时间|日期)\S{0,4}另行(?:通知|公布)[^，,。；;]*"
    r"|\b(?:and\s+)?(?:is|are)\s+(?:unlikely|not\s+expected)\s+to\s+(?:resume|restart)\b[^,;.]*"
    r"|\b(?:although|though|but)\s+(?:it|they)\s+(?:may|might|could)\s+(?:resume|restart)\b[^,;.]*"
)
"""A halted plant's restart left to a later notice or guessed at (重启生产时间将另行通知, "suspended
production … on October 25 and is unlikely to resume production before …", "although it may resume production
sooner"): no restart, and no hedge of the halt (context.TIMELINE_CLAUSE, direction._direction)."""
ENERGY_SUSPENDED = re.compile(
    r"\s+(?:of\s+)?(?:the\s+|its\s+|their\s+)?[^;,]{0,40}?\b(?:gas|pipelines?|power|electricity|energy)\s*"
    r"(?:supply|supplies|pipelines?|deliveries|flows?|plants?|stations?)?\b"
)
"""Energy whose supply is suspended ("suspension of the "North Stream No. 1" gas pipeline"): a cause of a
producer's act, not a measure on the metal suspended."""
NEW_RIGHTS_PAUSED = re.compile(
    r"\s+(?:the\s+)?(?:acceptance|accepting|processing|receipt|review|examination|registration|issuance|"
    r"issuing|granting|approvals?|approving|filing)\s+(?:of\s+|for\s+)?(?:all\s+|any\s+)?new\b"
)
"""Applications or grants of new rights paused ("suspended the acceptance of new rare earth mineral
prospecting right and mining rights applications", "suspended approvals of new smelting projects"): no measure
is suspended, new supply is barred (a ban, in the lexicon)."""
PASSIVE_ADVERBS = (
    r"(?:(?:already|now|also|temporarily|almost|nearly|all|both|fully|largely|mostly|"
    r"partially|partly)\s+){0,3}"
)
PASSIVE_SUBJECT = re.compile(
    r"\b(?:production|mining|operations|output|smelters?|refiner(?:y|ies)|mines?|plants?|furnaces?|potlines?|"
    r"factories)\b[^,;.]{0,100}?\b(?:has|have|had|was|were|is|are|will|would|remain|remains|remained)\s+"
    + PASSIVE_ADVERBS
    + r"(?:be\s+|been\s+)?"
    + PASSIVE_ADVERBS
    + r"$"
)


NAMED_EFFECT = re.compile(
    r"\b(?:impact|impacts|effect|effects|result|results|consequences?)\s+of\s+(?:the|this|that|its|their)\s+"
    r"(?:\w+\s+)?$"
)
"""A suspension named as what has an effect ("the impact of the partial suspension on its production
guidance"): the halt the text told already, no measure suspended."""
TRADE_SUBJECT = re.compile(
    r"\b(?:exports?|imports|shipments?)\b"
    r"(?!\s+(?:ban|bans|controls?|quotas?|dut(?:y|ies)|tariffs?|taxe?s?|licen\w*|restrictions?|rules?|curbs?|embargo))"
    r"[^,;]{0,120}?\b(?:has|have|had|was|were|is|are)\s+" + PASSIVE_ADVERBS + r"(?:been\s+)?(?:\w+ly\s+)?$"
)
"""Trade as the subject of a passive suspension ("the exports of such rare earth metals as molybdenum … are
completely suspended"): the trade halted, a ban, no measure suspended."""


def _production_subject(before: str) -> bool:
    """Whether a passive suspension has production or producers as its subject ("production in one of the
    three counties has already been suspended", "Operations at Mt Keith and Leinster … will also be
    suspended", "Antimony smelters in Guizhou are almost all suspended")."""
    return PASSIVE_SUBJECT.search(before) is not None


LIFT_REACH = 30
"""How far after a word that lifts or cancels its object is looked for (never past a comma or semicolon)."""


LIFT_WORD = r"(?<![a-z]){}"
"""An English lifting word starts a word: "ceased exports" halts them, it does not ease them ("eased")."""
LIFT_NOUN_AFTER = {
    "scrap": r"(?!\s+(?:and\b|or\b|metals?\b|steel\b|iron\b|copper\b|alumin|exports?\b|imports?\b|trade\b|"
    r"markets?\b|prices?\b|yards?\b|dealers?\b|collect|recycl|of\b|from\b|is\b|are\b|was\b|were\b)|[.,;])",
}
"""A lifting word that is also a noun ("scrap" metal: "the ban on the export of scrap and waste metals"): not
a lifting word where the noun's context follows it."""
LIFT_PATTERNS = tuple(re.compile(LIFT_WORD.format(re.escape(w)) + LIFT_NOUN_AFTER.get(w, "")) for w in LIFT)


def _lifting(low: str) -> bool:
    """Whether a (case-folded) sentence has a lifting word (``LIFT``), English ones as words, not in a
    condition (``CONDITIONAL_BEFORE``)."""
    return any(not _conditional(low, m.start()) for p in LIFT_PATTERNS for m in p.finditer(low))


@functools.lru_cache(maxsize=8192)
def _lifted(low: str) -> str | None:
    """The measure a (case-folded) sentence lifts or cancels ("取消稀土出口配额管理", "abolished export
    quotas"): the first measure named right after a lifting word; None when nothing is lifted."""
    found = [m for p in LIFT_PATTERNS for m in p.finditer(low)]
    lift: re.Pattern[str] = lexicon()["lift"]
    found += list(lift.finditer(low))
    ends = [m.end() for m in found if not _conditional(low, m.start())]
    for end in sorted(ends):
        reach = re.split(r"[，,;；、]", low[end : end + LIFT_REACH])[0]
        for measure in MEASURE_PHRASES:
            if measure != "suspension" and _mentions(reach, measure):
                return measure
    return None


CONDITIONAL_BEFORE = re.compile(
    r"(?:若|如果|倘若|一旦|假如|如若)\S{0,4}$|(?:才能|才可|方可|才会)$"
    r"|\b(?:if|were|unless|should)\s+(?:\S+\s+){0,2}$"
)
"""A lifting word in a condition ("若取消本案现行反倾销税，将导致…倾销继续", 库存必须要出口,之后禁令才能取消,
"if the duty were revoked, dumping would recur"): what would follow a lifting, in a review that keeps the
measure, lifts nothing."""


def _conditional(low: str, start: int) -> bool:
    """Whether the word at ``start`` stands in a condition (``CONDITIONAL_BEFORE`` just before it)."""
    return CONDITIONAL_BEFORE.search(low[max(0, start - 12) : start]) is not None


IMPOSE = re.compile(
    r"\b(?:impos|introduc|replac|adopt|establish|set\s+up)\w*\b|代之以|改为|改行|转为|实行|实施"
)
"""Verbs that bring in a new measure: "impose", "introduce", "replace … with", 改为, 实行."""
REPLACING_REACH = 60
RECALLED_IMPOSITION = re.compile(r"\b(?:it|they|which|that|had|was|were)\s+(?:\w+\s+)?$")
"""A relative clause or a past that recalls the lifted measure ("reversing part of the ban … it imposed in
January 2014 to push miners into building smelters") brings in nothing."""
"""How far after its verb the new measure is looked for."""


def _replacing(low: str, lifted: str) -> str | None:
    """The measure a sentence brings in where it lifts another ("will lift its ban on cobalt exports from Oct.
    16 and impose annual export quotas": the ban lifted, quotas imposed): a measure other than the lifted one
    named within reach after an imposing verb that follows the lifting word. None when the sentence does not
    lift ``lifted`` or brings in nothing (取消出口配额管理，企业凭合同申领出口许可证: the licence is only how
    exports go on)."""
    if _lifted(low) != lifted:
        return None
    lift_at = min(
        [m.start() for p in LIFT_PATTERNS for m in p.finditer(low)]
        + [m.start() for m in lexicon()["lift"].finditer(low)]
    )
    for verb in IMPOSE.finditer(low, lift_at):
        if RECALLED_IMPOSITION.search(low, max(0, verb.start() - 12), verb.start()):
            continue  # "the ban … it imposed in January 2014": the lifted measure recalled, nothing new
        reach = re.split(r"[;；。]", low[verb.end() : verb.end() + REPLACING_REACH])[0]
        for measure in MEASURE_PHRASES:
            if measure not in (lifted, "suspension") and _mentions(reach, measure):
                return measure
    return None


@memo(maxsize=8192)
def _measures_of(low: str) -> list[str]:
    """The measures a sentence states, most specific first (MEASURE_PHRASES order), a lifted one before all:
    "取消稀土出口配额管理，企业凭出口合同即可申领出口许可证" lifts the quota; the licence is how exports
    go on."""
    stated = [m for m in MEASURE_PHRASES if _mentions(low, m)]
    if "suspension" in stated and not _suspends_a_measure(low):
        stated.remove("suspension")  # "suspended electrolyzers": equipment, no measure suspended
    if not stated:  # no phrase or lexicon entry: a verb class with an object class
        stated = list(dict.fromkeys(m for m, _ in combined_cues(low)))
        if "suspension" in stated and not _suspends_a_measure(low):
            stated.remove("suspension")
    if "suspension" not in stated and exchange_halt(low):
        stated.append("suspension")  # "The London Metal Exchange has suspended nickel trading"
    if "quota" in stated and _search("tariff_rate_quota", low):
        # "加征25%关税，并取消…钢铝免税配额": the quota is the volume a duty starts above, the tariff's
        stated = list(dict.fromkeys("tariff" if m == "quota" else m for m in stated))
    if "ban" in stated and NOT_A_BAN.search(low):
        stated.remove("ban")  # "实施出口管制不是禁止出口": the sentence says what the measure is not
    lifted = _lifted(low)
    if lifted is not None and lifted in stated:
        new = _replacing(low, lifted)
        if new is not None:
            return [lifted, new]
    return sorted(stated, key=lambda m: m != lifted)


EXCHANGE_HALT = re.compile(
    r"\b(?:suspend|halt)(?:s|ed|ing)?\s+(?:(?:its|the|all)\s+)?(?:[\w-]+\s+){0,4}?(?:trading|dealings)\b"
    r"|\b(?:trading|dealings)\s+(?:\w+\s+){0,4}?(?:was|were|has\s+been|have\s+been|had\s+been)\s+"
    r"(?:suspended|halted)\b"
    r"|(?:暂停|停止|中止)了?[^，,。；;]{0,6}?交易|停盘"
)
EXCHANGE_VENUE = re.compile(
    r"\b(?:metals?|futures|commodit(?:y|ies))\s+exchange\b|\b(?:lme|shfe|comex|cme|nymex)\b"
    r"|金属交易所|期货交易所|期货|伦镍|伦铜|伦铝|伦锌|伦锡|沪镍|沪铜|沪铝|沪锌|沪锡"
)
SHARE_TRADING = re.compile(r"\bshares?\b|\bstocks?\b|\bequit(?:y|ies)\b|股票|股份|停牌|复牌|证券")


def exchange_halt(low: str) -> bool:
    """Whether a (case-folded) sentence tells of a metals or futures exchange halting trading in a metal ("The
    London Metal Exchange has suspended nickel trading", "伦敦金属交易所(lme)再度暂停了镍交易"): a
    suspension of the market, no measure on supply, neutral (``direction._direction``). A company's shares
    halted on a stock exchange are none."""
    return (
        EXCHANGE_HALT.search(low) is not None
        and EXCHANGE_VENUE.search(low) is not None
        and SHARE_TRADING.search(low) is None
    )


NOT_A_BAN = re.compile(
    r"(?:不是|并非|并不是|不等于|不意味着)\s*(?:全面)?(?:禁止|禁运)"
    r"|\b(?:is|was|does|did)\s+not\s+(?:mean\s+|amount\s+to\s+)?(?:an?\s+)?(?:\w+\s+)?(?:ban|embargo)\b"
    r"|\bnot\s+an?\s+(?:export\s+|outright\s+|blanket\s+)?(?:ban|embargo)\b"
    r"|(?:禁止|不准|不许|限制)[^，,。；;]{0,10}?(?:人员|技术人员|工程师|专家|员工|技术骨干)(?:出国|出境|赴)"
    r"|\b(?:bans?|bann\w*|bar(?:s|red|ring)?|prohibit\w*|restrict\w*)\s+(?:\S+\s+){0,4}?"
    r"(?:technicians|engineers|experts|staff|employees|workers)\s+(?:from\s+)?(?:travel\w*|going|leaving)\b"
)
"""A sentence that says a measure is not a ban ("中国对石墨物项实施出口管制不是禁止出口", "the controls are
not an export ban"): the ban it names is denied, the other measures it states stand. Nor is a bar on
people travelling abroad ("禁止多数炼厂技术人员出国", "barred its engineers from travelling abroad") a ban
on goods."""


LIST_NOUNS = frozenset(
    [
        "rare",
        "earth",
        "earths",
        "metal",
        "metals",
        "oxide",
        "oxides",
        "ore",
        "ores",
        "concentrate",
        "concentrates",
        "products",
        "powder",
        "alloys",
    ]
)
LIST_END_HEAD = re.compile(r"[,，;；]|\s+(?:in|to|for|from|at|on|by|as|with|will|was|were|is|are|and)\s+")


def _clauses(sentence: str) -> list[str]:
    """The clauses of a sentence, split at ';' and ', and' — except where ', and' closes a list of names
    ("an export tax on tungsten, rare earth, and molybdenum"): a piece that opens with an element's name
    and the nouns of a product (three words at most before its next comma or preposition: "rare earth",
    "molybdenum oxide") goes on the clause before it; ", and nickel prices rose" is a clause of its own."""
    out: list[str] = []
    for piece in re.split(r"([；;]|,\s+and\s+)", sentence):
        if not out:
            out.append(piece)
        elif re.fullmatch(r"[；;]", piece):
            out.append("")
        elif re.fullmatch(r",\s+and\s+", piece):
            out.append(piece)
        elif re.fullmatch(r",\s+and\s+", out[-1]):
            head = LIST_END_HEAD.split(piece, maxsplit=1)[0]
            joiner = out.pop()
            words = re.findall(r"[\w-]+", head.casefold())
            named, generic = _elements(head) if 0 < len(words) <= 3 else (set(), False)
            if (named or generic) and all(w in LIST_NOUNS or _elements(w)[0] for w in words):
                # the list's last name closes the clause; what follows its comma is a clause of its own
                rest = re.split(r"(?<=[,，])\s*", piece[len(head) :], maxsplit=1)
                out[-1] += joiner + head + rest[0]
                if len(rest) > 1 and rest[1].strip():
                    out.append(rest[1])
            else:
                out.append(piece)
        else:
            out[-1] += piece
    return out


def _clause_elements(sentence: str, measure: str) -> tuple[set[str], bool]:
    """Elements of the clause that holds the measure's phrase (clauses end at ';' and ', and'); the whole
    sentence's when that clause names none."""
    for clause in _clauses(sentence):
        if measure == "quota" and _mentions(clause.casefold(), measure):
            # a Chinese quota's own clause ("现公布…钨、锑…企业名单,下达锑、白银…出口配额"): the elements
            # whose quota is set, not those of a list named in the clause before it
            for part in re.split(r"[，,](?=\S)(?!\d)", clause):
                if re.search(r"[\u4e00-\u9fff]", part) and _mentions(part.casefold(), measure):
                    els, ree = _elements(part)
                    if els or ree:
                        return els, ree
        if _mentions(clause.casefold(), measure):
            els, ree = _elements(clause)
            if els or ree:
                return els, ree
    return _elements(sentence)


def _segment(text: str, measure: str) -> str:
    for seg, words in SEGMENT_WORDS.items():
        if _has(text, words):
            return seg
    return (
        "trade"
        if measure in ("export_control", "export_licence", "ban", "tariff", "suspension")
        else "mining"
    )

"""The context that keeps a sentence from stating a measure: hedges ("could", "可能"), claims and history
reported, a measure recalled as background, a report's genre, a price report, and the lead of a document.
"""

from __future__ import annotations

import functools
import itertools
import re
from dataclasses import dataclass

from reechain.signals.dates import has_date
from reechain.signals.elements import _elements
from reechain.signals.measures import RESTART_LATER, _measures_of, _mentions
from reechain.signals.text import LINE_END, _has, _plain, _search, _to_simplified

HEDGES = (
    "可能",
    "或将",
    "或许",
    "预计",
    "拟",
    "传闻",
    "could",
    "might",
    "would",
    "expect",
    "consider",
    "rumour",
    "rumor",
    "if ",
    "whether",
    "speculat",
    "analyst",
    "unknown",
    "unclear",
    "尚不清楚",
    "不确定",
    "分析称",
    "分析人士",
    "分析师",
    "怀疑",
    "suspect",
    "intention",
    "intends to",
    "intend to",
)
SAID_ON = r"(?:\s+(?:on|in)\s+(?:a\s+|an\s+|the\s+)?\w+)?(?:\s+that)?"
"""What may follow a verb of speech before its reported clause ("said on Tuesday that", "announced in a
statement"): the opening of reported speech, whose tense follows the report's (``REPORTED_WOULD``,
``REPORTED_HAD``)."""
REPORTED_WOULD = re.compile(
    r"\b(?:said|announced|stated|confirmed|declared|ruled)\b"
    + SAID_ON
    + r"\s+(?:it|they|beijing|the\s+(?:ministry|government|commerce\s+ministry|state\s+council))\s+would\b"
    r"|\b(?:said|announced|stated|confirmed|declared|ruled)\s+that\s+(?:the|its|their)\s+[^,;.]{1,80}?\s+would\s+be\b"
)
"""Reported speech of a decision ("Beijing said on Monday it would control exports", "the agency said in a
statement it would raise …", "The government also announced that the import duties for nickel ore … would
be removed"): the "would" is the tense of indirect speech, not a hedge; any other hedge word in the sentence
still counts."""


CONTINUED_WOULD = re.compile(
    r"^((?:[A-Z][\w.'-]*\s+){1,3}|(?:It|They|The\s+(?:government|ministry|agency|state|country)\s+))would\b"
)
"""A sentence that goes on with what was reported ("South Korea said on Wednesday it would raise … South Korea
would lower stock targets of aluminium …"): its "would", after the state or body that said it, is reported
speech too."""


MODAL_MAY = re.compile(r"(?<![A-Za-z])may\b(?!\s+\d)|^May\s+(?![0-9])(?:[a-z])")
"""The modal "may", told from the month by case: "may" in lower case not followed by a day or year ("in May
2024", "May 7" are the month); a capitalised "May" only opening a sentence followed by a lower-case word."""
THE_MOVE_WILL = (
    r"(?:这一?|此)(?:举动|举措|措施|决定|举)(?:将|会|可能|或将|或|势必|有望)"
    r"|\b(?:the|this|that)\s+(?:move|step|decision)\s+(?:will|would|could|may|might|is\s+(?:expected|likely)\s+to)\b"
)
"""What the act is said to do, told of it by a word for the act ("此举将限制…", "这一举动可能削减…", "the move
will curb output"): the act's effect (``EFFECT_CLAUSE``; a sentence of it alone, ``extract.ACT_EFFECT``)."""
EFFECT_CLAUSE = re.compile(
    r",?\s*(?:(?:in\s+|as\s+part\s+of\s+)?(?:a|the)\s+(?:\S+\s+){0,2}?(?:move|step|decision|measure|package)"
    r"(?:\s+of\s+\S+)?\s+(?:which|that)|which)\s+(?:could|might|may|would|is\s+"
    r"(?:expected|likely)\s+to)\b[^,;。；]*"
    r"|,\s*while\s+(?:\S+\s+){1,4}?(?:would|could|might|may)\b[^;。；]*"
    r"|,\s*saying\s+(?:\S+\s+){1,4}?(?:would|could|might|may)\b[^;。；]*"
    r"|[，,]\s*(?:" + THE_MOVE_WILL + r")[^。；;]*"
    r"|,?\s*and\s+(?:output|production|shipments?|deliveries|the\s+first\s+\S+)\s+(?:would|will|is\s+expected\s+to)\b[^,;。；]*"
    r"|,?\s*(?:lower|higher|less|more|down|up)\s+(?:than|from)\s+the\s+[^,;。；]*?\b(?:expected|planned|proposed|"
    r"scheduled|due)\s+to\b[^,;。；]*"
)
"""A relative clause about a measure's effect ("…, a move which could tighten supply"), or a clause about what
others would do in return (", while those nations would scrap retaliatory tariffs they imposed"), or what a
speaker expects of it (", saying the operation would be a major job-creator"), or what the move may do
("，这一举动可能削减…"), or when the output of an act done will come ("Operations resumed at 7 am today, and
output would be yielded at 5 pm"), or the rate a change is compared with (", lower than the 9 percent expected
to take effect on July 1"): it hedges the effect, the other side's part or the baseline, not the measure it
follows."""
TIMELINE_CLAUSE = re.compile(
    r"(?:[，,]\s*(?:并)?)?(?:" + RESTART_LATER + r")|[，,]\s*(?:项目)?预计(?:于|在|将于)?[^，,。；;]{0,16}?"
    r"(?:竣工|建成|完工|投产|达产|完成建设|启动|开工)[^，,。；;]*"
    r"|拟(?:投资)?建设的(?=[^。；;]{0,80}?(?:获得|取得|通过)[^。；;]{0,20}?(?:核准|批复|备案|审批|批准))"
    r"|(?<=公告)(?:称|显示|表示)?[,，:：]?\s*(?:公司)?拟"
)
"""When a project begun or approved is expected to be finished (",…举行开工仪式,…,预计2024年10月竣工"), when a
halted plant's restart is to be announced later (",重启生产时间将另行通知"), and
the project an approval names as proposed ("申报拟投资建设的…项目,获得…核准同意"), and a listed company's
notice of what it is to do ("华友钴业公告称,拟6516万美元增资…子公司", a board's decision, filed): the
timeline and the proposal are not hedges of the act the sentence states (the ceremony, the approval, the
decision filed)."""


STATUTORY_LIKELY = re.compile(r"\b(?:are|is)\s+being,\s+or\s+(?:are|is)\s+likely\s+to\s+be,", re.I)
"""The words of a trade-remedy finding ("imports of silicon metal from Brazil are being, or are likely to be,
sold … at less than fair value"): the statute's test, found met, not a guess."""


GIVEN = re.compile(r"^\s*(?:considering|in\s+consideration\s+of)\b", re.I)
"""A sentence opening with "Considering …" (the grounds of a decision: "given") is no hedge."""


PROPOSED_ACT = re.compile(
    r"\b(?:bill|draft\s+(?:\w+\s+)?(?:law|laws|regulations?|rules?|decree|measures?)|proposed\s+(?:\w+\s+)?"
    r"(?:law|legislation|regulations?|rules?|ban))\b|草案|征求意见稿|提案|法案(?!》)|议案|提出\S{0,12}立法"
)
ENACTED = re.compile(
    r"\b(?:signed|signs|enacted|enacts|into\s+law|became\s+law|becomes\s+law|promulgat\w*|gazetted|"
    r"assent\w*)\b|签署|颁布|施行|生效"
)
LAW_IN_FORCE = re.compile(
    r"(?:已于|已经|已)\S{0,8}?(?:开始施行|正式施行|生效)的(?:法律|法案|法令)"
    r"|(?:法律|法案|法令)\S{0,8}?(?:已于|已经|已)\S{0,8}?(?:开始施行|正式施行|生效)"
    r"|\b(?:law|act|legislation)\b[^.;]{0,40}?\b(?:came|comes|has\s+come|entered|has\s+entered)\s+into\s+force\b"
)
"""A text that says its law is in force ("The law, which came into force on Thursday, was approved in record
time", 此项已于周四开始施行的法律): the bill it reports the passing of ("参议院…通过了…法案") is enacted."""
"""A bill, draft or proposed law (bill, draft regulations, proposed ban, 草案, 征求意见稿) states what it
would do, not a decision, until it is signed, enacted or promulgated ("the Senate approved Bill No. 12, which
will prohibit the export of raw ore" proposes; "the President signed the bill, which bans …" decides;
公布草案 publishes a draft; 参议院提出法案 and 提出一项立法 propose; a law cited by its title,
《芯片和科学法案》, is enacted)."""
REQUEST_TO_STATE = re.compile(
    r"\b(?:lobb(?:y|ies|ied|ying)|urg(?:e|es|ed|ing)|ask(?:s|ed|ing)?|request(?:s|ed|ing)?|petition\w*|"
    r"press(?:es|ed|ing)?|pressure\s+on|call(?:s|ed|ing)?\s+on)\s+(?:the\s+)?(?:\S+\s+){0,2}?(?:government|ministry|"
    r"ministries|authorities|regulator|state|parliament|congress|senate|cabinet)\b"
    r"|(?:呼吁|游说|请求|敦促)\S{0,4}?(?:政府|当局|国会|议会)"
    r"|\b(?:filed|files|filing|lodged)\s+(?:\S+\s+){0,3}?(?:petitions?|complaints?)\b"
    r"|\b(?:seek|seeks|seeking|sought|requested|requesting)\s+(?:the\s+)?(?:imposition\s+of\s+)?"
    r"(?:\S+\s+){0,2}?(?:tariffs?|dut(?:y|ies))\b"
)
"""What others ask a government for ("exporters are lobbying the government to postpone a tax", "renewing
pressure on the government to relax a law that bans exports",
行业协会呼吁政府暂停出口, "has filed petitions … seeking the imposition of 920% tariffs", "requested
anti-dumping duties") is not a measure; what a government asks of others ("the ministry asked smelters to
halt output", 要求各部门) is."""


@functools.lru_cache(maxsize=8192)
def hedged(sentence: str, law_in_force: bool = False) -> bool:
    """Whether a sentence speculates rather than reports a measure. The sentence is taken as written (case
    tells the modal "may" from the month May); a clause hedging only the measure's effect, and the grounds of
    a decision ("Considering the oversupply …"), do not count; nor does a bill or draft not yet enacted, nor
    a request made to a government (``PROPOSED_ACT``, ``REQUEST_TO_STATE``), nor a measure not decided
    (threatened or promised for later, being prepared, advised, studied, asked why about: the lexicon's
    ``undecided``). ``law_in_force``: the text says elsewhere that the law has come into force
    (``LAW_IN_FORCE``), so its bill is not a proposal."""
    plain = GIVEN.sub(
        " ", TIMELINE_CLAUSE.sub(" ", EFFECT_CLAUSE.sub(" ", STATUTORY_LIKELY.sub(" ", sentence)))
    )
    if MODAL_MAY.search(plain):
        return True
    low = plain.casefold()
    if (PROPOSED_ACT.search(low) and not (law_in_force or ENACTED.search(low))) or REQUEST_TO_STATE.search(
        low
    ):
        return True
    if (
        _search("undecided", low)
        and not ADOPTED_ADVICE.search(low)
        and not PRODUCERS_PLEDGE.search(low)
        and not MEMBERS_CUT.search(low)
    ):
        return True
    told = REPORTED_WOULD.sub(" ", plain.casefold())
    if DOCUMENT_SAYS.search(told):
        told = re.sub(r"\bwould\b", "will", told)  # "… would be reduced …, the list showed": the list's tense
    return _has(told, HEDGES) or PLANNING_TO.search(low) is not None


DOCUMENT_SAYS = re.compile(
    r"\baccording\s+to\s+(?:a|an|the)\s+(?:\S+\s+){0,4}?(?:list|notice|statement|document|announcement|circular|"
    r"decree|schedule|regulation)s?\b|\b(?:the|a)\s+(?:list|notice|statement|document|announcement|circular|decree|"
    r"schedule)\s+(?:showed|shows|said|says|stated|states)\b"
)
"""A sentence that cites a published document for what it tells ("would also reduce export taxes on
unwrought indium …, according to a list of annual tax changes posted on the ministry's website", "… would be
reduced to 5 percent next year …, the list showed"): its "would" is the tense of the report, not a hedge."""


ADOPTED_ADVICE = re.compile(
    r"(?:通过|采纳|接受|批准|同意)了?[^，,。；;]{0,60}?(?:建议|提议)"
    r"|\b(?:accepted|adopted|approved|endorsed)\b[^.;]{0,60}?\brecommendations?\b"
)
"""Advice taken ("部长通过了…委员会…作出的…终裁建议，决定自2025年10月29日起继续…实施反倾销…措施", "the
minister accepted the commission's recommendation"): the decision is made, not advised."""


PRODUCERS_PLEDGE = re.compile(
    r"(?:企业|冶炼厂|冶炼商|生产商|厂商|矿商|矿企)[^，,。；;]{0,10}?(?:发布|发表|签署|发出|联合发出)?[^，,。；;]{0,4}?"
    r"(?:倡议书|倡议)[^。；;]{0,30}?(?:减产|限产|停产|减少\S{0,6}产量)"
)
"""Producers' own pledge to cut ("10家中国锌冶炼企业发布倡议书,计划明年减产50万吨",
镍铁企业倡议明年减产两成): what they undertake themselves, decided, not advice to others
(该协会已建议铜冶炼企业减产 stays advice)."""
MEMBERS_CUT = re.compile(
    r"(?:(?:会员|成员)(?:单位|企业)|全行业)[^。]{0,80}?(?:减产|限产|停产)[^。]{0,12}?\d+(?:\.\d+)?\s*(?:%|万吨|吨)"
    r"|\bmember\s+(?:units|companies|enterprises|producers|smelters|mills)\b[^.]{0,160}?"
    r"\b(?:reduc\w*|cut\w*|curtail\w*|restrict\w*)\b[^.]{0,40}?\d+\s?%"
)
"""An association's cut put to its own member producers with a figure ("号召参会的40家锰系会员单位…严格执行
限、减产50%", "40 manganese member units … calling for … strict enforcement of production restriction and
reduction of 50%"): the producers' own undertaking, decided, as a pledge is (advice to others without a
figure, 该协会已建议铜冶炼企业减产, stays advice)."""
PLANNING_TO = re.compile(r"\bplanning\s+to\b(?!\s+(?:buy|purchase|procure|acquire|stockpile)\b)")
"""A measure being planned ("The government is planning to introduce a ban") is not decided; a purchase being
planned ("The U.S. Defense Logistics Agency is planning to buy … bismuth metal … for the national stockpile")
is how a reserve announces that it will buy, as "plans to purchase" is."""


def claimed(low: str) -> bool:
    """Whether a (case-folded) sentence reports a false claim or a denial ("谎称已经停产", "denied that
    production had stopped"): the lexicon's claim patterns; what it names is not a measure."""
    return _search("claim", low)


def unaffected(low: str) -> bool:
    """Whether a (case-folded) sentence says what a measure does not touch ("与公司投资的项目并没有太大关系",
    "operations are not affected"), names a measure only as what someone avoids ("to avoid tariffs") or counts
    measures in statistics ("export restrictions … quintupled"): the lexicon's unaffected patterns; what it
    names is not a measure."""
    return _search("unaffected", low)


def reported_history(low: str) -> bool:
    """Whether a (case-folded) sentence reports a ruling on a measure or its past ("the panel concluded that
    China's export duties … breach WTO rules", "the ministry had announced the ban in December 2024") rather
    than announcing one: the lexicon's history patterns. The "had" of reported speech ("said on Tuesday it had
    put a new … plant into production") is the tense of the report, not a past before it."""
    return _search("history", REPORTED_HAD.sub(r"\1 has", low))


REPORTED_HAD = re.compile(
    r"(\b(?:said|announced|stated|confirmed|reported)\b"
    + SAID_ON
    + r"\s+(?:it|they|the\s+company|the\s+group))\s+had\b"
)


@dataclass(frozen=True)
class Lead:
    """The document's own measures: those its title states and those of its first paragraph that states any
    (the lead of a story, the operative paragraph of a notice), and that paragraph's number."""

    measures: frozenset[str]
    paragraph: int


@functools.lru_cache(maxsize=8192)
def _first_measure(s: str) -> str | None:
    low = _plain(s).casefold()
    if not s or hedged(s) or reported_history(low) or claimed(low) or unaffected(low):
        return None
    found = _measures_of(low)
    return found[0] if found else None


def _lead_measures(title: str, parts: list[tuple[int, str]]) -> Lead:
    measures = {m for m in [_first_measure(_to_simplified.convert(title))] if m}
    for para, s in parts:
        m = _first_measure(s)
        if m is not None:
            # the lead paragraph's other sentences add theirs, but not an act named again (此项限产措施)
            others = [
                y for p, y in parts if p == para and y is not s and not _renamed_act(_plain(y).casefold())
            ]
            measures |= {x for x in map(_first_measure, [s, *others]) if x is not None}
            return Lead(frozenset(measures), para)
    return Lead(frozenset(measures), len(parts))


RENAMED_ACT = re.compile(
    r"(?:此项|该项|这项|这一|此次|上述)[^，,。；;]{0,12}?(?:措施|举措|决定|限产|减产|禁令|管制|限制)"
    r"|\b(?:this|the)\s+(?:[\w-]+\s+){0,2}?(?:move|decision|step)\b"
)
"""An act named again by a demonstrative and a word for a measure (此项限产措施, 此次…实施减产, "the move",
"this decision"): the act already read, under another name, not a second measure (one act, one signal)."""


def _renamed_act(low: str) -> bool:
    return RENAMED_ACT.search(low) is not None


RESPONSE_TO_EXISTING = re.compile(
    r"\b(?:respond\w*|repl(?:y|ies|ied)|react\w*|retaliat\w*)\s+(?:to|against)\s+"
    r"(?:the\s+|his\s+|her\s+|its\s+|their\s+|(?:the\s+)?[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*(?:['’]s?|s['’])\s+)"
)
"""A threat or vow whose object is an answer to a measure already taken ("Trump vows to respond to Europe's
retaliatory metal tariffs", "will respond to the European Union's countermeasures"): the measure named is
decided; the answer names none (not "vows to retaliate against any new tariffs")."""


def _not_decided(s: str, law_in_force: bool = False) -> bool:
    """Whether a sentence names a measure that is not decided: a bill or draft, a request to a government, a
    threat, plan, advice, study or explainer (``hedged``'s kinds other than the modal words), a denial or a
    rejected call (``claimed``); not a vow to answer a measure taken (``RESPONSE_TO_EXISTING``)."""
    if RESPONSE_TO_EXISTING.search(s):
        return False
    plain = GIVEN.sub(" ", TIMELINE_CLAUSE.sub(" ", EFFECT_CLAUSE.sub(" ", STATUTORY_LIKELY.sub(" ", s))))
    low = plain.casefold()
    return (
        (PROPOSED_ACT.search(low) is not None and not (law_in_force or ENACTED.search(low)))
        or REQUEST_TO_STATE.search(low) is not None
        or (_search("undecided", low) and not PRODUCERS_PLEDGE.search(low) and not MEMBERS_CUT.search(low))
        or claimed(low)
    )


ANALYSIS_TITLE = re.compile(
    r"(?:的)?影响(?:及|与|和)|发展趋势|(?:深度|专题)?分析[:：]|\banaly[sz](?:is|es|ing)\b|\bexplainer\b"
    r"|\bforecasts?\b|\boutlook\b|\btrends\b|\bpolls?\b|预测|展望|走势|前景|未来形势"
    r"|\bcolumn\b|\bcommentary\b|\bopinion\b|(?:年|半年|季|月|周)报|年度报告"
    r"|\b(?:weekly|monthly|quarterly)\s+(?:\S+\s+){0,2}?(?:survey|report|review|roundup)\b"
)
"""A title that names its text an analysis (中国石墨物项出口管制调整的影响及行业发展趋势, "Analyzing China's
Timing in Rare Earth Export Controls"), a forecast, an outlook or a review of trends ("Rare Earths Market
Forecast: Top Trends for Rare Earths in 2025", "2017 Tungsten Market Review And 2018 Outlook", an
analysts' poll ("Metals poll"), a Chinese title with 预测, 展望, 前景 or 未来形势, a column or commentary
("COLUMN-If you thought lithium was exciting, try cobalt"), a year's, quarter's, month's or week's report
(2020年天风期货铝年报, "SMM Rare Earth Weekly Survey"): the measures it discusses are its subject, not its
news; like an undecided lead, only a sentence that dates an act of its own is read."""


ANALYSIS_OPENING = re.compile(
    r"^\s*(?:引言|摘要|导语|前言|内容提要)\s*$|本文(?:将|从|拟|尝试|旨在|通过|试图|梳理|分析|探讨)"
    r"|\bthis\s+(?:paper|article|essay|brief|report)\s+(?:will\s+)?(?:examines?|reviews?|analy[sz]es?|explores?"
    r"|discuss\w*|looks?\s+at|assess\w*)\b"
)
"""An opening that names the text an essay or a study ("引言", "本文将依次评析…", "This paper examines …"):
like an analysis title, only a sentence that dates an act of its own is read."""


def _undecided_lead(title: str, parts: list[tuple[int, str]], law_in_force: bool = False) -> bool:
    """Whether the document is about a measure not decided: its title, or the text's first sentence that
    names a measure (below a headline that may say "moves to ban"), names it as threatened, planned,
    advised, studied, proposed or denied ("Duterte says he will soon announce a mining suspension",
    该协会已建议铜冶炼企业减产, "India rejects call to ban
    iron ore exports"). The sentences after it that name the measure again ("生产商应…削减产量") go on about
    the same undecided thing; only one that dates an act of its own (a verb of the act and a day) is read."""
    # the title's measure as said up to its clause ("Production resumes in Yichun, …, unlikely to affect
    # supply chain, analysts say" is decided: the hedge is the analysts' view of its effect)
    if (
        title
        and _measures_of(_plain(title).casefold())
        and _not_decided(_up_to_first_measure(title), law_in_force)
    ):
        return True
    if ANALYSIS_TITLE.search(title.casefold()):
        return True
    opening = [s for p, s in parts if p <= (parts[0][0] if parts else 0) + 1]
    if any(ANALYSIS_OPENING.search(s.casefold()) for s in opening):
        return True
    for _, s in parts:
        low = _plain(s).casefold()
        if _measures_of(low) and not unaffected(low):
            return _not_decided(_up_to_first_measure(s), law_in_force)
    return False


CLAUSE_END = re.compile(r"[，,；;：:]")


def _up_to_first_measure(s: str) -> str:
    """The sentence up to the end of the first clause that names a measure: what is said of that measure
    ("中国大陆9日宣布对稀土物项实施出口管制，引起美国强烈不满，扬言加征100%关税反制": the control
    is announced; the threat is the answer's), with all that leads to it ("美国扬言，将…加征关税":
    threatened)."""
    for m in CLAUSE_END.finditer(s):
        if _measures_of(_plain(s[: m.start()]).casefold()):
            return s[: m.start()]
    return s


PRICE_CAUSE = re.compile(
    r"(?:原因|因素|推动|支撑|带动|推高|导致)\S{0,10}(?:价|行情)|(?:价|行情)\S{0,12}(?:的)?(?:主要)?(?:原因|因素)"
    r"|\b(?:prices?|rally|rallies|price\s+gains?)\b[^.;]{0,60}?\b(?:because\s+of|due\s+to|driven\s+by|on\s+the\s+back\s+of)\b"
    r"|\b(?:driv|push|lift|fuel|prop)\w*\s+(?:up\s+)?(?:\S+\s+){0,3}?prices?\b|\breasons?\s+for\s+(?:\S+\s+){0,3}?prices?\b"
    r"|受[^。；;]{0,40}?(?:影响|扰动|推动|提振|拖累|打压|支撑)[，,]\s*[^，,。；;]{0,8}?价"
    r"|受[^，,。；;]{0,16}影响[^。；;]{0,40}?(?:价|行情|惜售|惜货|成交|看涨|看好)"
    r"|(?:价|行情)[^。；;]{0,16}?(?:归因于|归功于|源于|源自|得益于|受益于)"
    r"|\bprices?\b[^.;]{0,40}?\b(?:react\w*|respond\w*|jump\w*|surg\w*|soar\w*|spik\w*|rall\w*|climb\w*|fell|fall\w*|slump\w*|tumbl\w*)"
    r"\s+(?:\S+\s+){0,3}?(?:to|on|after)\s+(?:the\s+)?news\b"
)
"""A sentence that gives a measure as the cause of a price move or of the market's mood
("开采指标偏紧……是钨价持续上行的主要原因", "prices rallied because of tight quotas",
价格迅速攀升，主要归因于…的消息, 受国家收储政策影响，零售商对后市稀土价格看好, "Lithium prices instantly
reacted to the news that CATL was halting operations"): a market view, not the measure announced."""


def _price_cause(low: str) -> bool:
    return PRICE_CAUSE.search(low) is not None


PRICE_TITLE = re.compile(
    r"价格|报价|价再|周评|日评|月评|行情|市场(?:周报|日报|综述)|\bprices?\b|\bmarket\s+(?:report|wrap|review|update|weekly)\b"
)


HEADING_CHARS = 40
"""The longest first line read as a text's heading when it has no title."""


def _heading(text: str) -> str:
    """The first line of a text without a title, when it is a heading: short and not ending a sentence
    ("一、2025年上半年钨制品价格走势"); else nothing."""
    first = text.lstrip().partition("\n")[0].strip()
    return first if len(first) <= HEADING_CHARS and not LINE_END.search(first) else ""


PRICE_DATA_OPENING = re.compile(
    r"数据显示[^。；;]{0,60}?(?:均价|报价|价格|现货价)\S{0,6}?(?:报|为|在)\s*[\d,.\s]+(?:万)?\s*(?:元|美元)"
    r"|最新数据[^。；;]{0,30}?(?:均价|报价|价格|现货价)[^。；;]{0,30}?(?:报|为)\s*[\d,.\s]+(?:万)?\s*(?:元|美元)"
    r"|预测[^。；;]{0,40}?(?:均价|价格|[铜铝锌镍锡铅锂钴]价)\S{0,6}?(?:为|在|达|至)\s*[\d,.\s]+(?:万)?\s*(?:元|美元)"
    r"|\bforecasts?\b[^.;]{0,60}?\bprices?\b[^.;]{0,30}?(?:[$€£]|us\$)\s?[\d,.]+"
)
"""A market-data report's opening line: a price service's figures for the day
("长江有色金属网数据显示,2025年10月16日,长江综合1#钨粉均价报612500元/吨"), or a bank's price forecast
("摩根大通最新报告预测,2025年下半年铜均价为9,225美元/吨")."""


def _price_data_opening(parts: list[tuple[int, str]]) -> bool:
    """Whether the text opens as a price service's daily report or a price forecast
    (``PRICE_DATA_OPENING``) in one of its first two sentences, one that states no measure
    ("2026年初,国内稀土市场迎来强势上涨行情…。据中国稀土行业协会最新数据,…氧化镨价格…报67.25万元/吨"): a
    price report, as by its title."""
    if not parts:
        return False
    opening = [x for p, x in parts[:2] if p == parts[0][0]]  # the first paragraph's first two sentences
    return any(PRICE_DATA_OPENING.search(x) and not _measures_of(_plain(x).casefold()) for x in opening)


def _price_report(title: str) -> bool:
    """Whether the document is a price or market report: its title names prices or the market report and
    states no measure ("钨钴周评：APT价格再创新高"). Its measures are what the market watches; only a sentence
    that announces one with a date ("will … from 1 May") counts."""
    metal = ENERGY_PRICE.sub(" ", title.casefold())
    return PRICE_TITLE.search(metal) is not None and _first_measure(title) is None


ENERGY_PRICE = re.compile(
    r"\b(?:electricity|power|energy|gas|oil|coal|fuel)\s+prices?\b|电价|(?:电力|能源|天然气|煤炭?|油)价格?"
)
"""Prices of energy in a title ("… amid Sky-Rocketing Electricity Prices", 电价上涨): the cause of a
producer's act, not a report of metal prices."""


OTHER_GOODS = re.compile(
    r"其他\S{0,4}(?:金属|矿产|矿物|商品|原材料|产品)"
    r"|\bother\s+(?:\S+\s+)?(?:metals|minerals|commodities|materials|products|ores)\b"
    r"|(?:石油|天然气|油气|电力|能源)\S{0,6}?(?:行业|产业|部门|领域)"
    r"|\bworth\s+of\s+(?:\S+\s+)?(?:goods|imports|products|exports)\b|价值\S{0,12}?美元的(?:\S{0,4})?(?:商品|产品|货物)"
    r"|\b(?:oil|gas|petroleum|power|electricity|energy)\s+(?:and\s+(?:gas|power|electricity)\s+)?(?:sectors?|industry|industries)\b"
)
"""A measure on "other metals" than the text's (当局已经采取行动停止一些其他金属的出口, "it has already
banned exports of other minerals") is not on the document's elements; nor is one on the energy sectors
(此前的改革向私营投资打开了石油和电力行业的大门, "opened the oil and power sectors to
private investment"), nor one on trade at large, counted in money ("punitive tariffs on hundreds of
billions of dollars' worth of goods")."""


def _on_other_goods(low: str) -> bool:
    """Whether the clause stating a measure has "other metals" for its object and names no element
    (印尼是最大的锡出口国，当局已经采取行动停止一些其他金属的出口: not a ban on tin); an open list
    (锂和其他关键矿产) names one."""
    for clause in re.split(r"[，,；;。]", low):
        if OTHER_GOODS.search(clause) and _measures_of(clause):
            named, ree = _elements(clause)
            if not named and not ree:
                return True
    return False


NOT_COMMITTED = re.compile(
    r"\b(?:no|not|never|yet\s+to|(?:has|have)n't|deferr?\w*|postpon\w*|shelv\w*|cancel\w*|delay\w*|"
    r"put\s+on\s+hold|on\s+hold|put\s+off|puts\s+off|putting\s+off|scrapp\w*|abandon\w*|paus\w*|suspen\w*|withdr[ae]w\w*|stall\w*|"
    r"hurdles?|setbacks?|obstacles?|slow(?:down|ed|ing|s)?)\b"
    r"|(?:未|没有|暂缓|推迟|搁置|取消|放弃)\S{0,6}(?:投资|建设|扩产|新建)"
    r"|(?:未|没有|并未|并没有)\S{0,4}承诺"
    r"|(?:鼓励|欢迎|吸引)\S{0,2}(?:外国|外商|海外)?投资|重申"
    r"|\b(?:encourag\w*|welcom\w*|attract\w*|court\w*)\s+(?:more\s+)?(?:foreign\s+|overseas\s+)?investment"
    r"|\b(?:reiterat\w*|reaffirm\w*)\b"
)
"""What withholds an investment: a negation or a deferral ("No company has yet committed to building a plant",
"deferred a planned expansion", "is putting its expansion in Australia on hold", 暂缓扩产,
没有直接承诺…提供贷款): no money or capacity is committed; and a policy of courting investment ("will
encourage foreign investment", 鼓励外国投资) or a stance restated (重申, "reiterated", "reaffirmed"): no new
money."""
REPORT_GENRE = re.compile(
    r"\b(?:net\s+(?:loss|profit|income)|revenue|earnings|(?:first|second)[- ]half\s+(?:loss|profit|results)|"
    r"(?:half-year|quarterly|annual|full-year|interim|semi-annual)\s+results|"
    r"(?:march|june|september|december)\s+quarter|quarterly\s+(?:report|activities)|conference|forum|summit|posts?\s+(?:\S+\s+){0,2}?(?:loss|profit)|"
    r"researchers?|scientists?|metallurgists?|laborator\w+|bench\s+scale|study|forecasts?|outlook)\b"
    r"|净利润|营业收入|营收|亏损|业绩|研究人员|科研团队|实验室|预测|展望|互动平台|投资者提问|投资者问答"
    r"|(?<!启动)(?<!开工)(?<!签约)(?<!奠基)(?<!投产)大会|论坛|峰会"
)
"""A company's results, research, a forecast or its answers to investors (在互动平台回答投资者提问), a
conference or forum: what it says of money or capacity commits none. A meeting that launches projects
(项目启动大会, 开工大会, 签约大会) is the act, not a forum."""


def _committed(low: str) -> bool:
    """Whether a sentence that names an investment commits the money or capacity (not negated or deferred)."""
    return NOT_COMMITTED.search(low) is None


def _report_genre(title: str, parts: list[tuple[int, str]]) -> bool:
    """Whether the document reports results, research or a forecast: its title or first paragraph says so."""
    first = " ".join(s for p, s in parts if p == (parts[0][0] if parts else 0))
    return REPORT_GENRE.search(f"{title}\n{first}".casefold()) is not None


INVESTMENT_TERMS = re.compile(
    r"应(?:当)?(?:不低于|达到|选择|采用|符合)|不得|不予|适用于|\bshould\s+(?:not\s+)?(?:be|have|use|meet)\b"
)
"""New projects or investment named as what a rule requires or refuses
("新建镁及镁合金项目,生产能力应不低于5万吨/年", "对不符合准入条件的新建和改扩建项目,有关部门不予备案",
适用于已建成投产的铅锌矿山): the rule's terms or scope, no money committed."""
COMPANY_MEASURES = frozenset({"investment"})
"""Measures a company or a lender takes; every other measure is a government's."""
OWN_MARKERS = re.compile(
    r"\b(?:will|shall|must|is\s+to|are\s+to|from\s+(?:now|today)|takes?\s+effect|comes?\s+into\s+force)\b"
    r"|将|决定|自\S{0,20}起|起施行|起实施|起执行|须|必须|应当"
)
"""What makes a sentence announce a measure rather than recall one: the future, an obligation, a start."""
BACKGROUND_CUES = re.compile(
    r"\b(?:following|since|after|amid|in\s+response\s+to|in\s+the\s+wake\s+of|earlier\s+this|"
    r"last\s+(?:week|month|year)|previously|already|(?:has|have|had)\s+(?:\w+ly\s+)?(?:been\s+)?\w+(?:ed|en|t)|"
    r"typically|usually|routinely|tends?\s+to)\b"
    r"|\bin\s+retaliation\s+(?:for|against)\b|\ba\s+response\s+to\b"
    r"|此前|早前|先前|以来|去年|过去[一二两三四五六七八九十几\d]+\s*年|前不久|继\S{1,30}之后|在[^，,。；;]{2,40}(?:后|之后)[，,]"
    r"|在[^，,。；;]{0,20}(?:关税|管制|限制|禁令|配额)(?:政策|措施)?下"
)
"""What makes a sentence recall a measure: a perfect tense ("has capped production"), "following", "since",
此前, 曾 …, or describe a habit rather than an act ("Its restrictions typically take the form of …"); a
measure as the cause or the circumstance of another ("in retaliation for US tariff hikes",
在…加征额外关税后, 在125%的关税下出售)."""
LISTED_ACTIONS = re.compile(
    r"\b(?:series|raft|range|number)\s+of\s+(?:\w+\s+){0,3}(?:actions|measures|steps|moves)\b[^.;]{0,40}?"
    r"\bincluding\b|(?:一系列|多项|多种)[^，,。；;]{0,20}(?:行动|措施|举措|手段)[，,：:]?\s*包括"
)
"""A party's actions listed as a class ("a series of retaliatory measures, including …", 中方还有一系列
报复美国企业的行动,包括对多种稀土元素实施出口管制,…,以及将美国公司列入不可靠实体清单): a summary of what
it has done, recalled even where the list's wording has a 将 of its own."""


STANDING_LAW = re.compile(
    r"(?:根据|依照|依据|按照)《[^》]{1,60}》|\b(?:under|according\s+to)\s+(?:the\s+)?(?:[A-Z][\w'-]*\s+){1,8}"
    r"(?:Act|Law|Regulations?)\b"
)
"""A sentence that says what a law provides ("根据《技术进出口管理条例》，属于禁止出口的技术，不得出口")."""


STANDING_STATUS = re.compile(
    r"\b(?:is|are|was|were|remains?|remained|being)\s+(?:currently\s+|already\s+|now\s+|still\s+|also\s+)?"
    r"(?:subject|bound)\s+to\b"
    r"|是[^，,。；;]{0,30}(?:对象|目标)之一"
    r"|(?:属于|系|为)(?:国家)?(?:明令)?(?:禁止|淘汰)"
)
"""Goods described as under a measure ("some of which are currently bound to export controls by … China", "is
already subject to an export ban", 该厂生产设施属于国家明令禁止的淘汰落后产能): the regime in force, a
description of the goods, not an act."""


JUDGED_MEASURE = re.compile(
    r"\b(?:is|are|was|were|be|being)\s+(?:\w+\s+){0,2}?(?:lawful|legal|illegal|legitimate|justified|"
    r"(?:in\s+line|consistent|in\s+accordance|compliant)\s+with\s+(?:\w+\s+){0,2}?international)\b"
    r"|符合国际(?:惯例|通行做法|规则|通行规则)|(?:是|属于)(?:合法|正当)"
)
"""A measure judged ("noting that imposing export controls on such items is in line with international
practice", "China's restrictions on rare earth exports are lawful and consistent with international
regulations", 符合国际惯例): a defence of a measure that exists, not an act."""


def _judged(s: str, low: str) -> bool:
    """Whether a sentence judges a measure (JUDGED_MEASURE) and has no decision, future, start or date."""
    return JUDGED_MEASURE.search(low) is not None and not OWN_MARKERS.search(low) and not has_date(s)


def _standing_law(s: str, low: str) -> bool:
    """Whether a sentence restates what a law provides rather than announcing a measure: it cites the law
    (根据《…》, "under the … Act") or describes goods as subject to a measure ("are currently bound to export
    controls") and has no decision, future or start (决定, 将, will, 自…起) and no date."""
    stated = STANDING_LAW.search(s) is not None or STANDING_STATUS.search(low) is not None
    return stated and not OWN_MARKERS.search(low) and not has_date(s)


AFTER_CLAUSE = re.compile(r"(?<=\S)\s+(?:after|following|amid)\s+([^,;，；]+)")


FEAR_CLAUSE = re.compile(
    r"(?:担心|担忧|忧虑|害怕|唯恐)([^，,。；;]+)"
    r"|\b(?:fears?|fearing|worries|worried|concerns?|concerned)\s+(?:that|about|over)\s+([^,;，；]+)"
)


RECALLED_CLAUSE = re.compile(r",\s*(?:which|who)\s+had\s+([^,;，；]+)")
PURPOSE_CLAUSE = re.compile(r"\b(?:is|are|was|were)\s+(?:also\s+)?aimed\s+at\s+([^;；]+)")
CAUSE_CLAUSE = re.compile(
    r"\b(?:boosted|driven|lifted)\s+by\s+([^;；]+)|得益于([^。；;]+)|(?:^|[，,：:])\s*(?:由于|随着)([^，,。；;]{1,20})(?=[，,])"
)


def _only_in_after_clause(low: str, measure: str) -> bool:
    """Whether a sentence names the measure only in a clause of what came before its news ("The Pentagon holds
    a germanium stockpile, a spokesperson said on Thursday after China announced export restrictions"): the
    measure is the occasion, not the sentence's act (a sentence that opens with "After …" is left alone); or
    only in what someone fears ("美国总统川普周一下令…生产…稀土，主因于担心中国将限制以上产品的出口",
    "amid fears that China will restrict exports"): a feared measure is no act; or only in a clause recalling
    what the actor had done before ("The Tamil Nadu government, which had suspended mining … last month, on
    Tuesday extended the ban to … districts"): the earlier act is background to the sentence's own; or only
    in what the act is aimed at ("The adjustment is aimed at … supporting domestic producers to cut crude
    steel output"): a purpose, not a second act; or only in what a figure is credited to ("copper
    production reached a record high in 2016, boosted by … the expansion of the Cerro Verde mine", 得益于…): a
    cause told of an outcome, not the text's act, as is a clause of cause or circumstance (由于中国政府削减了
    稀土的出口量, 随着中国政府日益减少稀土出口配额, …)."""
    for rx in (AFTER_CLAUSE, FEAR_CLAUSE, RECALLED_CLAUSE, PURPOSE_CLAUSE, CAUSE_CLAUSE):
        for m in rx.finditer(low):
            clause = next(g for g in m.groups() if g is not None)
            before = low[: m.start()]
            named_before = _mentions(before, measure) or measure in _measures_of(before)
            if not named_before and (_mentions(clause, measure) or measure in _measures_of(clause)):
                return True
    return False


def _background(s: str, low: str, measure: str, own: frozenset[str]) -> bool:
    """Whether a measure outside the lead, other than the document's own (``own``), is mentioned as context: a
    government's measure in a story about a company's (or the reverse) not stated in the future or as an
    obligation ("On Friday, China implemented export restrictions" in a report on a plant), or any measure
    recalled (a perfect tense, "following", 此前, 曾 …) without a date or a future."""
    if measure in COMPANY_MEASURES and own and not own & COMPANY_MEASURES:
        # money or capacity after a government's lead measure is what the measure asks of companies or is
        # meant to bring ("companies are given three years to make the necessary investments"), even in the
        # future: the measure is the news
        return True
    if LISTED_ACTIONS.search(low) and not has_date(s):
        return True
    if OWN_MARKERS.search(low):
        return False
    if (measure in COMPANY_MEASURES) != all(m in COMPANY_MEASURES for m in own):
        return True
    recalled = BACKGROUND_CUES.search(REPORTED_PERFECT.sub(r"\1", low)) is not None or _once(low)
    return recalled and not has_date(s)


def _earlier_act_elsewhere(low: str, els: set[str], named: set[str]) -> bool:
    """Whether a sentence after the lead recalls an act of the lead's kind on other elements only: it names
    elements, none of those the act has so far, in a perfect tense or with a recall cue, and announces nothing
    (no future, obligation or start)."""
    if not els or not named or els & named or OWN_MARKERS.search(low):
        return False
    return BACKGROUND_CUES.search(REPORTED_PERFECT.sub(r"\1", re.sub(r"\balso\s+", "", low))) is not None


REPORTED_PERFECT = re.compile(
    r"(\b(?:said|says|told|stated|added)\b[^.;]{0,160}?)\bhad\s+(?=(?!been\b)\w+(?:ed|en|t)\b)"
)
"""The past perfect of reported speech ("Uwizeye said Burundi … had ordered Rainbow to halt exports"): the
speaker's present perfect moved back a tense by the reporting verb, what the speaker says was done now, not
a recalled measure; only the "had" goes, so a recall cue of its own (since, earlier, previously) still
counts."""


ONCE = ("曾", "曾经")


def _once(low: str) -> bool:
    """Whether a Chinese sentence says a measure was once taken: 曾/曾经 as an adverb before a verb or a
    preposition ("该国此前曾限制稀土出口"), told by jieba's parts of speech from 曾 in a name (曾国藩,
    曾华)."""
    if "曾" not in low:
        return False
    import jieba
    import jieba.posseg

    jieba.setLogLevel(60)
    words = list(jieba.posseg.cut(low))
    return any(
        w.word in ONCE and w.flag == "d" and (nxt.flag.startswith("v") or nxt.flag in ("p", "d"))
        for w, nxt in itertools.pairwise(words)
    )

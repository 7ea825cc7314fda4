"""Dated signals from a notice or article: issuer, document reference, dates, elements, segment, measure and
direction, each with the sentence it came from.

Rules, not a model: every measure is a list of phrases in Chinese and English with the direction it gives
(1 tightens supply, -1 loosens, 0 neutral), turned around by words that lift or cancel; hedged sentences
("could", "可能") give nothing. The rules and examples are in docs/signals.md.
"""

from __future__ import annotations

import functools
import itertools
import re
from dataclasses import dataclass, field
from datetime import date, datetime

import dateparser
import opencc

from reechain.signals.reading import Document
from reechain.signals.vocabulary import (
    COMPOUNDS,
    ISSUER_ORDER,
    LISTED_ONLY,
    NOT_WORD,
    REE,
    SYMBOL_RE,
    ZH_AMBIGUOUS,
    automaton,
    common_words,
    lexicon,
    proper_names,
    symbols_in,
)

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
        r"(?:plant|facility|factory|refinery|smelter|separation line|capacity)s?\b"
        r"|\b(?:awarded|granted|provided|receiv\w*|secur(?:e|es|ed|ing)|obtain\w*|raised)\b[^.;]{0,40}?"
        r"(?:[$€£]|\bus\$|\ba\$)\s?\d"
        r"|\b(?:backing|financing|funding)\s+(?:of|worth|to\s+the\s+tune\s+of)\s+(?:[$€£]|\bus\$|\ba\$)\s?\d"
        r"|\b(?:will|to)\s+spend\s+(?:about\s+|some\s+|up\s+to\s+)?(?:[$€£]|\bus\$|\ba\$)?\s?\d[\d.,]*\s*"
        r"(?:b\.|bn|billion|m|million|trillion)?\s*(?:yen|yuan|euros?|reais|won|rupees?|dollars?)?\s+to\s+"
        r"(?:support|fund|finance|develop|build|strengthen)\b"
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
UP = (
    "增加",
    "增长",
    "提高",
    "上调",
    "扩大",
    "increase",
    "raise",
    "raised",
    "higher",
    "rise",
    "up by",
    "grew",
    "grow",
    "增速",
    "增幅",
)
DOWN = (
    "减少",
    "下调",
    "调减",
    "调降",
    "削减",
    "降低",
    "cut",
    "reduce",
    "lower",
    "decrease",
    "fell",
    "down by",
)
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
)
LOOSEN_LICENCE = (
    "通用许可",
    "general licen",
    "general export licen",
    "approved licen",
    "批准",
    "issued licen",
    "granted",
)
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
    "analysts",
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
REPORTED_WOULD = re.compile(
    r"\b(?:said|announced|stated|confirmed|declared|ruled)\b"
    r"(?:\s+(?:on|in)\s+(?:a\s+|an\s+|the\s+)?\w+)?(?:\s+that)?"
    r"\s+(?:it|they|beijing|the\s+(?:ministry|government|commerce\s+ministry|state\s+council))\s+would\b"
)
"""Reported speech of a decision ("Beijing said on Monday it would control exports", "the agency said in a
statement it would raise …"): the "would" is the tense of indirect speech, not a hedge; any other hedge word
in the sentence still counts."""


CONTINUED_WOULD = re.compile(
    r"^((?:[A-Z][\w.'-]*\s+){1,3}|(?:It|They|The\s+(?:government|ministry|agency|state|country)\s+))would\b"
)
"""A sentence that goes on with what was reported ("South Korea said on Wednesday it would raise … South Korea
would lower stock targets of aluminium …"): its "would", after the state or body that said it, is reported
speech too."""


MODAL_MAY = re.compile(r"(?<![A-Za-z])may\b(?!\s+\d)|^May\s+(?![0-9])(?:[a-z])")
"""The modal "may", told from the month by case: "may" in lower case not followed by a day or year ("in May
2024", "May 7" are the month); a capitalised "May" only opening a sentence followed by a lower-case word."""
EFFECT_CLAUSE = re.compile(
    r",?\s*(?:(?:a|the)\s+(?:move|step|decision|measure)\s+)?which\s+(?:could|might|may|would|is\s+"
    r"(?:expected|likely)\s+to)\b[^,;。；]*"
)
"""A relative clause about a measure's effect ("…, a move which could tighten supply"): it hedges the effect,
not the measure it follows."""
TIMELINE_CLAUSE = re.compile(
    r"[，,]\s*(?:项目)?预计(?:于|在|将于)?[^，,。；;]{0,16}?(?:竣工|建成|完工|投产|达产|完成建设)[^，,。；;]*"
    r"|拟(?:投资)?建设的(?=[^。；;]{0,80}?(?:获得|取得|通过)[^。；;]{0,20}?(?:核准|批复|备案|审批|批准))"
)
"""When a project begun or approved is expected to be finished (",…举行开工仪式,…,预计2024年10月竣工"), and
the project an approval names as proposed ("申报拟投资建设的…项目,获得…核准同意"): the timeline and the
proposal are not hedges of the act the sentence states (the ceremony, the approval)."""


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
"""A bill, draft or proposed law (bill, draft regulations, proposed ban, 草案, 征求意见稿) states what it
would do, not a decision, until it is signed, enacted or promulgated ("the Senate approved Bill No. 12, which
will prohibit the export of raw ore" proposes; "the President signed the bill, which bans …" decides;
公布草案 publishes a draft; 参议院提出法案 and 提出一项立法 propose; a law cited by its title,
《芯片和科学法案》, is enacted)."""
REQUEST_TO_STATE = re.compile(
    r"\b(?:lobb(?:y|ies|ied|ying)|urg(?:e|es|ed|ing)|ask(?:s|ed|ing)?|request(?:s|ed|ing)?|petition\w*|"
    r"press(?:es|ed|ing)?|call(?:s|ed|ing)?\s+on)\s+(?:the\s+)?(?:\S+\s+){0,2}?(?:government|ministry|"
    r"ministries|authorities|regulator|state|parliament|congress|senate|cabinet)\b"
    r"|(?:呼吁|游说|请求|敦促)\S{0,4}?(?:政府|当局|国会|议会)"
    r"|\b(?:filed|files|filing|lodged)\s+(?:\S+\s+){0,3}?(?:petitions?|complaints?)\b"
    r"|\b(?:seek|seeks|seeking|sought|requested|requesting)\s+(?:the\s+)?(?:imposition\s+of\s+)?"
    r"(?:\S+\s+){0,2}?(?:tariffs?|dut(?:y|ies))\b"
)
"""What others ask a government for ("exporters are lobbying the government to postpone a tax",
行业协会呼吁政府暂停出口, "has filed petitions … seeking the imposition of 920% tariffs", "requested
anti-dumping duties") is not a measure; what a government asks of others ("the ministry asked smelters to
halt output", 要求各部门) is."""


def hedged(sentence: str) -> bool:
    """Whether a sentence speculates rather than reports a measure. The sentence is taken as written (case
    tells the modal "may" from the month May); a clause hedging only the measure's effect, and the grounds of
    a decision ("Considering the oversupply …"), do not count; nor does a bill or draft not yet enacted, nor
    a request made to a government (``PROPOSED_ACT``, ``REQUEST_TO_STATE``), nor a measure not decided
    (threatened or promised for later, being prepared, advised, studied, asked why about: the lexicon's
    ``undecided``)."""
    plain = GIVEN.sub(" ", TIMELINE_CLAUSE.sub(" ", EFFECT_CLAUSE.sub(" ", sentence)))
    if MODAL_MAY.search(plain):
        return True
    low = plain.casefold()
    if (PROPOSED_ACT.search(low) and not ENACTED.search(low)) or REQUEST_TO_STATE.search(low):
        return True
    if _search("undecided", low):
        return True
    return _has(REPORTED_WOULD.sub(" ", plain.casefold()), HEDGES) or PLANNING_TO.search(low) is not None


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
    "operations are not affected"): the lexicon's unaffected patterns; what it names is not a measure."""
    return _search("unaffected", low)


def reported_history(low: str) -> bool:
    """Whether a (case-folded) sentence reports a ruling on a measure or its past ("the panel concluded that
    China's export duties … breach WTO rules", "the ministry had announced the ban in December 2024") rather
    than announcing one: the lexicon's history patterns."""
    return _search("history", low)


def _search(key: str, low: str) -> bool:
    rx: re.Pattern[str] | None = lexicon()[key]
    return rx is not None and rx.search(low) is not None


SEGMENT_WORDS = {
    "technology": ("技术", "technolog"),
    "magnet": ("永磁", "磁材", "磁体", "magnet"),
    "metal": ("金属", "合金", "metal", "alloy"),
    "separation": ("冶炼分离", "分离", "冶炼", "separation", "smelting", "refin", "processing"),
    "mining": ("开采", "采矿", "矿山", "mining", "mine ", "mined", "ore"),
}


TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
PINYIN_GLOSS = re.compile(rf"(?<=[\u4e00-\u9fff])\((?=[a-zü{TONED}]*[{TONED}])[a-zü{TONED}]{{1,6}}\)")
"""A reading in pinyin put after a character by a mirror or a learners' page ("行業(yè)", "爭(zhēng)議"): a
toned syllable in brackets right after a Chinese character. It splits words (争议, 征求意见稿), so it goes
before anything is read."""


class _Simplifier:
    """Traditional characters to simplified: a text written in traditional characters is converted with
    Taiwan's own names for things (OpenCC's tw2sp: 矽 is 硅, silicon; 鎦 is 镥, lutetium); a text already in
    simplified characters is left as written (tw2sp would also rewrite mainland words such as 整合)."""

    def __init__(self) -> None:
        self._characters = opencc.OpenCC("t2s")
        self._regional = opencc.OpenCC("tw2sp")

    def convert(self, text: str) -> str:
        return self._convert(text) if len(text) < 400 else self._uncached(text)  # titles recur: cached

    @functools.lru_cache(maxsize=1024)  # noqa: B019 (one instance for the module's life)
    def _convert(self, text: str) -> str:
        return self._uncached(text)

    def _uncached(self, text: str) -> str:
        text = PINYIN_GLOSS.sub("", text)
        plain: str = self._characters.convert(text)
        regional: str = plain if plain == text else self._regional.convert(text)
        return regional


_to_simplified = _Simplifier()
MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december"
    "|jan\\.?|feb\\.?|mar\\.|apr\\.?|jun\\.|jul\\.|aug\\.?|sept?\\.?|oct\\.?|nov\\.?|dec\\.?"
)
"""Month names, and their abbreviations ("Oct. 16", "Dec 20"; "Mar", "Jun" and "Jul" only with the point)."""
ZH_DATE = re.compile(r"(?:(\d{4}|[今明去])\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*日")
RELATIVE_YEARS = {"今": 0, "明": 1, "去": -1, "this": 0, "next": 1, "last": -1}
"""A year named relative to the text's own (今年8月1日, 明年1月1日, "on 1 August this year", "from 1 January
next year"): the publication year, the next or the last."""
EN_RELATIVE_YEAR = re.compile(r",?\s+(this|next|last)\s+year\b", re.I)
EN_DATE = re.compile(
    rf"\b(\d{{1,2}})\s+({MONTHS})(?:,?\s+(\d{{4}}))?\b|\b({MONTHS})\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(\d{{4}}))?\b"
    r"|\b(\d{4})-(\d{2})-(\d{2})\b",
    re.I,
)
FROM_PUBLICATION = (
    "自公布之日起",
    "自发布之日起",
    "自印发之日起",
    "即日起",
    "upon its release",
    "upon release",
    "upon publication",
    "upon announcement",
    "with immediate effect",
    "takes effect immediately",
    "effective immediately",
    "effect immediately",
    "from the date of publication",
    "from the date of announcement",
)
EFFECTIVE_CUES = (
    "起施行",
    "起实施",
    "起执行",
    "起正式实施",
    "开始执行",
    "开始实施",
    "开始施行",
    "生效",
    "effective",
    "take effect",
    "takes effect",
    "took effect",
    "taking effect",
    "into force",
    "from ",
    "as of",
    "starting",
    "beginning",
    "applicable ",  # the Federal Register's "DATES: Applicable November 1, 2024."
)
FROM_PUBLICATION_RE = re.compile(
    r"自(?:本\S{0,6}?)?(?:公布|发布|印发|公告)之日起"
    r"|from the (?:date|day) of (?:its |their |the )?"
    r"(?:publication|announcement|issuance|release|promulgation)"
)
"""Every way of saying "from publication" ("自本公告公布之日起", "from the date of its issuance")."""
PUBLISHED_CUE = re.compile(r"[^，,。；;]{0,40}?(?:公布|发布|印发|published|issued|promulgated)")
"""A date followed closely by 公布/published: the publication date of the act the sentence is about."""
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
WEEKDAY_RE = re.compile(r"\b(" + "|".join(WEEKDAYS) + r")\b", re.I)
FORWARD_CUE = re.compile(r"(?:from|starting|effective|as of|beginning|until|till|by|next)\s+$")
UNTIL_CUES = ("至", "until", "till", "through")
ZH_REF = re.compile(r"公告\s*(\d{4})\s*年\s*第\s*(\d+)\s*号|(\d{4})\s*年\s*第\s*(\d+)\s*号\s*公告")
EN_REF = re.compile(r"(?:announcement|notice|decree|order)\s+no\.?\s*(\d+)\s+(?:of\s+)?(\d{4})", re.I)
EN_REF2 = re.compile(r"\b(\d{4})\s+no\.\s*(\d+)", re.I)
ZH_NUMS = re.compile(r"第\s*(\d+)\s*号")
EN_NUMS = re.compile(r"\bnos?\.\s*((?:\d+\s*(?:,|and|&)?\s*)+)", re.I)


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


ABBREVIATIONS = re.compile(
    r"\b(?:Nos?|Co|Ltd|Inc|Corp|St|Mt|Art|Dr|Mr|Ms|vs|etc|e\.g|i\.e|U\.S|U\.K|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.",
    re.I,
)


INITIAL = re.compile(r"(?<=\s[A-Z])\.(?=\s+[A-Z][a-z])")
"""The initial of a name ("Donald J. Trump"): no sentence ends there."""


def _join_lines(paragraph: str) -> str:
    out = ""
    for line in (x.strip() for x in paragraph.splitlines()):
        if not line:
            continue
        cjk_edge = out and (ord(out[-1]) > 0x2E7F or ord(line[0]) > 0x2E7F)
        out = f"{out}{line}" if (not out or cjk_edge) else f"{out} {line}"
    return out


LONG_LINE_CHARS = 100
"""A line this long is a paragraph written on one line, not a line of hard-wrapped text."""
BULLET_LINE = re.compile(r"\s*[•▪●◆·*-]\s")
"""A line that is an item of a list: it stays in the paragraph of the list it belongs to."""
LINE_END = re.compile(r"[.!?。！？\"”’)）]\s*$")


def _paragraphs(text: str) -> list[str]:
    """Paragraphs: separated by blank lines; in a text written one paragraph to a line (some line at least
    ``LONG_LINE_CHARS`` long), also by a line break after the end of a sentence ("…nearly three decades ago.⏎
    Bismuth metal has …"). A line that stops mid-sentence ("or more⏎than 80%") or on a colon goes on in the
    next, and so do the items of a list ("These include:⏎ • Mobilizing …⏎ • Securing …")."""
    out: list[str] = []
    for block in re.split(r"\n\s*\n", text):
        lines = block.split("\n")
        if len(lines) < 2 or max(len(x.strip()) for x in lines) < LONG_LINE_CHARS:
            out.append(block)
            continue
        current: list[str] = []
        for line, following in zip(lines, [*lines[1:], ""], strict=True):
            current.append(line)
            if LINE_END.search(line) and not BULLET_LINE.match(following):
                out.append("\n".join(current))
                current = []
        if current:
            out.append("\n".join(current))
    return out


def sentences(text: str) -> list[str]:
    """Sentences of a text whose paragraphs are separated by blank lines (lines inside are joined)."""
    return [s for _, s in paragraph_sentences(text)]


def paragraph_sentences(text: str) -> list[tuple[int, str]]:
    """(paragraph number, sentence) of every sentence of a text."""
    out: list[tuple[int, str]] = []
    for number, para in enumerate(_paragraphs(text)):
        joined = ABBREVIATIONS.sub(lambda m: m.group(0).replace(".", "\u2024"), _join_lines(para))
        joined = INITIAL.sub(lambda m: m.group(0).replace(".", "\u2024"), joined)
        # a half-width question or exclamation mark ends a Chinese sentence too ("…审批的情况?以及…改善?商务部
        # 新闻发言人何亚东表示…"): the question and the answer are two sentences
        parts = re.split(
            r"(?<=[。！？；;])|(?<=[.!?])\s+(?=[A-Z0-9\"“(])|(?<=[.!?][\"”’])\s+(?=[A-Z0-9\"“(])"
            r"|(?<=[?!])(?=[\u4e00-\u9fff])|\s*(?=[•▪●◆]\s*\S)",
            joined,
        )  # a bullet (•) opens an item of its own: "These include: • Mobilizing … • Securing …"; a full stop
        # inside closing quotes ends the sentence too ('… in "care and maintenance." It expects …')
        out += [(number, x.strip().replace("\u2024", ".")) for x in parts if x and x.strip()]
    return out


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


LAW_TITLE = re.compile(
    r"《[^》]{1,80}》"
    r"|\b(?:[A-Z][\w'-]*\s+(?:(?:of|and|on|for|the)\s+)?){1,8}(?:Act|Law|Code|Regulations?|Ordinance)\b"
)
"""The title of a law, regulation or catalogue (《中国禁止出口限制出口技术目录》, "the Base Minerals Export
Control Act"): it names an instrument, it does not state a measure."""
ENGLISH_NUMBERS = (
    *("one", "two", "three", "four", "five", "six"),
    *("seven", "eight", "nine", "ten", "eleven", "twelve"),
)
NUMBER_WORDS = {
    **{w: i for i, w in enumerate(ENGLISH_NUMBERS, 1)},
    **{w: i for i, w in enumerate("一二三四五六七八九十", 1)},
    "两": 2,
    "十一": 11,
    "十二": 12,
}
DURATION = re.compile(
    r",?\s*\bfor\s+(?:a\s+(?:further\s+)?period\s+of\s+|another\s+|a\s+further\s+)?"
    r"(\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+(months?|weeks?|days?|years?)\b,?"
    r"|[，,]?(?:(?:为期|期限为|延长)(\d+|十[一二]?|[一二两三四五六七八九])\s*(个月|周|天|日|年)"
    r"|(?<![\d年月])(\d+|十[一二]?|[一二两三四五六七八九])\s*(个月))(?=[，,。；]|$)",
    re.I,
)
"""How long a measure lasts ("for a period of four months", "for 90 days", 为期三个月): a measure's until is
its start and this."""


def _plain(sentence: str) -> str:
    """The sentence with the titles of laws and the durations blanked (same length, so that positions still
    match): "suspend temporarily, for a period of four months, all exports" reads as "suspend temporarily, …
    all exports"."""
    blank = sentence
    for m in LAW_TITLE.finditer(sentence):
        if m.group(0).startswith("《") or not _title_case(sentence):  # a heading is all capitals
            blank = blank[: m.start()] + " " * len(m.group(0)) + blank[m.end() :]
    blank = IMPLEMENTED_POLICY.sub(_blank_after_prefix, blank)
    if not _title_case(sentence) or sentence.rstrip().endswith("."):  # a heading has no full stop
        blank = NAMED_INVESTMENT.sub(lambda m: m.group(1) + " " * len(m.group(2)), blank)
    blank = DESCRIBED_INVESTMENT.sub(lambda m: " " * len(m.group(0)), blank)
    blank = RESERVE_BODY.sub(lambda m: " " * len(m.group(0)), blank)
    blank = QUOTA_LICENCE.sub(
        lambda m: " " * len(m.group(1) or m.group(3)) + (m.group(2) or m.group(4)), blank
    )
    blank = TALKED_ABOUT.sub(_blank_after_prefix, blank)
    return DURATION.sub(lambda m: " " * len(m.group(0)), blank)


TALKED_ABOUT = re.compile(
    r"((?:与|同|和)[^，,。；;：:]{0,12}?的)[^，,。；;：:的]{1,12}?(?=(?:方面的)?(?:沟通|对话|磋商|谈判|交流))"
    r"|(\b(?:dialogue|talks|communication|consultations?|negotiations?)\s+(?:on|about|over|regarding)\b)[^,;:.]*",
    re.I,
)
"""A measure named as the topic of talks ("enhance communication and dialogue on export controls with relevant
countries", 加强与相关国家的出口管制沟通对话): what the parties talk about, not an act (blanked up to the
end of its clause or up to the talks, same length). A measure agreed in talks is stated by its own verb
("agreed in talks to suspend tariffs")."""


QUOTA_LICENCE = re.compile(r"(配额)(许可证)|\b(quota\s+)(licen[cs]\w*)", re.I)
"""A quota licence (出口配额许可证, "export quota licence") is the licence of a licence regime: the word quota
in it names no quota (blanked, same length)."""


IMPLEMENTED_POLICY = re.compile(
    r"((?:贯彻落实|落实)(?:国家|中央))[^，,。；;：:]*?(?:的重要举措|的举措|的政策|的精神|的部署)"
    r"|(\b(?:in\s+line\s+with|implement\w*)\s+(?:the\s+)?(?:national|state|central\s+government's)\s+"
    r"(?:policy|policies)\s+(?:of|on)\b)[^,;:.]*",
)
"""The national policy a local measure implements (是贯彻落实国家对稀土矿实施限量开采、总量控制的重要举措,
"in line with the national policy of total-quantity control"): the policy is the measure's reason, not
another measure of the document; blanked up to the end of its clause. The measure a notice takes to
implement it stands in a clause of its own (为贯彻落实国家政策，决定…), and a notice that executes a quota
handed down (严格执行国家下达的开采总量控制指标) states it."""


def _blank_after_prefix(m: re.Match[str]) -> str:
    prefix = m.group(1) or m.group(2)
    return prefix + " " * (len(m.group(0)) - len(prefix))


NAMED_INVESTMENT = re.compile(r"(?<!^)(?<![.!?]\s)(\b[A-Z][\w&'-]*\s+)(Investments?|Invest)\b")
"""A measure word inside a name ("a subsidiary of Jiaxin International Resources Investment", "China
Investment Corporation"): capitalised after a capitalised word, not opening the sentence; it names a company,
it states no investment."""


RESERVE_BODY = re.compile(
    r"(?:national\s+)?food\s+and\s+strategic\s+reserves?\s+administration|国家粮食和(?:物资|战略)储备局|粮食和物资储备局"
    r"|(?:state|national)\s+reserve\s+(?:bureau|administration)",
    re.I,
)
"""The name of the state reserve body ("China's National Food and Strategic Reserves Administration did not
immediately respond", 国家粮食和物资储备局): the body, not a reserve bought or built (blanked, same length);
what it buys is stated by its verb ("plans to buy cobalt for the state reserve")."""


DESCRIBED_INVESTMENT = re.compile(
    r"投资(?:协调|促进|审查)?(?:委员会|部|局|署|厅)|(?:项目)?总投资(?:额)?(?:超过|约|达|为|逾|近|高达)?"
    r"|\b(?:investment\s+(?:coordinating\s+)?(?:board|ministry|minister|agency|authority)|"
    r"ministry\s+of\s+investment|total\s+investment\s+(?:of|in))\b",
    re.I,
)
"""Investment words that commit no money: the name of a body (印尼投资协调委员会主席, "the
Investment Coordinating Board", "Minister of Investment") and the size of a project described
(龙蟠时代一期项目总投资超过25亿元, "a total investment of $2 billion" in a text about the plant's
halt) are blanked (same length); money a text commits is stated by a verb (投资建设, 斥资, "will invest")."""


def _duration_months(sentence: str) -> tuple[int, str] | None:
    """(number, unit: months, weeks, days or years) of the first duration of a sentence."""
    m = DURATION.search(sentence)
    if m is None:
        return None
    number, unit = next((m.group(i), m.group(i + 1)) for i in (1, 3, 5) if m.group(i))
    n = int(number) if number.isdigit() else NUMBER_WORDS.get(number.casefold(), 0)
    kind = {"个月": "months", "周": "weeks", "天": "days", "日": "days", "年": "years"}.get(unit)
    return (n, kind or unit.casefold().rstrip("s") + "s") if n else None


def _plus(start: date, span: tuple[int, str]) -> date:
    n, unit = span
    if unit == "days":
        return date.fromordinal(start.toordinal() + n)
    if unit == "weeks":
        return date.fromordinal(start.toordinal() + 7 * n)
    months = n * 12 if unit == "years" else n
    y, m = divmod(start.month - 1 + months, 12)
    last = (date(start.year + y + (m + 1) // 12, (m + 1) % 12 + 1, 1) - date(start.year + y, m + 1, 1)).days
    return date(start.year + y, m + 1, min(start.day, last))


def _has(text: str, words: tuple[str, ...]) -> bool:
    return any(w in text for w in words)


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
    r"mining|deposits?|scrap|content|prices?|output|production|exports?|imports?|stocks?|stockpiles?)\b"
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
    if not word.isascii():
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


def _title_case(sentence: str) -> bool:
    """A heading in title case ("US Sets Preliminary Duty on Chinese Anode Graphite"): most words
    capitalised, where a capitalised word is no name."""
    words = re.findall(r"[A-Za-z][\w'-]*", sentence)
    long = [w for w in words if len(w) > 3]
    return len(long) >= 3 and sum(w[0].isupper() for w in long) >= 0.7 * len(long)


def _zh_names(sentence: str) -> list[tuple[int, int]]:
    """Spans of the place and person names in a Chinese sentence: CC-CEDICT's proper nouns (铜陵, 无锡,
    锡林郭勒, 刘禹锡) and the person names jieba finds (张锡明) that the dictionary does not know as
    ordinary words (白铜, cupronickel, is one)."""
    low = sentence.casefold()
    spans = [(end - len(w) + 1, end + 1) for end, w in proper_names().iter(low)]
    import jieba
    import jieba.posseg

    jieba.setLogLevel(60)
    pos = 0
    for w in jieba.posseg.cut(low):
        if (
            w.flag in ("nr", "nrfg", "nrt")
            and 2 <= len(w.word) <= 4
            and any(c in ZH_AMBIGUOUS for c in w.word)
            and w.word not in common_words()
        ):
            spans.append((pos, pos + len(w.word)))
        pos += len(w.word)
    return spans


def _element_set(named: set[str], generic: bool) -> list[str]:
    """Named elements; a general mention of rare earths adds all 17 only when no rare earth is named."""
    if generic and not named & set(REE):
        named = named | set(REE)
    return sorted(named)


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
    r"\b(?:national|strategic|defen[cs]e|government|state|federal|reserves?|buy\w*|bought|purchas\w*|"
    r"acqui\w*|procur\w*|build\w*|add\w*\s+to|replenish\w*|contract)\b"
)
"""A stockpile that is a state's or a buyer's (the National Defense Stockpile, "purchase … for the
stockpile"), not a market's inventory ("cobalt stockpiles in LME warehouses rose")."""


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


QUOTATION = re.compile(r"\bquotations?\b")
"""A price quotation, or a quoted remark, is no quota ("lithium quotations rose", "quotations are invented"),
though its word begins with the phrase."""


def _mentions(low: str, measure: str) -> bool:
    """Whether a (case-folded) text states the measure: one of its phrases or its construction."""
    if measure == "quota":
        low = QUOTATION.sub("citation", low)
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
    "loosen": re.compile(r"\b(?:resum|reopen|eas(?:e|ed|es|ing)\b|relax|restor)\w*|恢复|放开|放宽|解禁|重启"),
}
"""The verb classes of a measure: halting, restricting, loosening (a regulator or a regulatory approval is no
verb)."""
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
)
"""Between a verb and a trade or production word, a noun that the verb acts on instead ("reduce its dependence
on imports", 减少对进口的依赖); a quantity of the object ("curb the volume of exports") is no other noun."""
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
        if m.group(0) in ("suspension", "suspensions") and not re.match(r"\s+(?:of|on)\b", reach):
            continue  # "The suspension, extended in June, …": the halt already named, no measure suspended
        if NOT_A_MEASURE_SUSPENDED.match(reach):
            continue  # "Suspends Dividend", "suspended talks": a payment or a meeting, no measure
        if measure_object.search(reach) or not _search("trade_object", reach):
            return True
    return False


NOT_A_MEASURE_SUSPENDED = re.compile(
    r"\s+(?:(?:its|the|their|a|an|all)\s+)?(?:\w+\s+)?(?:dividends?|payouts?|distributions?|buy-?backs?|"
    r"share\s+(?:trading|buybacks?)|trading|listing|talks|negotiations?|membership|flights?|guidance|"
    r"payments?)\b"
)
"""What a company or a government suspends that is no measure on supply: a dividend, share trading, talks."""
PASSIVE_ADVERBS = r"(?:(?:already|now|also|temporarily|almost|nearly|all|both|fully|largely|mostly)\s+){0,3}"
PASSIVE_SUBJECT = re.compile(
    r"\b(?:production|mining|operations|output|smelters?|refiner(?:y|ies)|mines?|plants?|furnaces?|potlines?|"
    r"factories)\b[^,;.]{0,100}?\b(?:has|have|had|was|were|is|are|will|would|remain|remains|remained)\s+"
    + PASSIVE_ADVERBS
    + r"(?:be\s+|been\s+)?"
    + PASSIVE_ADVERBS
    + r"$"
)


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
    r"(?:若|如果|倘若|一旦|假如|如若)\S{0,4}$|\b(?:if|were|unless|should)\s+(?:\S+\s+){0,2}$"
)
"""A lifting word in a condition ("若取消本案现行反倾销税，将导致…倾销继续", "if the duty were revoked,
dumping would recur"): what would follow a lifting, in a review that keeps the measure, lifts nothing."""


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


def _measures_of(low: str) -> list[str]:
    """The measures a sentence states, most specific first (MEASURE_PHRASES order), a lifted one before all:
    "取消稀土出口配额管理，企业凭出口合同即可申领出口许可证" lifts the quota; the licence is how exports
    go on."""
    stated = [m for m in MEASURE_PHRASES if _mentions(low, m)]
    if not stated:  # no phrase or lexicon entry: a verb class with an object class
        stated = list(dict.fromkeys(m for m, _ in combined_cues(low)))
    if "suspension" in stated and not _suspends_a_measure(low):
        stated.remove("suspension")
    if "ban" in stated and NOT_A_BAN.search(low):
        stated.remove("ban")  # "实施出口管制不是禁止出口": the sentence says what the measure is not
    lifted = _lifted(low)
    if lifted is not None and lifted in stated:
        new = _replacing(low, lifted)
        if new is not None:
            return [lifted, new]
    return sorted(stated, key=lambda m: m != lifted)


NOT_A_BAN = re.compile(
    r"(?:不是|并非|并不是|不等于|不意味着)\s*(?:全面)?(?:禁止|禁运)"
    r"|\b(?:is|was|does|did)\s+not\s+(?:mean\s+|amount\s+to\s+)?(?:an?\s+)?(?:\w+\s+)?(?:ban|embargo)\b"
    r"|\bnot\s+an?\s+(?:export\s+|outright\s+|blanket\s+)?(?:ban|embargo)\b"
)
"""A sentence that says a measure is not a ban ("中国对石墨物项实施出口管制不是禁止出口", "the controls are
not an export ban"): the ban it names is denied, the other measures it states stand."""


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


def _issuers_of(text: str) -> list[str]:
    """Who signs: the authorities just before the document's own reference, else in its heading, else any
    named; not an authority the text cites ("经国务院批准", approved by the State Council)."""
    for rx in (ZH_REF, EN_REF):
        m = rx.search(text[:600])
        if m:
            names = issuers(text[max(0, m.start() - 90) : m.start()])
            if names:
                return names
    heading = text.split("\n\n", 1)[0][:120]
    return issuers(heading) or issuers(text)


BODY = r"(?:Ministry|Department|Agency|Authority|Regulator|Commission|Cabinet|Parliament|Government)"
FOREIGN_ISSUER = (
    re.compile(rf"\b(?:{BODY[3:-1]}|Autorité|Autoridad)[^()]{{0,160}}?\(([A-Z]{{3,10}})\)"),
    re.compile(
        rf"\b((?:U\.S\.|U\.K\.|EU|[A-Z][a-z]+)(?:'s)?\s+(?:[A-Z][a-z]+\s+){{0,2}}(?i:{BODY[3:-1]}))\b"
    ),
    re.compile(r"\b(Ministry\s+of\s+[A-Z][a-z]+(?:\s+(?:and\s+)?[A-Z][a-z]+){0,4})"),
    re.compile(
        r"([\u4e00-\u9fff（）]{2,16}?(?:监管局|管理局|内阁|议会|政府|部))(?=\d|于|表示|宣布|发表|批准|决定|通过)"
    ),
)
"""Another country's authority: an acronym given after a body's name ("… Substances Minérales Stratégiques
(ARECOMS)"), a country's body ("The U.S. Commerce Department", "India's cabinet"), a ministry by its name
("Ministry of Mines and Mining Development"), in Chinese a body before its act
(刚果（金）战略矿产市场监管局21日发表声明)."""
TITLE_SUBJECT = re.compile(r"^((?:U\.S\.|[A-Z][\w'-]*)(?:\s+[A-Z][\w'-]*){0,3})\s+(?:to\s+)?[a-z]{3,}\b")
"""A title opening with its subject, a country ("Zimbabwe bans raw lithium exports", "Congo to replace …")."""


def foreign_issuer(title: str, text: str) -> str:
    """The issuer of a measure by an authority the reader does not list (another country's ministry or
    regulator): the first one named in the title or the first two paragraphs, else the title's subject; ""
    when none is named."""
    head = "\n\n".join([title, *text.split("\n\n")[:2]])
    found = [(m.start(), m.group(1)) for rx in FOREIGN_ISSUER for m in rx.finditer(head)]
    if found:
        name = min(found)[1]
        return re.sub(r"^the\s+|'s(?=\s)", "", name, flags=re.I).strip()
    m = TITLE_SUBJECT.match(title)
    if m is None or re.search(rf"\b{re.escape(m.group(1).split()[0].casefold())}\b", text):
        return ""  # "Temporary suspension of …": a word the text writes in lower case is no name
    return m.group(1)


def issuers(text: str) -> list[str]:
    names = {syms[0] for _, (kind, syms, _) in automaton().iter(text.casefold()) if kind == "issuer"}
    return [n for n in ISSUER_ORDER if n in names]


def _year_for(
    month: int, day: int, base: date | None, forward: bool = False, latest: bool = False
) -> int | None:
    """The year of a day given without one: the nearest such day to ``base`` (news reports a day just past,
    "12月11日" in a December article; a notice of late December names next January), or with ``forward`` the
    first on or after it ("from 1 July", "until 10 November"). With ``latest`` (a text that names no year) a
    day that is not a start or an end is the last such day on or before ``base``: nothing dates it later."""
    if base is None:
        return None
    if latest and not forward:
        return base.year if _day(base.year, month, day) <= base else base.year - 1
    if forward:
        return base.year if _day(base.year, month, day) >= base else base.year + 1
    return min(
        (base.year - 1, base.year, base.year + 1),
        key=lambda y: abs((_day(y, month, day) - base).days),
    )


def _day(year: int, month: int, day: int) -> date:
    return date(year, month, 28) if (month, day) == (2, 29) and year % 4 else date(year, month, day)


IN_FORCE_ALREADY = re.compile(
    r"\b(?:has|have|had)\s+been\s+\w+ed\s+(?:\S+\s+){0,3}?(?:with\s+effect\s+)?from\s*$"
)
"""A start in the perfect ("exports have been banned with effect from March 2", in a report of 3 March) is
already past: the nearest such day, not the next one."""


def dates_in(sentence: str, base: date | None, anchor: str = "published") -> list[tuple[int, date]]:
    """(position, date) of every date in the sentence. A date without a year needs ``base`` (none without it).
    ``anchor`` says what ``base`` is: "published", the document's date (weekdays and days without a month
    are read against it too); "undated", the announcement day of a text that names no year (a day is the last
    on or before it, a start or end after from/until the first on or after it); "year", a date standing for
    a year the text names near the sentence; "reading", the day the text is read, which it cannot postdate
    (every day the last on or before it). Only days with their month are read against "year" and "reading"."""
    out: list[tuple[int, date]] = []
    latest = anchor in ("undated", "reading")
    for m in ZH_DATE.finditer(sentence):
        try:
            month, day = int(m.group(2)), int(m.group(3))
            named = m.group(1)
            if named in RELATIVE_YEARS:
                year = base.year + RELATIVE_YEARS[named] if base is not None else None
            else:
                year = int(named) if named else _year_for(month, day, base, latest=latest)
            if year:
                out.append((m.start(), date(year, month, day)))
        except ValueError:
            continue
    for m in EN_DATE.finditer(sentence):
        yearless = not (m.group(3) or m.group(6) or m.group(7))
        if yearless and base is None:
            continue  # "on April 11" with nothing to date it: not a day of this year or the next
        settings: dict[str, object] = {"PREFER_DATES_FROM": "future", "REQUIRE_PARTS": ["day", "month"]}
        text = m.group(0)
        if base is not None:
            settings["RELATIVE_BASE"] = datetime(base.year, base.month, base.day)
        parsed = dateparser.parse(text, languages=["en"], settings=settings)
        if parsed is None:
            continue
        when = parsed.date()
        relative = EN_RELATIVE_YEAR.match(sentence, m.end()) if yearless else None
        if base is not None and relative is not None:
            when = _day(base.year + RELATIVE_YEARS[relative.group(1).casefold()], when.month, when.day)
        elif base is not None and yearless:
            forward = (
                anchor != "reading"
                and FORWARD_CUE.search(sentence[max(0, m.start() - 15) : m.start()].casefold()) is not None
                and not IN_FORCE_ALREADY.search(sentence[: m.start()].casefold())
            )
            year = _year_for(when.month, when.day, base, forward, latest) or when.year
            when = _day(year, when.month, when.day)
        out.append((m.start(), when))
    if base is not None and anchor in ("published", "undated"):
        taken = {p for p, _ in out}
        out += _weekdays(sentence, base, taken)
        out += _zh_days(sentence, base, taken)
    return sorted(out)


def has_date(sentence: str) -> bool:
    """Whether a sentence gives a day: a full date, or an English day and month without a year ("On April 4,
    the government ordered …" is dated even where no publication date says which year)."""
    if dates_in(sentence, None):
        return True
    return any(
        not (m.group(3) or m.group(6) or m.group(7))
        and dateparser.parse(m.group(0), languages=["en"], settings={"REQUIRE_PARTS": ["day", "month"]})
        is not None
        for m in EN_DATE.finditer(sentence)
    )


ZH_DAY_ONLY = re.compile(r"(?<![\d月年号/.-])(?<!月\s)(\d{1,2})\s*日(?!\s*[起至到])")
"""A day of the month written alone, as Chinese news dates what happened days before: 当地时间11日,
欧盟19日通过 (not a full date: 12月11日 is ``ZH_DATE``'s; not "11日起", a start, which a report names with its
month)."""
ZH_WEEKDAY = re.compile(r"(?:星期|周|週|礼拜)([一二三四五六日天])")
ZH_WEEKDAY_NUMBERS = "一二三四五六"


def _zh_days(sentence: str, base: date, taken: set[int]) -> list[tuple[int, date]]:
    """Chinese days given without a month, against the publication date ``base``: a day of the month alone is
    the last such day on or before it (this month's, else last month's); a weekday (周三, 星期三) the last on
    or before it, or with 下 before it (下周三) next week's."""
    out: list[tuple[int, date]] = []
    for m in ZH_DAY_ONLY.finditer(sentence):
        day = int(m.group(1))
        if m.start() in taken or not 1 <= day <= 31:
            continue
        year, month = base.year, base.month
        if day > base.day:
            year, month = (year, month - 1) if month > 1 else (year - 1, 12)
        try:
            out.append((m.start(), date(year, month, day)))
        except ValueError:  # 31日 in a month of 30 days
            continue
    for m in ZH_WEEKDAY.finditer(sentence):
        if any(m.end() <= p <= m.end() + 2 for p in taken):
            continue  # 星期三（2月25日）: the date itself is read
        number = ZH_WEEKDAY_NUMBERS.find(m.group(1))
        shift = (number if number >= 0 else 6) - base.weekday()
        ahead = sentence[max(0, m.start() - 1) : m.start()] == "下"
        days = shift % 7 + (7 if ahead and shift % 7 == 0 else 0) if ahead else -((-shift) % 7)
        out.append((m.start(), date.fromordinal(base.toordinal() + days)))
    return out


def _weekdays(sentence: str, base: date, taken: set[int]) -> list[tuple[int, date]]:
    """Weekday names against the publication date: "from Sunday" is the next Sunday on or after it, "on
    Sunday" (news of what happened) the last on or before it; a weekday followed by a full date is that
    date."""
    out: list[tuple[int, date]] = []
    low = sentence.casefold()
    for m in WEEKDAY_RE.finditer(low):
        if EN_DATE.match(low, m.end() + 2) or any(m.end() < p <= m.end() + 3 for p in taken):
            continue  # "Sunday, November 9": the date itself is read
        shift = WEEKDAYS.index(m.group(1)) - base.weekday()
        forward = FORWARD_CUE.search(low[max(0, m.start() - 15) : m.start()]) is not None
        days = shift % 7 if forward else -((-shift) % 7)
        out.append((m.start(), date.fromordinal(base.toordinal() + days)))
    return out


def doc_reference(text: str, issuer: str) -> tuple[str, list[str]]:
    """The document's own reference ("MOFCOM/GAC 2025 No. 18") and every other one it names."""
    refs: list[str] = []
    for m in ZH_REF.finditer(text):
        year, number = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        refs.append(f"{issuer} {year} No. {int(number)}".strip())
    for m in EN_REF.finditer(text):
        refs.append(f"{issuer} {m.group(2)} No. {int(m.group(1))}".strip())
    for m in EN_REF2.finditer(text):
        refs.append(f"{issuer} {m.group(1)} No. {int(m.group(2))}".strip())
    refs = list(dict.fromkeys(refs))
    return (refs[0] if refs else ""), refs


CONDITIONAL_RESTART = re.compile(
    r"待[^，,。；;]{0,30}后[^。；;]{0,12}(?:恢复|复产|复工|重启)|(?:方可|才能|才可)[^。；;]{0,6}(?:恢复|复产|复工)"
    r"|何时\S{0,4}(?:恢复|复产|复工|重启)|\bwhen\s+(?:\S+\s+){0,4}?(?:will|would|could)\s+(?:\S+\s+)?(?:resume|restart)"
    r"|\b(?:resum|restart)\w*\b[^.;]{0,80}?\b(?:once|only\s+when|only\s+after|if|unless|until)\b"
    r"|\b(?:once|only\s+when|only\s+after|unless)\b[^.;]{0,80}?\b(?:resum|restart)\w*"
)
"""A restart that waits on a condition or a day not known ("待获得批复后将尽早恢复生产", "何时复产仍取决于…",
"Mining will resume … once the stockpiles are depleted"): the halt stands."""


QUOTA_EXTENDED = re.compile(
    r"(?:配额|额度)[^。；;]{0,30}?(?:继续执行|仍可执行|延长|延期)|(?:延长|延期)[^。；;]{0,20}?(?:配额|额度)"
    r"|\bextend\w*\s+(?:\S+\s+){0,5}?quotas?\b|\bquotas?\b[^.;]{0,60}?\b(?:extended|remain\s+valid)\b"
)
"""A quota's period lengthened ("原定用于2025年最后三个月的钴出口配额，可在3月31日前继续执行", "extended the
fourth-quarter quotas to March"): more time to ship what was allotted, -1."""
QUOTA_REVISIONS_APPROVED = re.compile(
    r"\bapprov\w*\s+(?:\S+\s+){0,6}?(?:requests?|applications?|proposals?)\s+(?:for|to)\s+(?:\S+\s+){0,3}?"
    r"quota\s+(?:revisions?|increases?|additions?)\b"
    r"|\bapprov\w*\s+(?:\S+\s+){0,4}?quota\s+(?:revisions?|increases?|additions?)\b"
)
"""Requests to revise quotas approved ("Indonesia has approved 38 out of 84 requests for mining quota
revisions this year"): producers asked for more and got it, -1."""


def _direction(measure: str, s: str, base: int) -> int:
    if measure == "quota":
        if (
            _changes(s, UP)
            or _lifted(s) == "quota"
            or QUOTA_EXTENDED.search(s)
            or QUOTA_REVISIONS_APPROVED.search(s)
        ):
            return -1
        if _changes(s, DOWN):
            return 1
        compared = _compared(s)
        if compared:
            return compared
        return -1 if _search("addition", s) else 1 if _imposed_quota(s) else 0
    if measure == "suspension":
        return -1
    if measure == "production_cut" and CONDITIONAL_RESTART.search(s):
        return base  # "已暂停开采作业…待获得批复后将尽早恢复生产": halted; the restart waits on a condition
    if measure == "production_cut" and _search("rights_revoked", s):
        return base  # "revoked 51 mining licences": the revoking word takes rights away, it lifts nothing
    if measure == "stockpiling" and STOCKPILE_GROW.search(s.casefold()):
        return 1
    if measure == "stockpiling" and (
        STOCKPILE_RELEASE.search(s.casefold()) or STOCKPILE_LOWER.search(s.casefold())
    ):
        return -1
    if measure == "tariff":
        lowered = _tariff_lowered(s)
        if lowered is not None:
            return -base if lowered else base
    turned = _turned(s, measure)
    if turned is None and not _phrase_stated(s, measure):
        turned = dict(combined_cues(s)).get(measure)
    if turned == -1 or (_lifted(s) == measure and not _lifting(s)):
        return -base
    approved = APPROVED_APPLICATIONS.search(s) is not None
    if measure == "export_licence" and (
        approved or (_has(s, LOOSEN_LICENCE) and not _has(s, ("申请", "apply", "require")))
    ):
        return -1  # "China has approved a number of export license applications": licences flowing
    if _lifting(s) and measure in ("export_control", "export_licence", "ban", "tariff", "production_cut"):
        return -base
    return base


STOCKPILE_RELEASE = re.compile(
    r"投放|抛储|轮出|出库|\b(?:sell|sells|selling|sold|auction\w*)\b"
    r"|\breleas(?:e|es|ed|ing)\b(?!\s+(?:a|an|its|the)?\s*(?:statement|report|figures|data|results))"
    r"(?<!press release)"
)
"""A reserve that sells or releases what it holds (国家储备铜铝锌再投放, "release from the state reserve"):
stockpiling loosened, -1."""
STOCKPILE_GROW = re.compile(
    r"\b(?:doubl|tripl|increas|rais|boost|expand|enlarg|replenish)\w*\s+(?:\S+\s+){0,4}?"
    r"(?:stockpil|reserve|stock)\w*"
    r"|(?:增加|扩大|提高|翻番|充实|补充)\S{0,6}(?:储备|库存)|(?:储备|库存)\S{0,6}(?:翻番|翻一番|增加)"
)
"""A reserve made larger ("will double the government's stockpiles of rare-earth minerals and halve their time
until release", 扩大国家储备): stockpiling +1, whatever the sentence says of how releases will work."""
STOCKPILE_LOWER = re.compile(
    r"\b(?:lower|cut|reduc|decreas|shrink|trim)\w*\s+(?:\S+\s+){0,4}?"
    r"(?:stock|inventor|stockpil|reserve)\w*"
    r"|(?:下调|降低|减少|压缩|削减)\S{0,6}(?:储备|库存)"
)
"""A reserve that lowers what it holds or aims to hold ("lower stock targets of aluminium", 下调储备目标):
-1."""


TARIFF_EXEMPT = re.compile(
    r"免征|免除\S{0,6}(?:关税|税)|零关税|取消\S{0,10}关税|\bexempt\w*|\bwaiv\w*|\bduty-free\b|\bzero\s+(?:duty|tariff)"
    r"|\b(?:remov|abolish|eliminat|scrap)\w*\s+(?:\S+\s+){0,4}?(?:dut(?:y|ies)|tariffs?)\b"
)
TARIFF_CUT = re.compile(
    r"(?:下调|降低|降至|降为|降到|减至|减为|下降至|调低|调降|削减)|\b(?:cut|reduc|lower)\w*\b(?!\s+(?:prices?|costs?|output|production))"
)
TARIFF_RAISE = re.compile(
    r"(?:上调|提高|加征|升至|增至|调高)|\b(?:rais|increas|hik|doubl|impos|levy|levied|slap)\w*\b"
)
TARIFF_RATE = re.compile(
    r"(?:降至|升至|增至|减至|调至|\bto\s+)\s*[\d.]+\s*(?:%|％)|(?:由|从|\bfrom\s+)[\d.%％\s至到-]+(?:降|升|增|调|to\b)"
)


REBATE = re.compile(r"退税|\brebates?\b")
REBATE_CUT = re.compile(
    r"取消|下调|降低|调低|削减|停止|\b(?:cancel|scrap|reduc|cut|remov|abolish|eliminat|end|lower)\w*"
)
REBATE_RAISE = re.compile(r"提高|上调|调高|恢复|\b(?:rais|increas|restor|hik)\w*")


def _tariff_lowered(low: str) -> bool | None:
    """How a sentence changes a duty: True when it exempts from it, removes it or cuts it (免征, 下调, "cut",
    "exempt"), False when it raises or imposes it, None when it says neither. An exemption or a cut wins over
    the verb of a rate raised elsewhere only when no raise is stated. An export tax rebate works the other way
    round: cutting or cancelling it ("will reduce or cancel export tax rebates", 取消出口退税) makes exports
    dearer, as a duty raised does; raising it makes them cheaper."""
    if REBATE.search(low):
        cut, raised = REBATE_CUT.search(low) is not None, REBATE_RAISE.search(low) is not None
        if cut != raised:
            return raised
    down = TARIFF_EXEMPT.search(low) is not None or TARIFF_CUT.search(low) is not None
    up = TARIFF_RAISE.search(low) is not None
    if down and not up:
        return True
    if up and not down:
        return False
    return None


def _tariff_act(low: str) -> str:
    """The act of a tariff sentence: an exemption (to no duty) or a change of the rate ("石墨的基本关税由5%
    降至2.5%", "raised to 25%"). An exemption and a rate change in one document are two acts on different
    goods; a sentence that states both (全额免征关税，并下调其中两种的基本关税) is the exemption."""
    if TARIFF_EXEMPT.search(low) is None and TARIFF_RATE.search(low) is not None:
        return "tariff~rate"
    return "tariff"


KEPT_UNCHANGED = re.compile(
    r"维持\S{0,40}不变|保持\S{0,40}不变|\b(?:kept|keeps?|keeping|left|leaves?)\b[^.;]{0,60}\bunchanged\b"
)
"""Quotas kept as they were ("维持钨、钼、锑、铟和白银出口配额不变", "kept the tungsten quota unchanged"):
direction 0, a signal apart from the quotas the same text cuts or raises."""
IMPOSED_QUOTA = re.compile(
    r"\b(?:impos|introduc)\w*\s+(?:\S+\s+){0,4}?quotas?\b|\breplac\w*\s+(?:\S+\s+){0,8}?with\s+(?:\S+\s+){0,3}?quotas?\b"
    r"|(?:改为|改行|转为|代之以)\S{0,8}配额"
)
"""A quota brought in where trade was free or banned ("impose annual export quotas", "replace the ban with
quotas", 改为配额管理): a new cap on supply, +1 (an annual quota handed down is 0)."""


TONNES = r"([\d,.]+)\s*(万)?\s*(?:吨|tonnes|tons|t\b)"
COMPARED = re.compile(
    TONNES
    + r"[^。；;]{0,16}?[，,；;]?\s*(?:上年|去年|上一年|(?:19|20)\d\d\s*年)(?:同期|度)?\s*(?:为|是)\s*"
    + TONNES
    + r"|"
    + TONNES
    + r"[^.;]{0,16}?,?\s*(?:against|compared\s+with|versus|from)\s+"
    + TONNES
    + r"\s+(?:in\s+(?:19|20)\d\d|(?:a|the\s+previous|last)\s+year)"
)
"""A quantity set against last year's ("冶炼分离产品49925吨，2016年为55000吨", "49,925 t against 55,000 t in
2016"): lower is a cut, higher a rise."""


def _tonnes(number: str, wan: str | None) -> float | None:
    try:
        return float(number.replace(",", "")) * (10000 if wan else 1)
    except ValueError:
        return None


def _compared(low: str) -> int:
    """1 when the quantities a sentence sets against last year's are lower (and none higher), -1 when
    higher (and none lower), 0 otherwise ("与2016年持平" compares nothing)."""
    signs = set()
    for m in COMPARED.finditer(low):
        g = m.groups()
        now, before = (g[0:2], g[2:4]) if g[0] else (g[4:6], g[6:8])
        a, b = _tonnes(*now), _tonnes(*before)
        if a is not None and b is not None and a != b:
            signs.add(1 if a < b else -1)
    return signs.pop() if len(signs) == 1 else 0


def _whole_sentence(parts: list[tuple[int, str]], i: int, low: str) -> str:
    """The sentence i with the clauses that follow it after a semicolon (sentences are split at ；): "…计划，
    其中矿产品52500吨，与2016年持平；冶炼分离产品49925吨，2016年为55000吨。" is one statement of the quota."""
    j = i
    while (
        parts[j][1].rstrip().endswith(("；", ";")) and j + 1 < len(parts) and parts[j + 1][0] == parts[i][0]
    ):
        j += 1
        low = f"{low} {_plain(parts[j][1]).casefold()}"
    return low


def _imposed_quota(low: str) -> bool:
    return IMPOSED_QUOTA.search(low) is not None


APPROVED_APPLICATIONS = re.compile(
    r"批准\S{0,12}申请|\b(?:approv|grant)\w*\s+(?:\S+\s+){0,5}?(?:applications?|licen[cs]es|permits)\b"
    r"|(?<!not\s)(?<!n't\s)(?<!yet\sto\s)\b(?:receiv|obtain|secur|won|got)\w*\s+(?:\S+\s+){0,2}?"
    r"(?:export\s+|import\s+)?licen[cs]es\b"
    r"|(?:合规|符合规定|符合条件)[^。；;]{0,16}?申请[^。；;]{0,16}?(?:批准|予以许可|放行)"
    r"|\bcompliant\s+(?:\S+\s+){0,4}?applications?\b[^.;]{0,40}?\b(?:approv|licens|licenc|grant)\w*"
)
"""Applications approved, licences granted or received ("已依法批准一定数量的合规申请", "approved a
number of applications", "four companies have received licences"), compliant applications to be approved
("合规的出口申请，都可以获得批准", "对符合规定的申请将予以许可"): licences flowing, -1, though the
sentence speaks of applying."""


def _changes(low: str, words: tuple[str, ...]) -> bool:
    """Whether a change word acts on the quota: it stands in a clause that names the quota or a quantity
    ("配额比去年减少10%", "cut the export quota", "down 9%"), not in one about something else ("为尽量减少对
    市场供应的影响": the impact is reduced, not the quota)."""
    for clause in re.split(r"[，；;。]|,(?!\d)", low):
        if _has(clause, words) and (_mentions(clause, "quota") or re.search(r"\d", clause)):
            return True
    return False


def _changed_elements(low: str, words: tuple[str, ...]) -> tuple[set[str], bool]:
    """The elements of the clauses where a quota changes (``_changes``'s clauses with a change word), when a
    sentence gives several quotas and changes only some ("维持…稀土矿开采总量不变；钨矿…维持2012年水平；
    锑矿开采总量控制指标适度调减": Sb); none when no such clause names an element."""
    named: set[str] = set()
    generic = False
    for clause in re.split(r"[，；;。：:]|,(?!\d)", low):
        if _has(clause, words) and (_mentions(clause, "quota") or re.search(r"\d", clause)):
            els, ree = _elements(clause)
            named |= els
            generic |= ree
    return named, generic


def _segment(text: str, measure: str) -> str:
    for seg, words in SEGMENT_WORDS.items():
        if _has(text, words):
            return seg
    return (
        "trade"
        if measure in ("export_control", "export_licence", "ban", "tariff", "suspension")
        else "mining"
    )


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
    undecided = _undecided_lead(_to_simplified.convert(doc.title), parts)
    turns: list[tuple[date, int, str]] = []  # (day, direction, sentence) of each dated halt or restart
    reporting = False  # "… said on Wednesday it would …": later sentences may go on in reported speech
    for i, (para, s) in enumerate(parts):
        low = _plain(s).casefold()
        said = reporting and CONTINUED_WOULD.match(s) is not None
        reporting = reporting or REPORTED_WOULD.search(s.casefold()) is not None
        speech = CONTINUED_WOULD.sub(lambda m: m.group(1) + "will", s, count=1) if said else s
        if (
            hedged(speech)
            or QUESTION.search(low)
            or reported_history(low)
            or _once(low)
            or claimed(low)
            or unaffected(low)
            or _standing_law(s, low)
            or _judged(s, low)
            or _price_cause(low)
        ):
            continue
        if undecided and not (ACT_VERBS.search(low) and has_date(s)):
            continue  # a story about a threat, an advice or a denial: its measures are that story's
        for measure in _measures_of(low):
            if price_report and not (OWN_MARKERS.search(low) and has_date(s)):
                continue  # a price report names measures the market watches, not ones it announces
            if measure == "quota" and QUOTA_CONDITION.search(low) and not re.search(TONNES, low):
                continue  # "申请新设采矿权，应符合开采总量控制要求": a condition citing a quota sets none
            if measure in QUOTA_TERMS and "quota" in lead.measures and QUOTA_NOUN.search(low):
                continue  # "严格禁止超指标生产", "停产矿山不分配指标": the quota's terms, not another measure
            if lead.measures and measure not in lead.measures and DURING_MEASURE.search(low):
                continue  # "停产期间，将全面禁止堆浸工艺": what holds while the lead measure lasts, its terms
            if measure == "investment" and (report_genre or not _committed(low)):
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


def _year_from_reading(text: str, today: date) -> bool:
    """Whether a text without a publication date names no year at all (no year, no full date, no weekday
    that pins one), so that its days take the year of reading (``_year_bases``)."""
    parts = sentences(text)
    return bool(parts) and _year_bases(parts, today)[0][1] == "reading"


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
STALE_DAYS = 92
"""How long before a text's publication a measure may have taken effect and still be the text's news (a
report a month after a halt began, zh_h5_sichuan_2011, is; a review of the year is not): a quarter."""


@dataclass(frozen=True)
class Lead:
    """The document's own measures: those its title states and those of its first paragraph that states any
    (the lead of a story, the operative paragraph of a notice), and that paragraph's number."""

    measures: frozenset[str]
    paragraph: int


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


def _not_decided(s: str) -> bool:
    """Whether a sentence names a measure that is not decided: a bill or draft, a request to a government, a
    threat, plan, advice, study or explainer (``hedged``'s kinds other than the modal words), a denial or a
    rejected call (``claimed``)."""
    plain = GIVEN.sub(" ", EFFECT_CLAUSE.sub(" ", s))
    low = plain.casefold()
    return (
        (PROPOSED_ACT.search(low) is not None and not ENACTED.search(low))
        or REQUEST_TO_STATE.search(low) is not None
        or _search("undecided", low)
        or claimed(low)
    )


ANALYSIS_TITLE = re.compile(
    r"(?:的)?影响(?:及|与|和)|发展趋势|(?:深度|专题)?分析[:：]|\banaly[sz](?:is|es|ing)\b|\bexplainer\b"
)
"""A title that names its text an analysis (中国石墨物项出口管制调整的影响及行业发展趋势, "Analyzing China's
Timing in Rare Earth Export Controls"): the measures it discusses are its subject, not its news; like an
undecided lead, only a sentence that dates an act of its own is read."""


def _undecided_lead(title: str, parts: list[tuple[int, str]]) -> bool:
    """Whether the document is about a measure not decided: its title, or the text's first sentence that
    names a measure (below a headline that may say "moves to ban"), names it as threatened, planned,
    advised, studied, proposed or denied ("Duterte says he will soon announce a mining suspension",
    该协会已建议铜冶炼企业减产, "India rejects call to ban
    iron ore exports"). The sentences after it that name the measure again ("生产商应…削减产量") go on about
    the same undecided thing; only one that dates an act of its own (a verb of the act and a day) is read."""
    # the title's measure as said up to its clause ("Production resumes in Yichun, …, unlikely to affect
    # supply chain, analysts say" is decided: the hedge is the analysts' view of its effect)
    if title and _measures_of(_plain(title).casefold()) and _not_decided(_up_to_first_measure(title)):
        return True
    if ANALYSIS_TITLE.search(title.casefold()):
        return True
    for _, s in parts:
        low = _plain(s).casefold()
        if _measures_of(low) and not unaffected(low):
            return _not_decided(_up_to_first_measure(s))
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
    r"|受[^，,。；;]{0,16}影响[^。；;]{0,40}?(?:价|行情|惜售|惜货|成交|看涨|看好)"
    r"|(?:价|行情)[^。；;]{0,16}?(?:归因于|归功于|源于|源自|得益于|受益于)"
)
"""A sentence that gives a measure as the cause of a price move or of the market's mood
("开采指标偏紧……是钨价持续上行的主要原因", "prices rallied because of tight quotas",
价格迅速攀升，主要归因于…的消息, 受国家收储政策影响，零售商对后市稀土价格看好): a market view, not the
measure announced."""


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
)
"""A market-data report's opening line: a price service's figures for the day
("长江有色金属网数据显示,2025年10月16日,长江综合1#钨粉均价报612500元/吨")."""


def _price_data_opening(parts: list[tuple[int, str]]) -> bool:
    """Whether the text opens as a price service's daily report (``PRICE_DATA_OPENING``) in a first sentence
    that states no measure: a price report, as by its title."""
    if not parts:
        return False
    first = parts[0][1]
    return PRICE_DATA_OPENING.search(first) is not None and not _measures_of(_plain(first).casefold())


def _price_report(title: str) -> bool:
    """Whether the document is a price or market report: its title names prices or the market report and
    states no measure ("钨钴周评：APT价格再创新高"). Its measures are what the market watches; only a sentence
    that announces one with a date ("will … from 1 May") counts."""
    return PRICE_TITLE.search(title.casefold()) is not None and _first_measure(title) is None


DURING_MEASURE = re.compile(
    r"(?:停产|减产|限产|暂停|停止|禁令|禁运|管制|关闭)期间"
    r"|\bduring\s+(?:the\s+|this\s+|its\s+)?(?:\w+\s+)?(?:halt|suspension|shutdown|closure|ban|moratorium|"
    r"stoppage|embargo)\b"
)
"""A sentence set in the period of the document's own measure (停产期间，我市将全面禁止堆浸工艺…, "during
the moratorium, miners must clear their stockpiles") states that measure's terms, not another measure."""
OTHER_GOODS = re.compile(
    r"其他\S{0,4}(?:金属|矿产|矿物|商品|原材料|产品)"
    r"|\bother\s+(?:\S+\s+)?(?:metals|minerals|commodities|materials|products|ores)\b"
)
"""A measure on "other metals" than the text's (当局已经采取行动停止一些其他金属的出口, "it has already
banned exports of other minerals") is not on the document's elements."""


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
NOT_COMMITTED = re.compile(
    r"\b(?:no|not|never|yet\s+to|(?:has|have)n't|deferr?\w*|postpon\w*|shelv\w*|cancel\w*|delay\w*|"
    r"put\s+on\s+hold|on\s+hold|scrapp\w*|abandon\w*|paus\w*|suspen\w*|withdr[ae]w\w*|stall\w*|"
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
EXPORT_WORD = re.compile(r"出口|\bexport")
"""A restriction on imports, not exports: no export control."""
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
    r"|\bin\s+retaliation\s+(?:for|against)\b"
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
)
"""Goods described as under a measure ("some of which are currently bound to export controls by … China", "is
already subject to an export ban"): the regime in force, a description of the goods, not an act."""


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


def _only_in_after_clause(low: str, measure: str) -> bool:
    """Whether a sentence names the measure only in a clause of what came before its news ("The Pentagon holds
    a germanium stockpile, a spokesperson said on Thursday after China announced export restrictions"): the
    measure is the occasion, not the sentence's act (a sentence that opens with "After …" is left alone)."""
    m = AFTER_CLAUSE.search(low)
    if m is None:
        return False
    return not _mentions(low[: m.start()], measure) and _mentions(m.group(1), measure)


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


ZH_FROM_DATE = re.compile(r"[今明去]?[\d\s年月]*日\s*(?:起|至|到|开始|以来|实施|施行|执行|生效|—|－|-)")
ORDERED_ON = re.compile(r"[^.;。；]{0,45}?\b(?:ordered|imposed|introduced|placed|enacted)\b")


def _from_date(before: str, after: str) -> bool:
    """ "自2011年1月1日起" (from that day on), "自2012年1月1日实施" (in force from that day), the start of a
    period "从8月1日至年底" and of an action going on since "从3月20日以来": the commonest Chinese ways to
    state when a measure applies."""
    if before.rstrip().endswith(("自本", "从本", "自下", "从下")) and ZH_FROM_WEEKDAY.match(after):
        return True
    return before.rstrip().endswith(("自", "从")) and ZH_FROM_DATE.match(after) is not None


ZH_FROM_WEEKDAY = re.compile(r"(?:星期|周|週|礼拜)[一二三四五六日天]\s*(?:起|开始)")
"""A start given by a weekday of this week or the next (从本周三起, 自下周一起): the day ``_zh_days``
reads."""


RESTARTED_ON = re.compile(r"[\d\s年月]*日\s*(?:正式|全面|已)?(?:复产|复工|恢复|重启)")
"""The day production or trade started again ("藏格锂业于 2025 年 10 月 11 日正式复产",
"井下工作于2025年6月7日恢复"): a resumption's start."""


STARTED_ON = re.compile(r"[\d\s年月]*日\s*(?:正式)?(?:点火)?(?:投料)?(?:试生产|试产|投产|开工)")
"""The day a plant or project started ("于2026年1月2日点火投料试生产运营", "于3月1日正式投产"): an
investment's start."""


RESUMED_ON = re.compile(
    r"\b(?:resum|restart|reopen)\w*\s+(?:\S+\s+){0,4}?(?:production|mining|operations|output|processing|"
    r"smelt\w*|the\s+mine)\b[^.;]{0,40}?\bon\s+$"
)
"""The day production started again, in English ("Alphamin resumed processing stockpiled ore on April 15"; not
trade resumed, "resumed exports … on Friday", whose day is the report's news, not a start)."""


def _ordered_on(before: str, after: str) -> bool:
    """ "On April 4, the government ordered restrictions …": the day the sentence's measure was ordered."""
    return re.search(r"(?:^|\s)on\s+$", before) is not None and ORDERED_ON.match(after) is not None


def _published_here(s: str, low: str, announced: date | None, anchor: str = "published") -> date | None:
    """For a sentence that puts an act in force from its publication: the act's own publication date when the
    sentence gives it ("2025年7月28日…令第71号公布，自公布之日起施行"), else the document's."""
    if not (_has(low, FROM_PUBLICATION) or FROM_PUBLICATION_RE.search(low)):
        return None
    for pos, d in dates_in(s, announced, anchor):
        if PUBLISHED_CUE.match(low, pos) and not FROM_PUBLICATION_RE.match(low, pos):
            return d
    return announced


REFERENCE_DATE = re.compile(
    r"(?:\bprices?\b|\bassess\w*|\bquoted\b|\bstood\b|\btraded\b|\binventor\w*|\bstocks?\b|\byuan\b|"
    r"[$€£¥]\s?\d|\bper\s+(?:kg|kilogram|tonne|ton|mt|pound)\b|/kg|/t\b|价格|报价|均价|库存|元/吨|元/公斤)"
    r"[^.;。；,，]{0,60}$"
)
"""A date that dates a price or a stock figure ("assessed at $300/kg as of December 16", "价格……截至12月16日")
is a reference date, not the day a measure applies from."""


def _reference_date(low: str, pos: int) -> bool:
    return REFERENCE_DATE.search(low[max(0, pos - 90) : pos]) is not None


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


SAME_DAY_START = re.compile(r"(?:于|从)?(?:当日|当天)(?:起|开始|正式|即)|(?:于|从)(?:当日|当天)")
"""A start put on the day the sentence has just named (于当日开始试生产, 当天起生效)."""


IMMEDIATE = re.compile(r"立即(?:起|开始)?(?:停止|禁止|暂停|停产|关停|实施|施行|执行|生效|实行)")
"""A measure said to act at once (将立即停止镍矿出口, 立即暂停): in force from the day it is announced, as
即日起 is, when the text gives no start of its own (责令立即停产 beside 自8月1日起 keeps 1 August)."""


ISSUING_VERBS = re.compile(
    r"下发|印发|公布|颁布|批复|批准|签署|签发|发布|\b(?:issued|approved|signed|promulgated)\b"
)
ISSUING_REACH = 40


def _issued_on(s: str, base: date | None) -> list[date]:
    """The days a sentence dates an issuing act on: an issuing verb (下发, 公布, 批复, issued, approved,
    signed) after the date within its clause ("2011年12月9日，国家关税税则委员会下发通知", "14日公布"); not a
    start ("自…实施") or a reference date. With no ``base``, only days written with their year."""
    low = s.casefold()
    out = []
    for pos, d in dates_in(s, base):
        after = re.split(r"[;；。]", low[pos : pos + ISSUING_REACH])[0]
        before = low[max(0, pos - 25) : pos]
        if (
            ISSUING_VERBS.search(after)
            and not before.rstrip().endswith(("自", "从"))
            and not _reference_date(low, pos)
        ):
            out.append(d)
    return out


def _dated_act(s: str, published: date) -> date | None:
    """The day a sentence stating the measure gives its own act, written in full with its year and before the
    report: "2011年12月9日，国家关税税则委员会下发通知…公布了《2012年出口关税实施方案》" in a table of duties
    published in January, "2010年2月9日，内蒙古自治区人民政府批复了《…战略储备方案》" in a report of the
    next year.
    Only for a text that dates no issuing act of its own days (``_recent_act``)."""
    return next((d for d in _issued_on(s, None) if d < published), None)


SPOKEN_AFTER = re.compile(r"\s*(?:晚|上午|下午|晚间)?\s*(?:解释|表示|回应|说|称|答问|介绍|强调|指出)")


def _spoken_on(s: str, published: date) -> date | None:
    """The day the measure's own sentence says its speaker spoke, a day or more before the report and within
    ``ACT_REACH_DAYS`` ("大陆商务部12日解释，…合规的出口申请，都可以获得批准" in a report of 12 October: the
    12th, whatever act another sentence dates on the 9th)."""
    for pos, d in dates_in(s, published):
        end = s.find("日", pos)
        if 0 <= (published - d).days <= ACT_REACH_DAYS and end >= 0 and SPOKEN_AFTER.match(s, end + 1):
            return d
    return None


def _recent_act(parts: list[tuple[int, str]], published: date) -> bool:
    """Whether the text dates an issuing act within ``ACT_REACH_DAYS`` of its publication
    ("8月22日，《…办法》公布", "商务部14日公布"): its news is that act, and an older full date in it is
    another act's (the decree's own date in a citation, the first batch of the year before)."""
    return any(
        0 <= (published - d).days <= ACT_REACH_DAYS for _, s in parts for d in _issued_on(s, published)
    )


ON_OR_AFTER = re.compile(r"\bon\s+or\s+after\b[^;]{0,50}$")
"""Goods "entered for consumption … on or after 12:01 a.m. eastern daylight time on August 1, 2025": the day a
duty or a prohibition applies from, a time of day between."""
PROHIBITED_AFTER = re.compile(r"\b(?:after|beyond)\s+$")
"""A prohibition from a day on: "will not be allowed to import … after July 1, 2023"."""


def _effective_anywhere(text: str, announced: date | None, anchor: str = "published") -> date | None:
    for s in sentences(text):
        published = _published_here(s, s.casefold(), announced, anchor)
        if published is not None:
            return published
    for s in sentences(text):
        sl = s.casefold()
        for pos, d in dates_in(s, announced, anchor):
            before, after = sl[max(0, pos - 25) : pos], sl[pos : pos + 40]
            cue = _has(before, EFFECTIVE_CUES) or _has(after, EFFECTIVE_CUES) or _from_date(before, after)
            cue = cue or ON_OR_AFTER.search(sl[max(0, pos - 80) : pos]) is not None
            if cue and not _has(before, UNTIL_CUES) and not _reference_date(sl, pos):
                return d
    return None


MONTH_NAMES = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
MONTH_START = re.compile(
    r"\b(?:from|starting(?:\s+in)?|beginning(?:\s+in)?|as\s+of|effective)\s+("
    + "|".join(MONTH_NAMES)
    + r")\s+((?:19|20)\d\d)\b"
    r"|(?:自|从|于)\s*((?:19|20)\d\d)\s*年\s*(\d{1,2})\s*月\s*(?:起|开始)",
    re.I,
)
"""A start given by month and year ("from January 2027", "starting in June 2023", "自2027年1月起")."""


MONTH_START_YEARLESS = re.compile(
    r"\b(?:starting(?:\s+in)?|beginning(?:\s+in)?|as\s+of|effective(?:\s+from)?)\s+("
    + "|".join(MONTH_NAMES)
    + r")\b(?!\s*(?:\d|to\b|through\b|until\b|-))"
    r"|(?<![\d年月])(\d{1,2})\s*月份?\s*(?:起|开始|[至到]年底)"
    r"|(本|下)月(?:起|开始)"
    r"|\b(this|next)\s+month\b",
    re.I,
)
"""A start given by its month alone in the measure's own sentence ("starting in June", 从6月起, 自9月份开始,
本月起, "as of next month"; not "from July", which also compares figures): the first of that month, in the
year that puts it nearest the announcement (a report of 12 June 2008 that mines stop 从6月起 means 1 June
2008)."""
MONTH_RANGE = re.compile(r"(?<![\d年.])(\d{1,2})\s*(?:月份?)?\s*(?:-|—|–|－|~|至|到)\s*(\d{1,2})\s*月份?")
"""A period given by months in the measure's own sentence (9-12月份, 9月至12月): it starts on the first of
its first month."""


EN_MONTH_RANGE = re.compile(
    r"\bfrom\s+("
    + "|".join(MONTH_NAMES)
    + r")\s+(?:to|through|until|till)\s+(?:"
    + "|".join(MONTH_NAMES)
    + r")\b",
    re.I,
)
"""A period given by months in English ("from September to December this year"): it starts on the first of
its first month (not "from July", which also compares figures)."""
EFFECTIVE_PERIOD = re.compile(r"\beffective\s+period\b|\bperiod\s+of\s+validity\b|有效期|执行期|实施期")
"""A sentence that gives the period a measure is in force ("The effective period will be from September to
December", 有效期为9-12月): its months date the measure stated before it."""


def _yearless_month_start(sentence: str, announced: date | None) -> date | None:
    if announced is None:
        return None
    m = MONTH_START_YEARLESS.search(sentence)
    month = None
    if m is not None and m.group(1):
        month = MONTH_NAMES.index(m.group(1).casefold()) + 1
    elif m is not None and m.group(2):
        month = int(m.group(2))
    elif m is not None:
        ahead = (m.group(3) or m.group(4)).casefold() in ("下", "next")
        month = (announced.month + ahead - 1) % 12 + 1
    else:
        r = MONTH_RANGE.search(sentence)
        en = EN_MONTH_RANGE.search(sentence)
        if r is not None and int(r.group(1)) < int(r.group(2)) <= 12:
            month = int(r.group(1))
        elif en is not None:
            month = MONTH_NAMES.index(en.group(1).casefold()) + 1
    if month is None or not 1 <= month <= 12:
        return None
    year = _year_for(month, 1, announced) or announced.year
    return date(year, month, 1)


YEAR_START = re.compile(
    r"(?<!\d)(\d{4})\s*年(?:起|开始|度)?\s*(?:将|要)?\s*(?:降低|减少|削减|压减|减产|限产|停产|停止|禁止|暂停|实施|实行|征收|加征)"
    r"|\b(?:from|starting(?:\s+in)?|beginning(?:\s+in)?|as\s+of)\s+(\d{4})\b(?!\s*[-/]\d)"
)


def _year_start(sentences: list[str], announced: date | None) -> date | None:
    """1 January of a later year that a sentence stating the measure gives as its time ("(1)2026年降低矿铜产能
    负荷10%以上" in a text of November 2025, "will ban exports from 2027"); only a year after the
    announcement's."""
    for s in sentences:
        for m in YEAR_START.finditer(_to_simplified.convert(s).casefold()):
            year = int(m.group(1) or m.group(2))
            if announced is not None and announced.year < year <= announced.year + 10:
                return date(year, 1, 1)
    return None


FUTURE_IN_MONTH = re.compile(
    r"\bwill\s+be\s+(?:temporarily\s+)?(?:suspended|halted|closed|stopped|ceased|banned|shut|imposed|"
    r"introduced|implemented|lifted|wound\s+down|winded\s+down)\s+in\s+("
    + "|".join(MONTH_NAMES)
    + r")\s+((?:19|20)\d\d)\b",
    re.I,
)
"""A measure said to take hold in a month of a later date ("Operations will be suspended in October 2024" in
a release of July 2024): it starts on the first of that month, as "from October 2024" does."""


def _month_start(
    text: str, announced: date | None, anchor: str = "published", sentence: str = ""
) -> date | None:
    """The day a measure starts from when the text gives only its month ("will ban exports from January
    2027"): a full date of that month that the text gives ("until 10 June 2023 …; from that date"), else the
    first of the month. Only a start after the announcement. Without a year, ``_yearless_month_start``."""
    found = [m for m in (MONTH_START.search(text), FUTURE_IN_MONTH.search(text)) if m is not None]
    if not found:
        return _yearless_month_start(sentence, announced)
    for m in found:  # "will commence from July 2024" past, then "will be suspended in October 2024"
        if m.group(1):
            month = MONTH_NAMES.index(m.group(1).casefold()) + 1
            year = int(m.group(2))
        else:
            year, month = int(m.group(3)), int(m.group(4))
        if not 1 <= month <= 12:
            continue
        start = date(year, month, 1)
        if announced is not None and start <= announced:
            continue
        same = sorted(d for _, d in dates_in(text, announced, anchor) if (d.year, d.month) == (year, month))
        return same[0] if same else start
    return None


ACT_VERBS = re.compile(
    r"\b(?:signed|approved|decided|adopted|passed|announced|ordered|issued)\b"
    r"|签署|签订|签发|批准|决定|宣布|发布|(?:审议|表决|会议)通过"
    r"|(?:启动|开工|签约|奠基|投产|落成)(?:大会|仪式|典礼)[^，,。；;]{0,20}?(?:召开|举行)"
    r"|(?:召开|举行)[^，,。；;]{0,10}?(?:启动|开工|签约|奠基|投产|落成)(?:大会|仪式|典礼)"
)
"""The verbs of the act itself (signed, approved, ordered, issued, announced, 批准, 决定, 宣布; a launch,
groundbreaking or signing ceremony held: 项目启动大会…召开), not of what someone said about it ("said on
Monday", 表示): a report dated the day after a statement is announced on its publication date."""
SPEECH_VERBS = re.compile(
    r"\b(?:said|told|stated)\b|对记者说|(?<![据听])说(?=[，,：:])|表示|宣称|获悉|了解到|的发言"
)
OFFICIAL_SPEAKER = re.compile(
    r"\b(?:minister|president|prime\s+minister|premier|government|ministry|cabinet|officials?|diplomats?)\b"
    r"|部长|总统|总理|政府|内阁|有关部门|有关方面|官员|外交官|首席执行官|董事长|总裁"
)
"""A statement is the act when an official makes it and the text gives its calendar day ("Mines Minister …
said at the post-cabinet media briefing on Tuesday, 10 June 2025", "矿业部长星期三（2月25日）……对记者说"); an
official who "said on Monday" (a weekday only) or a company's statement dates no act."""
ACT_REACH_DAYS = 10
ISSUED_OPENING = re.compile(
    r"[\d\s年月]*日\s*[，,]\s*[^，,。；;]{0,60}?(?:印发|下发|颁布|发布|签发)(?:了)?\s*(?:《|关于|\S{0,8}通知)"
)
"""A sentence that opens on the day a body issued a document ("10月18日，工信部印发《稀土行业发展规划》",
"2月13日，工信部会同…七部门联合下发《…的函》"): that day is the act's, however long after it the report came
out, within ``ISSUED_REACH_DAYS``."""
ISSUED_REACH_DAYS = 31
ACT_PARAGRAPHS = 2


def _body_paragraphs(parts: list[tuple[int, str]]) -> set[int]:
    """The first ``ACT_PARAGRAPHS`` paragraphs of a report's text, not counting a headline repeated above it
    or a byline or time stamp ("2021-07-22 11:32 央广网", "2008年06月12日 17:50"): short lines that end no
    sentence."""
    text: dict[int, str] = {}
    for para, s in parts:
        text[para] = text.get(para, "") + s
    body = [p for p, t in text.items() if len(t) > 60 or re.search(r"[。.!?！？]\s*$", t)]
    return set(body[:ACT_PARAGRAPHS])


def _dateline_weekday(s: str, pos: int, d: date) -> bool:
    """Whether a day opening a sentence (a dateline: "HARARE, Aug 3 (Reuters) - …") is the weekday on which
    the same sentence says the news was made ("… the minister said on Tuesday", and Aug 3 was a Tuesday)."""
    if pos >= DATELINE_REACH:
        return False
    said = re.search(r"\bon\s+(" + "|".join(WEEKDAYS) + r")\b", s, re.I)
    return said is not None and WEEKDAYS.index(said.group(1).casefold()) == d.weekday()


ISSUE_FIELD = re.compile(
    r"(?:发布|印发|成文|发文)日期\s*[】\]]?\s*[:：]?\s*(\d{4})\s*[-年./]\s*(\d{1,2})\s*[-月./]\s*(\d{1,2})"
    r"|\b(?:date\s+of\s+issue|issue\s+date|date\s+issued)\s*[:：]\s*(\d{4})-(\d{1,2})-(\d{1,2})",
    re.I,
)
"""A notice's own issue date given as a field at its head (【发布日期】2012-12-21, 发文日期：2012年12月21日,
"Date of issue: 2012-12-21"): the day of the act, before the day a site reposted it."""
ISSUE_FIELD_REACH = 600


def _issue_field(head: str, published: date) -> date | None:
    """The issue date a notice's head states, when it is on or before the page's date and at most a quarter
    (``STALE_DAYS``) before it; else None."""
    m = ISSUE_FIELD.search(head)
    if m is None:
        return None
    y, mo, d = (int(g) for g in (m.groups()[:3] if m.group(1) else m.groups()[3:]))
    try:
        day = date(y, mo, d)
    except ValueError:
        return None
    return day if 0 <= (published - day).days <= STALE_DAYS else None


DATED_ACT_AFTER = re.compile(
    r"(?:[今明去\d\s年月]*日|(?:星期|周|週|礼拜)[一二三四五六日天])\s*(?:晚间|晚上|上午|下午|早间)?\s*"
    r"(?:公告|最终确认|确认|证实|披露|裁定|终裁)(?![的书])"
)
"""A verb of the act written right after its day (6月22日晚间公告, 美国商务部11日最终确认, 周一披露,
于周三证实): the day the decision was stated, matched from the day's own position so that a 公告 named
elsewhere in the sentence (a notice's name) dates nothing."""
REPORTED_ON = re.compile(r"\b(?:reported|confirmed)\s+(?:on\s+)?$")
"""The day a decision was reported or confirmed ("…, People's Daily Overseas Edition reported on May 29" in a
report of 30 May): the day it was stated."""


SIGNATURE = re.compile(
    r"\n[ \t　]*([^\n。；;，,]{2,40})[ \t　]*\n"
    r"[ \t　]*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日[ \t　]*$"
)
"""A Chinese notice's signature: the issuing body on a line of its own, then the full date on the last line
("…请及时报自治区国土资源厅。¶ 附件：… ¶ 内蒙古自治区国土资源厅 ¶ 2016年8月22日")."""


def _signature_date(text: str, published: date) -> date | None:
    """The date a notice reposted on a page is signed with, when it is on or before the page's date and at
    most a quarter (``STALE_DAYS``) before it: the notice's own day, not the day a site posted it."""
    m = SIGNATURE.search(text.rstrip())
    if m is None:
        return None
    try:
        day = date(int(m.group(2)), int(m.group(3)), int(m.group(4)))
    except ValueError:
        return None
    return day if 0 <= (published - day).days <= STALE_DAYS else None


def _act_date(parts: list[tuple[int, str]], published: date) -> date | None:
    """The day of the act a news report is about, when its opening paragraphs date it before the report
    ("signed … on 20 October 2025" in a report of 22 October; 印度联邦内阁11月26日批准 in a report of 27
    November; a dateline 新华社金沙萨6月21日电): a date at most a week before publication, next to the verb of
    the act. None when they date nothing so, or the act is of the day of publication."""
    body = _body_paragraphs(parts)
    for para, s in parts:
        if para not in body:
            continue
        low = s.casefold()
        official_speech = any(
            OFFICIAL_SPEAKER.search(low[max(0, m.start() - 60) : m.end() + 40])
            for m in SPEECH_VERBS.finditer(low)
        )
        dated_verb = DATED_ACT_AFTER.search(low) or re.search(r"\b(?:reported|confirmed)\b", low)
        for pos, d in dates_in(s, published):
            if pos <= 2 and ISSUED_OPENING.match(low, pos) and 0 < (published - d).days <= ISSUED_REACH_DAYS:
                return (
                    d  # "2月13日，工信部…联合下发《…函》" in a report of 27 February: the day it was issued
                )
        if not ACT_VERBS.search(low) and not official_speech and not dated_verb:
            continue
        weekdays = {p for p, _ in _weekdays(s, published, set())}
        for pos, d in dates_in(s, published):
            if not 0 < (published - d).days <= ACT_REACH_DAYS:
                continue
            window = low[max(0, pos - 200) : pos + 60]
            act = (
                ACT_VERBS.search(window) is not None
                or DATED_ACT_AFTER.match(low, pos) is not None
                or REPORTED_ON.search(low[max(0, pos - 30) : pos]) is not None
                or (official_speech and pos not in weekdays and SPEECH_VERBS.search(window) is not None)
                or (official_speech and _dateline_weekday(s, pos, d))
            )
            if act and not _reference_date(low, pos):
                return d
    return _news_dateline(parts, body, published) or _adjacent_weekday(parts, body, published)


NEWS_WEEKDAY = re.compile(
    r"\b(?:said|announced|approved|awarded|told\b[^.;]{0,40}?)"
    r"(?:\s+in\s+an?\s+(?:\w+\s+)?(?:post|statement|filing|note|notice|release|letter))?"
    r"\s+(?:on\s+)?(" + "|".join(WEEKDAYS) + r")\b"
    r"|\bin\s+an?\s+(" + "|".join(WEEKDAYS) + r")\s+(?:statement|announcement|filing)\b",
    re.I,
)
"""The weekday a report's opening says its news was made ("Lynas … said on Thursday it got a A$14.8 million
grant", "in a Tuesday statement", "its subsidiary told employees in a letter on Monday", "the ministry said
Friday", "Antaike said in a post on Thursday")."""


def _adjacent_weekday(parts: list[tuple[int, str]], body: set[int], published: date) -> date | None:
    """The day of the news when the report's first paragraph names it by a weekday next to the report's own:
    the day before ("a Tuesday statement" in a report of Wednesday), or the day after when the report is dated
    in a time zone behind the news ("said on Thursday" in a Reuters report dated Wednesday, US time). Other
    weekdays are left to the report's date."""
    first = min(body) if body else None
    for para, s in parts:
        if para != first:
            continue
        m = NEWS_WEEKDAY.search(s)
        if m is None:
            continue
        named = WEEKDAYS.index((m.group(1) or m.group(2)).casefold())
        for step in (-1, 1):
            if (published.weekday() + step) % 7 == named:
                return date.fromordinal(published.toordinal() + step)
    return None


NEWS_DATELINE = re.compile(
    r"(?:据|^|\s)[\u4e00-\u9fff]{0,8}?(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*(?:消息|电|报道)"
)
"""A Chinese newswire dateline: the day the news was filed from its city ("据北京11月1日消息",
"新华社金沙萨6月21日电", "据美联社7月5日报道")."""


def _news_dateline(parts: list[tuple[int, str]], body: set[int], published: date) -> date | None:
    """The day of a Chinese newswire dateline opening the report's text, up to ``ACT_REACH_DAYS`` before the
    report: "2012年11月2日 文华财讯 据北京11月1日消息，中国商务部在一份声明中称" is news of 1 November,
    when no sentence dates the act itself."""
    for para, s in parts:
        if para not in body:
            continue
        for m in NEWS_DATELINE.finditer(s[: DATELINE_REACH + 40]):
            for year in (published.year, published.year - 1):  # a dateline of 12月30日 in a report of 1月2日
                try:
                    d = date(year, int(m.group(1)), int(m.group(2)))
                except ValueError:
                    continue
                if 0 < (published - d).days <= ACT_REACH_DAYS:
                    return d
        return None
    return None


EXPLICIT_YEAR = re.compile(
    r"(?<![\d$#.,])(?<!no\.\s)(?<!第)((?:19|20)\d\d)(?![\d,]\d)"
    r"(?!\s*(?:吨|万|亿|元|美元|千克|公斤|平方|毫米|米|人|家|个|%|％|\s(?:tonnes|tons|t|mt|kg|people)\b))",
    re.I,
)
"""A year the text names (2025, 2017年, "in 2020"), not a number (No. 2026, $2025, 2,025) nor a quantity
(年产1000吨和2000吨, "2000 tonnes")."""


def _year_bases(parts: list[str], today: date) -> list[tuple[date | None, str]]:
    """For a text without a publication date, what each sentence's days without a year are read against: the
    nearest sentence that names a year (itself first; its first full date, else the middle of that year) when
    it is at most ``YEAR_REACH`` sentences away (else none),
    else, when the text names no year at all, the day it is read (a text is not from the future)."""
    marks: list[tuple[int, date]] = []
    for i, s in enumerate(parts):
        full = dates_in(s, None)
        year = EXPLICIT_YEAR.search(s)
        if full:
            marks.append((i, full[0][1]))
        elif year:
            marks.append((i, date(int(year.group(1)), 7, 1)))
    future = [m for m in marks if m[1] > today]
    marks = [m for m in marks if m[1] <= today]  # "from 2031 to 2060": a year to come dates no report
    if not marks:
        pinned = _weekday_pinned(parts, today)
        if pinned is not None:
            return [(pinned, "year")] * len(parts)
        if future:
            return [(None, "year")] * len(parts)  # only years to come: the days stay undated
        return [(today, "reading")] * len(parts)
    out: list[tuple[date | None, str]] = []
    for i in range(len(parts)):
        at, base = min(marks, key=lambda m: (abs(m[0] - i), m[0]))
        out.append((base if abs(at - i) <= YEAR_REACH else None, "year"))
    if future and any(base is None for base, _ in out):
        # "SANTIAGO, July 1 (Reuters) - Codelco said on Tuesday … from 2031 to 2060 … since 1979": the
        # dateline's weekday dates the days the years named near them cannot
        pinned = _weekday_pinned(parts, today)
        if pinned is not None:
            out = [(pinned, kind) if base is None else (base, kind) for base, kind in out]
    # "11月1日，金石资源公告称… ¶ …（金昌矿业2024年11月份原计划生产…）": a day no named year reaches is of
    # the year the text names with that same month, when it names only one
    named_months = _month_years(" ".join(parts), today)
    for i, (reach, kind) in enumerate(out):
        if reach is not None:
            continue
        months = _yearless_months(parts[i])
        years = {(y, m) for m in months for y in named_months.get(m, ())}
        if len(years) == 1:
            named_year, named_month = years.pop()
            out[i] = (date(named_year, named_month, 15), kind)
    # "据外电1月9日消息，美国铝业周二称… ¶ 该精炼厂在1963年投产": a day with its weekday is of a year in
    # which it falls on that weekday; when the year named nearest it is not such a year, the day is of the
    # latest one beside a year the text names (2024 beside 2023 and 2025, not 1963)
    named = {d.year + k for _, d in marks for k in (-1, 0, 1)}
    # ("on Wed 2 Apr" beside the "Energy Act of 2020": no year near 2020 has a Wednesday 2 April, so the
    # latest that has, as in a text that names no year; only for a weekday written beside its day, not for a
    # dateline's "said on Monday", which may be a day or two before the dateline's day)
    found = _weekday_day(parts, today, named) or _weekday_day(parts, today, beside_only=True)
    if found is not None:
        at_sentence, day = found
        read = _year_for(day.month, day.day, out[at_sentence][0])
        if read is None or _day(read, day.month, day.day).weekday() != day.weekday():
            out[at_sentence] = (day, "year")
    return out


ZH_YEAR_MONTH = re.compile(r"((?:19|20)\d\d)\s*年\s*(\d{1,2})\s*月")
EN_MONTH_YEAR = re.compile(
    r"\b(" + "|".join(MONTH_NAMES) + r")(?:\s+\d{1,2}(?:st|nd|rd|th)?)?,?\s+((?:19|20)\d\d)\b", re.I
)
MONTH_NUMBER = {name[:3]: i for i, name in enumerate(MONTH_NAMES, start=1)}


def _month_years(text: str, today: date) -> dict[int, set[int]]:
    """Month → the years the text names it with (2024年11月份, "November 2024"), not after ``today``."""
    out: dict[int, set[int]] = {}
    pairs = [(int(m.group(1)), int(m.group(2))) for m in ZH_YEAR_MONTH.finditer(text)]
    pairs += [
        (int(m.group(2)), MONTH_NUMBER[m.group(1)[:3].casefold()]) for m in EN_MONTH_YEAR.finditer(text)
    ]
    for year, month in pairs:
        if 1 <= month <= 12 and year <= today.year:
            out.setdefault(month, set()).add(year)
    return out


def _yearless_months(sentence: str) -> set[int]:
    """The months of the days a sentence gives without a year (11月1日, "Nov. 1")."""
    months = {int(m.group(2)) for m in ZH_DATE.finditer(sentence) if not m.group(1)}
    for m in EN_DATE.finditer(sentence):
        if not (m.group(3) or m.group(6) or m.group(7)):
            name = (m.group(2) or m.group(4)).casefold()
            months.add(MONTH_NUMBER.get(name[:3], 0))
    return months - {0}


YEAR_REACH = 3
"""How many sentences away a named year still dates a day written without one. Farther off, the year is
another event's ("LONDON, Sept 22 (Reuters) - … ¶ … In 2020, the company's scientists developed …": the
report is not of 2020), and the day stays undated rather than wrongly dated."""


WEEKDAY_SHORT = r"mon|tues?|wed|thu(?:rs?)?|fri|sat|sun"
"""Weekdays abbreviated, read only right before the day they name ("on Wed 2 Apr")."""
WEEKDAY_BESIDE = re.compile(
    r"\b(" + "|".join(WEEKDAYS) + r"|" + WEEKDAY_SHORT + r")\b\.?,?\s+$"
    r"|^\s*[,(（]?\s*(" + "|".join(WEEKDAYS) + r")\b",
    re.I,
)
ZH_WEEKDAY_BESIDE = re.compile(
    r"(?:星期|周|礼拜)([一二三四五六日天])\s*[（(]?\s*$|^\s*[（(]\s*(?:星期|周|礼拜)([一二三四五六日天])"
)
DATELINE_REACH = 40
"""How far into a text its dateline's day may stand ("MELBOURNE, Aug 5 (Reuters) - Australia said on
Tuesday …")."""
WEEKDAY_YEARS = 30


def _weekday_of(name: str) -> int:
    if name in ZH_WEEKDAY_NUMBERS:
        return ZH_WEEKDAY_NUMBERS.index(name)
    if name in ("日", "天"):
        return 6
    return next(i for i, day in enumerate(WEEKDAYS) if day.startswith(name.casefold()[:3]))


def _weekday_pinned(parts: list[str], today: date) -> date | None:
    """In a text that names no year, a day written with its weekday says which year it is: the last year, on
    or before the day of reading, in which that day falls on that weekday ("in the week to Friday September
    17" read in 2026 is 2021-09-17; 9月17日（星期五） likewise). A dateline's day ("MELBOURNE, Aug 5
    (Reuters) - Australia said on Tuesday"; "据外电1月9日消息，美国铝业周二称") is the weekday the same
    sentence says the news was made on. None when no day has its weekday beside it."""
    found = _weekday_day(parts, today)
    return found[1] if found is not None else None


ZH_SAID_WEEKDAY = re.compile(r"(?:星期|周|礼拜)([一二三四五六日天])(?:称|表示|宣布|说|透露|发布|公布)")
"""The weekday a Chinese report says the news was made on (美国铝业周二称)."""


def _weekday_day(
    parts: list[str], today: date, years: set[int] | None = None, beside_only: bool = False
) -> tuple[int, date] | None:
    """(sentence, day) of the first day written without a year but with its weekday (``_weekday_pinned``): in
    the last year on or before the day of reading in which it falls on that weekday, of ``years`` when given,
    else of the last ``WEEKDAY_YEARS``."""
    wanted = sorted(years, reverse=True) if years else range(today.year, today.year - WEEKDAY_YEARS, -1)
    for i, s in enumerate(parts):
        days: list[tuple[int, int, int, int]] = []  # (position, end, month, day) of each day without a year
        for m in EN_DATE.finditer(s):
            if m.group(3) or m.group(6) or m.group(7):
                continue
            parsed = dateparser.parse(
                m.group(0), languages=["en"], settings={"REQUIRE_PARTS": ["day", "month"]}
            )
            if parsed is not None:
                days.append((m.start(), m.end(), parsed.month, parsed.day))
        for m in ZH_DATE.finditer(s):
            if not m.group(1):
                days.append((m.start(), m.end(), int(m.group(2)), int(m.group(3))))
        for start, end, month, day in days:
            beside = WEEKDAY_BESIDE.search(s[max(0, start - 12) : start]) or WEEKDAY_BESIDE.match(s, end)
            zh = ZH_WEEKDAY_BESIDE.search(s[max(0, start - 6) : start]) or ZH_WEEKDAY_BESIDE.match(s, end)
            found = beside or zh
            name = next((g for g in found.groups() if g), None) if found is not None else None
            if name is None and not beside_only and i == 0 and start < DATELINE_REACH and len(days) == 1:
                said = re.search(r"\bon\s+(" + "|".join(WEEKDAYS) + r")\b", s, re.I)
                name = said.group(1) if said else None
            dateline = i <= 1 and len(days) == 1 and NEWS_DATELINE.match(s[: DATELINE_REACH + 40])
            if name is None and not beside_only and dateline:
                said_zh = ZH_SAID_WEEKDAY.search(s)  # "据外电1月9日消息，美国铝业周二称" after a headline
                name = said_zh.group(1) if said_zh else None
            if name is None:
                continue
            weekday = _weekday_of(name)
            for year in wanted:
                try:
                    d = date(year, month, day)
                except ValueError:
                    if years:
                        continue
                    break
                if d <= today and d.weekday() == weekday:
                    return i, d
    return None


def date_anchor(published: date | None, text: str) -> str:
    """How days without a year are read against the announcement: "published" when the document is dated or
    names a year, else "undated" (``dates_in``)."""
    return "published" if published is not None or EXPLICIT_YEAR.search(text) else "undated"


def _announced(text: str, today: date | None = None) -> date | None:
    """The announcement day of a text without a publication date: a dateline, a date in a sentence that
    announces or issues, the signature date at the end, the first full date; else the first day written
    without a year, in the year of the nearest sentence naming one, else the last such day before ``today``
    (the day of reading)."""
    parts = sentences(text)
    if not parts:
        return None
    bases = _year_bases(parts, today or date.today())

    def days(i: int) -> list[tuple[int, date]]:
        base, anchor = bases[i]
        return dates_in(parts[i], base, anchor)

    opening = days(0)
    if opening and opening[0][0] == 0:
        return opening[0][
            1
        ]  # a dateline: "12月11日，越南国会通过…" (2026年1月1日 later in the sentence → 2025;
        # "7月13日，工信部下达2017年第二批…" → 2017)
    for i, s in enumerate(parts):
        low = FROM_PUBLICATION_RE.sub(" ", s.casefold())  # "自本公告公布之日起至…": no publication date
        if _has(low, ("公布", "发布", "印发", "announced", "issued", "published", "released")):
            found = days(i)
            if found:
                return found[0][1]
    tail = dates_in(text[-200:], None)
    if tail:
        return tail[-1][1]
    head = dates_in(text, None)
    if head:
        return head[0][1]
    for i in range(len(parts)):
        found = days(i)
        if found:
            return found[0][1]
    return None

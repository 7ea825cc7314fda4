"""The days of an act: when a notice was published or issued, when its measure takes effect (from publication,
from a day, from the start of a month or year), an act dated in the body, a signature, a newswire dateline.
"""

from __future__ import annotations

import re
from datetime import date

from reechain.signals.dates import (
    DATELINE_REACH,
    EFFECTIVE_CUES,
    FROM_PUBLICATION,
    FROM_PUBLICATION_RE,
    MONTH_NAMES,
    NEWS_DATELINE,
    PAST_SPAN,
    PUBLISHED_CUE,
    UNTIL_CUES,
    WEEKDAYS,
    ZH_WEEKDAY,
    _weekdays,
    _year_for,
    dates_in,
)
from reechain.signals.text import _has, _to_simplified, sentences

STALE_DAYS = 92
"""How long before a text's publication a measure may have taken effect and still be the text's news (a
report a month after a halt began, zh_h5_sichuan_2011, is; a review of the year is not): a quarter."""


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


SPOKEN_AFTER = re.compile(r"\s*(?:晚|上午|下午|晚间)?\s*(?:解释|表示|回应|说|称|答问|介绍|强调|指出|透露)")


def _spoken_on(s: str, published: date) -> date | None:
    """The day the measure's own sentence says its speaker spoke, a day or more before the report and within
    ``ACT_REACH_DAYS`` ("大陆商务部12日解释，…合规的出口申请，都可以获得批准" in a report of 12 October: the
    12th, whatever act another sentence dates on the 9th; "ASM周四透露，已经收到…" in a Friday's report: the
    Thursday)."""
    for pos, d in dates_in(s, published):
        weekday = ZH_WEEKDAY.match(s, pos)
        end = weekday.end() if weekday else s.find("日", pos) + 1
        if 0 <= (published - d).days <= ACT_REACH_DAYS and end > 0 and SPOKEN_AFTER.match(s, end):
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
            past = PAST_SPAN.search(sl[max(0, pos - 60) : pos]) is not None
            if cue and not past and not _has(before, UNTIL_CUES) and not _reference_date(sl, pos):
                return d
    return None


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
    r"\b(?:signed|approved|decided|adopted|passed|announced|ordered|issued|(?:have|has|had)\s+agreed)\b"
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
    r"|[\d\s年月]*日\s*[，,]\s*[^，,。；;]{0,40}?(?:公布|发布)\s*[，,:：]"
)
"""A sentence that opens on the day a body issued a document ("10月18日，工信部印发《稀土行业发展规划》",
"2月13日，工信部会同…七部门联合下发《…的函》", "7月24日,山东省发展改革委员会网站公布,…"): that day is the
act's, however long after it the report came out, within ``ISSUED_REACH_DAYS``."""
ISSUED_REACH_DAYS = 31
DOCUMENT_DATED = re.compile(r"(?:\b(?:is|was|were|been)\s+|[,，]\s*)dated\s+(?:on\s+)?$")
"""A document's own date told in the report ("The order, seen by Reuters on Wednesday, … It is dated April 5
and signed by Mines Minister Martin Kabwelulu", "a decree, dated March 3, …"): the day of the act, however
long after it the report came out, within ``ISSUED_REACH_DAYS``."""
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
    r"(?:公告|最终确认|确认|证实|披露|裁定|终裁|否决|撤销|吊销|宣布|决定|批准)(?![的书])"
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
            if (
                DOCUMENT_DATED.search(low[max(0, pos - 30) : pos])
                and 0 < (published - d).days <= ISSUED_REACH_DAYS
            ):
                return d  # "The order … is dated April 5 and signed by the Mines Minister": the order's day
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
        day_only = NEWS_DATELINE_DAY.match(s)
        if day_only is not None:
            # "(中央社华盛顿17日综合外电报导)" in a page of 18 May: the last 17th up to the report's day
            for back in range(1, ACT_REACH_DAYS + 1):
                d = date.fromordinal(published.toordinal() - back)
                if d.day == int(day_only.group(1)):
                    return d
        return None
    return None


NEWS_DATELINE_DAY = re.compile(
    r"\s*[(（]?\s*(?:中央社|新华社|中新社)[\u4e00-\u9fff]{1,8}?(\d{1,2})\s*日\s*(?:综合外电|专电)?\s*(?:电|报导|报道)"
)
"""A newswire's dateline that gives the day without its month, opening the text
("(中央社华盛顿17日综合外电报导)"): the news of the last such day before the report."""

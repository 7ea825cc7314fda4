"""Dates and references in the text of a notice or article: the days a sentence names (with or without a year,
by weekday, relative to a base day), the year a yearless text stands in, the day it was published, spans of
months, and the issuers and document numbers it cites.
"""

from __future__ import annotations

import functools
import re
from datetime import date, datetime

import dateparser

from reechain.signals.text import DURATION, NUMBER_WORDS, _has, memo, sentences
from reechain.signals.vocabulary import ISSUER_ORDER, automaton

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
    "no later than",  # "production … will be suspended no later than 20 October": the act's last day to start
    "not later than",
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


@functools.lru_cache(maxsize=4096)
def _parsed(text: str, future: bool, base: date | None, clock: date) -> datetime | None:
    """``dateparser.parse`` of an English date (``EN_DATE``'s match) with the day and the month required,
    with ``future`` preferring dates from the future, read against ``base`` when given (its RELATIVE_BASE).
    ``clock``, the clock's day at the call, is part of the memo's key: dateparser reads what the text leaves
    out against the clock where no base is given."""
    settings: dict[str, object] = {"PREFER_DATES_FROM": "future"} if future else {}
    settings["REQUIRE_PARTS"] = ["day", "month"]
    if base is not None:
        settings["RELATIVE_BASE"] = datetime(base.year, base.month, base.day)
    parsed: datetime | None = dateparser.parse(text, languages=["en"], settings=settings)
    return parsed


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


RECENT_START_DAYS = 7
"""How many days before the text a start or an end given without its year may lie and still be this year's,
in a sentence that speaks of no future ("will be banned with effect from January 3" on 4 January is next
year's)."""
FUTURE = re.compile(r"\b(?:will|shall|is\s+to|are\s+to)\b|将")


def _year_for(
    month: int, day: int, base: date | None, forward: bool = False, latest: bool = False, recent: bool = False
) -> int | None:
    """The year of a day given without one: the nearest such day to ``base`` (news reports a day just past,
    "12月11日" in a December article; a notice of late December names next January), or with ``forward`` the
    first on or after it ("from 1 July", "until 10 November"), or with ``recent`` (a sentence that speaks of
    no future) one at most ``RECENT_START_DAYS`` before it. With ``latest`` (a text that names no year) a day
    that is not a start or an end is the last such day on or before ``base``: nothing dates it later."""
    if base is None:
        return None
    if latest and not forward:
        return base.year if _day(base.year, month, day) <= base else base.year - 1
    if forward:
        # a start a few days past is this year's ("The new rates are effective from July 17" in a report of 18
        # July), not next year's
        past = (base - _day(base.year, month, day)).days
        return base.year if past <= 0 or (recent and past <= RECENT_START_DAYS) else base.year + 1
    return min(
        (base.year - 1, base.year, base.year + 1),
        key=lambda y: abs((_day(y, month, day) - base).days),
    )


def _day(year: int, month: int, day: int) -> date:
    return date(year, month, 28) if (month, day) == (2, 29) and year % 4 else date(year, month, day)


PAST_SPAN = re.compile(
    r"\b(?:lasted|ran|spanned|took\s+place|(?:was|were)\s+(?:held|conducted|carried\s+out))\s+from\s*"
    r"(?:[^.;]{1,25}?\s(?:to|until|till|through)\s*)?$"
)
"""A span told in the past ("inspections …, which lasted from September 27 to October 13"): its days are no
measure's start."""
IN_FORCE_ALREADY = re.compile(
    r"\b(?:has|have|had)\s+been\s+\w+ed\s+(?:\S+\s+){0,3}?(?:with\s+effect\s+)?from\s*$|" + PAST_SPAN.pattern
)
"""A start in the perfect ("exports have been banned with effect from March 2", in a report of 3 March), or of
a span told in the past ("inspections …, which lasted from September 27 to October 13", in a report of 14
December), is already past: the nearest such day, not the next one."""


def dates_in(sentence: str, base: date | None, anchor: str = "published") -> list[tuple[int, date]]:
    """(position, date) of every date in the sentence. A date without a year needs ``base`` (none without it).
    ``anchor`` says what ``base`` is: "published", the document's date (weekdays and days without a month
    are read against it too); "undated", the announcement day of a text that names no year (a day is the last
    on or before it, a start or end after from/until the first on or after it); "year", a date standing for
    a year the text names near the sentence; "reading", the day the text is read, which it cannot postdate
    (every day the last on or before it). Only days with their month are read against "year" and "reading"."""
    return _dates_in(sentence, base, anchor, date.today())


@memo(maxsize=8192)
def _dates_in(sentence: str, base: date | None, anchor: str, clock: date) -> list[tuple[int, date]]:
    """``dates_in`` as of the clock's day ``clock`` (``_parsed``)."""
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
        parsed = _parsed(m.group(0), True, base, clock)
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
            recent = FUTURE.search(sentence.casefold()) is None
            year = _year_for(when.month, when.day, base, forward, latest, recent) or when.year
            when = _day(year, when.month, when.day)
        out.append((m.start(), when))
    if base is not None and anchor in ("published", "undated"):
        taken = {p for p, _ in out}
        out += _weekdays(sentence, base, taken)
        out += _zh_days(sentence, base, taken)
        if anchor == "published":
            out += _relative_days(sentence, base, {p for p, _ in out})
    return sorted(out)


def has_date(sentence: str) -> bool:
    """Whether a sentence gives a day: a full date, or an English day and month without a year ("On April 4,
    the government ordered …" is dated even where no publication date says which year)."""
    if dates_in(sentence, None):
        return True
    return any(
        not (m.group(3) or m.group(6) or m.group(7))
        and _parsed(m.group(0), False, None, date.today()) is not None
        for m in EN_DATE.finditer(sentence)
    )


ZH_DAY_ONLY = re.compile(r"(?<![\d月年号/.-])(?<!月\s)(\d{1,2})\s*日(?!\s*[起至到])")
"""A day of the month written alone, as Chinese news dates what happened days before: 当地时间11日,
欧盟19日通过 (not a full date: 12月11日 is ``ZH_DATE``'s; not "11日起", a start, which a report names with its
month)."""
ZH_DAY_NUMERAL = r"[一二三]?十[一二三四五六七八九]?|[二三四五六七八九]"
"""A day of the month in Chinese numerals (十五, 二十八, 五): shared by ``ZH_NUMERAL_DAY`` and the reader's
actor-day test (``extract.DAY_OPENING``)."""
ZH_NUMERAL_DAY = re.compile(
    r"(?<![\d一二三四五六七八九十〇零月年号第同某每前后当今明昨本上下周期拜])"
    rf"({ZH_DAY_NUMERAL})日(?![内间游起至到之前后])"
)
"""A day of the month in Chinese numerals, as Taiwan and Hong Kong papers write it (川普十五日扩大…, 税率在
十八日生效): read as ``ZH_DAY_ONLY`` reads 15日 (not 一日, 每日, 十日内, 五日起)."""
ZH_DIGITS = "一二三四五六七八九"


def _zh_numeral(text: str) -> int:
    """一 … 三十一 as a number."""
    if "十" not in text:
        return ZH_DIGITS.index(text) + 1
    tens, _, units = text.partition("十")
    return (ZH_DIGITS.index(tens) + 1 if tens else 1) * 10 + (ZH_DIGITS.index(units) + 1 if units else 0)


ZH_WEEKDAY = re.compile(r"(?:星期|周|週|礼拜)([一二三四五六日天])")
ZH_WEEKDAY_NUMBERS = "一二三四五六"


def _zh_days(sentence: str, base: date, taken: set[int]) -> list[tuple[int, date]]:
    """Chinese days given without a month, against the publication date ``base``: a day of the month alone is
    the last such day on or before it (this month's, else last month's); a weekday (周三, 星期三) the last on
    or before it, or with 下 before it (下周三) next week's."""
    out: list[tuple[int, date]] = []
    month_days = [(m.start(), int(m.group(1))) for m in ZH_DAY_ONLY.finditer(sentence)]
    month_days += [(m.start(), _zh_numeral(m.group(1))) for m in ZH_NUMERAL_DAY.finditer(sentence)]
    for pos, day in month_days:
        if pos in taken or not 1 <= day <= 31:
            continue
        year, month = base.year, base.month
        if day > base.day:
            year, month = (year, month - 1) if month > 1 else (year - 1, 12)
        try:
            out.append((pos, date(year, month, day)))
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


RELATIVE_START = re.compile(
    r"\b(?:from|starting|beginning|as\s+of|effective)\s+(today|tomorrow)\b|(?:自|从)?(今日|今天|明日|明天)(?:起|开始)"
)
"""A start told by the day of the text ("will temporarily suspend production … from tomorrow", 自明日起): the
publication day, or the day after it."""
YESTERDAY = re.compile(r"\b(?:late\s+|early\s+)?yesterday\b|昨(?:天|日)")
"""The day before the text's ("the Ministry of Land and Resources said in a statement on its Web site late
yesterday"; 昨日): the day a statement was made, read as a weekday next to the report's day is."""


def _relative_days(sentence: str, base: date, taken: set[int]) -> list[tuple[int, date]]:
    """Days told by the day of the text: a start today or tomorrow (``RELATIVE_START``), and yesterday
    (``YESTERDAY``)."""
    out: list[tuple[int, date]] = []
    low = sentence.casefold()
    for m in RELATIVE_START.finditer(low):
        word = m.group(1) or m.group(2)
        pos = m.start(1) if m.group(1) else m.start(2)
        if pos not in taken:
            out.append((pos, date.fromordinal(base.toordinal() + (word in ("tomorrow", "明日", "明天")))))
    for m in YESTERDAY.finditer(low):
        if m.start() not in taken:
            out.append((m.start(), date.fromordinal(base.toordinal() - 1)))
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


def _year_from_reading(text: str, today: date) -> bool:
    """Whether a text without a publication date names no year at all (no year, no full date, no weekday
    that pins one), so that its days take the year of reading (``_year_bases``)."""
    parts = sentences(text)
    return bool(parts) and _text_year_bases(text, today)[0][1] == "reading"


def _text_year_bases(text: str, today: date) -> list[tuple[date | None, str]]:
    """``_year_bases`` of a text's sentences (a text without a publication date has them read twice: for its
    announcement and for whether its year is assumed)."""
    return _year_bases_as_of(text, today, date.today())


@memo(maxsize=256)
def _year_bases_as_of(text: str, today: date, clock: date) -> list[tuple[date | None, str]]:
    """``_text_year_bases`` as of the clock's day ``clock`` (``dates_in``)."""
    return _year_bases(sentences(text), today)


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


NEWS_DATELINE = re.compile(
    r"(?:据|^|\s)[\u4e00-\u9fff]{0,8}?(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*(?:消息|电|报道)"
)
"""A Chinese newswire dateline: the day the news was filed from its city ("据北京11月1日消息",
"新华社金沙萨6月21日电", "据美联社7月5日报道")."""


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
            parsed = _parsed(m.group(0), False, None, date.today())
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
    bases = _text_year_bases(text, today or date.today())

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


MONTH_ONLY = re.compile(
    r"\b(?:in|since|from|during)\s+(" + "|".join(MONTH_NAMES) + r")\b(?!\s+\d)(?:\s+(\d{4})\b)?"
    r"|(?:^|(?<=[，,。；;\s])|(?<=今年))(\d{1,2})\s*月份?(?!\s*\d)"
)
EARLIER_MONTHS = 2
"""How many months before the report a month named without a day dates an act told as background ("In
January Zambia raised royalties …" in a report of June, "1月份,…冶炼厂…投产" in one of August): another act,
earlier."""
_MONTH_INDEX = {name: i for i, name in enumerate(MONTH_NAMES, start=1)}


def _months_back(low: str, published: date) -> int:
    """How many months before the report's the earliest month a sentence names without a day ("in January",
    1月份; a month after the report's month, with no year, is not counted: it may be to come or last year's);
    0 when it names none."""
    back = 0
    for m in MONTH_ONLY.finditer(low):
        month = _MONTH_INDEX[m.group(1)] if m.group(1) else int(m.group(3))
        if not 1 <= month <= 12:
            continue
        if m.group(2) is None and month > published.month:
            continue  # a later month: this year's, still to come, or last year's; not told
        year = int(m.group(2)) if m.group(2) else published.year
        back = max(back, (published.year - year) * 12 + published.month - month)
    return back

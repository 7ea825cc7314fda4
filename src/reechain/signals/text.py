"""Plain text of a notice or article for the signals reader: traditional Chinese made simplified, paragraphs
and sentences, and the names, titles and phrases blanked before a sentence is read (``_plain``).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import ParamSpec, TypeVar, cast

import opencc

from reechain.signals.vocabulary import lexicon

P = ParamSpec("P")
R = TypeVar("R")


def memo(maxsize: int) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """A bounded memo (``functools.lru_cache``) of a pure function of hashable arguments whose result may be a
    list or a set, or a tuple holding one: every caller gets its own copy of those, so that a caller that
    changes what it got changes nothing another caller gets."""

    def decorate(fn: Callable[P, R]) -> Callable[P, R]:
        cached = functools.lru_cache(maxsize=maxsize)(fn)

        @functools.wraps(fn)
        def call(*args: P.args, **kwargs: P.kwargs) -> R:
            return _fresh(cached(*args, **kwargs))  # type: ignore[arg-type]

        return call

    return decorate


def _fresh(value: R) -> R:
    """A copy of a list or set (a tuple with them copied inside); anything else as it is."""
    if isinstance(value, list | set):
        return cast(R, value.copy())
    if isinstance(value, tuple):
        return cast(R, tuple(x.copy() if isinstance(x, list | set) else x for x in value))
    return value


@functools.lru_cache(maxsize=16384)
def _search(key: str, low: str) -> bool:
    rx: re.Pattern[str] | None = lexicon()[key]
    return rx is not None and rx.search(low) is not None


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
        self._character_changes = _changes(self._characters)
        self._regional_changes = _changes(self._regional)

    def convert(self, text: str) -> str:
        return self._convert(text) if len(text) < 400 else self._uncached(text)  # titles recur: cached

    @functools.lru_cache(maxsize=1024)  # noqa: B019 (one instance for the module's life)
    def _convert(self, text: str) -> str:
        return self._uncached(text)

    def _uncached(self, text: str) -> str:
        text = PINYIN_GLOSS.sub("", text)
        plain = _converted(self._characters, self._character_changes, text)
        regional = plain if plain == text else _converted(self._regional, self._regional_changes, text)
        return regional


def _converted(converter: opencc.OpenCC, changes: re.Pattern[str] | None, text: str) -> str:
    """``converter.convert(text)``. OpenCC splits a text at its separators (its ``split_chars_re``: spaces,
    punctuation) and converts each piece on its own; a piece that holds nothing it changes (``_changes``)
    comes back as it is, so only the pieces that do are converted (none in an English text or in most
    simplified ones)."""
    split = getattr(converter, "split_chars_re", None)
    if changes is None or not isinstance(split, re.Pattern):
        out: str = converter.convert(text)
        return out
    if changes.search(text) is None:
        return text
    pieces = split.split(text)
    return "".join(
        str(converter.convert(piece)) if i % 2 == 0 and changes.search(piece) else piece
        for i, piece in enumerate(pieces)
    )


def _changes(converter: opencc.OpenCC) -> re.Pattern[str] | None:
    """What a converter changes in a text. OpenCC replaces the substrings of a text that are keys of its
    dictionaries by their values (the first of several), a dictionary after another on what the one before
    gave; so a text in which no key occurs whose value is another comes back as it is. Such a key is a
    character that converts, or holds one, or is one of the few phrases that hold none ("反覆", "瞭解"): a
    pattern of those characters and phrases. None when the dictionaries cannot be read (every text is then
    converted)."""
    keys: list[str] = []
    stack: list[object] = [getattr(converter, "_dict_chain_data", None)]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, tuple) and len(item) == 3 and isinstance(item[2], dict):
            keys += [str(k) for k, v in item[2].items() if str(v).split(" ")[0] != k]
        else:
            return None
    characters = {k for k in keys if len(k) == 1}
    phrases = sorted({k for k in keys if characters.isdisjoint(k)}, key=len, reverse=True)
    if not characters or "" in phrases:
        return None
    character = "[" + "".join(map(re.escape, sorted(characters))) + "]"
    return re.compile("|".join([character, *map(re.escape, phrases)]))


_to_simplified = _Simplifier()


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


@memo(maxsize=256)
def paragraph_sentences(text: str) -> list[tuple[int, str]]:
    """(paragraph number, sentence) of every sentence of a text."""
    out: list[tuple[int, str]] = []
    for number, para in enumerate(_paragraphs(text)):
        joined = ABBREVIATIONS.sub(lambda m: m.group(0).replace(".", "\u2024"), _join_lines(para))
        joined = INITIAL.sub(lambda m: m.group(0).replace(".", "\u2024"), joined)
        # a half-width question or exclamation mark ends a Chinese sentence too ("…审批的情况?以及…改善?商务部
        # 新闻发言人何亚东表示…"): the question and the answer are two sentences; so does a half-width full
        # stop between two Chinese characters ("…将继续延迟至本年底.马来西亚此前是…")
        parts = re.split(
            r"(?<=[。！？；;])|(?<=[.!?])\s+(?=[A-Z0-9\"“(])|(?<=[.!?][\"”’])\s+(?=[A-Z0-9\"“(])"
            r"|(?<=[?!])(?=[\u4e00-\u9fff])|(?<=[\u4e00-\u9fff]\.)(?=[\u4e00-\u9fff])|\s*(?=[•▪●◆]\s*\S)",
            joined,
        )  # a bullet (•) opens an item of its own: "These include: • Mobilizing … • Securing …"; a full stop
        # inside closing quotes ends the sentence too ('… in "care and maintenance." It expects …')
        out += [(number, x.strip().replace("\u2024", ".")) for x in parts if x and x.strip()]
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


@functools.lru_cache(maxsize=8192)
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
    r"|(?:主要)?投资(?:方|商)(?!面)"
    r"|\b(?:investment\s+(?:coordinating\s+)?(?:board|ministry|minister|agency|authority)|"
    r"ministry\s+of\s+investment|total\s+investment\s+(?:of|in))\b",
    re.I,
)
"""Investment words that commit no money: the name of a body (印尼投资协调委员会主席, "the
Investment Coordinating Board", "Minister of Investment"), an investor named (QMB主要投资方格林美) and the
size of a project described (龙蟠时代一期项目总投资超过25亿元, "a total investment of $2 billion" in a text
about the plant's halt) are blanked (same length); money a text commits is stated by a verb (投资建设, 斥资,
"will invest")."""


def _has(text: str, words: tuple[str, ...]) -> bool:
    return any(w in text for w in words)


def _title_case(sentence: str) -> bool:
    """A heading in title case ("US Sets Preliminary Duty on Chinese Anode Graphite"): most words
    capitalised, where a capitalised word is no name."""
    words = re.findall(r"[A-Za-z][\w'-]*", sentence)
    long = [w for w in words if len(w) > 3]
    return len(long) >= 3 and sum(w[0].isupper() for w in long) >= 0.7 * len(long)


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

"""The direction of a measure (1 tightens supply, -1 loosens, 0 neutral): the words that raise or lower it,
stockpiles released or grown, tariffs and rebates cut or raised, quotas compared with the year before.
"""

from __future__ import annotations

import re

from reechain.signals.elements import _elements
from reechain.signals.measures import (
    RESTART_LATER,
    _lifted,
    _lifting,
    _mentions,
    _phrase_stated,
    _turned,
    combined_cues,
    exchange_halt,
)
from reechain.signals.text import _has, _search

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
    "tripl",
    "doubl",
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
LOOSEN_LICENCE = (
    "通用许可",
    "general licen",
    "general export licen",
    "approved licen",
    "批准",
    "issued licen",
    "granted",
)


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


RESTART_AFTER_HALT = re.compile(
    r"(?:停产|停工|关停|停运|暂停\S{0,4}(?:生产|运营))[^。；;]{0,30}?后[，,]?[^。；;]{0,12}?(?:重启|复产|复工|恢复生产)"
    r"|\brestart\w*\b[^.;]{0,80}?\b(?:after|following)\s+(?:\S+\s+){0,3}?(?:suspend|halt|clos|shut|idl)\w*"
)
"""A restart told after the halt it ends ("QMB…滑坡事故导致全面停产近两个月后,已于近日重启", "approved the
restart of the Savannah nickel project …, a year after suspending operations"): where production stands is
restarted (not "停产后将择机重启", a condition: ``CONDITIONAL_RESTART``)."""


def _direction(measure: str, s: str, base: int) -> int:
    if measure == "production_cut":
        s = re.sub(RESTART_LATER, " ", s)  # "关闭…冶炼厂,…,重启生产时间将另行通知": the halt, no restart
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
        return 0 if exchange_halt(s) else -1  # an exchange's halt of trading moves no metal
    if measure == "production_cut" and CONDITIONAL_RESTART.search(s):
        return base  # "已暂停开采作业…待获得批复后将尽早恢复生产": halted; the restart waits on a condition
    if measure == "production_cut" and RESTART_AFTER_HALT.search(s):
        return -base  # "…导致全面停产近两个月后,已于近日重启": the halt is what the restart ends
    if measure == "production_cut" and _search("rights_revoked", s):
        return base  # "revoked 51 mining licences": the revoking word takes rights away, it lifts nothing
    if measure == "stockpiling" and STOCKPILE_GROW.search(s.casefold()):
        return 1
    if measure == "stockpiling" and (
        STOCKPILE_RELEASE.search(s.casefold()) or STOCKPILE_LOWER.search(s.casefold())
    ):
        return -1
    if measure == "ban" and LIST_ADJUSTED.search(s) and not _lifting(s) and _turned(s, "ban") is None:
        # "jointly announced … to adjust the catalogue of the prohibited processing trade": no way said yet
        return 0
    if measure == "tariff":
        lowered = _tariff_lowered(s)
        if lowered is not None:
            return -base if lowered else base
        if TARIFF_ADJUSTED.search(s) and not _lifting(s) and _turned(s, "tariff") is None:
            return 0  # "issued a notice to announce the 2017 Tariff Adjustment Plan": no way said yet
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


LIST_ADJUSTED = re.compile(
    r"\b(?:adjust|amend|revis)\w*\s+(?:(?:to|of)\s+)?(?:the\s+)?(?:catalogue|catalog|list)\s+of\b|(?:调整|修订)\S{0,12}目录"
)
"""A list of banned goods adjusted without its way ("to adjust the catalogue of the prohibited processing
trade", 调整加工贸易禁止类商品目录): neutral until a sentence says what was added or taken off."""
TARIFF_ADJUSTED = re.compile(
    r"\btariff\s+adjustment|\badjust(?:s|ed|ing|ment)?\s+(?:\S+\s+){0,3}?(?:tariffs?|duties|duty)\b|关税调整|调整\S{0,8}关税"
)
"""A change of duties named without its way ("the 2017 Tariff Adjustment Plan", 调整部分商品关税): neutral
until a sentence says which duties go up or down."""


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
    r"|\broyalt(?:y|ies)\s+(?:relief|rebates?|holidays?)\b"
    r"|\b(?:remov|abolish|eliminat|scrap)\w*\s+(?:\S+\s+){0,4}?(?:dut(?:y|ies)|tariffs?)\b"
)
TARIFF_CUT = re.compile(
    r"(?:下调|降低|降至|降为|降到|减至|减为|下降至|调低|调降|削减)|\b(?:cut|reduc|lower)\w*\b(?!\s+(?:prices?|costs?|output|production))"
)
TARIFF_NOT_IMPOSED = re.compile(
    r"(?:不会|不予|不再|无需|将不)[^，,。；;]{0,16}?(?:发布|征收|实施|加征)[^，,。；;]{0,16}?(?:反倾销|反补贴|关税|税令)"
    r"|\b(?:will|would)\s+not\s+(?:issue|impose|levy)\s+(?:\S+\s+){0,4}?(?:duty|duties|tariffs?|orders?)\b"
)
"""Duties a determination says will not be imposed
("美国商务部将不会针对此类中国进口产品发布反倾销或反补贴税令", "will not issue antidumping duty orders"): the
case ends with none, a loosening against the duties it sought."""
TARIFF_RAISE = re.compile(
    r"(?:上调|提高|加征|升至|增至|调高)|\b(?:rais|increas|hik|doubl|tripl|impos|levy|levied|slap)\w*\b"
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
    down = (
        TARIFF_EXEMPT.search(low) is not None
        or TARIFF_CUT.search(low) is not None
        or TARIFF_NOT_IMPOSED.search(low) is not None
    )
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

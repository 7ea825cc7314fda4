"""Market signals: precision and recall on a hand-labelled set of notices and articles, against a keyword-only
baseline in the same run, and the time for 1,000 documents.

A predicted signal is right when its measure, direction and element set equal a labelled one of the same
document; dates are scored on the right signals (announced and effective both equal). Goals: precision >= 0.9,
recall >= 0.9, dates >= 0.95, 1,000 documents < 30 s. Exits non-zero when a goal is missed.

The speed held to the target is cold: every distinct document of the sets read once in a fresh process (the
reader memoises per-sentence work, so documents read just before, as the scoring reads them, come back fast),
scaled to 1,000 documents; the warm figure (1,000 documents, the sets' copies, right after the scoring) is
printed beside it.

With --relaxed, each set also gets looser figures (printed only; the strict ones and the exit status are
unchanged): the measure and direction right whatever the elements; the elements right by a Jaccard index of at
least 0.5; and per document, whether a signal document got any signal and a distractor none.

Usage: python benchmarks/signals.py [--copies 34] [--verbose] [--relaxed]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from reechain.signals.extract import extract
from reechain.signals.measures import MEASURE_PHRASES
from reechain.signals.reading import Document, read_document
from reechain.signals.trained import expand
from reechain.signals.vocabulary import REE

READ_ON = date(2026, 11, 28)
"""The day every set is read as of (``extract``'s ``today``): a document that gives no year in its text or
front matter is dated by the days before its reading (the last such day, or the weekday its dateline names),
so without a fixed day its figures would move with the calendar. The sets were assembled up to this day."""
DATA = Path(__file__).resolve().parent / "data" / "notices"
HELD_OUT = Path(__file__).resolve().parent / "data" / "notices_heldout"
"""First held-out set: scored once unchanged (recall 0.857), then its one miss led to two rule changes
(reported speech is not a hedge; "control exports" with a licence is one export control): now seen."""
HELD_OUT_2 = Path(__file__).resolve().parent / "data" / "notices_heldout2"
"""Second held-out set, written and labelled after those changes, before the reader was run on it; scored once
(precision 1.000, recall 0.818, dates 0.889), then its three misses led to vocabulary changes: now seen."""
HELD_OUT_3 = Path(__file__).resolve().parent / "data" / "notices_heldout3"
"""Third held-out set, written and labelled after every change above, before the reader was run on it; scored
once (precision 0.714, recall 0.556), then its misses led to three rules (a lifted measure is the sentence's
measure; quota growth is a rise; building a plant or awarding money is investment): now seen."""
HELD_OUT_4 = Path(__file__).resolve().parent / "data" / "notices_heldout4"
"""Fourth held-out set, written and labelled after every change above, before the reader was run on it; scored
once (precision 0.545, recall 0.500, dates 0.667), then its misses led to general mechanisms (a lexicon of
verb stems, elements from the next sentence or what a suspension suspends, history contexts, weekday and
decree dates): now seen."""
HELD_OUT_5 = Path(__file__).resolve().parent / "data" / "notices_heldout5"
"""Fifth held-out set, written and labelled after those mechanisms, committed before the reader was run on it;
scored once (precision 0.706, recall 0.632, dates 0.667; docs/performance.md, "Market signals, fifth held-out
set"), then its misses led to general mechanisms (what a verb acts on, the month May, effect clauses, false
claims, organisation names, the nearest year, periods and orders): now seen."""
HELD_OUT_6 = Path(__file__).resolve().parent / "data" / "notices_heldout6"
"""Sixth held-out set, written and labelled after those mechanisms, committed before the reader was run on it;
scored once (precision 0.533, recall 0.471; docs/performance.md, "Market signals, sixth held-out set"), then
general mechanisms were developed on the sets above only and it was scored once more at the end (docs/
performance.md, "Market signals, general mechanisms"): now seen."""
HELD_OUT_7 = Path(__file__).resolve().parent / "data" / "notices_heldout7"
"""Seventh held-out set, written and labelled by someone who had not read the rules, committed before the
reader was run on it, after the general mechanisms; scored once (precision 0.429, recall 0.214; docs/
performance.md, "Market signals, seventh held-out set"), then its misses led to the critical-minerals
vocabulary and general mechanisms (another country's authority, periods of a suspension, a ban replaced by
quotas, duties as tariffs): now seen."""
HELD_OUT_8 = Path(__file__).resolve().parent / "data" / "notices_heldout8"
"""Eighth held-out set, written and labelled by someone who had not read the rules, committed before the
reader was run on it, after the critical-minerals vocabulary; scored once (precision 0.524, recall 0.647,
dates 0.636; docs/performance.md, "Market signals, eighth held-out set"), then its misses led to general
mechanisms (carbon in superhard materials, committed investment, tariff direction, one act one signal, the
dated act in a report): now seen."""
HELD_OUT_9 = Path(__file__).resolve().parent / "data" / "notices_heldout9"
"""Ninth held-out set, written and labelled by someone who had not read the rules, committed before the reader
was run on it, after those mechanisms; scored once (precision 0.227, recall 0.263, dates 0.200; docs/
performance.md, "Market signals, ninth held-out set"); no rule was changed for it until the eleventh set's
round, whose mechanisms were also drawn from its remaining misses (lifting words' inflections, "on or after",
a measure planned; docs/performance.md, "Market signals, rules after the eleventh set"): now seen."""
HELD_OUT_10 = Path(__file__).resolve().parent / "data" / "notices_heldout10"
"""Tenth held-out set, written and labelled by someone who had not read the rules, committed (8cafa2e) before
the reader was run on it, with the rules unchanged since the ninth; scored once (docs/performance.md, "Market
signals, tenth held-out set": precision 0.600, recall 0.600, dates 0.667), then its misses led to general
mechanisms (a Chinese day written without its month, 从…开始 as a start, a reserve released, suspended
operations as a production cut; 2026-11-28): now seen."""
HELD_OUT_11 = Path(__file__).resolve().parent / "data" / "notices_heldout11"
"""Eleventh held-out set, written and labelled by someone who had not read the rules, committed (7c65e55; two
month-only front-matter dates dropped in 4618da2, texts and labels unchanged) before any reader was run on it,
with the rules unchanged since the tenth set's mechanisms. First reading, 2026-11-28 (docs/performance.md,
"Market signals, eleventh held-out set"): rules precision 0.308, recall 0.364, dates 0.500 (keyword baseline
0.167 / 0.182 / 0.000, same run); trained reader fitted on the development set and sets 1-10 0.267 / 0.364 /
0.500. Since added to the trained reader's TRAINING_SETS: now seen by it. Then its misses led to general
mechanisms (days without a year in undated texts, relative years and starts given by month, Taiwan's element
names, closing or cutting power to producers, a reserve's stock targets each way, boron and lead, bills,
requests and "other metals" as no measure, a halt's terms and the policy it implements, reported speech that
goes on; docs/performance.md, "Market signals, rules after the eleventh set (2026-11-28)"): now seen by the
rules too."""
HELD_OUT_12 = Path(__file__).resolve().parent / "data" / "notices_heldout12"
"""Twelfth held-out set, written and labelled by someone who had not read the rules (63320e7), merged after
the eleventh set's mechanisms; read once with the rules frozen (docs/performance.md, "Market signals,
twelfth and thirteenth held-out sets"): rules precision 0.467, recall 0.700, dates 0.429 (keyword baseline
0.211 / 0.400 / 0.000, same run); trained reader fitted on the development set and sets 1-11 0.412 / 0.700
/ 0.429. Since added to the trained reader's TRAINING_SETS. Then its misses, with the thirteenth set's, led
to general mechanisms (undecided measures: threatened, planned, advised, studied or denied, and the stories
led by one; a day dated by its weekday; an effective period given by months; lifting words as whole words and
a start in the perfect; docs/performance.md, "Market signals, rules after the twelfth and thirteenth sets
(2026-11-28)"): now seen by the rules too."""
HELD_OUT_13 = Path(__file__).resolve().parent / "data" / "notices_heldout13"
"""Thirteenth held-out set, written and labelled the same way (7195ba0) and read once with the twelfth:
rules 0.312 / 0.500 / 0.400 (keyword baseline 0.250 / 0.300 / 0.333); trained 0.417 / 0.500 / 0.400. Since
added to the trained reader's TRAINING_SETS. Then its misses led to the same round's general mechanisms (also
a Chinese bill, a licence regime as one export control, chrome ore as chromium, "lithium-ion" as no lithium, a
dateline's weekday, a far-off year leaving a day undated; docs/performance.md, "Market signals, rules after
the twelfth and thirteenth sets (2026-11-28)"): now seen by the rules too."""
HELD_OUT_14 = Path(__file__).resolve().parent / "data" / "notices_heldout14"
"""Fourteenth held-out set, written and labelled by someone who had not read the rules, committed (2a6e082)
before any reader was run on it, with the rules unchanged since the thirteenth set's round. First reading,
2026-11-28 (docs/performance.md, "Market signals, fourteenth held-out set"): rules precision 0.417, recall
0.455, dates 0.600 (keyword baseline 0.222 / 0.182, same run); trained reader 0.286 / 0.364. Since added to
the trained reader's TRAINING_SETS. Then its misses, with remaining ones of sets 9, 12 and 13, led to general
mechanisms (a pause on new mining rights as a ban and its end as the ban lifted, a suspended mine as a
halt, reported speech's past perfect, money received or secured in either language and the financed company's
elements, goods described as under a measure, a measure once taken, debated plans and discretionary powers as
undecided, the market's mood, a quota cited as a condition and the elements whose quota changes, pinyin
glosses, a measure in force a season before the text as history, a notice dated in full before the report,
a later year alone as a 1 January start; docs/performance.md, "Market signals, rules after the fourteenth
set (2026-11-28)"): now seen by the rules too."""

HELD_OUT_15 = Path(__file__).resolve().parent / "data" / "notices_heldout15"
"""Fifteenth held-out set, written and labelled by someone who had not read the rules, committed (8c647c2)
before any reader was run on it, with the rules of the fourteenth set's round. First reading, 2026-11-28
(docs/performance.md, "Market signals, fifteenth held-out set"): rules precision 0.357, recall 0.417, dates
0.800; keyword baseline 0.250/0.333. Its misses then led to general mechanisms (a government campaign against
illegal mining or production, or an order to investigate it, as a production cut; mines closed or blown up
with the verb after them; a grant or award of a stated amount as investment; a report without a published
date dated from the day in its address; a continuation promised (将继续) as undecided; a tally of past
enforcement over a period as history; a policy the market awaits and the state production is in as no
measure; a text titled as an analysis read like an undecided lead; a Chinese quota's own clause's
elements; docs/performance.md, "Market signals, rules after the fifteenth set (2026-11-28)"): now seen by the
rules too."""


HELD_OUT_16 = Path(__file__).resolve().parent / "data" / "notices_heldout16"
"""Sixteenth held-out set, written and labelled by someone who had not read the rules, committed (d00a5b5,
0d01737) before any reader was run on it, with the rules of the fifteenth set's round. First reading,
2026-11-28 (docs/performance.md, "Market signals, sixteenth held-out set"): rules 0.455 / 0.385 / 0.600,
keyword baseline 0.267 / 0.308 / 0.000, trained reader (sets dev-15) 0.333 / 0.385 / 0.600. Its misses then
led to general mechanisms (government money in any currency, backing of an amount and Chinese grants as
investment; a denied commitment, a hedge, courting investment or a restated stance as no money; a rare earth
plant's money on the elements it will produce; quotas kept unchanged beside a cut as a signal of direction 0;
a notice's issue-date field and a Chinese newswire dateline as the act's day; docs/performance.md, "Market
signals, sixteenth set's rules round (2026-11-28)"): now seen by the rules too."""


HELD_OUT_17 = Path(__file__).resolve().parent / "data" / "notices_heldout17"
"""Seventeenth held-out set (tariffs, stockpiles, export licences), written and labelled by someone who had
not read the rules, committed (950ffbb) before any reader was run on it, with the rules of the sixteenth set's
round. First reading, 2026-11-28 (docs/performance.md, "Market signals, seventeenth and eighteenth held-out
sets"): rules 0.333 / 0.455 / 0.400, keyword baseline 0.167 / 0.182 / 0.000. Its misses then led to general
mechanisms (investment words that commit no money: a body's name, a project's total investment; a question
as no measure; a reserve made larger as stockpiling +1 despite release terms; measures judged (un)likely,
kept in place or only asked about as undecided; ', and' closing a list of names kept in the measure's clause;
docs/performance.md, "Market signals, seventeenth and eighteenth sets' rules round (2026-11-28)"): now seen
by the rules too."""


HELD_OUT_18 = Path(__file__).resolve().parent / "data" / "notices_heldout18"
"""Eighteenth held-out set (suspensions, lifted bans, production cuts and restarts), written and labelled by
someone who had not read the rules, committed (c31b251) before any reader was run on it, with the rules of the
sixteenth set's round. First reading, 2026-11-28 (docs/performance.md, "Market signals, seventeenth and
eighteenth held-out sets"): rules 0.385 / 0.385 / 0.400, keyword baseline 0.071 / 0.077 / 0.000. Its misses
then led to general mechanisms (restarts of halted plants, lines or capacity as production_cut -1 and care
and maintenance as +1, capacity started in a restart text as no investment; an order overturned or repealed
as lifting its measure; investment words that commit no money; measures judged (un)likely or kept in place
as undecided; docs/performance.md, "Market signals, seventeenth and eighteenth sets' rules round
(2026-11-28)"): now seen by the rules too."""

HELD_OUT_19 = Path(__file__).resolve().parent / "data" / "notices_heldout19"
"""Nineteenth held-out set (a representative rare-earth inbox of 2024-2026: the first suitable item a search
gave for each topic, not a stress topic), written and labelled by someone who had not read the rules,
committed (02453cc) before any reader was run on it. First reading, 2026-11-28 (docs/performance.md,
"market signals, nineteenth held-out set (first reading, 17:47 UTC)"): rules 0.429 / 0.462 / 1.000, keyword
baseline 0.214 / 0.231 / 0.000. Its misses then led to general mechanisms (background measures beside the
document's act: judged, talked about, listed among a party's actions, the cause or circumstance of the act;
approved licence applications as export_licence -1 and licences approved under a control the text only
names as one act; an act named again with a demonstrative as no second measure; a half-width ? and a bullet
as sentence ends; the rare-earth group of the measure's paragraph or listed beside scandium; a lead's list
after a colon as its own acts; a government's offtake as stockpiling; a plant developed jointly as
investment; docs/performance.md, "market signals, nineteenth set's rules round"): now seen by the rules
too."""

HELD_OUT_20 = Path(__file__).resolve().parent / "data" / "notices_heldout20"
"""Twentieth held-out set (a representative China-facing strategic-minerals inbox of 2023-2026, official side
first), written and labelled by someone who had not read the rules, committed (8c87613; two texts also in set
19 removed, 2c8947a) before any reader was run on it. First reading, 2026-11-28 (docs/performance.md,
"market signals, twentieth held-out set (first reading, 17:52 UTC)"): rules 0.273 / 0.300 / 0.333, keyword
baseline 0.286 / 0.400 / 0.000; unchanged after the dates and set-19 rounds. Its misses then led to one
mechanism (a restart allowed only once a condition is met is no restart; docs/performance.md, "market
signals, twentieth set's rules round"), and its remaining misses to ten more (a rebate cut, the members of a
class, producers halted, "is not a ban", approvals under a control in force, what a measure does not touch, an
earlier act on other elements, interim results, a headline apart from its dateline, a restart's day;
docs/performance.md, "twentieth set's remaining misses"): now seen by the rules too."""
HELD_OUT_21 = Path(__file__).resolve().parent / "data" / "notices_heldout21"
"""Twenty-first held-out set (a representative inbox; it came out mostly on acts outside China, where the
writer found no unused Chinese official act), written and labelled by someone who had not read the rules,
committed (bd1d418) before any reader was run on it. First reading, 2026-11-28 21:41 UTC, after the twentieth
set's and the issuing-day rounds (docs/performance.md, "twenty-first held-out set (first reading)"): rules
0.357 / 0.455 / 0.400, keyword baseline 0.000 / 0.000 / 0.000. Its misses then led to general mechanisms
(docs/performance.md, "twenty-first set's rules round"): now seen."""
HELD_OUT_22 = Path(__file__).resolve().parent / "data" / "notices_heldout22"
"""Twenty-second held-out set (acts outside China: halts, restarts, quotas, a scrap export ban, an award),
written and labelled by someone who had not read the rules, committed (fd33e4b) before any reader was run on
it. First reading, 2026-11-28 22:18 UTC, after the twenty-first set's round (docs/performance.md,
"twenty-second held-out set (first reading)"): rules 0.462 / 0.600 / 0.333, keyword baseline 0.250 / 0.300 /
0.000."""
HELD_OUT_23 = Path(__file__).resolve().parent / "data" / "notices_heldout23"
"""Twenty-third held-out set (Chinese provinces, companies and regulators: halts, restarts, power curbs,
output deals), written and labelled by someone who had not read the rules, committed (fbdec83) before any
reader was run on it. First reading, 2026-11-28 22:19 UTC, with the same rules as the twenty-second's first
reading (docs/performance.md, "twenty-third held-out set (first reading)"): rules 0.714 / 0.556 / 0.400,
keyword baseline 0.100 / 0.111 / 0.000. The misses of sets 22 and 23 then led to general mechanisms
(docs/performance.md, "twenty-second and twenty-third sets' rules round"): both now seen."""
HELD_OUT_24 = Path(__file__).resolve().parent / "data" / "notices_heldout24"
"""Twenty-fourth held-out set (halts and restarts of manganese, cobalt, lithium and fluorspar mines, a
stockpile, a duty kept in force, an ore export stop, a cancelled plant), written and labelled by someone
who had not read the rules, committed (ccc772a) before any reader was run on it. First reading, 2026-11-29
01:19 UTC (docs/performance.md, "twenty-fourth held-out set (first reading)"): rules 0.667 / 0.400 / 0.750,
keyword baseline 0.200 / 0.200 / 0.000. Its misses then led to general mechanisms (docs/performance.md,
"twenty-fourth set's rules round"): now seen."""
HELD_OUT_25 = Path(__file__).resolve().parent / "data" / "notices_heldout25"
"""Twenty-fifth held-out set (a care-and-maintenance halt, restarts, a plant opened, a funding notice, a duty
review, an export suspension, a work-plan rule), written and labelled by someone who had not read the rules,
committed (6370488) before any reader was run on it; one text is also in set 24. First reading, 2026-11-29
01:40 UTC (docs/performance.md, "twenty-fifth held-out set (first reading)"): rules 0.400 / 0.444 / 0.750,
keyword baseline 0.200 / 0.111 / 0.000. Its misses then led to general mechanisms (docs/performance.md,
"twenty-fifth set's rules round"): now seen."""
HELD_OUT_26 = Path(__file__).resolve().parent / "data" / "notices_heldout26"
"""Twenty-sixth held-out set (a tariff exemption, investments, an anti-dumping duty, halts and restarts, a
licence statement), written and labelled by someone who had not read the rules, committed (798935b) before any
reader was run on it. First reading, 2026-11-29 02:00 UTC (docs/performance.md, "twenty-sixth held-out set
(first reading)"): rules 0.667 / 0.500 / 0.500, keyword baseline 0.154 / 0.250 / 0.000. Its misses then led
to general mechanisms (docs/performance.md, "twenty-sixth set's rules round"): now seen."""
HELD_OUT_27 = Path(__file__).resolve().parent / "data" / "notices_heldout27"
"""Twenty-seventh held-out set (an ore export ban, investments, an output target cut, an expected restart, an
import duty cut to zero), written and labelled by someone who had not read the rules, committed (18426ea)
before any reader was run on it. First reading, 2026-11-29 02:20 UTC (docs/performance.md, "twenty-seventh
held-out set (first reading)"): rules 0.250 / 0.333 / 0.500, keyword baseline 0.200 / 0.333 / 0.000. Its
misses then led to general mechanisms (docs/performance.md, "twenty-seventh set's rules round"): now seen."""

HELD_OUT_28 = Path(__file__).resolve().parent / "data" / "notices_heldout28"
"""Twenty-eighth held-out set (acts of governments and state bodies of 2025-2026: duties, licences, bans,
revoked permits), written and labelled by someone who had not read the rules, committed (3cdfd45) before
any reader was run on it. First reading, 2026-11-29 03:31 UTC (docs/performance.md, "twenty-eighth and
twenty-ninth held-out sets (first readings)"): rules 0.714 / 0.500 / 0.800, keyword baseline 0.000 / 0.000
/ 0.000. Its misses then led to general mechanisms (docs/performance.md, "twenty-eighth and twenty-ninth
sets' rules round"): now seen."""
HELD_OUT_29 = Path(__file__).resolve().parent / "data" / "notices_heldout29"
"""Twenty-ninth held-out set (acts of companies of 2023-2025: investments, openings, a closure, a halt, and a
plant grant), written and labelled by someone who had not read the rules, committed (c01e1a8) before any
reader was run on it. First reading, 2026-11-29 03:31 UTC (same section): rules 0.500 / 0.556 / 0.600,
keyword baseline 0.250 / 0.333 / 0.000. Its misses then led to general mechanisms (same rules round): now
seen."""

HELD_OUT_30 = Path(__file__).resolve().parent / "data" / "notices_heldout30"
"""Thirtieth held-out set (twelve Chinese texts on acts in China or by Chinese companies of 2023-2026: plant
investments and upgrades, a mine halt, an export quota notice), written and labelled by someone who had
not read the rules, committed (2e9c9ad) before any reader was run on it. First reading, 2026-11-29 04:26
UTC (docs/performance.md, "thirtieth held-out set (first reading)"): rules 0.800 / 0.500 / 0.250, keyword
baseline 1.000 / 0.500 / 0.000. Its misses then led to general mechanisms (docs/performance.md, "thirtieth
set's rules round"): now seen."""
HELD_OUT_31 = Path(__file__).resolve().parent / "data" / "notices_heldout31"
"""Thirty-first held-out set (thirteen English texts on acts outside China of 2023-2025: licensing, quota
revisions, a court's suspension, care and maintenance, plant awards and openings, revoked permits),
written and labelled by someone who had not read the rules, committed (489ec4e) before any reader was run
on it. First reading, 2026-11-29 04:08 UTC (docs/performance.md, "thirty-first held-out set (first
reading)"): rules 0.333 / 0.333 / 0.667, keyword baseline 0.300 / 0.333 / 0.333. Its misses then led to
general mechanisms (docs/performance.md, "thirtieth and thirty-first sets' rules round"): now seen."""

HELD_OUT_32 = Path(__file__).resolve().parent / "data" / "notices_heldout32"
"""Thirty-second held-out set (ten Chinese texts reporting acts outside China of 2023-2026: a halt's
suspension extended, an investment, a restart, an output target cut, a sunset review, a refinery opened),
written and labelled by someone who had not read the rules, committed (823b262) before any reader was run
on it. First reading, 2026-11-29 04:40 UTC (docs/performance.md, "thirty-second held-out set (first
reading)"): rules 0.143 / 0.167 / 1.000, keyword baseline 0.333 / 0.333 / 0.000. Its misses then led to
general mechanisms (docs/performance.md, "thirty-second and thirty-third sets' rules round"): now seen."""
HELD_OUT_33 = Path(__file__).resolve().parent / "data" / "notices_heldout33"
"""Thirty-third held-out set (eleven English texts reporting acts in China of 2023-2026: a reserve purchase,
controls on two firms, a mining quota, import duties cut, a restart, plants built and started), written
and labelled by someone who had not read the rules, committed (8a90c35) before any reader was run on it.
First reading, 2026-11-29 04:42 UTC (docs/performance.md, "thirty-third held-out set (first reading)"):
rules 0.286 / 0.286 / 1.000, keyword baseline 0.200 / 0.286 / 0.000. Its misses then led to general
mechanisms (same rules round): now seen."""

HELD_OUT_34 = Path(__file__).resolve().parent / "data" / "notices_heldout34"
"""Thirty-fourth held-out set (ten Chinese texts on state acts in China of 2023-2025: capacity and energy-
saving plans, an inspection, licences to be cancelled, a campaign against illegal mining), written and
labelled by someone who had not read the rules, committed (0462411) before any reader was run on it. First
reading, 2026-11-29 05:04 UTC (docs/performance.md, "thirty-fourth held-out set (first reading)"): rules
0.111 / 0.167 / 0.000, keyword baseline 0.000 / 0.000 / 0.000. Its misses then led to one general
mechanism (docs/performance.md, "thirty-fourth set's rules round"): now seen."""
HELD_OUT_35 = Path(__file__).resolve().parent / "data" / "notices_heldout35"
"""Thirty-fifth held-out set (ten English texts on acts of the US, UK, Canadian, Australian and Japanese
governments of 2023-2025: awards, equity stakes, funding, a forced-labour import list, a stockpile
recovery), written and labelled by someone who had not read the rules, committed (f5de1a0) before any
reader was run on it. First reading, 2026-11-29 05:00 UTC (docs/performance.md, "thirty-fifth held-out set
(first reading)"): rules 0.500 / 0.667 / 0.750, keyword baseline 0.444 / 0.667 / 0.000. Its misses then
led to general mechanisms (docs/performance.md, "thirty-fifth set's rules round"): now seen."""

HELD_OUT_36 = Path(__file__).resolve().parent / "data" / "notices_heldout36"
"""Thirty-sixth held-out set (eight texts, Chinese and English, on acts concerning tin, magnesium and
graphite of 2023-2025: a refinery launch, a smelter's suspension, two project starts), written and
labelled by someone who had not read the rules, committed (362c1c6) before any reader was run on it. First
reading, 2026-11-29 05:17 UTC (docs/performance.md, "thirty-sixth held-out set (first reading)"): rules
0.167 / 0.250 / 0.000, keyword baseline 0.200 / 0.250 / 0.000. Its misses then led to general mechanisms
(docs/performance.md, "thirty-sixth set's rules round"): now seen."""

HELD_OUT_37 = Path(__file__).resolve().parent / "data" / "notices_heldout37"
"""Thirty-seventh held-out set (eight texts, Chinese and English, on acts concerning nickel, cobalt, copper
and lithium of 2024-2025: three investments and approvals, a plant's suspension), written and labelled by
someone who had not read the rules, committed (cfeb472) before any reader was run on it. First reading,
2026-11-29 05:20 UTC (docs/performance.md, "thirty-sixth set's round and thirty-seventh held-out set
(first reading)"): rules 0.333 / 0.750 / 0.667, keyword baseline 0.000 / 0.000 / 0.000. Its misses then
led to general mechanisms (docs/performance.md, "thirty-seventh set's rules round"): now seen."""

HELD_OUT_38 = Path(__file__).resolve().parent / "data" / "notices_heldout38"
"""Thirty-eighth held-out set (ten texts, Chinese and English, on rare-earth acts of 2023-2025 by companies
and states outside China: export-credit letters of interest, a dysprosium circuit, a capital raising, a
mining licence and a state's mining approval), written and labelled by someone who had not read the rules,
committed (bc20341) before any reader was run on it. First reading, 2026-11-29 05:56 UTC
(docs/performance.md, "thirty-eighth and thirty-ninth held-out sets (first readings)"): rules 0.400 /
0.333 / 0.000, keyword baseline 0.143 / 0.167 / 0.000. Its misses then led to general mechanisms
(docs/performance.md, "thirty-eighth and thirty-ninth sets' rules round"): now seen."""

HELD_OUT_39 = Path(__file__).resolve().parent / "data" / "notices_heldout39"
"""Thirty-ninth held-out set (ten texts, Chinese and English, on trade measures of 2024-2025 on metals other
than rare earths: anti-dumping and countervailing duties, a revoked order, US metal tariffs and the
counter-tariffs they met, duties kept after a sunset review), written and labelled by someone who had not
read the rules, committed (1b65c27) before any reader was run on it. First reading, 2026-11-29 05:56 UTC
(same section): rules 0.375 / 0.429 / 0.333, keyword baseline 0.125 / 0.143 / 1.000. Its misses then led
to general mechanisms (same round): now seen."""

HELD_OUT_40 = Path(__file__).resolve().parent / "data" / "notices_heldout40"
"""Fortieth held-out set (seven texts, Chinese and English: the issuing bodies' own notices, filings and
releases of 2023-2025: anti-dumping orders, a pilot plant's operations, a mine's halt and a mine's trial
production), written and labelled by someone who had not read the rules, committed (8de16e1) before any
reader was run on it. First reading, 2026-11-29 06:34 UTC (docs/performance.md, "fortieth and forty-first
held-out sets (first readings)"): rules 0.500 / 0.500 / 1.000, keyword baseline 0.500 / 0.500 / 0.500. Its
misses then led to general mechanisms (docs/performance.md, "fortieth and forty-first sets' rules round"):
now seen."""

HELD_OUT_41 = Path(__file__).resolve().parent / "data" / "notices_heldout41"
"""Forty-first held-out set (eight texts, Chinese and English, news of January-February 2026: a suspension
partly lifted, a smelter investment, waste piles closed at an idle mine, a strike's output cut), written
and labelled by someone who had not read the rules, committed (2aa9083) before any reader was run on it.
First reading, 2026-11-29 06:34 UTC (same section): rules 0.125 / 0.250 / 1.000, keyword baseline 0.091 /
0.250 / 0.000. Its misses then led to general mechanisms (same round): now seen."""

HELD_OUT_42 = Path(__file__).resolve().parent / "data" / "notices_heldout42"
"""Forty-second held-out set (nine texts, Chinese and English, on acts of Chinese provincial and municipal
governments and state groups of 2024-2025: a mine's approval, a construction permit, lithium projects
started and begun), written and labelled by someone who had not read the rules, committed (9f76b69) before
any reader was run on it. First reading, 2026-11-29 06:54 UTC (docs/performance.md, "forty-second and
forty-third held-out sets (first readings)"): rules 0.800 / 0.800 / 0.500, keyword baseline 0.429 / 0.600
/ 0.000. Its misses then led to general mechanisms (docs/performance.md, "forty-second and forty-third
sets' rules round"): now seen."""

HELD_OUT_43 = Path(__file__).resolve().parent / "data" / "notices_heldout43"
"""Forty-third held-out set (ten texts, Chinese and English, on mining acts of Africa, Latin America and
Southeast Asia of 2023-2025: a partnership, an export tax raised, a mining permit, an investment, a
plant's restart), written and labelled by someone who had not read the rules, committed (7dc1abf) before
any reader was run on it. First reading, 2026-11-29 06:54 UTC (same section): rules 0.500 / 0.667 / 0.750,
keyword baseline 0.429 / 0.500 / 0.000. Its misses then led to general mechanisms (same round): now seen."""

HELD_OUT_44 = Path(__file__).resolve().parent / "data" / "notices_heldout44"
"""Forty-fourth held-out set (nine texts, mostly English, on rare earths and magnets of 2025-2026: a metal
and magnet plant started, an NdPr sales deal, an export-credit loan offer, a magnet campus), written and
labelled by someone who had not read the rules, committed (64d4676) before any reader was run on it. First
reading, 2026-11-29 07:16 UTC (docs/performance.md, "forty-fourth and forty-fifth held-out sets (first
readings)"): rules 0.333 / 0.500 / 1.000, keyword baseline 0.200 / 0.250 / 0.000. Its misses then led to
general mechanisms (docs/performance.md, "forty-fourth and forty-fifth sets' rules round"): now seen."""

HELD_OUT_45 = Path(__file__).resolve().parent / "data" / "notices_heldout45"
"""Forty-fifth held-out set (nine texts, Chinese and English, on the minor metals of 2023-2026: a mine
suspended, a loan applied for, a mine's first phase signed; six distractors), written and labelled by
someone who had not read the rules, committed (29994e9) before any reader was run on it. First reading,
2026-11-29 07:16 UTC (same section): rules 0.375 / 1.000 / 1.000, keyword baseline 0.143 / 0.333 / 0.000.
Its misses then led to general mechanisms (same round): now seen."""

HELD_OUT_46 = Path(__file__).resolve().parent / "data" / "notices_heldout46"
"""Forty-sixth held-out set (six texts, Chinese and English, on acts of 2024-2025 by India, Canada, Western
Australia and a Shandong county: a planned stockpile, funding for bastnaesite processing, a royalty
rebate, a mine's expansion and a pre-treatment project), written and labelled by someone who had not read
the rules, committed (0afe7a3) before any reader was run on it. First reading, 2026-11-29 08:07 UTC
(docs/performance.md, "forty-sixth and forty-seventh held-out sets (first readings)"): rules 0.600 / 0.600
/ 1.000, keyword baseline 0.667 / 0.400 / 0.000. Its misses then led to general mechanisms (docs/
performance.md, "forty-sixth to forty-ninth sets' rules round"): now seen."""

HELD_OUT_47 = Path(__file__).resolve().parent / "data" / "notices_heldout47"
"""Forty-seventh held-out set (five texts, Chinese and English, on Chinese companies' acts abroad of
2023-2025: a nickel plant agreement in Indonesia, lithium agreements in Bolivia; three distractors),
written and labelled by someone who had not read the rules, committed (1bfe0b2) before any reader was run
on it. First reading, 2026-11-29 08:07 UTC (same section): rules 0.333 / 0.500 / 1.000, keyword baseline
0.500 / 1.000 / 0.000. Its misses then led to general mechanisms (docs/performance.md, "forty-sixth to
forty-ninth sets' rules round"): now seen."""

HELD_OUT_48 = Path(__file__).resolve().parent / "data" / "notices_heldout48"
"""Forty-eighth held-out set (ten texts, Chinese and English, on supply acts in and by China of 2015-2022: a
lithium plant's commercial production, lithium producers halted by a river probe, two graphite anode
projects, a cobalt stockpile purchase, a tungsten mining quota, a rare earth control plan; four
distractors), written and labelled by someone who had not read the rules, committed (b3613b2) before any
reader was run on it. First reading, 2026-11-29 08:35 UTC (docs/performance.md, "forty-eighth and
forty-ninth held-out sets (first readings)"): rules 0.714 / 0.625 / 0.800, keyword baseline 0.556 / 0.625
/ 0.000. Its misses then led to general mechanisms (same round as set 46's): now seen."""

HELD_OUT_49 = Path(__file__).resolve().parent / "data" / "notices_heldout49"
"""Forty-ninth held-out set (eleven texts, English and Chinese, on supply acts outside China of 2018-2022:
Serbia's Jadar lithium licences revoked and Mexico's lithium law, each in both languages, two US aluminium
smelters curtailed, the DRC's strategic-mineral royalty; four distractors), written and labelled by
someone who had not read the rules, committed (00f8ac9) before any reader was run on it. First reading,
2026-11-29 08:37 UTC (same section): rules 0.500 / 0.286 / 0.500, keyword baseline 0.000 / 0.000 / 0.000.
Its misses then led to general mechanisms (same round as set 46's): now seen."""

HELD_OUT_50 = Path(__file__).resolve().parent / "data" / "notices_heldout50"
"""Fiftieth held-out set (ten texts, English and Chinese, on supply acts of 2012-2020 for rare earths,
tungsten and graphite: Mountain Pass put on care and maintenance, the Cantung and Drakelands tungsten
mines shut, Balama's production suspended, Lynas's temporary operating licence, Inner Mongolia's
first-batch mining quota; four distractors), written and labelled by someone who had not read the rules,
committed (55acb12, 288bfba) before any reader was run on it. First reading, 2026-11-29 09:10 UTC
(docs/performance.md, "fiftieth and fifty-first held-out sets (first readings)"): rules 0.571 / 0.667 /
0.250, keyword baseline 0.091 / 0.167 / 0.000. Its misses then led to general mechanisms
(docs/performance.md, "fiftieth and fifty-first sets' rules round"): now seen."""

HELD_OUT_51 = Path(__file__).resolve().parent / "data" / "notices_heldout51"
"""Fifty-first held-out set (twelve texts, Chinese and English, on base and battery metal supply acts of
2015-2022: copper smelters' agreed cut and Shandong's illegal aluminium capacity closed, each in both
languages, tin smelters halted by inspections and for maintenance, a Philippine nickel mine suspended, a
cobalt-copper capital increase in the DRC; four distractors), written and labelled by someone who had not
read the rules, committed (c9d8299) before any reader was run on it. First reading, 2026-11-29 09:11 UTC
(same section): rules 0.875 / 0.875 / 0.571, keyword baseline 0.333 / 0.375 / 0.000. Its misses then led to
general mechanisms (same round): now seen."""

HELD_OUT_52 = Path(__file__).resolve().parent / "data" / "notices_heldout52"
"""Fifty-second held-out set (eleven texts, Chinese and English, on Chinese government acts of 2010-2014: the
Ministry of Land and Resources' 2010 tungsten, antimony and rare earth mining quotas with a pause on new
mining rights, its first fluorspar caps (2010) and their 2011 renewal, the 2011 rare earth crackdown,
Hunan's ban on over-quota mining, the state reserve's 2014 rare earth purchase; four distractors), written
and labelled by someone who had not read the rules, committed (4675b0b) before any reader was run on it.
First reading, 2026-11-29 09:38 UTC (docs/performance.md, "fifty-second and fifty-third held-out sets
(first readings)"): rules 0.333 / 0.333 / 0.500, keyword baseline 0.167 / 0.083 / 0.000. Its misses then
led to general mechanisms (docs/performance.md, "fifty-second and fifty-third sets' rules round"): now
seen."""

HELD_OUT_53 = Path(__file__).resolve().parent / "data" / "notices_heldout53"
"""Fifty-third held-out set (thirteen texts, English and Chinese, on other governments' trade and stockpile
measures of 2010-2022: US Section 232 tariffs lifted for Canada and Mexico (in both languages), Zimbabwe's
chrome ore export ban lifted, India's beach sand mineral exports canalised, India's iron ore export duty
raised, EU anti-dumping duties on calcium silicon, the US stockpile's 2017 acquisitions and disposals,
Indonesia's tin export rules, Korea's 2010 metal purchases; four distractors), written and labelled by
someone who had not read the rules, committed (84e2557) before any reader was run on it. First reading,
2026-11-29 09:38 UTC (same section): rules 0.364 / 0.400 / 0.250, keyword baseline 0.091 / 0.100 / 0.000.
Its misses then led to general mechanisms (same round): now seen."""

HELD_OUT_54 = Path(__file__).resolve().parent / "data" / "notices_heldout54"
"""Fifty-fourth held-out set (eleven texts, English and Chinese, on project acts outside China of 2017-2022:
Wodgina put on care and maintenance, Ngungaju restarted, the Browns Range pilot plant opened (in both
languages), Vital Metals' Saskatoon plant commissioned, Lynas's Malaysian licence renewed, Balama's first
graphite; four distractors), written and labelled by someone who had not read the rules, committed
(4f84f93, f4b0805) before any reader was run on it. First reading, 2026-11-29 10:09 UTC
(docs/performance.md, "fifty-fourth and fifty-fifth held-out sets (first readings)"): rules 0.600 / 0.429
/ 1.000, keyword baseline 0.333 / 0.286 / 0.000. Its misses then led to general mechanisms
(docs/performance.md, "fifty-fourth and fifty-fifth sets' rules round"): now seen."""

HELD_OUT_55 = Path(__file__).resolve().parent / "data" / "notices_heldout55"
"""Fifty-fifth held-out set (twelve texts, Chinese and English, on Chinese companies' supply acts of
2012-2022: CMOC's Tenke purchase (in both languages), Tianqi's Galaxy Jiangsu purchase, Ganfeng's
Cauchari-Olaroz stake, Gotion's lithium carbonate project, an anode material project, a tungsten mine
halted after an accident and restarted, another tungsten mine halted; three distractors), written and
labelled by someone who had not read the rules, committed (e4762f9) before any reader was run on it. First
reading, 2026-11-29 10:11 UTC (same section): rules 0.800 / 0.400 / 0.500, keyword baseline 0.500 / 0.100
/ 0.000. Its misses then led to general mechanisms (same round): now seen."""


HELD_OUT_56 = Path(__file__).resolve().parent / "data" / "notices_heldout56"
"""Fifty-sixth held-out set (eleven texts, Chinese and English, on acts of Chinese local governments and
industry associations of 2011-2016: Hebi's small magnesium plants closed, the Fugu magnesium association's
output cut, Cangwu's and Heyuan's crackdowns on illegal rare earth mining, Ganzhou's pause on filing rare
earth recycling projects, nine tin producers' agreed 2016 cut; five distractors), written and labelled by
someone who had not read the rules, committed (e3c0423) before any reader was run on it. First reading,
2026-11-29 11:13 UTC (docs/performance.md, "fifty-sixth and fifty-seventh held-out sets (first
readings)"): rules 0.750 / 0.500 / 0.333, keyword baseline 0.250 / 0.167 / 0.000. Its misses then led to
general mechanisms (docs/performance.md, "fifty-sixth and fifty-seventh sets' rules round"): now seen."""

HELD_OUT_57 = Path(__file__).resolve().parent / "data" / "notices_heldout57"
"""Fifty-seventh held-out set (eleven texts, English and Chinese, on measures of governments in Africa and
Asia of 2011-2020: the DRC's concentrate export ban of 2013, its delay in 2016 and its exemptions of 2020,
Zambia's royalty rise, the Philippines' revoked permits of four mining projects, India's 2012 chrome ore
export duty and nickel ore import duty, Japan's state control of rare metal reserves; four distractors),
written and labelled by someone who had not read the rules, committed (9d5c628) before any reader was run
on it. First reading, 2026-11-29 11:14 UTC (same section): rules 0.429 / 0.333 / 0.667, keyword baseline
0.100 / 0.111 / 0.000. Its misses then led to general mechanisms (same round): now seen."""

HELD_OUT_58 = Path(__file__).resolve().parent / "data" / "notices_heldout58"
"""Fifty-eighth held-out set (ten texts, English and Chinese, on producers outside China of antimony, rare
earths, vanadium and niobium of 2012-2019: Beaver Brook's first antimony shipment, US Antimony's Mexican
mines restarted, Evraz Highveld's vanadium halt, Shin-Etsu's alloy plant in Longyan and magnet plant in
Hai Phong, Molycorp Silmet's new line; four distractors), written and labelled by someone who had not read
the rules, committed (c49744d) before any reader was run on it. First reading, 2026-11-29 11:26 UTC
(docs/performance.md, "fifty-eighth and fifty-ninth held-out sets (first readings)"): rules 0.714 / 0.833
/ 1.000, keyword baseline 0.250 / 0.167 / 0.000. Its misses then led to general mechanisms
(docs/performance.md, "fifty-eighth and fifty-ninth sets' rules round"): now seen."""

HELD_OUT_59 = Path(__file__).resolve().parent / "data" / "notices_heldout59"
"""Fifty-ninth held-out set (ten texts, English and Chinese, on MOFCOM's export quota and licence acts of
2010-2016: the 2011 and 2012 export quotas, the indium quota applicants' threshold, the conditions for
2014 quota applicants, the molybdenum exporter list ended, the 2016 licence catalogue; four distractors),
written and labelled by someone who had not read the rules, committed (85ba1c4) before any reader was run
on it. First reading, 2026-11-29 11:26 UTC (same section): rules 0.000 / 0.000 / 0.000, keyword baseline
0.000 / 0.000 / 0.000. Its misses then led to general mechanisms (same round): now seen."""

HELD_OUT_60 = Path(__file__).resolve().parent / "data" / "notices_heldout60"
"""Sixtieth held-out set (twelve texts, English and Chinese, on acts of the governments of the United States,
Japan, South Korea and Australia of 2010-2022: Australia's alumina and bauxite export ban on Russia (in
both languages), a US anti-dumping determination on Brazilian silicon metal, Japan's law letting JOGMEC
invest in mines, KORES's rare earth stake, Australia's critical minerals loan facility, US Defense
Production Act determinations for battery minerals and an order for rare earths; four distractors),
written and labelled by someone who had not read the rules, committed (ac9bb32) before any reader was run
on it. First reading, 2026-11-29 11:32 UTC (docs/performance.md, "sixtieth and sixty-first held-out sets
(first readings)"): rules 0.429 / 0.375 / 1.000, keyword baseline 0.500 / 0.500 / 0.000. Its misses then
led to general mechanisms (docs/performance.md, "sixtieth and sixty-first sets' rules round"): now seen."""

HELD_OUT_61 = Path(__file__).resolve().parent / "data" / "notices_heldout61"
"""Sixty-first held-out set (eleven texts, Chinese and English, on measures of governments outside China of
2012-2021: Malaysia's bauxite mining ban extended three times, Indonesia's tin export purity rule raised
and its lead limit eased, Argentina's lithium export duty, Russia's temporary metal export duties; four
distractors), written and labelled by someone who had not read the rules, committed (080253a) before any
reader was run on it. First reading, 2026-11-29 11:32 UTC (same section): rules 0.714 / 0.714 / 0.000,
keyword baseline 0.444 / 0.571 / 0.000. Its misses then led to general mechanisms (same round): now seen."""

HELD_OUT_62 = Path(__file__).resolve().parent / "data" / "notices_heldout62"
"""Sixty-second held-out set (eleven texts, Chinese and English, on halts and restarts at Chinese producers
of 2013-2022: GCL's polysilicon plant after explosions, Pingdu's graphite producers ordered to halt,
Sichuan's power rationing and its lithium salt plants' restart, an antimony smelter closed in
Lengshuijiang, a polysilicon maintenance halt; five distractors), written and labelled by someone who had
not read the rules, committed (f1e29c3) before any reader was run on it. First reading, 2026-11-29 11:42
UTC (docs/performance.md, "sixty-second and sixty-third held-out sets (first readings)"): rules 0.571 /
0.667 / 0.500, keyword baseline 0.333 / 0.333 / 0.000. Its misses then led to general mechanisms
(docs/performance.md, "sixty-second and sixty-third sets' rules round"): now seen."""

HELD_OUT_63 = Path(__file__).resolve().parent / "data" / "notices_heldout63"
"""Sixty-third held-out set (fourteen texts, English and Chinese, on output cuts, closures and restarts of
2012-2020 by producers responding to prices: Glencore's Katanga and Mopani suspension and Katanga's
restart, CaNickel's mill, Glencore's zinc cut, North American Lithium's halt, Nyrstar's zinc mines
restarted, Baotou's rare earth halt extended, Chinese zinc smelters' and ferronickel producers' pledged
cuts, Mopani's force majeure; four distractors), written and labelled by someone who had not read the
rules, committed (d4115e2; one document's month-only published line then left out of its front matter, as
the format takes a full date) before any reader was run on it. First reading, 2026-11-29 11:42 UTC (same
section): rules 1.000 / 0.385 / 0.800, keyword baseline 0.000 / 0.000 / 0.000. Its misses then led to
general mechanisms (same round): now seen."""

HELD_OUT_64 = Path(__file__).resolve().parent / "data" / "notices_heldout64"
"""Sixty-fourth held-out set (eleven texts, English and Chinese, on Latin American and African governments'
measures of 2011-2019: Bolivia's lithium venture decree repealed, Peru's new royalty and mining tax on
profits, Chile's lithium extraction quota for SQM tripled, Zambia's royalty rise undone in two steps; five
distractors), written and labelled by someone who had not read the rules, committed (9d1c692) before any
reader was run on it. First reading, 2026-11-29 11:48 UTC (docs/performance.md, "sixty-fourth and
sixty-fifth held-out sets (first readings)"): rules 0.000 / 0.000 / 0.000, keyword baseline 0.000 / 0.000
/ 0.000. Its misses then led to general mechanisms (docs/performance.md, "sixty-fourth and sixty-fifth
sets' rules round"): now seen."""

HELD_OUT_65 = Path(__file__).resolve().parent / "data" / "notices_heldout65"
"""Sixty-fifth held-out set (ten texts, Chinese and English, on China's rare earth industry acts of
2012-2020: the first 2020 quota batch (in both languages), the 2013 campaign against illegal rare earth
activity (in both languages), Chalco's rare earth group formed with smelting capacity eliminated, the
special VAT invoice for rare earth producers; four distractors), written and labelled by someone who had
not read the rules, committed (4d9c420) before any reader was run on it. First reading, 2026-11-29 11:48
UTC (same section): rules 0.625 / 0.833 / 0.600, keyword baseline 0.200 / 0.167 / 1.000. Its misses then
led to general mechanisms (same round): now seen."""

HELD_OUT_66 = Path(__file__).resolve().parent / "data" / "notices_heldout66"
"""Sixty-sixth held-out set (eleven texts, English and Chinese, on Chinese government measures of 2011-2021
in the foreign press: the state reserve's aluminium tender (in both languages), Heilongjiang's graphite
mining rights cut, Hunan's antimony closures, the Yinman mine's halt after an accident (in both languages)
and fluorspar mines closed for inspection, customs' rare earth smuggling crackdown; four distractors),
written and labelled by someone who had not read the rules, committed (727d3e7) before any reader was run
on it. First reading, 2026-11-29 11:58 UTC (docs/performance.md, "sixty-sixth and sixty-seventh held-out
sets (first readings)"): rules 0.000 / 0.000 / 0.000, keyword baseline 0.000 / 0.000 / 0.000. Its misses
then led to general mechanisms (docs/performance.md, "sixty-sixth and sixty-seventh sets' rules round"):
now seen."""

HELD_OUT_67 = Path(__file__).resolve().parent / "data" / "notices_heldout67"
"""Sixty-seventh held-out set (thirteen texts, Chinese and English, on investment acts inside China of
2010-2022: Jinchuan's copper and cobalt projects started, the Maoniuping rare earth project begun,
Southern Rare Earth's separation project approved, Yahua's lithium salt decision and its hydroxide plant's
start, Jinchuan's nickel sulphate project, Shengtun's lithium plant, QingHai SaltLake's magnesium plant,
LDK's polysilicon plant; four distractors), written and labelled by someone who had not read the rules,
committed (d3834a1) before any reader was run on it. First reading, 2026-11-29 11:58 UTC (same section):
rules 0.667 / 0.400 / 0.750, keyword baseline 0.600 / 0.300 / 0.000. Its misses then led to general
mechanisms (same round): now seen."""

HELD_OUT_68 = Path(__file__).resolve().parent / "data" / "notices_heldout68"
"""Sixty-eighth held-out set (twelve texts, Chinese and English, on output curbs imposed by Chinese
provincial and city governments of 2010-2021: Ulanqab's energy dual-control cuts (in both languages),
Ningxia's ferrosilicon cuts, Shanxi's and Jiaozuo Wanfang's heating-season aluminium limits, Hunan's zinc
smelters cut by power rationing and resuming, Guangxi's 2010 power rationing (in both languages); four
distractors), written and labelled by someone who had not read the rules, committed (f110472) before any
reader was run on it. First reading, 2026-11-29 12:04 UTC (docs/performance.md, "sixty-eighth and
sixty-ninth held-out sets (first readings)"): rules 0.273 / 0.333 / 0.333, keyword baseline 0.286 / 0.222
/ 0.000. Its misses then led to general mechanisms (docs/performance.md, "sixty-eighth and sixty-ninth
sets' rules round"): now seen."""

HELD_OUT_69 = Path(__file__).resolve().parent / "data" / "notices_heldout69"
"""Sixty-ninth held-out set (twelve texts, English and Chinese, on producers of vanadium, graphite,
manganese, titanium, zirconium and chromium outside China of 2015-2022: Vametco stopped by a strike,
Tirupati's graphite plant commissioned, Woodie Woodie's restart (in both languages), Thunderbird's loan
facility, Samancor's ferrochrome halt, Timet's sponge halt; five distractors), written and labelled by
someone who had not read the rules, committed (8dd0449) before any reader was run on it. First reading,
2026-11-29 12:04 UTC (same section): rules 0.750 / 0.429 / 1.000, keyword baseline 0.167 / 0.143 / 0.000.
Its misses then led to general mechanisms (same round): now seen."""

HELD_OUT_70 = Path(__file__).resolve().parent / "data" / "notices_heldout70"
"""Seventieth held-out set (ten texts, English and Chinese, on state stockpiles of 2011-2016: the State
Reserve Bureau's nickel buying, Korea's rare earth reserve target, China's plan to stock rare earths and
graphite, China's first state rare earth stockpiling, Korea's tin purchase, the State Reserve Bureau's
aluminium and zinc tender; four distractors), written and labelled by someone who had not read the rules,
committed (e60f834) before any reader was run on it. First reading, 2026-11-29 12:18 UTC
(docs/performance.md, "seventieth and seventy-first held-out sets (first readings)"): rules 0.500 / 0.286
/ 0.000, keyword baseline 0.667 / 0.571 / 0.000. Its misses then led to general mechanisms
(docs/performance.md, "seventieth and seventy-first sets' rules round"): now seen."""

HELD_OUT_71 = Path(__file__).resolve().parent / "data" / "notices_heldout71"
"""Seventy-first held-out set (ten texts, Chinese and English, on molybdenum and tin supply acts in China of
2020-2021: Jinduicheng's concentrators halted by a rainstorm and its mining area restarted, Lianshan
Molybdenum's restart, a tin smelter halted for renovation, Yunnan Tin's new smelter started (in both
languages); four distractors), written and labelled by someone who had not read the rules, committed
(af4cb05, a1e3c4c) before any reader was run on it. First reading, 2026-11-29 12:18 UTC (same section):
rules 0.667 / 0.667 / 0.250, keyword baseline 0.500 / 0.333 / 0.000. Its misses then led to general
mechanisms (same round): now seen."""

HELD_OUT_72 = Path(__file__).resolve().parent / "data" / "notices_heldout72"
"""Seventy-second held-out set (twelve texts, English and Chinese, on trade remedies of 2013-2021: the EU's
ferro-silicon duty renewed, its tungsten electrode duties kept and its molybdenum wire duty extended,
India's graphite electrode duty, the US-EU replacement of Section 232 tariffs with tariff-rate quotas,
Korea's ferro-silico-manganese duties, the US silicon metal review, Mexico's graphite electrode duty
ended; four distractors), written and labelled by someone who had not read the rules, committed (6a9582e)
before any reader was run on it. First reading, 2026-11-29 12:26 UTC (docs/performance.md, "seventy-second
and seventy-third held-out sets (first readings)"): rules 0.714 / 0.625 / 0.400, keyword baseline 0.167 /
0.125 / 0.000. Its misses then led to general mechanisms (docs/performance.md, "seventy-second and
seventy-third sets' rules round"): now seen."""

HELD_OUT_73 = Path(__file__).resolve().parent / "data" / "notices_heldout73"
"""Seventy-third held-out set (ten texts, Chinese and English, on China's resource tax reforms and mining
acts of 2010-2016: the ad valorem resource tax on rare earths, tungsten and molybdenum (2015) and its
extension (2016), Hubei's phosphate tax pilot, Hubei's fluorite closures, registration pause and cap,
Chenzhou's graphite mines halted, Hunan's clean-up halting zinc smelters; four distractors), written and
labelled by someone who had not read the rules, committed (9dc22bf) before any reader was run on it. First
reading, 2026-11-29 12:26 UTC (same section): rules 0.200 / 0.125 / 1.000, keyword baseline 0.167 / 0.125
/ 0.000. Its misses then led to general mechanisms (same round): now seen."""

HELD_OUT_74 = Path(__file__).resolve().parent / "data" / "notices_heldout74"
"""Seventy-fourth held-out set (thirteen texts, English and Chinese, on sanctions and state measures on
metals of 2018-2022: the US lifting of its Rusal sanctions, notified and done (in both languages), the
UK's tariff on Russian platinum and palladium, US sanctions on Venezuela's state gold company and on
Iran's metal sectors, the ban on new Russian gold imports (in both languages), the EU's ban on Russian
iron and steel; four distractors), written and labelled by someone who had not read the rules, committed
(93a28d2) before any reader was run on it. First reading, 2026-11-29 12:38 UTC (docs/performance.md,
"seventy-fourth and seventy-fifth held-out sets (first readings)"): rules 0.000 / 0.000 / 0.000, keyword
baseline 0.167 / 0.111 / 0.000. Its misses then led to general mechanisms (docs/performance.md,
"seventy-fourth and seventy-fifth sets' rules round"): now seen."""

HELD_OUT_75 = Path(__file__).resolve().parent / "data" / "notices_heldout75"
"""Seventy-fifth held-out set (nine texts, Chinese and English, on rare earth companies in China of
2011-2019: Minmetals' Ganxian separation plant halted after an environmental inspection, the Baotou rare
earth reserve pilot, Minmetals' plants halted in 2011, Chinalco's Guangxi unit suspended, Baotou Steel
Rare-Earth's month-long halt in 2012; four distractors), written and labelled by someone who had not read
the rules, committed (e47ee8c) before any reader was run on it. First reading, 2026-11-29 12:38 UTC (same
section): rules 0.500 / 0.800 / 0.500, keyword baseline 0.143 / 0.200 / 0.000. Its misses then led to
general mechanisms (same round): now seen."""

HELD_OUT_76 = Path(__file__).resolve().parent / "data" / "notices_heldout76"
"""Seventy-sixth held-out set (ten texts, Chinese and English, on China's rules for imports of scrap and
secondary metals of 2017-2021: the 2018 waste catalogue's two stages of bans, steel, copper and aluminium
scrap moved to the restricted list (in both languages), an import quota for copper and aluminium scrap,
recycled copper and aluminium raw materials and recycled steel raw materials imported freely; three
distractors and one text on plastics and paper with no signal), written and labelled by someone who had
not read the rules, committed (f09c935) before any reader was run on it. First reading, 2026-11-29 12:50
UTC (docs/performance.md, "seventy-sixth and seventy-seventh held-out sets (first readings)"): rules 0.000
/ 0.000 / 0.000, keyword baseline 0.000 / 0.000 / 0.000. Its misses then led to general mechanisms
(docs/performance.md, "seventy-sixth and seventy-seventh sets' rules round"): now seen."""

HELD_OUT_77 = Path(__file__).resolve().parent / "data" / "notices_heldout77"
"""Seventy-seventh held-out set (ten texts, English and Chinese, on lithium, nickel and cobalt producers in
Australia and the Americas of 2016-2021: Mount Cattlin's first concentrate, Savannah's restart, First
Cobalt's refinery expansion, Olaroz stage 2 (in both languages), Tanco's restart; four distractors),
written and labelled by someone who had not read the rules, committed (2738cb1) before any reader was run
on it. First reading, 2026-11-29 12:50 UTC (same section): rules 0.500 / 0.333 / 0.500, keyword baseline
0.375 / 0.500 / 0.000. Its misses then led to general mechanisms (same round): now seen."""

HELD_OUT_78 = Path(__file__).resolve().parent / "data" / "notices_heldout78"
"""Seventy-eighth held-out set (eleven texts, English and Chinese, on African mining laws, royalties and
export duties of 2010-2018: the DRC's 2018 mining code, Tanzania's 2010 and 2017 royalty rises, Zimbabwe's
tax on raw platinum exports, Guinea's 2011 export duty and 2013 bauxite tax cut, a miner's extra royalty
in Tanzania; four distractors), written and labelled by someone who had not read the rules, committed
(e5017f8) before any reader was run on it. First reading, 2026-11-29 13:01 UTC (docs/performance.md,
"seventy-eighth and seventy-ninth held-out sets (first readings)"): rules 0.250 / 0.143 / 0.000, keyword
baseline 0.000 / 0.000 / 0.000. Its misses then led to general mechanisms (docs/performance.md,
"seventy-eighth and seventy-ninth sets' rules round"): now seen."""

HELD_OUT_79 = Path(__file__).resolve().parent / "data" / "notices_heldout79"
"""Seventy-ninth held-out set (eleven texts, Chinese and English, on China's central plans and rules for
strategic minerals of 2011-2021: the draft rare earth regulation (in both languages), Henan's share of the
2012 tungsten and antimony caps, Ganzhou's national planning mining areas (in both languages), the State
Council's 2011 rare earth opinions; five distractors), written and labelled by someone who had not read
the rules, committed (63b672f) before any reader was run on it. First reading, 2026-11-29 13:01 UTC (same
section): rules 0.333 / 0.167 / 1.000, keyword baseline 0.500 / 0.167 / 0.000. Its misses then led to
general mechanisms (same round): now seen."""


HELD_OUT_80 = Path(__file__).resolve().parent / "data" / "notices_heldout80"
"""Eightieth held-out set (ten texts, mostly Chinese in traditional characters from Taiwan outlets, of
2012-2022: Indonesia's planned raw mineral export bans of 2022 (in both languages), China's 2012 minimum
scale for rare earth producers, the US Defense Production Act determinations of July 2019 on rare earths
and samarium cobalt magnets (in both languages), China's further state reserve releases of base metals in
2021; four distractors), written and labelled by someone who had not read the rules, committed (2616ba0)
before any reader was run on it. First reading, 2026-11-29 13:48 UTC (docs/performance.md, "First readings
of sets 80 and 81"): rules 0.000 / 0.000 / 0.000, keyword baseline 0.000 / 0.000 / 0.000. Its misses then
led to general mechanisms (same day, "Sets 80 and 81's round"): now seen."""


HELD_OUT_81 = Path(__file__).resolve().parent / "data" / "notices_heldout81"
"""Eighty-first held-out set (eleven texts, mostly English, on enforcement acts of 2010-2022: the LME's
nickel trading halts of March 2022 (in both languages), Hechi and Nandan mine halts after a 2019 roof
collapse (in both languages), Zijin's Zijinshan copper mine halt of 2010, Ganzhou's 2019 tungsten mine
safety checks, a 2010 rare earth smuggling case in Nanning; four distractors), written and labelled by
someone who had not read the rules, committed (d474383) before any reader was run on it. First reading,
2026-11-29 14:13 UTC (docs/performance.md, "First readings of sets 80 and 81"): rules 0.500 / 0.286 /
1.000, keyword baseline 0.083 / 0.143 / 0.000. Its misses then led to general mechanisms (same day, "Sets
80 and 81's round"): now seen."""


HELD_OUT_82 = Path(__file__).resolve().parent / "data" / "notices_heldout82"
"""Eighty-second held-out set (thirteen texts, mostly Chinese, on China's industry access conditions and
lists of outdated smelting capacity of 2010-2020: the 2011 list of firms to close outdated capacity (in
both languages), the 2013 closures by September, the access conditions for magnesium (2011), molybdenum (a
2010 draft) and lead and zinc (2020), the first list of tungsten, tin and antimony firms meeting the
conditions (2013), the 2015 cap on aluminium capacity, the 2014 second batch of rare earth capacity to
close; four distractors), written and labelled by someone who had not read the rules, committed (2f2b10f)
before any reader was run on it. First reading, 2026-11-29 13:58 UTC (docs/performance.md, "First readings
of sets 82 and 83"): rules 0.125 / 0.111 / 1.000, keyword baseline 0.200 / 0.111 / 0.000. Its misses then
led to general mechanisms (same day, "Sets 82 and 83's round"): now seen."""


HELD_OUT_83 = Path(__file__).resolve().parent / "data" / "notices_heldout83"
"""Eighty-third held-out set (twelve texts, mostly English, on government acts in Southeast Asia, South Asia,
Russia and Mongolia of 2012-2022: the Philippines' 2016 mine audit (in both languages) and 2017 open-pit
ban, Laos's 2012 mining moratorium, Tamil Nadu's beach mineral ban, Mongolia's 2019 exploration licence
ban, Myanmar's 2017 reserve areas, Russia's 2022 ferrous scrap export quota; four distractors), written
and labelled by someone who had not read the rules, committed (2405adb) before any reader was run on it.
First reading, 2026-11-29 13:58 UTC (same section): rules 0.143 / 0.125 / 1.000, keyword baseline 0.222 /
0.250 / 0.000. Its misses then led to general mechanisms (same day, "Sets 82 and 83's round"): now seen."""


HELD_OUT_84 = Path(__file__).resolve().parent / "data" / "notices_heldout84"
"""Eighty-fourth held-out set (eleven texts, Chinese and English, on China's export and import duties on
metals of 2010-2021: the 2010 export duty cuts on molybdenum, indium and tungsten products, the 2013
tariff plan's end of the magnesium export duty, the 2017 plan's end of the duties on cobalt ore and tin,
the May 2021 steel tariff change (in both languages) and the August 2021 duty rise on ferrochrome and pig
iron (in both languages); four distractors), written and labelled by someone who had not read the rules
(the writer listed the names of files of earlier sets matching a search, never their text, to check for
repeats), committed (dbec225) before any reader was run on it. First reading, 2026-11-29 14:17 UTC
(docs/performance.md, "First readings of sets 84 and 85"): rules 0.000 / 0.000 / 0.000, keyword baseline
0.000 / 0.000 / 0.000. Its misses then led to general mechanisms (same day, "Sets 84 and 85's round"): now
seen."""


HELD_OUT_85 = Path(__file__).resolve().parent / "data" / "notices_heldout85"
"""Eighty-fifth held-out set (ten texts, mostly English, on European smelters curtailed or restarted over
energy prices in 2021-2022: Dunkirk, Alcoa Lista and Hydro's Slovak cuts, Nyrstar's Budel zinc halt (in
both languages), Ferroglobe's Spanish furnaces, Alcoa San Ciprian's power contract for its restart,
Dunkerque's 2022 cut in Chinese; four distractors), written and labelled by someone who had not read the
rules, committed (5542188) before any reader was run on it. First reading, 2026-11-29 14:17 UTC (same
section): rules 0.500 / 0.250 / 1.000, keyword baseline 0.333 / 0.125 / 0.000. Its misses then led to
general mechanisms (same day, "Sets 84 and 85's round"): now seen."""


HELD_OUT_86 = Path(__file__).resolve().parent / "data" / "notices_heldout86"
"""Eighty-sixth held-out set (nine texts, Chinese and English, on China's manganese and ferroalloy industries
of 2014-2022: the manganese committee's calls to cut output by 50% and 60% in 2022 (three texts), Wuling's
suspension and Xiushan's closures of 2021, Shizuishan's 2014 ban on new ferroalloy projects and closures;
four distractors), written and labelled by someone who had not read the rules, committed (0326dc8) before
any reader was run on it. First reading, 2026-11-29 14:30 UTC (docs/performance.md, "First readings of
sets 86 and 87"): rules 0.667 / 0.250 / 0.500, keyword baseline 0.200 / 0.125 / 0.000. Its misses then led
to general mechanisms (same day, "Sets 86 and 87's round"): now seen."""


HELD_OUT_87 = Path(__file__).resolve().parent / "data" / "notices_heldout87"
"""Eighty-seventh held-out set (eleven texts, mostly English, on output halted or resumed by strikes,
blockades and riots of 2013-2022: Escondida's 2013 strike, Las Bambas's 2022 halts and restart (three
texts), Uchucchacua's 2021 blockade, Boke's 2017 riots, a 2013 chrome mine strike at Rustenburg; four
distractors), written and labelled by someone who had not read the rules, committed (5da3566) before any
reader was run on it. First reading, 2026-11-29 14:30 UTC (same section): rules 0.571 / 0.571 / 0.500,
keyword baseline 0.000 / 0.000 / 0.000. Its misses then led to general mechanisms (same day, "Sets 86 and
87's round"): now seen."""


HELD_OUT_88 = Path(__file__).resolve().parent / "data" / "notices_heldout88"
"""Eighty-eighth held-out set (eleven texts, mostly Chinese, on acts of China's neighbours and of China on
their ores of 2016-2020: North Korea's 2017 stop of rare metal exports to China (in both languages),
China's 2016 ban on North Korean mineral imports (in both languages) and its 2017 ban on North Korean iron
and lead ore, Mongolia's 2020 resumption of exports to China (in both languages); four distractors),
written and labelled by someone who had not read the rules, committed (84ac86a) before any reader was run
on it. First reading, 2026-11-29 14:40 UTC (docs/performance.md, "First readings of sets 88 and 89"):
rules 0.300 / 0.429 / 0.333, keyword baseline 0.200 / 0.143 / 0.000. Its misses then led to general
mechanisms (same day, "Sets 88 and 89's round"): now seen."""


HELD_OUT_89 = Path(__file__).resolve().parent / "data" / "notices_heldout89"
"""Eighty-ninth held-out set (twelve texts, mostly English, on Latin American governments' acts of 2011-2019:
Bolivia's 2012 Colquiri nationalisation, Argentina's 2016 end of mining export duties, Colombia's 2016
paramo mining ban, Peru's 2019 Tia Maria permit and its suspension, Brazil's 2017 Renca reserve decrees
(in both languages), Jujuy's 2011 lithium decree; four distractors), written and labelled by someone who
had not read the rules, committed (3d6554d) before any reader was run on it. First reading, 2026-11-29
14:40 UTC (same section): rules 0.000 / 0.000 / 0.000, keyword baseline 0.222 / 0.250 / 0.000. Its misses
then led to general mechanisms (same day, "Sets 88 and 89's round"): now seen."""


HELD_OUT_90 = Path(__file__).resolve().parent / "data" / "notices_heldout90"
"""Ninetieth held-out set (ten texts, mostly Chinese, on Japan's and South Korea's own supply acts of
2010-2011: Japan's rare earth saving and recycling subsidies (in both languages), Korea's rare earth
stockpile plans (in both languages), Japan and Myanmar's joint development, Korea and Ethiopia's rare
metals agreement; four distractors), written and labelled by someone who had not read the rules, committed
(729ea4f) before any reader was run on it. First reading, 2026-11-29 14:57 UTC (docs/performance.md,
"First readings of sets 90 and 91"): rules 0.167 / 0.143 / 1.000, keyword baseline 0.286 / 0.286 / 0.000.
Its misses then led to general mechanisms (same day, "Sets 90 and 91's round"): now seen."""


HELD_OUT_91 = Path(__file__).resolve().parent / "data" / "notices_heldout91"
"""Ninety-first held-out set (twelve texts, mostly English, on Indian and Southeast Asian producers' acts of
2011-2020: PT Timah's 2015 tin cut, Vale Indonesia's 2012 furnace restart, Nalco's Angul and Damanjodi
expansions, Vedanta's Sterlite smelter closure (in both languages), IREL's Oscom expansion, MSC's smelter
relocation; four distractors), written and labelled by someone who had not read the rules, committed
(301e1ef) before any reader was run on it. First reading, 2026-11-29 14:57 UTC (same section): rules 0.625
/ 0.625 / 0.600, keyword baseline 0.500 / 0.375 / 0.333. Its misses then led to general mechanisms (same
day, "Sets 90 and 91's round"): now seen."""


HELD_OUT_92 = Path(__file__).resolve().parent / "data" / "notices_heldout92"
"""Ninety-second held-out set (ten texts, mostly Chinese, on lithium and nickel acts inside China of
2013-2022: the 2019 restart of the Jiajika spodumene mine (in both languages), Inner Mongolia's nickel pig
iron halts of 2013 and 2018, Gotion's 2022 Yichun lithium mining right, Huaze's 2014 plant restart; four
distractors), written and labelled by someone who had not read the rules, committed (a2e36b4) before any
reader was run on it. First reading, 2026-11-29 15:06 UTC (docs/performance.md, "First readings of sets 92
and 93"): rules 0.667 / 0.667 / 0.000, keyword baseline 0.143 / 0.167 / 0.000. Its misses then led to
general mechanisms (same day, "Sets 92 and 93's round"): now seen."""


HELD_OUT_93 = Path(__file__).resolve().parent / "data" / "notices_heldout93"
"""Ninety-third held-out set (eleven texts, mostly English, on Russian and Central Asian producers' acts of
2013-2021: Nornickel's 2021 partial mine halts (in both languages), Rusal's 2013 cut and Boguchansk's 2015
launch, VSMPO-Avisma's 2015 expansion, TALCO's 2018 antimony venture, ERG's 2018 bauxite mines; four
distractors), written and labelled by someone who had not read the rules, committed (841280f) before any
reader was run on it. First reading, 2026-11-29 15:06 UTC (same section): rules 0.400 / 0.286 / 1.000,
keyword baseline 0.333 / 0.286 / 0.000. Its misses then led to general mechanisms (same day, "Sets 92 and
93's round"): now seen."""


HELD_OUT_94 = Path(__file__).resolve().parent / "data" / "notices_heldout94"
"""Ninety-fourth held-out set (ten texts, mostly Chinese, on China's customs acts on metals of 2015-2020: the
2015 removal of goods from the processing-trade ban list (in both languages) and its 2020 revision,
customs cases against ferrosilicon smuggling of 2016 and 2017 (the 2017 one in both languages); four
distractors), written and labelled by someone who had not read the rules, committed (c6268da) before any
reader was run on it. First reading, 2026-11-29 15:27 UTC (docs/performance.md, "First readings of sets 94
and 95"): rules 0.429 / 0.500 / 0.667, keyword baseline 0.000 / 0.000 / 0.000. Its misses then led to a
general mechanism (same day, "Set 94's round"): now seen."""


HELD_OUT_95 = Path(__file__).resolve().parent / "data" / "notices_heldout95"
"""Ninety-fifth held-out set (ten texts, mostly English, on Australian and US state acts on mines of
2018-2022: the Northern Territory EPA on Nolans, Western Australia's EPA on Greenbushes, Western
Australia's lithium royalty change, Tasmania's approval and loan for the Dolphin tungsten mine (the loan
in Chinese), Nevada's Thacker Pass permits; four distractors), written and labelled by someone who had not
read the rules, committed (fb06780) before any reader was run on it. First reading, 2026-11-29 15:27 UTC
(same section): rules 0.000 / 0.000 / 0.000, keyword baseline 0.333 / 0.167 / 0.000."""


def labels(folder: Path = DATA) -> dict[str, list[dict[str, Any]]]:
    raw = yaml.safe_load((folder / "labels.yaml").read_text(encoding="utf-8"))
    out = {}
    for name, sigs in raw.items():
        out[name] = [{**s, "elements": expand(s["elements"])} for s in sigs or []]
    return out


def keyword_baseline(doc: Document) -> list[dict[str, Any]]:
    """Any measure word and any element name anywhere: one signal per measure word found, every element of the
    document, the measure's plain direction, the first date of the text for both dates."""
    from reechain.signals.dates import dates_in
    from reechain.signals.elements import _elements

    text = doc.text.casefold()
    els, ree = _elements(doc.text, organisations=False)  # the baseline reads every name as it stands
    elements = sorted(els) if els else sorted(REE) if ree else []
    if not elements:
        return []
    found = dates_in(doc.text, None)
    first = doc.published or (found[0][1] if found else None)
    return [
        {"measure": m, "direction": d, "elements": elements, "announced": first, "effective": first}
        for m, (phrases, d) in MEASURE_PHRASES.items()
        if any(p in text for p in phrases)
    ]


def score(
    predicted: dict[str, list[dict[str, Any]]], truth: dict[str, list[dict[str, Any]]]
) -> dict[str, float]:
    tp = fp = fn = dates_ok = 0
    for name, want in truth.items():
        got = list(predicted.get(name, []))
        for w in want:
            hit = next(
                (
                    g
                    for g in got
                    if (g["measure"], g["direction"], sorted(g["elements"]))
                    == (w["measure"], w["direction"], w["elements"])
                ),
                None,
            )
            if hit is None:
                fn += 1
                continue
            tp += 1
            got.remove(hit)
            dates_ok += (_d(hit["announced"]), _d(hit["effective"])) == (
                _d(w["announced"]),
                _d(w.get("effective")),
            )
        fp += len(got)
    return {
        "precision": tp / (tp + fp) if tp + fp else 1.0,
        "recall": tp / (tp + fn) if tp + fn else 1.0,
        "dates": dates_ok / tp if tp else 0.0,
        "tp": tp,
        "fp": fp,
        "fn": fn,
    }


def jaccard(a: Any, b: Any) -> float:
    sa, sb = set(a), set(b)
    return len(sa & sb) / len(sa | sb) if sa | sb else 1.0


def relaxed(
    predicted: dict[str, list[dict[str, Any]]], truth: dict[str, list[dict[str, Any]]]
) -> dict[str, dict[str, float]]:
    """Looser scores than `score`: "measure" pairs a predicted with a labelled signal of the same document on
    measure and direction alone; "jaccard" also asks their element sets to overlap by a Jaccard index of at
    least 0.5 (each labelled signal takes the unpaired prediction with the highest index); "documents" counts
    signal documents given at least one signal (found of signal_docs) and distractors given none (quiet of
    distractors)."""
    out: dict[str, dict[str, float]] = {}
    for kind, least in (("measure", 0.0), ("jaccard", 0.5)):
        tp = fp = fn = 0
        for name, want in truth.items():
            got = list(predicted.get(name, []))
            for w in want:
                fits = [
                    (jaccard(g["elements"], w["elements"]), i)
                    for i, g in enumerate(got)
                    if (g["measure"], g["direction"]) == (w["measure"], w["direction"])
                ]
                fits = [f for f in fits if f[0] >= least]
                if not fits:
                    fn += 1
                    continue
                tp += 1
                got.pop(max(fits)[1])
            fp += len(got)
        out[kind] = {
            "precision": tp / (tp + fp) if tp + fp else 1.0,
            "recall": tp / (tp + fn) if tp + fn else 1.0,
            "tp": tp,
            "fp": fp,
            "fn": fn,
        }
    signal_docs = [n for n, want in truth.items() if want]
    distractors = [n for n, want in truth.items() if not want]
    out["documents"] = {
        "found": sum(1 for n in signal_docs if predicted.get(n)),
        "signal_docs": len(signal_docs),
        "quiet": sum(1 for n in distractors if not predicted.get(n)),
        "distractors": len(distractors),
    }
    return out


def print_relaxed(res: dict[str, dict[str, float]]) -> None:
    for kind, what in (("measure", "measure+direction"), ("jaccard", "elements Jaccard>=0.5")):
        r = res[kind]
        print(
            f"  relaxed, {what:22} precision {r['precision']:.3f}  recall {r['recall']:.3f}"
            f"  (tp {r['tp']}, fp {r['fp']}, fn {r['fn']})"
        )
    d = res["documents"]
    print(
        f"  relaxed, documents: signal documents with a signal {d['found']}/{d['signal_docs']},"
        f" distractors with none {d['quiet']}/{d['distractors']}"
    )


def _d(x: Any) -> str | None:
    return x.isoformat() if isinstance(x, date) else (str(x) if x else None)


def evaluate(
    folder: Path, title: str, verbose: bool, loose: bool = False
) -> tuple[dict[str, float], dict[str, Document]]:
    truth = labels(folder)
    docs = {n: read_document(n, (folder / n).read_bytes()) for n in truth}
    ours = {n: [s.as_json() for s in extract(d, READ_ON)] for n, d in docs.items()}
    base = {n: keyword_baseline(d) for n, d in docs.items()}
    r, b = score(ours, truth), score(base, truth)
    zh = {n: v for n, v in truth.items() if n.startswith("zh")}
    en = {n: v for n, v in truth.items() if not n.startswith("zh")}
    print(
        f"{title}: {len(truth)} documents ({len(zh)} Chinese, {len(en)} English), "
        f"{sum(map(len, truth.values()))} signals, {sum(1 for v in truth.values() if not v)} distractors"
    )
    for name, res in (("rules", r), ("keyword baseline", b)):
        print(
            f"  {name:17} precision {res['precision']:.3f}  recall {res['recall']:.3f}"
            f"  dates {res['dates']:.3f}"
            f"  (tp {res['tp']}, fp {res['fp']}, fn {res['fn']})"
        )
    for lang, sub in (("Chinese", zh), ("English", en)):
        res = score(ours, sub)
        print(
            f"  rules, {lang:8} precision {res['precision']:.3f}  recall {res['recall']:.3f}"
            f"  dates {res['dates']:.3f}"
        )
    if loose:
        print_relaxed(relaxed(ours, truth))
    for n in truth:
        got = [(s["measure"], s["direction"], s["elements"], s["announced"], s["effective"]) for s in ours[n]]
        want = [
            (s["measure"], s["direction"], s["elements"], _d(s["announced"]), _d(s.get("effective")))
            for s in truth[n]
        ]
        if verbose and sorted(map(str, got)) != sorted(map(str, want)):
            print(f"    {n}\n      got  {got}\n      want {want}")
    return r, docs


def _cold_timing(folders: list[Path]) -> int:
    """Read every distinct document of the sets once, timed, and print the figures as one JSON line."""
    docs = [read_document(n, (folder / n).read_bytes()) for folder in folders for n in labels(folder)]
    t = time.perf_counter()
    n_signals = sum(len(extract(d, READ_ON)) for d in docs)
    took = time.perf_counter() - t
    print(json.dumps({"documents": len(docs), "seconds": took, "signals": n_signals}))
    return 0


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--copies", type=int, default=34, help="copies of the set for the 1,000-document timing")
    ap.add_argument("--verbose", action="store_true", help="print every document the rules get wrong")
    ap.add_argument(
        "--relaxed",
        action="store_true",
        help="also print looser figures (measure and direction; elements by Jaccard; documents)",
    )
    ap.add_argument("--cold-timing", action="store_true", help=argparse.SUPPRESS)  # the fresh process's part
    a = ap.parse_args()
    sets = [
        (DATA, "development set (the rules were written against it)"),
        (HELD_OUT, "first held-out set (seen: its miss changed two rules)"),
        (HELD_OUT_2, "second held-out set (seen: its misses changed words)"),
        (HELD_OUT_3, "third held-out set (seen: its misses changed three rules)"),
        (HELD_OUT_4, "fourth held-out set (seen: its misses led to general mechanisms)"),
        (HELD_OUT_5, "fifth held-out set (seen: its misses led to general mechanisms)"),
        (HELD_OUT_6, "sixth held-out set (seen: scored before and after general mechanisms)"),
        (HELD_OUT_7, "seventh held-out set (seen: its misses led to the critical-minerals vocabulary)"),
        (HELD_OUT_8, "eighth held-out set (seen: its misses led to general mechanisms)"),
        (HELD_OUT_9, "ninth held-out set (seen: its remaining misses led to general mechanisms)"),
        (HELD_OUT_10, "tenth held-out set (seen: its misses led to general mechanisms)"),
        (HELD_OUT_11, "eleventh held-out set (seen: its misses led to general mechanisms)"),
        (HELD_OUT_12, "twelfth held-out set (seen: its misses led to general mechanisms)"),
        (HELD_OUT_13, "thirteenth held-out set (seen: its misses led to general mechanisms)"),
        (HELD_OUT_14, "fourteenth held-out set (seen: its misses led to general mechanisms)"),
        (HELD_OUT_15, "fifteenth held-out set (seen: its misses led to general mechanisms)"),
        (HELD_OUT_16, "sixteenth held-out set (seen: its misses led to general mechanisms)"),
        (HELD_OUT_17, "seventeenth held-out set (seen: its misses led to general mechanisms)"),
        (HELD_OUT_18, "eighteenth held-out set (seen: its misses led to general mechanisms)"),
        (HELD_OUT_19, "nineteenth held-out set (seen: its misses led to general mechanisms)"),
        (HELD_OUT_20, "twentieth held-out set (seen: its misses led to general mechanisms)"),
        (HELD_OUT_21, "twenty-first held-out set (seen: its misses led to general mechanisms)"),
        (HELD_OUT_22, "twenty-second held-out set (seen: its misses led to general mechanisms)"),
        (HELD_OUT_23, "twenty-third held-out set (seen: its misses led to general mechanisms)"),
        (HELD_OUT_24, "twenty-fourth held-out set (seen: its misses led to general mechanisms)"),
        (HELD_OUT_25, "twenty-fifth held-out set (seen: its misses led to general mechanisms)"),
        (HELD_OUT_26, "twenty-sixth held-out set (seen: its misses led to general mechanisms)"),
        (HELD_OUT_27, "twenty-seventh held-out set (seen: its misses led to general mechanisms)"),
        (HELD_OUT_28, "twenty-eighth held-out set (seen: its misses led to general mechanisms)"),
        (HELD_OUT_29, "twenty-ninth held-out set (seen: its misses led to general mechanisms)"),
        (HELD_OUT_30, "thirtieth held-out set (seen: its misses led to general mechanisms)"),
        (HELD_OUT_31, "thirty-first held-out set (seen: its misses led to general mechanisms)"),
        (HELD_OUT_32, "thirty-second held-out set (seen: its misses led to general mechanisms)"),
        (HELD_OUT_33, "thirty-third held-out set (seen: its misses led to general mechanisms)"),
        (HELD_OUT_34, "thirty-fourth held-out set (seen: its misses led to general mechanisms)"),
        (HELD_OUT_35, "thirty-fifth held-out set (seen: its misses led to general mechanisms)"),
        (HELD_OUT_36, "thirty-sixth held-out set (seen: its misses led to general mechanisms)"),
        (HELD_OUT_37, "thirty-seventh held-out set (seen: its misses led to general mechanisms)"),
        (HELD_OUT_38, "thirty-eighth held-out set (seen: its misses led to general mechanisms)"),
        (HELD_OUT_39, "thirty-ninth held-out set (seen: its misses led to general mechanisms)"),
        (HELD_OUT_40, "fortieth held-out set (seen: its misses led to general mechanisms)"),
        (HELD_OUT_41, "forty-first held-out set (seen: its misses led to general mechanisms)"),
        (HELD_OUT_42, "forty-second held-out set (seen: its misses led to general mechanisms)"),
        (HELD_OUT_43, "forty-third held-out set (seen: its misses led to general mechanisms)"),
        (HELD_OUT_44, "forty-fourth held-out set (seen: its misses led to general mechanisms)"),
        (HELD_OUT_45, "forty-fifth held-out set (seen: its misses led to general mechanisms)"),
        (HELD_OUT_46, "forty-sixth held-out set (seen: its misses led to general mechanisms)"),
        (HELD_OUT_47, "forty-seventh held-out set (seen: its misses led to general mechanisms)"),
        (HELD_OUT_48, "forty-eighth held-out set (seen: its misses led to general mechanisms)"),
        (HELD_OUT_49, "forty-ninth held-out set (seen: its misses led to general mechanisms)"),
        (HELD_OUT_50, "fiftieth held-out set (seen: its misses led to general mechanisms)"),
        (HELD_OUT_51, "fifty-first held-out set (seen: its misses led to general mechanisms)"),
        (HELD_OUT_52, "fifty-second held-out set (seen: its misses led to general mechanisms)"),
        (HELD_OUT_53, "fifty-third held-out set (seen: its misses led to general mechanisms)"),
        (HELD_OUT_54, "fifty-fourth held-out set (seen: its misses led to general mechanisms)"),
        (HELD_OUT_55, "fifty-fifth held-out set (seen: its misses led to general mechanisms)"),
        (HELD_OUT_56, "fifty-sixth held-out set (seen: its misses led to general mechanisms)"),
        (HELD_OUT_57, "fifty-seventh held-out set (seen: its misses led to general mechanisms)"),
        (HELD_OUT_58, "fifty-eighth held-out set (seen: its misses led to general mechanisms)"),
        (HELD_OUT_59, "fifty-ninth held-out set (seen: its misses led to general mechanisms)"),
        (HELD_OUT_60, "sixtieth held-out set (seen: its misses led to general mechanisms)"),
        (HELD_OUT_61, "sixty-first held-out set (seen: its misses led to general mechanisms)"),
        (HELD_OUT_62, "sixty-second held-out set (seen: its misses led to general mechanisms)"),
        (HELD_OUT_63, "sixty-third held-out set (seen: its misses led to general mechanisms)"),
        (HELD_OUT_64, "sixty-fourth held-out set (seen: its misses led to general mechanisms)"),
        (HELD_OUT_65, "sixty-fifth held-out set (seen: its misses led to general mechanisms)"),
        (HELD_OUT_66, "sixty-sixth held-out set (seen: its misses led to general mechanisms)"),
        (HELD_OUT_67, "sixty-seventh held-out set (seen: its misses led to general mechanisms)"),
        (HELD_OUT_68, "sixty-eighth held-out set (seen: its misses led to general mechanisms)"),
        (HELD_OUT_69, "sixty-ninth held-out set (seen: its misses led to general mechanisms)"),
        (HELD_OUT_70, "seventieth held-out set (seen: its misses led to general mechanisms)"),
        (HELD_OUT_71, "seventy-first held-out set (seen: its misses led to general mechanisms)"),
        (HELD_OUT_72, "seventy-second held-out set (seen: its misses led to general mechanisms)"),
        (HELD_OUT_73, "seventy-third held-out set (seen: its misses led to general mechanisms)"),
        (HELD_OUT_74, "seventy-fourth held-out set (seen: its misses led to general mechanisms)"),
        (HELD_OUT_75, "seventy-fifth held-out set (seen: its misses led to general mechanisms)"),
        (HELD_OUT_76, "seventy-sixth held-out set (seen: its misses led to general mechanisms)"),
        (HELD_OUT_77, "seventy-seventh held-out set (seen: its misses led to general mechanisms)"),
        (HELD_OUT_78, "seventy-eighth held-out set (seen: its misses led to general mechanisms)"),
        (HELD_OUT_79, "seventy-ninth held-out set (seen: its misses led to general mechanisms)"),
        (HELD_OUT_80, "eightieth held-out set (seen: its misses led to general mechanisms)"),
        (HELD_OUT_81, "eighty-first held-out set (seen: its misses led to general mechanisms)"),
        (HELD_OUT_82, "eighty-second held-out set (seen: its misses led to general mechanisms)"),
        (HELD_OUT_83, "eighty-third held-out set (seen: its misses led to general mechanisms)"),
        (HELD_OUT_84, "eighty-fourth held-out set (seen: its misses led to general mechanisms)"),
        (HELD_OUT_85, "eighty-fifth held-out set (seen: its misses led to general mechanisms)"),
        (HELD_OUT_86, "eighty-sixth held-out set (seen: its misses led to general mechanisms)"),
        (HELD_OUT_87, "eighty-seventh held-out set (seen: its misses led to general mechanisms)"),
        (HELD_OUT_88, "eighty-eighth held-out set (seen: its misses led to general mechanisms)"),
        (HELD_OUT_89, "eighty-ninth held-out set (seen: its misses led to general mechanisms)"),
        (HELD_OUT_90, "ninetieth held-out set (seen: its misses led to general mechanisms)"),
        (HELD_OUT_91, "ninety-first held-out set (seen: its misses led to general mechanisms)"),
        (HELD_OUT_92, "ninety-second held-out set (seen: its misses led to general mechanisms)"),
        (HELD_OUT_93, "ninety-third held-out set (seen: its misses led to general mechanisms)"),
        (HELD_OUT_94, "ninety-fourth held-out set (seen: its misses led to a general mechanism)"),
        (HELD_OUT_95, "ninety-fifth held-out set (read once; no rule changed for it)"),
    ]
    if a.cold_timing:
        return _cold_timing([folder for folder, _ in sets])
    results = [evaluate(folder, title, a.verbose, a.relaxed) for folder, title in sets]
    pool = [d for _, docs in results for d in docs.values()]
    batch = [d for _ in range(a.copies) for d in pool][:1000]
    t = time.perf_counter()
    n_signals = sum(len(extract(d, READ_ON)) for d in batch)
    took = time.perf_counter() - t
    print(
        f"speed, warm (documents read just before, the reader's caches full): {len(batch)} documents in "
        f"{took:.2f} s ({len(batch) / took:,.0f}/s), {n_signals} signals"
    )
    # the figure held to the target: every distinct document read once, in a fresh process, so that no cache
    # holds anything of it (the reader memoises per-sentence work)
    out = subprocess.run(
        [sys.executable, __file__, "--cold-timing"], capture_output=True, text=True, check=True
    ).stdout
    cold = json.loads(out.strip().splitlines()[-1])
    per_1000 = cold["seconds"] / cold["documents"] * 1000
    print(
        f"speed, cold: {cold['documents']} distinct documents read once in a fresh process in "
        f"{cold['seconds']:.2f} s ({cold['documents'] / cold['seconds']:,.0f}/s), {cold['signals']} signals: "
        f"1,000 documents in {per_1000:.1f} s at that rate"
    )
    ok = (
        all(r["precision"] >= 0.9 and r["recall"] >= 0.9 and r["dates"] >= 0.95 for r, _ in results)
        and per_1000 < 30
    )
    print("ok" if ok else "TARGET MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

"""Make a server process ready to check orders before it takes requests.

The first check of a process would otherwise pay for loading the screening index of the lists in force
(seconds; minutes to build it on PostgreSQL, which keeps no index file), the entry programmes, the CC-CEDICT
glossary that cross-script matching reads (about 4 s), pypinyin's tables and the rule files. Those belong to
start-up, not to a customer's request: ``reechain serve`` calls ``warm_up`` in every worker before it
listens.
"""

from __future__ import annotations

import logging
import time

from reechain.bootstrap import Container
from reechain.services.compliance._base import read_only
from reechain.services.compliance.party_screening import Screening, default_screening, note_lists
from reechain.services.compliance.rules import rule_book

_log = logging.getLogger(__name__)

_SAMPLES = ("Example Trading Co., Ltd.", "LI, Wei", "示例贸易有限公司", "Пример Торговля")
"""Names that take every path of the matcher once: Latin firm and person, Han, Cyrillic."""


def warm_up(c: Container, screening: Screening | None = None) -> float:
    """Load the rules, the screener over the lists in force and the matcher's dictionaries; returns the
    seconds it took. A database that does not answer is logged, not raised: the server then starts and its
    readiness check says what is wrong."""
    started = time.perf_counter()
    scr = screening or default_screening()
    try:
        rule_book(c)
        if scr.lists_in is not None:
            with c.uow() as uow:
                read_only(uow)
                lists = scr.lists_in(uow.session)
            note_lists(c, lists)
            if scr.screen_parties is not None:
                scr.screen_parties(c, [(n, None, None) for n in _SAMPLES], threshold=0.7, lists=lists)
            if scr.entry_programs is not None:
                scr.entry_programs(c, lists=lists)
        _warm_matcher()
    except Exception:
        _log.warning("compliance warm-up failed; the first checks will be slow", exc_info=True)
    took = time.perf_counter() - started
    _log.info("compliance warm-up done", extra={"seconds": round(took, 2)})
    return took


def _warm_matcher() -> None:
    """The dictionaries the matcher reads lazily (screening samples reach them only on some paths)."""
    from reechain.compliance.matching.cross_script import warm_up as load_reading_tables
    from reechain.compliance.matching.scorer import score

    load_reading_tables()  # CC-CEDICT, Cantonese, hanja and the Japanese readings
    for left in _SAMPLES:
        for right in _SAMPLES:
            score(left, right, "LegalEntity")

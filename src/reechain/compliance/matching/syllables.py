"""Pinyin syllables and their Wade-Giles spelling, built from pypinyin when this module is imported.

Every reading in pypinyin's character table (``pypinyin.pinyin_dict``, about 1,550 tone-marked readings) is
turned into its toneless form (``to_normal``) and its Wade-Giles form (pypinyin's ``Style.WADEGILES``
converter), so the table follows the installed pypinyin instead of a frozen copy. Building it takes about
0.05 s; the character table itself is loaded by pypinyin anyway. pypinyin converts Han to Wade-Giles but not
Wade-Giles back to pinyin; ``chinese.wade_giles_to_pinyin`` inverts this table for that.
"""

from __future__ import annotations

from pypinyin import Style
from pypinyin.contrib.tone_convert import to_normal
from pypinyin.pinyin_dict import pinyin_dict
from pypinyin.style import convert


def _build() -> dict[str, str]:
    readings = sorted(set(",".join(pinyin_dict.values()).split(",")))
    table: dict[str, str] = {}
    for reading in readings:
        plain = to_normal(reading).replace("ü", "v")
        if plain and plain.isascii() and plain.isalpha() and plain not in table:
            table[plain] = str(convert(reading, Style.WADEGILES, strict=True))
    return dict(sorted(table.items()))


PINYIN_TO_WADE_GILES: dict[str, str] = _build()
"""Toneless pinyin syllable (``ü`` written ``v``) → its Wade-Giles spelling, e.g. ``qing`` → ``ch'ing``."""

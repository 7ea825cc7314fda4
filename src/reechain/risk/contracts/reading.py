"""Read a contract (``.docx``, ``.md``, ``.txt``) into numbered clauses.

Clause numbers are recognised as legal teams write them: ``1.``, ``1.1``, ``1.1.``, ``Article 3``,
``Clause 4``, ``Section 5``, ``第三条`` / ``第3条``. A line without a number continues the clause above it
(line wraps), so wrapping never changes a clause. Word files are read paragraph by paragraph with
python-docx; a paragraph numbered by Word's automatic list numbering gets the number Word would show
(decimal, ``1.1``-style levels).
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from typing import Any

from reechain.domain.errors import InvalidInput, Problem
from reechain.risk.contracts.model import Clause, ContractText

SUFFIXES = (".docx", ".md", ".txt")
_CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CHINESE = re.compile(r"^第\s*([零〇一二两三四五六七八九十百\d]+)\s*条[\s:：、.]*(.*)$")
_KEYWORD = re.compile(
    r"^(article|clause|section|art\.)\s+(\d{1,3}(?:\.\d{1,3})*)\.?(?=\s|$|[:\-–—])\s*[:.\-–—]?\s*(.*)$",
    re.IGNORECASE,
)
_NUMERIC = re.compile(r"^(\d{1,3}(?:\.\d{1,3})*)(\.?)(?:\s+(.*))?$")
_MARKUP = re.compile(r"^(?:#{1,6}\s+|[*_`]+)|[*_`]+(?=\s|$)")


def chinese_number(text: str) -> int:
    """``三`` → 3, ``十二`` → 12, ``二十一`` → 21, ``一百零五`` → 105, ``12`` → 12."""
    if text.isdigit():
        return int(text)
    total, current = 0, 0
    for ch in text:
        if ch in _CN_DIGITS:
            current = _CN_DIGITS[ch]
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        elif ch == "百":
            total += (current or 1) * 100
            current = 0
    return total + current


@dataclass(frozen=True)
class _Number:
    number: str
    label: str
    rest: str


def _strip_markup(line: str) -> str:
    return _MARKUP.sub("", line.strip()).strip()


def _clause_number(line: str, previous_top: int | None) -> _Number | None:
    """The clause number at the start of LINE, if it is one (not a wrapped line starting with a figure)."""
    m = _CHINESE.match(line)
    if m:
        n = chinese_number(m.group(1))
        return _Number(str(n), line[: m.start(2)].strip(), m.group(2).strip()) if n > 0 else None
    m = _KEYWORD.match(line)
    if m:
        label = f"{m.group(1)} {m.group(2)}"
        return _Number(m.group(2), label, m.group(3).strip())
    m = _NUMERIC.match(line)
    if not m:
        return None
    number, dot, rest = m.group(1), m.group(2), (m.group(3) or "").strip()
    parts = [int(p) for p in number.split(".")]
    if parts[0] == 0 or (rest and not (rest[0].isalpha() or rest[0] in "(\"'“‘[")):
        return None  # "0.05 % per day", "50 kg", "2,500 t": figures, not numbers of clauses
    if rest and rest[0].islower() and not dot:
        return None  # "10 days of signature" wrapped onto a new line
    if len(parts) == 1 and not dot and previous_top is not None and not 0 < parts[0] - previous_top <= 3:
        return None  # a bare "3 Quantity" only right after the clause before it
    return _Number(number, number + dot, rest)


def parse_lines(name: str, lines: list[str]) -> ContractText:
    """Clauses of a document given as lines (a text file's lines or a Word file's paragraphs)."""
    title_lines: list[str] = []
    clauses: list[tuple[_Number, int, list[str]]] = []
    previous_top: int | None = None
    for i, raw in enumerate(lines, start=1):
        line = _strip_markup(raw)
        if not line:
            continue
        found = _clause_number(line, previous_top)
        if found is not None:
            clauses.append((found, i, [found.rest] if found.rest else []))
            previous_top = int(found.number.split(".")[0])
        elif clauses:
            clauses[-1][2].append(line)
        else:
            title_lines.append(line)
    if not clauses:
        raise InvalidInput(
            f"{name}: no numbered clauses found",
            [Problem("number clauses as 1. / 1.1 / Article 3 / Clause 4 / 第三条", field=name)],
        )
    return ContractText(
        name=name,
        title=" ".join(title_lines),
        clauses=tuple(
            Clause(number=n.number, label=n.label, text=" ".join(parts), line=line)
            for n, line, parts in clauses
        ),
    )


def _docx_paragraphs(name: str, data: bytes) -> list[str]:
    import docx  # python-docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as e:
        raise InvalidInput(
            f"{name}: not a readable Word (.docx) file",
            [Problem(f"{type(e).__name__}: {e}", field=name)],
        ) from None
    counters: dict[str, list[int]] = {}
    out: list[str] = []
    for p in document.paragraphs:
        text = p.text
        num_pr: Any = p._p.pPr.numPr if p._p.pPr is not None else None
        if num_pr is not None and num_pr.numId is not None and text.strip():
            level = int(num_pr.ilvl.val) if num_pr.ilvl is not None else 0
            levels = counters.setdefault(str(num_pr.numId.val), [])
            del levels[level + 1 :]
            while len(levels) <= level:
                levels.append(0)
            levels[level] += 1
            if not _NUMERIC.match(text.strip().split(" ", 1)[0]):
                number = ".".join(str(n) for n in levels)
                text = f"{number}{'.' if level == 0 else ''} {text}"
        out.append(text)
    return out


def read_contract(name: str, data: bytes) -> ContractText:
    """Clauses of the file NAME whose bytes are DATA. Errors name the file."""
    lower = name.lower()
    if not lower.endswith(SUFFIXES):
        raise InvalidInput(
            f"{name}: unsupported file type",
            [Problem(f"use one of {', '.join(SUFFIXES)}", field=name)],
        )
    if not data.strip():
        raise InvalidInput(f"{name}: the file is empty", [Problem("empty file", field=name)])
    if lower.endswith(".docx"):
        return parse_lines(name, _docx_paragraphs(name, data))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise InvalidInput(
            f"{name}: not UTF-8 text", [Problem(f"byte {e.start}: {e.reason}", field=name)]
        ) from None
    return parse_lines(name, text.splitlines())

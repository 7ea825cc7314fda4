"""Reading list files: gzip or plain, UTF-8 (Latin-1 as the fallback old OFAC files need), CSV rows."""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
from collections.abc import Iterator
from pathlib import Path

from reechain.domain.errors import InvalidInput, Problem


def read_text(path: Path) -> str:
    try:
        raw = gzip.decompress(path.read_bytes()) if path.name.endswith(".gz") else path.read_bytes()
    except FileNotFoundError:
        raise InvalidInput(f"list file {path} does not exist", [Problem("no such file", "path")]) from None
    except (OSError, EOFError) as e:
        raise InvalidInput(f"cannot read list file {path}", [Problem(str(e), "path")]) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def csv_rows(text: str, delimiter: str = ",") -> Iterator[tuple[int, list[str]]]:
    """(line number, cells) for each non-empty row; the line number is the row's first line in the file."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    line = 1
    try:
        for row in reader:
            if any(cell.strip(" \t\x1a") for cell in row):  # \x1a: DOS end-of-file marker in OFAC files
                yield line, row
            line = reader.line_num + 1
    except csv.Error as e:
        raise InvalidInput("the file is not valid CSV", [Problem(str(e), line=reader.line_num)]) from None


def refuse(reason: str, line: int | None = None, field: str | None = None) -> InvalidInput:
    return InvalidInput("the list file was refused; nothing was imported", [Problem(reason, field, line)])


def null(cell: str | None, marker: str = "-0-") -> str | None:
    if cell is None:
        return None
    value = cell.strip()
    return None if not value or value == marker else value


def stable_id(*parts: str | None) -> str:
    """An id for lists that publish none (DPL, CSL DPL rows): a hash of what identifies the row."""
    return hashlib.sha1("|".join(p or "" for p in parts).encode("utf-8")).hexdigest()[:12]

"""Write contract texts as Word files (python-docx), the way the legal team's forms are kept."""

from __future__ import annotations

import io
import re

import docx

_HEADING = re.compile(r"^(?:#+\s*)?(?:(?:Article|Clause)\s+\d+|\d+\.)\s")


def docx_bytes(text: str) -> bytes:
    """A .docx whose paragraphs are TEXT's lines: the title as Title, section headings as Heading 2."""
    document = docx.Document()
    for line in text.splitlines():
        if not line.strip():
            continue
        if line.startswith("# "):
            document.add_paragraph(line[2:].strip(), style="Title")
        elif _HEADING.match(line):
            document.add_paragraph(line.strip(), style="Heading 2")
        else:
            document.add_paragraph(line.strip())
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()

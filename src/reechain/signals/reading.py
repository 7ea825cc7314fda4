"""Reading a notice or article: bytes to text, front matter, HTML to text. Never downloads anything.

A binary file, an undecodable one and an empty one are told apart: the first two are refused with a clear
error, an empty file is a document that yields no signal.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date
from html.parser import HTMLParser

import yaml

from reechain.domain.errors import InvalidInput, Problem

FRONT_MATTER_KEYS = ("title", "url", "publisher", "published")
ENCODINGS = ("utf-8-sig", "gb18030", "big5")
_FRONT = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.S)


@dataclass(frozen=True)
class Document:
    name: str
    text: str
    sha256: str
    title: str = ""
    url: str = ""
    publisher: str = ""
    published: date | None = None
    encoding: str = "utf-8"
    meta: dict[str, str] = field(default_factory=dict)


class _Text(HTMLParser):
    BLOCK = frozenset(
        {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "title", "section", "article", "td"}
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        if tag in self.BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self._skip:
            self._skip -= 1
        if tag in self.BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    p = _Text()
    p.feed(html)
    p.close()
    return re.sub(r"\n\s*\n+", "\n\n", "".join(p.parts)).strip()


def _decode(name: str, raw: bytes) -> tuple[str, str]:
    sample = raw[:4096]
    if b"\x00" in sample:
        raise InvalidInput(f"{name}: a binary file, not a notice", [Problem("contains NUL bytes", name)])
    for enc in ENCODINGS:
        try:
            return raw.decode(enc), enc
        except UnicodeDecodeError:
            continue
    raise InvalidInput(f"{name}: unknown text encoding", [Problem(f"not {', '.join(ENCODINGS)}", name)])


URL_DATE = re.compile(r"/((?:19|20)\d{2})[/-]?(\d{2})[/-]?(\d{2})(?=[/._-]|$)")
"""A date in the path of a page's address: news sites file a report under the day it appeared
(".../news/20161209/31156.html", ".../localNews/20150507/117368.html", ".../2016/0808/1437144.html")."""


def url_date(url: str) -> date | None:
    """The day in a page's address, when the front matter gives no ``published`` date: a report's own date
    is a better anchor for a text that names no year than the day the reader runs."""
    path = re.sub(r"^[a-z]+://[^/]*", "", url.strip().strip('"'), flags=re.I)
    for m in URL_DATE.finditer(path):
        try:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            continue
    return None


def read_document(name: str, raw: bytes) -> Document:
    """A document from a file's bytes (``.txt``, ``.md`` or ``.html``)."""
    lower = name.lower()
    if not lower.endswith((".txt", ".md", ".markdown", ".html", ".htm")):
        raise InvalidInput(f"{name}: not a .txt, .md or .html file", [Problem("unsupported file type", name)])
    text, enc = _decode(name, raw)
    meta: dict[str, str] = {}
    m = _FRONT.match(text)
    if m:
        try:
            loaded = yaml.safe_load(m.group(1))
        except yaml.YAMLError as e:
            raise InvalidInput(
                f"{name}: bad front matter", [Problem(str(e).splitlines()[0], "front matter")]
            ) from None
        if isinstance(loaded, dict):
            meta = {str(k): str(v) for k, v in loaded.items() if v is not None}
        text = text[m.end() :]
    if lower.endswith((".html", ".htm")):
        title = re.search(r"<title[^>]*>(.*?)</title>", text, re.S | re.I)
        if title and "title" not in meta:
            meta["title"] = html_to_text(title.group(1))
        text = html_to_text(text)
    published = None
    if meta.get("published"):
        try:
            published = date.fromisoformat(meta["published"][:10])
        except ValueError:
            raise InvalidInput(
                f"{name}: bad front matter", [Problem("published: not YYYY-MM-DD", "published")]
            ) from None
    if published is None:
        published = url_date(meta.get("url", ""))
    return Document(
        name=name,
        text=text.strip(),
        sha256=hashlib.sha256(raw).hexdigest(),
        title=meta.get("title", ""),
        url=meta.get("url", ""),
        publisher=meta.get("publisher", ""),
        published=published,
        encoding=enc,
        meta=meta,
    )

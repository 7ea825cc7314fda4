"""OFAC ``SDN.XML`` (namespace ``http://tempuri.org/sdnList.xsd``): ``sdnEntry`` with uid, firstName,
lastName, sdnType, programList, akaList and addressList; ``publshInformation/Record_Count`` is checked."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from reechain.compliance.lists._read import read_text, refuse
from reechain.compliance.lists.model import ListEntry

_TYPES = {"individual": "Person", "vessel": "Vessel", "aircraft": "Airplane", "entity": "Company"}


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _child(el: ET.Element, name: str) -> ET.Element | None:
    for c in el:
        if _local(c.tag) == name:
            return c
    return None


def _text(el: ET.Element, name: str) -> str | None:
    c = _child(el, name)
    return c.text.strip() if c is not None and c.text and c.text.strip() else None


def _full_name(el: ET.Element) -> str | None:
    last, first = _text(el, "lastName"), _text(el, "firstName")
    if last and first:
        return f"{last}, {first}"
    return last or first


def read(path: Path) -> list[ListEntry]:
    try:
        root = ET.fromstring(read_text(path))
    except ET.ParseError as e:
        raise refuse(f"not well-formed XML: {e}", e.position[0]) from None
    if _local(root.tag) != "sdnList":
        raise refuse(f"root element is <{_local(root.tag)}>, expected <sdnList>", 1)
    entries: list[ListEntry] = []
    for n, el in enumerate((c for c in root if _local(c.tag) == "sdnEntry"), start=1):
        uid = _text(el, "uid")
        name = _full_name(el)
        if not uid or not name:
            raise refuse(f"sdnEntry #{n} has no {'uid' if not uid else 'lastName'}", None, f"sdnEntry[{n}]")
        aliases: list[str] = []
        aka_list = _child(el, "akaList")
        for aka in aka_list if aka_list is not None else []:
            alias = _full_name(aka)
            if alias:
                aliases.append(alias)
        programs = _child(el, "programList")
        addresses = _child(el, "addressList")
        countries = [_text(a, "country") for a in (addresses if addresses is not None else [])]
        entries.append(
            ListEntry(
                entry_id=uid,
                name=name,
                schema=_TYPES.get((_text(el, "sdnType") or "").lower(), "Company"),
                aliases=tuple(aliases),
                programs=tuple(p.text.strip() for p in (programs if programs is not None else []) if p.text),
                addresses=tuple(c for c in countries if c),
            )
        )
    info = _child(root, "publshInformation")
    count = _text(info, "Record_Count") if info is not None else None
    if count is not None and count.isdigit() and int(count) != len(entries):
        raise refuse(
            f"Record_Count says {count} entries but the file holds {len(entries)}", None, "Record_Count"
        )
    return entries

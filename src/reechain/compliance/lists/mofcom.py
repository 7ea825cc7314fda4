"""MOFCOM lists: the Unreliable Entity List and the export-control control/watch lists, either as the
normalised JSON snapshot (``{records[]}``) or as announcement YAML files (``sanction_details.entities`` with
``name: {zh-Hans, en}``), one file or a folder of them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from reechain.compliance.lists._read import read_text, refuse
from reechain.compliance.lists.model import ListEntry
from reechain.compliance.lists.normalised_json import read_mofcom as read_json

_YAML_TYPES = {"person": "Person", "individual": "Person"}


def _yaml_entries(path: Path) -> list[ListEntry]:
    try:
        doc = yaml.safe_load(read_text(path))
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        raise refuse(f"{path.name}: not valid YAML: {e}", mark.line + 1 if mark else None) from None
    if not isinstance(doc, dict):
        raise refuse(f"{path.name}: expected a mapping at the top", 1)
    announcement = doc.get("announcement") or {}
    number = (
        str(announcement.get("document_id") or path.stem) if isinstance(announcement, dict) else path.stem
    )
    details = doc.get("sanction_details") or {}
    raw = details.get("entities") if isinstance(details, dict) else None
    if not isinstance(raw, list):
        raise refuse(f"{path.name}: no sanction_details.entities list", None, "sanction_details.entities")
    out: list[ListEntry] = []
    for n, ent in enumerate(raw, start=1):
        names: Any = ent.get("name") if isinstance(ent, dict) else None
        if not isinstance(names, dict):
            raise refuse(f"{path.name}: entity {n} has no name mapping", None, f"entities[{n}].name")
        zh, en = names.get("zh-Hans"), names.get("en")
        primary = zh or en
        if not isinstance(primary, str) or not primary.strip():
            raise refuse(
                f"{path.name}: entity {n} has neither zh-Hans nor en name", None, f"entities[{n}].name"
            )
        assert isinstance(ent, dict)
        out.append(
            ListEntry(
                entry_id=f"{path.stem}-{n}",
                name=primary.strip(),
                schema=_YAML_TYPES.get(str(ent.get("type", "")).lower(), "Company"),
                aliases=(en.strip(),) if isinstance(en, str) and en.strip() and en != primary else (),
                programs=(number, str(ent.get("sanction_list") or "")),
            )
        )
    return out


def read(path: Path) -> list[ListEntry]:
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix in {".yml", ".yaml"})
        if not files:
            raise refuse(f"folder {path} holds no .yml/.yaml announcement files", None, "path")
        return [e for f in files for e in _yaml_entries(f)]
    if path.suffix in {".yml", ".yaml"}:
        return _yaml_entries(path)
    return read_json(path)

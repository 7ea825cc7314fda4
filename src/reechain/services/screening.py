"""Restricted-party lists and screening: import a list version, compare versions, screen parties.

The screener (candidate index over every name of every list in force) is built once per set of list
versions, kept in memory and saved to a file in the cache folder (``index_cache``), so the next process
loads it instead of building it; a new import changes the set and the next screening builds a new one.
"""

from __future__ import annotations

import hashlib
import json
import logging
import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable, Sequence
from contextlib import nullcontext
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import URL, func, insert, select
from sqlalchemy.orm import Session

from reechain.bootstrap import Container
from reechain.compliance.lists import read_list
from reechain.compliance.lists.model import ListedEntry, ListEntry
from reechain.compliance.matching import index_cache
from reechain.compliance.matching.batch import NamePair, ThresholdQuality, quality_by_threshold
from reechain.compliance.matching.hit import ScreeningHit
from reechain.compliance.matching.scorer import MatchResult, score
from reechain.compliance.matching.screener import DEFAULT_THRESHOLD, PartyQuery, Screener
from reechain.domain.errors import InvalidInput, NotFound, Problem
from reechain.domain.roles import Role
from reechain.services.auth import AuthenticatedUser
from reechain.services.collector import collector_held
from reechain.services.permissions import require_role
from reechain.services.screening_pool import screen_in_processes
from reechain.store.tables.screening import ListEntryRow, ListVersionRow

if TYPE_CHECKING:
    from reechain.services.parties_rescreen import RescreenReport

# A party whose best score against every added, changed or removed entry stays below this cannot gain or
# lose a hit at any threshold a compliance officer would use, so it need not be screened again.
AFFECTED_FLOOR = 0.5
_LIST_NAME_MAX = 100
_log = logging.getLogger(__name__)
_INSERT_CHUNK = 5000


@dataclass(frozen=True)
class ImportReport:
    list_name: str
    version: int
    format: str
    entries: int
    file_sha256: str
    previous_version: int | None
    added: int
    removed: int
    changed: int
    rescreen: RescreenReport | None = None
    """What the new version changed in the party register and open orders (``services.parties_rescreen``)."""


@dataclass(frozen=True)
class ListVersion:
    list_name: str
    version: int
    format: str
    source_name: str
    entry_count: int
    imported_at: datetime
    active: bool


@dataclass(frozen=True)
class ListDiff:
    list_name: str
    old_version: int
    new_version: int
    added: list[ListEntry] = field(default_factory=list)
    removed: list[ListEntry] = field(default_factory=list)
    changed: list[tuple[ListEntry, ListEntry]] = field(default_factory=list)


# ---------------------------------------------------------------- lists


def _content_hash(entries: Sequence[ListEntry]) -> str:
    h = hashlib.sha256()
    for fp in sorted(e.fingerprint() for e in entries):
        h.update(fp.encode())
    return h.hexdigest()


def import_list(c: Container, path: Path, fmt: str, list_name: str) -> ImportReport:
    """Read the whole file, then store it as the next version of ``list_name`` in one transaction.

    A malformed file raises ``InvalidInput`` before anything is written, so the version in force stays.
    Runs with the cyclic garbage collector held back (``collector.collector_held``): reading and comparing
    two versions of a list of tens of thousands of entries is a batch.
    """
    with collector_held():
        return _import_list(c, path, fmt, list_name)


def _import_list(c: Container, path: Path, fmt: str, list_name: str) -> ImportReport:
    list_name = list_name.strip()
    if not list_name or len(list_name) > _LIST_NAME_MAX:
        raise InvalidInput("bad list name", [Problem(f"1 to {_LIST_NAME_MAX} characters", "list")])
    entries = read_list(path, fmt)
    file_sha = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else _content_hash(entries)
    with c.uow() as uow:
        s = uow.session
        previous = _latest_version(s, list_name)
        row = ListVersionRow(
            list_name=list_name,
            version=(previous.version if previous else 0) + 1,
            format=fmt,
            source_name=path.name[:255],
            file_sha256=file_sha,
            content_sha256=_content_hash(entries),
            entry_count=len(entries),
            imported_at=datetime.now(UTC),
        )
        s.add(row)
        s.flush()
        rows = [_entry_row(row.id, e) for e in entries]
        for start in range(0, len(rows), _INSERT_CHUNK):
            s.execute(insert(ListEntryRow), rows[start : start + _INSERT_CHUNK])
        diff = _diff(s, list_name, previous, row) if previous else None
        report = ImportReport(
            list_name=list_name,
            version=row.version,
            format=fmt,
            entries=len(entries),
            file_sha256=file_sha,
            previous_version=previous.version if previous else None,
            added=len(diff.added) if diff else len(entries),
            removed=len(diff.removed) if diff else 0,
            changed=len(diff.changed) if diff else 0,
        )
        uow.commit()
    from reechain.services.parties_rescreen import rescreen_after_import  # re-screen what the change touches

    return replace(report, rescreen=rescreen_after_import(c, list_name, row.version, changes=diff or entries))


def _entry_row(version_id: int, e: ListEntry) -> dict[str, object]:
    return {
        "version_id": version_id,
        "entry_id": e.entry_id,
        "name": e.name,
        "schema": e.schema,
        "country": e.country,
        "aliases_json": json.dumps(list(e.aliases), ensure_ascii=False),
        "programs_json": json.dumps(list(e.programs), ensure_ascii=False),
        "fingerprint": e.fingerprint(),
    }


def _row_entry(r: ListEntryRow) -> ListEntry:
    return ListEntry(
        entry_id=r.entry_id,
        name=r.name,
        schema=r.schema,
        country=r.country,
        aliases=tuple(json.loads(r.aliases_json)),
        programs=tuple(json.loads(r.programs_json)),
    )


def _latest_version(s: Session, list_name: str) -> ListVersionRow | None:
    return s.scalars(
        select(ListVersionRow)
        .where(ListVersionRow.list_name == list_name)
        .order_by(ListVersionRow.version.desc())
        .limit(1)
    ).first()


def _version_row(s: Session, list_name: str, version: int) -> ListVersionRow:
    row = s.scalars(
        select(ListVersionRow).where(ListVersionRow.list_name == list_name, ListVersionRow.version == version)
    ).first()
    if row is None:
        raise NotFound(f"list {list_name!r} has no version {version}")
    return row


def _entries(s: Session, version_id: int) -> list[ListEntry]:
    rows = s.scalars(select(ListEntryRow).where(ListEntryRow.version_id == version_id))
    return [_row_entry(r) for r in rows]


def _active_rows(s: Session) -> list[ListVersionRow]:
    latest = (
        select(ListVersionRow.list_name, func.max(ListVersionRow.version).label("v"))
        .group_by(ListVersionRow.list_name)
        .subquery()
    )
    stmt = (
        select(ListVersionRow)
        .join(
            latest, (ListVersionRow.list_name == latest.c.list_name) & (ListVersionRow.version == latest.c.v)
        )
        .order_by(ListVersionRow.list_name)
    )
    return list(s.scalars(stmt))


def active_list_versions(c: Container) -> dict[str, int]:
    """The version in force of every list: ``{list_name: version}``."""
    with c.uow() as uow:
        return {r.list_name: r.version for r in _active_rows(uow.session)}


def list_versions(c: Container, list_name: str | None = None) -> list[ListVersion]:
    with c.uow() as uow:
        s = uow.session
        active = {(r.list_name, r.version) for r in _active_rows(s)}
        stmt = select(ListVersionRow).order_by(ListVersionRow.list_name, ListVersionRow.version)
        if list_name is not None:
            stmt = stmt.where(ListVersionRow.list_name == list_name)
        return [
            ListVersion(
                r.list_name,
                r.version,
                r.format,
                r.source_name,
                r.entry_count,
                r.imported_at,
                (r.list_name, r.version) in active,
            )
            for r in s.scalars(stmt)
        ]


def list_entries(c: Container, list_name: str, version: int | None = None) -> list[ListEntry]:
    with c.uow() as uow:
        s = uow.session
        row = _version_row(s, list_name, version) if version is not None else _latest_version(s, list_name)
        if row is None:
            raise NotFound(f"no list named {list_name!r}")
        return _entries(s, row.id)


def _diff(s: Session, list_name: str, old: ListVersionRow, new: ListVersionRow) -> ListDiff:
    old_entries = {e.entry_id: e for e in _entries(s, old.id)}
    new_entries = {e.entry_id: e for e in _entries(s, new.id)}
    return ListDiff(
        list_name=list_name,
        old_version=old.version,
        new_version=new.version,
        added=[e for k, e in sorted(new_entries.items()) if k not in old_entries],
        removed=[e for k, e in sorted(old_entries.items()) if k not in new_entries],
        changed=[
            (old_entries[k], e)
            for k, e in sorted(new_entries.items())
            if k in old_entries and old_entries[k].fingerprint() != e.fingerprint()
        ],
    )


def diff_versions(c: Container, list_name: str, old: int | None = None, new: int | None = None) -> ListDiff:
    """What changed in ``list_name`` from version ``old`` to ``new`` (default: the last two versions)."""
    with c.uow() as uow:
        s = uow.session
        latest = _latest_version(s, list_name)
        if latest is None:
            raise NotFound(f"no list named {list_name!r}")
        new_row = _version_row(s, list_name, new) if new is not None else latest
        if old is None:
            if new_row.version == 1:
                raise InvalidInput(
                    f"list {list_name!r} has only version 1", [Problem("nothing to compare", "from")]
                )
            old = new_row.version - 1
        return _diff(s, list_name, _version_row(s, list_name, old), new_row)


# ---------------------------------------------------------------- screening

_CACHE_SIZE = 2  # a screener over all lists holds every name's comparable form: keep few
_cache: OrderedDict[tuple[object, ...], Screener] = OrderedDict()
_cache_lock = threading.Lock()


def screener(c: Container, in_force: Sequence[tuple[str, int, str]] | None = None) -> Screener:
    """The screener over every list in force, built once per set of list versions (and their content):
    from memory, else from the cache file, else built and saved.

    ``in_force``: the ``(list, version, content_sha256)`` of the lists in force when the caller has just read
    them (``compliance.party_screening.lists_in_force``): a screener kept in memory for them is returned
    without reading the database again."""
    if in_force is not None:
        kept = _kept((str(c.engine.url), *((n, v, h) for n, v, h in in_force)))
        if kept is not None:
            return kept
    with c.uow() as uow:
        s = uow.session
        rows = _active_rows(s)
        key = _memory_key(c, rows)
        cached = _kept(key)
        if cached is not None:
            return cached
        path, file_key, built, listed = _saved_or_listed(c, s, rows)
    if built is None:
        built = Screener(listed)
        if path is not None:
            try:
                index_cache.save(path, file_key, built)
            except (OSError, ValueError) as e:  # an unwritable folder or odd name costs only speed
                _log.warning("screening index not saved to %s: %s", path, e)
    with _cache_lock:
        _cache[key] = built
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    return built


_programs: weakref.WeakKeyDictionary[Screener, dict[tuple[str, str], tuple[str, ...]]] = (
    weakref.WeakKeyDictionary()
)


def screener_before(c: Container, list_name: str, version: int) -> Screener | None:
    """The screener over the lists in force just before ``version`` of ``list_name`` was imported (that list
    at ``version - 1``, or left out when ``version`` is its first), from memory or the cache file when kept
    there, else built (and not saved: the file is for the lists in force); ``None`` when no list was in
    force. The delta re-screen weighs the changed entries with its index."""
    with c.uow() as uow:
        s = uow.session
        rows = [r for r in _active_rows(s) if r.list_name != list_name]
        if version > 1:
            rows.append(_version_row(s, list_name, version - 1))
        rows.sort(key=lambda r: r.list_name)
        if not rows:
            return None
        cached = _kept(_memory_key(c, rows))
        if cached is not None:
            return cached
        _, _, built, listed = _saved_or_listed(c, s, rows)
    return built if built is not None else Screener(listed)


def _memory_key(c: Container, rows: Sequence[ListVersionRow]) -> tuple[object, ...]:
    return (str(c.engine.url), *((r.list_name, r.version, r.content_sha256) for r in rows))


def _kept(key: tuple[object, ...]) -> Screener | None:
    """The screener kept in memory under ``key`` (made the most recently used), else ``None``."""
    with _cache_lock:
        cached = _cache.get(key)
        if cached is not None:
            _cache.move_to_end(key)
        return cached


def _saved_or_listed(
    c: Container, s: Session, rows: Sequence[ListVersionRow]
) -> tuple[Path | None, str, Screener | None, list[ListedEntry]]:
    """The index file and its key for the list versions ``rows``, and the screener saved in it, or (when
    there is none) the entries to build one from, read in the caller's transaction."""
    path = index_cache_file(c)
    file_key = index_cache.cache_key([(r.list_name, r.version, r.content_sha256) for r in rows])
    saved = index_cache.load(path, file_key) if path is not None else None
    if saved is not None:
        return path, file_key, saved, []
    listed = [ListedEntry(r.list_name, r.version, e) for r in rows for e in _entries(s, r.id)]
    return path, file_key, None, listed


def entry_programs(
    c: Container, in_force: Sequence[tuple[str, int, str]] | None = None
) -> dict[tuple[str, str], tuple[str, ...]]:
    """``{(list_name, entry_id): programs}`` of every entry in force: which sub-list of a list an entry is
    on (MOFCOM's ``mofcom-control`` holds both the control list and the watch list), which sanctions
    programme or notice listed it. The compliance policy may decide per program."""
    sc = screener(c, in_force)
    with _cache_lock:
        found = _programs.get(sc)
        if found is None:
            found = {(x.list_name, x.entry.entry_id): x.entry.programs for x in sc.entries}
            _programs[sc] = found
    return found


def index_cache_file(c: Container) -> Path | None:
    """Where the screening index of this database is saved (see ``index_cache_path``)."""
    return index_cache_path(c.engine.url, c.settings.cache_dir)


def index_cache_path(url: URL, cache_dir: Path | None) -> Path | None:
    """``cache_dir``, else a ``.reechain-cache`` folder next to the SQLite file; ``None`` (memory only) for
    PostgreSQL or an in-memory SQLite database without a cache folder set. The file name carries a hash of
    the database URL so several databases can share one folder."""
    folder = cache_dir
    if folder is None:
        database = url.database or ""
        if url.get_backend_name() != "sqlite" or database in ("", ":memory:") or database.startswith("file:"):
            return None
        folder = Path(database).resolve().parent / ".reechain-cache"
    tag = hashlib.sha256(url.render_as_string(hide_password=True).encode()).hexdigest()[:12]
    return Path(folder) / f"screening-index-{tag}.npz"


def forget_screeners() -> None:
    """Drop the screeners kept in memory (the cache files stay): the next screening loads or builds."""
    with _cache_lock:
        _cache.clear()


def _check_threshold(threshold: float | None) -> float:
    value = DEFAULT_THRESHOLD if threshold is None else threshold
    if not 0.0 <= value <= 1.0:
        raise InvalidInput("bad threshold", [Problem("must be between 0 and 1", "threshold")])
    return value


def screen_party(
    c: Container,
    name: str,
    schema: str = "Company",
    country: str | None = None,
    *,
    threshold: float | None = None,
) -> list[ScreeningHit]:
    """Every entry of every list in force that ``name`` matches at ``threshold`` or above, best first."""
    if not name.strip():
        raise InvalidInput("nothing to screen", [Problem("the party name is empty", "name")])
    return screener(c).screen(PartyQuery(name, schema, country), _check_threshold(threshold))


def screen_parties(
    c: Container,
    parties: Sequence[PartyQuery],
    *,
    threshold: float | None = None,
    chunk: int = 500,
    progress: Callable[[int], None] | None = None,
    in_force: Sequence[tuple[str, int, str]] | None = None,
    processes: int = 1,
) -> list[list[ScreeningHit]]:
    """Screen a batch; ``progress`` is called with the number of parties done after each chunk;
    ``in_force`` as for ``screener``. ``processes`` above 1 screens the chunks in that many worker
    processes forked from this one (``screening_pool``; the same hits): for a batch run on its own, such as
    the command line's, never inside a server's request. A batch of ``BATCH_HELD`` parties or more runs with
    the cyclic garbage collector held back (``collector.collector_held``); a request's few parties do not."""
    value = _check_threshold(threshold)
    if processes < 1:
        raise InvalidInput("bad process count", [Problem("must be at least 1", "processes")])
    sc = screener(c, in_force)
    with collector_held() if len(parties) >= BATCH_HELD else nullcontext():
        return screen_in_processes(sc, parties, value, processes=processes, chunk=chunk, progress=progress)


BATCH_HELD = 1000
"""The fewest parties ``screen_parties`` screens with the cyclic garbage collector held back: a batch makes
millions of short-lived objects, and each collection of the oldest generation walks every object of the
process (the screening index, the readers' caches). On the 10,000 parties of ``benchmarks/screening.py`` the
collector took about a fifth of the CPU (5.4 against 4.3 CPU-s, warm); what a batch leaves is freed by
reference counting, and any cycles at the next collection after it."""


def parties_affected_by(
    c: Container, list_name: str, new_version: int, party_names: Sequence[str]
) -> list[str]:
    """The parties (by name) whose hits can differ between ``new_version`` of ``list_name`` and the version
    before it: those that come near an added, changed (old or new form) or removed entry. Everyone else
    keeps the hits they had, so delta re-screening touches only these."""
    with c.uow() as uow:
        s = uow.session
        new_row = _version_row(s, list_name, new_version)
        if new_version == 1:
            delta = _entries(s, new_row.id)
        else:
            d = _diff(s, list_name, _version_row(s, list_name, new_version - 1), new_row)
            delta = [*d.added, *d.removed, *(e for pair in d.changed for e in pair)]
    if not delta:
        return []
    near = Screener([ListedEntry(list_name, new_version, e) for e in delta])
    results = near.screen_many([PartyQuery(n, "LegalEntity") for n in party_names], AFFECTED_FLOOR)
    return [n for n, hits in zip(party_names, results, strict=True) if hits]


# ---------------------------------------------------------------- matcher tools


def score_names(left: str, right: str, schema: str = "Company") -> MatchResult:
    """The match score of two names with its features (no database)."""
    return score(left, right, schema)


def score_pairs(pairs: Sequence[NamePair]) -> list[float]:
    return [score(p.left, p.right, p.schema).score for p in pairs]


def calibrate(pairs: Sequence[NamePair]) -> list[ThresholdQuality]:
    """Precision and recall per threshold on labelled pairs."""
    if not pairs:
        raise InvalidInput("nothing to calibrate", [Problem("the file holds no pairs")])
    labels = [bool(p.is_match) for p in pairs]
    return quality_by_threshold(score_pairs(pairs), labels)


# ---------------------------------------------------------------- sample lists

SAMPLE_LISTS_DIR = Path(__file__).resolve().parents[1] / "data" / "lists"


def load_sample_lists(c: Container, *, only_missing: bool = True) -> list[ImportReport]:
    """Import the packaged sample lists (``reechain/data/lists/manifest.yaml``) for the demo; lists already
    loaded are left alone unless ``only_missing`` is false."""
    import yaml

    manifest = yaml.safe_load((SAMPLE_LISTS_DIR / "manifest.yaml").read_text(encoding="utf-8"))
    loaded = active_list_versions(c)
    reports = []
    for item in manifest["lists"]:
        if only_missing and item["list"] in loaded:
            continue
        reports.append(import_list(c, SAMPLE_LISTS_DIR / item["file"], item["format"], item["list"]))
    return reports


MAX_UPLOAD_BYTES = 64 * 1024 * 1024


def import_list_upload(
    c: Container,
    data: bytes,
    filename: str,
    fmt: str,
    list_name: str,
    *,
    actor: AuthenticatedUser | None = None,
) -> ImportReport:
    """``import_list`` for a file received over HTTP: the bytes are written to a temporary file that keeps
    the upload's name (``.gz``, ``.json``, ``.yml`` matter to the readers). Needs the compliance_officer
    role."""
    import tempfile

    require_role(actor, Role.COMPLIANCE_OFFICER)
    if len(data) > MAX_UPLOAD_BYTES:
        raise InvalidInput("file too large", [Problem(f"at most {MAX_UPLOAD_BYTES // 2**20} MiB", "file")])
    safe = Path(filename or "list").name or "list"
    with tempfile.TemporaryDirectory(prefix="reechain-list-") as tmp:
        path = Path(tmp) / safe
        path.write_bytes(data)
        return import_list(c, path, fmt, list_name)

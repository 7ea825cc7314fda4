"""The compiled matching modules (mypyc, ``matching._compiled``) are used only while built from the sources as
they are: a stale or missing build leaves the package pure Python, never old code."""

from __future__ import annotations

import importlib
import importlib.machinery
import json
import sys
from pathlib import Path

import pytest

from reechain.compliance import matching
from reechain.compliance.matching import _compiled


def _fake_build(folder: Path, digest: str) -> None:
    suffix = importlib.machinery.EXTENSION_SUFFIXES[0]
    package = folder / "reechain" / "compliance" / "matching"
    package.mkdir(parents=True)
    for name in _compiled.COMPILED_MODULES:
        (package / f"{name}{suffix}").write_bytes(b"not a library")
    manifest = {"digest": digest, "modules": list(_compiled.COMPILED_MODULES), "ext_suffix": suffix}
    (folder / _compiled.MANIFEST).write_text(json.dumps({**manifest, "library": "none__mypyc"}))


def test_a_stale_build_is_not_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("REECHAIN_PURE_PYTHON", raising=False)
    monkeypatch.setattr(_compiled, "build_dir", lambda: tmp_path)
    _fake_build(tmp_path, "0" * 64)  # built from other sources
    path = ["src"]
    assert _compiled.activate(path) == ()
    assert path == ["src"]


def test_a_missing_build_or_the_switch_keeps_pure_python(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_compiled, "build_dir", lambda: tmp_path / "none")
    monkeypatch.delenv("REECHAIN_PURE_PYTHON", raising=False)
    assert _compiled.activate(["src"]) == ()
    monkeypatch.setattr(_compiled, "build_dir", lambda: tmp_path)
    _fake_build(tmp_path, _compiled.source_digest())
    monkeypatch.setenv("REECHAIN_PURE_PYTHON", "1")
    assert _compiled.activate(["src"]) == ()


def test_a_library_that_does_not_load_keeps_pure_python(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("REECHAIN_PURE_PYTHON", raising=False)
    monkeypatch.setattr(_compiled, "build_dir", lambda: tmp_path)
    _fake_build(tmp_path, _compiled.source_digest())  # up to date, but its library is not one
    path = ["src"]
    assert _compiled.activate(path) == ()
    assert path == ["src"] and "none__mypyc" not in sys.modules


def test_the_modules_in_use_are_the_compiled_ones_or_the_sources() -> None:
    for name in _compiled.COMPILED_MODULES:
        module = importlib.import_module(f"{matching.__name__}.{name}")
        where = Path(module.__file__ or "")
        if name in matching.COMPILED:
            assert where.parent.is_relative_to(_compiled.build_dir())
            assert _compiled.read_manifest(_compiled.build_dir()) is not None
        else:
            assert where == _compiled.PACKAGE_DIR / f"{name}.py"
    if matching.COMPILED:
        manifest = _compiled.read_manifest(_compiled.build_dir())
        assert manifest is not None and manifest["digest"] == _compiled.source_digest()

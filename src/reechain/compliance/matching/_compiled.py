"""The matching modules compiled to C with mypyc, used only while they were built from the sources as they
are.

``scripts/build_compiled.py`` (run by ``make setup``) compiles ``COMPILED_MODULES`` into ``build_dir()``, a
folder of the virtual environment outside the source tree, and writes there a manifest with the digest of
every ``.py`` file of this package. At the import of the package, ``activate`` puts the compiled modules in
front of the sources only when that digest equals the digest of the sources now: after any edit to a module of
the package the whole package runs as pure Python (slower, never old code) until the next ``make setup``
compiles it again. A compiled module is never written next to its ``.py`` file, so nothing can shadow it.

``REECHAIN_PURE_PYTHON=1`` in the environment keeps the pure-Python modules (to compare the two, or to debug).
"""

from __future__ import annotations

import hashlib
import importlib.machinery
import importlib.util
import json
import logging
import os
import sys
from collections.abc import MutableSequence
from pathlib import Path

COMPILED_MODULES = (
    "abbreviation",
    "chinese",
    "cross_keys",
    "cross_script",
    "middle_names",
    "normalise",
    "parts",
    "readings",
    "scorer",
    "syllables",
    "translation",
    "vocabulary",
)
"""The modules compiled (of ``reechain.compliance.matching``). Not compiled: ``screener`` (tests replace its
methods, which a compiled class does not allow), ``hit`` (its hits are pickled between processes), ``index``,
``index_cache`` and ``batch`` (their time is in numpy, scipy and file reading), this module and the package's
``__init__``."""

PACKAGE = "reechain.compliance.matching"
PACKAGE_DIR = Path(__file__).resolve().parent
MANIFEST = "manifest.json"
_log = logging.getLogger(__name__)


def build_dir() -> Path:
    """Where the compiled modules of this environment are: a folder of the environment (``sys.prefix``),
    outside the source tree."""
    return Path(sys.prefix) / "reechain-compiled"


def source_digest() -> str:
    """Digest of every ``.py`` file of the package (name and content): compiled modules build in what they
    import from the package (constants, native classes), so an edit to any of them makes the build stale."""
    h = hashlib.sha256()
    for path in sorted(PACKAGE_DIR.glob("*.py")):
        h.update(path.name.encode())
        h.update(b"\0")
        h.update(path.read_bytes())
        h.update(b"\0")
    return h.hexdigest()


def read_manifest(folder: Path) -> dict[str, object] | None:
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return manifest if isinstance(manifest, dict) else None


def activate(package_path: MutableSequence[str]) -> tuple[str, ...]:
    """Put the compiled modules in front of the sources in ``package_path`` (the package's ``__path__``) when
    they were built from the sources as they are now, for this interpreter; return the names of the modules
    compiled (empty: pure Python)."""
    if os.environ.get("REECHAIN_PURE_PYTHON", "") not in ("", "0"):
        return ()
    folder = build_dir()
    manifest = read_manifest(folder)
    if manifest is None:
        return ()
    if manifest.get("digest") != source_digest():
        _log.info("compiled matching modules are stale (a source changed): pure Python until `make setup`")
        return ()
    modules, library = manifest.get("modules"), manifest.get("library")
    suffix = importlib.machinery.EXTENSION_SUFFIXES[0]
    if manifest.get("ext_suffix") != suffix or not isinstance(modules, list) or not isinstance(library, str):
        return ()
    package = folder / Path(*PACKAGE.split("."))
    if not all((package / f"{name}{suffix}").is_file() for name in modules):
        return ()
    # The modules' shared library is a top-level extension module: loaded here from its file, not sys.path.
    if library not in sys.modules:
        loader = importlib.machinery.ExtensionFileLoader(library, str(folder / f"{library}{suffix}"))
        spec = importlib.util.spec_from_loader(library, loader)
        if spec is None:
            return ()
        try:
            lib = importlib.util.module_from_spec(spec)
            loader.exec_module(lib)
        except (ImportError, OSError) as exc:
            _log.warning("compiled matching modules not loaded (%s): pure Python", exc)
            return ()
        sys.modules[library] = lib
    package_path.insert(0, str(package))
    return tuple(str(name) for name in modules)

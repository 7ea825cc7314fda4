"""Compile the hot modules of ``reechain.compliance.matching`` with mypyc (run by ``make setup``).

The modules (``_compiled.COMPILED_MODULES``) are compiled into ``_compiled.build_dir()``, a folder of the
virtual environment, never next to their sources; a manifest there records the digest of the package's sources
they were built from, and the package uses them only while that digest still holds (``_compiled.activate``).
Nothing is done when the build in place was made from the sources as they are, with this mypy and Python.

mypyc comes with mypy (a locked dev dependency); the C compiler is the one Python was built with (distutils,
as Python 3.11 has it). Set ``REECHAIN_PURE_PYTHON=1`` to skip the build (the package then runs as pure
Python). Run: ``.venv/bin/python scripts/build_compiled.py [--force]``.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.machinery
import importlib.util
import io
import json
import os
import shutil
import sys
import tempfile
import time
import warnings
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SKIP = os.environ.get("REECHAIN_PURE_PYTHON", "") not in ("", "0")
# read on its own, not through its package (whose import would load the matching modules and their libraries)
_spec = importlib.util.spec_from_file_location(
    "reechain_compiled", ROOT / "src" / "reechain" / "compliance" / "matching" / "_compiled.py"
)
assert _spec is not None and _spec.loader is not None
_compiled = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_compiled)


def wanted(digest: str) -> dict[str, object]:
    return {
        "digest": digest,
        "modules": list(_compiled.COMPILED_MODULES),
        "ext_suffix": importlib.machinery.EXTENSION_SUFFIXES[0],
        "python": sys.version,
        "mypy": metadata.version("mypy"),
    }


def up_to_date(manifest: dict[str, object] | None, want: dict[str, object]) -> bool:
    return manifest is not None and all(manifest.get(k) == v for k, v in want.items())


def build(into: Path, work: Path) -> str:
    """Compile the modules into ``into`` (the package's folders below it); return the name of their shared
    library."""
    warnings.simplefilter("ignore", DeprecationWarning)  # distutils, Python 3.11's own
    from distutils.core import setup
    from distutils.extension import Extension

    from mypyc.build import generate_c_extension_shim, get_cflags, include_dir, mypyc_build
    from mypyc.common import shared_lib_name
    from mypyc.options import CompilerOptions

    package = Path(*_compiled.PACKAGE.split("."))
    paths = [str(Path("src") / package / f"{name}.py") for name in _compiled.COMPILED_MODULES]
    options = CompilerOptions(target_dir=str(work / "c"), include_runtime_files=True)
    said = io.StringIO()
    try:
        with contextlib.redirect_stdout(said):
            groups, group_files, _deps = mypyc_build(paths, compiler_options=options)
    finally:
        # mypyc's notes that it builds a list where a generator is written (the same results) are left out
        for line in said.getvalue().splitlines():
            if "Treating generator comprehension as list" not in line:
                print(line)
    (sources, group), (cfiles, depends) = groups[0], group_files[0]
    if len(groups) != 1 or group is None:
        raise SystemExit(f"expected one group with a shared library, got {groups}")
    cflags = get_cflags(compiler_type="unix", opt_level="3", debug_level="0")
    library = shared_lib_name(group)
    extensions = [
        Extension(
            library,
            sources=cfiles,
            include_dirs=[include_dir(), options.target_dir],
            depends=depends,
            extra_compile_args=cflags,
        )
    ]
    for source in sources:
        shim = generate_c_extension_shim(
            source.module, source.module.split(".")[-1], options.target_dir, group
        )
        extensions.append(Extension(source.module, sources=[shim], extra_compile_args=cflags))
    setup(
        name="reechain-compiled",
        ext_modules=extensions,
        script_args=[
            "-q",
            "build_ext",
            "--build-lib",
            str(into),
            "--build-temp",
            str(work / "tmp"),
            "-j",
            "2",
        ],
    )
    return library


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--force", action="store_true", help="build even if the build in place is up to date")
    args = ap.parse_args()
    if SKIP:
        print("REECHAIN_PURE_PYTHON is set: the matching modules are not compiled")
        return 0
    os.chdir(ROOT)  # mypyc reads the project's mypy configuration (pyproject.toml)
    digest = _compiled.source_digest()
    want = wanted(digest)
    target = _compiled.build_dir()
    if not args.force and up_to_date(_compiled.read_manifest(target), want):
        return 0
    print(
        f"compiling {len(_compiled.COMPILED_MODULES)} matching modules with mypyc into {target}", flush=True
    )
    t = time.perf_counter()
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="reechain-mypyc-") as tmp:
        work = Path(tmp)
        into = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
        into.chmod(0o755)
        try:
            library = build(into, work)
            if _compiled.source_digest() != digest:
                raise SystemExit("a source changed during the build: run `make setup` again")
            (into / _compiled.MANIFEST).write_text(json.dumps({**want, "library": library}, indent=1) + "\n")
            old = target.with_name(f".{target.name}-old-{os.getpid()}")
            if target.exists():
                target.rename(old)
            into.rename(target)
            shutil.rmtree(old, ignore_errors=True)
        finally:
            shutil.rmtree(into, ignore_errors=True)
    print(f"compiled in {time.perf_counter() - t:.0f} s", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

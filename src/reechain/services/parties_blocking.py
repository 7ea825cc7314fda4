"""The hashed character 3-grams of a register name's comparable form (``compliance.matching.index.grams``),
stored with the name (``risk_party_names.grams``).

The delta re-screen after a list import used to look these up in the index of the changed entries; it now
uses each name's stored lookups and cuts in the full index (``services.parties_cross``). The grams are still
written with every name.
"""

from __future__ import annotations

import hashlib

import numpy as np

from reechain.compliance.matching.index import grams
from reechain.compliance.matching.normalise import NameForm


def gram_hash(gram: str) -> int:
    return int.from_bytes(hashlib.blake2b(gram.encode("utf-8"), digest_size=8).digest(), "little")


def gram_blob(form: NameForm) -> bytes:
    """The grams of ``form`` as sorted unsigned 64-bit hashes (stored with the name)."""
    return np.asarray(sorted({gram_hash(g) for g in grams(form)}), dtype=np.uint64).tobytes()

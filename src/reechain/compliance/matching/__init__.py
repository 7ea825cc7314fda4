"""Name matching for restricted-party screening: normalisation (Chinese included), scoring with an
explanation, and a candidate index. Pure: no database."""

from __future__ import annotations

from reechain.compliance.matching import _compiled

COMPILED: tuple[str, ...] = _compiled.activate(__path__)
"""The modules of the package that run compiled (mypyc), empty when it runs as pure Python (``_compiled``)."""

from reechain.compliance.matching.hit import ScreeningHit  # noqa: E402 (after the compiled modules are put in place)
from reechain.compliance.matching.normalise import NameForm, analyse  # noqa: E402
from reechain.compliance.matching.scorer import Feature, MatchResult, score  # noqa: E402

__all__ = ["COMPILED", "Feature", "MatchResult", "NameForm", "ScreeningHit", "analyse", "score"]

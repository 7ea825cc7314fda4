"""Name matching for restricted-party screening: normalisation (Chinese included), scoring with an
explanation, and a candidate index. Pure: no database."""

from __future__ import annotations

from reechain.compliance.matching.hit import ScreeningHit
from reechain.compliance.matching.normalise import NameForm, analyse
from reechain.compliance.matching.scorer import Feature, MatchResult, score

__all__ = ["Feature", "MatchResult", "NameForm", "ScreeningHit", "analyse", "score"]

"""The risk score: hand-computed cases, and its two invariants as properties."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from reechain.risk.scoring import STEP_1, DiligenceInputs, History, Hit, assess
from reechain.services.diligence import countries, guidance

ANNEX = sorted(k for k, g in guidance().items() if g.kind == "annex_ii")
FLAGS = sorted(k for k, g in guidance().items() if g.kind != "annex_ii")
COUNTRIES = [*sorted(countries()), "ZZ"]


def test_every_factor_names_a_guidance_step_or_annex_ii_class() -> None:
    x = DiligenceInputs(
        "P",
        "MM",
        hits=[Hit("l", "E1", "x", 0.95), Hit("l", "E2", "y", 0.75)],
        blocked_owners=[("O", 0.3)],
        transit_countries=["AE"],
        annex_ii=ANNEX,
        red_flags=FLAGS,
        expired_documents=[("business_licence", "BL-1", date(2020, 1, 1))],
        history=History(holds=1, rejections=1, late_payments=2),
    )
    a = assess(x, countries(), guidance())
    assert a.band == "prohibited" and a.score == 100
    assert {f.code for f in a.factors} >= {"listed", "possible_match", "owned_by_listed", "transit_risk"}
    assert all(f.guidance.startswith("OECD DDG") for f in a.factors)


def test_hand_computed_score_of_a_medium_party() -> None:
    # Malaysia: CPI 50 → no CPI points; a transshipment point itself, but transit counts only the route.
    # 40 % owned by a blocked party: round(45 × 0.4 / 0.5) = 36; an expired licence 10; two late payments 6.
    x = DiligenceInputs(
        "P",
        "MY",
        blocked_owners=[("P1", 0.4)],
        expired_documents=[("business_licence", "L", date(2024, 1, 1))],
        history=History(late_payments=2),
    )
    a = assess(x, countries(), guidance(), 0.4)
    assert [(f.code, f.points) for f in a.factors] == [
        ("owned_by_listed", 36),
        ("expired_document", 10),
        ("late_payments", 6),
    ]
    assert (a.score, a.band, a.owned_by_listed_share) == (52, "high", 0.4)
    assert a.factors[0].guidance == STEP_1


def test_a_fatf_call_for_action_country_and_a_missing_country() -> None:
    a = assess(DiligenceInputs("P", "KP"), countries(), guidance())
    assert [(f.code, f.points) for f in a.factors] == [
        ("fatf_call_for_action", 40),
        ("corruption_perception", 10),
    ]
    assert "2025-06" in a.factors[0].evidence and "FATF" in a.factors[0].evidence
    assert assess(DiligenceInputs("P", None), countries(), guidance()).score == 5


def test_an_annex_ii_disengage_answer_prohibits() -> None:
    a = assess(DiligenceInputs("P", "DE", annex_ii=["non_state_armed_groups"]), countries(), guidance())
    assert a.band == "prohibited" and not a.listed


inputs = st.builds(
    DiligenceInputs,
    party_id=st.just("P"),
    country=st.one_of(st.none(), st.sampled_from(COUNTRIES)),
    hits=st.lists(
        st.builds(Hit, st.just("l"), st.sampled_from(["E1", "E2", "E3"]), st.just("n"), st.floats(0.7, 1.0)),
        max_size=2,
    ),
    blocked_owners=st.lists(
        st.tuples(st.sampled_from(["A", "B"]), st.floats(0.01, 0.24)), max_size=2, unique_by=lambda t: t[0]
    ),
    transit_countries=st.lists(st.sampled_from(COUNTRIES), max_size=3),
    annex_ii=st.lists(st.sampled_from(ANNEX), max_size=3, unique=True),
    red_flags=st.lists(st.sampled_from(FLAGS), max_size=3, unique=True),
    history=st.builds(History, st.integers(0, 5), st.integers(0, 3), st.integers(0, 12)),
)


@settings(max_examples=300, deadline=None)
@given(inputs, st.sampled_from(FLAGS + ANNEX))
def test_adding_a_red_flag_never_lowers_the_score(x: DiligenceInputs, flag: str) -> None:
    before = assess(x, countries(), guidance())
    if flag in ANNEX:
        more = DiligenceInputs(**{**x.__dict__, "annex_ii": [*x.annex_ii, flag]})
    else:
        more = DiligenceInputs(**{**x.__dict__, "red_flags": [*x.red_flags, flag]})
    after = assess(more, countries(), guidance())
    assert after.score >= before.score
    order = ["low", "medium", "high", "prohibited"]
    assert order.index(after.band) >= order.index(before.band)


@settings(max_examples=200, deadline=None)
@given(inputs)
def test_the_same_inputs_give_the_same_score(x: DiligenceInputs) -> None:
    shuffled = DiligenceInputs(
        **{
            **x.__dict__,
            "hits": list(reversed(x.hits)),
            "red_flags": list(reversed(x.red_flags)),
            "transit_countries": list(reversed(x.transit_countries)),
        }
    )
    a, b = assess(x, countries(), guidance()), assess(shuffled, countries(), guidance())
    assert a == b
    assert 0 <= a.score <= 100

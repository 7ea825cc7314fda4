"""A listed person's name without its middle names or patronymic: which names are reduced, and how the
scorer and the screener count a match on the reduced name."""

from __future__ import annotations

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from reechain.compliance.lists.model import ListedEntry, ListEntry
from reechain.compliance.matching import score
from reechain.compliance.matching.middle_names import MIDDLE_NAMES_FACTOR, without_middle_names
from reechain.compliance.matching.screener import PartyQuery, Screener


@pytest.mark.parametrize(
    ("name", "reduced", "left_out"),
    [
        ("Oleg Vladimirovich DERIPASKA", "Oleg DERIPASKA", ("Vladimirovich",)),
        ("DERIPASKA, Oleg Vladimirovich", "Oleg DERIPASKA", ("Vladimirovich",)),
        ("Олег Владимирович Дерипаска", "Олег Дерипаска", ("Владимирович",)),
        ("John Michael Smith", "John Smith", ("Michael",)),
        ("Anna Maria Louise Weber", "Anna Weber", ("Maria", "Louise")),
        ("ROTENBERG Arkady Romanovich", "Arkady ROTENBERG", ("Romanovich",)),  # surname first, in capitals
        ("IVAN PETROVICH SAMPLENKO", "IVAN SAMPLENKO", ("PETROVICH",)),  # all in capitals: the last word
    ],
)
def test_a_middle_name_or_patronymic_is_left_out(name: str, reduced: str, left_out: tuple[str, ...]) -> None:
    assert without_middle_names(name) == (reduced, left_out)


@pytest.mark.parametrize(
    "name",
    [
        "Fangwei LI",  # two words: nothing to leave out
        "LI, Fangwei",
        "ZHAO Guang Zong",  # a Chinese given name in pinyin syllables
        "Kim Jong Un",  # a short word is part of the given name
        "Abu Bakr al-Baghdadi",  # particles and name chains stay whole
        "Mohammed bin Salman Al Saud",
        "Thomas A. Lind",  # an initial
        "李方伟",
        "DOE, John, Jr.",  # two commas: not the LAST, Given Middle form
        "Oleg Deripaska",
        "Nicolas MADURO MOROS",  # two surnames in capitals: no middle name
        "Abdul Kabir MOHAMMAD JAN",  # a compound Arabic given name
        "Oleg DERIPASKA Vladimirovich",  # capitals in the middle: not a form lists use
        "John Michael Smith Jr.",  # a generational suffix is no surname
    ],
)
def test_names_without_a_middle_name_to_leave_out_stay_whole(name: str) -> None:
    assert without_middle_names(name) is None


def test_the_scorer_counts_a_match_without_the_middle_names_at_its_factor() -> None:
    whole = "DERIPASKA, Oleg Vladimirovich"
    direct = score("Oleg Deripaska", whole, "Company")  # not persons: compared as written
    assert direct.score < 0.7
    result = score("Oleg Deripaska", whole, "Person")
    assert result.score == pytest.approx(1.0 * MIDDLE_NAMES_FACTOR)
    assert result.features[-1].name == "middle_names" and "Vladimirovich" in result.features[-1].detail
    assert score(whole, "Oleg Deripaska", "Person").score == result.score  # symmetric
    # a typo on the short name: its own score times the factor
    typo = score("Oleg Deripasca", whole, "Person").score
    assert typo == pytest.approx(round(score("Oleg Deripasca", "Oleg DERIPASKA", "Person").score * 0.88, 4))


_WORD = st.text(alphabet="abcdefghijklmnoprstuvwyz", min_size=5, max_size=9).map(str.capitalize)


@given(given_name=_WORD, middle=_WORD, surname=_WORD)
def test_a_reduced_match_never_reaches_the_block_threshold_alone(
    given_name: str, middle: str, surname: str
) -> None:
    whole = f"{given_name} {middle} {surname.upper()}"
    short = f"{given_name} {surname}"
    assume(without_middle_names(whole) is not None)  # not three pinyin words (a Chinese name stays whole)
    result = score(short, whole, "Person")
    assert result.score >= 0.7  # at least held for review
    if result.features[-1].name == "middle_names":
        assert result.score <= MIDDLE_NAMES_FACTOR < 0.90  # the block threshold needs the whole name


def _entry(entry_id: str, name: str, schema: str = "Person", aliases: tuple[str, ...] = ()) -> ListedEntry:
    return ListedEntry("own", 1, ListEntry(entry_id, name, schema, "", aliases))


def test_the_screener_finds_a_person_by_the_name_without_the_patronymic() -> None:
    screener = Screener(
        [
            _entry("P-1", "Oleg Vladimirovich DERIPASKA"),
            _entry("C-1", "Oleg Vladimirovich Holdings", "Company"),  # companies are not reduced
            _entry("P-2", "Oleg DERIPASKA"),  # the reduced name listed as it is: counts whole
        ]
    )
    hits = {h.entry_id: h for h in screener.screen(PartyQuery("Oleg Deripaska", "Person"), 0.7)}
    assert hits["P-2"].score == 1.0 and hits["P-1"].score == pytest.approx(MIDDLE_NAMES_FACTOR)
    assert hits["P-1"].matched_name == "Oleg Vladimirovich DERIPASKA"
    assert "C-1" not in hits
    assert screener.row_source.count("Oleg Vladimirovich DERIPASKA") == 2  # the name and its reduced row
    # the reference scan counts the reduced row the same way
    assert screener.scan([PartyQuery("Oleg Deripaska", "Person")], 0.85) == [{("own", "P-1"), ("own", "P-2")}]
    assert screener.scan([PartyQuery("Oleg Deripaska", "Person")], 0.9) == [{("own", "P-2")}]

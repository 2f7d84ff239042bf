"""The pieces the confidentiality finder is built from (issue 27): an address taken apart
however it was typed, slips of one letter, and the word lists shipped in data/, checked when
read."""

from __future__ import annotations

from pathlib import Path

import pytest

from dutydesk.drafting import address_forms as forms
from dutydesk.drafting.address_forms import Place, Street
from dutydesk.errors import PolicyError


def test_a_line_typed_without_commas_is_taken_apart() -> None:
    assert forms.address_parts("14 Acacia Avenue Harrogate HG1 5AB", area=False) == [
        Street("14 Acacia Avenue", "14", ("acacia",), "avenue"),
        Place("Harrogate", ("harrogate",), True),
    ]
    assert forms.address_parts("Harrogate House 14 Acacia Avenue", area=False) == [
        Place("Harrogate House", ("harrogate", "house"), False),
        Street("14 Acacia Avenue", "14", ("acacia",), "avenue"),
    ]
    assert forms.address_parts("Park View Court", area=False) == [
        Street("Park View Court", None, ("park", "view"), "court")
    ]
    assert forms.address_parts("Flat 2, 14 Elm Rd", area=False) == [Street("14 Elm Rd", "14", ("elm",), "road")]


def test_a_county_is_an_area_wherever_it_is_written() -> None:
    (place,) = forms.address_parts("North Yorkshire", area=False)
    assert place == Place("North Yorkshire", ("north", "yorkshire"), True)
    assert forms.trailing_area(("harrogate", "north", "yorkshire")) == ("north", "yorkshire")
    assert forms.trailing_area(("sutton", "coldfield")) is None


@pytest.mark.parametrize(
    ("written", "name", "slip"),
    [
        ("accacia", "acacia", True),  # a letter added
        ("acacai", "acacia", True),  # two swapped
        ("harrogat", "harrogate", True),  # a letter dropped
        ("harrowgate", "harrogate", True),
        ("acacia", "acacia", False),  # the same is not a slip
        ("acaciaaa", "acacia", False),  # two letters off
    ],
)
def test_one_edit(written: str, name: str, slip: bool) -> None:
    assert forms.one_edit(written, name) is slip


@pytest.mark.parametrize(
    ("name", "fuzzable"),
    [
        ("acacia", True),
        ("harrogate", True),
        ("starbeck", True),
        ("leeds", False),  # one syllable: "needs", "weeds" are one letter off
        ("elm", False),  # short
        ("quiet", False),  # an ordinary word
        ("clifton", True),
    ],
)
def test_which_names_are_looked_for_one_letter_off(name: str, fuzzable: bool) -> None:
    assert forms.fuzzable(name) is fuzzable


def test_syllables() -> None:
    assert [forms.syllables(w) for w in ("harrogate", "acacia", "leeds", "close", "avenue")] == [3, 3, 1, 1, 3]


def test_the_shipped_lists_are_read() -> None:
    words = forms.english_words()
    assert {"avenue", "park", "carton", "quiet"} <= words
    assert not {"acacia", "harrogate", "clifton"} & words  # names, not ordinary words
    assert ("north", "yorkshire") in forms.area_names() and ("leeds",) in forms.area_names()


@pytest.mark.parametrize(
    ("file", "content", "problem"),
    [
        ("english_words.txt", "# a comment\nhouse\nHouse\n", "is not a lower-case word"),
        ("english_words.txt", "house\nhouse\n", "listed twice"),
        ("english_words.txt", "house\ngarden\n", "an English word list has far more"),
        ("areas.txt", "Leeds\nNorth  Yorkshire\n", "not a place name"),
        ("areas.txt", "Leeds\nLEEDS\n", "already listed on line 1"),
        ("areas.txt", "Leeds\n", "far more areas"),
    ],
)
def test_a_malformed_list_is_refused_naming_the_file_and_line(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, file: str, content: str, problem: str
) -> None:
    (tmp_path / file).write_text(content, encoding="utf-8")
    monkeypatch.setattr(forms, "data_dir", lambda: tmp_path)
    forms.english_words.cache_clear()
    forms.area_names.cache_clear()
    try:
        with pytest.raises(PolicyError, match=problem) as refused:
            forms.english_words() if file == "english_words.txt" else forms.area_names()
        assert str(refused.value).startswith(file)
    finally:
        forms.english_words.cache_clear()
        forms.area_names.cache_clear()


def test_a_missing_list_is_named(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(forms, "data_dir", lambda: tmp_path)
    forms.english_words.cache_clear()
    try:
        with pytest.raises(PolicyError, match=r"english_words.txt: \(file\): cannot be read"):
            forms.english_words()
    finally:
        forms.english_words.cache_clear()


@pytest.mark.parametrize(
    "written",
    [
        "07700 900123",
        "07700/900123",
        "07700.900.123",
        "07700-900-123",
        "7700 900123",
        "+44 (0)7700 900 123",
        "0044 7700 900123",
    ],
)
def test_a_mobile_in_every_dress(written: str) -> None:
    import re

    pattern = forms.phone_pattern("07700 900123")
    assert pattern is not None and re.search(pattern, f"call {written} now")
    assert not re.search(pattern, "call 07700 900124 or 17700 9001234")

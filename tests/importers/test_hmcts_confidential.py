"""Issue 27: an HMCTS confidentiality flag that is neither "Yes" nor "No" ("yes", "Y", "",
"unknown", null with the key present) cannot be read as a No: the detail is treated as
confidential (¶2.60, ¶3.83) and the import reports it, one line naming the case and the party."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from dutydesk.importers.hmcts import parse_feed
from dutydesk.services.importing import import_feed
from dutydesk.store.audit import Officer
from dutydesk.store.repository import Store
from tests.conftest import FIXTURES

FEED = json.loads((FIXTURES / "hmcts" / "cafcass-search-response.json").read_text(encoding="utf-8"))
CASE_ID = "1661164783455399"  # the first case: applicant "sdfdsf sdf", address and phone flags "No"


def feed_with(**flags: Any) -> dict[str, Any]:
    """The sample feed, its first applicant's flags set (a value of ... removes the key)."""
    doc = copy.deepcopy(FEED)
    applicant = doc["cases"][0]["case_data"]["applicants"][0]["value"]
    for flag, value in flags.items():
        if value is ...:
            applicant.pop(flag, None)
        else:
            applicant[flag] = value
    return doc


def applicant_of(doc: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    first = parse_feed(doc)[0]
    assert first.hmcts_case_id == CASE_ID
    person = next(p for p in first.people if p["role"] == "applicant")
    return person, first.warnings


@pytest.mark.parametrize("value", ["yes", "Y", "", "unknown", None, "YES", "no", "No ", True, 1, ["Yes"]])
def test_an_address_flag_neither_yes_nor_no_is_confidential_and_reported(value: Any) -> None:
    person, warnings = applicant_of(feed_with(isAddressConfidential=value))
    assert person["addresses"][0]["confidential"] is True
    (line,) = warnings
    assert line.startswith(f"HMCTS case {CASE_ID}: The applicant sdfdsf sdf's isAddressConfidential is ")
    assert "neither Yes nor No" in line and "treated as confidential" in line
    assert "\n" not in line


@pytest.mark.parametrize("value", ["maybe", "", None, "N"])
def test_a_phone_flag_neither_yes_nor_no_is_confidential_and_reported(value: Any) -> None:
    person, warnings = applicant_of(feed_with(isPhoneNumberConfidential=value))
    assert person["phone_confidential"] is True
    assert person["addresses"][0]["confidential"] is False  # the address flag was "No"
    (line,) = warnings
    assert "The applicant sdfdsf sdf's isPhoneNumberConfidential" in line and "phone number" in line


@pytest.mark.parametrize(
    ("flags", "address", "phone"),
    [
        ({"isAddressConfidential": "Yes", "isPhoneNumberConfidential": "Yes"}, True, True),
        ({"isAddressConfidential": "No", "isPhoneNumberConfidential": "No"}, False, False),
        # the keys absent: not said (the phone then follows the address: Person.phone_is_confidential)
        ({"isAddressConfidential": ..., "isPhoneNumberConfidential": ...}, False, None),
    ],
)
def test_yes_no_and_absent_flags_are_read_as_before_without_a_warning(
    flags: dict[str, Any], address: bool, phone: bool | None
) -> None:
    person, warnings = applicant_of(feed_with(**flags))
    assert person["addresses"][0]["confidential"] is address
    assert person.get("phone_confidential") is phone
    assert warnings == []


def test_both_flags_unclear_give_a_line_each() -> None:
    _, warnings = applicant_of(feed_with(isAddressConfidential="unknown", isPhoneNumberConfidential=""))
    assert len(warnings) == 2
    assert all(w.startswith(f"HMCTS case {CASE_ID}: The applicant sdfdsf sdf's ") for w in warnings)


def test_a_child_and_a_respondent_are_named_too() -> None:
    doc = copy.deepcopy(FEED)
    data = doc["cases"][0]["case_data"]
    data["children"][0]["value"]["isAddressConfidential"] = "Y"
    data["children"][0]["value"]["address"] = {
        "AddressLine1": "1 Lane End",
        "PostTown": "Harrow",
        "PostCode": "HA1 2AA",
    }
    data["respondents"][0]["value"]["isAddressConfidential"] = None
    data["respondents"][0]["value"]["address"] = {"AddressLine1": "2 Lane End", "PostTown": "Harrow"}
    first = parse_feed(doc)[0]
    child = next(p for p in first.people if p["role"] == "child")
    respondent = next(p for p in first.people if p["role"] == "respondent")
    assert child["addresses"][0]["confidential"] is True and respondent["addresses"][0]["confidential"] is True
    assert any("The child fgfdg gdgffd's isAddressConfidential is 'Y'" in w for w in first.warnings)
    assert any("The respondent sad" in w and "is null" in w for w in first.warnings)


def test_the_store_keeps_it_confidential_and_the_chronology_says_why(tmp_path: Path) -> None:
    store = Store.open(Officer("J. Officer", "officer"), db=tmp_path / "hmcts.sqlite3")
    try:
        import_feed(store, feed_with(isAddressConfidential="unknown"), "feed.json")
        case = next(
            store.load(s.reference).case
            for s in store.list_cases(("open",))
            if store.load(s.reference).case.case.hmcts_case_id == CASE_ID
        )
    finally:
        store.close()
    applicant = case.with_role("applicant")[0]
    assert applicant.addresses[0].confidential is True
    assert applicant.phone_is_confidential is False  # its own flag said No
    (event,) = [e for e in case.events if e.extra.get("signal") == "confidentiality_unclear"]
    assert (
        "sdfdsf sdf" in (event.text or "")
        and event.source == "hmcts:applicants[f03aff33-42ca-4b44-9dd9-c414294f87d5].isAddressConfidential"
    )


def test_the_shell_import_says_so_on_stderr(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The report reaches the person who ran the import, not only the chronology."""
    from tests.cli_helpers import run_cli

    feed = tmp_path / "feed.json"
    feed.write_text(json.dumps(feed_with(isAddressConfidential="Y")), encoding="utf-8")
    done = run_cli(capsys, "--db", str(tmp_path / "s.sqlite3"), "import", "--hmcts", str(feed))
    assert done.code == 0
    warned = [line for line in done.err.splitlines() if "warning" in line]
    assert len(warned) == 1 and CASE_ID in warned[0] and "sdfdsf sdf" in warned[0], done.err

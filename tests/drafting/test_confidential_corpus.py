"""Issue 27: confidentiality that reads well and holds for every wording (¶2.60, ¶3.83).

The mother fled with the child to Flat 2, 14 Acacia Avenue, Starbeck, North Yorkshire,
Harrogate HG1 5AB (phone 07700 900123, as confidential as her address); the child lives with
her there, goes to Harrogate Grammar School and sees the Starbeck Medical Centre; the referral
went to North Yorkshire Children's Social Care. The father (7 Quiet Close, Cardiff CF24 9ZZ,
07700 900777) is not hidden from anyone.

A hurried officer writes the address in every way below, into every free-text field that
reaches a letter. No court or party document may carry any of it, in txt, docx or pdf; a local
authority letter marks each phrase once, after the whole of it, naming only the father (the
child lives with the mother: she is not someone the address is hidden from). The expected
answers come from the rule, not from the code: `leaks` looks for the address's own words, the
postcode and the number's digits in what a reader sees.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from dutydesk.cli.root import cli
from dutydesk.config.policy_files import load_policy
from dutydesk.domain.case.casefile import to_document
from dutydesk.domain.case.model import Address, Allegation, Case, Check, Concern, Event, Finding, RiskFactor
from dutydesk.drafting import confidential
from dutydesk.drafting.draft import FORMATS, Format, draft
from dutydesk.drafting.kinds import KINDS
from tests.drafting.helpers import NOW, sample, with_referral
from tests.drafting.output_text import document_text, needs_pdf_tools

POLICY = load_policy()
FATHER = "Mohammed Rahman"
MOTHER = "Fatima Rahman"

# (wording, what it is) — the second item only says why the wording is here.
WORDINGS: list[tuple[str, str]] = [
    # the street, as written and as typed
    ("14 Acacia Avenue", "as stored"),
    ("14 Acacia Ave", "abbreviated"),
    ("14 acacia ave.", "lower case, abbreviated with a dot"),
    ("Acacia Avenue", "no house number"),
    ("acacia avenue", "lower case, no number"),
    ("14, Acacia Avenue", "a comma after the number"),
    ("14 ACACIA AVENUE", "capitals"),
    ("14 Acacia\nAvenue", "a line break in the middle"),
    ("14 Acacia-Avenue", "hyphen"),
    ("Acacia-Ave", "hyphen, abbreviated"),
    ("Acacia Av", "short abbreviation"),
    ("Acacia Way", "wrong suffix"),
    ("Acacia Road", "wrong suffix"),
    ("acacia rd", "wrong suffix, abbreviated, lower case"),
    ("Acacia St", "wrong suffix St"),
    ("she is on Acacia now", "the name alone after on"),
    ("moved to Acacia", "the name alone after to"),
    ("staying in Acacia with her sister", "the name alone after in"),
    ("her new place is Acacia, she said", "the name alone"),
    ("moved to acacia", "the name alone, lower case"),
    ("14 Acacia Aveneu", "suffix misspelt"),
    ("14 Accacia Avenue", "name misspelt: a letter added"),
    ("Accacia Ave", "name misspelt, abbreviated"),
    ("she is on Accacia", "name misspelt, alone"),
    ("Acacai Avenue", "two letters swapped"),
    ("Acacia Avenu", "suffix a letter short"),
    ("Acaica Av", "name with letters swapped, abbreviated"),
    ("Flat 2, 14 Acacia Avenue", "with the flat"),
    ("flat 2 14 acacia avenue", "with the flat, lower case, no commas"),
    ("14 Acacia Avenue, Harrogate", "with the town"),
    ("14 Acacia Avenue Harrogate HG1 5AB", "whole, no commas"),
    ("14 Acacia Avenue,\nHarrogate,\nHG1 5AB", "whole, over three lines"),
    ("No. 14 Acacia Avenue", "No. before the number"),
    ("14a Acacia Avenue", "a house number with a letter"),
    ("Acacia Ave, Starbeck", "street and district"),
    ("acacia avenue harrogate", "street and town, lower case"),
    # the district, the town, the county
    ("Harrogate", "the town"),
    ("harrogate", "the town, lower case"),
    ("HARROGATE", "the town in capitals"),
    ("Harrogat", "the town a letter short"),
    ("Harogate", "the town a letter dropped inside"),
    ("Harrogtae", "the town with two letters swapped"),
    ("moved to Harrogate", "the town after to"),
    ("Starbeck", "the district"),
    ("starbeck", "the district, lower case"),
    ("Starbek", "the district misspelt"),
    ("in Starbeck, Harrogate", "district and town"),
    ("North Yorkshire", "the county"),
    ("north yorkshire", "the county, lower case"),
    ("North\nYorkshire", "the county over a line break"),
    ("Harrogate, North Yorkshire", "town and county"),
    ("Harrogate North Yorkshire", "town and county, no comma"),
    # the postcode
    ("HG1 5AB", "the postcode"),
    ("hg1 5ab", "lower case"),
    ("HG15AB", "no space"),
    ("hg15ab", "no space, lower case"),
    ("HG1  5AB", "two spaces"),
    ("HG1\n5AB", "a line break inside"),
    ("HG1-5AB", "a hyphen inside"),
    ("moved to HG1", "the district alone"),
    ("somewhere in HG1 5", "the sector alone"),
    ("hg1", "the district, lower case"),
    ("an HG1 5XY postcode", "another unit in the same sector"),
    # the phone
    ("07700 900123", "the number"),
    ("07700900123", "no space"),
    ("07700-900-123", "dashes"),
    ("07700.900.123", "dots"),
    ("07700/900123", "a slash"),
    ("7700 900123", "without the leading 0"),
    ("7700900123", "without the 0, no space"),
    ("+44 7700 900123", "+44"),
    ("+447700900123", "+44, no spaces"),
    ("+44 (0)7700 900 123", "+44 (0)"),
    ("+44 (0) 7700 900123", "+44 (0) with a space"),
    ("0044 7700 900123", "0044"),
    ("0044 (0)7700 900123", "0044 (0)"),
    ("(07700) 900123", "brackets"),
    ("07700\n900123", "a line break inside"),
    ("07700 900 123", "three groups"),
    ("+44-7700-900123", "+44 with dashes"),
    # names that say where she is
    ("North Yorkshire Children's Social Care", "the local authority"),
    ("north yorkshire childrens social care", "the local authority, lower case, no apostrophe"),
    ("Harrogate Grammar School", "the child's school"),
    ("Starbeck Medical Centre", "the child's GP"),
    ("North Yorkshire Police", "an organisation named for the county"),
    ("Harrogate District Hospital", "an organisation named for the town"),
    # several at once
    ("14 Acacia Avenue HG1 5AB 07700 900123", "address and phone together"),
    ("Acacia Avenue (HG1 5AB)", "the postcode in brackets"),
    # what an adversary typed next (issue 27's review)
    ("she is at AcaciaAvenue", "street and suffix with no space"),
    ("at acacia.avenue now", "a dot between name and suffix"),
    ("call 447700900123", "44 without the plus"),
    ("text her: O77OO 9OO123", "the letter O typed for zero"),
]
assert len(WORDINGS) >= 80
TEXTS = [w for w, _ in WORDINGS]

# Where a wording carries words around the secret, the mark goes after the secret, not after
# the words around it.
MARKED_AFTER = {
    "she is at AcaciaAvenue": "AcaciaAvenue",
    "at acacia.avenue now": "acacia.avenue",
    "call 447700900123": "447700900123",
    "text her: O77OO 9OO123": "O77OO 9OO123",
    "she is on Acacia now": "Acacia",
    "staying in Acacia with her sister": "Acacia",
    "her new place is Acacia, she said": "Acacia",
    "an HG1 5XY postcode": "HG1 5XY",
}
# The local authority is the reader of its own letters: its name is not marked there.
LA_NAMES = {"North Yorkshire Children's Social Care", "north yorkshire childrens social care"}

# What must never reach the court or a party: the address's own words (and the slips above),
# the postcode (or its district and sector), the number.
LEAK_WORDS = re.compile(
    r"\b(?:acacia|accacia|acacai|acaica|harrogate|harrogat|harogate|harrogtae|starbeck|starbek|yorkshire)\b",
    re.IGNORECASE,
)
LEAK_POSTCODE = re.compile(r"\bhg\W{0,3}1(?:\W{0,3}5)?\b", re.IGNORECASE)


def leaks(text: str) -> list[str]:
    found = [m.group() for m in LEAK_WORDS.finditer(text)]
    found += [m.group() for m in LEAK_POSTCODE.finditer(text)]
    if "7700900123" in re.sub(r"\D", "", text):
        found.append("7700900123")
    return found


def corpus_case(wordings: list[str]) -> Case:
    """Sample 07 turned round: the mother's new address is the confidential one."""
    case = with_referral(sample("07"), la="North Yorkshire Children's Social Care")
    father, mother, child = case.people
    father.addresses[0].confidential = False
    father.phone_confidential = False
    mother.addresses[0].to = date(2025, 5, 1)
    hideout = Address(
        line1="Flat 2, 14 Acacia Avenue",
        line2="Starbeck, North Yorkshire",
        town="Harrogate",
        postcode="HG1 5AB",
        confidential=True,
    )
    mother.addresses.append(hideout)
    mother.phone = "07700 900123"  # confidentiality not said: as confidential as her address
    child.lives_with = [mother.id]
    child.addresses = [
        Address(
            line1=hideout.line1, line2=hideout.line2, town=hideout.town, postcode=hideout.postcode, confidential=True
        )
    ]
    child.school = "Harrogate Grammar School"
    child.gp = "Starbeck Medical Centre"
    case.forms.c1.harm_indicated, case.forms.c1a.completed = True, False  # every court letter applies
    notes = " ".join(f"Item {n}: {w} — noted." for n, w in enumerate(wordings, 1))
    case.referrals[0].call_record = notes
    case.referrals[0].child_views = notes
    case.events.append(Event(at=NOW, by="J. Officer", kind="note", text=notes))
    case.checks.append(Check(id="k9", kind="police", outcome="concern", summary=notes))
    case.checks.append(Check(id="k10", kind="health", requested_at=NOW, expected_by=date(2025, 6, 27), summary=notes))
    case.findings.append(Finding(id="f9", kind="caution", offence="Common assault", notes=notes))
    case.forms.c1a.allegations.append(Allegation(kind="domestic_abuse", description=notes))
    case.concerns.append(Concern(id="n9", what_was_said=notes))
    case.risk.factors.append(RiskFactor(factor="domestic_violence", level="high", notes=notes))
    case.risk.analysis = notes
    case.risk.recommendation = notes
    case.risk.availability = notes
    case.screening.harm_classification = "witnessing_past"  # the s120 letters apply
    case.case.emergency_without_screening = True  # and the no-screening letter
    return case


WITHHOLDING = [k for k, kind in KINDS.items() if kind.recipient in ("court", "party")]
LOCAL_AUTHORITY = ["referral_letter", "s120_notification"]


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def everything() -> Case:
    return corpus_case(TEXTS)


def test_the_corpus_case_is_a_valid_case_file_and_screens(tmp_path: Path, everything: Case) -> None:
    """`dutydesk screen` reads the case with every wording in it."""
    path = tmp_path / "corpus.json"
    path.write_text(json.dumps(to_document(everything), ensure_ascii=False), encoding="utf-8")
    result = CliRunner().invoke(cli, ["screen", str(path), "--now", NOW.isoformat()])
    assert result.exit_code == 0, result.output
    assert "Screening DD-2025-000107" in result.output
    # The screen is the officer's own view and quotes the officer's notes as written; whatever of
    # it is passed on goes through the same finder, and then nothing of the address is left.
    assert leaks(result.output), "the screen quotes the notes (internal)"
    assert leaks(confidential.scrubber(everything, "court")(result.output)) == []


@pytest.mark.parametrize("kind", WITHHOLDING)
def test_every_wording_is_withheld_from_every_court_and_party_document_txt(kind: str, everything: Case) -> None:
    text = draft(everything, kind, POLICY, "J. Officer", NOW).text
    assert leaks(text) == [], kind


@pytest.mark.parametrize("fmt", [f for f in FORMATS if f != "txt"])
@pytest.mark.parametrize("kind", ["safeguarding_letter", "court_referral_made", "consent_to_checks"])
def test_every_wording_is_withheld_in_docx_and_pdf(kind: str, fmt: Format, everything: Case) -> None:
    if fmt == "pdf":
        needs_pdf_tools()
    made = draft(everything, kind, POLICY, "J. Officer", NOW)
    assert leaks(document_text(made.render(fmt), fmt)) == [], (kind, fmt)


@pytest.mark.parametrize("kind", WITHHOLDING)
def test_the_court_sees_roles_not_names_that_say_where(kind: str, everything: Case) -> None:
    text = flat(draft(everything, kind, POLICY, "J. Officer", NOW).text)
    assert "North Yorkshire" not in text and "Harrogate Grammar" not in text
    if kind == "court_referral_made":
        assert "to the local authority, concerning" in text


def test_the_court_letter_names_the_local_authority_by_its_role() -> None:
    text = flat(draft(corpus_case([]), "court_referral_made", POLICY, "J. Officer", NOW).text)
    assert "to the local authority" in text


def test_the_school_and_gp_are_described_by_role_for_the_court() -> None:
    scrub = confidential.scrubber(corpus_case([]), "court")
    assert scrub("Harrogate Grammar School") == "the child's school"
    assert scrub("Starbeck Medical Centre") == "the child's GP"
    assert (
        scrub("Referred to North Yorkshire Children's Social Care today.") == "Referred to the local authority today."
    )


MARK_FATHER = "[CONFIDENTIAL: not to be disclosed to Mohammed Rahman]"


@pytest.mark.parametrize("kind", LOCAL_AUTHORITY)
def test_the_local_authority_sees_each_phrase_once_whole_then_one_mark(kind: str, everything: Case) -> None:
    text = flat(draft(everything, kind, POLICY, "J. Officer", NOW).text)
    items = re.findall(r"Item (\d+): (.*?) — noted\.", text)
    assert items, "the free text reaches the local authority's letter"
    seen = set()
    for number, marked in items:
        wording = flat(TEXTS[int(number) - 1])
        seen.add(wording)
        if wording in LA_NAMES:  # its own name: not marked
            assert marked == wording
            continue
        # exactly one mark, after the whole phrase, naming only the father
        phrase = MARKED_AFTER.get(wording, wording)
        assert marked == wording.replace(phrase, f"{phrase} {MARK_FATHER}", 1), (number, marked)
    assert len(seen) >= 80


def test_the_mark_never_names_whom_the_child_lives_with() -> None:
    text = flat(draft(corpus_case(["14 Acacia Avenue"]), "referral_letter", POLICY, "J. Officer", NOW).text)
    assert f"not to be disclosed to {MOTHER}" not in text
    assert f"not to be disclosed to {FATHER}" in text
    # the child's address block names only the father
    assert "HG1 5AB — CONFIDENTIAL: not to be disclosed to Mohammed Rahman" in text


def test_the_school_is_marked_once_after_its_whole_name_for_the_local_authority() -> None:
    text = flat(draft(corpus_case([]), "referral_letter", POLICY, "J. Officer", NOW).text)
    assert f"School: Harrogate Grammar School {MARK_FATHER}" in text
    assert f"GP: Starbeck Medical Centre {MARK_FATHER}" in text
    assert "Harrogate [CONFIDENTIAL" not in text


@pytest.mark.parametrize("wording", TEXTS)
def test_the_last_guard_knows_every_wording(wording: str) -> None:
    case = corpus_case([])
    with pytest.raises(confidential.ConfidentialityError):
        confidential.assert_no_leak(f"Note: {wording} — noted.", case, "court", "Letter to the court")


@pytest.mark.parametrize("wording", TEXTS)
def test_scrubbing_is_complete_and_stable(wording: str) -> None:
    """What the scrubber leaves passes the last guard, and scrubbing again changes nothing."""
    case = corpus_case([])
    scrub = confidential.scrubber(case, "party")
    once = scrub(f"Note: {wording} — noted.")
    assert leaks(once) == [], once
    assert scrub(once) == once
    confidential.assert_no_leak(once, case, "party", "Consent to checks")


# -- what is not secret is left alone ----------------------------------------------------------

ORDINARY = [
    "The avenue of trees by the park was lovely.",
    "Take the first road on the left, then the next avenue.",
    "The father lives at 7 Quiet Close, Cardiff CF24 9ZZ; call him on 07700 900777.",
    "Hearing at Cardiff Civil and Family Justice Centre.",
    "Her old address was 31 Castle Street, Newport NP20 1AA.",
    "A friend in Leeds, LS18 5AB, offered a room.",
    "The HG2 7QQ office and the HG15 depot are elsewhere.",
    "Call 0300 456 4000 or 07700 900124.",
    "School run at 8.30; the route goes by the green.",
]


@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_text_is_not_withheld_or_marked(text: str) -> None:
    case = corpus_case([])
    assert confidential.scrubber(case, "court")(text) == text
    assert confidential.marker(case)(text) == text


def clifton_case(secret_town: bool) -> Case:
    """The confidential street is Clifton Road (or the town Clifton); the child's school is
    Clifton Meadows Academy."""
    case = with_referral(sample("07"), la="Vale Children's Services")
    father, mother, child = case.people
    father.addresses[0].confidential = False
    father.phone_confidential = False
    mother.addresses[0].to = date(2025, 5, 1)
    if secret_town:
        hidden = Address(line1="3 Mill Lane", town="Clifton", postcode="BS8 4AA", confidential=True)
    else:
        hidden = Address(line1="22 Clifton Road", town="Bristol", postcode="BS8 4AA", confidential=True)
    mother.addresses.append(hidden)
    child.lives_with = [mother.id]
    child.school = "Clifton Meadows Academy"
    case.referrals[0].call_record = "School: Clifton Meadows Academy. The school's head, clifton meadows academy staff."
    case.screening.harm_classification = "witnessing_past"  # the s120 letters apply
    case.case.emergency_without_screening = True  # and the no-screening letter
    return case


def test_a_school_sharing_a_word_with_the_street_is_left_whole() -> None:
    case = clifton_case(secret_town=False)
    for text in ("School: Clifton Meadows Academy.", "clifton meadows academy staff", "Clifton Meadows Academy"):
        assert confidential.scrubber(case, "court")(text) == text
        assert confidential.marker(case)(text) == text
    letter = flat(draft(case, "referral_letter", POLICY, "J. Officer", NOW).text)
    assert "Clifton Meadows Academy" in letter
    assert "Clifton [CONFIDENTIAL" not in letter
    assert "School: Clifton Meadows Academy." in letter
    # the street itself is still marked, once, naming the father only
    marked = confidential.marker(case)("She is at 22 Clifton Rd now; moved to Clifton Road in May.")
    assert marked == (f"She is at 22 Clifton Rd {MARK_FATHER} now; moved to Clifton Road {MARK_FATHER} in May.")
    court = draft(case, "court_referral_made", POLICY, "J. Officer", NOW).text
    assert "Clifton Road" not in court


def test_a_school_named_for_the_secret_town_is_one_phrase_marked_once() -> None:
    case = clifton_case(secret_town=True)
    letter = flat(draft(case, "referral_letter", POLICY, "J. Officer", NOW).text)
    assert f"School: Clifton Meadows Academy {MARK_FATHER}" in letter
    assert letter.count("Clifton [CONFIDENTIAL") == 0
    scrub = confidential.scrubber(case, "court")
    assert scrub("School: Clifton Meadows Academy.") == "School: the child's school."
    assert scrub("She moved to Clifton with him.") == "She moved to [address withheld (confidential)] with him."


def test_overlapping_secrets_give_one_mark_after_the_whole_phrase() -> None:
    case = corpus_case([])
    mark = confidential.marker(case)
    assert mark("At Flat 2, 14 Acacia Avenue, Starbeck, North Yorkshire, Harrogate HG1 5AB today.") == (
        f"At Flat 2, 14 Acacia Avenue, Starbeck, North Yorkshire, Harrogate HG1 5AB {MARK_FATHER} today."
    )
    scrub = confidential.scrubber(case, "court")
    assert scrub("At 14 Acacia Avenue, Harrogate HG1 5AB, 07700 900123 today.") == (
        "At [address and phone number withheld (confidential)] today."
    )


def test_a_word_one_letter_from_a_street_is_not_withheld_when_it_is_an_ordinary_word() -> None:
    case = with_referral(sample("07"))
    case.people[0].addresses = [Address(line1="9 Carlton Road", town="Penarth", postcode="CF64 1AA", confidential=True)]
    scrub = confidential.scrubber(case, "court")
    for text in ("She brought a carton of juice.", "A Carton of milk.", "The parking was awful."):
        assert scrub(text) == text
    assert scrub("He is on Carlton now; Carlon Rd, 9 Carltn Road.") == (
        # the two slips touch (", "): one phrase, withheld once
        "He is on [address withheld (confidential)] now; [address withheld (confidential)]."
    )


def test_a_short_or_one_syllable_name_is_not_matched_one_letter_off() -> None:
    case = with_referral(sample("07"))
    case.people[0].addresses = [Address(line1="5 Leeds Road", town="Bath", postcode="BA1 1AA", confidential=True)]
    scrub = confidential.scrubber(case, "court")
    assert scrub("The needs of the child; Weeds in the garden.") == "The needs of the child; Weeds in the garden."
    assert "Leeds Rd" not in scrub("5 Leeds Rd")


LEEDS = ["moved to LS18", "ls18", "LS18 5", "LS185", "LS18-5", "in LS 18 now", "LS18 5ZZ", "ls185ab"]
NOT_LEEDS = ["LS1 8AB", "LS19 5AB", "LS1", "LS181", "LS8 5AB", "the LS18X form"]


def leeds_case() -> Case:
    case = with_referral(sample("07"))
    case.people[0].addresses = [
        Address(line1="2 Town Street", town="Horsforth", postcode="LS18 5AB", confidential=True)
    ]
    case.screening.harm_classification = "witnessing_past"  # the s120 letters apply
    case.case.emergency_without_screening = True  # and the no-screening letter
    return case


@pytest.mark.parametrize("written", LEEDS)
def test_a_postcode_district_or_sector_alone_is_withheld(written: str) -> None:
    out = confidential.scrubber(leeds_case(), "court")(f"Note: {written} — ok.")
    assert re.search(r"ls\W*18", out, re.IGNORECASE) is None, out
    assert "[address withheld (confidential)]" in out


@pytest.mark.parametrize("written", NOT_LEEDS)
def test_another_postcode_district_is_left_alone(written: str) -> None:
    text = f"She is in {written} now."
    assert confidential.scrubber(leeds_case(), "court")(text) == text
    assert confidential.marker(leeds_case())(text) == text

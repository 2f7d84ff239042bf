"""What leaves the desk is true: every letter of every kind that applies, on twenty-eight case
files, read against the record it came from (issue 27). The expected answers come from the
framework and the law, quoted in each test; the record is the case file, never the code's output.
"""

from __future__ import annotations

import re
from functools import cache

import pytest

from dutydesk.config.policy_files import load_policy
from dutydesk.domain.case.model import Case
from dutydesk.drafting.draft import Draft, draft, referrals_for
from dutydesk.drafting.kinds import KINDS
from dutydesk.errors import BadInput
from tests.drafting import letter_cases
from tests.drafting.helpers import NOW, flat
from tests.drafting.output_text import document_text, needs_pdf_tools

POLICY = load_policy()
OFFICER = "J. Officer"
NAMES = sorted(letter_cases.VARIANTS)
OUTSIDE = ("court", "party", "local_authority")


@cache
def drafts(name: str) -> dict[tuple[str, str | None], Draft]:
    """Every kind that applies to the case, for every referral it can be about."""
    case = letter_cases.case(name)
    out: dict[tuple[str, str | None], Draft] = {}
    for kind_name, kind in KINDS.items():
        ids: list[str | None] = [None]
        if kind.referral != "none":
            ids = [r.id for r in referrals_for(case, kind)] or [None]
        for rid in ids:
            try:
                out[(kind_name, rid)] = draft(case, kind_name, POLICY, OFFICER, NOW, referral_id=rid)
            except BadInput:
                continue
    return out


def texts(name: str, *kinds: str) -> list[tuple[str, str]]:
    return [(k, flat(d.text)) for (k, _), d in drafts(name).items() if not kinds or k in kinds]


def allegations(case: Case) -> list[object]:
    return [*case.forms.c1a.allegations, *case.forms.respondent_c1a.allegations]


@pytest.mark.parametrize("name", NAMES)
def test_the_suite_drafts_what_applies(name: str) -> None:
    """Every case drafts at least the safeguarding letter and the case record; a case with a
    referral drafts its letters for every referral recorded."""
    made = {k for k, _ in drafts(name)}
    assert {"safeguarding_letter", "case_record"} <= made
    case = letter_cases.case(name)
    if any(r.kind != "s120_notification" for r in case.referrals):
        assert {"referral_letter", "court_referral_made", "service_manager_copy"} <= made
    if any(r.kind == "s120_notification" for r in case.referrals):
        assert "s120_notification" in made


@pytest.mark.parametrize("name", NAMES)
def test_no_letter_says_no_allegation_while_a_c1a_holds_one(name: str) -> None:
    """¶2.102: the referral carries "the exact nature of the concern; any background information
    available". A letter that says no allegation is recorded while either party's C1A holds one
    misinforms its reader about the central fact of the case."""
    case = letter_cases.case(name)
    for kind, text in texts(name):
        if allegations(case):
            assert "No allegations" not in text, kind
            assert "C1A completed: no" not in text and "C1A completed: not known" not in text, kind
        for a in allegations(case):
            if kind in (
                "referral_letter",
                "safeguarding_letter",
                "s120_notification",
                "case_record",
                "service_manager_copy",
            ):
                assert f"by {case.name_of(a.against)}" in text, (kind, a)  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", NAMES)
def test_the_person_alleging_is_never_read_as_the_abuser(name: str) -> None:
    """¶3.62: "ensure that the information you share is accurate". The one who alleges comes
    first and alleges; the one alleged against follows "by": never "domestic abuse by [the person
    alleging]"."""
    case = letter_cases.case(name)
    for kind, text in texts(name):
        for a in allegations(case):
            alleging = case.name_of(a.by) if a.by else None  # type: ignore[attr-defined]
            if alleging:
                assert f"abuse by {alleging}" not in text.replace(f"abuse by {case.name_of(a.against)}", ""), kind  # type: ignore[attr-defined]
                if kind in ("referral_letter", "safeguarding_letter", "s120_notification"):
                    assert re.search(rf"{re.escape(alleging)} \([^)]*\) alleges", text), kind


@pytest.mark.parametrize("name", NAMES)
def test_nothing_recorded_is_called_not_known(name: str) -> None:
    """The letters say a thing is not known only when nothing in the record holds it: a child's
    address where the child lives with a parent whose address is recorded; an offence's Act and
    section where it was matched with certainty; a gender the desk never asks for."""
    case = letter_cases.case(name)
    for kind, text in texts(name, "referral_letter", "s120_notification", "service_manager_copy"):
        assert "gender: not known" not in text, kind
        for child in case.children:
            carers = [case.person(p) for p in child.lives_with]
            if child.current_address() or any(c and c.current_address() for c in carers):
                assert not re.search(rf"{re.escape(child.full_name)}, born [^.]*\. Address: not known", text), kind
    for kind, text in texts(name):
        assert "(not known)" not in text, kind


@pytest.mark.parametrize("name", NAMES)
def test_offences_named_with_act_and_section_and_risk_to_children(name: str) -> None:
    """App. II: "All professionals should ensure they use the term 'Risk to Children' for those
    who have been cautioned for an offence against a child and they should state what the offence
    is"; "The term 'Schedule 1 offender' is no longer to be used"."""
    case = letter_cases.case(name)
    for kind, text in texts(name):
        assert "Schedule 1" not in text, kind
    counted = {"conviction", "caution", "conditional_discharge", "absolute_discharge", "reprimand_warning"}
    for f in case.findings:
        risky = f.kind in counted and f.victim_age != "not_known" and "alcohol" not in (f.offence or "")
        for kind, text in texts(name, "safeguarding_letter", "referral_letter"):
            if f.act:
                assert f.act.replace("CYPA", "") in text or "Children and Young Persons Act 1933" in text, (kind, f)
            if risky:
                assert "Risk to Children" in text, (kind, f)
    if name == "name_only_offence":
        for kind, text in texts(name, "safeguarding_letter", "referral_letter"):
            assert "Section 1, Indecency with Children Act 1960" in text, kind


@pytest.mark.parametrize("name", NAMES)
def test_the_safeguarding_letter_says_what_referral_was_made(name: str) -> None:
    """¶2.106: "Where a referral is made the court should be informed of the steps taken"; the
    safeguarding letter is the court's account of screening and must not leave it out. Only what
    the record shows: "confirmed in writing" once a fax or letter is recorded."""
    case = letter_cases.case(name)
    (text,) = [t for _, t in texts(name, "safeguarding_letter")]
    for r in case.referrals:
        if r.phoned_at:
            assert "was made by telephone" in text
        confirmed = bool(r.fax_sent_at or r.post_sent_at)
        if not any(x.fax_sent_at or x.post_sent_at for x in case.referrals):
            assert "confirmed in writing" not in text
        if r.kind == "s47_protection" and r.phoned_at:
            assert "child protection referral (section 47 Children Act 1989)" in text
        del confirmed


@pytest.mark.parametrize("name", NAMES)
def test_reported_information_is_said_to_be_reported(name: str) -> None:
    """¶2.94: "the subsequent referral should indicate that the referral is based on reported
    information in which the Cafcass practitioner is acting as a channel of information"."""
    case = letter_cases.case(name)
    reported = bool(allegations(case)) or any(c.source in ("child", "parent", "other_party") for c in case.concerns)
    for kind, text in texts(name, "referral_letter", "service_manager_copy"):
        assert ("channel of information" in text) == reported, kind


@pytest.mark.parametrize("name", NAMES)
def test_harm_words_make_sentences(name: str) -> None:
    """Every sentence with a harm category in it reads as English: "physical" is physical abuse
    or harm, never "a concern about physical identified on …"."""
    adjectives = r"\b(physical|emotional|sexual|financial|psychological)\b"
    for kind, text in texts(name):
        for sentence in re.split(r"(?<=[.;:])\s", text):
            for m in re.finditer(adjectives, sentence, re.IGNORECASE):
                if re.search(r"\b(abuse|harm) \([^)]*$", sentence[: m.start()]):
                    continue  # "domestic abuse (financial and emotional)": the kinds of the abuse named
                after = sentence[m.end() : m.end() + 60]
                assert re.match(
                    r"(\s*(,|and|or)\s*(physical|emotional|sexual|financial|psychological|neglect))*\s*(\)\s*)?\s*(abuse|harm)|\)",
                    after,
                ) or re.search(r"\b(abuse|harm)\b", after[:40]), (kind, sentence)


@pytest.mark.parametrize("name", NAMES)
def test_the_bold_paragraph_is_the_framework_s_and_lists_significant_harm(name: str) -> None:
    """¶2.112: "This report provides the outcome of the Cafcass assessment, that there may be risks
    of significant harm to [X child] as a result of [...]. If the court is minded not to follow the
    recommendation, it is requested to consider the Children and Family Reporter's views in person
    before reaching any decision about an alternative disposal including a disposal reached by
    agreement. Attached is a schedule of availability for the Children and Family Reporter." A
    drink-driving conviction is not a risk of significant harm."""
    (text,) = [t for _, t in texts(name, "safeguarding_letter")]
    if "risks of significant harm" not in text:
        return
    start = text.index(
        "This report provides the outcome of the Cafcass assessment, that there may be risks of significant harm to "
    )
    end = text.index("Attached is a schedule of availability for the Children and Family Reporter.", start)
    paragraph = text[start:end]
    assert (
        "If the court is minded not to follow the recommendation, it is requested to consider the Children and Family "
        "Reporter's views in person before reaching any decision about an alternative disposal including a disposal "
        "reached by agreement." in paragraph
    )
    assert "alcohol" not in paragraph
    assert "acquittal" not in paragraph


def test_the_service_manager_copy_is_the_letter_itself() -> None:
    """¶2.108: "the Service Manager receives a copy of the written confirmation of the referral
    that is sent to Local Authority Children's Social Care" — a copy, not another letter."""
    for name in NAMES:
        made = drafts(name)
        for (kind, rid), d in made.items():
            if kind == "service_manager_copy":
                sent = made[("referral_letter", rid)]
                assert d.text.endswith(sent.text), name
                assert "COPY for the Service Manager" in d.text.split(sent.text)[0]


def test_a_referral_to_another_agency_is_not_a_referral_to_children_s_social_care() -> None:
    """¶2.62(c): referring a child and family "to any other agency, in order to promote their
    welfare" — not children's social care, so not its title and not its time limits (¶2.103-2.104)."""
    made = drafts("other_agency")
    letter = flat(made[("referral_letter", "r1")].text)
    assert "Referral to Leeds Young Carers Service" in letter
    assert "Referral to children's social care" not in letter
    assert "within one working day" not in letter.lower()


def test_a_child_lives_where_the_parent_lives() -> None:
    """¶2.102: the child's "address" — the address of the parent the child lives with, as the
    record holds it; the mother's confidential address marked only against the father."""
    made = drafts("confidential_county")
    letter = flat(made[("referral_letter", "r1")].text)
    assert "Oscar Whitmore, born 3 March 2014 (age 11). Address: the home of Sarah Whitmore: 14 Acacia Avenue" in letter
    for mark in re.findall(r"not to be disclosed to ([^.\]]*)", letter):
        assert "Sarah" not in mark


def test_the_school_that_shares_a_word_is_whole() -> None:
    """A confidentiality mark never splits another name: "Clifton Meadows Academy" is a school,
    not the confidential Clifton Road."""
    made = drafts("school_shares_street_word")
    for (kind, _), d in made.items():
        if KINDS[kind].recipient in OUTSIDE and "Clifton Meadows" in d.text:
            assert "Clifton Meadows Academy" in flat(d.text), kind


def test_court_letters_never_name_the_county_the_mother_fled_to() -> None:
    """¶3.83: a confidential address never reaches the court or a party, in any wording — "North
    Yorkshire Children's Social Care" says where she is."""
    for (kind, _), d in drafts("confidential_county").items():
        if KINDS[kind].recipient in ("court", "party"):
            assert "North Yorkshire" not in d.text and "Harrogate" not in d.text, kind


@pytest.mark.parametrize("name", NAMES)
def test_word_holds_every_letter_s_words(name: str) -> None:
    """A letter sent as Word says what the plain text says, word for word."""
    for (kind, rid), d in drafts(name).items():
        words = flat(document_text(d.render("docx"), "docx"))
        for sentence in re.split(r"(?<=\.)\s", flat(d.text))[5:40]:
            if "OFFICIAL-SENSITIVE" not in sentence:
                assert sentence in words, (kind, rid, sentence)


@pytest.mark.parametrize("name", ["base", "mother_against_father_s120"])
def test_pdf_holds_the_letters_truth(name: str) -> None:
    """A PDF of each letter carries the allegations, the offences and the referral made."""
    needs_pdf_tools()
    case = letter_cases.case(name)
    for (kind, _), d in drafts(name).items():
        if kind not in ("safeguarding_letter", "referral_letter", "s120_notification"):
            continue
        text = flat(document_text(d.render("pdf"), "pdf"))
        for a in allegations(case):
            assert "alleges" in text and case.name_of(a.against) in text, kind  # type: ignore[attr-defined]
        assert "No allegations" not in text


def test_the_allocated_social_worker_gets_a_copy_of_the_written_information() -> None:
    """¶2.100: "A copy of the written information must also be sent to any allocated social worker"."""
    made = drafts("allocated_social_worker")
    copy = made[("social_worker_copy", "r1")]
    sent = made[("referral_letter", "r1")]
    assert copy.text.endswith(sent.text)
    assert "COPY for Priya Shah, Leeds Children's Social Care, West Team, the allocated social worker" in flat(
        copy.text
    )
    assert ("social_worker_copy", "r1") not in drafts("base")  # no allocated social worker: not called for


def test_the_local_authority_is_told_when_involvement_ends() -> None:
    """¶3.90: "When Cafcass involvement ends, this should be notified to the agencies with whom
    Cafcass has previously shared information"; App. III: tell the local authority of the outcome."""
    case = letter_cases.case("base")
    with pytest.raises(BadInput, match="not closed"):
        draft(case, "involvement_ended", POLICY, OFFICER, NOW)
    case.case.status = "closed"
    case.case.outcome = "Child arrangements order: the children live with their mother; no contact for now."
    text = flat(draft(case, "involvement_ended", POLICY, OFFICER, NOW).text)
    assert "Cafcass's involvement with this family" in text and "has ended" in text
    assert "A child protection referral (section 47 Children Act 1989) was made by telephone" in text
    assert "The outcome of the proceedings: Child arrangements order: the children live with their mother" in text
    assert "Leeds Children's Social Care" in text.split("Date:")[0]


def test_the_court_is_advised_of_a_safety_assessment_where_no_referral_is_needed() -> None:
    """¶2.24: where information "indicates a concern, (but the concern is not at a level to require
    the immediate referral to the LACSC) then in private law the Cafcass manager or practitioner …
    will advise the court of the need to implement a more detailed safety assessment … before
    decisions relating to the child can be made safely"."""
    advice = "Cafcass advises the court of the need for a more detailed safety assessment"
    concern = letter_cases.case("c1a_not_completed")  # harm ticked, nothing referred
    concern.forms.respondent_c1a = letter_cases.case("order_only").forms.respondent_c1a  # a current order
    text = flat(draft(concern, "safeguarding_letter", POLICY, OFFICER, NOW).text)
    assert advice in text
    referred = flat(draft(letter_cases.case("base"), "safeguarding_letter", POLICY, OFFICER, NOW).text)
    assert advice not in referred  # an s47 referral is made: the concern is at the level of a referral
    none = flat(draft(letter_cases.case("none_needed"), "safeguarding_letter", POLICY, OFFICER, NOW).text)
    assert advice not in none


def test_each_parent_asked_about_domestic_abuse_or_the_letter_says_not() -> None:
    """Domestic violence: "parents should be routinely asked about domestic violence separately. In
    private law, this will be in privacy at the first meeting or interview" — a letter with no
    account from a parent says so; the court is told the fact, not the private account."""
    case = letter_cases.case("base")
    text = flat(draft(case, "safeguarding_letter", POLICY, OFFICER, NOW).text)
    for parent in ("Daniel James Whitmore", "Sarah Whitmore"):
        assert re.search(
            rf"{parent} \([^)]*\) has not yet been asked about domestic abuse separately and in private", text
        )
    mother = case.person("p2")
    assert mother is not None
    mother.da_asked, mother.da_asked_note = "asked", "He took my bank card and read my messages every night."
    mother.da_asked_at = NOW
    father = case.person("p1")
    assert father is not None
    father.da_asked, father.da_asked_note = "not_possible", "He did not attend the interview."
    court = flat(draft(case, "safeguarding_letter", POLICY, OFFICER, NOW).text)
    assert (
        "Sarah Whitmore (the mother, respondent) was asked about domestic abuse separately and in private on 16 June 2025."
        in court
    )
    assert "bank card" not in court  # her private account is not the court's letter
    assert (
        "could not be asked about domestic abuse separately and in private: He did not attend the interview." in court
    )
    la = flat(draft(case, "referral_letter", POLICY, OFFICER, NOW).text)
    assert "They said: “He took my bank card and read my messages every night”." in la


def test_a_finding_whose_notes_say_otherwise_is_never_reassuring() -> None:
    """App. II: "Cautions and discharges for the offences listed above will apply". A finding
    recorded as an acquittal whose notes say "conditional discharge" is not "not Risk to
    Children" in a letter: the letter says the record is being checked."""
    case = letter_cases.case("acquittal")
    case.findings[0].notes = "PNC: conditional discharge 12 months, victim aged 15"
    text = flat(draft(case, "safeguarding_letter", POLICY, OFFICER, NOW).text)
    assert "being checked against its own notes" in text

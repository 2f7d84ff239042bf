"""Issue 18: a letter that can be sent — headed with the office's details (never blank), the
recipient's name and address, our reference and theirs, a salutation and sign-off that agree,
OFFICIAL-SENSITIVE and "Page N of M" in Word's header and footer — and one that promises only
what is there (¶2.112's schedule of availability, the recommendation, checks still awaited)."""

from __future__ import annotations

import io
import re
import subprocess
from datetime import date
from pathlib import Path

import pytest
from docx import Document

from dutydesk.config.office import Office, OfficeMissing, parse_office
from dutydesk.config.policy_files import load_policy
from dutydesk.domain.case.model import Check
from dutydesk.drafting import docx_writer, pdf
from dutydesk.drafting.draft import draft
from dutydesk.drafting.kinds import KINDS
from dutydesk.errors import BadInput, DutydeskError, PolicyError
from tests.cli_helpers import run_cli
from tests.drafting.helpers import NOW, flat, letter_samples, sample, with_referral
from tests.drafting.output_text import needs_pdf_tools

POLICY = load_policy()
EXTERNAL = [k for k, kind in KINDS.items() if kind.recipient in ("court", "party", "local_authority")]
LETTERS = [k for k in EXTERNAL if k != "consent_to_checks"]  # the consent form is a form, not a letter


def drafts(kind: str) -> list[str]:
    out = []
    for _, case in letter_samples():
        try:
            out.append(flat(draft(case, kind, POLICY, "J. Officer", NOW).text))
        except DutydeskError:
            continue
    assert out, kind
    return out


@pytest.mark.parametrize("kind", EXTERNAL)
def test_no_letter_leaves_the_office_without_saying_how_to_reach_it(kind: str) -> None:
    refused = []
    for _, case in letter_samples():
        try:
            draft(case, kind, POLICY, "J. Officer", NOW, office=Office(name="Cafcass"))
        except OfficeMissing as exc:
            refused.append(str(exc))
        except DutydeskError:
            continue  # a letter this case does not call for
        else:
            raise AssertionError(f"{kind} was drafted without the office's address, phone and email")
    assert refused and all("postal address" in s and "secure email" in s and "dutydesk office" in s for s in refused)
    for text in drafts(kind):
        head = text.split("Our reference")[0]
        assert "Level 5" in head and "0300 456 4000" in head and "duty.birmingham@cafcass.gov.uk.cjsm.net" in head
        assert "not known" not in head


def test_cafcass_own_records_need_no_letterhead() -> None:
    made = draft(sample("04"), "sm_discussion_record", POLICY, "J. Officer", NOW, office=Office())
    assert "Prepared by: J. Officer" in made.text


@pytest.mark.parametrize("kind", LETTERS)
def test_the_salutation_and_the_sign_off_agree(kind: str) -> None:
    for text in drafts(kind):
        assert ("Dear Sir or Madam," in text) == ("Yours faithfully," in text), kind
        assert text.count("Dear ") == 1 and "Dear colleague" not in text, kind
        assert "Our reference: DD-" in text and "Date: 16 June 2025" in text, kind


def test_a_named_social_worker_is_written_to_by_name_and_signed_off_sincerely() -> None:
    case = with_referral(sample("07"), la="Cardiff Children's Services")
    referral = case.referrals[-1]
    referral.spoke_to = "Amara Okafor, duty social worker (MASH)"
    referral.la_address = "Ty Enfys\nCardiff Bay, CF10 4UW"
    referral.la_reference = "MASH/2025/4417"
    text = draft(case, "referral_letter", POLICY, "J. Officer", NOW, referral_id=referral.id).text
    head = text.split("Dear")[0]
    assert "Amara Okafor\nCardiff Children's Services\nTy Enfys\nCardiff Bay\nCF10 4UW" in head
    assert "Your reference: MASH/2025/4417" in head
    assert "Dear Amara Okafor," in text and "Yours sincerely," in text and "Yours faithfully" not in text


def test_the_court_is_written_to_at_its_address_and_the_case_number_is_printed_once() -> None:
    case = sample("04")
    case.case.court_address = "Priory Courts, 33 Bull Street, Birmingham, B4 6DS"
    text = draft(case, "safeguarding_letter", POLICY, "J. Officer", NOW).text
    assert "The Court Manager\nBirmingham Civil and Family Justice Centre\nPriory Courts\n33 Bull Street" in text
    assert text.count(case.case.court_case_number or "?") == 1  # "Your reference", not twice under two names


def test_the_safeguarding_letter_needs_a_recommendation_and_where_harm_is_significant_the_schedule() -> None:
    bare = sample("04", recommended=False)
    with pytest.raises(BadInput, match="Recommendation to the court"):
        draft(bare, "safeguarding_letter", POLICY, "J. Officer", NOW)
    bare.risk.recommendation = "That contact is supervised pending a fact-finding hearing."
    # Sample 04 is ongoing domestic abuse, high risk: ¶2.112's paragraph goes in, so the schedule must.
    with pytest.raises(BadInput, match="schedule of the Children and Family Reporter's availability"):
        draft(bare, "safeguarding_letter", POLICY, "J. Officer", NOW)
    bare.risk.availability = "Available 23 and 24 June 2025."
    text = draft(bare, "safeguarding_letter", POLICY, "J. Officer", NOW).text
    promised = flat(text).index("Attached is a schedule of availability for the Children and Family Reporter.")
    schedule = text.index("Schedule of availability for the Children and Family Reporter\n")
    assert "Available 23 and 24 June 2025." in text[schedule:] and promised >= 0
    assert "That contact is supervised pending a fact-finding hearing." in text
    calm = sample("01", recommended=False)
    calm.risk.recommendation = "No safeguarding issues: the court may proceed."
    text = draft(calm, "safeguarding_letter", POLICY, "J. Officer", NOW).text
    assert "schedule of availability" not in text.lower()  # nothing promised, nothing to attach


def test_checks_awaited_say_when_and_are_not_reported_as_outcomes() -> None:
    case = sample("01")
    case.checks.append(
        Check(id="k-pol", kind="police", subject=case.people[0].id, requested_at=NOW, expected_by=date(2025, 6, 27))
    )
    text = flat(draft(case, "safeguarding_letter", POLICY, "J. Officer", NOW).text)
    made, awaited = text.split("Still awaited at the time of writing:")
    assert "Police check" not in made.split("Checks made")[1]
    assert "requested on 16 June 2025: the reply is expected by 27 June 2025" in awaited
    assert "not yet requested" not in text  # a check not asked for is listed as such, not as an outcome


def test_word_output_is_the_styled_base_with_marking_and_page_numbers() -> None:
    data = draft(sample("04"), "court_referral_made", POLICY, "J. Officer", NOW).render("docx")
    document = Document(io.BytesIO(data))
    section = document.sections[0]
    assert [p.text for p in section.header.paragraphs if p.text] == ["OFFICIAL-SENSITIVE"]
    footer_xml = section.footer._element.xml
    assert "OFFICIAL-SENSITIVE" in footer_xml and " PAGE " in footer_xml and " NUMPAGES " in footer_xml
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    styles = {p.style.name for p in document.paragraphs}
    assert {"Letterhead", "Address Line", "Heading 1", "Normal"} <= styles


def test_a_restyled_base_missing_a_style_is_refused_naming_it(tmp_path: Path) -> None:
    from dutydesk.drafting.templates import templates_dir

    broken = Document(str(templates_dir() / "letter.docx"))
    broken.styles["Letterhead"].delete()
    broken.save(str(tmp_path / "letter.docx"))
    with pytest.raises(PolicyError, match="Letterhead"):
        docx_writer.base_document(tmp_path)


def test_pdf_without_libreoffice_names_the_package(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DUTYDESK_SOFFICE", raising=False)
    monkeypatch.setattr(pdf.shutil, "which", lambda _name: None)
    with pytest.raises(BadInput, match="libreoffice-writer-nogui"):
        draft(sample("04"), "court_referral_made", POLICY, "J. Officer", NOW).render("pdf")


def test_the_pdf_embeds_every_font_and_numbers_its_pages(tmp_path: Path) -> None:
    needs_pdf_tools()
    made = draft(with_referral(sample("04")), "referral_letter", POLICY, "J. Officer", NOW, referral_id="r9")
    data = made.render("pdf")
    (tmp_path / "l.pdf").write_bytes(data)
    fonts = subprocess.run(["pdffonts", str(tmp_path / "l.pdf")], capture_output=True, text=True, check=True).stdout
    rows = fonts.splitlines()[2:]
    assert rows and all(re.search(r"\byes\s+yes\b", row) for row in rows), fonts
    text = subprocess.run(["pdftotext", str(tmp_path / "l.pdf"), "-"], capture_output=True, text=True).stdout
    pages = int(re.search(r"Page 1 of (\d+)", text).group(1))  # type: ignore[union-attr]
    assert pages >= 2 and f"Page {pages} of {pages}" in text


def test_office_details_are_checked_as_they_are_set(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DUTYDESK_CONFIG_DIR", str(tmp_path))
    (tmp_path / "config.toml").write_text('# my settings\ncutoff = "16:00"\n', encoding="utf-8")
    done = run_cli(capsys, "office", "--phone", "+44 (0)121 496 0000", "--email", "duty@cafcass.gov.uk.cjsm.net")
    assert done.code == 0, done.err
    assert "address      (not set: letters need it)" in done.out
    text = (tmp_path / "config.toml").read_text(encoding="utf-8")
    assert text.startswith("# my settings") and 'phone = "+44 (0)121 496 0000"' in text
    bad = run_cli(capsys, "office", "--phone", "12345")
    assert bad.code == 2 and "UK telephone number" in bad.err and len(bad.err.splitlines()) == 1
    assert "12345" not in (tmp_path / "config.toml").read_text(encoding="utf-8")
    with pytest.raises(BadInput, match="'fax' is not an office detail"):
        parse_office({"fax": "0121"})

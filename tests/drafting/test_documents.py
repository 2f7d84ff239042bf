"""Each document kind on the sample cases: what it must say, the same in Word and plain text,
the same bytes every time."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dutydesk.config.policy_files import load_policy
from dutydesk.domain.case.model import Case
from dutydesk.drafting.docx_writer import docx_all_text, docx_text
from dutydesk.drafting.draft import check_templates, draft
from dutydesk.drafting.kinds import KINDS
from dutydesk.drafting.templates import DraftTemplateError, check_template, render
from dutydesk.errors import BadInput
from tests.drafting.helpers import NOW, SAMPLES, flat, sample, with_referral

POLICY = load_policy()
OFFICER = "J. Officer"


def drafts_for(case: Case) -> dict[str, object]:
    out = {}
    for kind in KINDS:
        try:
            out[kind] = draft(case, kind, POLICY, OFFICER, NOW)
        except BadInput as refused:
            if kind == "court_c1a_not_completed":  # said only where it is so
                # App. III: each ticked form's own party's C1A says something (an allegation or an order).
                forms = case.forms
                for ticked, c1a in (
                    (forms.c1.harm_indicated, forms.c1a),
                    (forms.c7.harm_indicated, forms.respondent_c1a),
                ):
                    assert not ticked or (c1a.completed is not False and (c1a.allegations or c1a.protective_orders))
                assert "C1 harm:" in str(refused)
            elif KINDS[kind].referral == "required" and not case.referrals:
                assert "has none recorded" in str(refused)
            elif "s120" in kind or kind == "court_no_screening":  # said only where it is so
                assert "section 120 notification" in str(refused) or "Worked without screening" in str(refused)
            else:  # an allocated social worker, a closed case: refused, and said why
                assert KINDS[kind].when != "always"
                assert "social worker" in str(refused) or "not closed" in str(refused)
    return out


def test_shipped_templates_are_valid() -> None:
    check_templates()


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_every_kind_drafts_with_the_essentials_and_word_holds_the_same_text(path: Path) -> None:
    case = with_referral(sample(path.stem[:2])) if path.stem.startswith("01") else sample(path.stem[:2])
    for kind, made in drafts_for(case).items():
        text = made.text  # type: ignore[attr-defined]
        assert case.case.reference in text, kind
        assert OFFICER in text, kind
        assert "16 June 2025" in text, kind  # the date of the letter
        for child in case.children:
            assert child.full_name in text, (kind, child.full_name)
        assert text.startswith("OFFICIAL-SENSITIVE\n") and text.endswith("\nOFFICIAL-SENSITIVE\n"), kind
        data = made.render("docx")  # type: ignore[attr-defined]
        # Word holds the same words; its protective marking is in the header and the footer.
        body = text.removeprefix("OFFICIAL-SENSITIVE\n").removesuffix("OFFICIAL-SENSITIVE\n")
        assert flat("\n".join(docx_text(data))) == flat(body), kind
        assert docx_all_text(data).count("OFFICIAL-SENSITIVE") >= 2, kind


def test_output_is_deterministic() -> None:
    case = sample("04")
    first = draft(case, "referral_letter", POLICY, OFFICER, NOW)
    again = draft(sample("04"), "referral_letter", POLICY, OFFICER, NOW)
    assert first.render("txt") == again.render("txt")
    assert first.render("docx") == again.render("docx")


def test_the_s47_letter_makes_the_level_and_nature_of_concern_clear() -> None:
    text = flat(draft(sample("04"), "referral_letter", POLICY, OFFICER, NOW).text)
    assert "SECTION 47 CHILDREN ACT 1989" in text and "LEVEL OF CONCERN: HIGH" in text  # ¶2.65
    assert "13/06/2025 16:10" in text and "Duty social worker B. Example" in text  # the call it confirms
    assert "Referral information (CAF format)" in text and "¶" not in text  # the law, not our paragraphs
    assert "Not known at the time of writing" in text  # gaps are said, not left blank (¶2.102)


@pytest.mark.parametrize(
    ("kind", "says", "never"),
    [
        ("s17_needs", "SECTION 17 CHILDREN ACT 1989", "SECTION 47"),
        ("promoting_welfare", "PROMOTE THE CHILD'S WELFARE", "SECTION 47"),
    ],
)
def test_the_other_covering_letters_say_what_they_are(kind: str, says: str, never: str) -> None:
    text = flat(draft(with_referral(sample("01"), kind), "referral_letter", POLICY, OFFICER, NOW).text)
    assert says in text and "NOT A CHILD PROTECTION REFERRAL" in text
    assert never not in text


def test_a_section_120_referral_is_drafted_as_a_notification_not_a_letter() -> None:
    case = with_referral(sample("03"), "s120_notification")
    with pytest.raises(BadInput, match="draft s120_notification instead"):
        draft(case, "referral_letter", POLICY, OFFICER, NOW)
    text = flat(draft(case, "s120_notification", POLICY, OFFICER, NOW).text)
    assert "SECTION 120 ADOPTION AND CHILDREN ACT 2002" in text and "NOT A REFERRAL" in text


def test_the_safeguarding_letter_carries_the_2_112_paragraph_in_bold_only_when_significant_harm() -> None:
    risky = draft(sample("04"), "safeguarding_letter", POLICY, OFFICER, NOW)
    bold = [b.text for b in risky.blocks if b.kind == "bold"]
    assert any(t.startswith("This report provides the outcome of the Cafcass assessment") for t in bold)
    assert any("Zofia Nowak" in t and "domestic abuse" in t for t in bold)
    calm = draft(sample("01"), "safeguarding_letter", POLICY, OFFICER, NOW)
    assert "risks of significant harm" not in flat(calm.text)


def test_court_letters_say_what_the_framework_asks() -> None:
    assert "a form C1A" in flat(draft(sample("02"), "court_c1a_not_completed", POLICY, OFFICER, NOW).text)
    without = sample("02")
    with pytest.raises(BadInput, match="Worked without screening"):  # said only where it is so (¶2.22)
        draft(without, "court_no_screening", POLICY, OFFICER, NOW)
    without.case.emergency_without_screening = True
    no_screening = draft(without, "court_no_screening", POLICY, OFFICER, NOW).text
    assert "without the benefit of screening information" in flat(no_screening)
    made = flat(draft(sample("04"), "court_referral_made", POLICY, OFFICER, NOW).text)
    assert "at the earliest opportunity" in made and "Birmingham Children's Trust" in made and "¶" not in made


def test_the_service_manager_copy_is_the_confirmation_marked_as_a_copy() -> None:
    copy = flat(draft(sample("04"), "service_manager_copy", POLICY, OFFICER, NOW).text)
    assert "COPY for the Service Manager (¶2.108)" in copy
    assert "SECTION 47 CHILDREN ACT 1989" in copy


def test_the_case_record_holds_the_chronology_and_the_audit_trail() -> None:
    audit = [
        {
            "seq": 1,
            "at": "2025-06-13T10:00:00Z",
            "officer": "A. Officer",
            "action": "update",
            "entity": "risk",
            "field": "overall",
            "old": None,
            "new": '"high"',
        }
    ]
    text = flat(draft(sample("04"), "case_record", POLICY, OFFICER, NOW, audit=audit).text)
    assert "# Chronology" not in text and "Chronology" in text
    assert "#1 2025-06-13T10:00:00Z A. Officer: update risk overall" in text


def test_user_text_cannot_make_headings_or_bold() -> None:
    case = sample("04")
    case.people[0].given_names = "# Heading\n! bold [bold]x[/bold] \x1b[31m"
    made = draft(case, "case_record", POLICY, OFFICER, NOW)
    mine = [b for b in made.blocks if "Heading" in b.text]
    assert mine and all(b.kind in ("para", "bullet") for b in mine)
    assert "[bold]x[/bold]" in made.text and "\x1b" not in made.text


def test_a_template_naming_something_no_case_has_fails_at_load_time(tmp_path: Path) -> None:
    (tmp_path / "bad.txt.j2").write_text("Dear {{ chlidren }}\n", encoding="utf-8")
    with pytest.raises(DraftTemplateError, match="chlidren"):
        check_template("bad", frozenset({"children"}), tmp_path)
    (tmp_path / "broken.txt.j2").write_text("{% for x in %}\n", encoding="utf-8")
    with pytest.raises(DraftTemplateError, match="line 1"):
        check_template("broken", frozenset(), tmp_path)


def test_a_template_naming_a_missing_field_fails_clearly_when_drafting(tmp_path: Path) -> None:
    (tmp_path / "typo.txt.j2").write_text("{{ case.refrence }}\n", encoding="utf-8")
    with pytest.raises(DraftTemplateError, match="refrence"):
        render("typo", {"case": {"reference": "X"}}, tmp_path)


def test_a_sandboxed_template_cannot_reach_python(tmp_path: Path) -> None:
    (tmp_path / "evil.txt.j2").write_text("{{ case.__class__.__mro__ }}\n", encoding="utf-8")
    with pytest.raises(DraftTemplateError):
        render("evil", {"case": {}}, tmp_path)


def test_each_item_is_its_own_paragraph() -> None:
    """An optional note at a line's end must not pull the next line into its paragraph."""
    made = draft(sample("04"), "referral_letter", POLICY, OFFICER, NOW)
    bullets = [b.text for b in made.blocks if b.kind == "bullet"]
    assert "Domestic violence: high. Escalating at handovers." in bullets
    assert "Violence linked with contact: high." in bullets
    assert all("\ue000" not in b.text for b in made.blocks)


def test_the_court_is_told_a_c1a_is_missing_only_when_it_is() -> None:
    """App. III: harm ticked on the C1 or C7 and no C1A. A case without that is refused, with
    its answers named; sample 02 (harm ticked, no C1A) gets the letter."""
    made = draft(sample("02"), "court_c1a_not_completed", POLICY, OFFICER, NOW)
    assert "has not been completed" in flat(made.text)
    with pytest.raises(BadInput, match=re.escape("C1 harm: no (applicant's C1A: not required), C7 harm: no")):
        draft(sample("01"), "court_c1a_not_completed", POLICY, OFFICER, NOW)

"""One fact typed once (issue 29): the fax and the Service Manager's copy times, on the referral and
as actions on the concern record.

¶2.95: "It is important to record the time and date that the child welfare concern was identified,
and the time and date of actions taken by the practitioner."
¶2.103: "The information given must be confirmed in writing, preferably first by fax, followed up
by post to Local Authority Children's Social Care within one working day."
¶2.108: "the practitioner must ensure that the Service Manager receives a copy of the written
confirmation of the referral that is sent to Local Authority Children's Social Care, within one
working day."

Expected: a time typed in one place fills the other; a different time already recorded is never
overwritten — both are kept and the difference is said.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest

from dutydesk.config.paths import data_dir
from dutydesk.config.policy_files import load_policy
from dutydesk.domain.case import fieldpath
from dutydesk.domain.case.model import Case
from dutydesk.domain.rules.linked_times import AddAction, SetTime, differences, follow, parse_linked_times
from dutydesk.domain.time.calendar import LONDON
from dutydesk.errors import PolicyError
from tests.rules.builders import case

RULES = load_policy().linked_times
assert RULES is not None
PHONED = datetime(2025, 6, 16, 10, 5, tzinfo=LONDON)
FAXED = datetime(2025, 6, 16, 14, 5, tzinfo=LONDON)
LATER = datetime(2025, 6, 16, 16, 40, tzinfo=LONDON)
OFFICER = "Test Officer"
WROTE = "Written confirmation of the referral faxed to children's social care"


def with_referral(actions: list[dict[str, Any]] | None = None, kind: str = "s47_protection", **referral: Any) -> Case:
    return case(
        concerns=[
            {
                "id": "x1",
                "identified_at": "2025-06-16T09:30:00+01:00",
                "source": "child",
                "children": ["c1"],
                "what_was_said": "Dad hit me with a belt",
                "actions": actions or [],
            }
        ],
        referrals=[{"id": "r1", "kind": kind, "children": ["c1"], "phoned_at": PHONED.isoformat(), **referral}],
    )


def edit(c: Case, path: str, value: Any) -> list[AddAction | SetTime]:
    """What the desk does: the officer's edit, then every edit it implies, applied."""
    assert RULES is not None
    before = fieldpath.get(c, path)
    fieldpath.put(c, path, value)
    changes = follow(c, RULES, path, before, value, OFFICER)
    for change in changes:
        if isinstance(change, AddAction):
            next(x for x in c.concerns if x.id == change.concern_id).actions.append(change.action)
        else:
            fieldpath.put(c, change.path, change.value)
    return changes


def test_a_fax_time_on_the_referral_writes_the_action_on_the_concern_record() -> None:
    c = with_referral()
    edit(c, "referrals[r1].fax_sent_at", FAXED)
    (action,) = c.concerns[0].actions
    assert (action.at, action.what, action.by) == (FAXED, WROTE, OFFICER)
    assert differences(c, RULES) == []  # type: ignore[arg-type]


def test_the_service_managers_copy_likewise() -> None:
    c = with_referral()
    edit(c, "referrals[r1].sm_copy_sent_at", LATER)
    (action,) = c.concerns[0].actions
    assert (action.at, action.what) == (LATER, "Copy of the written confirmation sent to the Service Manager")


def test_an_action_the_officer_wrote_without_its_time_is_filled() -> None:
    c = with_referral([{"id": "t1", "what": "Faxed CAF and covering letter to Leeds MASH"}])
    edit(c, "referrals[r1].fax_sent_at", FAXED)
    assert [(a.id, a.at) for a in c.concerns[0].actions] == [("t1", FAXED)]


def test_a_correction_of_the_same_fact_follows() -> None:
    c = with_referral()
    edit(c, "referrals[r1].fax_sent_at", FAXED)
    edit(c, "referrals[r1].fax_sent_at", LATER)  # the officer corrects the time she typed
    assert [a.at for a in c.concerns[0].actions] == [LATER]


def test_a_field_cleared_then_retyped_follows_too() -> None:
    """A burst of Ctrl+U and a new time reaches the desk as None, then the time."""
    c = with_referral()
    edit(c, "referrals[r1].fax_sent_at", FAXED)
    edit(c, "referrals[r1].fax_sent_at", None)
    edit(c, "referrals[r1].fax_sent_at", LATER)
    assert [a.at for a in c.concerns[0].actions] == [LATER]


def test_a_different_time_already_recorded_is_never_overwritten_both_kept_and_said() -> None:
    c = with_referral([{"id": "t1", "at": LATER.isoformat(), "what": "Faxed CAF to Leeds MASH"}])
    assert edit(c, "referrals[r1].fax_sent_at", FAXED) == []
    assert c.referrals[0].fax_sent_at == FAXED and c.concerns[0].actions[0].at == LATER
    (differ,) = differences(c, RULES)  # type: ignore[arg-type]
    assert differ.sentence(c) == (
        "Referral 1's time the written confirmation was faxed is 16/06/2025 14:05, but the concern record says "
        "“Faxed CAF to Leeds MASH” at 16/06/2025 16:40: both are kept — correct whichever is wrong (¶2.103; ¶2.95)"
    )
    # The officer corrects the action: the difference goes.
    edit(c, "concerns[x1].actions[t1].at", FAXED)
    assert differences(c, RULES) == []  # type: ignore[arg-type]


def test_the_reverse_an_action_timed_on_the_concern_record_fills_the_referral() -> None:
    c = with_referral([{"id": "t1", "what": "Faxed CAF and covering letter to Leeds MASH"}])
    edit(c, "concerns[x1].actions[t1].at", FAXED)
    assert c.referrals[0].fax_sent_at == FAXED
    edit(c, "concerns[x1].actions[t1].at", LATER)  # corrected: the same fact
    assert c.referrals[0].fax_sent_at == LATER


def test_the_reverse_as_the_words_are_typed_into_an_action_stamped_now() -> None:
    """`t` on the Escalation step adds an action timed now; its words are typed after."""
    c = with_referral([{"id": "t1", "at": LATER.isoformat()}])
    for typed in ("E", "Emailed copy of the confirmation to the SM"):
        edit(c, "concerns[x1].actions[t1].what", typed)
    assert c.referrals[0].sm_copy_sent_at == LATER
    assert c.referrals[0].fax_sent_at is None


def test_words_that_stop_saying_it_take_back_the_time_they_filled() -> None:
    c = with_referral([{"id": "t1", "at": LATER.isoformat()}])
    edit(c, "concerns[x1].actions[t1].what", "Faxed")
    assert c.referrals[0].fax_sent_at == LATER
    edit(c, "concerns[x1].actions[t1].what", "Faxed? No: the fax was not sent, machine broken")
    assert c.referrals[0].fax_sent_at is None


def test_the_reverse_never_overwrites_the_referrals_own_time() -> None:
    c = with_referral([{"id": "t1", "what": "Faxed CAF to Leeds MASH"}], fax_sent_at=FAXED.isoformat())
    assert edit(c, "concerns[x1].actions[t1].at", LATER) == []
    assert c.referrals[0].fax_sent_at == FAXED
    assert len(differences(c, RULES)) == 1  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "words", ["Chased LA by fax: no reply", "Fax not sent, machine broken", "Will fax the CAF after lunch"]
)
def test_an_action_that_is_not_the_fax_fills_nothing(words: str) -> None:
    c = with_referral([{"id": "t1", "what": words}])
    assert edit(c, "concerns[x1].actions[t1].at", LATER) == []
    assert c.referrals[0].fax_sent_at is None


def test_only_a_referral_under_the_child_welfare_protection_procedure() -> None:
    """Concern records are the Child Welfare (Protection) procedure's (¶2.93-2.97): a section 17
    referral's fax is not an action on them."""
    c = with_referral(kind="s17_needs")
    assert edit(c, "referrals[r1].fax_sent_at", FAXED) == []
    assert c.concerns[0].actions == []


def test_a_concern_about_another_child_is_not_this_referrals() -> None:
    c = with_referral()
    c.concerns[0].children = ["c9"]
    assert edit(c, "referrals[r1].fax_sent_at", FAXED) == []


def test_two_referrals_for_one_concern_the_words_cannot_say_whose_fax() -> None:
    c = with_referral([{"id": "t1", "what": "Faxed CAF"}])
    c.referrals.append(type(c.referrals[0])(id="r2", kind="s47_protection", children=["c1"]))
    assert edit(c, "concerns[x1].actions[t1].at", FAXED) == []


def test_the_table_is_validated_on_load() -> None:
    text = (data_dir() / "linked_times.toml").read_text(encoding="utf-8")
    broken = text.replace(
        'action = "Written confirmation of the referral faxed to children\'s social care"',
        'action = "Written confirmation sent to children\'s social care"',
    )
    with pytest.raises(PolicyError, match="must read it as fax_sent_at only"):
        parse_linked_times(broken, "linked_times.toml")
    with pytest.raises(PolicyError, match="use a time on the referral"):
        parse_linked_times(text.replace('field = "fax_sent_at"', 'field = "la"'), "linked_times.toml")
    with pytest.raises(PolicyError, match="use referral kinds"):
        parse_linked_times(text.replace('["s47_protection"]', '["s47"]'), "linked_times.toml")

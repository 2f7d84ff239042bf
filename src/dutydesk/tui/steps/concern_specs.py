"""The fields of a concern record (¶2.93-2.97), its injuries (the skin map, ¶2.96) and actions."""

from __future__ import annotations

from typing import get_args

from dutydesk.domain.case.enums import BodySite, ConcernSource, HarmType
from dutydesk.tui.widgets.fields import FieldSpec


def concern_specs(cid: str) -> list[FieldSpec]:
    p = f"concerns[{cid}]"
    return [
        FieldSpec(f"{p}.identified_at", "Identified", "instant", hint="¶2.95: the time and date it was identified"),
        FieldSpec(f"{p}.source", "Identified from", "enum", get_args(ConcernSource)),
        FieldSpec(f"{p}.told_by", "Told by", "person", hint="who said it, where someone did"),
        FieldSpec(f"{p}.children", "Children concerned", "people", who="children"),
        FieldSpec(f"{p}.what_was_said", "What was said", "long", hint="¶2.93: as said, in their words"),
        FieldSpec(f"{p}.explanation", "Any explanation the child gave", "long"),
        FieldSpec(f"{p}.what_was_seen", "What was seen", "long"),
        FieldSpec(f"{p}.present", "Who else was present", hint="anyone who could have witnessed it (¶2.93)"),
        FieldSpec(f"{p}.types", "Kind of harm", "list", get_args(HarmType), hint="Space ticks"),
        FieldSpec(f"{p}.witnessing", "Harm to someone else the child saw or heard", "tri", hint="s120 ACA 2002"),
        FieldSpec(f"{p}.recorded_by", "Recorded by", hint="¶2.95: the person directly involved"),
        FieldSpec(f"{p}.recorded_at", "Recorded (signed and dated)", "instant", hint="¶2.97"),
    ]


def injury_specs(cid: str, index: int) -> list[FieldSpec]:
    p = f"concerns[{cid}].injuries[{index}]"
    return [
        FieldSpec(
            f"{p}.site", "Where (visible injuries only: never ask a child to undress)", "enum", get_args(BodySite)
        ),
        FieldSpec(f"{p}.description", "What was seen", "long"),
    ]


def action_specs(cid: str, index: int) -> list[FieldSpec]:
    p = f"concerns[{cid}].actions[{index}]"
    return [
        FieldSpec(f"{p}.at", "When", "instant"),
        # One fact typed once (issue 29): the words say which referral time this action is.
        FieldSpec(f"{p}.what", "What was done", hint="a fax or the manager's copy fills the referral's time"),
        FieldSpec(f"{p}.by", "By"),
    ]

"""One pane per workspace step, in the framework's order; the officer can go anywhere."""

from __future__ import annotations

from dutydesk.tui.steps.base import StepPane
from dutydesk.tui.steps.checks import ChecksPane
from dutydesk.tui.steps.chronology import ChronologyPane
from dutydesk.tui.steps.escalation import EscalationPane
from dutydesk.tui.steps.forms import FormsPane
from dutydesk.tui.steps.intake import IntakePane
from dutydesk.tui.steps.letters import LettersPane
from dutydesk.tui.steps.pathway import PathwayPane
from dutydesk.tui.steps.people import PeoplePane
from dutydesk.tui.steps.referrals import ReferralsPane
from dutydesk.tui.steps.risk import RiskPane

__all__ = ["STEPS", "StepPane"]

STEPS: list[tuple[str, str, type[StepPane]]] = [
    ("intake", "Intake", IntakePane),
    ("people", "People", PeoplePane),
    ("forms", "Forms", FormsPane),
    ("checks", "Checks", ChecksPane),
    ("pathway", "Pathway", PathwayPane),
    ("risk", "Risk", RiskPane),
    ("escalation", "Escalation", EscalationPane),
    ("referrals", "Referrals", ReferralsPane),
    ("letters", "Letters", LettersPane),
    ("chronology", "Chronology", ChronologyPane),
]

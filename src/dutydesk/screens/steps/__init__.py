"""One pane per workspace step, in the framework's order; the officer can go anywhere."""

from __future__ import annotations

from dutydesk.screens.steps.base import StepPane
from dutydesk.screens.steps.checks import ChecksPane
from dutydesk.screens.steps.chronology import ChronologyPane
from dutydesk.screens.steps.escalation import EscalationPane
from dutydesk.screens.steps.forms import FormsPane
from dutydesk.screens.steps.intake import IntakePane
from dutydesk.screens.steps.letters import LettersPane
from dutydesk.screens.steps.pathway import PathwayPane
from dutydesk.screens.steps.people import PeoplePane
from dutydesk.screens.steps.referrals import ReferralsPane
from dutydesk.screens.steps.risk import RiskPane

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

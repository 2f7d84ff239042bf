"""A step pane restyles only itself when it takes or loses the focus (steps/base.py: a quarter of
a step switch was Textual restyling the pane's 80 widgets). That holds only while no style rule
reaches inside a pane by the pane's focus: this fails when one does."""

from __future__ import annotations

import re
from pathlib import Path

import dutydesk
from dutydesk.tui.steps import STEPS

PACKAGE = Path(dutydesk.__file__).parent
PANES = {"StepPane", "FocusKeepingScroll", *(pane.__name__ for _sid, _label, pane in STEPS)}


def selectors() -> list[str]:
    """Every selector in the desk's style sheet and its widgets' DEFAULT_CSS."""
    texts = [p.read_text() for p in PACKAGE.rglob("*.tcss")] + [p.read_text() for p in PACKAGE.rglob("*.py")]
    out = []
    for text in texts:
        for head in re.findall(r"([^{};\"]+)\{", text):
            out += [s.strip() for s in head.split(",") if ":focus" in s]
    return out


def test_no_rule_styles_a_panes_insides_by_its_focus() -> None:
    offending = []
    for selector in selectors():
        compounds = re.split(r"\s*>\s*|\s+", selector.strip())
        for compound in compounds[:-1]:  # a compound with descendants after it
            name = re.match(r"[A-Za-z_]*", compound)
            if ":focus" in compound and (not name or not name.group() or name.group() in PANES):
                offending.append(selector)
    assert not offending, offending


def test_the_rule_is_found_where_it_is() -> None:
    # The reader above finds the pane's own focus rule (so it reads the style sheet at all).
    assert any("StepPane:focus" in s for s in selectors())

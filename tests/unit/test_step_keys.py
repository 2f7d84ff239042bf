"""Each step declares its own keys (issue 34): an eleventh step added without them, or with one
another step has, fails here — it never silently takes Intake's 1 or F12."""

from __future__ import annotations

from dutydesk.tui.screens.case import CaseScreen
from dutydesk.tui.steps import STEPS


def test_every_step_has_its_own_digit_and_f_key() -> None:
    digits = [pane.KEYS[0] for _sid, _label, pane in STEPS]
    fkeys = [pane.KEYS[1] for _sid, _label, pane in STEPS]
    assert all(len(d) == 1 and d.isdigit() for d in digits), digits
    assert all(f.startswith("f") and f[1:].isdigit() for f in fkeys), fkeys
    assert len(set(digits)) == len(digits) and len(set(fkeys)) == len(fkeys)
    assert "f1" not in fkeys  # F1 is Help everywhere


def test_the_case_screen_binds_each_steps_declared_keys() -> None:
    bound = {b.key: b.action for b in CaseScreen.BINDINGS if hasattr(b, "key")}
    for index, (_sid, _label, pane) in enumerate(STEPS):
        assert bound[pane.KEYS[0]] == bound[pane.KEYS[1]] == f"step({index})"

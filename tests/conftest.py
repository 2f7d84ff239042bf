"""Hermetic tests: no developer config, no developer store."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"

# The suite before every commit is `pytest -m "not slow"` (under 3 minutes on 2 cores): every
# unit, rule, store, drafting, importer, CLI and hostile-input test and the fastest desk tests
# (the key bursts, Esc, recovery, the idle lock, following another desk). What is left out is
# slow for what it is — real terminals in tmux, kill loops, two desks for a minute, every
# screen's snapshot, walks through every step and dialog — and CI runs it all.
SLOW = (
    "e2e/",
    "faults/",
    "tui/test_snapshots.py",
    "tui/test_dialogs_fit_the_item.py",
    "tui/test_workflow.py",
    "tui/test_focus_visible_80x24.py",
    "tui/test_harm_steps.py",
    "tui/test_offence_picker_80x24.py",
    "tui/test_prompts_follow_record.py",
    "tui/test_desk_keys.py",
    "tui/test_desk_80x24.py",
    "tui/test_hostile_fields.py",
    "tui/test_previous_knowledge.py",
    "tui/test_office_letters.py",
    "tui/test_unverified_and_blank.py",
    "tui/test_one_fact_80x24.py",
    "tui/test_issue27_desk.py",
)
HERE = Path(__file__).parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        where = item.path.relative_to(HERE).as_posix() if item.path.is_relative_to(HERE) else ""
        if where.startswith(SLOW):
            item.add_marker(pytest.mark.slow)


OFFICE_TOML = """[office]
name = "Cafcass, Birmingham office"
address = "Level 5, 10 Colmore Row, Birmingham, B3 2QD"
phone = "0300 456 4000"
email = "duty.birmingham@cafcass.gov.uk.cjsm.net"
role = "Family Court Adviser"
direct_line = "0300 456 4123"
"""


@pytest.fixture(autouse=True)
def _hermetic(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("DUTYDESK_CONFIG_DIR", str(home / "config"))
    monkeypatch.setenv("DUTYDESK_DATA_DIR", str(home / "data"))
    monkeypatch.setenv("DUTYDESK_CACHE_DIR", str(home / "cache"))
    monkeypatch.setenv("DUTYDESK_STATE_DIR", str(home / "state"))
    monkeypatch.delenv("DUTYDESK_DB", raising=False)
    monkeypatch.delenv("DUTYDESK_DB_URL", raising=False)
    monkeypatch.setenv("DUTYDESK_OFFICER", "Test Officer")
    # Letters need the office's details (the letterhead); a test of their absence removes them.
    (home / "config").mkdir(mode=0o700)
    (home / "config" / "config.toml").write_text(OFFICE_TOML, encoding="utf-8")
    yield
    from dutydesk.infra import log

    log.close()  # the next test's commands start without this one's log file and -v echo

"""Hermetic tests: no developer config, no developer store."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
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
    monkeypatch.delenv("DUTYDESK_DB", raising=False)
    monkeypatch.delenv("DUTYDESK_DB_URL", raising=False)
    monkeypatch.setenv("DUTYDESK_OFFICER", "Test Officer")
    # Letters need the office's details (the letterhead); a test of their absence removes them.
    (home / "config").mkdir(mode=0o700)
    (home / "config" / "config.toml").write_text(OFFICE_TOML, encoding="utf-8")
    yield

"""Hermetic tests: no developer config, no developer store."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(autouse=True)
def _hermetic(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("DUTYDESK_CONFIG_DIR", str(home / "config"))
    monkeypatch.setenv("DUTYDESK_DATA_DIR", str(home / "data"))
    monkeypatch.setenv("DUTYDESK_CACHE_DIR", str(home / "cache"))
    monkeypatch.delenv("DUTYDESK_DB", raising=False)
    monkeypatch.delenv("DUTYDESK_DB_URL", raising=False)
    monkeypatch.setenv("DUTYDESK_OFFICER", "Test Officer")
    yield

"""TUI tests run the real app over a temporary store, with the sample cases when asked."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from dutydesk.config.policy_files import load_policy
from dutydesk.services.demo import prepare_demo
from dutydesk.store.audit import Officer
from dutydesk.store.repository import Store
from dutydesk.tui.app import DutydeskApp

OFFICER = Officer("Test Officer", "tester")


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store.open(OFFICER, db=tmp_path / "tui.sqlite3")
    yield s
    s.close()


@pytest.fixture
def demo_store(tmp_path: Path) -> Iterator[Store]:
    from datetime import date

    s = prepare_demo(OFFICER, tmp_path / "demo.sqlite3", today=date(2025, 6, 14))  # samples unshifted
    yield s
    s.close()


def make_app(store: Store) -> DutydeskApp:
    return DutydeskApp(store, load_policy())

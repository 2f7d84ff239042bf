"""Stores to test against: always SQLite; PostgreSQL too when DUTYDESK_TEST_PG_URL is set."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from dutydesk.store.audit import Officer
from dutydesk.store.engine import Location
from dutydesk.store.repository import Store

PG_URL = os.environ.get("DUTYDESK_TEST_PG_URL")
OFFICER = Officer("J. Officer", "jofficer")

OpenStore = Callable[..., Store]


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def open_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[OpenStore]:
    """A factory: each call opens another Store (another 'session') on the same database."""
    opened: list[Store] = []
    if request.param == "sqlite":
        db = tmp_path / "store" / "dutydesk.sqlite3"

        def factory(officer: Officer = OFFICER) -> Store:
            store = Store.open(officer, db=db)
            opened.append(store)
            return store

    else:
        if not PG_URL:
            pytest.skip("PostgreSQL not configured (set DUTYDESK_TEST_PG_URL)")
        schema = f"t_{uuid.uuid4().hex[:12]}"
        admin = create_engine(PG_URL)
        with admin.begin() as conn:
            conn.execute(text(f"CREATE SCHEMA {schema}"))
        url = f"{PG_URL}?options=-csearch_path%3D{schema}"

        def factory(officer: Officer = OFFICER) -> Store:
            store = Store.open(officer, location=Location(url, None))
            opened.append(store)
            return store

    yield factory
    for store in opened:
        store.close()
    if request.param == "postgresql":
        with admin.begin() as conn:
            conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()

"""The demo store: the sample cases from data/samples, ready to explore."""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dutydesk.config.officer import Officer
from dutydesk.config.paths import data_dir, user_data_dir
from dutydesk.domain.time.calendar import LONDON
from dutydesk.store.repository import Store

if TYPE_CHECKING:
    from dutydesk.store.repository import Store


def demo_db_path() -> Path:
    return user_data_dir() / "demo.sqlite3"


def sample_files() -> list[Path]:
    return sorted((data_dir() / "samples").glob("*.json"))


_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}(T.*)?$")
SAMPLES_RECEIVED = date(2025, 6, 12)  # the samples were written around this day


def shift_dates(value: Any, days: int) -> Any:
    """Every ISO date and instant moved by `days` (a whole number of weeks keeps weekdays)."""
    if isinstance(value, dict):
        return {k: shift_dates(v, days) for k, v in value.items()}
    if isinstance(value, list):
        return [shift_dates(v, days) for v in value]
    if isinstance(value, str) and _ISO.match(value):
        if "T" in value:  # same London wall-clock time, with the offset of the new date
            local = datetime.fromisoformat(value).astimezone(LONDON).replace(tzinfo=None)
            return (local + timedelta(days=days)).replace(tzinfo=LONDON).isoformat()
        return (date.fromisoformat(value) + timedelta(days=days)).isoformat()
    return value


def prepare_demo(officer: Officer, db: Path | None = None, today: date | None = None) -> Store:
    """Open the demo store, importing any sample case it does not hold yet, moved forward by
    whole weeks so that the cases arrived in the last few days and their hearings are ahead."""

    store = Store.open(officer, db=db or demo_db_path())
    today = today or datetime.now(UTC).date()
    weeks = max(0, (today - SAMPLES_RECEIVED).days // 7)
    for path in sample_files():
        doc = json.loads(path.read_text(encoding="utf-8"))
        if not store.exists(doc["case"]["reference"]):
            doc.pop("sample", None)
            store.import_document(shift_dates(doc, weeks * 7))
    return store
